"""SHACL validation of the store's data graphs, each violation traced to its source graph.

The data goes to the validate package as the N-Triples text that pyoxigraph writes for the union
of the data graphs (no rdflib graph: making one took longer than validating it with the turbo
engine), and the store then says which named graph (hence which file) states each faulty node and
gives its label, as validate_dataset would.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from osce_kg import iri
from osce_kg.build.shards import SHARD_PAGES, validate_in_shards
from osce_kg.store import GraphStore
from osce_kg.validate.rdf_files import file_graph_name, load_dataset
from osce_kg.validate.shacl import Report, Violation, validate

MAX_VIOLATIONS = 20
"""Results shown after the per-shape counts; the rest go to a report file (validate --report)."""


@dataclass
class Outcome:
    """Conforms or not, how many violations, and the report."""

    conforms: bool
    violations: int
    report: Report

    @classmethod
    def of(cls, report: Report) -> Outcome:
        return cls(report.conforms, len(report.violations), report)

    @property
    def text(self) -> str:
        """The readable report: counts per shape, then every result (what the build prints when
        the data does not conform: there is no store to validate again; `validate` caps it)."""
        return self.report.render(None)

    def headline(self) -> str:
        if self.conforms:
            # Results of severity sh:Warning or sh:Info do not break conformance but are listed.
            return f"conforms, with {self.violations} warnings" if self.violations else "conforms"
        return f"does NOT conform ({self.violations} violations)"


def read_rdf(path: Path) -> Graph:
    """One RDF file as a Graph; bad syntax or a missing file raises InputError with the line."""
    return load_dataset([Path(path)]).graph(file_graph_name(Path(path)))


# as validate.shacl labels a node of an rdflib graph: rdfs:label before skos:prefLabel, English first
LABEL = """SELECT ?node ?label WHERE {
  { ?node <http://www.w3.org/2000/01/rdf-schema#label> ?label BIND(0 AS ?rank) }
  UNION { ?node <http://www.w3.org/2004/02/skos/core#prefLabel> ?label BIND(1 AS ?rank) }
  FILTER(isLiteral(?label))
} ORDER BY ?rank DESC(LANG(?label) = "en") STR(?label) LIMIT 1"""


def focus_label(store: GraphStore, node: Node) -> str | None:
    """The English (else any) label of a node in the store, as the report shows it."""
    if not isinstance(node, URIRef):
        return None
    rows = store.query(LABEL, {"node": node})
    assert isinstance(rows, list)
    return str(rows[0]["label"]) if rows else None


def _with_graphs(store: GraphStore, violation: Violation) -> Violation:
    if not isinstance(violation.focus, URIRef):
        return violation
    rows = store.query(
        "SELECT DISTINCT ?g ?focus WHERE { GRAPH ?g { ?focus ?p ?o } } ORDER BY ?g",
        bindings={"focus": violation.focus},
    )
    assert isinstance(rows, list)
    return replace(violation, graph=tuple(URIRef(str(r["g"])) for r in rows))


def validate_store(store: GraphStore, shapes: Graph, ontology: Graph, data_graphs: Iterable[URIRef], *,
                   shard_pages: int = SHARD_PAGES) -> Outcome:
    """Validate the union of `data_graphs` against the shapes, the ontology given as ont_graph;
    each violation names the graph(s) stating its focus node. More than `shard_pages` page graphs
    are validated in shards with the same results (build.shards), to bound memory."""
    data_graphs = list(data_graphs)
    label = lambda node: focus_label(store, node)  # noqa: E731
    if sum(1 for g in data_graphs if iri.graph_kind(g) == "page") > shard_pages:
        report = validate_in_shards(store, shapes, ontology, data_graphs, label, shard_pages)
    else:
        text = store.serialize_union(data_graphs, ox.RdfFormat.N_TRIPLES).decode("utf-8")
        report = validate(text, shapes=shapes, ontology=ontology, label=label)
    graphs: dict[Node, Violation] = {}
    report.violations = [replace(v, graph=_cached_graphs(store, v, graphs)) for v in report.violations]
    return Outcome.of(report)


def _cached_graphs(store: GraphStore, violation: Violation, seen: dict[Node, Violation]) -> tuple[URIRef, ...]:
    """The graphs stating a violation's focus node, looked up once per node (a bad node has
    several violations)."""
    known = seen.get(violation.focus)
    if known is None:
        known = seen[violation.focus] = _with_graphs(store, violation)
    return known.graph
