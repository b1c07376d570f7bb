"""Every named query on the bundled data, with expected rows taken from the sources the data cites
(data/*.csv rows and their URLs, the seed page data/pages/000_edd890b92ae4faef.txt), and a lint of
the catalogue itself (headers, parameters, coverage of the analysts' questions)."""

from __future__ import annotations

import hashlib
import re

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.paths import DATA_DIR, QUERIES_DIR
from osce_kg.query.catalog import load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.results import Solutions
from osce_kg.query.sparql_text import query_form

CATALOG = load_catalog()
SEED_TITLE = "OSCE supports interagency co-operation to fight transnational organized crime"


def select(store, query: str, /, **params: str) -> list[dict[str, str]]:
    """Rows of a named query as plain strings (lexical forms and IRIs)."""
    result = run_local(store, CATALOG[query].bound(params))
    assert isinstance(result, Solutions)
    return [{k: str(v) for k, v in row.items()} for row in result.rows]


def column(rows: list[dict[str, str]], var: str) -> list[str]:
    return [r[var] for r in rows if var in r]


def country(code: str) -> str:
    return str(iri.country(code))


def structure(key: str) -> str:
    return str(iri.structure(key))


# --- the catalogue ----------------------------------------------------------------------------


def test_catalogue_has_at_least_fifteen_documented_queries():
    assert len(CATALOG) >= 15
    for name, q in CATALOG.items():
        assert q.title and q.description, f"{name}: title and description are required"
        assert q.examples and all(f"osce-kg query {name}" in e for e in q.examples), f"{name}: an example calling it"


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_parameter_is_a_variable_of_the_query(name):
    q = CATALOG[name]
    body = q.text[q.text.index(q.form) :] if q.form in q.text else q.text
    for p in q.params:
        assert re.search(rf"\?{p.name}\b", body), f"{name}: parameter {p.name} is not used as ?{p.name}"


def test_the_analysts_questions_are_all_covered():
    # The list of issue 4, each mapped to the query answering it.
    wanted = {
        "states-as-of", "partners", "chairpersonships", "org-tree", "field-operations", "operations-open-on",
        "structures-by-field", "releases-per-field-year", "releases-by-structure", "releases-by-place",
        "co-mentioned-states", "people-quoted", "releases-funded-by", "operation-timeline", "sources-of",
        "menu-changes",
    }
    assert wanted <= set(CATALOG)
    assert "+" in CATALOG["org-tree"].text.split("WHERE", 1)[1], "the tree uses a property path"


def test_catalogue_covers_every_query_form_the_cli_renders():
    forms = {q.form for q in CATALOG.values()}
    assert {"SELECT", "ASK", "CONSTRUCT"} <= forms
    assert query_form("DESCRIBE <urn:x>") == "DESCRIBE"


def test_every_named_query_has_a_test_here():
    source = open(__file__, encoding="utf-8").read()
    untested = [name for name in CATALOG if f'"{name}"' not in source.split("def test_every_named_query_has_a_test_here")[-1]]
    assert not untested


def test_queries_command_lists_them(tmp_path):
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0
    for name, q in CATALOG.items():
        assert f"{name}  ({q.form})  {q.title}" in result.output
    assert "--param date=<date>  default: today" in result.output


def test_readme_lists_every_query():
    readme = (QUERIES_DIR / "README.md").read_text(encoding="utf-8")
    for name in CATALOG:
        assert f"`{name}`" in readme, f"queries/README.md does not list {name}"


# --- States, Partners, Chairpersonships -------------------------------------------------------


def test_mongolia_joins_on_2012_11_21(built_store):
    # participating_states.csv: MN joined 2012-11-21 (bmeia.gv.at: "Mongolei wird 57. Mitglied der OSZE").
    before = select(built_store, "states-as-of", date="2012-11-20")
    on = select(built_store, "states-as-of", date="2012-11-21")
    assert country("MN") not in column(before, "state")
    mongolia = [r for r in on if r["state"] == country("MN")]
    assert mongolia == [{"state": country("MN"), "name": "Mongolia", "joined": "2012-11-21"}]
    assert len(on) == 57, "Mongolia was the 57th participating State"


