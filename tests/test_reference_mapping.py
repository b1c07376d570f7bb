"""The reference graphs answer SPARQL questions with the facts their cited sources state.

Expected values come from the pages cited in data/ (e.g. http://osce.org/node/43973 for the
Mission to Estonia, the Austrian foreign ministry's 2012 announcement for Mongolia), not from the
mapper's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from osce_kg import iri, paths
from osce_kg.mapping.dates import add_interval, date_literal
from osce_kg.mapping.reference import reference_graphs
from osce_kg.namespaces import PREFIXES as NAMESPACES
from osce_kg.sources.isodate import parse_iso
from osce_kg.validate.shacl import default_ontology, default_shapes, validate

PREFIXES = "\n".join(f"PREFIX {p}: <{n}>" for p, n in NAMESPACES.items())


@pytest.fixture(scope="module")
def sources():
    return reference_graphs(paths.DATA_DIR)


@pytest.fixture(scope="module")
def union(sources) -> Graph:
    graph = Graph()
    for source in sources:
        graph += source.graph
    return graph


def ask(graph: Graph, query: str) -> list[tuple]:
    """Run a SELECT; `id:country\\/MN` is written out as a full IRI (rdflib's parser lacks `\\/`)."""
    query = re.sub(r"id:([a-z-]+)\\/([A-Za-z0-9._-]+)", lambda m: f"<{iri.ID}{m[1]}/{m[2]}>", query)
    return [tuple(row) for row in graph.query(PREFIXES + query)]


def test_one_named_graph_per_reference_file(sources) -> None:
    names = {str(s.name) for s in sources}
    files = {s.source_path.name for s in sources}
    assert len(names) == len(sources) == len(list(paths.DATA_DIR.glob("*.csv")))
    assert files == {p.name for p in paths.DATA_DIR.glob("*.csv")}
    for s in sources:
        assert str(s.name) == f"https://w3id.org/osce-kg/graph/data/{s.source_path.stem}"
        assert len(s.graph) > 0


def test_mongolia_joined_on_2012_11_21(union) -> None:
    rows = ask(
        union,
        """SELECT ?start ?unit WHERE {
             ?m a osce:StateMembership ; org:member id:country\\/MN ; org:role osce:participatingStateRole ;
                schema:startDate ?start ; org:memberDuring/time:hasBeginning/time:unitType ?unit .
             FILTER NOT EXISTS { ?m schema:endDate ?end } }""",
    )
    assert rows == [(Literal("2012-11-21", datatype=XSD.date), iri.TIME.unitDay)]


def test_mongolia_was_an_asian_partner_until_it_joined(union) -> None:
    rows = ask(
        union,
        """SELECT ?start ?end WHERE {
             ?m org:member id:country\\/MN ; org:role osce:asianPartnerRole ; schema:startDate ?start ; schema:endDate ?end }""",
    )
    assert rows == [(Literal("2004-01-01", datatype=XSD.date), Literal("2012-11-21", datatype=XSD.date))]
    assert not ask(union, "SELECT ?x WHERE { id:country\\/MN a ?x FILTER(?x = osce:AsianPartner) }")


def test_spain_held_the_chairpersonship_in_2007(union) -> None:
    rows = ask(
        union,
        """SELECT ?label ?person WHERE {
             ?c a osce:Chairpersonship ; osce:year "2007"^^xsd:gYear ; osce:chairState ?s ;
                osce:chairpersonInOffice/rdfs:label ?person .
             ?s rdfs:label ?label FILTER(lang(?label) = "en") }""",
    )
    assert rows == [(Literal("Spain", lang="en"), Literal("Miguel Ángel Moratinos", lang="en"))]


def test_presence_in_albania_hosted_by_albania_seated_in_tirana_opened_1997(union) -> None:
    rows = ask(
        union,
        """SELECT ?host ?seat ?opened ?unit ?decided ?status WHERE {
             ?op rdfs:label "OSCE Presence in Albania"@en ; a osce:Presence , osce:FieldOperation ;
                 osce:host/rdfs:label ?host ; org:hasPrimarySite/rdfs:label ?seat ;
                 schema:foundingDate ?opened ; osce:lifetime/time:hasBeginning/time:unitType ?unit ;
                 osce:decisionDate ?decided ; osce:status ?status .
             FILTER(lang(?host) = "en") }""",
    )
    assert rows == [
        (
            Literal("Albania", lang="en"),
            Literal("Tirana", lang="en"),
            Literal("1997-01-01", datatype=XSD.date),
            iri.TIME.unitYear,
            Literal("1997-03-27", datatype=XSD.date),
            iri.OSCE.Open,
        )
    ]


def test_mission_to_estonia_ran_from_1993_02_15_to_2001_12_31(union) -> None:
    rows = ask(
        union,
        """SELECT ?opened ?closed ?status ?closure WHERE {
             id:structure\\/mission-to-estonia schema:foundingDate ?opened ; schema:dissolutionDate ?closed ;
                 osce:status ?status ; osce:host id:country\\/EE .
             ?c a osce:Closure ; org:originalOrganization id:structure\\/mission-to-estonia ; schema:startDate ?closure }""",
    )
    day = lambda text: Literal(text, datatype=XSD.date)  # noqa: E731
    assert rows == [(day("1993-02-15"), day("2001-12-31"), iri.OSCE.Closed, day("2001-12-31"))]


def test_programme_office_in_astana_keeps_one_iri_through_its_renamings(union) -> None:
    # mfa.kz: renamed Centre in Astana by PC decision of 21 June 2007, Programme Office from
    # January 2015; osce.org/programme-office-in-astana/106449: back to Astana on 23 September 2022.
    rows = ask(
        union,
        """SELECT ?date ?old ?new WHERE {
             ?r a osce:Renaming ; org:originalOrganization id:structure\\/programme-office-in-astana ;
                org:resultingOrganization id:structure\\/programme-office-in-astana ;
                schema:startDate ?date ; osce:oldName ?old ; osce:newName ?new } ORDER BY ?date""",
    )
    assert [(str(d), str(o), str(n)) for d, o, n in rows] == [
        ("2007-06-21", "OSCE Centre in Almaty", "OSCE Centre in Astana"),
        ("2015-01-01", "OSCE Centre in Astana", "OSCE Programme Office in Astana"),
        ("2019-01-01", "OSCE Programme Office in Astana", "OSCE Programme Office in Nur-Sultan"),
        ("2022-09-23", "OSCE Programme Office in Nur-Sultan", "OSCE Programme Office in Astana"),
    ]


def test_a_new_mandate_is_a_new_entity_linked_both_ways(union) -> None:
    rows = ask(
        union,
        """SELECT ?closed ?opened WHERE {
             id:structure\\/mission-to-croatia osce:successor id:structure\\/office-in-zagreb ;
                 schema:dissolutionDate ?closed .
             id:structure\\/office-in-zagreb osce:predecessor id:structure\\/mission-to-croatia ;
                 schema:foundingDate ?opened }""",
    )
    assert [(str(c), str(o)) for c, o in rows] == [("2007-12-31", "2008-01-01")]


def test_states_are_labelled_in_the_six_osce_languages(union) -> None:
    rows = ask(
        union,
        """SELECT ?s (COUNT(DISTINCT lang(?l)) AS ?n) WHERE { ?s a osce:ParticipatingState ; rdfs:label ?l }
           GROUP BY ?s""",
    )
    assert len(rows) == 57
    assert {int(n) for _, n in rows} == {6}
    germany = {
        str(lbl.language): str(lbl) for (lbl,) in ask(union, "SELECT ?l WHERE { id:country\\/DE rdfs:label ?l }")
    }
    assert germany == {
        "en": "Germany",
        "fr": "Allemagne",
        "de": "Deutschland",
        "it": "Germania",
        "ru": "Германия",
        "es": "Alemania",
    }


def test_osce_spelling_is_the_label_and_former_names_are_alternatives(union) -> None:
    labels = ask(union, 'SELECT ?p ?o WHERE { id:country\\/TR ?p ?o FILTER(isLiteral(?o) && lang(?o) = "en") }')
    by = {(str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1], str(o)) for p, o in labels}
    assert ("label", "Türkiye") in by
    assert ("altLabel", "Turkey") in by and ("formerName", "Turkey") in by
    assert ("altLabel", "Republic of Türkiye") in by  # pycountry's official name
    assert ("adjective", "Turkish") in by


