"""Rules of the page reader's date, place, title and warnings, one per test (written for mutmut's
survivors in parse/page.py: docs/mutation.md). Pages are written here in the site's layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg import iri
from osce_kg.errors import InputError
from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.page import PageReader, decode
from osce_kg.parse.urls import item_key

PAGE = Path("pages/page.txt")
SKOPJE = str(iri.structure("mission-to-skopje"))


@pytest.fixture
def reader(gazetteer: Gazetteer) -> PageReader:
    # a reader per test: mutmut credits a module-scoped fixture's calls to the first test only
    return PageReader(gazetteer)


def _read(reader: PageReader, text: str, name: str = "page.txt", **kwargs):
    return reader.read(Path(name), text.encode("utf-8"), **kwargs)


def _own_warnings(record) -> list[str]:
    """The record's warnings but the one about an unrecognised layout (pages written here are short)."""
    return [w for w in record.warnings if "layout not recognised" not in w]


def _refused(call) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


# --- decode -------------------------------------------------------------------------------------

def test_a_big_endian_utf16_file_is_read_by_its_byte_order_mark():
    data = b"\xfe\xff" + "Tiranë\n".encode("utf-16-be")
    assert decode(data, PAGE) == ("Tiranë\n", "utf-16", ["file is UTF-16 (byte-order mark); decoded as utf-16"])


def test_only_the_first_8_kib_are_sniffed_for_nul_bytes():
    late = b"a" * 8192 + b"\x00" + b"\nmore text\n"
    assert decode(late, PAGE)[1:] == ("utf-8", [])
    early = b"a" * 8191 + b"\x00" + b"\nmore text\n"
    assert _refused(lambda: decode(early, PAGE)).message == "binary file (NUL bytes): not a text or HTML page"


def test_a_binary_file_is_refused_at_its_first_nul_byte():
    error = _refused(lambda: decode(b"Title\nline two\x00\nthree\x00\n", PAGE))
    assert (error.message, error.path, error.line) == ("binary file (NUL bytes): not a text or HTML page", PAGE, 2)


@pytest.mark.parametrize("text, garbled", [
    # up to 3 odd characters, or one in 50 characters, are tolerated
    ("Title text line\n" + "\x01\x02\x03", False),
    ("T\n" + "\x01\x02\x03\x04", True),
    # 1,000 characters: 20 tolerated, 21 not
    ("a" * 980 + "\x01" * 20, False),
    ("a" * 979 + "\x01" * 21, True),
])
def test_a_file_is_garbled_beyond_three_odd_characters_or_one_in_fifty(text, garbled):
    if garbled:
        assert _refused(lambda: decode(text.encode(), PAGE)).message.startswith("garbled file:")
    else:
        assert decode(text.encode(), PAGE) == (text, "utf-8", [])


def test_a_garbled_file_names_its_path_and_the_line_of_its_first_odd_character():
    error = _refused(lambda: decode(b"\nTitle\n\x01\x02\x03\x04\n", PAGE))
    assert (error.message, error.path, error.line) == (
        "garbled file: 4 control or unassigned characters (decoded as utf-8)", PAGE, 3)


def test_private_use_and_unassigned_characters_count_as_garbled_from_their_first_place():
    # U+E000 and U+E001 are private use, U+0378 is unassigned: 2 + 1 + 2 + 1 (the ASCII control)
    text = "Title\nab\ue000\n\ue001\u0378\ue000x\x01\ue001\n"
    error = _refused(lambda: decode(text.encode(), PAGE))
    assert (error.message, error.line) == ("garbled file: 6 control or unassigned characters (decoded as utf-8)", 2)


# --- the reader's envelope: refusals, record, warnings ------------------------------------------

def test_a_file_refused_by_decode_is_named_by_the_reader(reader):
    error = _refused(lambda: reader.read(PAGE, b"\n\n"))
    assert (error.message, error.path, error.line) == ("empty file: only white space", PAGE, 1)


@pytest.mark.parametrize("text, name, line", [
    ("\n\n-\n- 12\n- 2011\n", "page.txt", 3),
    ("<html><body></body></html>", "page.html", 1),
])
def test_no_readable_text_is_refused_at_the_first_block_or_line_1(reader, text, name, line):
    error = _refused(lambda: _read(reader, text, name))
    assert (error.message, error.path, error.line) == ("no readable text in the page", Path(name), line)


def test_an_unknown_layout_names_the_file(reader):
    error = _refused(lambda: _read(reader, "A title\nText.\n", layout="F"))
    assert (error.message, error.path) == ("unknown layout 'F': use one of A, B, C, D, E", Path("page.txt"))


def test_the_record_holds_the_path_the_encoding_and_the_canonical_url(reader):
    page = ('<html><head><link rel="canonical" href="https://www.osce.org/node/77"></head>'
            "<body><p>Young mediators meet</p><p>Young mediators met in Vilnius on 3 May 2016.</p></body></html>")
    record = reader.read(Path("a/page.html"), page.encode("cp1252"))
    assert (record.source_path, record.encoding, record.canonical_url) == (Path("a/page.html"), "utf-8", "https://osce.org/node/77")
    record = reader.read(PAGE, "Tiranë meets\nThe text of Tiranë.\n".encode("cp1252"))
    assert (record.source_path, record.encoding) == (PAGE, "cp1252")


def test_a_relative_canonical_link_is_resolved_against_the_fetched_url(reader):
    page = ('<html lang="en"><head><link rel="canonical" href="/node/77"></head><body><p>Young mediators meet</p>'
            "<p>Young mediators met in Vilnius on 3 May 2016.</p></body></html>")
    record = _read(reader, page, "page.html", url="https://www.osce.org/odihr/12")
    [doc] = record.documents
    assert record.canonical_url == doc.canonical_url == "https://osce.org/node/77"
    assert doc.urls == ["https://www.osce.org/node/77", "https://www.osce.org/odihr/12"]
    assert _own_warnings(record) == []