def test_states_of_1990_include_the_founding_states_that_later_dissolved(built_store):
    rows = select(built_store, "states-as-of", date="1990-06-01")
    states = column(rows, "state")
    # former_states.csv: USSR, Czechoslovakia, GDR and SFRY signed the Final Act on 1975-08-01.
    for code in ("SUHH", "CSHH", "DDDE", "YUCS"):
        assert country(code) in states
    assert country("EE") not in states, "Estonia joined on 1991-09-10"
    ussr = next(r for r in rows if r["state"] == country("SUHH"))
    assert ussr["joined"] == "1975-08-01" and ussr["ended"] == "1991-12-25"
    today = column(select(built_store, "states-as-of"), "state")
    assert country("SUHH") not in today and len(today) == 57


def test_partners_are_five_asian_and_six_mediterranean(built_store):
    rows = select(built_store, "partners")
    groups = {r["name"]: r["group"] for r in rows}
    assert len(groups) == 11
    assert sum("Asian" in g for g in groups.values()) == 5
    assert sum("Mediterranean" in g for g in groups.values()) == 6
    assert "Asian" in groups["Japan"] and "Mediterranean" in groups["Algeria"]
    assert "Mongolia" not in groups, "Mongolia became a participating State in 2012"
    in_2010 = {r["name"] for r in select(built_store, "partners", date="2010-01-01")}
    assert "Mongolia" in in_2010, "partners.csv: Asian Partner 2004-2012"


def test_spain_chaired_2007_and_finland_2008_with_two_chairpersons(built_store):
    rows = select(built_store, "chairpersonships", **{"from": "2007", "to": "2008"})
    by_year: dict[str, set[str]] = {}
    for r in rows:
        assert r["state"] == (country("ES") if r["year"] == "2007" else country("FI"))
        by_year.setdefault(r["year"], set()).add(r["chairpersonName"])
    # chairpersonships.csv / osce_reference: 2007 Moratinos; 2008 Kanerva then Stubb.
    assert by_year == {"2007": {"Miguel Ángel Moratinos"}, "2008": {"Ilkka Kanerva", "Alexander Stubb"}}


def test_every_year_since_1991_has_one_chairing_state(built_store):
    rows = select(built_store, "chairpersonships")
    years = {int(r["year"]) for r in rows}
    assert years >= set(range(1991, 2026))
    for year in years:
        assert len({r["state"] for r in rows if int(r["year"]) == year}) == 1


def test_was_participating_answers_yes_and_no(built_store):
    ask = lambda **p: run_local(built_store, CATALOG["was-participating"].bound(p))  # noqa: E731
    assert ask(state="MN", date="2012-11-21") is True
    assert ask(state="MN", date="2012-11-20") is False
    assert ask(state="SUHH", date="1990-01-01") is True
    assert ask(state="SUHH", date="2000-01-01") is False


# --- structures and field operations ----------------------------------------------------------


def test_org_tree_nests_the_spmu_under_tnt_d_under_the_secretariat(built_store):
    rows = {r["unit"]: r for r in select(built_store, "org-tree")}
    # structures.csv: SPMU's parent is TNTD, TNTD's parent the Secretariat, the Secretariat's the OSCE.
    assert rows[structure("secretariat")]["depth"] == "1"
    assert rows[structure("transnational-threats-department")]["parent"] == structure("secretariat")
    assert rows[structure("transnational-threats-department")]["depth"] == "2"
    assert rows[structure("strategic-police-matters-unit")]["depth"] == "3"
    below_secretariat = {r["unit"] for r in select(built_store, "org-tree", root="secretariat")}
    assert structure("strategic-police-matters-unit") in below_secretariat
    assert structure("conflict-prevention-centre") in below_secretariat
    assert structure("presence-in-albania") not in below_secretariat


def test_presence_in_albania_hosted_by_albania_in_tirana_since_1997(built_store):
    rows = [r for r in select(built_store, "field-operations") if r["operation"] == structure("presence-in-albania")]
    # field_operations.csv: AL, tirana, opened 1997 (year precision -> first day), still open.
    assert rows == [{
        "operation": structure("presence-in-albania"), "name": "OSCE Presence in Albania", "kind": "Presence",
        "host": country("AL"), "hostName": "Albania", "seatName": "Tirana", "opened": "1997-01-01",
        "status": str(iri.OSCE.Open),
    }]


