"""Fields of a page: dates, datelines, places, issuer, fields of work.

Which date the graph uses (`dct:date`): every date the page states is kept as a StatedDate with
its kind, and the graph uses the first present in this order (DATE_EVIDENCE):

1. `metadata`: the page's own date field (`Date:`, `Issued on:`) when it is filled;
2. `listing`: the `Publishing date:` of a listing item (the site's date field for that item);
3. `header`: the header date line of 2000-era newsroom pages (`SKOPJE 12 April 2001`);
4. `dateline`: the date at the start of the body (`VIENNA, 12 December 2007 -`);
5. `bare`: a line holding only a date, between the title and the body (news and feature stories);
6. `text`: the first full date in the body's first paragraph ("... in Vilnius on 3 May 2016");
7. `url`: a date in the page's URL (`/2016/05/03/`);
8. `capture`: the day the copy was saved (set by the mapping from the capture date).

The structured dates come first because the site records them as the publication date, while a
dateline is free text that can lack a year; a dateline without a year takes the year of the
metadata, listing or header date (a warning says so). The reported event's start date is the
dateline's date when there is one, else the document's date. English dates are read by our own
patterns (fast, and they know the site's forms: `10 MAY 2002`, `12 July`); any other language or
script (`3 tetor 2011`, `3 октября 2011 г.`) by dateparser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from osce_kg.parse.records import StatedDate

DATE_EVIDENCE = ("metadata", "listing", "header", "dateline", "bare", "text", "url", "capture")
"""The kinds of date evidence, best first (see the module docstring)."""

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})\s+({_MONTH})(?:,?\s+(\d{{4}}))?$", re.I)
_MONTH_DAY_YEAR = re.compile(rf"^({_MONTH})\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?$", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")

DASHES = "-–—"
_WORD = r"[A-Za-zÀ-ÿ'’.]+(?:-[A-Za-zÀ-ÿ]+)*"
_CITY = rf"[A-ZÀ-Þ]{_WORD[:-1]}?(?:\s+{_WORD}){{0,3}}?"
_PLACES = rf"(?P<places>{_CITY}(?:\s*/\s*{_CITY})*)"
# the day may carry its ordinal's ending ('May 3rd, 2016', '3rd May 2016')
_DATE_TEXT = rf"(?P<date>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?)"
_SEP = rf"\s*(?P<sep>--|[{DASHES}])\s*"
# '(OSCE)' between the date and the separator on 2001-era releases: 'SKOPJE, 18 October 2001 (OSCE)--'
# or a news agency's credit: 'Astana-Kazakhstan (ANA-MPA/G. Milionis) -- '
# or the link to the page's translation, the language named in its own script: 'YEREVAN, 15 February 2013 (Հայերեն) –'
_AGENCY = r"(?:\s*\((?P<agency>OSCE|[A-Z][A-Za-z/-]{1,20}|[A-Z][A-Z-]+/[\w.'’ -]{1,30}|(?![A-Za-z])[^\W\d_]{3,20})\))?"
DATELINE = re.compile(rf"^{_PLACES}(?:(?:\s*,\s*|\s+){_DATE_TEXT})?,?{_AGENCY}{_SEP}")
DATE_ONLY_DATELINE = re.compile(rf"^{_DATE_TEXT}{_SEP}")
DATE_FIRST_DATELINE = re.compile(rf"^{_DATE_TEXT}\s*,\s*{_PLACES}{_SEP}")  # '12 June 2025, Sarajevo – '

# Mirrors sometimes drop the separator ('DUSHANBE, 21 June 2012 Thirty-five ...'); without it only a
# full date after a comma marks where the dateline ends, so the year is required here.
UNSEPARATED_DATELINE = re.compile(
    rf"^{_PLACES}\s*,\s*(?P<date>\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},\s*\d{{4}})\s+")
# the State after the city, in capitals or not: 'TRAVNIK, Bosnia and Herzegovina, 5 April 2001 - ', also
# without the separator after a full date ('KYIV, Ukraine, 15 September 2011 OSCE ...')
_STATE_NAME = r"(?:[A-Z][A-Za-z]+(?:\s+(?:and\s+)?[A-Z][A-Za-z]+){0,3}|D\.\s?C\.)"  # 'WASHINGTON, D.C., 3 May 2016 -'
STATE_DATELINE = re.compile(rf"^{_PLACES}\s*,\s*{_STATE_NAME}\s*,\s*{_DATE_TEXT}(?:{_SEP}|(?<=\d{{4}})\s+(?=[A-Z]))")
# several cities in capitals, one after another with commas, under a joint statement: 'PARIS, ROME, OSLO,
# 3 May 2016 - '; only capitals, so that 'TRAVNIK, Bosnia and Herzegovina, ...' stays a city and its State
_CAPS_CITY = r"[A-ZÀ-Þ][A-ZÀ-Þ'’-]+(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’-]+){0,2}"
LISTED_DATELINE = re.compile(rf"^(?P<places>{_CAPS_CITY}(?:\s*,\s*{_CAPS_CITY})+)\s*,\s*{_DATE_TEXT}{_SEP}")
# a dateline with no date, the city and its State closed by a full stop: 'KAMENSK-SHAKHTINSKY, Russian
# Federation. The Observer Mission ...' (the Observer Mission's weekly updates)
UNDATED_STATE_DATELINE = re.compile(rf"^(?P<places>{_CAPS_CITY}),\s*(?P<state>{_STATE_NAME})\.\s+(?=[A-Z])")
HEADER_LINE = re.compile(rf"^{_PLACES}\s+{_DATE_TEXT}$")
# Any language or script: 'TIRANË, 3 tetor 2011 –', 'ВЕНА, 3 октября 2011 г. -', 'SARAJEVO, 3.10.2011 -', with
# an article before the day: 'MONACO, le 5 juillet 2012 -'.
# a word of a city, hyphenated too ('УСТЬ-КАМЕНОГОРСК', 'ІВАНО-ФРАНКІВСЬК')
_ANY_CITY_WORD = r"[^\W\d_][^\W\d_'’.-]*(?:-[^\W\d_]+){0,2}"
_ANY_CITY = rf"{_ANY_CITY_WORD}(?:\s+{_ANY_CITY_WORD}){{0,3}}"
_ANY_DATE = r"\d{1,2}\.?\s+[^\W\d_]{3,}\.?,?\s+\d{4}(?:\.?\s*(?:г\.|года|год\.|године|година|god\.|godine|р\.|року))?|\d{1,2}\.\d{1,2}\.\d{4}\.?"
# A full stop after the year may stand for the dash ('КОПЕНГАГЕН, 10 октября 2022 года. В связи ...', the
# Parliamentary Assembly's Russian pages): the year makes it a dateline, and the next word must start
# a sentence (a capital letter).
FOREIGN_DATELINE = re.compile(
    rf"^(?P<places>{_ANY_CITY}(?:\s*/\s*{_ANY_CITY})*)\s*,\s*(?:[a-zà-ÿа-я]{{1,3}}\s+)?(?P<date>{_ANY_DATE})"
    rf"(?:\s*(?P<sep>--|[{DASHES}])\s*|(?P<stop>(?<=\.)|\.)\s+(?=[A-ZÀ-ÞА-ЯЁЄІЇЎЉЊЋЏ]))")
# the content type on the date line of newer stories, glued to it in the text rendering: 'Interviews26 October 2021'
_DATE_LINE_TYPE = re.compile(
    r"^(?:Interviews?|News|Features?|Stor(?:y|ies)|Op-eds?|Press releases?|Statements?|Speech(?:es)?|Blogs?|Commentar(?:y|ies))"
    r"\s*(?=\d)")
_WEEKDAY = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+", re.I)
_CLOCK = re.compile(r"\s*[,|–-]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:CET|CEST|UTC|GMT|[ap]\.?m\.?))?$", re.I)
_ORDINAL = r"(?:st|nd|rd|th)?"
# A range or pair of days gives its first day: '7 and 8 March 2013', '20-21 February 2025', '11 -13
# September 2013', 'from 29 June to 3 July 2013', 'March 7-8, 2013' (an event starts on its first day).
# The day may be written as an ordinal of the month: 'on the 3rd and 4th of October, 2002'.
_OF = r"(?:\s+of)?"
_FIRST_DAY = rf"(?P<d1>\d{{1,2}}){_ORDINAL}(?:{_OF}\s+(?P<m1>{_MONTH}))?\s*(?:[{DASHES}]|\s(?:and|to|until|till)\s)\s*"
_TEXT_DATE = re.compile(
    rf"\b(?:(?:{_FIRST_DAY})?(?P<d>\d{{1,2}}){_ORDINAL}{_OF}\s+(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})"
    rf"|(?P<m0>{_MONTH})\s+(?:(?P<d0>\d{{1,2}})\s*[{DASHES}]\s*)?(?P<d2>\d{{1,2}}){_ORDINAL},\s*(?P<y2>\d{{4}}))\b")
# a day and month without a year ('until 18:00 hrs, 4 June (Kyiv time)'), for a listing item's title
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<first>\d{{1,2}})(?:\s*[{DASHES}]\s*|\s+(?:to|and|until|till)\s+))?(\d{{1,2}}){_ORDINAL}{_OF}\s+({_MONTH})\b(?!\s*,?\s*\d)")
# the American order, its month capitalised ('on Friday, February 14', 'a two-day (Sept. 9-10) visit'): not 'May 2016'
_MONTH_FIRST_DAY = re.compile(
    rf"\b((?=[A-Z])(?i:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?)\s+(?:(?P<first>\d{{1,2}})\s*[{DASHES}]\s*)?(\d{{1,2}})"
    rf"(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)")
_HOURS = re.compile(r"\s*\([^()]{0,40}\d{1,2}[:.]\d{2}[^()]{0,40}\)")
_WEEKDAY_BEFORE_DAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?=\d)", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])(?:/([0-3]\d))?(?:/|$)")


_GLUED = re.compile(r"[a-z][A-Z]{2,}")


@dataclass
class Dateline:
    """The parsed start of a body paragraph: cities, raw date, and where the text begins."""

    places: list[str]
    date_text: str | None
    rest: str


_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


def parse_date(text: str, default_year: int | None = None) -> tuple[str | None, bool]:
    """ISO date of a date as pages write it; True as second value when the year was supplied."""
    text = _ORDINAL_DAY.sub(r"\1", " ".join(text.replace(",", ", ").split()).strip(" ."))
    m = _ISO.match(text)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3])), False
    m = _NUMERIC.match(text)
    if m:
        return _iso(int(m[3]), int(m[2]), int(m[1])), False
    m = _DAY_MONTH_YEAR.match(text.replace(",", "").strip())
    if m:
        day, month, year = int(m[1]), MONTHS[m[2].lower().rstrip(".")], m[3]
    else:
        m = _MONTH_DAY_YEAR.match(text.replace(",", "").strip())
        if not m:
            return _foreign_date(text), False
        month, day, year = MONTHS[m[1].lower().rstrip(".")], int(m[2]), m[3]
    if year is None:
        if default_year is None:
            return None, False
        return _iso(default_year, month, day), True
    return _iso(int(year), month, day), False


_FOREIGN_DATE_SHAPE = re.compile(r"^\d{1,2}\.?\s+[^\W\d_]{3,}\.?,?\s+\d{4}(?:\.?\s*(?P<year_word>г|года|год|године|година|god|godine|vit|р|року|rok)\.?)?$")
DATE_LANGUAGES = tuple(
    "sq ru uk sr bs hr mk ro de fr it es tr pl bg sl cs sk hu lt lv et el ka hy az kk ky uz mn be nl sv fi da nb pt".split())
"""The languages of the OSCE's pages: its six, and those of its participating States' sites. Telling
dateparser which ones makes a call ~1 ms instead of ~50 ms (it otherwise tries every locale it has)."""
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_LOCALE_DATE_ORDER": False}


def _foreign_date(text: str) -> str | None:
    """A full date in another language or script ('3 tetor 2011', '3 октября 2011 г.') by dateparser.

    Only text shaped like a day, a month word and a year is passed on: dateparser reads almost
    anything as a date, and costs ~1 ms a call where our English patterns cost microseconds.
    """
    if not (shape := _FOREIGN_DATE_SHAPE.match(text)):
        return None
    if shape["year_word"]:  # 'godine', 'года' ('of the year'): not every locale of dateparser knows it
        text = text[: shape.start("year_word")].rstrip(" .")
    import dateparser  # on first use: 0.1 s to import, and most pages are English

    found = dateparser.parse(text, languages=list(DATE_LANGUAGES), settings=_DATEPARSER_SETTINGS)
    return found.date().isoformat() if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _is_city_token(text: str) -> bool:
    """Dateline cities are written in capitals or as Title Case names, never as a sentence."""
    words = text.split()
    return bool(words) and len(words) <= 4 and all(w[:1].isupper() for w in words if w.lower() not in {"de", "la", "am", "upon", "na"})


def _hyphenated_word(paragraph: str, m: re.Match[str]) -> bool:
    """'ANA-MPA', 'OSZE-Verpflichtungen im ...': a hyphenated word, not a city and a sentence."""
    rest = paragraph[m.end():]
    return not m["date"] and (len(rest.split()) < 2 or not paragraph[m.end("sep"):m.end("sep") + 1].isspace())


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None when it does not start with one."""
    m = DATELINE.match(paragraph)
    if m and _hyphenated_word(paragraph, m):
        m = None  # 'KAMENSK-SHAKHTINSKY, Russian Federation, 20 August 2014 - ': the State's dateline
    m = m or DATE_FIRST_DATELINE.match(paragraph) or DATE_ONLY_DATELINE.match(paragraph)
    if not m and (m := LISTED_DATELINE.match(paragraph)):
        return Dateline(re.split(r"\s*,\s*", m["places"]), m["date"], paragraph[m.end():])
    if not m and (m := UNDATED_STATE_DATELINE.match(paragraph)):
        return Dateline([m["places"]], None, paragraph[m.end():])
    if not m:
        m = UNSEPARATED_DATELINE.match(paragraph) or STATE_DATELINE.match(paragraph)
        if not m or not m["places"].isupper():
            m = FOREIGN_DATELINE.match(paragraph)
            if not m or not m["places"].isupper():
                return None
    places = [p.strip() for p in (m.groupdict().get("places") or "").split("/") if p.strip()]
    if places and not all(_is_city_token(p) for p in places):
        return None
    if any(_GLUED.search(p) for p in places):  # 'Isabel SantosCOPENHAGEN': a caption glued to the city
        return None
    if not places and not m["date"]:
        return None
    if places and not m["date"] and not all(p.isupper() for p in places) and not m.groupdict().get("agency"):
        return None
    rest = paragraph[m.end():]
    if _hyphenated_word(paragraph, m):
        return None
    # a translated page's text may start in lower case ('ДУШАНБЕ, 7 июля 2017 года - сегодня ...')
    if not rest[:1].isupper() and rest[:1] not in "\"“'‘" and (rest[:1].isascii() or m.re is not FOREIGN_DATELINE):
        return None
    return Dateline(places, m["date"], rest)


