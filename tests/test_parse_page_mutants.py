"""Rules of the page reader (parse/page.py) that mutmut's run on c41715d found untested, one per
test (docs/mutation.md). Pages are written here in the site's layouts; none is real page text."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.page import PageReader
from osce_kg.parse.records import PageRecord


@pytest.fixture
def reader(gazetteer: Gazetteer) -> PageReader:
    # a reader per test: mutmut credits a module-scoped fixture's calls to the first test only
    return PageReader(gazetteer)


def _read(reader: PageReader, text: str, name: str = "page.txt", layout: str | None = None) -> PageRecord:
    return reader.read(Path(name), text.encode("utf-8"), layout=layout)


HEADLINE = "Young mediators from the region meet in the capital"


# --- a title over two lines ---------------------------------------------------------------------

def test_a_date_line_under_a_title_ending_in_a_comma_dates_the_page_and_does_not_continue_the_title(reader):
    [doc] = _read(reader, "Address by Ambassador Ana Novak to the Permanent Council,\n3 May 2016\n"
                          "The Ambassador spoke about the work of the Mission in the country.\n").documents
    assert (doc.title, doc.date, doc.date_kind) == ("Address by Ambassador Ana Novak to the Permanent Council,", "2016-05-03", "bare")


def test_a_next_line_opening_in_lower_case_continues_the_title_whatever_its_second_letter(reader):
    [doc] = _read(reader, "Ten years of national\neGovernment strategies in Moldova\n"
                          "The Mission marked ten years of its support to the country's electronic services.\n").documents
    assert (doc.title, doc.body) == ("Ten years of national eGovernment strategies in Moldova",
                                     "The Mission marked ten years of its support to the country's electronic services.")


_LONG_LINE = ("on the rights of national minorities in the schools of the region and their languages in the courts"
              " and the media of participants")


@pytest.mark.parametrize("length, continues", [(119, True), (120, True), (121, False)])
def test_a_title_continues_on_a_line_of_at_most_120_characters(reader, length, continues):
    second = _LONG_LINE[:length]
    [doc] = _read(reader, f"Conference of the High Commissioner,\n{second}\n"
                          "The High Commissioner opened the conference in the capital today.\n").documents
    assert doc.title == (f"Conference of the High Commissioner, {second}" if continues else "Conference of the High Commissioner,")


# --- the title of a page of no known layout -----------------------------------------------------

_LONG_HEADLINE = ("Young mediators from the countries of the region meet in the capital to discuss the work of the "
                  "mediation centres, the training of new mediators and the laws on mediation in civil and family "
                  "matters adopted in recent years by the national legislatures")


def test_a_first_line_of_more_than_250_characters_is_no_title(reader):
    assert len(_LONG_HEADLINE) == 251
    [doc] = _read(reader, f"{_LONG_HEADLINE}\nYoung mediators from five countries met today.\n").documents
    assert (doc.title, doc.body) == (None, f"{_LONG_HEADLINE}\n\nYoung mediators from five countries met today.")
    assert doc.warnings[0] == "line 1: the page shows no title"


def test_an_undated_page_is_warned_about_at_its_titles_line(reader):
    [doc] = _read(reader, "\nYoung mediators meet\nYoung mediators from five countries met to discuss their work.\n").documents
    assert (doc.title, doc.warnings) == ("Young mediators meet", ["line 2: no date on the page or in its URL"])


def test_the_headline_under_a_sub_sites_menu_is_the_title_at_its_own_line(reader):
    [doc] = _read(reader, f"At a glance\nOur work\nLibrary\n{HEADLINE}\n"
                          "Young mediators from five countries met to discuss their work.\n").documents
    assert (doc.title, doc.body) == (HEADLINE, "Young mediators from five countries met to discuss their work.")
    assert doc.warnings == ["line 4: no date on the page or in its URL"]


def test_a_list_running_to_the_pages_last_line_is_the_body_under_the_title(reader):
    [doc] = _read(reader, "Tolerance programmes\n- Freedom of religion or belief\n- Hate crime and its victims\n"
                          "- Roma and Sinti communities\nMore on our work\n").documents
    assert (doc.title, doc.body) == ("Tolerance programmes", "Freedom of religion or belief\n\nHate crime and its victims\n\n"
                                                             "Roma and Sinti communities\n\nMore on our work")


# --- an overview page's text dates its history, not the page ----------------------------------

# 150 characters or more: a structure's name over a shorter line is taken for the site's header
OPENED = ("The office was opened in Tirana on 27 May 2009 to train officials of the municipalities, the police "
          "and the courts in the protection of human rights and in the work with communities.")


@pytest.mark.parametrize("title", ["Rule of law", "Bosnia and Herzegovina", "OSCE Mission to Skopje", "Max van der Stoel"])
def test_a_title_naming_a_field_a_state_a_structure_or_a_person_of_the_data_is_an_overviews(reader, title):
    [doc] = _read(reader, f"{title}\n{OPENED}\n").documents
    assert (doc.title, doc.date, doc.places) == (title, None, [])


def test_a_title_of_two_words_that_names_nothing_is_an_overviews(reader):
    [doc] = _read(reader, f"Borders Team\n{OPENED}\n").documents
    assert (doc.title, doc.date, doc.places) == ("Borders Team", None, [])


def test_a_headline_of_three_words_is_a_storys_dated_by_its_text(reader):
    [doc] = _read(reader, f"Young mediators meet\n{OPENED}\n").documents
    assert (doc.date, doc.date_kind, [p.raw for p in doc.places]) == ("2009-05-27", "text", ["Tirana"])


# --- a breadcrumb above the title of a story dated on the line under it ----------------------

def test_a_breadcrumb_is_skipped_on_a_page_that_ends_at_the_date_line(reader):
    [doc] = _read(reader, f"Publications\n{HEADLINE}\n3 May 2016\n").documents
    assert (doc.title, doc.date, doc.body) == (HEADLINE, "2016-05-03", "")


def test_a_breadcrumb_is_skipped_above_a_title_and_its_date_line_whatever_follows(reader):
    [doc] = _read(reader, f"Publications\n{HEADLINE}\n3 May 2016\nYoung mediators from five countries met today.\n"
                          "They discussed their work in the region.\n").documents
    assert (doc.title, doc.date) == (HEADLINE, "2016-05-03")
    assert doc.body == "Young mediators from five countries met today.\n\nThey discussed their work in the region."


def test_a_breadcrumb_is_skipped_above_a_title_of_250_characters(reader):
    title = ("Young mediators from the countries of the region meet in the capital to discuss the work of the "
             "mediation centres, the training of new mediators and the laws on mediation in civil and family "
             "matters adopted in recent years by the national parliaments")
    assert len(title) == 250
    [doc] = _read(reader, f"Publications\n{title}\n3 May 2016\nYoung mediators from five countries met today.\n").documents
    assert (doc.title, doc.date) == (title, "2016-05-03")


# --- what may stand before the dateline ---------------------------------------------------------

def test_a_long_paragraph_opening_in_lower_case_is_a_summary_cut_at_its_start_and_goes_after_the_dateline(reader):
    """The first letter decides: 'eGovernment ...' opens in lower case although its second letter is
    a capital."""
    summary = ("eGovernment services for the citizens of the country, the digital registers of the "
               "municipalities and the protection of personal data held by the public administration were "
               "the focus of a conference that brought together ministers, members of parliament, experts "
               "and representatives of civil society from all regions of the country")
    assert len(summary) > 300
    [doc] = _read(reader, f"Ministers discuss electronic services\n{summary}\n"
                          "TIRANA, 3 May 2016 - The OSCE Presence opened a conference on electronic services.\n").documents
    assert (doc.date, doc.date_kind, [p.raw for p in doc.places]) == ("2016-05-03", "dateline", ["TIRANA"])
    assert doc.body.startswith("TIRANA, 3 May 2016 - ")


# --- where a story without dateline is set -----------------------------------------------------

def test_a_city_inside_a_structures_name_is_not_where_a_visit_took_place(reader):
    [doc] = _read(reader, "Chairperson visits the Mission\nThe Chairperson visited the OSCE Mission to Skopje on 3 May 2016 "
                          "to discuss its work with the Head of Mission.\n").documents
    assert (doc.date, doc.places) == ("2016-05-03", [])


def test_a_city_opening_a_structures_name_is_not_where_a_meeting_took_place(reader):
    # 'Minsk Group' starts where 'Minsk' starts
    [doc] = _read(reader, "Co-Chairs discuss the settlement process\nThe Co-Chairs met on 3 May 2016 in the Minsk Group "
                          "format to discuss the next steps of the settlement process.\n").documents
    assert (doc.date, doc.places) == ("2016-05-03", [])


def test_a_town_outside_the_graph_followed_by_its_states_name_is_a_place(reader):
    [doc] = _read(reader, "Young mediators meet\nYoung mediators met on 3 May 2016 in Storvik, Norway, to discuss their work.\n").documents
    assert [(p.raw, p.city) for p in doc.places] == [("Storvik", None)]


def test_a_town_outside_the_graph_followed_by_a_territorys_name_is_a_place(reader):
    # 'Zhur' is neither in the graph nor in the GeoNames table; 'Kosovo' is a territory of the graph
    [doc] = _read(reader, "Young mediators meet\nYoung mediators met on 3 May 2016 in Zhur, Kosovo, to discuss their work.\n").documents
    assert [(p.raw, p.city) for p in doc.places] == [("Zhur", None)]


# --- a listing of titles over their date lines ------------------------------------------------

def test_titles_straight_over_their_date_lines_with_no_text_between_items_are_a_listing(reader):
    record = _read(reader, "Bulletins\nAssembly Bulletin 22\n14 March 2003\nAssembly Bulletin 21\n28 February 2003\n"
                           "The Assembly publishes its bulletin twice a month.\n")
    assert record.layout == "B"
    assert [(d.title, d.date, d.body) for d in record.documents] == [
        ("Assembly Bulletin 22", "2003-03-14", ""),
        ("Assembly Bulletin 21", "2003-02-28", "The Assembly publishes its bulletin twice a month.")]


# --- a layout is a hint: a listing is found on a page given as a plain body ----------------------

def test_op_eds_on_a_page_given_as_a_plain_body_are_still_a_listing(reader):
    record = _read(reader, "Op-Eds & Articles\nThe Times - 3 May 2016 By Ana Novak In October the Assembly met in Vienna.\n"
                           "Le Monde - 4 May 2016 By Ben Smith The Assembly met in Vienna.\n", layout="D")
    assert (record.layout, [d.date for d in record.documents]) == ("B", ["2016-05-03", "2016-05-04"])


# --- a listing item's date cut inside its year --------------------------------------------------

RESOURCES = """Statements and speeches
The Chairperson's statements on the region.
Statement / speech
Statement by the Chairperson on the elections
DateDate 3 May 2016LocationLocation Ukraine
Text of the first statement.
Statement / speech
Statement by the Chairperson on the new law
DateDate 11 May 20
Text of the second statement.
"""


def test_a_resource_items_date_field_cut_inside_its_year_takes_the_neighbours_year(reader):
    doc = _read(reader, RESOURCES).documents[-1]
    assert (doc.date, doc.date_kind, doc.event_date) == ("2016-05-11", "metadata", "2016-05-11")
    assert [(s.kind, s.raw, s.iso) for s in doc.dates] == [("metadata", "11 May 20", "2016-05-11")]
    assert "line 8: date '11 May 20' is cut inside its year; took 2016 from the items beside it" in doc.warnings


# --- fields of work cut off at the end of a listing ---------------------------------------------

CUT_FIELDS = """Newsroom
News and press releases
Head of Mission visits border crossing points
Publishing date: 14 May 2003
Content type: Press release
What we do: Border management
ZAGREB, 14 May 2003 - The Head of the OSCE Mission visited two border crossing points today...
Mission opens a training course for judges
Publishing date: 16 May 2003
Content type: Press release
What we do: Rule of law, Border management, Go
"""


def test_only_the_cut_off_last_field_of_a_listings_last_item_is_dropped(reader):
    doc = _read(reader, CUT_FIELDS).documents[-1]
    assert [f.label for f in doc.fields] == ["Rule of law", "Border management"]
    assert "line 8: field of work 'Go' is cut off at the end of the page; ignored" in doc.warnings


# --- entities of a translated page ----------------------------------------------------------------

def test_a_state_is_read_by_its_name_in_the_pages_language(reader):
    [doc] = _read(reader, "Junge Mediatoren treffen sich\nJunge Mediatoren aus Albanien trafen sich am 3. Mai 2016, um über "
                          "ihre Arbeit in der Region zu sprechen. Die Teilnehmer diskutierten über die Rolle der Mediation.\n").documents
    assert doc.language == "de"
    assert [s.iri.rsplit("/", 1)[1] for s in doc.states] == ["AL"]


def test_a_pages_language_is_read_from_its_title_too(reader):
    # the body alone is too short to tell its language
    [doc] = _read(reader, "Junge Mediatoren treffen sich in Wien zum dritten Mal\nOSCE Vienna 2016.\n").documents
    assert doc.language == "de"
