"""Datelines, dates and the rule for the date the graph uses."""

from __future__ import annotations

import pytest

from osce_kg.parse.fields import choose_date, issuer_names, parse_date, parse_dateline, parse_header_line, split_field_list
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
