"""An event's own page (its URL names it) dated by the first day its text sets the event on."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pages_support import gazetteer_of, reference_store

from osce_kg.parse.page import PageReader

PAGES = Path(__file__).parent / "fixtures" / "pages" / "with_url"


@pytest.fixture(scope="module")
def reader() -> PageReader:
    return PageReader(gazetteer_of(reference_store()))


def test_an_untitled_meeting_page_takes_its_first_day_the_urls_year_and_the_sentences_city(reader):
    page = PAGES / "pa_autumn_meeting_untitled.txt"
    [doc] = reader.read(page, url="http://old.oscepa.org/meetings/autumn-meetings/2013-tirana").documents
    assert doc.date == "2013-10-05"
    assert [p.city.rsplit("/", 1)[1] for p in doc.places if p.city] == ["tirana"]
    assert doc.issuer is not None and doc.issuer.endswith("/parliamentary-assembly")


def test_a_section_listing_meetings_is_not_one_meeting(reader):
    # the same sentence shape on a section's list of meetings gives it no date of its own
    page = PAGES / "pa_meetings_section_list.txt"
    [doc] = reader.read(page, url="http://old.oscepa.org/meetings/autumn-meetings?start=12").documents
    assert doc.date is None
    [undated] = reader.read(PAGES / "pa_autumn_meeting_untitled.txt", url="https://www.oscepa.org/news-a-media/press-releases").documents
    assert undated.date is None
