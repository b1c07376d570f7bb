"""Datelines, dates and the rule for the date the graph uses."""

from __future__ import annotations

import pytest

from osce_kg.parse.fields import (
    choose_date,
    find_day_month,
    find_text_date,
    issuer_names,
    parse_bare_date,
    parse_date,
    parse_dateline,
    parse_header_line,
    split_field_list,
    url_date,
)
from osce_kg.parse.records import StatedDate


@pytest.mark.parametrize("text, places, date", [
    ("VIENNA, 12 December 2007 - Enhancing co-operation", ["VIENNA"], "12 December 2007"),
    ("VIENNA- The meeting opened", ["VIENNA"], None),
    ("TIRANA / BRUSSELS / GENEVA, 5 May 2015 - The project", ["TIRANA", "BRUSSELS", "GENEVA"], "5 May 2015"),
    ("VALLETTA/VIENNA, 18 October 2016 - Representatives", ["VALLETTA", "VIENNA"], "18 October 2016"),
    ("ZAGREB, 14 May 2003- The Head", ["ZAGREB"], "14 May 2003"),
    ("SKOPE, 22 November 2016 — Forty journalists", ["SKOPE"], "22 November 2016"),
    ("TBILISI, 10 MAY 2002 - A team", ["TBILISI"], "10 MAY 2002"),
    ("BISHKEK, 12 July – A free hotline", ["BISHKEK"], "12 July"),
    ("DUSHANBE 2 December 2009 -- The Office", ["DUSHANBE"], "2 December 2009"),
    ("THE HAGUE, 3 October 2017 - The", ["THE HAGUE"], "3 October 2017"),
    ("12 July – The hotline", [], "12 July"),
    ("DUSHANBE, 21 June 2012 Thirty-five border officers", ["DUSHANBE"], "21 June 2012"),
    ("VIENNA/GENEVA, 1 December 2020 The guide", ["VIENNA", "GENEVA"], "1 December 2020"),
])
def test_datelines(text, places, date):
    dateline = parse_dateline(text)
    assert dateline is not None
    assert dateline.places == places
    assert dateline.date_text == date
    assert dateline.rest[:1].isupper()


@pytest.mark.parametrize("text", [
    "The OSCE said - no dateline here",
    "Ambassador Smith - speaking today",
    "Vienna - the lower-case rest is no body start",
    "Some 30 border police officers attend the course.",
    "Vienna, 12 May 2012 The meeting",
    "DUSHANBE, 21 June Thirty-five border officers",
])
def test_not_datelines(text):
    assert parse_dateline(text) is None


def test_dates_in_the_forms_pages_write():
    assert parse_date("12 December 2007") == ("2007-12-12", False)
    assert parse_date("10 MAY 2002") == ("2002-05-10", False)
    assert parse_date("December 12, 2007") == ("2007-12-12", False)
    assert parse_date("12/07/2009") == ("2009-07-12", False)
    assert parse_date("2009-07-12") == ("2009-07-12", False)
    assert parse_date("12 July", 2009) == ("2009-07-12", True)
    assert parse_date("12 July") == (None, False)
    assert parse_date("31 February 2009") == (None, False)
    assert parse_date("soon") == (None, False)


def test_header_line_of_2000_era_pages():
    header = parse_header_line("SKOPJE 12 April 2001")
    assert header is not None and header.places == ["SKOPJE"] and header.date_text == "12 April 2001"
    assert parse_header_line("Mission welcomes new municipal assemblies") is None


def test_the_date_the_graph_uses():
    dateline = StatedDate("dateline", "10 April 2001", "2001-04-10", 5)
    header = StatedDate("header", "SKOPJE 12 April 2001", "2001-04-12", 3)
    listing = StatedDate("listing", "14 May 2003", "2003-05-14", 2)
    metadata = StatedDate("metadata", "18 June 2014", "2014-06-18", 2)
    empty = StatedDate("metadata", "", None, 2)
    assert choose_date([dateline, header]) is header
    assert choose_date([dateline, listing]) is listing
    assert choose_date([dateline, header, metadata]) is metadata
    assert choose_date([empty, dateline]) is dateline
    assert choose_date([empty]) is None


def test_issuer_names_and_field_lists():
    assert issuer_names("OSCE Mission to Croatia (closed)") == (["OSCE Mission to Croatia", "Mission to Croatia"], True)
    assert issuer_names("ODIHR") == (["ODIHR"], False)
    assert split_field_list("Rule of law, Policing") == ["Rule of law", "Policing"]


# --- dates as real pages give them (issue 11) ---------------------------------------------------


@pytest.mark.parametrize("text, places, iso", [
    ("TIRANË, 3 tetor 2011 – Prezenca e OSBE-së", ["TIRANË"], "2011-10-03"),
    ("ДУШАНБЕ, 7 июля 2017 года - сегодня Глава Офиса", ["ДУШАНБЕ"], "2017-07-07"),
    ("SARAJEVO, 3.10.2011 - Misija OSCE-a", ["SARAJEVO"], "2011-10-03"),
    ("SKOPJE, 18 October 2001 (OSCE)-- The OSCE is here", ["SKOPJE"], "2001-10-18"),
])
def test_datelines_in_any_language_and_script(text, places, iso):
    dateline = parse_dateline(text)
    assert dateline is not None and dateline.places == places
    assert parse_date(dateline.date_text or "")[0] == iso