def test_mission_to_estonia_lived_from_1993_02_15_to_2001_12_31(built_store):
    rows = [r for r in select(built_store, "field-operations") if r["operation"] == structure("mission-to-estonia")]
    assert len(rows) == 1
    assert (rows[0]["opened"], rows[0]["closed"], rows[0]["status"]) == ("1993-02-15", "2001-12-31", str(iri.OSCE.Closed))
    closed_only = select(built_store, "field-operations", status=str(iri.OSCE.Closed))
    assert structure("mission-to-estonia") in column(closed_only, "operation")
    assert structure("presence-in-albania") not in column(closed_only, "operation")


def test_operations_open_on_2005_01_01_with_the_names_of_that_day(built_store):
    rows = {r["operation"]: r for r in select(built_store, "operations-open-on", date="2005-01-01")}
    # field_operations.csv: Mission to Croatia 1996-04..2007-12-31; Mission to Estonia closed 2001.
    assert structure("mission-to-croatia") in rows
    assert structure("mission-to-estonia") not in rows
    # renamings.csv: Centre in Almaty -> Centre in Astana (2007) -> Programme Office (2015) ...
    assert rows[structure("programme-office-in-astana")]["nameOnDate"] == "OSCE Centre in Almaty"
    # ... and Mission to Serbia and Montenegro (2003) -> Mission to Serbia (2006-06-29).
    assert rows[structure("mission-to-serbia")]["nameOnDate"] == "OSCE Mission to Serbia and Montenegro"
    today = {r["operation"]: r for r in select(built_store, "operations-open-on")}
    assert today[structure("programme-office-in-astana")]["nameOnDate"] == "OSCE Programme Office in Astana"
    assert structure("mission-to-croatia") not in today


def test_structures_by_field_policing(built_store):
    rows = select(built_store, "structures-by-field", field="policing")
    # structures.csv: SPMU and TNTD list policing among their fields.
    assert {structure("strategic-police-matters-unit"), structure("transnational-threats-department")} <= set(column(rows, "structure"))
    assert set(column(rows, "field")) == {str(iri.concept("field", "policing"))}


def test_secretaries_general_in_order(built_store):
    rows = select(built_store, "post-holders")
    # posts.csv: Perrin de Brichambaut 2005-06 to 2011-06 (osce.org/it/secretariat).
    marc = next(r for r in rows if r["personName"] == "Marc Perrin de Brichambaut")
    assert (marc["postName"], marc["start"], marc["end"]) == ("Secretary General", "2005-06-01", "2011-06-01")
    starts = column(rows, "start")
    assert starts == sorted(starts) and starts[0] == "1993-06-01"


def test_timeline_of_the_mission_to_serbia(built_store):
    rows = select(built_store, "operation-timeline", operation="mission-to-serbia")
    events = [(r["date"], r["what"]) for r in rows]
    # field_operations.csv: opened 2001-01; renamings.csv: 2003 and 2006-06-29.
    assert events[:3] == [("2001-01-01", "opened"), ("2003-01-01", "renamed"), ("2006-06-29", "renamed")]
    assert rows[2]["detail"] == "OSCE Mission to Serbia and Montenegro -> OSCE Mission to Serbia"
    estonia = select(built_store, "operation-timeline", operation="mission-to-estonia")
    assert [(r["date"], r["what"]) for r in estonia] == [("1993-02-15", "opened"), ("2001-12-31", "closed")]


# --- the seed release -------------------------------------------------------------------------


def test_seed_release_by_field_and_year(built_store):
    rows = select(built_store, "releases-per-field-year", **{"from": "2007", "to": "2007"})
    counts = {r["fieldName"]: int(r["releases"]) for r in rows}
    # the seed page: "Fields of work: Rule of law, Policing", dateline 12 December 2007.
    assert counts.get("Rule of law", 0) >= 1 and counts.get("Policing", 0) >= 1
    assert select(built_store, "releases-per-field-year", **{"from": "1990", "to": "1991"}) == []


