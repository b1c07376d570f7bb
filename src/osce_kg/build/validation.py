"""SHACL validation of the store's data graphs, each violation traced to its source graph.

The validate package does the SHACL work on rdflib graphs (pyshacl over the pyoxigraph store was
measured 50x slower and wrong). The data goes to it as one union graph, and the store then says
which named graph (hence which file) states each faulty node, as validate_dataset would: on the
bundled data that is 7 s instead of 11.6 s, rdflib's Dataset being slow to parse and to union.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph, URIRef

from osce_kg.store import GraphStore
from osce_kg.validate.rdf_files import file_graph_name, load_dataset
from osce_kg.validate.shacl import Report, Violation, validate


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
        if self.conforms:
            # Results of severity sh:Warning or sh:Info do not break conformance but are listed.
            return f"conforms, with {self.violations} warnings" if self.violations else "conforms"
        return f"does NOT conform ({self.violations} violations)"


def read_rdf(path: Path) -> Graph:
    """One RDF file as a Graph; bad syntax or a missing file raises InputError with the line."""
    return load_dataset([Path(path)]).graph(file_graph_name(Path(path)))


def _with_graphs(store: GraphStore, violation: Violation) -> Violation:
    if not isinstance(violation.focus, URIRef):
        return violation
    rows = store.query(
        "SELECT DISTINCT ?g ?focus WHERE { GRAPH ?g { ?focus ?p ?o } } ORDER BY ?g",
        bindings={"focus": violation.focus},
    )
    assert isinstance(rows, list)
    return replace(violation, graph=tuple(URIRef(r["g"]) for r in rows))


def validate_store(store: GraphStore, shapes: Graph, ontology: Graph, data_graphs: Iterable[URIRef]) -> Outcome:
    """Validate the union of `data_graphs` against the shapes, the ontology given as ont_graph;
    each violation names the graph(s) stating its focus node."""
    report = validate(store.union_graph(list(data_graphs)), shapes=shapes, ontology=ontology, inplace=True)
    report.violations = [_with_graphs(store, v) for v in report.violations]
    return Outcome.of(report)
