"""Round 8 of the page reader's title, date and place rules (issue 11): patterns of batches 11 and 12
the reader did not know, each on a page written for the test in the site's layouts."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests.pages_support import gazetteer_of, reference_store

from osce_kg import iri
from osce_kg.parse.fields import parse_dateline
from osce_kg.parse.page import PageReader
from osce_kg.parse.urls import site_sections


@pytest.fixture(scope="module")
def reader() -> PageReader:
    return PageReader(gazetteer_of(reference_store()))


def _read(reader: PageReader, text: str, url: str | None = None):
    return reader.read(Path("page.txt"), text.encode("utf-8"), url=url)


def _cities(doc) -> list[str | None]:
    return [p.city for p in doc.places]


_LISTING_HEAD = "Newsroom\nNews and press releases\nNews and press releases from the OSCE's global activities.\n"


def _item(title: str, excerpt: str, where: str = "OSCE Secretariat") -> str:
    return (f"{title}\nPublishing date: 3 May 2016\nContent type: Press release\nWhere we are: {where}\n"
            f"What we do: Human rights\n{excerpt}\n")


@pytest.mark.parametrize(("text", "places", "date"), [
    ("PARIS, ROME, OSLO, 3 May 2016 – In a joint statement the three bodies said.", ["PARIS", "ROME", "OSLO"], "3 May 2016"),
    ("VIENNA, WARSAW, 3 May 2016 - The two institutions agreed.", ["VIENNA", "WARSAW"], "3 May 2016"),
    # a city and its State stay one place; 'D.C.' is no city
    ("WASHINGTON, D.C., 3 May 2016 - The delegation met.", ["WASHINGTON"], "3 May 2016"),
    ("TRAVNIK, Bosnia and Herzegovina, 5 April 2001 - The office opened.", ["TRAVNIK"], "5 April 2001"),
])
def test_cities_listed_with_commas_in_a_joint_dateline(text, places, date):
    found = parse_dateline(text)
    assert found is not None and (found.places, found.date_text) == (places, date)


def test_each_city_of_a_joint_dateline_places_a_listing_item(reader):
    page = _LISTING_HEAD + _item("Three institutions mark a day against racism",
                                 "VIENNA, WARSAW, PRAGUE, 3 May 2016 – In a joint statement the heads of three bodies said ...")
    [doc] = _read(reader, page).documents
    assert _cities(doc) == [str(iri.place(c)) for c in ("vienna", "warsaw", "prague")]


@pytest.mark.parametrize(("text", "places"), [
    ("GUKOVO, Russian Federation. The Mission continues to observe both crossing points.", ["GUKOVO"]),
    ("KAMENSK-SHAKHTINSKY, Russian Federation. The Mission observed fewer crossings.", ["KAMENSK-SHAKHTINSKY"]),
])
def test_an_undated_dateline_of_a_city_and_its_state(text, places):
    found = parse_dateline(text)
    assert found is not None and (found.places, found.date_text) == (places, None)


@pytest.mark.parametrize("text", [
    "Gukovo, Russian Federation. The Mission continues.",  # a city in title case opens a sentence
    "GUKOVO, Russian Federation, the Mission continues.",  # no full stop after the State
])
def test_a_city_and_state_without_capitals_or_full_stop_is_no_undated_dateline(text):
    assert parse_dateline(text) is None


def test_an_undated_dateline_places_the_weekly_update(reader):
    [doc] = _read(reader, "Weekly update from the Observer Mission\n"
                          "GUKOVO, Russian Federation. The Mission continues to observe both crossing points around the clock.\n").documents
    assert (doc.date, _cities(doc)) == (None, [str(iri.place("gukovo"))])


@pytest.mark.parametrize("excerpt", [
    "On 2 May the monitors recorded more explosions in Donetsk region than the day before ...",
    "On 2 May the monitors recorded explosions in Donetsk and Luhansk regions, fewer than the day before ...",
    "On 2 May the monitors recorded explosions in the Donetsk Oblast, fewer than the day before ...",
])
def test_a_citys_name_that_names_its_region_places_no_event(reader, excerpt):
    page = _LISTING_HEAD + _item("Daily report of the monitors, 3 May", excerpt, "OSCE Special Monitoring Mission to Ukraine (closed)")
    [doc] = _read(reader, page).documents
    assert doc.places == []


def test_a_city_before_its_regions_name_is_the_city(reader):
    [doc] = _read(reader, "Judges trained in court management\n"
                          "On 3 May 2016 the Mission held a seminar for judges in Dushanbe, Hisor region.\n").documents
    assert _cities(doc) == [str(iri.place("dushanbe"))]


def test_an_events_location_names_its_venue_then_its_city(reader):
    [doc] = _read(reader, "Photo exhibition of the Mission's first twenty years\nGeneral event\n- Date:\n- 3 May 2016\n"
                          "- Location:\n- Central Park of the Capital, Chisinau\n- Organized by:\n- OSCE Mission to Moldova\n"
                          "About\nThe Mission invites the public to an exhibition of photographs of its work over twenty years.\n").documents
    assert _cities(doc) == [str(iri.place("chisinau"))]


def test_washington_is_one_city_however_a_dateline_writes_it(reader):
    for dateline in ("WASHINGTON", "WASHINGTON, D.C."):
        [doc] = _read(reader, f"Observers to report on the elections\n{dateline}, 3 May 2016 – The observers will hold a press conference.\n").documents
        assert _cities(doc) == [str(iri.place("washington-dc"))]


def test_the_policing_site_is_the_strategic_police_matters_units(reader):
    assert site_sections("https://polis.osce.org/node/123") == ["SPMU"]
    [doc] = _read(reader, "Border agencies trained in risk analysis\n"
                          "VIENNA, 3 May 2016 – Officers of five border agencies completed a course on risk analysis.\n",
                  url="https://polis.osce.org/border-agencies-trained").documents
    assert doc.issuer == str(iri.structure("strategic-police-matters-unit"))


def test_a_photo_credit_line_above_the_dateline_is_no_title(reader):
    [doc] = _read(reader, "Photo credit: Ministry of Foreign Affairs / osce.org\n"
                          "OSLO, 3 May 2016 – The President opened the Council meeting today with a call for dialogue.\n").documents
    assert (doc.title, doc.date, [p.raw for p in doc.places]) == (None, "2016-05-03", ["OSLO"])


def test_alt_text_glued_before_the_same_heading_is_dropped(reader):
    [doc] = _read(reader, "Ana NovakAna Novak (Norway)\n\nThe President appointed Ana Novak as her Special Representative "
                          "on youth and security in 2016, and every President since has reappointed her.\n").documents
    assert doc.title == "Ana Novak (Norway)"


@pytest.mark.parametrize("caption", [
    "Overlooking the old town of the capital. (iStock Photo)",
    "The office building of the Mission. (OSCE/Ana Novak)",
])
def test_a_structures_name_over_a_caption_or_its_first_sentence_is_the_title_and_issuer(reader, caption):
    [doc] = _read(reader, f"OSCE Mission to Estonia (closed)\n\n{caption}\n"
                          "The OSCE Mission to Estonia started its work on 15 February 1993 and its mandate ended on 31 December 2001.\n"
                          "The Mission's tasks included contacts with the authorities and with non-governmental organizations.\n").documents
    assert (doc.title, doc.issuer) == ("OSCE Mission to Estonia (closed)", str(iri.structure("mission-to-estonia")))
    assert (doc.date, doc.places) == (None, [])  # an overview's text dates and places its history


def test_a_structures_name_over_a_headline_stays_the_site_header(reader):
    [doc] = _read(reader, "OSCE Mission to Skopje\nJudges trained in court management\n"
                          "SKOPJE, 3 May 2016 – Judges from five courts attended a seminar.\n").documents
    assert doc.title == "Judges trained in court management"
    assert doc.issuer == str(iri.structure("mission-to-skopje"))


@pytest.mark.parametrize("opening", [
    "A police mission of the OSCE has arrived in the Kyrgyz capital of Bishkek to help the authorities, a spokeswoman said.",
    "The first monitors arrived in Bishkek to help the authorities, a spokeswoman said.",
])
def test_an_arrival_in_a_capital_of_a_city_places_an_undated_opening(reader, opening):
    [doc] = _read(reader, f"OSCE police mission arrives in Kyrgyzstan\n\n25 June 2010\n\n{opening}\n").documents
    assert (doc.date, _cities(doc)) == ("2010-06-25", [str(iri.place("bishkek"))])


def test_a_caption_ending_in_an_osce_credit_does_not_date_an_overview(reader):
    [doc] = _read(reader, "OSCE Office in Tajikistan\n\nAbout\n\nOSCE Border Academy\n\n"
                          "Officers of the Academy's first course on a field visit to the border, Panj, 27 November 2010. (OSCE)\n\n"
                          "Set up in 2009, the OSCE Border Academy trains senior border officials of the region in its building in the capital.\n").documents
    assert doc.date is None


def test_a_numbered_section_heading_as_title_is_an_overview_without_date(reader):
    [doc] = _read(reader, "1. Basic decisions\nEstablishment: 193rd Plenary Meeting of the Permanent Council, 25 October 1998.\n"
                          "Terms of Reference:\n- Decision No. 218, 11 March 1998\n").documents
    assert doc.date is None
