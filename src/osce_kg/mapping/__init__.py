"""Map plain records to RDF. Mappers know nothing of files: they take records, return graphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef


@dataclass
class SourceGraph:
    """The triples read from one source, bound for one named graph of the store."""

    name: URIRef
    graph: Graph
    source_path: Path
    source_url: str | None = None
    captured: str | None = None
    warnings: list[str] = field(default_factory=list)
