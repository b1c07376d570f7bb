"""SHACL validation of the store's data graphs, each violation traced to its source graph.

The validate package does the SHACL work on rdflib graphs (pyshacl over the pyoxigraph store was
measured 50x slower and wrong); this module hands it the store's data graphs as a Dataset, so
that the report says which named graph, hence which file, states the faulty node.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from osce_kg.store import GraphStore
from osce_kg.validate.rdf_files import file_graph_name, load_dataset
from osce_kg.validate.shacl import Report, validate_dataset


@dataclass
class Outcome:
    """Conforms or not, how many violations, and the readable report."""

    conforms: bool
    violations: int
    text: str

    @classmethod
    def of(cls, report: Report) -> Outcome:
        return cls(report.conforms, len(report.violations), report.text())

    def headline(self) -> str:
        return "conforms" if self.conforms else f"does NOT conform ({self.violations} violations)"


def read_rdf(path: Path) -> Graph:
    """One RDF file as a Graph; bad syntax or a missing file raises InputError with the line."""
    return load_dataset([Path(path)]).graph(file_graph_name(Path(path)))


def validate_store(store: GraphStore, shapes: Graph, ontology: Graph, data_graphs: Iterable[URIRef]) -> Outcome:
    """Validate the union of `data_graphs` against the shapes, the ontology given as ont_graph."""
    dataset = Dataset()
    quads = store.dump_graphs(ox.RdfFormat.N_QUADS, list(data_graphs))
    if quads:
        dataset.parse(data=quads.decode("utf-8"), format="nquads")
    return Outcome.of(validate_dataset(dataset, shapes=shapes, ontology=ontology))
