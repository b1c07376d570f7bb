"""Round 9 of the page reader's title, date and place rules (issue 11): patterns of batch 13's newsroom
listings and of batch 14's overviews and event pages the reader did not know, each on a page written for
the test in the site's layouts."""
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


@pytest.mark.parametrize(("page", "title"), [
    ("Human dimension\nDemocratization\nThe Mission focuses on processes that allow the public to take part in "
     "decisions, civil society and good governance across the country.\n", "Democratization"),
    ("Politico-military dimension\n\nConflict settlement\nThe valley conflict\nPeaceful resolution of the valley "
     "conflict is a primary focus for the Mission, which promotes negotiations between the sides.\n", "The valley conflict"),
])
def test_an_overview_under_section_headings_takes_the_last_heading(reader, page, title):
    [doc] = _read(reader, page).documents
    assert doc.title == title


@pytest.mark.parametrize(("page", "section"), [
    # the overview's own heading: 'Overview' over 'Background'
    ("About\n\nOverview\n\nBackground\n\nThe Office was established by a decision of the Permanent Council "
     "on 16 November 1999 and opened in the capital.\n", "Background"),
    # the first section of a page about several bodies, named in another language
    ("Istituzioni e strutture\nAssemblea parlamentare dell’OSCE\nL’Assemblea parlamentare riunisce parlamentari "
     "che provengono da un’area compresa tra Vancouver e Vladivostok, ogni anno.\n", "Assemblea parlamentare dell’OSCE"),
    # a field of work's page whose first section has a heading of its own
    ("Activities\n\nRule of law\n\nSupporting judicial and legal reforms\n\nIn 2011 and 2012, jointly with the "
     "research centre, the Co-ordinator supported the drafting of new laws on the courts.\n", "Supporting judicial and legal reforms"),
])
def test_a_section_under_an_overview_heading_is_no_title(reader, page, section):
    [doc] = _read(reader, page).documents
    assert doc.title != section


def test_a_menu_section_heading_after_a_lone_dash_is_no_title(reader):
    page = ("- Home\n- About us\n-\nOur work\n- Elections\n- Civil society\n- Hate crime\n- News\n- Events\n"
            "Online launch of the remembrance days overview\nMeeting\n- Date:\n- Location:\n- Online event (CET time zone)\n"
            "- Organized by:\n- OSCE Office for Democratic Institutions and Human Rights (ODIHR)\n"
            "The Office presents its overview of remembrance and education in the region.\n")
    [doc] = _read(reader, page).documents
    assert (doc.title, doc.places) == ("Online launch of the remembrance days overview", [])


def test_an_event_page_with_an_empty_date_field_is_dated_by_its_title(reader):
    page = ("Skip Links\n\nInformal meeting of foreign ministers, Corfu, Greece, 27-28 June 2009\n\nMinisterial council\n\n"
            "Date:\nLocation:\nCorfu\nSource:\nOSCE Chairpersonship\n\nAbout\n\nThe Chairmanship hosted an informal "
            "meeting of foreign ministers on the island.\n")
    [doc] = _read(reader, page).documents
    assert (doc.date, doc.date_kind) == ("2009-06-27", "text")


def test_a_spot_report_is_dated_by_its_title(reader):
    page = ("Spot report by the Special Monitoring Mission: Overnight observation in Shyrokyne, 18 April 2015\n"
            "This report is for media and the general public.\n"
            "On 17 April, at 18:30hrs, a team of eight monitors replaced the team that was in the village.\n")
    [doc] = _read(reader, page).documents
    assert doc.date == "2015-04-18"


def test_an_anniversary_opening_dates_no_story(reader):
    page = ("Twenty years in the Organization, the country plays an important role for security, says Head of Office\n"
            "Twenty years ago, on 30 January 1992, following its independence, the country joined the Conference.\n"
            "On this anniversary, the Head of the Office said the Organization had evolved.\n")
    [doc] = _read(reader, page).documents
    assert doc.date is None