def test_a_caption_glued_to_the_city_is_no_dateline():
    assert parse_dateline("Delegates in Copenhagen, 28 June 2018 Isabel SantosCOPENHAGEN, 28 June 2018 – The") is None


def test_bare_date_lines_dates_in_text_and_in_urls():
    assert parse_bare_date("3 May 2016") == parse_bare_date("Tuesday, 3 May 2016 10:00") == "2016-05-03"
    assert parse_bare_date("10 tetor 2012") == "2012-10-10"
    assert parse_bare_date("The meeting on 3 May 2016") is None
    assert find_text_date("Young mediators met in Vilnius on 3rd May 2016 and again later.") == ("3rd May 2016", "2016-05-03")
    assert find_text_date("No date here.") is None
    assert url_date("https://oscepa.org/news/2016/05/03/title") == ("2016/05/03", "2016-05-03", "day")
    assert url_date("https://example.org/2016/05/") == ("2016/05", "2016-05-01", "month")
    assert url_date("https://www.osce.org/node/86290") is None


def test_the_order_of_date_evidence():
    text = StatedDate("text", "3 May 2016", "2016-05-03", 5)
    bare = StatedDate("bare", "4 May 2016", "2016-05-04", 3)
    url = StatedDate("url", "2016/05", "2016-05-01", 1, "month")
    assert choose_date([url, text, bare]) is bare
    assert choose_date([url, text]) is text
    assert choose_date([url]) is url


# --- the forms pages write, one rule each (mutation testing of fields.py) -------------------------


@pytest.mark.parametrize("text, iso", [
    ("December 12,2007", "2007-12-12"),  # no space after the comma
    ("12 May 2010.", "2010-05-12"),  # the full stop of a sentence
    ("12 Sept. 2007", "2007-09-12"),
    ("3 Dec 2007", "2007-12-03"),
    ("3.10.2011.", "2011-10-03"),  # a Bosnian date: day, month, year, a final dot
    ("03/10/2011", "2011-10-03"),  # day first, as the site writes it
    ("3 tetor 2011", "2011-10-03"),
    ("3 октября 2011 г.", "2011-10-03"),
    ("Sept. 12, 2007", "2007-09-12"),
    ("12 December , 2007", "2007-12-12"),  # a stray space before the comma
    ("December 12 , 2007", "2007-12-12"),
])
def test_full_dates_in_each_form(text, iso):
    assert parse_date(text) == (iso, False)


def test_a_date_without_year_takes_the_given_year_and_says_so():
    assert parse_date("July 12", 2009) == ("2009-07-12", True)
    assert parse_date("12 July 2010", 2009) == ("2010-07-12", False), "a stated year wins over the supplied one"
    assert parse_date("July 12") == (None, False)
    assert parse_date("30 February", 2009) == (None, True)


def test_what_is_not_a_date():
    assert parse_date("Tirana tetor 2011") == (None, False)  # no day
    assert parse_date("3 Montag 2011") == (None, False)  # a weekday is no month: dateparser alone would guess one
    # a month of a language the OSCE's pages are not written in (Indonesian) is not guessed
    assert parse_date("3 Agustus 2011") == (None, False)
    assert parse_date("3 xyzzyx 2011") == (None, False)  # no month dateparser knows
    assert parse_date("2009-02-30") == (None, False)


@pytest.mark.parametrize("text, places", [
    ("Frankfurt am Main, 3 May 2010 - The conference", ["Frankfurt am Main"]),
    ("Banja Luka, 3 May 2010 - The", ["Banja Luka"]),
    ("Castellón de la Plana, 3 May 2010 - The", ["Castellón de la Plana"]),
    ("Newcastle upon Tyne, 3 May 2010 - The", ["Newcastle upon Tyne"]),
    ("Rostov na Donu, 3 May 2010 - The", ["Rostov na Donu"]),
    ('VIENNA, 3 May 2010 - "We welcome the law," said', ["VIENNA"]),
    ("VIENNA, 3 May 2010 - “We welcome", ["VIENNA"]),
    ("VIENNA, 3 May 2010 - ‘Trust’ was the word", ["VIENNA"]),
    ("VIENNA, 3 May 2010 - 'Trust' was the word", ["VIENNA"]),
])
def test_datelines_of_title_case_cities_and_quoted_openings(text, places):
    dateline = parse_dateline(text)
    assert dateline is not None and dateline.places == places and dateline.date_text == "3 May 2010"


