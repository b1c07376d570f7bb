"""What the dated named queries must answer, computed from the data/*.csv rows they cite.

Shared by the boundary tests (test_boundaries.py), the catalogue-example tests and the remote
contract (remote_contract.py): an engine's answer is checked against the rows, not only against
another engine's answer (a wrong query is wrong on both engines).

The rule (docs/DESIGN.md, "Dates"): a period runs from the first day of its start's period to the
last day of its end's period (`1997` -> 1997-01-01 as a start, 1997-12-31 as an end); a row is on
day D when start <= D and, if it has an end, D <= end.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta

from osce_kg import iri
from osce_kg.paths import DATA_DIR
from osce_kg.query.results import QueryResult, Solutions

DAY = timedelta(days=1)


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def first_day(text: str) -> date:
    """A CSV date of any precision as the first day of its period (docs/DESIGN.md, "Dates")."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> date:
    """A CSV date of any precision as the last day of its period (`1999` -> 1999-12-31)."""
    parts = text.split("-")
    if len(parts) == 3:
        return first_day(text)
    following = date(int(parts[0]) + 1, 1, 1) if len(parts) == 1 else first_day(text).replace(day=28) + 4 * DAY
    return following.replace(day=1) - DAY


def on(start: str, end: str, day: date) -> bool:
    return first_day(start) <= day and (not end or day <= last_day(end))


def edges(*dates: str) -> set[date]:
    """The days either side of the first and the last day of each date's period, and those days."""
    return {d + k * DAY for text in dates if text for d in (first_day(text), last_day(text)) for k in (-1, 0, 1)}


STATES = [(r["iso2"], r["joined"], "") for r in rows("participating_states.csv")] + [
    (r["iso3166_3"], r["joined"], r["left"]) for r in rows("former_states.csv") if r["joined"]]
PARTNERS = [(r["iso2"], r["group"], r["since"], r["until"]) for r in rows("partners.csv")]
OPERATIONS = rows("field_operations.csv")
RENAMINGS = rows("renamings.csv")
CHAIRS = rows("chairpersonships.csv")
STRUCTURES = rows("structures.csv")


def states_on(day: date) -> set[str]:
    return {str(iri.country(code)) for code, joined, left in STATES if on(joined, left, day)}


def partners_on(day: date) -> set[str]:
    return {str(iri.country(code)) for code, _, since, until in PARTNERS if on(since, until, day)}


def name_on(op: dict[str, str], day: date) -> str:
    """The operation's name that day: the old name of the first renaming after it, else its name."""
    later = sorted((first_day(r["date"]), r["old_name"]) for r in RENAMINGS if r["operation"] == op["key"] and first_day(r["date"]) > day)
    return later[0][1] if later else op["name"]


def operations_on(day: date) -> set[tuple[str, str]]:
    return {(str(iri.structure(op["key"])), name_on(op, day)) for op in OPERATIONS if on(op["opened"], op["closed"], day)}


def _day(given: dict[str, str]) -> date:
    text = given.get("date", "today")
    return date.today() if text == "today" else date.fromisoformat(text)


def expected(name: str, given: dict[str, str]) -> object | None:
    """The rows' projection (see `projected`) that the query must give, or None when not known here."""
    if name == "states-as-of":
        return states_on(_day(given))
    if name == "partners":
        return partners_on(_day(given))
    if name == "operations-open-on":
        return operations_on(_day(given))
    if name == "was-participating":
        code = given["state"].upper()
        return any(on(joined, left, _day(given)) for c, joined, left in STATES if c == code)
    if name == "chairpersonships":
        lo, hi = int(given.get("from", "1991")), int(given.get("to", "2100"))
        return {r["year"] for r in CHAIRS if lo <= int(r["year"]) <= hi}
    if name == "structures-by-field" and "field" in given:
        return {str(iri.structure(r["key"])) for r in STRUCTURES + OPERATIONS if given["field"] in r["fields"].split(";")}
    return None


def projected(name: str, answer: QueryResult) -> object:
    """The part of an answer that `expected` predicts."""
    if isinstance(answer, bool):
        return answer
    assert isinstance(answer, Solutions)
    column = {"states-as-of": "state", "partners": "state", "chairpersonships": "year", "structures-by-field": "structure"}
    if name == "operations-open-on":
        return {(str(r["operation"]), str(r["nameOnDate"])) for r in answer.rows}
    return {str(r[column[name]]) for r in answer.rows}