def test_an_unusable_canonical_link_or_fetched_url_is_a_warning_with_its_first_200_characters(reader):
    link = "mailto:" + "x" * 300
    page = (f'<html><head><link rel="canonical" href="{link}"></head><body><p>Young mediators meet</p>'
            "<p>Young mediators met in Vilnius on 3 May 2016.</p></body></html>")
    record = _read(reader, page, "page.html", url="ftp://" + "y" * 300)
    assert _own_warnings(record) == [
        f"the page's canonical link is not a usable URL, ignored: {link[:200]!r}",
        f"the URL the page was fetched from is not a usable URL, ignored: {('ftp://' + 'y' * 300)[:200]!r}",
    ]
    assert record.canonical_url is None


@pytest.mark.parametrize("closing, warned", [("</html>", False), ("</HTML>", False), ("", True)])
def test_an_html_page_without_its_closing_tag_may_be_truncated(reader, closing, warned):
    page = f"<html><body><p>Young mediators meet</p><p>Young mediators met in Vilnius on 3 May 2016.</p></body>{closing}"
    record = _read(reader, page, "page.html")
    assert _own_warnings(record) == (["HTML has no closing </html>: the page may be truncated"] if warned else [])


def test_a_page_of_no_known_layout_says_which_layouts_it_is_not(reader):
    record = _read(reader, "Young mediators meet in Vilnius\n3 May 2016\nYoung mediators from ten States met in Vilnius.\n")
    assert record.warnings == [
        "line 1: layout not recognised (none of A current press-release page; B listing page; C 2000-era newsroom page; "
        "D plain body; E institution or newer layout): read as a generic article"]


def test_the_html_language_stands_when_the_text_is_too_short_to_tell_and_the_url_has_no_prefix(reader):
    page = '<html lang="de-AT"><body><p>Training</p><p>Kurs der Mission.</p></body></html>'
    [doc] = _read(reader, page, "page.html", url="https://www.osce.org/node/5").documents
    assert (doc.language, doc.key, doc.translation_of) == ("de", "node-5", None)


def test_a_listings_items_are_keyed_by_title_and_date(reader):
    record = _read(reader, "News\n3 May 2016\nSame title\nText of the first item.\n4 May 2016\nSame title\nText of the second item.\n")
    assert [d.key for d in record.documents] == [item_key("Same title", "2016-05-03"), item_key("Same title", "2016-05-04")]


def test_a_page_whose_source_names_no_structure_takes_no_issuer_from_its_url(reader):
    text = "Press release\nA title\n- Date:\n- 3 May 2016\n- Source:\n- Friends of the Lake Club\nThe club met.\n"
    [doc] = _read(reader, text, url="https://www.osce.org/bih/12345").documents
    assert (doc.issuer_text, doc.issuer) == ("Friends of the Lake Club", None)


def test_the_no_date_warning_names_the_title_line(reader):
    [doc] = _read(reader, "Activities\nYoung mediators meet\nYoung mediators met to train.\n").documents
    assert doc.title == "Young mediators meet"
    assert doc.warnings == ["line 2: no date on the page or in its URL"]


def _dates(doc) -> list[tuple]:
    return [(d.kind, d.raw, d.iso, d.line, d.precision) for d in doc.dates]


def _places(doc) -> list[tuple]:
    return [(p.raw, p.city, p.score) for p in doc.places]


# --- dates from listing titles, event pages, event boxes, header lines ---------------------------

def test_listing_items_without_a_date_field_are_dated_by_their_titles(reader):
    record = _read(reader, "Newsroom\n"
                   "Spot report 3 June (Kyiv time)\nReport type: Spot report\nThe monitors went ...\n"
                   "First report\nPublishing date: 20 April 2014\nReport type: Daily report\nThe monitors went ...\n"
                   "Latest from the Special Monitoring Mission to Ukraine - based on information received up until 23 April 2014\n"
                   "Report type: Daily report\nThe mission monitors met on 21 April 2014 ...\n"
                   "Spot report 4 June (Kyiv time)\nReport type: Spot report\nThe monitors went ...\n"
                   "Last report\nPublishing date: 20 June 2015\nReport type: Daily report\nThe monitors went ...\n")
    first, dated, by_title, by_day, last = record.documents
    # a day and month in the title takes the year of the nearest dated item before it, else after it
    assert (first.date, first.date_kind, first.date_precision, first.event_date) == ("2014-06-03", "text", "day", "2014-06-03")
    assert _dates(first) == [("text", "3 June", "2014-06-03", 2, "day")]
    assert _dates(dated) == [("listing", "20 April 2014", "2014-04-20", 5, "day")]
    # the title's full date wins over a date inside the excerpt; both are kept as evidence
    assert (by_title.date, by_title.date_kind, by_title.event_date) == ("2014-04-23", "text", "2014-04-23")
    assert _dates(by_title) == [("text", "21 April 2014", "2014-04-21", 11, "day"), ("text", "23 April 2014", "2014-04-23", 9, "day")]
    assert (by_day.date, _dates(by_day)) == ("2014-06-04", [("text", "4 June", "2014-06-04", 12, "day")])
    assert last.date == "2015-06-20"


def test_an_event_page_is_dated_by_its_opening_text_and_the_year_in_its_url(reader):
    url = "https://www.oscepa.org/meetings/autumn-meetings/2011-dubrovnik"
    [doc] = _read(reader, "Annual meeting opens\nThe Assembly met in Dubrovnik on 7-10 October. It was good.\n", url=url).documents
    assert (doc.date, doc.date_kind, doc.date_precision, doc.event_date) == ("2011-10-07", "text", "day", "2011-10-07")
    assert _dates(doc) == [("text", "7-10 October", "2011-10-07", 1, "day")]
    assert _places(doc) == [("Dubrovnik", str(iri.place("dubrovnik")), 100.0)]
    assert doc.warnings == []


