"""Round 6 of the page reader on real layouts (issue 11): what batch 9 showed the reader did not know,
each on a page written for the test."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests.pages_support import FIXTURES, gazetteer_of, reference_store

from osce_kg.parse.fields import parse_dateline
from osce_kg.parse.page import PageReader

PAGES = FIXTURES / "pages" / "round6_place"


@pytest.fixture(scope="module")
def reader() -> PageReader:
    return PageReader(gazetteer_of(reference_store()))


def _read(reader: PageReader, text: str):
    return reader.read(Path("page.txt"), text.encode("utf-8"))


def test_a_hyphenated_city_opens_a_dateline_with_its_state(reader):
    [doc] = reader.read(PAGES / "weekly_update_hyphenated_city.txt").documents
    assert (doc.date, [p.raw for p in doc.places]) == ("2014-03-12", ["KAMENSK-SHAKHTINSKY"])


@pytest.mark.parametrize("text", ["ANA-MPA", "OSZE-Verpflichtungen im Blick der Mission"])
def test_a_hyphenated_word_is_still_no_dateline(text):
    assert parse_dateline(text) is None


def test_a_story_set_in_the_municipality_of_a_town_is_placed_there(reader):
    [doc] = reader.read(PAGES / "story_municipality_of_town.txt").documents
    assert [p.raw for p in doc.places] == ["Tetovo"]


def test_a_day_without_year_dates_the_opening_event_on_a_page_without_year(reader):
    [doc] = reader.read(PAGES / "story_day_without_year.txt").documents
    assert (doc.date, [p.raw for p in doc.places]) == (None, ["Lviv"])


def test_a_headlines_verb_or_document_word_after_a_name_is_no_part_of_it(reader):
    first, second = reader.read(PAGES / "newsletter_headline_verbs.txt").documents
    assert ([p.name for p in first.people], [p.name for p in second.people]) == (["Ilse Brandner"], [])


@pytest.mark.parametrize(("name", "title"), [
    ("overview_glued_breadcrumb.txt", "Moldova: Our work in brief"),
    ("overview_russian_section.txt", "Водные ресурсы"),
])
def test_a_glued_breadcrumb_or_a_translated_menu_section_is_no_title(reader, name, title):
    [doc] = reader.read(PAGES / name).documents
    assert doc.title == title


def test_a_title_starting_with_home_as_a_word_is_still_a_title(reader):
    [doc] = _read(reader, "Homeland security in focus at a border seminar\nVIENNA, 3 May 2016 - Officers met to share practice.\n").documents
    assert doc.title == "Homeland security in focus at a border seminar"