def parse_header_line(text: str) -> Dateline | None:
    """A 2000-era header date line: 'SKOPJE 12 April 2001'."""
    m = HEADER_LINE.match(text)
    if not m:
        return None
    places = [p.strip() for p in m["places"].split("/") if p.strip()]
    if not all(p.isupper() for p in places):
        return None
    return Dateline(places, m["date"], "")


def parse_bare_date(text: str) -> str | None:
    """The ISO date of a line that holds only a date ('3 May 2016', 'Tuesday, 3 May 2016 10:00')."""
    if len(text) > 40 or not any(c.isdigit() for c in text):
        return None
    return parse_date(_CLOCK.sub("", _WEEKDAY.sub("", _DATE_LINE_TYPE.sub("", text))))[0]


_MONTH_YEAR = re.compile(rf"^{_MONTH}\s+(?:19|20)\d{{2}}$")


def is_month_year(text: str) -> bool:
    """A line that dates by month alone ('October 2000'): no day, so no date of a document."""
    return bool(_MONTH_YEAR.match(text.strip()))


def find_text_date(paragraph: str) -> tuple[str, str] | None:
    """The first full English date inside a paragraph ('... in Vilnius on 3 May 2016'): raw and ISO;
    a range of days gives its first day ('on 7 and 8 March 2013' -> 2013-03-07), also with its
    weekdays and hours ('on Thursday 17 (from 09:00 to 18:00) and Friday 18 October 2019')."""
    paragraph = _WEEKDAY_BEFORE_DAY.sub("", _HOURS.sub("", paragraph))
    for m in _TEXT_DATE.finditer(paragraph):
        if m["y"]:
            year, month, day = int(m["y"]), _month(m["m"]), int(m["d"])
            if m["d1"]:
                first = _month(m["m1"]) if m["m1"] else month
                # '29 December to 2 January 2014': the range began the year before
                year, month, day = year - (first > month), first, int(m["d1"])
        else:
            year, month, day = int(m["y2"]), _month(m["m0"]), int(m["d0"] or m["d2"])
        if iso := _iso(year, month, day):
            return m[0], iso
    return None


