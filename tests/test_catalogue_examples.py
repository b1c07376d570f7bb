"""Every example call of the query catalogue gives an answer, and the right one where the data's
rows say what it must be (an example that returns nothing teaches nothing, and the remote tests
compared such an empty answer with another engine's empty answer)."""

from __future__ import annotations

import re

import pytest

from expected_rows import expected, projected, rows
from osce_kg import iri
from osce_kg.query.catalog import load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.results import Solutions

CATALOG = load_catalog()
EXAMPLES = [(name, dict(re.findall(r"--param\s+(\w+)=(\S+)", example))) for name, q in sorted(CATALOG.items()) for example in q.examples]


@pytest.mark.parametrize(("name", "given"), EXAMPLES, ids=[f"{n}:{','.join(g.values()) or 'defaults'}" for n, g in EXAMPLES])
def test_each_example_gives_rows_and_the_expected_ones(built_store, name: str, given: dict[str, str]) -> None:
    answer = run_local(built_store, CATALOG[name].bound(given))
    if not isinstance(answer, bool):
        assert len(answer) > 0, f"osce-kg query {name} {given}: no rows"
    want = expected(name, given)
    if want is not None:
        assert projected(name, answer) == want


def test_sources_of_mongolias_joining_date_cite_the_rows_url(built_store) -> None:
    """The sources-of example: the membership's start date comes from participating_states.csv's MN row."""
    row = next(r for r in rows("participating_states.csv") if r["iso2"] == "MN")
    answer = run_local(built_store, CATALOG["sources-of"].bound({
        "entity": str(iri.membership("participating", "MN")), "property": "https://schema.org/startDate"}))
    assert isinstance(answer, Solutions)
    assert {str(r["source"]) for r in answer.rows if "source" in r} == set(row["source"].split(";"))
    assert {str(r["file"]) for r in answer.rows} == {"data/participating_states.csv"}