def test_an_event_pages_full_date_needs_no_year_in_its_url(reader):
    url = "https://www.oscepa.org/events/autumn-meeting"
    [doc] = _read(reader, "Annual meeting opens\nThe Assembly met in Dubrovnik on 7-10 October 2011. It was good.\n", url=url).documents
    assert _dates(doc) == [("text", "7-10 October 2011", "2011-10-07", 2, "day")]
    [doc] = _read(reader, "Annual meeting opens\nThe Assembly met in Dubrovnik on 7-10 October.\n", url=url).documents
    assert (doc.date, doc.dates) == (None, [])


@pytest.mark.parametrize("body", [
    # past the first three paragraphs
    "The Assembly gathers members. They talk.\nThey vote.\nThey eat.\nThe Assembly met in Dubrovnik on 7-10 October.\n",
    # past the first four sentences of a paragraph
    "The Assembly gathers members. They talk. They vote. They eat. The Assembly met in Dubrovnik on 7-10 October.\n",
])
def test_an_event_pages_date_is_looked_for_in_its_opening_only(reader, body):
    [doc] = _read(reader, "Annual meeting opens\n" + body, url="https://www.oscepa.org/meetings/autumn-meetings/2011-dubrovnik").documents
    assert (doc.date, doc.dates) == (None, [])


def test_an_event_box_when_gives_the_first_day_and_where_the_place(reader):
    [doc] = _read(reader, "Skip Links\nEvent\nConference on media freedom\nWhen\n20 - 21 February 2025\nWhere\nVienna\n"
                          "The conference brings together journalists.\n").documents
    assert (doc.date, doc.date_kind) == ("2025-02-20", "metadata")
    assert _dates(doc) == [("metadata", "20 - 21 February 2025", "2025-02-20", 3, "day")]
    assert _places(doc) == [("Vienna", str(iri.place("vienna")), 100.0)]


def test_an_event_box_when_that_is_no_date_is_a_warning(reader):
    [doc] = _read(reader, "Skip Links\nEvent\nConference on media freedom\nWhen\nnext spring\n"
                          "The meeting on 19 February 2025 set the agenda.\nThe conference will start on 20 February.\n").documents
    assert _dates(doc) == [("metadata", "next spring", None, 3, "day"), ("text", "19 February 2025", "2025-02-19", 6, "day")]
    assert doc.warnings == ["line 3: When 'next spring' is not a date"]


def test_an_event_pages_start_takes_the_year_of_the_pages_first_full_date(reader):
    text = ("Skip Links\nEvent\nConference on media freedom\nOrganized by\nOSCE Secretariat\n"
            "Journalists from ten States are invited.\nThe meeting on 19 February 2025 set the agenda.\n"
            "The conference will start on 20 February.\n")
    [doc] = _read(reader, text).documents
    assert (doc.date, doc.date_kind, _dates(doc)) == ("2025-02-20", "text", [("text", "20 February", "2025-02-20", 8, "day")])
    # no full date anywhere: the start has no year
    [doc] = _read(reader, text.replace("The meeting on 19 February 2025 set the agenda.\n", "")).documents
    assert (doc.date, doc.dates) == (None, [])
    # without an event box, the same text is no event page
    [doc] = _read(reader, text.replace("Organized by\nOSCE Secretariat\n", "")).documents
    assert doc.date is None


def test_a_header_lines_date_and_city_are_kept_with_its_line(reader):
    [doc] = _read(reader, "Newsroom\nMission welcomes new assemblies\nSKOPJE 12 April 2001\nThe Mission welcomed the new assemblies.\n").documents
    assert _dates(doc) == [("header", "SKOPJE 12 April 2001", "2001-04-12", 3, "day")]
    assert _places(doc) == [("SKOPJE", str(iri.place("skopje")), 100.0)]


# --- places -------------------------------------------------------------------------------------

@pytest.mark.parametrize("place, dateline, places", [
    # a city and its State: the city
    ("Astana-Kazakhstan", "The OSCE", [("Astana-Kazakhstan", str(iri.place("astana")), 100.0)]),
    # a field that names a State gives way to the dateline's city
    ("Kazakhstan", "ASTANA, 3 May 2010 - The OSCE", [("ASTANA", str(iri.place("astana")), 100.0)]),
    # a field that names a city stands
    ("Vienna", "ASTANA, 3 May 2010 - The OSCE", [("Vienna", str(iri.place("vienna")), 100.0)]),
    # a State with no dateline stands, as text
    ("Kazakhstan", "The OSCE", [("Kazakhstan", None, 0.0)]),
])
def test_the_place_field_against_the_dateline(reader, place, dateline, places):
    [doc] = _read(reader, f"Press release\nA title\n- Date:\n- 3 May 2010\n- Place:\n- {place}\n"
                          f"{dateline} opened a conference on tolerance.\n").documents
    assert _places(doc) == places


# --- the title of a page of no known layout -------------------------------------------------------

HEADLINE = "Young mediators meet in Vilnius"


def test_a_breadcrumb_above_a_title_dated_under_it_is_skipped(reader):
    [doc] = _read(reader, "Resources\nYoung mediators meet\n4 May 2016\nYoung mediators met to train.\nThey left.\n").documents
    assert (doc.title, doc.body) == ("Young mediators meet", "Young mediators met to train.\n\nThey left.")
    assert _dates(doc) == [("bare", "4 May 2016", "2016-05-04", 3, "day")]
    # after a skipped section line
    [doc] = _read(reader, "Activities\nResources\nYoung mediators meet\n4 May 2016\nYoung mediators met to train.\n").documents
    assert (doc.title, doc.date, doc.body) == ("Young mediators meet", "2016-05-04", "Young mediators met to train.")