_FOREIGN_DATE_IN_TEXT = re.compile(rf"(?<![\w.])(?P<date>{_ANY_DATE})(?=[\s,.;:)]|$)")
# where a translated page's first sentence ends: a full stop after a word, before a capital in any script
_SENTENCE_STOP = re.compile(r"(?<=[^\W\d_]{2})[.!?]\s+(?=[^\W\d_])(?=[^a-zа-яёіїєґ])")
# the end of a range of days, whose start is the event's ('dal 1 novembre 2000 al 31 ottobre 2001', 'с 3 по
# 5 мая', 'do 5. maja'): never the day of a page
_RANGE_END = re.compile(r"\b(?:al|alla|au|bis|to|till|until|до|по|do|deri|deri më|până la|hasta)\s+$", re.I)
_FIRST_SENTENCE_MAX = 600
_FOREIGN_CANDIDATES = 3
"""Dates tried in a first sentence: dateparser costs ~1 ms a call."""


def find_foreign_date(paragraph: str) -> tuple[str, str] | None:
    """The first full date in another language in a paragraph's first sentence: opening it as a
    dateline without a city ('26 марта 2025 года Программный офис ...', 'Le 3 mai 2016, ...') or
    inside it ('Программный офис ОБСЕ 26 марта 2025 года провел ...', '... organizoi më 26 mars
    2025 një seminar'): raw and ISO, by dateparser."""
    stop = _SENTENCE_STOP.search(paragraph, 0, _FIRST_SENTENCE_MAX)
    sentence = paragraph[: stop.start() if stop else _FIRST_SENTENCE_MAX]
    for n, m in enumerate(_FOREIGN_DATE_IN_TEXT.finditer(sentence)):
        if n >= _FOREIGN_CANDIDATES:
            break
        if not _RANGE_END.search(sentence[max(0, m.start() - 12): m.start()]) and (iso := _foreign_date(m["date"])):
            return m["date"], iso
    return None


