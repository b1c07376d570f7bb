"""Baseline 2: GraphStore's interface on rdflib's in-memory Dataset, so the same ingest pipeline runs on it.

Only the engines underneath change: rdflib's memory store and SPARQL engine instead of
pyoxigraph, and (set by the benchmark) pyshacl instead of pyshacl-turbo, i.e. the rdflib stack;
parsing and mapping are the project's own code in both runs. Terms cross the interface as
pyoxigraph terms where GraphStore's do (raw_query, write_graphs, bulk_add_nquads), converted here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from osce_kg.store.terms import from_ox, to_ox


class RdflibGraphStore:
    """Named graphs in an rdflib Dataset; the default graph of queries is their union, as in GraphStore."""

    def __init__(self) -> None:
        self._ds = Dataset(default_union=True)
        self.path = None

    # writing ------------------------------------------------------------------------------------

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        self.replace_graphs({name: graph})

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        for name, graph in graphs.items():
            self._ds.remove_graph(URIRef(name))
            target = self._ds.graph(URIRef(name))
            for triple in graph:
                target.add(triple)

    def add_triples(self, name: URIRef, graph: Graph) -> None:
        target = self._ds.graph(URIRef(name))
        for triple in graph:
            target.add(triple)

    def load_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        self.replace_graphs(graphs)

    def write_graphs(self, graphs: Mapping[URIRef, Sequence[ox.Triple]], *, replace: Iterable[URIRef] = (),
                     drop: Iterable[URIRef] = ()) -> None:
        for name in {*replace, *drop}:
            self._ds.remove_graph(URIRef(name))
        for name, triples in graphs.items():
            target = self._ds.graph(URIRef(name))
            for t in triples:
                target.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))

    def bulk_add_nquads(self, data: bytes, graphs: Iterable[URIRef]) -> None:
        self._ds.parse(data=data.decode("utf-8"), format="nquads")

    def drop_graph(self, name: URIRef) -> None:
        self._ds.remove_graph(URIRef(name))

    def flush(self) -> None:
        """Nothing to write: the Dataset lives in memory."""

    def optimize(self) -> None:
        """Nothing to compact: the Dataset lives in memory."""

    def close(self) -> None:
        self._ds = Dataset(default_union=True)

    # reading ------------------------------------------------------------------------------------

    def _named(self) -> list[Graph]:
        default = self._ds.default_context.identifier
        return [g for g in self._ds.graphs() if g.identifier != default]

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.identifier) for g in self._named())

    def count(self, name: URIRef | None = None) -> int:
        if name is not None:
            return len(self._ds.graph(URIRef(name)))
        return sum(len(g) for g in self._named())

    def counts(self) -> dict[URIRef, int]:
        return {URIRef(g.identifier): len(g) for g in self._named()}

    def graph(self, name: URIRef) -> Graph:
        g = Graph(identifier=name)
        for triple in self._ds.graph(URIRef(name)):
            g.add(triple)
        return g

    def union_graph(self, names: Iterable[URIRef] | None = None) -> Graph:
        g = Graph()
        chosen = self._named() if names is None else [self._ds.graph(URIRef(n)) for n in names]
        for part in chosen:
            for triple in part:
                g.add(triple)
        return g

    def serialize_union(self, names: Iterable[URIRef], format: ox.RdfFormat) -> bytes:
        return self.union_graph(names).serialize(format="nt", encoding="utf-8")

    def serialize(self, format: ox.RdfFormat, *, from_graph: URIRef | None = None) -> bytes:
        if from_graph is not None:
            return self.graph(from_graph).serialize(format="nt", encoding="utf-8")
        return self._ds.serialize(format="nquads", encoding="utf-8")

    def raw_query(self, sparql: str, bindings: Mapping[str, Node] | None = None):
        """The answer with pyoxigraph's terms, as GraphStore.raw_query gives it (rows index by name)."""
        result = self.query(sparql, bindings)
        if isinstance(result, bool):
            return result
        if isinstance(result, Graph):
            return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result]
        return [{name: to_ox(term) for name, term in row.items()} for row in result]

    def dataset(self) -> Dataset:
        return self._ds

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None):
        result: Result = self._ds.query(sparql, initBindings=dict(bindings or {}))
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type == "SELECT":
            names = [str(v) for v in result.vars]
            return [{n: row[n] for n in names if row[n] is not None} for row in result]
        g = Graph()
        for triple in result.graph:
            g.add(triple)
        return g