def test_a_site_header_or_a_date_line_after_a_section_line(reader):
    [doc] = _read(reader, "Activities\nOSCE Presence in Albania\nYoung mediators meet\nYoung mediators met to train on 3 May 2016.\n").documents
    assert (doc.title, doc.issuer, doc.date) == ("Young mediators meet", str(iri.structure("presence-in-albania")), "2016-05-03")
    [doc] = _read(reader, "Activities\n3 May 2016\nYoung mediators meet\nYoung mediators met to train.\n").documents
    assert (doc.title, doc.body, _dates(doc)) == (
        "Young mediators meet", "Young mediators met to train.", [("bare", "3 May 2016", "2016-05-03", 2, "day")])


def test_a_header_line_near_a_structures_name_is_a_title(reader):
    [doc] = _read(reader, "The Presence in Albania\nYoung mediators met to train on 3 May 2016 in Tirana with the police.\n").documents
    assert (doc.title, doc.issuer, doc.date) == ("The Presence in Albania", None, "2016-05-03")


@pytest.mark.parametrize("tag, title", [
    # a short line in capitals is an agency's tag, not the title; 21 characters are a title
    ("BREAKING NEWS UPDATE", "Young mediators meet"),
    ("BREAKING NEWS UPDATES", "BREAKING NEWS UPDATES"),
])
def test_a_short_line_in_capitals_over_the_title(reader, tag, title):
    [doc] = _read(reader, f"{tag}\nYoung mediators meet\nYoung mediators met to train on 3 May 2016.\n").documents
    assert doc.title == title


def test_a_photo_credit_over_the_title_names_the_photographer(reader):
    [doc] = _read(reader, "Photo/Ana Novak\nYoung mediators meet\nYoung mediators met to train on 3 May 2016.\n").documents
    assert doc.title == "Young mediators meet"
    assert [(p.name, p.role) for p in doc.people] == [("Ana Novak", "photographer")]


def test_the_headline_under_a_sub_sites_menu_is_the_title(reader):
    [doc] = _read(reader, f"At a glance\nOur work\nLibrary\n{HEADLINE}\nYoung mediators met to train on 3 May 2016.\n").documents
    assert (doc.title, doc.body, doc.date) == (HEADLINE, "Young mediators met to train on 3 May 2016.", "2016-05-03")
    assert doc.warnings == []
    [doc] = _read(reader, f"At a glance\nOur work\nLibrary\n{HEADLINE}\nVIENNA, 3 May 2016 - Young mediators met to train.\n").documents
    assert (doc.title, doc.date_kind) == (HEADLINE, "dateline")


def test_a_menu_over_a_single_paragraph_leaves_no_title(reader):
    [doc] = _read(reader, f"At a glance\nOur work\nLibrary\n{HEADLINE}\n").documents
    assert (doc.title, doc.body) == (None, HEADLINE)
    assert doc.warnings == ["line 4: the page shows no title", "line 1: no date on the page or in its URL"]


def test_a_menu_needs_three_short_lines(reader):
    [doc] = _read(reader, f"At a glance\nOur work in Albania\nLibrary\n{HEADLINE}\nYoung mediators met to train on 3 May 2016.\n").documents
    assert doc.title == "At a glance"
    [doc] = _read(reader, "Young mediators meet in 2016\nEnglish\nYes\nNo\nYoung mediators met to train on 3 May 2016.\n").documents
    assert (doc.title, doc.body) == ("Young mediators meet in 2016", "English\n\nYes\n\nNo\n\nYoung mediators met to train on 3 May 2016.")


def test_a_page_of_short_lines_only(reader):
    [doc] = _read(reader, "Young mediators\nAbout us\nContact\n").documents
    assert (doc.title, doc.body) == ("Young mediators", "About us")


def test_a_numbered_section_under_a_site_header_takes_the_header_as_title(reader):
    [doc] = _read(reader, "OSCE Presence in Albania\n1. Basic Decisions\nThe Presence works with the police.\n").documents
    assert (doc.title, doc.issuer) == ("OSCE Presence in Albania", str(iri.structure("presence-in-albania")))
    assert doc.warnings == ["line 2: no date on the page or in its URL"]


@pytest.mark.parametrize("length, titled", [(250, True), (251, False)])
def test_a_title_is_at_most_250_characters(reader, length, titled):
    line = ("Young mediators from ten States meet in Vilnius " * 6)[: length - 1] + "s"
    assert len(line) == length
    [doc] = _read(reader, f"{line}\nYoung mediators met to train.\n").documents
    assert doc.title == (line if titled else None)


# --- listings -------------------------------------------------------------------------------------

@pytest.mark.parametrize("heading, issuer", [
    # the longest structure named, not the first nor the last
    ("Statements of the OSCE Mission to Skopje and ODIHR", "mission-to-skopje"),
    ("ODIHR in Bosnia and Herzegovina", "odihr"),
])
def test_a_listings_heading_names_the_issuer_of_its_items(reader, heading, issuer):
    [doc] = _read(reader, f"{heading}\nFirst item\nPublishing date: 14 May 2003\nThe text one ...\n").documents
    assert doc.issuer == str(iri.structure(issuer))