def find_day_month(text: str, year: int) -> tuple[str, str] | None:
    """A day and month written without a year ('4 June', 'February 14'), dated in `year`: raw and ISO;
    a range of days gives its first day ('7-10 October', 'from 3 to 5 October', 'Sept. 9-10')."""
    if (m := _DAY_MONTH.search(text)) and (iso := _iso(year, _month(m[3]), int(m["first"] or m[2]))):
        return m[0], iso
    if (m := _MONTH_FIRST_DAY.search(text)) and (iso := _iso(year, _month(m[1]), int(m["first"] or m[3]))):
        return m[0], iso
    return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def url_date(url: str) -> tuple[str, str, str] | None:
    """A date in a URL path ('/2016/05/03/', '/2016/05/'): raw text, ISO date, precision ('day' or 'month')."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    iso = _iso(int(m[1]), int(m[2]), int(m[3] or 1))
    return (m[0].strip("/"), iso, "day" if m[3] else "month") if iso else None


def choose_date(dates: list[StatedDate]) -> StatedDate | None:
    """The stated date the graph uses (see the module docstring for the rule)."""
    for kind in DATE_EVIDENCE:
        for stated in dates:
            if stated.kind == kind and stated.iso:
                return stated
    return None


def split_field_list(value: str) -> list[str]:
    """'Rule of law, Policing' -> ['Rule of law', 'Policing']."""
    return [v.strip() for v in re.split(r"\s*[,;]\s*", value) if v.strip()]


_CLOSED = re.compile(r"\s*\((?:closed|former)\)\s*$", re.I)
_OSCE_PREFIX = re.compile(r"^(?:the\s+)?OSCE(?:'s|’s)?\s+", re.I)


def issuer_names(text: str) -> tuple[list[str], bool]:
    """Names to try for an issuer string, most specific first, and whether it is marked closed."""
    closed = bool(_CLOSED.search(text))
    base = _CLOSED.sub("", text).strip()
    names = [base]
    stripped = _OSCE_PREFIX.sub("", base)
    if stripped != base:
        names.append(stripped)
    return names, closed
