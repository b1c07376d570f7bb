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


def test_a_listing_items_date_cut_inside_its_year_takes_the_neighbours_year(reader):
    first, second = reader.read(PAGES / "listing_cut_year.txt").documents
    assert (first.date, second.date) == ("2011-03-03", "2011-03-09")
    assert "line 7: date '9 March 20' is cut inside its year; took 2011 from the items beside it" in second.warnings


def test_a_french_dateline_may_put_an_article_before_its_day(reader):
    [doc] = reader.read(PAGES / "plain_french_dateline.txt").documents
    assert (doc.date, [p.raw for p in doc.places]) == ("2013-06-14", ["GENÈVE"])


def test_a_story_in_russian_dated_by_the_date_opening_its_text(reader):
    [doc] = reader.read(PAGES / "plain_russian_date_opening.txt").documents
    assert (doc.title, doc.date, doc.date_kind) == ("ОБСЕ проводит семинар для молодых юристов", "2024-04-12", "text")


@pytest.mark.parametrize("name, date, city", [
    ("pa_story_dateline_after_caption.txt", "2016-05-04", "GENEVA"), ("pa_story_dateline_with_state.txt", "2017-03-08", "TBILISI")])
def test_a_dateline_glued_after_a_caption_is_found_with_or_without_its_state(reader, name, date, city):
    [doc] = reader.read(PAGES / name).documents
    assert (doc.date, [p.raw for p in doc.places]) == (date, [city])


def test_a_headline_run_over_lines_is_one_title(reader):
    [doc] = reader.read(PAGES / "plain_speech_title_two_lines.txt").documents
    assert (doc.title, doc.date) == (
        "Statement by Ambassador Jana Horvat, Head of the OSCE Mission to Serbia to the OSCE Permanent Council", "2015-06-04")
    [doc] = _read(reader, "Twenty years of regional\nco-operation on water\nThe States of the region met in Almaty on 3 May 2016.\n").documents
    assert doc.title == "Twenty years of regional co-operation on water"


def test_a_banners_alt_text_is_never_a_title(reader):
    [doc] = reader.read(PAGES / "plain_banner_alt_text.txt").documents
    assert (doc.title, doc.date, doc.places) == (None, None, [])
    assert doc.warnings == ["line 3: the page shows no title", "line 1: no date on the page or in its URL"]


def test_a_headline_about_a_banner_stays_the_title(reader):
    [doc] = _read(reader, "Young people raise a banner for peace\nYoung people met in Vienna on 3 May 2016 to march for peace.\n").documents
    assert (doc.title, doc.date) == ("Young people raise a banner for peace", "2016-05-03")
