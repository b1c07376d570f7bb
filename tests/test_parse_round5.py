"""Round 5 of the page reader on real layouts (issue 11): the shapes and names the fresh batch 7
showed the reader did not know, each on a page written for the test."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests.pages_support import FIXTURES, gazetteer_of, reference_store

from osce_kg.parse.page import PageReader
from osce_kg.parse.world_cities import folded, world_city

PAGES = FIXTURES / "pages" / "round5_dateplace"


@pytest.fixture(scope="module")
def reader() -> PageReader:
    return PageReader(gazetteer_of(reference_store()))


def _read(reader: PageReader, text: str, name: str = "page.txt"):
    return reader.read(Path(name), text.encode("utf-8"))


def test_titles_over_their_date_lines_are_a_listing_whatever_the_words(reader):
    record = reader.read(PAGES / "pa_newsletter_archive.txt")
    assert record.layout == "B"
    assert [(d.title, d.date) for d in record.documents] == [
        ("Assembly Bulletin 22", "2003-03-14"), ("Assembly Bulletin 21", "2003-02-28"), ("Assembly Bulletin 20", None)]
    assert record.documents[2].warnings == ["line 19: dated by its month alone ('February 2003'): no day, so no date"]


def test_dates_over_titles_stay_read_as_before(reader):
    record = _read(reader, "News\n3 May 2016\nFirst item title\nText of the first item.\n4 May 2016\nSecond item title\nText.\n")
    assert [(d.title, d.date) for d in record.documents] == [("First item title", "2016-05-03"), ("Second item title", "2016-05-04")]


def test_a_dateline_may_name_the_state_after_its_city(reader):
    [doc] = reader.read(PAGES / "newsroom_state_in_dateline.txt").documents
    assert (doc.date, [p.raw for p in doc.places]) == ("2002-05-09", ["JAJCE"])


def test_a_town_is_known_under_other_spellings_and_by_a_date_without_year(reader):
    first, second = reader.read(PAGES / "listing_towns_other_spellings.txt").documents
    assert [p.raw for p in first.places] == ["Kurgan-Tyube", "Kuljab"]
    assert [p.raw for p in second.places] == ["Kaçanik"]


@pytest.mark.parametrize("name, spelling", [("Kaçanik", "Kačanik"), ("Kulyab", "Kuljab"), ("Kurgan-Tube", "Kurgan Tyube")])
def test_spellings_of_one_town_fold_alike(name, spelling):
    assert folded(name) == folded(spelling)


def test_a_word_is_no_town_under_any_spelling():
    assert not world_city("March", frozenset({"GB", "AT"})) and not world_city("kulob", frozenset({"TJ"}))