def test_a_project_timeline_is_no_date(reader):
    page = ("Regional programme on rocket fuel disposal\n\nProject Info\nLocations\nBeneficiary\nKyrgyzstan, Armenia\n"
            "Timeline\n1 September 2019 - 31 August 2022\nGender Marker\nG0\nTeam\n\n"
            "The project team consists of a project manager, an assistant and two consultants.\n")
    [doc] = _read(reader, page).documents
    assert doc.date is None


def test_a_range_of_days_written_with_to_gives_its_first_day():
    assert find_day_month("gathered in Geneva from 3 to 5 October for the meeting", 2014) == ("3 to 5 October", "2014-10-03")


def test_an_assembly_image_name_over_the_caption_is_no_title(reader):
    page = ("2015 AM Novak Central Asia\n\n"
            "Ana Novak (2nd from left) speaks to the President after the roundtable at the Autumn Meeting, 16 September 2015.\n\n"
            "COPENHAGEN, 15 January 2016 – The President has appointed Ana Novak to serve as Special Representative.\n")
    [doc] = _read(reader, page).documents
    assert (doc.title, doc.date, [p.raw for p in doc.places]) == (None, "2016-01-15", ["COPENHAGEN"])


def test_a_year_and_a_name_that_is_no_image_code_stays_a_title(reader):
    [doc] = _read(reader, "2014 OSCE Mediterranean Conference\n\nThe conference opened in Vienna on 3 May 2014 with a debate.\n").documents
    assert doc.title == "2014 OSCE Mediterranean Conference"


def test_an_election_page_under_odihrs_menu_takes_the_election_and_its_deployment(reader):
    menu = "".join(f"- {entry}\n" for entry in ("Elections", "Civil society", "Rule of law", "Hate crime", "News", "Resources"))
    page = (f"- Home\n- About us\n-\nOur work\n{menu}Limited election observation mission\n"
            "Presidential Election, 20 January and 3 February 2008\n"
            "In response to an invitation to observe the 20 January presidential election, the Office deployed a limited "
            "election observation mission to Belgrade on 4 January. For the second round the mission was joined by others.\n")
    [doc] = _read(reader, page).documents
    assert (doc.title, doc.date, [p.city for p in doc.places]) == (
        "Presidential Election, 20 January and 3 February 2008", "2008-01-04", [_place("belgrade")])


def test_a_headline_naming_only_a_year_gives_no_year_to_an_opening(reader):
    page = ("Public participation in focus at 2023 Annual Meeting of the centres\n\n"
            "The role of the centres took centre stage at the Annual Meeting, held in Dushanbe and online on 17 and 18 October.\n")
    [doc] = _read(reader, page).documents
    assert doc.date is None


@pytest.mark.parametrize(("url", "issuer"), [
    ("https://hatecrime.osce.org/poland", "odihr"),
    ("https://www.hatecrime.osce.org/what-do-we-know", "odihr"),
    ("https://aarhus.osce.org/about", "oceea"),
])
def test_a_structures_own_site_names_the_issuer(reader, url, issuer):
    page = "Our methodology\n\nThe site gathers information on incidents reported by the States and by civil society.\n"
    [doc] = reader.read(Path("page.txt"), page.encode("utf-8"), url=url).documents
    assert doc.issuer == str(iri.structure(issuer))


def test_an_event_location_naming_venue_city_and_state_is_the_city(reader):
    page = ("Winter Meeting of the Assembly\n\nMeeting\n\nDate:\n18 - 20 February 2015\nLocation:\n"
            "Hofburg Congress Centre, Vienna, Austria\nOrganized by:\nOSCE Parliamentary Assembly\n\nAbout\n\n"
            "The crisis will be the focus of the debate at the Winter Meeting.\n")
    [doc] = _read(reader, page).documents
    assert [p.city for p in doc.places] == [_place("vienna")]
