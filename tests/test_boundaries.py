"""The dated named queries and the structure browser's as-of at the edges of each period.

For every dated row of data/*.csv (a State's joining and leaving, a partnership, a field operation's
opening and closing, a renaming, a chairpersonship) the queries are asked about the first day, the
last day, the day before and the day after, and the expected rows are computed here from the CSV
rows themselves: a mid-period date cannot tell `<=` from `<`, these can (an audit's `>=` made `>` in
states-as-of passed a suite that asked only about mid-period dates).

The rule the queries implement (docs/DESIGN.md, "Dates"): a CSV date of any precision stands for
the first day of its period (`1997` -> 1997-01-01); a row is on day D when start <= D and, if it
has an end, D <= end.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expected_rows import (
    CHAIRS,
    DAY,
    OPERATIONS,
    PARTNERS,
    RENAMINGS,
    STATES,
    edges,
    first_day,
    last_day,
    on,
    operations_on,
    states_on,
)
from osce_kg import iri
from osce_kg.query.catalog import load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.results import Solutions

CATALOG = load_catalog()


def answer(store, query: str, **params: str):
    return run_local(store, CATALOG[query].bound(params))


def select(store, query: str, **params: str) -> list[dict[str, str]]:
    result = answer(store, query, **params)
    assert isinstance(result, Solutions)
    return [{k: str(v) for k, v in row.items()} for row in result.rows]


# --- membership: participating States and Partners ---------------------------------------------

STATE_DAYS = sorted(edges(*(d for _, joined, left in STATES for d in (joined, left))))
PARTNER_DAYS = sorted(edges(*(d for _, _, since, until in PARTNERS for d in (since, until))))


def test_the_data_has_the_edges_the_tests_need() -> None:
    """Ends as well as starts: else flipping an end comparison could not be caught."""
    assert sum(1 for _, _, left in STATES if left) >= 3
    assert any(until for *_, until in PARTNERS)
    assert len(STATE_DAYS) > 30 and len(PARTNER_DAYS) > 15


def test_states_as_of_every_joining_and_leaving_day(built_store) -> None:
    for day in STATE_DAYS:
        got = select(built_store, "states-as-of", date=day.isoformat())
        assert {r["state"] for r in got} == states_on(day), day
        for r in got:
            code = r["state"].rsplit("/", 1)[1]
            joined, left = next((j, e) for c, j, e in STATES if c == code)
            assert (r["joined"], r.get("ended", "")) == (first_day(joined).isoformat(), first_day(left).isoformat() if left else "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2030, 12, 31)))
def test_a_state_is_listed_exactly_when_joined_le_day_le_ended(built_store, day: date) -> None:
    assert {r["state"] for r in select(built_store, "states-as-of", date=day.isoformat())} == states_on(day)


def test_was_participating_on_each_edge_of_each_membership(built_store) -> None:
    for code, joined, left in STATES:
        for day in sorted(edges(joined, left)):
            got = answer(built_store, "was-participating", state=code, date=day.isoformat())
            assert got is on(joined, left, day), (code, day)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(STATES), st.dates(min_value=date(1970, 1, 1), max_value=date(2030, 12, 31)))
def test_was_participating_agrees_with_the_rows(built_store, state: tuple[str, str, str], day: date) -> None:
    code, joined, left = state
    assert answer(built_store, "was-participating", state=code, date=day.isoformat()) is on(joined, left, day)


def test_partners_on_each_edge_of_each_partnership(built_store) -> None:
    for day in PARTNER_DAYS:
        got = select(built_store, "partners", date=day.isoformat())
        want = {(str(iri.country(code)), first_day(since).isoformat()) for code, _, since, until in PARTNERS
                if on(since, until, day)}
        assert {(r["state"], r["since"]) for r in got} == want, day
        groups = {code: group for code, group, *_ in PARTNERS}
        for r in got:
            assert r["group"].lower().startswith(groups[r["state"].rsplit("/", 1)[1]]), r


# --- field operations: opening, closing, renaming ------------------------------------------------

OPERATION_DAYS = sorted(edges(*(d for r in OPERATIONS for d in (r["opened"], r["closed"])),
                              *(r["date"] for r in RENAMINGS)))


def test_operations_open_on_each_opening_closing_and_renaming_day(built_store) -> None:
    assert len(RENAMINGS) >= 5 and sum(1 for r in OPERATIONS if r["closed"]) >= 5
    for day in OPERATION_DAYS:
        got = select(built_store, "operations-open-on", date=day.isoformat())
        assert {(r["operation"], r["nameOnDate"]) for r in got} == operations_on(day), day


def test_on_the_renaming_day_the_new_name_holds(built_store) -> None:
    for renaming in RENAMINGS:
        day = first_day(renaming["date"])
        names = {r["operation"]: r["nameOnDate"] for r in select(built_store, "operations-open-on", date=day.isoformat())}
        before = {r["operation"]: r["nameOnDate"] for r in select(built_store, "operations-open-on", date=(day - DAY).isoformat())}
        key = str(iri.structure(renaming["operation"]))
        if key in names:
            assert names[key] != renaming["old_name"], renaming
        if key in before:
            assert before[key] == renaming["old_name"], renaming


# --- years: chairpersonships ------------------------------------------------------------------



def test_chairpersonships_from_and_to_are_inclusive_years(built_store) -> None:
    years = sorted({int(r["year"]) for r in CHAIRS})
    for year in (years[0], years[len(years) // 2], years[-1]):
        for lo, hi in ((year, year), (year + 1, year + 5), (year - 5, year - 1), (year - 1, year + 1)):
            got = {r["year"] for r in select(built_store, "chairpersonships", **{"from": str(lo), "to": str(hi)})}
            assert got == {r["year"] for r in CHAIRS if lo <= int(r["year"]) <= hi}, (lo, hi)


# --- documents: releases by place, by field and year ---------------------------------------------

DOCUMENTS = """PREFIX osce: <https://w3id.org/osce-kg/ontology#> PREFIX schema: <https://schema.org/>
PREFIX dct: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?doc ?date ?place ?field WHERE { ?doc dct:date ?date .
  OPTIONAL { ?doc osce:reports/schema:location ?place }
  OPTIONAL { ?doc osce:fieldOfWork/skos:broader* ?field . FILTER NOT EXISTS { ?field skos:broader ?up } } }"""


def documents(store) -> list[dict[str, str]]:
    found = store.query(DOCUMENTS)
    assert isinstance(found, list) and found, "the bundled pages give dated documents"
    return [{k: str(v) for k, v in row.items()} for row in found]


def test_releases_by_place_counts_the_first_and_the_last_day(built_store) -> None:
    docs = [d for d in documents(built_store) if "place" in d]
    assert docs, "a bundled release is placed"
    for day in sorted({date.fromisoformat(d["date"]) for d in docs}):
        for lo, hi in ((day, day), (day + DAY, day + 9 * DAY), (day - 9 * DAY, day - DAY), (day - DAY, day + DAY)):
            got = select(built_store, "releases-by-place", **{"from": lo.isoformat(), "to": hi.isoformat()})
            want: dict[str, set[str]] = {}
            for d in docs:
                if lo <= date.fromisoformat(d["date"]) <= hi:
                    want.setdefault(d["place"], set()).add(d["doc"])
            assert {r["place"]: int(r["releases"]) for r in got} == {p: len(s) for p, s in want.items()}, (lo, hi)


def test_releases_per_field_year_from_and_to_are_inclusive(built_store) -> None:
    docs = [d for d in documents(built_store) if "field" in d]
    assert docs, "a bundled release has a field of work"
    for year in sorted({int(d["date"][:4]) for d in docs}):
        for lo, hi in ((year, year), (year + 1, year + 3), (year - 3, year - 1)):
            got = select(built_store, "releases-per-field-year", **{"from": str(lo), "to": str(hi)})
            want = {(d["field"], int(d["date"][:4])) for d in docs if lo <= int(d["date"][:4]) <= hi}
            assert {(r["field"], int(r["year"])) for r in got} == want, (lo, hi)


# --- the structure browser's as-of -------------------------------------------------------------


@pytest.fixture(scope="module")
def structure_on(built_store):
    from osce_kg.viz.projections import structure

    return lambda day: structure(built_store, as_of=day)


def test_structure_browser_as_of_each_edge_of_each_operation(structure_on) -> None:
    full = [op for op in OPERATIONS if op["opened"].count("-") == 2 or op["closed"].count("-") == 2]
    assert len(full) >= 5
    for op in full:
        node = str(iri.structure(op["key"]))
        days = edges(op["opened"]) | ({last_day(op["closed"]) + k * DAY for k in (-1, 0, 1)} if op["closed"] else set())
        for day in sorted(days):
            graph = structure_on(day)
            exists = first_day(op["opened"]) <= day and (not op["closed"] or day <= last_day(op["closed"]))
            assert (node in graph) is exists, (op["key"], day)


def test_structure_browser_names_an_operation_as_on_the_day(structure_on) -> None:
    for renaming in [r for r in RENAMINGS if r["date"].count("-") == 2]:
        day, node = first_day(renaming["date"]), str(iri.structure(renaming["operation"]))
        assert structure_on(day - DAY).nodes[node]["label"] == renaming["old_name"]
        assert structure_on(day).nodes[node]["label"] != renaming["old_name"]
