"""The store: named graphs in, SPARQL out, with transactional replacement and bound parameters."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDFS, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from osce_kg.errors import InputError
from osce_kg.store import GraphStore
from osce_kg.store.provenance import content_hash, provenance_record

G1 = URIRef("urn:test:graph:one")
G2 = URIRef("urn:test:graph:two")
P = URIRef("urn:test:p")


def _graph(*objects: object) -> Graph:
    g = Graph()
    for i, o in enumerate(objects):
        g.add((URIRef(f"urn:test:s{i}"), P, Literal(o) if type(o) is str else o))
    return g


def test_replace_graph_replaces_only_that_graph() -> None:
    store = GraphStore.open(None)
    store.replace_graph(G1, _graph("a", "b"))
    store.replace_graph(G2, _graph("c"))
    store.replace_graph(G1, _graph("z"))
    assert store.counts() == {G1: 1, G2: 1}
    assert [r["o"] for r in store.query(f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")] == [Literal("z")]


def test_failing_replace_keeps_every_old_graph() -> None:
    store = GraphStore.open(None)
    store.replace_graphs({G1: _graph("old1"), G2: _graph("old2")})
    good = _graph("new1", "new1b")
    # rdflib writes a relative IRI that Oxigraph's parser rejects: the update fails as a whole.
    bad = _graph(URIRef("relative/iri"))
    with pytest.raises(SyntaxError):
        store.replace_graphs({G1: good, G2: bad})
    assert store.counts() == {G1: 1, G2: 1}
    assert isomorphic(store.graph(G1), _graph("old1"))


def test_replace_graphs_keeps_blank_nodes_shared_between_graphs() -> None:
    g = Graph()
    b = BNode()
    g.add((URIRef("urn:test:s"), P, b))
    g.add((b, RDFS.label, Literal("inner")))
    store = GraphStore.open(None)
    store.replace_graphs({G1: g, G2: g})
    assert store.counts() == {G1: 2, G2: 2}
    assert isomorphic(store.graph(G2), g)


def test_empty_graph_is_kept_as_a_named_graph() -> None:
    store = GraphStore.open(None)
    store.replace_graph(G1, Graph())
    assert G1 in store.graph_names()
    assert store.count(G1) == 0


def test_binding_cannot_inject_sparql() -> None:
    store = GraphStore.open(None)
    hostile = Literal("} ; DROP ALL ; {")
    g = Graph()
    g.add((URIRef("urn:test:evil"), RDFS.label, hostile))
    g.add((URIRef("urn:test:good"), RDFS.label, Literal("good")))
    store.replace_graph(G1, g)
    rows = store.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?label WHERE { ?s rdfs:label ?label }",
        bindings={"label": hostile},
    )
    assert rows == [{"s": URIRef("urn:test:evil"), "label": hostile}]
    assert store.count() == 2


def test_query_kinds_return_python_values() -> None:
    store = GraphStore.open(None)
    store.replace_graph(G1, _graph("a"))
    assert store.query("ASK { ?s ?p 'a' }") is True
    assert store.query("ASK { ?s ?p 'nope' }") is False
    constructed = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(constructed, Graph) and isomorphic(constructed, _graph("a"))


def test_union_graph_and_dataset_hold_every_graph() -> None:
    store = GraphStore.open(None)
    store.replace_graphs({G1: _graph("a"), G2: _graph("a", "b")})
    assert len(store.union_graph()) == 2  # the shared triple is one triple in the union
    assert len(store.union_graph([G1])) == 1
    ds = store.dataset()
    assert {URIRef(g.identifier) for g in ds.graphs() if len(g)} == {G1, G2}


def test_load_graphs_then_add_triples(tmp_path: Path) -> None:
    store = GraphStore.open(tmp_path / "s")
    store.load_graphs({G1: _graph("a", "b"), G2: Graph()})
    store.add_triples(G2, _graph("c"))
    store.add_triples(G2, _graph("c"))  # a set: adding the same triple twice keeps one
    assert store.counts() == {G1: 2, G2: 1}
    store.close()
    readers = [GraphStore.open_read_only(tmp_path / "s") for _ in range(2)]
    assert [r.counts() for r in readers] == [{G1: 2, G2: 1}] * 2
    for reader in readers:
        reader.close()


def test_open_read_only_on_missing_store_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="osce-kg build"):
        GraphStore.open_read_only(tmp_path / "nothing")


def test_provenance_record_names_source_hash_and_location() -> None:
    digest = content_hash(b"code,name\nAL,Albania\n")
    assert digest.startswith("sha256:") and len(digest) == len("sha256:") + 64
    g = provenance_record(G1, "data/states.csv", digest, source_url="https://www.osce.org/", captured="2026-11-28")
    store = GraphStore.open(None)
    store.replace_graph(URIRef("urn:test:prov"), g)
    rows = store.query(
        """PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?g ?loc WHERE { ?g prov:wasDerivedFrom ?src . ?src prov:atLocation ?loc }""",
        bindings={"g": G1},
    )
    assert rows == [{"g": G1, "loc": Literal("data/states.csv")}]


def test_dump_graphs_keeps_or_merges_graphs() -> None:
    import pyoxigraph as ox

    store = GraphStore.open(None)
    store.replace_graphs({G1: _graph("a"), G2: _graph("a", "b")})
    quads = store.dump_graphs(ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    assert len(quads) == 3 and sum(f"<{G1}>" in q for q in quads) == 1
    triples = store.dump_graphs(ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines()
    assert len(triples) == 2  # the triple in both graphs is written once
    merged = Graph().parse(data=store.dump_graphs(ox.RdfFormat.JSON_LD, [G2], merged=True).decode("utf-8"), format="json-ld")
    assert isomorphic(merged, _graph("a", "b"))


def test_graph_names_are_checked_before_they_reach_sparql() -> None:
    store = GraphStore.open(None)
    store.replace_graph(G1, _graph("a"))
    hostile = URIRef("urn:x> } ; DROP ALL ; INSERT DATA { <urn:y")
    with pytest.raises(ValueError):
        store.drop_graph(hostile)
    with pytest.raises(ValueError):
        store.count(hostile)
    assert store.count() == 1


def _nquads(name: str, *objects: str) -> bytes:
    return "".join(f'<urn:s> <urn:p> "{o}" <{name}> .\n' for o in objects).encode()


def _write(store: GraphStore, name: str, *objects: str) -> None:
    store.write_graphs({URIRef(name): [q.triple for q in ox.parse(_nquads(name, *objects), format=ox.RdfFormat.N_QUADS)]})


def test_bulk_write_leaves_no_journal_and_all_its_graphs(tmp_path: Path) -> None:
    store = GraphStore.open(tmp_path / "store")
    store.bulk_add_nquads(_nquads("urn:g1", "a", "b") + _nquads("urn:g2", "c"), [URIRef("urn:g1"), URIRef("urn:g2")])
    assert store.counts() == {URIRef("urn:g1"): 2, URIRef("urn:g2"): 1}
    assert not (tmp_path / "store.bulk-journal").exists()


def test_a_bulk_write_cut_short_is_undone_when_the_store_is_opened(tmp_path: Path) -> None:
    """A process killed during a bulk write leaves its journal: the next open drops the graphs it
    names (written in part or not at all) and keeps everything else."""
    store = GraphStore.open(tmp_path / "store")
    _write(store, "urn:kept", "x")
    # what a killed bulk write leaves: the journal, and part of its data on disk
    (tmp_path / "store.bulk-journal").write_text("urn:g1\nurn:g2\n", encoding="utf-8")
    _write(store, "urn:g1", "a")
    store.close()
    reopened = GraphStore.open(tmp_path / "store")
    assert reopened.counts() == {URIRef("urn:kept"): 1}
    assert reopened.dropped_unfinished == [URIRef("urn:g1"), URIRef("urn:g2")]
    assert not (tmp_path / "store.bulk-journal").exists()
    reopened.close()
    assert GraphStore.open(tmp_path / "store").dropped_unfinished == []