def test_structures_carry_abbreviations_and_older_names_for_the_gazetteer(union) -> None:
    alt = {str(o) for (o,) in ask(union, "SELECT ?o WHERE { id:structure\\/odihr skos:altLabel ?o }")}
    assert {"ODIHR", "Office for Free Elections"} <= alt
    seat = ask(union, "SELECT ?l WHERE { id:structure\\/odihr org:hasPrimarySite/rdfs:label ?l }")
    assert seat == [(Literal("Warsaw", lang="en"),)]


def test_every_entity_with_a_label_cites_a_source(union) -> None:
    missing = ask(
        union,
        """SELECT ?s WHERE { ?s rdfs:label ?l . FILTER NOT EXISTS { ?s dct:source ?src }
             FILTER NOT EXISTS { ?s a skos:ConceptScheme } }""",
    )
    assert missing == []


def test_sub_topics_are_narrower_than_media_freedom(union) -> None:
    rows = ask(
        union,
        """SELECT ?l WHERE { ?t skos:broader id:field\\/media-freedom-and-development ; skos:prefLabel ?l ;
             skos:inScheme id:scheme\\/fields-of-work }""",
    )
    assert Literal("Media laws", lang="en") in {r[0] for r in rows}
    tops = ask(union, "SELECT (COUNT(?t) AS ?n) WHERE { id:scheme\\/fields-of-work skos:hasTopConcept ?t }")
    assert int(tops[0][0]) == 23


