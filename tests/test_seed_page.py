"""The real seed page, read by `build` (issue 2, item 4; issue 3, done-when): facts checked by SPARQL on the built store."""

from __future__ import annotations

from rdflib import Literal

from osce_kg import iri

SEED = iri.document("file-edd890b92ae4faef")
PREFIXES = """
PREFIX osce: <https://w3id.org/osce-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def values(store, query: str, var: str) -> set:
    rows = store.query(PREFIXES + query, {"doc": SEED})
    return {r[var] for r in rows if var in r}


def test_seed_title_date_place_issuer_fields(built_store):
    assert values(built_store, "SELECT ?doc ?t WHERE { ?doc dct:title ?t }", "t") == {
        Literal("OSCE supports interagency co-operation to fight transnational organized crime", lang="en")}
    dates = values(built_store, "SELECT ?doc ?d WHERE { ?doc dct:date ?d }", "d")
    assert {str(d) for d in dates} == {"2007-12-12"}
    kinds = values(built_store, "SELECT ?doc ?k WHERE { ?doc osce:statedDate/osce:dateKind ?k }", "k")
    assert kinds == {iri.OSCE.DatelineDate}, "the Date field is empty: the only stated date is the dateline's"
    places = values(built_store, "SELECT ?doc ?p WHERE { ?doc osce:reports/schema:location ?p }", "p")
    assert places == {iri.place("vienna")}
    assert values(built_store, "SELECT ?doc ?s WHERE { ?doc osce:issuedBy ?s }", "s") == {iri.structure("secretariat")}
    fields = values(built_store, "SELECT ?doc ?f WHERE { ?doc osce:fieldOfWork ?f }", "f")
    assert fields == {iri.concept("field", "rule-of-law"), iri.concept("field", "policing")}


def test_seed_states_people_roles_and_quotations(built_store):
    states = values(built_store, "SELECT ?doc ?s WHERE { ?doc schema:mentions ?s . FILTER(CONTAINS(STR(?s), '/country/')) }", "s")
    assert states == {iri.country("AL"), iri.country("ME"), iri.country("ES")}
    rows = built_store.query(PREFIXES + """
        SELECT ?doc ?name ?role ?aff WHERE {
            ?st a osce:RoleStatement ; schema:isPartOf ?doc ; osce:person ?p ; osce:roleText ?role ; osce:affiliation ?aff .
            ?p rdfs:label ?name }""", {"doc": SEED})
    roles = {(str(r["name"]), str(r["role"]), r["aff"]) for r in rows}
    assert roles == {
        ("Carlos Sanchez de Boado", "Ambassador, Head of Spain's Permanent Mission to the OSCE", iri.country("ES")),
        ("Kevin Carty", "Senior Police Adviser to the OSCE Secretary General", iri.structure("secretariat")),
    }
    quotes = built_store.query(PREFIXES + """
        SELECT ?doc ?who ?text WHERE { ?q a osce:Quotation ; schema:isPartOf ?doc ; schema:creator ?who ; schema:text ?text }""",
                               {"doc": SEED})
    by = {r["who"]: str(r["text"]) for r in quotes}
    assert by[iri.person("Carlos Sanchez de Boado")].startswith("The fight against trans-national organized crime")
    assert by[iri.person("Kevin Carty")].startswith("If an investigation against organized crime")


def test_seed_event_funder_organiser_participants(built_store):
    event = PREFIXES + "SELECT ?doc ?v WHERE { ?doc osce:reports ?e . ?e %s ?v }"
    assert values(built_store, event % "schema:funder", "v") == {iri.country("ES")}
    assert values(built_store, event % "schema:organizer", "v") == {iri.structure("strategic-police-matters-unit")}
    assert {int(v) for v in values(built_store, event % "osce:participantCount", "v")} == {50}
    assert {str(v) for v in values(built_store, event % "schema:startDate", "v")} == {"2007-12-12"}


def test_seed_provenance(built_store):
    rows = built_store.query(PREFIXES + """
        SELECT ?g ?loc ?hash WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?src ; osce:contentHash ?hash . ?src prov:atLocation ?loc } }""",
                             {"g": iri.graph("page", "file-edd890b92ae4faef")})
    assert [str(r["loc"]) for r in rows] == ["data/pages/000_edd890b92ae4faef.txt"]
    assert str(rows[0]["hash"]).startswith("sha256:")


def test_seed_menu_is_recorded_as_dated_evidence(built_store):
    rows = built_store.query(PREFIXES + """
        SELECT ?doc ?entry WHERE { ?m a osce:MenuSnapshot ; prov:wasDerivedFrom ?doc ; osce:showsMenu ?v .
            ?v osce:menuSection ?s .
            ?s rdfs:label "Participating States"@en ; osce:menuEntry ?entry }""", {"doc": SEED})
    entries = {str(r["entry"]) for r in rows}
    assert len(entries) == 59 and "Finland – OSCE Chairpersonship 2025" in entries
