"""Round 9 of the page reader's date and place rules (issue 11): patterns of batch 13's newsroom listings
the reader did not know, each on a page written for the test in the site's layouts."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests.pages_support import gazetteer_of, reference_store

from osce_kg import iri
from osce_kg.parse.fields import find_day_month, parse_dateline
from osce_kg.parse.page import PageReader


@pytest.fixture(scope="module")
def reader() -> PageReader:
    return PageReader(gazetteer_of(reference_store()))


def _read(reader: PageReader, text: str):
    return reader.read(Path("page.txt"), text.encode("utf-8"))


_LISTING_HEAD = "Newsroom\nNews and press releases\nNews and press releases from the OSCE's global activities.\n"


def _listing(title: str, excerpt: str) -> str:
    return (f"{_LISTING_HEAD}{title}\nPublishing date: 3 May 2016\nContent type: News\n"
            f"Where we are: OSCE Mission to Bosnia and Herzegovina\nWhat we do: Rule of law\n{excerpt}\n"
            "Second item of the listing\nPublishing date: 2 May 2016\nContent type: News\n"
            "The second story begins without any place at all.\n")


def _places(doc) -> list[tuple[str, str | None]]:
    return [(p.raw, p.city) for p in doc.places]


def _place(key: str) -> str:
    return str(iri.place(key))


@pytest.mark.parametrize(("text", "raw", "iso"), [
    ("the experts ended their visit on Friday, February 14.", "February 14", "2016-02-14"),
    ("concluded a two-day (Sept. 9-10) visit to the region", "Sept. 9-10", "2016-09-09"),
    ("the March 8th celebrations", "March 8th", "2016-03-08"),
])
def test_a_day_written_after_its_month(text, raw, iso):
    assert find_day_month(text, 2016) == (raw, iso)


@pytest.mark.parametrize("text", [
    "the report of May 2016 says",  # a month and its year: no day
    "they may 3 times a year",  # 'may' the verb
    "In March 2016, 12 people",
])
def test_a_month_with_no_day_after_it_is_no_day(text):
    assert find_day_month(text, 2016) is None


def test_a_listing_excerpt_cut_before_its_full_stop_places_the_item(reader):
    """A listing's excerpt is the story's opening, cut mid-sentence: no standfirst, its city counts."""
    [doc, _] = _read(reader, _listing("Young experts trained on conflict prevention",
                                      "From 11 to 13 December, the OSCE brought together members of its roster of young experts "
                                      "in Vienna for an in-person tra")).documents
    assert _places(doc) == [("Vienna", _place("vienna"))]


@pytest.mark.parametrize("opening", [
    "A regional conference hosted by the Mission concluded today in Budva, Montenegro.",
    "The Mission today presented, in Budva, its latest report on trial monitoring.",
    "Experts concluded their four-day visit to Budva on Friday, February 14.",
])
def test_an_opening_dated_by_today_or_a_month_first_day_places_a_listing_item(reader, opening):
    [doc, _] = _read(reader, _listing("Regional conference on supply chains concludes", opening)).documents
    assert _places(doc) == [("Budva", None)]


def test_an_undated_listing_opening_places_nothing(reader):
    """Without a date an opening tells no event ('its first year in Budva'): the rule the relative day keeps."""
    [doc, _] = _read(reader, _listing("A year of the office", "The office marks its first year in Budva with an exhibition.")).documents
    assert doc.places == []


@pytest.mark.parametrize(("opening", "names"), [
    ("On 3 May 2016 the Head of Mission visited Tuzla, Vukosavlje and Odžak to meet mayors.", ["Tuzla", "Vukosavlje", "Odžak"]),
    ("On 3 May 2016 the Deputy Head of Mission concluded a visit to Livno, Drvar, and Bihać, meeting officials.",
     ["Livno", "Drvar", "Bihać"]),
    ("From 1 to 3 May 2016, young activists gathered in Tirana and traveled to Gjirokastra to discuss heritage.",
     ["Tirana", "Gjirokastra"]),
])
def test_the_towns_a_list_goes_on_with_are_places(reader, opening, names):
    [doc, _] = _read(reader, _listing("Head of Mission visits municipalities", opening)).documents
    assert [p.raw for p in doc.places] == names


def test_a_headline_listing_towns_keeps_the_whole_list_of_its_opening(reader):
    [doc, _] = _read(reader, _listing("Ambassador highlights progress during visit to Tuzla, Vukosavlje and Odžak",
                                      "During his first official visit to Tuzla, Vukosavlje and Odžak, the Head of Mission "
                                      "reaffirmed support.")).documents
    assert [p.raw for p in doc.places] == ["Tuzla", "Vukosavlje", "Odžak"]


@pytest.mark.parametrize("opening", [
    "On 3 May 2016 the conference met in Tirana and Ambassador Novak opened it.",  # a title before a name
    "On 3 May 2016 the conference met in Tirana, Albania, and the delegates agreed.",  # a State
    "On 3 May 2016 the conference met in Tirana and Health ministers joined.",  # a common word
    "On 3 May 2016 the conference met in Tirana, Kovačević and others said.",  # no 'and' before the last name
])
def test_a_list_that_goes_on_with_no_town_adds_nothing(reader, opening):
    [doc, _] = _read(reader, _listing("Conference on regional co-operation", opening)).documents
    assert [p.raw for p in doc.places] == ["Tirana"]


@pytest.mark.parametrize("opening", [
    "A training course opened on 17 February 2016 in the Farap etrap (district) of the Lebap velayat.",
    "On 11 September 2016 vandals damaged tombstones at the cemetery in Pečuj near Zenica.",
    "On 11 September 2016 the monitors visited a village outside Mostar.",
])
def test_a_district_or_a_village_near_a_town_is_no_place(reader, opening):
    [doc, _] = _read(reader, _listing("Course for border guards", opening)).documents
    assert doc.places == []


@pytest.mark.parametrize("language", ["Հայերեն", "Русский", "Shqip"])
def test_a_dateline_links_its_translation(language):
    found = parse_dateline(f"YEREVAN, 15 February 2013 ({language}) – The observers will present their statement.")
    assert found is not None and (found.places, found.date_text, found.rest) == (
        ["YEREVAN"], "15 February 2013", "The observers will present their statement.")


def test_a_reposted_release_takes_the_headline_under_its_notice(reader):
    page = ("Press release issued by the OSCE Parliamentary Assembly\n\n"
            "VIENNA, 3 May 2016 - The following is a press release issued by the OSCE Parliamentary Assembly today. "
            "The views expressed do not necessarily reflect those of the Chairmanship.\n\n"
            "President urges a deeper dialogue on security\n\n"
            "VIENNA, 3 May 2016 - In his address to the Permanent Council, the President today urged a deeper dialogue.\n")
    [doc] = _read(reader, page).documents
    assert (doc.title, doc.date, [p.city for p in doc.places]) == (
        "President urges a deeper dialogue on security", "2016-05-03", [_place("vienna")])


def test_a_listing_item_titled_by_the_notice_keeps_it(reader):
    """In a newsroom listing the notice is the item's own title: nothing is under it to take."""
    page = (f"{_LISTING_HEAD}Press release issued by the OSCE Parliamentary Assembly\nPublishing date: 3 May 2016\n"
            "Content type: Press release\nWhere we are: OSCE Parliamentary Assembly\n"
            "VIENNA, 3 May 2016 - The following is a press release issued by the OSCE Parliamentary Assembly today.\n"
            "Second item of the listing\nPublishing date: 2 May 2016\nContent type: News\nThe second story.\n")
    first = _read(reader, page).documents[0]
    assert first.title == "Press release issued by the OSCE Parliamentary Assembly"


def test_an_untitled_teaser_is_dated_by_the_line_under_its_opening(reader):
    page = ("The Assembly has been active for several years in addressing migration across the region.\n\n"
            "21 January 2019\n\n"
            "Since issuing a special report in February 2013, the Assembly has devoted more attention to the issue.\n")
    [doc] = _read(reader, page).documents
    assert (doc.title, doc.date, doc.date_kind) == (None, "2019-01-21", "bare")
