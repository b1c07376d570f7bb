"""Exports: every format parsed back is isomorphic to what the store holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from osce_kg import iri, paths
from osce_kg.errors import InputError
from osce_kg.export.formats import FORMATS, data_graphs, export_graphs
from osce_kg.namespaces import PREFIXES
from osce_kg.store import GraphStore

RDFLIB_FORMAT = {"turtle": "turtle", "jsonld": "json-ld", "nt": "nt", "nq": "nquads", "trig": "trig"}


def _small_store() -> GraphStore:
    """Two data graphs, a page graph, the ontology and provenance, with the awkward terms:
    blank nodes, language tags, typed literals, quotes and newlines."""
    states, page = Graph(), Graph()
    al = iri.country("AL")
    states.add((al, RDF.type, iri.OSCE.ParticipatingState))
    states.add((al, RDFS.label, Literal("Albania", lang="en")))
    states.add((al, RDFS.label, Literal("Albanie", lang="fr")))
    interval = BNode()
    states.add((iri.membership("participating", "AL"), iri.ORG.memberDuring, interval))
    states.add((interval, iri.TIME.hasBeginning, Literal("1991-06-19", datatype=XSD.date)))
    doc = iri.document("node-1")
    page.add((doc, iri.SCHEMA.text, Literal('A "quoted"\nline; } DROP ALL {')))
    page.add((doc, iri.SCHEMA.mentions, al))
    ontology = Graph()
    ontology.add((iri.OSCE.ParticipatingState, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    prov = Graph()
    prov.add((iri.graph("data", "states"), RDF.type, URIRef("http://www.w3.org/ns/prov#Entity")))
    store = GraphStore.open(None)
    store.replace_graphs(
        {
            iri.graph("data", "states"): states,
            iri.graph("page", "node-1"): page,
            iri.graph("ontology", "osce"): ontology,
            iri.PROVENANCE_GRAPH: prov,
        }
    )
    return store


@pytest.fixture()
def context_file(tmp_path: Path) -> Path:
    path = tmp_path / "context.jsonld"
    path.write_text(json.dumps({"@context": {k: v for k, v in PREFIXES.items()}}), encoding="utf-8")
    return path


def assert_round_trip(store: GraphStore, fmt: str, data: bytes, graphs: list[URIRef] | None = None) -> None:
    """Parse an export back with rdflib and compare it with the store, graph by graph for quads."""
    if fmt in {"nq", "trig"}:
        ds = Dataset()
        ds.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
        parsed = {URIRef(g.identifier): g for g in ds.graphs() if len(g)}
        expected = graphs if graphs is not None else [g for g, n in store.counts().items() if n]
        assert set(parsed) == set(expected)
        for name in expected:
            assert isomorphic(parsed[name], store.graph(name)), name
    else:
        g = Graph()
        g.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
        expected = store.union_graph(graphs if graphs is not None else data_graphs(store))
        assert len(g) == len(expected)
        assert isomorphic(g, expected)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_round_trips(fmt: str, context_file: Path) -> None:
    store = _small_store()
    assert_round_trip(store, fmt, export_graphs(store, fmt, context_path=context_file))


@pytest.mark.parametrize("fmt", ["turtle", "nq"])
def test_one_graph_only(fmt: str) -> None:
    store = _small_store()
    name = iri.graph("page", "node-1")
    data = export_graphs(store, fmt, [name])
    assert_round_trip(store, fmt, data, [name])
    assert b"Albanie" not in data


def test_triple_formats_leave_out_ontology_and_provenance() -> None:
    data = export_graphs(_small_store(), "nt")
    assert b"owl#Class" not in data and b"prov#Entity" not in data
    ds = Dataset()
    ds.parse(data=export_graphs(_small_store(), "trig").decode("utf-8"), format="trig")
    names = {URIRef(g.identifier) for g in ds.graphs() if len(g)}
    assert {iri.graph("ontology", "osce"), iri.PROVENANCE_GRAPH} <= names


def test_turtle_uses_project_prefixes() -> None:
    text = export_graphs(_small_store(), "turtle").decode("utf-8")
    assert "@prefix osce: <https://w3id.org/osce-kg/ontology#> ." in text
    assert "osce:ParticipatingState" in text


def test_jsonld_is_compacted_with_a_local_context(context_file: Path) -> None:
    document = json.loads(export_graphs(_small_store(), "jsonld", context_path=context_file))
    assert isinstance(document["@context"], dict)  # embedded, not a URL: works offline
    assert "osce:ParticipatingState" in json.dumps(document)


def test_unknown_graph_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no such graph"):
        export_graphs(_small_store(), "nt", [iri.graph("data", "nothing")])


def test_missing_context_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="context not found"):
        export_graphs(_small_store(), "jsonld", context_path=tmp_path / "none.jsonld")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_bundled_store_round_trips(fmt: str, built_store: GraphStore) -> None:
    data = export_graphs(built_store, fmt, context_path=paths.ONTOLOGY_DIR / "context.jsonld")
    assert_round_trip(built_store, fmt, data)