@pytest.mark.parametrize("text", [
    "Vienna - The meeting opened",  # a name and a dash, no date: a dateline is written in capitals
    "TIRANË, 3 tetor 2011 – sot Prezenca",  # an ASCII lower-case start is no body start
    "Ana Novak met the Minister in Tirana, 3 May 2010 - The",
    "Talks held in Tirana, 3 May 2010 - The",  # a sentence's words, not a city's
    "TIRANË, 3 tetor 2011 – së fundi Prezenca",  # Latin lower case, whatever the second letter
])
def test_more_openings_that_are_not_datelines(text):
    assert parse_dateline(text) is None


def test_a_header_line_is_written_in_capitals():
    assert parse_header_line("Skopje 12 April 2001") is None
    header = parse_header_line("VIENNA/WARSAW 12 April 2001")
    assert header is not None and header.places == ["VIENNA", "WARSAW"]


def test_bare_date_lines_with_weekday_and_clock():
    assert parse_bare_date("Tuesday 3 May 2016") == "2016-05-03"
    assert parse_bare_date("3 May 2016, 10.00 CET") == "2016-05-03"
    assert parse_bare_date("3 May 2016 | 9:30 a.m.") == "2016-05-03"
    assert parse_bare_date("Wednesday, 28 September 2016, 10:00 CEST") == "2016-09-28"  # 40 characters
    assert parse_bare_date("Wednesday, 28 September 2016 | 10:00 CEST") is None  # 41: read as a sentence, not a date line
    assert parse_bare_date("May 2016") is None


def test_the_first_valid_date_in_a_paragraph():
    assert find_text_date("Planned for 31 February 2016, the talks took place on 3 March 2016.") == ("3 March 2016", "2016-03-03")
    assert find_text_date("The talks opened on May 3rd, 2016 in Vienna.") == ("May 3rd, 2016", "2016-05-03")
    assert find_text_date("The talks opened on 3 May in Vienna.") is None


def test_a_url_date_must_be_a_real_day():
    assert url_date("https://oscepa.org/news/2016/02/31/title") is None
    assert url_date("https://oscepa.org/news/2016/13/title") is None
    assert url_date("https://oscepa.org/news/1899/05/title") is None


def test_issuer_names_with_article_apostrophe_and_marker():
    assert issuer_names("the OSCE’s Mission to Skopje (Former)") == (["the OSCE’s Mission to Skopje", "Mission to Skopje"], True)
    assert issuer_names("OSCE Centre in Bishkek") == (["OSCE Centre in Bishkek", "Centre in Bishkek"], False)
    assert split_field_list(" Rule of law ;Policing, , Media freedom ") == ["Rule of law", "Policing", "Media freedom"]


@pytest.mark.parametrize("text, iso", [
    ("marked its anniversary in The Hague on 7 and 8 March 2013.", "2013-03-07"),
    ("will take place 20-21 February 2025 at the Hofburg", "2025-02-20"),
    ("will take place in Prague on 11 -13 September 2013.", "2013-09-11"),
    ("On 14 – 19 August 2023, the Office organized", "2023-08-14"),
    ("was held in Istanbul from 29 June to 3 July 2013.", "2013-06-29"),
    ("ran from 29 December to 2 January 2014", "2013-12-29"),
    ("met on March 7-8, 2013 in Vienna", "2013-03-07"),
    ("met in Vilnius on 3 May 2016", "2016-05-03"),
    ("Resolution 1325 and 8 March 2015", "2015-03-08"),
])
def test_a_range_of_days_gives_its_first_day(text, iso):
    """An event is dated by its first day: the labels' convention, and schema:startDate's meaning."""
    found = find_text_date(text)
    assert found is not None and found[1] == iso


def test_a_day_and_month_without_year_take_the_year_given():
    assert find_day_month("based on information received until 18:00, 4 June (Kyiv time)", 2014) == ("4 June", "2014-06-04")
    assert find_day_month("information received until 4 June 2014", 2014) is None  # a full date is find_text_date's
    assert find_day_month("no date here", 2014) is None


@pytest.mark.parametrize("text, places, date", [
    ("12 June 2025, Sarajevo – On the World Day", ["Sarajevo"], "12 June 2025"),
    ("SARAJEVO, 26. novembar 2025. godine - Misija OSCE-a", ["SARAJEVO"], "26. novembar 2025. godine"),
    ("Astana-Kazakhstan (ANA-MPA/G. Novak) -- A Summit meeting", ["Astana-Kazakhstan"], None),
])
def test_datelines_of_real_pages_round_two(text, places, date):
    dateline = parse_dateline(text)
    assert dateline is not None and (dateline.places, dateline.date_text) == (places, date)


@pytest.mark.parametrize("text", ["ANA-MPA", "OSZE-Verpflichtungen im Bereich der menschlichen Dimension", "KAMENSK-SHAKHTINSKY"])
def test_a_hyphenated_word_is_no_dateline(text):
    assert parse_dateline(text) is None


def test_date_lines_with_their_content_type_and_godine():
    assert parse_bare_date("Interviews26 October 2021") == "2021-10-26"
    assert parse_bare_date("Feature 3 May 2016") == "2016-05-03"
    assert parse_date("26. novembar 2025. godine") == ("2025-11-26", False)