@pytest.mark.parametrize("location, cut_off", [("Belarus", False), ("Kosovo", False), ("Vienna", False), ("Bela", True)])
def test_a_location_cut_off_at_the_end_of_a_listing_is_dropped_unless_it_is_a_known_place(reader, location, cut_off):
    record = _read(reader, "Newsroom\nFirst item\nPublishing date: 14 May 2003\nLocation: Minsk\nThe text one ...\n"
                           f"Second item\nPublishing date: 15 May 2003\nLocation: Vienna\nLocation: {location}\n")
    first, second = record.documents
    assert _places(first) == [("Minsk", str(iri.place("minsk")), 0.0)]
    if cut_off:
        assert [p.raw for p in second.places] == ["Vienna"]
        assert second.warnings == [f"line 6: Location {location!r} is cut off at the end of the page; ignored", "line 6: no body text"]
    else:
        assert [p.raw for p in second.places] == ["Vienna", location][: 2 if location != "Vienna" else 1]
        assert second.warnings == ["line 6: no body text"]


def test_a_field_of_work_cut_off_at_the_end_of_a_listing(reader):
    [doc] = _read(reader, "Newsroom\nFirst item\nPublishing date: 14 May 2003\nWhat we do: Democratization, Media freedom\n"
                          "What we do: Policing, Go\n").documents
    assert [(f.label, f.iri, f.broader) for f in doc.fields] == [
        ("Democratization", str(iri.concept("field", "democratization")), None),
        ("Media freedom", None, str(iri.concept("field", "democratization"))),
        ("Policing", str(iri.concept("field", "policing")), None)]
    assert doc.warnings == [
        "line 2: field of work 'Media freedom' is not in the scheme; added as a narrower concept",
        "line 2: field of work 'Go' is cut off at the end of the page; ignored",
        "line 2: no body text"]


# --- what a page is read as -----------------------------------------------------------------------

@pytest.mark.parametrize("name, text", [
    ("page.html", "<p>Young mediators meet</p><p>Young mediators met in Vilnius on 3 May 2016.</p>"),
    ("page.htm", "<p>Young mediators meet</p><p>Young mediators met in Vilnius on 3 May 2016.</p>"),
    ("page.txt", "<!DOCTYPE html><p>Young mediators meet</p><p>Young mediators met in Vilnius on 3 May 2016.</p>"),
    ("page.txt", "\n  <html><p>Young mediators meet</p><p>Young mediators met in Vilnius on 3 May 2016.</p></html>"),
])
def test_a_page_is_html_by_its_name_or_its_first_tag(reader, name, text):
    [doc] = _read(reader, text, name).documents
    assert (doc.title, doc.body) == ("Young mediators meet", "Young mediators met in Vilnius on 3 May 2016.")


# --- the body, bylines, captions ------------------------------------------------------------------

def test_an_authors_byline_over_the_date_line_is_a_person_not_the_body(reader):
    [doc] = _read(reader, "Skip Links\nStory\nTwenty years of election observation\nStephanie Novak\n3 May 2016\nObservers met in Vienna.\n").documents
    assert ([(p.name, p.role) for p in doc.people], doc.body) == ([("Stephanie Novak", "author")], "Observers met in Vienna.")
    assert _dates(doc) == [("bare", "3 May 2016", "2016-05-03", 5, "day")]
    [doc] = _read(reader, "Skip Links\nStory\nTwenty years of election observation\nStephanie Novak\n3 May 2016\n").documents
    assert ([(p.name, p.role) for p in doc.people], doc.body, doc.date) == ([("Stephanie Novak", "author")], "", "2016-05-03")
    # a short line with no date under it is the body
    [doc] = _read(reader, "Skip Links\nStory\nTwenty years of election observation\nStephanie Novak\n").documents
    assert (doc.people, doc.body, doc.date) == ([], "Stephanie Novak", None)
    [doc] = _read(reader, "Skip Links\nStory\nTwenty years of election observation\nobservers met in Vienna.\n").documents
    assert doc.body == "observers met in Vienna."


def test_a_summary_cut_at_its_start_goes_after_the_datelines_paragraph(reader):
    [doc] = _read(reader, "Young mediators meet\naddressed the Permanent Council today, the Head said.\n"
                          "VIENNA, 3 May 2016 - The Head of the Mission addressed the Council.\nHe left.\n").documents
    assert doc.body == ("VIENNA, 3 May 2016 - The Head of the Mission addressed the Council.\n\n"
                        "addressed the Permanent Council today, the Head said.\n\nHe left.")
    assert (doc.date_kind, _places(doc)) == ("dateline", [("VIENNA", str(iri.place("vienna")), 100.0)])
    [doc] = _read(reader, "Young mediators meet\naddressed the Permanent Council today, the Head said.\n"
                          "VIENNA, 3 May 2016 - The Head of the Mission addressed the Council.\n").documents
    assert doc.body.startswith("VIENNA, 3 May 2016")


def test_people_in_a_photo_caption_glued_to_the_dateline(reader):
    [doc] = _read(reader, "-\nAna Novak (left) congratulates the winner in Copenhagen, 28 June 2018COPENHAGEN, 28 June 2018 – "
                          "Young mediators met to train.\n").documents
    assert [p.name for p in doc.people] == ["Ana Novak"]
    assert (doc.date, _places(doc)) == ("2018-06-28", [("COPENHAGEN", str(iri.place("copenhagen")), 100.0)])


# --- issuer, content type, fields -----------------------------------------------------------------

@pytest.mark.parametrize("source, issuer", [
    # misspelt, found by the fuzzy lookup
    ("OSCE Presense in Albania", "presence-in-albania"),
    # inside a longer text: the longest structure named, not a State
    ("Press office of the OSCE Mission to Skopje and ODIHR", "mission-to-skopje"),
    ("ODIHR office in Bosnia and Herzegovina", "odihr"),
])
def test_the_issuer_named_by_the_source_field(reader, source, issuer):
    [doc] = _read(reader, f"Press release\nA title\n- Date:\n- 3 May 2010\n- Source:\n- {source}\nThe OSCE opened a post.\n").documents
    assert (doc.issuer_text, doc.issuer, doc.warnings) == (source, str(iri.structure(issuer)), [])


