"""Whole-graph validation in shards (build.shards) reports what one run over the union reports.

The store holds the reference data and the 60 labelled fixture pages; shards of a few pages make
people and sub-topics cross shards. Three kinds of violation are injected: one that only the
union of two page graphs shows (a person named differently by two pages in different shards),
one inside a page, and one in the reference data.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from tests.pages_support import GOOD_PAGES, reference_store

from osce_kg import iri
from osce_kg.build.pipeline import ONTOLOGY_GRAPH
from osce_kg.build.shards import validate_in_shards
from osce_kg.build.validation import focus_label
from osce_kg.pages.ingest import ingest_paths
from osce_kg.validate.shacl import default_ontology, default_shapes, validate

SHARED_PERSON = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX osce: <https://w3id.org/osce-kg/ontology#>
SELECT ?p (MIN(STR(?g)) AS ?first) (MAX(STR(?g)) AS ?last) WHERE {
  GRAPH ?g { ?p a osce:Person ; rdfs:label ?l } FILTER(STRSTARTS(STR(?g), "%s"))
} GROUP BY ?p HAVING (COUNT(DISTINCT ?g) > 1) ORDER BY ?p LIMIT 1"""


def _pages_store(kind: str, tmp_path_factory):
    s = reference_store(None if kind == "in memory" else tmp_path_factory.mktemp("store") / "store")
    report = ingest_paths(s, [GOOD_PAGES])
    assert report.ok
    return s


@pytest.fixture(scope="module", params=["in memory", "on disk"])
def store(request, tmp_path_factory):
    """Shards of a store in memory run in this process; of a store on disk, in worker processes."""
    s = _pages_store(request.param, tmp_path_factory)
    yield s
    s.close()


@pytest.fixture(params=["in memory", "on disk"])
def store_to_break(request, tmp_path_factory):
    """The same, for a test that injects violations: its own, so that the order of tests does not matter."""
    s = _pages_store(request.param, tmp_path_factory)
    yield s
    s.close()


def both_ways(store, shard_pages: int) -> tuple[set, set, int]:
    data = [g for g in store.graph_names() if g != ONTOLOGY_GRAPH]
    pages = [g for g in data if iri.graph_kind(g) == "page"]
    label = lambda node: focus_label(store, node)  # noqa: E731
    text = store.serialize_union(data, ox.RdfFormat.N_TRIPLES).decode("utf-8")
    whole = validate(text, label=label)
    sharded = validate_in_shards(store, default_shapes(), default_ontology(), data, label, shard_pages, processes=2)
    assert whole.conforms == sharded.conforms
    return {v.line() for v in whole.violations}, {v.line() for v in sharded.violations}, len(pages) // shard_pages


def test_shards_of_clean_data_conform_as_the_whole_does(store):
    whole, sharded, shards = both_ways(store, 7)
    assert shards >= 5
    assert whole == sharded == set()


def test_shards_report_what_the_whole_graph_reports(store_to_break):
    store = store_to_break
    prefix = str(iri.graph("page", "x"))[:-1]
    [row] = store.query(SHARED_PERSON % prefix)
    person, first, last = row["p"], URIRef(str(row["first"])), URIRef(str(row["last"]))
    page_graphs = sorted(g for g in store.graph_names() if iri.graph_kind(g) == "page")
    # in different shards of 7 pages, so that no shard holds both of the person's labels
    assert page_graphs.index(first) // 7 != page_graphs.index(last) // 7
    store._store.update(f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX org: <http://www.w3.org/ns/org#>
        DELETE {{ GRAPH <{last}> {{ <{person}> rdfs:label ?l }} }} INSERT {{ GRAPH <{last}> {{ <{person}> rdfs:label "Someone Else"@en }} }}
          WHERE {{ GRAPH <{last}> {{ <{person}> rdfs:label ?l }} }} ;
        DELETE {{ GRAPH <{first}> {{ ?doc dct:title ?t }} }} WHERE {{ GRAPH <{first}> {{ ?doc a <https://w3id.org/osce-kg/ontology#Document> ; dct:title ?t }} }} ;
        DELETE WHERE {{ GRAPH ?g {{ ?m org:member <{iri.country("AT")}> ; ?p ?o }} }}""")
    whole, sharded, _ = both_ways(store, 7)
    assert whole == sharded
    assert any(str(person) in line and "one label per language" in line for line in whole), whole
    assert any("dct:title" in line for line in whole), whole
    assert any(str(iri.country("AT")) in line for line in whole), whole
    assert len(whole) >= 3
