"""Rules of the page reader's people, States and structures that mutmut's survivors in
parse/entities.py showed no test held (issue 15, the full run on c41715d: docs/mutation.md). One
rule a test; the sentences are written here, in the phrasing of the site's releases."""

from __future__ import annotations

import pytest
from tests.pages_support import gazetteer_of, reference_store

from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.entities import EntityReader


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return gazetteer_of(reference_store())


@pytest.fixture
def reader(gazetteer: Gazetteer) -> EntityReader:
    # a reader per test: mutmut credits a module-scoped fixture's calls to the first test only
    return EntityReader(gazetteer)


def _people(reader: EntityReader, paragraphs: list[str], title: str | None = None, issuer: str | None = None) -> list[tuple]:
    return [(p.name, p.role, p.affiliation) for p in reader.read(title, paragraphs, issuer).people]


# --- what a name is not ---------------------------------------------------------------------------

def test_sir_or_dame_before_a_name_is_a_form_of_address(reader):
    """'Sir' is an honorific, so the name after it is a person's even with nothing else said of them."""
    assert _people(reader, ["Sir Ben Smith visited Vienna."]) == [("Ben Smith", None, None)]
    assert _people(reader, ["Dame Ana Novak visited Vienna."]) == [("Ana Novak", None, None)]


def test_a_post_in_a_translated_page_is_the_role_before_the_name(reader):
    assert _people(reader, ["The letter was sent to Ambasadoarea Ana Novak."]) == [("Ana Novak", "Ambasadoarea", None)]


def test_a_body_named_in_a_translated_post_is_no_part_of_the_name_after_it(reader):
    """'Šefica Misije' is 'Head of Mission': 'Misije' belongs to the post. (c41715d reads no person
    here at all; the rule pinned is only that the body's word is never taken for a first name.)"""
    people = _people(reader, ["Šefica Misije Mariz Novak je posjetila Tetovo."])
    assert all("Misije" not in name for name, _, _ in people), people


def test_a_city_after_an_opening_name_is_no_post(reader):
    """'Ana Novak, Vienna': a list line's name and city; the city is not her role (a State would be)."""
    assert all(role != "Vienna" for _, role, _ in _people(reader, ["Ana Novak, Vienna"]))