def test_the_mission_in_the_body_is_the_issuer_the_source_names(reader):
    [doc] = _read(reader, "Press release\nA title\n- Date:\n- 3 May 2010\n- Source:\n- OSCE Mission to Skopje\nThe Mission organized a workshop.\n").documents
    assert doc.organisers == [SKOPJE]


def test_an_unknown_content_type_has_no_iri(reader):
    [doc] = _read(reader, "Newsroom\nFirst item\nPublishing date: 14 May 2003\nContent type: Interview\nThe text one ...\n").documents
    assert (doc.content_type, doc.content_type_iri) == ("Interview", None)


def test_fields_of_work_once_each_and_unknown_ones_under_the_known(reader):
    [doc] = _read(reader, "Newsroom\nFirst item\nPublishing date: 14 May 2003\nWhat we do: Safety of reporters\n"
                          "What we do: Media laws, Policing\nWhat we do: policing\nThe text one.\n").documents
    assert [(f.label, f.iri, f.broader) for f in doc.fields] == [
        ("Safety of reporters", None, None),
        ("Media laws", str(iri.concept("field", "media-laws")), None),
        ("Policing", str(iri.concept("field", "policing")), None)]
    assert doc.warnings == ["line 2: field of work 'Safety of reporters' is not in the scheme; added as a narrower concept"]


def test_a_translated_page_adds_no_fields_of_its_own(reader):
    [doc] = _read(reader, "Skip Links\nStory\nTrajnim për policinë\nDate: 3 May 2016\nFields of work: Policing, Ligjet e medias\n"
                          "Prezenca e OSBE-së në Shqipëri hapi sot një kurs trajnimi për oficerët e policisë kufitare nga i gjithë vendi.\n").documents
    assert (doc.language, [(f.label, f.iri) for f in doc.fields]) == ("sq", [("Policing", str(iri.concept("field", "policing")))])
    assert doc.warnings == ["line 3: field of work 'Ligjet e medias' (sq) matches no field of the scheme"]


# --- places named in the text ---------------------------------------------------------------------

@pytest.mark.parametrize("title, body, place", [
    # the city the opening sentence sets the event in, not one inside a structure's name
    ("Young mediators meet", "The OSCE Mission to Skopje met on 3 May 2016 with mayors in Vienna.", "vienna"),
    ("Young mediators meet", "The Minsk Group met on 3 May 2016 in Vienna.", "vienna"),
    # the headline's city first, when the opening is dated
    ("Young mediators meet in Tirana", "On 3 May 2016 young mediators met for training in Vienna.", "tirana"),
    # a city in the second sentence does not count
    ("Young mediators meet", "On 3 May 2016 young mediators met for training. They later met in Vienna.", None),
])
def test_a_story_without_dateline_is_placed_by_its_headline_or_opening_sentence(reader, title, body, place):
    [doc] = _read(reader, f"{title}\n{body}\n").documents
    assert [(p.city, p.score) for p in doc.places] == ([(str(iri.place(place)), 100.0)] if place else [])


def test_a_city_with_a_hyphen_in_its_name(reader):
    [doc] = _read(reader, "Press release\nA title\n- Date:\n- 3 May 2010\n- Place:\n- Kamensk-Shakhtinsky\nThe OSCE opened a post.\n").documents
    assert _places(doc) == [("Kamensk-Shakhtinsky", str(iri.place("kamensk-shakhtinsky")), 100.0)]


@pytest.mark.parametrize("first, titled", [
    ("Young mediators meet in Vilnius.", True),
    # eleven words and a full stop: a headline; twelve: the first paragraph of an untitled page
    ("Young mediators from ten States met in Vilnius to train today.", True),
    ("Young mediators from ten States met in Vilnius to train this week.", False),
])
def test_a_long_line_ending_with_a_full_stop_is_no_title(reader, first, titled):
    [doc] = _read(reader, f"{first}\nThey met on 3 May 2016.\n").documents
    assert doc.title == (first if titled else None)


@pytest.mark.parametrize("crumb, title", [
    # five words are a breadcrumb, six a title
    ("Resources and publications for press", "Young mediators meet"),
    ("Resources and publications for the press", "Resources and publications for the press"),
])
def test_a_breadcrumb_is_at_most_five_words(reader, crumb, title):
    [doc] = _read(reader, f"{crumb}\nYoung mediators meet\n4 May 2016\nYoung mediators met to train.\n").documents
    assert doc.title == title


def test_items_under_bare_date_lines_each_have_their_own_text(reader):
    record = _read(reader, "News\n3 May 2016\nFirst title\nText one.\n4 May 2016\nSecond title\nText two.\n5 May 2016\nThird title\nText three.\n")
    assert [(d.title, d.line, d.date, d.body) for d in record.documents] == [
        ("First title", 3, "2016-05-03", "Text one."), ("Second title", 6, "2016-05-04", "Text two."),
        ("Third title", 9, "2016-05-05", "Text three.")]


def test_an_item_under_a_bare_date_may_open_with_its_dateline(reader):
    record = _read(reader, "News\n3 May 2016\nVIENNA, 3 May 2016 - Text one.\n4 May 2016\nSecond title\nText two.\n")
    untitled, titled = record.documents
    assert (untitled.title, untitled.line, untitled.key, untitled.body) == (None, 3, item_key("", "2016-05-03"), "VIENNA, 3 May 2016 - Text one.")
    assert untitled.warnings == ["line 3: the page shows no title"]
    assert (titled.title, titled.line) == ("Second title", 5)


def test_of_two_date_lines_the_one_over_the_title_starts_the_item(reader):
    record = _read(reader, "News\nUpdated\n3 May 2016\n4 May 2016\nFirst title\nText one.\n5 May 2016\nSecond title\nText two.\n")
    assert [(d.title, d.date) for d in record.documents] == [("First title", "2016-05-04"), ("Second title", "2016-05-05")]


