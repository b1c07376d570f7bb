"""SHACL validation of named graphs, with each violation traced to the graph(s) it comes from.

pyshacl runs on an rdflib Graph of the data (measured 50x faster and correct, against running it
over the pyoxigraph store); the store is then asked which named graph states the focus node, so
that the report says which file to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from osce_kg.errors import InputError
from osce_kg.build.summary import short_graph
from osce_kg.store import GraphStore


@dataclass
class Outcome:
    """The result of validating a store: conforms, number of violations, and a readable report."""

    conforms: bool
    violations: int
    text: str

    def headline(self) -> str:
        return "conforms" if self.conforms else f"does NOT conform ({self.violations} violations)"


def read_rdf(path: Path) -> Graph:
    """Parse an RDF file (format guessed from its extension) or fail with an InputError."""
    from rdflib.util import guess_format

    fmt = guess_format(str(path))
    if fmt is None:
        raise InputError("unknown RDF format: use .ttl, .nt, .nq, .trig, .jsonld or .rdf", path=path)
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except Exception as exc:  # rdflib's parsers raise many types; all mean "this file is not RDF"
        line = getattr(exc, "lines", None) or getattr(exc, "line", None)
        raise InputError(f"cannot parse as {fmt}: {exc}", path=path, line=line if isinstance(line, int) else None) from None
    return g


def _source_graphs(store: GraphStore, focus: object) -> list[str]:
    if not isinstance(focus, URIRef):
        return []
    rows = store.query("SELECT DISTINCT ?g ?focus WHERE { GRAPH ?g { ?focus ?p ?o } }", bindings={"focus": focus})
    assert isinstance(rows, list)
    return sorted(short_graph(r["g"]) for r in rows)


def validate_store(
    store: GraphStore,
    shapes: Graph,
    ontology: Graph,
    data_graphs: Iterable[URIRef],
) -> Outcome:
    """Validate the union of `data_graphs` against the shapes, with the ontology for inference."""
    from osce_kg.validate.shacl import validate

    report = validate(store.union_graph(list(data_graphs)), shapes=shapes, ontology=ontology)
    if report.conforms:
        return Outcome(True, 0, "conforms")
    lines = [f"The graph does not conform to ontology/shapes.ttl: {len(report.violations)} violations."]
    for v in report.violations:
        graphs = ", ".join(_source_graphs(store, v.focus)) or "(no named graph states it)"
        label = f"{v.focus_label} <{v.focus}>" if v.focus_label and str(v.focus_label) != str(v.focus) else f"<{v.focus}>"
        value = f" (value: {v.value})" if v.value is not None else ""
        lines.append(f"- {label}\n    path: {v.path}\n    message: {v.message}{value}\n    source graph: {graphs}")
    return Outcome(False, len(report.violations), "\n".join(lines))