def test_seed_release_issued_by_the_secretariat(built_store):
    rows = select(built_store, "releases-by-structure", structure="secretariat")
    seed = [r for r in rows if r["title"] == SEED_TITLE]
    assert len(seed) == 1
    assert (seed[0]["date"], seed[0]["issuer"]) == ("2007-12-12", structure("secretariat"))
    assert SEED_TITLE in column(select(built_store, "releases-by-structure"), "title"), "the OSCE covers every issuer"
    assert SEED_TITLE not in column(select(built_store, "releases-by-structure", structure="odihr"), "title")


def test_seed_release_placed_in_vienna(built_store):
    rows = select(built_store, "releases-by-place", **{"from": "2007-12-01", "to": "2007-12-31"})
    vienna = next(r for r in rows if r["placeName"] == "Vienna")
    assert vienna["country"] == country("AT")
    assert vienna["first"] <= "2007-12-12" <= vienna["last"]
    assert select(built_store, "releases-by-place", **{"from": "1980-01-01", "to": "1980-12-31"}) == []


def test_states_named_with_albania(built_store):
    rows = select(built_store, "co-mentioned-states", state="AL")
    names = column(rows, "name")
    # the seed release names Albania, Montenegro and Spain.
    assert {"Montenegro", "Spain"} <= set(names)
    assert "Albania" not in names


def test_people_quoted_in_the_seed_release(built_store):
    rows = select(built_store, "people-quoted")
    roles = {r["personName"]: (r.get("role", ""), r.get("affiliation")) for r in rows}
    assert "Senior Police Adviser" in roles["Kevin Carty"][0]
    assert "Head of Spain's Permanent Mission to the OSCE" in roles["Carlos Sanchez de Boado"][0]
    assert roles["Carlos Sanchez de Boado"][1] == country("ES")
    only = select(built_store, "people-quoted", name="carty")
    assert {r["personName"] for r in only} == {"Kevin Carty"}


def test_releases_funded_by_spain(built_store):
    rows = select(built_store, "releases-funded-by", state="ES")
    # the seed: "funded with contributions from Spain", organised by the Strategic Police Matters Unit.
    seed = [r for r in rows if r["title"] == SEED_TITLE]
    assert seed and seed[0]["organizer"] == structure("strategic-police-matters-unit")
    assert SEED_TITLE not in column(select(built_store, "releases-funded-by", state="FR"), "title")


# --- provenance and the menu ------------------------------------------------------------------


def test_sources_of_mongolias_membership(built_store):
    membership = str(iri.membership("participating", "MN"))
    rows = select(built_store, "sources-of", entity=membership, property="https://schema.org/startDate")
    assert {r["graph"] for r in rows} == {str(iri.graph("data", "participating_states"))}
    assert {r["source"] for r in rows} == {
        "https://www.bmeia.gv.at/en/the-ministry/press/announcements/2012/mongolei-wird-57-mitglied-der-osze/",
        "http://osce.org/cio/84562",
    }
    csv = DATA_DIR / "participating_states.csv"
    assert {r["file"] for r in rows} == {"data/participating_states.csv"}
    assert {r["hash"] for r in rows} == {"sha256:" + hashlib.sha256(csv.read_bytes()).hexdigest()}


def test_sources_of_the_presence_in_albania(built_store):
    rows = select(built_store, "sources-of")
    assert {r["source"] for r in rows} >= {"http://www.osce.org/albania/43312", "https://osce.org/albania/48346"}


def test_menu_as_recorded_by_the_seed_page(built_store):
    rows = select(built_store, "menu-changes", section="Field operations")
    entries = column(rows, "entry")
    # the seed page's menu lists the 12 current field operations under "Field operations".
    for name in ("Presence in Albania", "Mission to Skopje", "Programme Office in Astana"):
        assert name in entries
    assert all(r["firstSeen"] <= r["lastSeen"] and int(r["snapshots"]) >= 1 for r in rows)
    assert all("field operations" in r["sectionName"].lower() for r in rows)


def test_entity_card_of_the_presence_in_albania(built_store):
    result = run_local(built_store, CATALOG["entity-card"].bound({}))
    assert isinstance(result, Graph)
    presence = URIRef(structure("presence-in-albania"))
    assert (presence, iri.OSCE.host, URIRef(country("AL"))) in result
    assert (URIRef(country("AL")), RDFS.label, Literal("Albania", lang="en")) in result
    assert (presence, iri.SCHEMA.foundingDate, Literal("1997-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))) in result