@pytest.mark.parametrize("length, items", [(250, 2), (251, 0)])
def test_an_items_title_is_at_most_250_characters(reader, length, items):
    title = ("Young mediators from ten States meet in Vilnius " * 6)[: length - 1] + "s"
    record = _read(reader, f"News\n3 May 2016\n{title}\nText one.\n4 May 2016\nSecond title\nText two.\n")
    assert [d.title for d in record.documents if d.title in (title, "Second title")] == ([title, "Second title"] if items else [])


def test_a_listing_excerpt_cut_inside_its_dateline_gives_its_cities(reader):
    [doc] = _read(reader, "Newsroom\nFirst item\nPublishing date: 14 May 2003\nTIRANA / BRUSSELS, 6 \n").documents
    assert _places(doc) == [("TIRANA", str(iri.place("tirana")), 100.0), ("BRUSSELS", str(iri.place("brussels")), 100.0)]


def test_an_event_box_with_a_when_that_is_no_date_dates_the_event_by_its_start(reader):
    [doc] = _read(reader, "Skip Links\nEvent\nConference on media freedom\nWhen\nnext spring\nJournalists are invited.\n"
                          "The meeting on 19 February 2025 set the agenda.\nThe conference will start on 20 February.\n").documents
    assert (doc.date, _dates(doc)[-1]) == ("2025-02-20", ("text", "20 February", "2025-02-20", 8, "day"))


def test_an_event_page_with_a_date_keeps_it_over_its_start(reader):
    [doc] = _read(reader, "Skip Links\nEvent\nConference on media freedom\nDate: 3 March 2025\nWhen\nsoon\n"
                          "Journalists are invited.\nThe conference will start on 20 February.\n").documents
    assert (doc.date, [d.kind for d in doc.dates]) == ("2025-03-03", ["metadata", "metadata"])


def test_a_plain_bodys_title_is_checked_like_an_unknown_pages(reader):
    record = _read(reader, "ANA-MPA\nYoung mediators meet in Vilnius\nVIENNA, 3 May 2016 - Young mediators met.\n")
    [doc] = record.documents
    assert (record.layout, doc.title, doc.body) == ("D", "Young mediators meet in Vilnius", "VIENNA, 3 May 2016 - Young mediators met.")


def test_a_forced_layout_that_finds_no_document_is_refused_at_the_first_block(reader):
    error = _refused(lambda: _read(reader, "\nA title\nText.\n", layout="B"))
    assert (error.message, error.path, error.line) == ("layout B: no document found in the page", Path("page.txt"), 2)


def test_a_credit_line_under_an_agency_tag_names_the_photographer(reader):
    [doc] = _read(reader, "ANA-MPA\nOSCE/Ana Novak\nYoung mediators meet\nYoung mediators met on 3 May 2016.\n").documents
    assert (doc.title, [(p.name, p.role) for p in doc.people]) == ("Young mediators meet", [("Ana Novak", "photographer")])


@pytest.mark.parametrize("text", ["Activities\nNewsroom\n", "ANA-MPA\nREUTERS\n"])
def test_a_page_of_section_lines_or_agency_tags_only_is_refused(reader, text):
    error = _refused(lambda: _read(reader, text))
    assert (error.message, error.line) == ("layout ?: no title and no body text", 1)


def test_a_dateline_under_a_menu_is_no_title(reader):
    [doc] = _read(reader, "At a glance\nOur work\nLibrary\nVIENNA, 3 May 2016 - Young mediators met to train.\nThey left.\n").documents
    assert (doc.title, doc.date_kind) == (None, "dateline")
    assert doc.warnings == ["line 4: the page shows no title"]


@pytest.mark.parametrize("length, titled", [(250, True), (251, False)])
def test_the_headline_under_a_menu_is_at_most_250_characters(reader, length, titled):
    headline = ("Young mediators from ten States meet in Vilnius " * 6)[: length - 1] + "s"
    [doc] = _read(reader, f"At a glance\nOur work\nLibrary\n{headline}\nYoung mediators met to train on 3 May 2016.\n").documents
    assert doc.title == (headline if titled else None)


EVENT = "https://www.oscepa.org/events/2011-autumn"


def test_an_event_start_takes_the_urls_year_over_the_texts(reader):
    [doc] = _read(reader, "Annual meeting opens\nThe meeting will start on 20 October.\nThe first meeting was held on 3 May 2005.\n", url=EVENT).documents
    assert (doc.date, _dates(doc)) == ("2011-10-20", [("text", "20 October", "2011-10-20", 1, "day")])


def test_an_event_start_is_looked_for_in_the_first_three_paragraphs(reader):
    [doc] = _read(reader, "Annual meeting opens\nThe Assembly gathers members.\nThey talk.\nThey vote.\n"
                          "The meeting will start on 20 October.\n", url=EVENT).documents
    assert (doc.date, doc.dates) == (None, [])


def test_an_events_place_is_the_first_city_its_announcement_names(reader):
    [doc] = _read(reader, "Annual meeting opens\nThe meeting will start on 20 October at the Hofburg, Vienna, and the Castle, Prague.\n",
                  url=EVENT).documents
    assert _places(doc) == [("Vienna", str(iri.place("vienna")), 100.0)]
    [doc] = _read(reader, "Annual meeting opens\nThe meeting will start on 20 October.\nThey talk.\nThey vote.\nIt is held in Vienna.\n",
                  url=EVENT).documents
    assert (doc.date, doc.places) == ("2011-10-20", [])


