"""The networkx projections: on the hand-written mini graph (every rule checked against the
triples, on both backends) and on the bundled data (the done-when days of issue 5)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from itertools import combinations

import networkx as nx
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS

from osce_kg import iri
from osce_kg.iri import ORG, OSCE, SCHEMA
from osce_kg.store import GraphStore
from osce_kg.viz import projections
from osce_kg.viz.entities import to_date

ALBANIA = str(iri.structure("presence-in-albania"))
CROATIA_MISSION = str(iri.structure("mission-to-croatia"))
ZAGREB_OFFICE = str(iri.structure("office-in-zagreb"))
ASTANA = str(iri.structure("programme-office-in-astana"))
OSCE_ROOT = str(iri.structure("osce"))


def labels(graph: nx.Graph) -> set[str]:
    return {d["label"] for _, d in graph.nodes(data=True)}


# --- structure ------------------------------------------------------------------------------

def test_structure_is_a_tree_under_the_osce_with_every_nesting_of_the_graph(mini_graph: Graph) -> None:
    g = projections.structure(mini_graph)
    roots = [n for n in g if g.in_degree(n) == 0]
    assert roots == [OSCE_ROOT]
    assert nx.descendants(g, OSCE_ROOT) == set(g) - {OSCE_ROOT}
    nesting = {(str(p), str(c)) for c, p in mini_graph.subject_objects(ORG.subOrganizationOf)}
    tree_edges = {(u, v) for u, v, r in g.edges(data="relation") if r == "org:hasSubOrganization"}
    assert tree_edges == nesting
    hosts = {(str(op), str(h)) for op, h in mini_graph.subject_objects(OSCE.host)}
    assert hosts <= set(g.edges)
    assert all(g.nodes[h]["kind"] == "State" for _, h in hosts)


def test_structure_nodes_carry_type_label_iri_dates_and_sources(mini_graph: Graph) -> None:
    node = projections.structure(mini_graph).nodes[ALBANIA]
    subject = URIRef(ALBANIA)
    assert node["iri"] == ALBANIA
    assert node["label"] == str(mini_graph.value(subject, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert node["type"] == "Presence" and node["kind"] == "Field operation"
    assert node["start"] == str(mini_graph.value(subject, SCHEMA.foundingDate))
    assert node["end"] is None and node["closed"] is False
    assert node["sources"] == sorted(str(u) for u in mini_graph.objects(subject, DCTERMS.source))


def test_as_of_keeps_what_existed_that_day_under_that_days_name(mini_graph: Graph) -> None:
    g = projections.structure(mini_graph, as_of=date(2005, 1, 1))
    assert CROATIA_MISSION in g and ZAGREB_OFFICE not in g
    assert g.nodes[ASTANA]["label"] == "OSCE Centre in Almaty"
    assert not any("Programme Office in Astana" in label for label in labels(g))
    assert "OSCE Chairpersonship 2099" not in labels(g)
    later = projections.structure(mini_graph, as_of=date(2010, 1, 1))
    assert later.nodes[ASTANA]["label"] == "OSCE Centre in Astana"
    assert CROATIA_MISSION not in later and ZAGREB_OFFICE in later
    assert projections.structure(mini_graph, as_of=date(2020, 1, 1)).nodes[ASTANA]["label"] == "OSCE Programme Office in Astana"


def test_as_of_boundaries_are_the_founding_and_dissolution_days(mini_graph: Graph) -> None:
    opened = to_date(mini_graph.value(URIRef(ZAGREB_OFFICE), SCHEMA.foundingDate))
    closed = to_date(mini_graph.value(URIRef(CROATIA_MISSION), SCHEMA.dissolutionDate))
    assert ZAGREB_OFFICE in projections.structure(mini_graph, as_of=opened)
    assert ZAGREB_OFFICE not in projections.structure(mini_graph, as_of=opened - timedelta(days=1))
    assert CROATIA_MISSION in projections.structure(mini_graph, as_of=closed)
    assert CROATIA_MISSION not in projections.structure(mini_graph, as_of=closed + timedelta(days=1))


def test_an_end_known_to_the_year_only_runs_to_the_end_of_that_year(mini_graph: Graph) -> None:
    ukraine = str(iri.structure("mission-to-ukraine"))
    node = projections.structure(mini_graph).nodes[ukraine]
    assert (node["start"], node["end"]) == ("1994-11-24", "1999")
    assert ukraine in projections.structure(mini_graph, as_of=date(1999, 6, 30))
    assert ukraine not in projections.structure(mini_graph, as_of=date(2000, 1, 1))


def test_closed_structures_can_be_left_out_with_the_states_they_alone_hosted(mini_graph: Graph) -> None:
    everything = projections.structure(mini_graph)
    current = projections.structure(mini_graph, include_closed=False)
    closed_in_graph = {str(s) for s in mini_graph.subjects(OSCE.status, OSCE.Closed)}
    assert closed_in_graph <= {n for n, c in everything.nodes(data="closed") if c}
    assert not closed_in_graph & set(current)
    assert str(iri.country("HR")) not in current  # hosted only the closed Mission and Office
    assert str(iri.country("AL")) in current
    assert projections.closed_nodes(everything) == set(everything) - set(current)


def test_store_and_rdflib_graph_give_the_same_projections(mini_graph: Graph, mini_store: GraphStore) -> None:
    for name, project in projections.PROJECTIONS.items():
        a, b = project(mini_graph), project(mini_store)
        assert dict(a.nodes(data=True)) == dict(b.nodes(data=True)), name
        assert sorted(a.edges(data=True)) == sorted(b.edges(data=True)), name


# --- comention, fields, people ----------------------------------------------------------------

def _states_by_document(graph: Graph) -> dict[URIRef, set[URIRef]]:
    states = set(graph.subjects(RDF.type, OSCE.State))
    return {doc: {s for s in graph.objects(doc, SCHEMA.mentions) if s in states}
            for doc in graph.subjects(RDF.type, OSCE.PressRelease)}


def test_comention_weights_count_releases_naming_both_states(mini_graph: Graph) -> None:
    expected: Counter[frozenset[str]] = Counter()
    for named in _states_by_document(mini_graph).values():
        expected.update(frozenset((str(a), str(b))) for a, b in combinations(named, 2))
    g = projections.comention(mini_graph)
    assert {frozenset((u, v)): w for u, v, w in g.edges(data="weight")} == dict(expected)
    assert max(expected.values()) > 1  # the fixture has a pair named twice


def test_comention_years_and_as_of_keep_releases_of_those_days(mini_graph: Graph) -> None:
    dates = {doc: to_date(mini_graph.value(doc, DCTERMS.date)) for doc in _states_by_document(mini_graph)}
    g = projections.comention(mini_graph, years=(2008, 2012))
    kept = [d for d, day in dates.items() if 2008 <= day.year <= 2012]
    assert sum(nx.get_node_attributes(g, "releases").values()) == sum(len(_states_by_document(mini_graph)[d]) for d in kept)
    assert not g.has_edge(str(iri.country("AL")), str(iri.country("GE")))  # named together only in 2004
    early = projections.comention(mini_graph, as_of=date(2005, 1, 1))
    assert early.edges[str(iri.country("AL")), str(iri.country("HR"))]["weight"] == 1
    with pytest.raises(ValueError, match="forward"):
        projections.comention(mini_graph, years=(2012, 2008))


def test_comention_field_includes_sub_topics(mini_graph: Graph) -> None:
    g = projections.comention(mini_graph, field="media-freedom-and-development")
    # the only release on media is filed under the sub-topic 'Media laws'
    assert set(g) == {str(iri.country("KZ")), str(iri.country("JP"))}
    assert projections.comention(mini_graph, field="elections").number_of_edges() == 3


def test_fields_weighs_structures_by_releases_and_marks_declared_fields(mini_graph: Graph) -> None:
    g = projections.fields(mini_graph)
    expected = Counter(
        (str(org), str(f))
        for doc in mini_graph.subjects(RDF.type, OSCE.PressRelease)
        for org in mini_graph.objects(doc, OSCE.issuedBy)
        for f in mini_graph.objects(doc, OSCE.fieldOfWork)
    )
    for (org, f), n in expected.items():
        assert g.edges[org, f]["weight"] == n
    for org, f in mini_graph.subject_objects(OSCE.worksOn):
        assert g.edges[str(org), str(f)]["declared"] is True
    assert {g.nodes[n]["kind"] for n in g} == {"Field of work", "Institution", "Secretariat", "Field operation"}


def test_people_link_tenures_chairs_and_role_statements_as_of_a_day(mini_graph: Graph) -> None:
    g = projections.people(mini_graph)
    ana, ben = str(iri.person("Ana Example")), str(iri.person("Ben Example"))
    assert g.edges[ana, ALBANIA]["relation"] == "tenure"
    assert g.edges[ben, str(iri.country("KZ"))]["roles"] == ["Foreign Minister"]
    assert g.edges[str(iri.person("Dimitrij Rupel")), str(iri.chairpersonship(2005))]["relation"] == "chairperson in office"
    then = projections.people(mini_graph, as_of=date(2010, 1, 1))
    assert ana not in then  # the tenure ended in 2006
    assert ben not in then  # the release naming him is from 2012


# --- the bundled data -------------------------------------------------------------------------

def test_bundled_structure_holds_every_structure_under_the_osce(built_store: GraphStore) -> None:
    g = projections.structure(built_store)
    rows = built_store.query("""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
        ?s a ?t . ?t <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <https://w3id.org/osce-kg/ontology#Structure> }""")
    structures = {n for n, k in g.nodes(data="kind") if k not in ("State", "Territory", "OSCE")}
    assert len(structures) == int(rows[0]["n"])
    assert [n for n in g if g.in_degree(n) == 0] == [OSCE_ROOT]
    assert ALBANIA in g and g.nodes[ALBANIA]["kind"] == "Field operation"