def test_mapping_is_deterministic(sources) -> None:
    # its speed is measured by benchmarks/run.py (a timed assertion failed on a busy machine)
    again = reference_graphs(paths.DATA_DIR)
    for first, second in zip(sources, again, strict=True):
        assert first.name == second.name
        assert isomorphic(first.graph, second.graph)


def test_reference_graphs_conform_to_the_shapes(union) -> None:
    report = validate(union, shapes=default_shapes(), ontology=default_ontology())
    assert report.conforms, report.text()


def test_date_literal_keeps_the_first_day_and_the_precision() -> None:
    assert date_literal("1993") == (Literal("1993-01-01", datatype=XSD.date), iri.TIME.unitYear)
    assert date_literal("1993-02") == (Literal("1993-02-01", datatype=XSD.date), iri.TIME.unitMonth)
    assert date_literal("1993-02-15") == (Literal("1993-02-15", datatype=XSD.date), iri.TIME.unitDay)
    with pytest.raises(ValueError):
        date_literal("15 February 1993")


def test_open_interval_has_a_beginning_and_no_end() -> None:
    graph = Graph()
    owner = URIRef("https://w3id.org/osce-kg/id/structure/example")
    interval = add_interval(graph, owner, "lifetime", parse_iso("1997"), None)
    assert interval == URIRef(f"{owner}#lifetime")
    assert (interval, iri.TIME.hasEnd, None) not in graph
    begin = graph.value(interval, iri.TIME.hasBeginning)
    assert graph.value(begin, iri.TIME.unitType) == iri.TIME.unitYear
    assert graph.value(begin, iri.TIME.inXSDDate) == Literal("1997-01-01", datatype=XSD.date)


def test_bad_data_dir_fails_before_mapping(tmp_path: Path) -> None:
    from osce_kg.errors import InputError

    with pytest.raises(InputError):
        reference_graphs(tmp_path)