@pytest.mark.parametrize("length, named", [(150, True), (151, False)])
def test_a_listing_heading_names_the_issuer_up_to_150_characters(reader, length, named):
    heading = "Press statements and news releases of the ODIHR "
    heading = (heading + "on elections and democratic institutions " * 4)[: length - 1] + "s"
    assert len(heading) == length
    [doc] = _read(reader, f"{heading}\nFirst item\nPublishing date: 14 May 2003\nThe text one ...\n").documents
    assert doc.issuer == (str(iri.structure("odihr")) if named else None)


# --- lines the title check skips after an agency tag ----------------------------------------------

@pytest.mark.parametrize("text, title, issuer, date", [
    ("ANA-MPA\nResources\nYoung mediators meet\n4 May 2016\nYoung mediators met.\n", "Young mediators meet", None, "2016-05-04"),
    ("ANA-MPA\nResources\nYoung mediators meet\n4 May 2016\n", "Young mediators meet", None, "2016-05-04"),
    ("ANA-MPA\nOSCE Presence in Albania\nYoung mediators meet\nYoung mediators met on 3 May 2016.\n",
     "Young mediators meet", "presence-in-albania", "2016-05-03"),
    ("ANA-MPA\n3 May 2016\nYoung mediators meet\nYoung mediators met.\n", "Young mediators meet", None, "2016-05-03"),
])
def test_a_breadcrumb_site_header_or_date_line_after_an_agency_tag(reader, text, title, issuer, date):
    [doc] = _read(reader, text).documents
    assert (doc.title, doc.issuer, doc.date) == (title, str(iri.structure(issuer)) if issuer else None, date)


@pytest.mark.parametrize("length, titled", [(250, True), (251, False)])
def test_a_title_under_a_breadcrumb_is_at_most_250_characters(reader, length, titled):
    title = ("Young mediators from ten States meet in Vilnius " * 6)[: length - 1] + "s"
    [doc] = _read(reader, f"ANA-MPA\nResources\n{title}\n4 May 2016\nYoung mediators met.\n").documents
    assert doc.title == (title if titled else None)


@pytest.mark.parametrize("length, header", [(149, True), (150, False)])
def test_a_site_header_stands_over_a_line_shorter_than_150_characters(reader, length, header):
    line = ("Young mediators from ten States meet in Vilnius " * 4)[: length - 1] + "s"
    [doc] = _read(reader, f"OSCE Presence in Albania\n{line}\nThey met on 3 May 2016.\n").documents
    assert doc.title == (line if header else "OSCE Presence in Albania")
    assert doc.issuer == (str(iri.structure("presence-in-albania")) if header else None)


def test_a_site_header_over_a_single_paragraph_leaves_no_title(reader):
    [doc] = _read(reader, "OSCE Presence in Albania\nYoung mediators met to train on 3 May 2016 in Tirana with the police.\n").documents
    assert (doc.title, doc.issuer) == (None, str(iri.structure("presence-in-albania")))
    assert doc.warnings == ["line 2: the page shows no title", "line 1: no date on the page or in its URL"]


def test_a_page_of_four_short_lines_is_titled_by_the_first(reader):
    [doc] = _read(reader, "Young mediators\nAbout us\nOur work\nLibrary\n").documents
    assert (doc.title, doc.body) == ("Young mediators", "About us\n\nOur work\n\nLibrary")


@pytest.mark.parametrize("entry, menu", [
    # a sub-site's menu entry is a list item of up to eight words
    ("Our work on freedom of religion or belief", True),
    ("Our work on freedom of religion or belief today", False),
])
def test_a_sub_sites_menu_of_list_items_over_the_headline(reader, entry, menu):
    [doc] = _read(reader, f"ANA-MPA\n- At a glance\n- {entry}\n- Library\nYoung mediators meet in Vilnius\nYoung mediators met on 3 May 2016.\n").documents
    assert doc.title == ("Young mediators meet in Vilnius" if menu else "At a glance")


def test_a_city_outside_the_graph_is_a_place_kept_as_text_with_no_score(reader):
    [doc] = _read(reader, "ANA-MPA\n- At a glance\n- Our work\n- Library\nYoung mediators meet in Vilnius\n"
                          "Young mediators met on 3 May 2016.\n").documents
    assert _places(doc) == [("Vilnius", None, 0.0)]


def test_a_page_of_op_eds_each_dated_by_its_byline_and_credited_to_its_author(reader):
    record = _read(reader, "Op-Eds & Articles\nThe Times - 3 May 2016 By Ana Novak In October the Assembly met in Vienna.\n"
                           "Le Monde - 4 May 2016 By Ben Smith The Assembly met in Vienna.\n")
    first, second = record.documents
    assert (record.layout, first.title, _dates(first), second.date) == (
        "B", None, [("bare", "3 May 2016", "2016-05-03", 2, "day")], "2016-05-04")
    assert [(p.name, p.role) for p in first.people] == [("Ana Novak", "author")]
    assert (first.warnings, second.warnings) == (["line 2: the page shows no title"], ["line 3: the page shows no title"])


def _standfirst(length: int, end: str = "") -> str:
    return ("Migration, energy and security are on the agenda of the meeting " * 6)[: length - len(end) - 1] + "s" + end


@pytest.mark.parametrize("first, moved", [
    # a standfirst of up to 300 characters, or a photo's caption of any length, goes after the dateline's paragraph
    (_standfirst(300), True),
    (_standfirst(301), False),
    (_standfirst(350, " (OSCE/Ana Novak)"), True),
])
def test_the_body_starts_at_its_dateline_after_a_standfirst_or_caption(reader, first, moved):
    [doc] = _read(reader, f"Young mediators meet\n{first}\nVIENNA, 3 May 2016 - Young mediators met to train.\n").documents
    dateline = "VIENNA, 3 May 2016 - Young mediators met to train."
    assert doc.body == (f"{dateline}\n\n{first}" if moved else f"{first}\n\n{dateline}")