def test_bundled_structure_on_2005_01_01(built_store: GraphStore) -> None:
    g = projections.structure(built_store, as_of=date(2005, 1, 1))
    assert CROATIA_MISSION in g
    assert g.nodes[ASTANA]["label"] == "OSCE Centre in Almaty"
    assert not any("Programme Office in Astana" in label for label in labels(g))
    assert projections.structure(built_store, as_of=date(2020, 1, 1)).nodes[ASTANA]["label"] == "OSCE Programme Office in Nur-Sultan"
    assert not any(closed for _, closed in g.nodes(data="closed"))


def test_bundled_closed_operations_are_marked(built_store: GraphStore) -> None:
    g = projections.structure(built_store)
    closed_ops = {n for n, d in g.nodes(data=True) if d["closed"] and d["kind"] == "Field operation"}
    assert CROATIA_MISSION in closed_ops and ALBANIA not in closed_ops
    marked = {str(r["s"]) for r in built_store.query(
        "SELECT ?s WHERE { ?s <https://w3id.org/osce-kg/ontology#status> <https://w3id.org/osce-kg/ontology#Closed> }")}
    assert all(g.nodes[n]["end"] is not None or n in marked for n in closed_ops)
    current = projections.structure(built_store, include_closed=False)
    assert set(g) - set(current) == projections.closed_nodes(g)


def test_bundled_dissolved_structures_are_not_current(built_store: GraphStore) -> None:
    """The Minsk Group and the other Minsk Process structures closed on 2025-11-30: the browser shows them as closed."""
    g = projections.structure(built_store)
    dissolved = {str(r["s"]) for r in built_store.query(
        f"SELECT ?s WHERE {{ ?s <{SCHEMA}dissolutionDate> ?d ; a ?t . "
        f"?t <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{OSCE}Structure> }}")}
    minsk_group = str(iri.structure("minsk-group"))
    assert minsk_group in dissolved
    assert all(g.nodes[n]["closed"] for n in dissolved if n in g)
    current = projections.structure(built_store, include_closed=False)
    assert not dissolved & set(current)
    assert minsk_group in projections.structure(built_store, as_of=date(2020, 1, 1), include_closed=False)
