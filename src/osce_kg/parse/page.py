"""Read one file into a PageRecord: decode, make blocks, recognise the layout, read fields and entities.

The reader takes whatever a page offers: a page that fits no known layout is read as a generic
article, a missing title or date is a warning (the date then comes from weaker evidence, see
fields.py). Only a file with no readable text raises InputError, naming the file, the line and
what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from osce_kg.errors import InputError
from osce_kg.gazetteer import Gazetteer, Match
from osce_kg.parse.blocks import Block, text_blocks
from osce_kg.parse.entities import EntityReader
from osce_kg.parse.fields import (
    Dateline,
    choose_date,
    find_day_month,
    find_foreign_date,
    find_text_date,
    is_month_year,
    issuer_names,
    parse_bare_date,
    parse_date,
    parse_dateline,
    parse_header_line,
    split_field_list,
    url_date,
)
from osce_kg.parse.html import html_blocks
from osce_kg.parse.language import detect_language
from osce_kg.parse.layouts import (
    CREDIT_LINE,
    LAYOUT_NAMES,
    LAYOUTS,
    UNKNOWN,
    RawDocument,
    detect_layout,
    skip_line,
    split_page,
    split_resource_items,
)
from osce_kg.parse.ordinary_words import common_word, given_name
from osce_kg.parse.records import BodyEntities, DocumentRecord, FieldRef, PageRecord, PlaceRef, StatedDate
from osce_kg.parse.urls import canonical_url, file_key, is_web_url, item_key, resolved, site_sections, url_key
from osce_kg.parse.world_cities import english_name, folded, world_city
from osce_kg.store.provenance import content_hash

PARSER_VERSION = "pages-2"
"""Bumped when the parser reads pages differently, so provenance says which reading a graph holds."""

ENCODINGS = ("utf-8", "cp1252", "latin-1")
_LETTER = re.compile(r"[^\W\d_]{2}")
_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff]*$")  # Latin letters, with their accented forms
_SENTENCE_END = re.compile(r"[.!?\"”’)\]…]$")


def decode(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Text of a file, the encoding used and warnings; rejects empty, binary and garbled files.

    The order is: UTF-16 and UTF-8 byte-order marks, UTF-8, cp1252, latin-1 (which decodes any
    byte, so garbled input is caught by counting control characters afterwards).
    """
    if not data.strip():
        raise InputError("empty file: nothing to read" if not data else "empty file: only white space", path, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"file starts with a UTF-16 byte-order mark but is not UTF-16: {error.reason}", path, 1) from error
        return text, "utf-16", ["file is UTF-16 (byte-order mark); decoded as utf-16"]
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes): not a text or HTML page", path, _line_of(data, data.index(b"\x00")))
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise InputError(
                f"file starts with a UTF-8 byte-order mark but is not UTF-8: {error.reason} at byte offset {error.start + 3}",
                path, _line_of(data, error.start + 3),
            ) from error
        warnings.append("file starts with a UTF-8 byte-order mark (decoded as utf-8-sig)")
    else:
        for encoding in ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if encoding != "utf-8":
            warnings.append(f"file is not valid UTF-8; decoded as {encoding}")
    count, first = _odd_characters(text)
    if count > max(3, len(text) // 50):
        raise InputError(
            f"garbled file: {count} control or unassigned characters (decoded as {encoding})",
            path, text.count("\n", 0, first) + 1,
        )
    return text, encoding, warnings


_ASCII_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ODD_CATEGORIES = ("Cc", "Co", "Cn", "Cs")


def _odd_characters(text: str) -> tuple[int, int]:
    """How many control, private-use, unassigned or surrogate characters (other than line breaks
    and tabs) the text has, and where the first is. The Unicode category is looked up once per
    distinct non-ASCII character, not once per character (issue 6: 17% of reading a page)."""
    positions = [m.start() for m in _ASCII_CONTROL.finditer(text)]
    count = len(positions)
    odd = [c for c in set(text) if not c.isascii() and unicodedata.category(c) in _ODD_CATEGORIES]
    for c in odd:
        count += text.count(c)
        positions.append(text.index(c))
    return count, min(positions, default=-1)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def is_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


class PageReader:
    """Reads pages with one gazetteer (the graph's names) for places, issuers, fields and entities."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entities = EntityReader(gazetteer)
        # where a city the graph does not hold may be (world_cities.py): the graph's States, and Kosovo
        codes = {iri.rsplit("/", 1)[-1] for iri in gazetteer.by_kind.get("state", {}).values()}
        self.regions = frozenset(c for c in codes if len(c) == 2) | {"XK"}

    def read(self, path: Path, data: bytes | None = None, *, layout: str | None = None, url: str | None = None) -> PageRecord:
        """Read one page; `url` is where it was fetched from, when known (a page's own canonical
        link wins for its identity, and the URL is kept among the document's URLs)."""
        data = path.read_bytes() if data is None else data
        text, encoding, warnings = decode(data, path)
        canonical, url_language, html_language, urls = None, None, None, []
        if is_html(path, text):
            page = html_blocks(text)
            blocks = page.blocks
            # a relative link is resolved against the URL the page was fetched from, when known
            linked = [resolved(u, url) for u in page.urls]
            urls = [u for u in linked if is_web_url(u)]
            if page.canonical_url:
                link = linked[0]
                if is_web_url(link):
                    canonical, url_language = canonical_url(link)
                else:
                    warnings.append(f"the page's canonical link is not a usable URL, ignored: {link[:200]!r}")
            html_language = page.language
            if "</html>" not in text.lower():
                warnings.append("HTML has no closing </html>: the page may be truncated")
        else:
            blocks = text_blocks(text)
        if url and not is_web_url(url):
            warnings.append(f"the URL the page was fetched from is not a usable URL, ignored: {url[:200]!r}")
        elif url:
            if canonical is None:
                canonical, url_language = canonical_url(url)
            urls.append(url)
        if not any(_LETTER.search(b.text) for b in blocks):
            raise InputError("no readable text in the page", path, blocks[0].line if blocks else 1)
        if layout is None:
            layout = detect_layout(blocks)
            if layout is None:
                layout = UNKNOWN
                warnings.append(
                    f"line {blocks[0].line}: layout not recognised (none of "
                    + "; ".join(f"{k} {v}" for k, v in LAYOUT_NAMES.items()) + "): read as a generic article")
        elif layout not in LAYOUTS:
            raise InputError(f"unknown layout {layout!r}: use one of {', '.join(LAYOUTS)}", path)
        raws, menu = split_page(blocks, layout)
        if (layout in (UNKNOWN, "D") and (items := _dated_items(blocks))) or \
                (layout in (UNKNOWN, "D", "E") and (items := split_resource_items(blocks) or _byline_items(blocks))):
            if layout == UNKNOWN:
                warnings.pop()  # a listing after all: items under bare date lines, bylines or glued metadata
            raws, layout = items, "B"
        elif layout in (UNKNOWN, "D"):
            for raw in raws:
                self._settle_title(raw)
        if not raws:
            raise InputError(f"layout {layout}: no document found in the page", path, blocks[0].line)
        record = PageRecord(path, layout, encoding, content_hash(data), [], menu, warnings)
        base_key = url_key(canonical) if canonical else file_key(path, data)
        record.canonical_url = canonical
        for raw in raws:
            doc = self._document(path, layout, raw)
            if layout == "B":
                # an item's own URL is not on the listing; the listing's URL is its provenance
                doc.key = item_key(doc.title or "", doc.date)
            else:
                doc.canonical_url, doc.urls = canonical, list(dict.fromkeys(urls))
                doc.key = base_key
                self._language(doc, url_language, html_language)
                if not doc.date:
                    self._event_page_date(doc, raw, urls)
                if not doc.date and doc.title and (found := _report_date(doc.title) or (
                        find_text_date(doc.title) if "date" in raw.meta and not any(raw.meta["date"]) else None)):
                    # an event page whose Date field is empty, titled by its days: 'Informal meeting of
                    # OSCE foreign ministers, Corfu, Greece, 27-28 June 2009'
                    _title_date(doc, found)
                if not doc.date:
                    self._url_date(doc)
            if doc.issuer is None and doc.issuer_text is None:
                self._issuer_from_page(doc, raw, urls, sections=layout != "B")
            record.documents.append(doc)
        if layout == "B":
            _dates_from_titles(record.documents)
            self._issuer_from_heading(record.documents, raws[0].listing_head)
        for doc, raw in zip(record.documents, raws, strict=True):
            if not doc.date:
                doc.warnings.append(f"line {raw.title_line or raw.line}: {_no_date_reason(raw)}")
        if cut := raws[-1].cut_item:
            record.warnings.append(
                f"line {cut.line}: the listing ends inside the title of an item cut off before its metadata: not read")
        elif raws[-1].paragraphs and not _SENTENCE_END.search(raws[-1].paragraphs[-1].text):  # '...' ends in '.'
            record.warnings.append(
                f"line {raws[-1].paragraphs[-1].line}: the last paragraph ends mid-sentence: the page may be truncated")
        return record

    @staticmethod
    def _language(doc: DocumentRecord, url_language: str | None, html_language: str | None) -> None:
        """The language of the text (py3langid), else the declared one (`lang`, the URL's prefix).

        A version under a language prefix is a translation of the node's English original (a
        document of its own, linked to it) only when its text is not English: the site serves
        many pages under a prefix untranslated.
        """
        declared = (html_language or url_language or "en").split("-")[0].lower()
        language = doc.language or declared
        doc.language = language
        if language != "en" and url_language:
            doc.translation_of = doc.key
            doc.key = f"{doc.key}.{language}"

    def _settle_title(self, raw: RawDocument) -> None:
        """The title of a page of no known layout, checked: a site header naming a structure
        ('OSCE Project Co-ordinator in Ukraine'), a site section ('Activities'), an agency tag
        ('ANA-MPA') and a date line are not the title; a long paragraph or a dateline means the
        page shows no title (None)."""
        lines = ([Block("text", raw.title, raw.title_line or raw.line)] if raw.title else []) + raw.paragraphs
        bare: Block | None = None
        i = 0
        while i < len(lines):
            text = lines[i].text
            if credit := CREDIT_LINE.match(text):
                raw.credits.append((credit["name"], "photographer"))
            if skip_line(text) or _BANNER.search(text) or _CREDIT_LABEL.match(text) or _IMAGE_NAME.match(text) or \
                    (len(text) <= 20 and not any(c.islower() for c in text) and not parse_bare_date(text)):
                i += 1
            elif raw.site_header is None and i + 1 < len(lines) and len(lines[i + 1].text) < 150 \
                    and (self._header_structure(text) or _foreign_header(lines[i:i + 3])):
                raw.site_header = text
                if _overview_of(text, lines[i + 1].text):
                    break  # the structure's name is the title too
                i += 1
            elif bare is None and i + 2 < len(lines) and _is_heading(text) and parse_bare_date(lines[i + 2].text) \
                    and not parse_bare_date(lines[i + 1].text) and len(lines[i + 1].text) <= 250:
                i += 1  # a breadcrumb ('Resources') above the title of a story dated on the line under it
            elif bare is None and parse_bare_date(text):
                bare = lines[i]
                i += 1
            else:
                break
        rest = lines[i:]
        rest = rest[self._section_path(rest):]
        if len(rest) > 2 and rest[0].text == rest[1].text and _is_headline(rest[0].text):
            # the page's heading shown twice (the breadcrumb's last entry, then the headline) is its title
            rest = rest[1:]
            menu = 0
        else:
            menu = _menu_run(rest, items=True)
        if 2 <= menu < len(rest) and rest[menu - 1].kind == "text" and rest[menu - 2].kind == "item" \
                and _SENTENCE_END.search(rest[menu].text):
            menu -= 1  # a short headline under a sub-site's menu ('Head of mission'), over the body: no entry
        if menu >= len(rest) - 1 or not _is_headline(rest[menu].text) or _SENTENCE_END.search(rest[menu].text):
            menu = _menu_run(rest, items=False)  # the list items are the body's, under its title
        if menu >= 3 and menu < len(rest):
            # a sub-site's menu (At a glance / Our work / Library) or a page's chrome (English / Yes /
            # No) over the body: the headline under it is the title, else the page shows none
            rest = rest[menu:]
            if len(rest) > 2 and _MISSION_KIND.match(rest[0].text) and _is_headline(rest[1].text):
                rest = rest[1:]  # ODIHR's kind of election mission over the election's name: a kicker
            if len(rest) > 1 and _is_headline(rest[0].text):
                raw.title, raw.title_line, rest = rest[0].text, rest[0].line, rest[1:]
            else:
                raw.title = None
        elif rest and _SECTION_NUMBER.match(rest[0].text) and raw.site_header:
            # '1. Basic Decisions' is a section of the page the header line above it names
            raw.title, raw.title_line = raw.site_header, rest[0].line
        elif rest and len(rest[0].text) <= 250 and not parse_dateline(rest[0].text) and not _GLUED_DATELINE.search(rest[0].text) \
                and not _is_sentence(rest[0].text) and not _CAPTION.search(rest[0].text):
            raw.title, raw.title_line = _unglued_alt_text(rest[0].text), rest[0].line
            rest = rest[1:]
            while rest and _continues_title(raw.title, rest[0].text):
                raw.title, rest = f"{raw.title} {rest[0].text}", rest[1:]
        else:
            raw.title = None
        if raw.title and _REPOST_TITLE.match(raw.title) and len(rest) > 2 and _REPOST_NOTICE.search(rest[0].text) \
                and _is_headline(rest[1].text) and not _SENTENCE_END.search(rest[1].text):
            # a body's release reposted under its notice ('Press release issued by the OSCE Parliamentary
            # Assembly' / 'VIENNA, ... - The following is a press release issued by ...'): the headline under it
            raw.title, raw.title_line, rest = rest[1].text, rest[1].line, rest[2:]
        raw.paragraphs = ([bare] if bare else []) + rest

    def _section_path(self, lines: list[Block]) -> int:
        """How many section headings stand above an overview's own heading, over its body ('Human
        dimension' / 'Democratization' / 'The Mission focuses on ...'; 'Politico-military dimension' /
        'Conflict settlement' / 'The Georgian-Ossetian conflict' / ...): one to three lines of at most
        four words, the heading under them as short (five words at most: no standfirst), the body a
        sentence or a long paragraph, no dateline; a heading naming the OSCE is a headline ('ОБСЕ открыла
        молодежную ассамблею' / 'Школа демократии': its kicker under it). Not
        when a heading is an overview's own ('About' / 'Overview' / 'Background': the page is the
        overview), when the last names a structure (`Institutions and structures` / `The OSCE
        Parliamentary Assembly` / ...: the first section of a page about several, in any language:
        `Assemblea parlamentare dell’OSCE`) nor when a field of work heads a section that is none
        (`Rule of law` / `Supporting judicial and legal reforms`: the field's page)."""
        body = next((k for k, block in enumerate(lines[:5]) if _is_sentence(block.text) or len(block.text) > 250
                     or parse_dateline(block.text) or _CAPTION.search(block.text)), None)
        if body is None or not 2 <= body <= 4 or any(block.kind != "text" for block in lines[:body]) \
                or parse_dateline(lines[body].text):
            return 0  # (a release's title over its standfirst and dateline is no overview)
        path, title = lines[: body - 1], lines[body - 1].text
        if any(_continues_title(a.text, b.text) for a, b in zip(lines[: body - 1], lines[1:body], strict=True)):
            return 0  # one heading broken over two lines ('Ten years of national' / 'eGovernment strategies ...')
        if all(_is_heading(b.text) and len(b.text.split()) <= 4 and not _OVERVIEW_HEADING.match(b.text.lower())
               and not _NAMES_OSCE.search(b.text) for b in path) \
                and _is_heading(title) and not parse_bare_date(title) \
                and not _OVERVIEW_HEADING.match(title.lower()) and not self._names_structure(title) \
                and not _NAMES_OSCE.search(title) and not (self._names_field(path) and not self._names_field([lines[body - 1]])):
            return len(path)
        return 0

    def _names_field(self, lines: list[Block]) -> bool:
        fields_ = self.gazetteer.by_kind.get("field", {})
        return any(" ".join(b.text.split()).lower() in fields_ for b in lines)

    def _header_structure(self, text: str) -> str | None:
        """The structure a site header names: the whole line, else its most specific part
        ('Secretariat - Gender Section' is the Gender Section's header, under the Secretariat)."""
        parts = _HEADER_PARTS.split(text)
        for part in [text, *reversed(parts)] if len(parts) > 1 else [text]:
            if found := self.gazetteer.lookup(issuer_names(part)[0][0], "structure", cutoff=100):
                return found
        return None

    def _issuer_from_page(self, doc: DocumentRecord, raw: RawDocument, urls: list[str], *, sections: bool) -> None:
        """A page whose metadata names no issuer: the structure its site header names ('OSCE Project
        Co-ordinator in Ukraine' above the title), else the site or URL section it lives on
        (`odihr.osce.org`, `/bih/`, `/fom/statements`); for a listing's items only the site (the
        listing's section is the listing's, and its items carry their own metadata). A structure
        named in the title is not taken: a release is often about a structure it was not issued by."""
        if raw.site_header and (found := self._header_structure(raw.site_header)):
            doc.issuer = found
            return
        for url in urls:
            for section in site_sections(url, path=sections):
                if found := self.gazetteer.structure_of_section(section):
                    doc.issuer = found
                    return

    def _issuer_from_heading(self, docs: list[DocumentRecord], head: list[str]) -> None:
        """A listing's heading that names a structure ('Press statements of the OSCE Representative on
        Freedom of the Media', 'Daily and spot reports from the Special Monitoring Mission to Ukraine',
        or the structure's own name as the site's header) gives the issuer of the items whose metadata
        names none. A description under the heading (a sentence, with its full stop) does not: it
        says what the list holds, not who issued it."""
        for line in head:
            if skip_line(line) or _SENTENCE_END.search(line) or len(line) > 150:
                continue
            matches = [m for m in self.gazetteer.find(line, ("structure",)) if m.iri not in self.entities.osce]
            if matches:
                issuer = max(matches, key=lambda m: m.end - m.start).iri
                for doc in docs:
                    if doc.issuer_text is None:
                        doc.issuer = issuer
                return

    def _event_page_date(self, doc: DocumentRecord, raw: RawDocument, urls: list[str]) -> None:
        """An event's page (its URL /event/<x>, /events/<x> or /meetings/<kind>/<x>) that states no date in its
        metadata nor a dateline: the first day its opening text sets the event on ('met in Dubrovnik
        on 7-10 October'), the year from the text or the URL ('/autumn-meetings/2011-dubrovnik'), and
        the city of that sentence where the page names no place."""
        paths = [urlsplit(u).path for u in urls]
        if not any(_EVENT_SECTION.search(p) for p in paths):
            return
        year = next((int(m[1]) for p in paths if (m := _PATH_YEAR.search(p))), None)
        found = _event_start(raw.paragraphs[:3], year) or _first_dated_sentence(raw.paragraphs[:3], year)
        if found:
            raw_date, iso, _line, sentence = found
            doc.dates.append(StatedDate("text", raw_date, iso, doc.line))
            doc.date, doc.date_kind, doc.date_precision = iso, "text", "day"
            doc.event_date = doc.event_date or iso
            if not doc.places:
                doc.places = self._event_places(sentence, raw.paragraphs)

    @staticmethod
    def _url_date(doc: DocumentRecord) -> None:
        for url in [doc.canonical_url or "", *doc.urls]:
            if found := url_date(url):
                raw, iso, precision = found
                doc.dates.append(StatedDate("url", raw, iso, doc.line, precision))
                doc.date, doc.date_kind, doc.date_precision = iso, "url", precision
                return

    def _document(self, path: Path, layout: str, raw: RawDocument) -> DocumentRecord:
        doc = DocumentRecord(path, layout, raw.line, title=raw.title)
        meta = raw.meta
        doc.content_type = raw.content_type or _first(meta, "content type", "report type")
        if doc.content_type:
            doc.content_type_iri = self.gazetteer.lookup(doc.content_type, "content-type", cutoff=95)
        if raw.header is None and raw.paragraphs and parse_header_line(raw.paragraphs[0].text):
            raw.header = raw.paragraphs.pop(0)  # 'PRISTINA 9 January 2002' over a story, whatever its layout
        bare = None
        # the date line under the title, or under the author's byline ('Stephanie Novak')
        # or under an untitled teaser's opening line ('The Assembly has been active ...' / '21 January 2019')
        at = 1 if len(raw.paragraphs) > 1 and (_is_heading(raw.paragraphs[0].text) or (
            not raw.title and len(raw.paragraphs[0].text) <= _PREAMBLE_MAX and parse_bare_date(raw.paragraphs[1].text))) else 0
        if raw.paragraphs and (iso := parse_bare_date(raw.paragraphs[at].text)):
            bare = StatedDate("bare", raw.paragraphs[at].text, iso, raw.paragraphs[at].line)
            del raw.paragraphs[at]
            if at and _is_heading(raw.paragraphs[0].text):
                raw.credits.append((raw.paragraphs.pop(0).text, "author"))
        raw.paragraphs = _dateline_first(raw.paragraphs)
        if not doc.title:
            if not raw.paragraphs:
                raise InputError(f"layout {layout}: no title and no body text", path, raw.line)
            doc.warnings.append(f"line {raw.paragraphs[0].line}: the page shows no title")
        paragraphs = [b.text for b in raw.paragraphs]
        doc.body = "\n\n".join(paragraphs)
        doc.language = detect_language(f"{doc.title or ''}\n{doc.body}")
        self._dates_and_places(doc, raw, bare, listing=layout == "B")
        self._issuer(doc, meta)
        self._fields(doc, meta, cut_off=raw.cut_off)
        if not doc.body:
            doc.warnings.append(f"line {raw.line}: no body text")
        body_paragraphs = paragraphs
        if raw.paragraphs and (dl := _dateline(paragraphs[0])):
            # a photo's caption glued before the dateline names people too
            glued = None if parse_dateline(paragraphs[0]) else _GLUED_DATELINE.search(paragraphs[0])
            caption = [paragraphs[0][:glued.start()].strip()] if glued else []
            body_paragraphs = caption + [dl.rest] + paragraphs[1:]
        # the contact block under the body names its people and their State's address
        contacts = [b.text for b in raw.contacts]
        found = self.entities.read(doc.title, body_paragraphs + contacts, doc.issuer, doc.language)
        for entity_field in fields(BodyEntities):
            setattr(doc, entity_field.name, getattr(found, entity_field.name))
        self._meta_states(doc, raw)
        for name, role in raw.credits:
            if person := self.entities.credited(name, role):
                self.entities.add_person(doc.people, person)
        return doc

    def _meta_states(self, doc: DocumentRecord, raw: RawDocument) -> None:
        """The States a `Location:` value names ('Location: Ukraine', 'Locations: Armenia, Georgia')
        are States the document mentions, as the body's are. `Where we are:` names structures, not
        States: the graph links an operation to its host already, and the fixtures' facts count the
        body's States only. A name is matched whole: a value cut off at the end of an excerpt
        ('Locations: Armenia, Tajikista') names no State with its cut word."""
        values = [v for label in _STATE_LABELS for v in raw.meta.get(label, [])]
        found = self.entities.read(None, values, None, doc.language)
        for ref in found.states:
            if all(r.iri != ref.iri for r in doc.states):
                doc.states.append(ref)
        for ref in found.territories:
            if all(r.iri != ref.iri for r in doc.territories):
                doc.territories.append(ref)

    def _dates_and_places(self, doc: DocumentRecord, raw: RawDocument, bare: StatedDate | None, *, listing: bool) -> None:
        stated: list[StatedDate] = []
        for label, kind in (("date", "metadata"), ("issued on", "metadata"), ("when", "metadata"), ("publishing date", "listing")):
            for value in raw.meta.get(label, []):
                iso, _ = parse_date(value)
                if iso is None and (found := find_text_date(value)):
                    # an event's 'When: 20 - 21 February 2025' (its first day), 'Date: Thursday, 5 March 2026, 10:00'
                    iso = found[1]
                if iso is None:
                    doc.warnings.append(f"line {raw.line}: {label.capitalize()} {value!r} is not a date")
                stated.append(StatedDate(kind, value, iso, raw.line))
        header_places: list[str] = []
        if raw.header is not None and (header := parse_header_line(raw.header.text)):
            iso, _ = parse_date(header.date_text or "")
            stated.append(StatedDate("header", raw.header.text, iso, raw.header.line))
            header_places = header.places
        dateline = _dateline(raw.paragraphs[0].text) if raw.paragraphs else None
        if listing and dateline is None and len(raw.paragraphs) == 1 and _CUT_CITY.match(raw.paragraphs[0].text):
            dateline = Dateline([raw.paragraphs[0].text], None, "")  # an excerpt cut after its city: 'VIENNA'
        if dateline and dateline.date_text:
            year_from = next((int(s.iso[:4]) for s in stated if s.iso), None)
            iso, supplied = parse_date(dateline.date_text, year_from)
            line = raw.paragraphs[0].line
            if supplied:
                doc.warnings.append(f"line {line}: dateline {dateline.date_text!r} has no year; took {year_from} from the page's other date")
            elif iso is None:
                doc.warnings.append(f"line {line}: dateline date {dateline.date_text!r} has no year and the page states no other date")
            stated.append(StatedDate("dateline", dateline.date_text, iso, line))
        if bare:
            stated.append(bare)
        # the lead: the first paragraph that is no photo caption nor a standfirst under the title
        # (a listing item has no standfirst: its excerpt is the story's opening, cut where the listing cut it)
        lead = next((b for b in raw.paragraphs if not _CAPTION.search(b.text) and (listing or not _is_standfirst(b.text))
                     and not _is_date_span(b.text)), None)
        # a date inside the text is the date of a story (a headline over it), not of an untitled page
        # of background (a list of past sessions, a mandate's history) nor of an overview page
        # ('Mandate', 'OSCE Assistance Group to Chechnya (closed)': its text dates its history)
        story = bool(raw.title) and not self._is_overview(raw.title or "")
        if lead and story and not any(s.iso for s in stated):
            first = dateline.rest if dateline and lead is raw.paragraphs[0] else lead.text
            if found := _opening_date(_first_sentence(first), raw.title or "") or find_foreign_date(first) \
                    or _title_year_date(_first_sentence(first), raw.title or ""):
                stated.append(StatedDate("text", found[0], found[1], lead.line))
        event = None
        if not any(s.iso for s in stated) and ("when" in raw.meta or "organized by" in raw.meta):
            if event := _event_start(raw.paragraphs):
                stated.append(StatedDate("text", *event[:3]))
        doc.dates = stated
        chosen = choose_date(stated)
        if chosen:
            doc.date, doc.date_kind, doc.date_precision = chosen.iso, chosen.kind, chosen.precision
        dateline_date = next((s.iso for s in stated if s.kind == "dateline" and s.iso), None)
        doc.event_date = dateline_date or doc.date
        field_places = [p for label in ("place", "location(s)") for v in raw.meta.get(label, []) if not _ONLINE.match(v)
                        for p in (self._venue_city(v) if label == "place" else re.split(r"\s*[/,;]\s*", v)) if p]
        # "Location(s): Kyrgyzstan" names a country, not the place: a field naming no city gives way
        # to the dateline's or header's cities, and stands (as text) when the page has none.
        named_places = (dateline.places if dateline else []) or header_places
        if field_places and named_places and not any(self.gazetteer.lookup_scored(p, "city")[0] for p in field_places):
            field_places = []
        for raws in (field_places, dateline.places if dateline else [], header_places):
            if raws:
                doc.places = self._one_name_each([self._place(p, doc, raw.line) for p in raws])
                break
        if not doc.places and lead and not dateline and story:
            year = int(doc.date[:4]) if doc.date else None
            doc.places = self._story_places(raw.title or "", _first_sentence(lead.text), year, listing=listing)
        if event and not doc.places:
            doc.places = self._event_places(event[3], raw.paragraphs)
        self._locations(doc, raw)

    def _one_name_each(self, places: list[PlaceRef]) -> list[PlaceRef]:
        """A town written in both its languages is one place ('PRISHTINË/PRIŠTINA', 'GJILAN/GNJILANE',
        'DRAGASH/DRAGAŠ'): a name right after another that is the same city of the graph, the same
        city of GeoNames, or the same letters but for an ending (rapidfuzz ratio >= 80 of their folded
        forms) joins it, its text kept ('GJILAN/GNJILANE', named Gjilan by GeoNames); 'VIENNA/WARSAW'
        are two."""
        kept: list[PlaceRef] = []
        for place in places:
            if kept and self._same_town(last := kept[-1], place):
                english = last.name or (None if last.city else english_name(last.raw, self.regions))
                kept[-1] = PlaceRef(f"{last.raw}/{place.raw}", last.city, last.score, english)
            else:
                kept.append(place)
        return kept

    def _same_town(self, a: PlaceRef, b: PlaceRef) -> bool:
        if a.city or b.city:
            return a.city == b.city
        english = english_name(a.raw, self.regions)
        return (english is not None and english == english_name(b.raw, self.regions)) \
            or fuzz.ratio(folded(a.raw), folded(b.raw)) >= _SAME_TOWN

    def _story_places(self, title: str, opening: str, year: int | None = None, *, listing: bool = False) -> list[PlaceRef]:
        """Where a story without dateline happened: the city its headline puts it in ('... holds
        consultations in Moscow', whose first sentence may name the next meeting's city), else the
        cities its opening sentence sets the dated event in. An opening without a date tells no
        event (an interview's 'her first year in Chisinau', an SMM report's excerpt): the headline
        counts then only when the opening names its city too ('... course in Athens' / 'completed a
        course in Athens'). Measured: without the date, places 0.95 -> 0.93 on batches 1-6 and 8."""
        headline = [m for m in self._place_names(title) if _LOCATIVE.search(title[: m.start])][:1]
        dated = bool(find_text_date(opening))
        opening_cities = self._cities_set_in(opening)
        if headline and (dated or any(m.text == headline[0].text for m in opening_cities)):
            if opening_cities and opening_cities[0].text == headline[0].text:
                return [_text_place(m) for m in opening_cities]  # with the towns it lists after
            return [_text_place(headline[0])]
        # a day and month without year ('in Kolasin from 25 to 27 September', under the item's
        # publishing date, or on a page with no year at all) dates the opening's event too, not the
        # headline's city; without a year, one that has every day (a leap year) checks the day
        dated = dated or bool(find_day_month(opening, year or _ANY_YEAR)) or bool(_RELATIVE_DAY.search(opening))
        cities = opening_cities
        if not dated and cities and not listing:
            # an undated opening that sets an event in the city ('a two-day workshop organized by
            # ODIHR in Warsaw') places the story as a dated one does; 'her first year in X' does not
            dated = bool(_EVENT_WORD.search(opening[: opening.find(cities[0].text)]))
        return [_text_place(m) for m in cities] if dated else []

    def _event_places(self, sentence: str, paragraphs: list[Block]) -> list[PlaceRef]:
        """Where an event page's event is: the cities the sentence announcing it sets it in ('to be
        held on 4-5 April in Dubrovnik'), else the first city it names (an address: '..., 1010
        Vienna, Austria'), else the first city its opening paragraphs set anything in ('... is hosting
        this event ..., in Neum.')."""
        sentences = [s for block in paragraphs[:3] for s in _SENTENCE_SPLIT.split(block.text)]
        cities = self._cities_set_in(sentence) or self._cities(sentence)[:1] or next(
            (found for s in sentences if (found := self._cities_set_in(s))), [])
        return [_text_place(m) for m in cities]

    def _locations(self, doc: DocumentRecord, raw: RawDocument) -> None:
        """A statement's 'Location: Belarus' (or 'Locations: Russia, Ukraine') says where the matter
        is: each State joins the dateline's city. A value cut off at the end of an excerpt
        ('Location: Tajikista') is dropped, with a warning."""
        locations = [part for value in raw.meta.get("location", []) if not _ONLINE.match(value)
                     for part in self._from_city(split_field_list(value))]
        if raw.cut_off and locations and not self._known_place(locations[-1]):
            doc.warnings.append(f"line {raw.line}: Location {locations[-1]!r} is cut off at the end of the page; ignored")
            locations = locations[:-1]
        for value in locations:
            city = self.gazetteer.lookup_scored(value, "city")[0]
            # 'Location: Vienna' under 'VIENNA, 3 May 2016 -' is the same place
            if all(p.raw != value and (city is None or p.city != city) for p in doc.places):
                doc.places.append(PlaceRef(value, city))

    def _from_city(self, parts: list[str]) -> list[str]:
        """An event's 'Location: Public Garden, Chisinau' names its venue, then its city: the place is
        the city, without the State after it (a value naming no city of the graph is kept whole:
        'Belarus', 'Russia, Ukraine')."""
        first = next((n for n, p in enumerate(parts) if self.gazetteer.lookup_scored(p, "city")[0]), None)
        if first is None:
            return parts
        # the city's State after it is no second place: 'Hofburg Congress Centre, Vienna, Austria' is Vienna
        return [p for p in parts[first:] if not self._known_state(p)]

    def _cities(self, text: str) -> list[Match]:
        """Cities named in a text, not those inside a structure's name ('the OSCE Mission to Skopje'
        names the Mission, not where the event was)."""
        named = self.gazetteer.find(text, ("city", "structure"))
        names = [m for m in named if m.kind == "structure"]
        return [m for m in named if m.kind == "city" and not any(n.start <= m.start and m.end <= n.end for n in names)
                and not _REGION_AFTER.match(text, m.end)]

    def _cities_set_in(self, sentence: str) -> list[Match]:
        """The cities a sentence sets its event in: the first city after `in`, `at` or a visit
        ('a workshop in Osh', 'visited Skopje'), with the cities listed after it ('in Karakol, Naryn and
        Osh'); not a city after a structure's word ('the OSCE Center in Bishkek', a name the
        data may spell otherwise) nor one the event is only near ('outside Kyiv'). A city the graph
        does not hold counts when GeoNames knows it ('a course in Athens'): it stays text."""
        cities = self._place_names(sentence)
        first = next((n for n, m in enumerate(cities) if _LOCATIVE.search(sentence[: m.start])
                      and not _STRUCTURE_WORD.search(sentence[: m.start])), None)
        if first is None:
            return []
        chosen = [cities[first]]
        for m in cities[first + 1:]:
            if not _LIST_JOIN.match(sentence[chosen[-1].end: m.start]):
                break
            chosen.append(m)
        return chosen + self._listed_towns(sentence, chosen[-1].end)

    def _listed_towns(self, sentence: str, end: int) -> list[Match]:
        """The towns a list of places goes on with, too small for GeoNames' table ('a visit to Tuzla,
        Vukosavlje and Odžak'): single names that are no common word, no given name and nothing else
        the graph knows, in a list that ends with 'and' before a pause or a lower-case word; 'in
        Vienna and Ambassador ...' is no list. A journey's next stop counts ('gathered in Tirana and
        travelled to Gjirokastra')."""
        found: list[Match] = []
        while step := _LISTED_TOWN.match(sentence, end):
            name = step["name"]
            if common_word(name) or given_name(name) or self.gazetteer.find(name, ("state", "territory", "structure", "person", "field")):
                return []
            found.append(Match("", "city", name, step.start("name"), step.end("name")))
            end = step.end("name")
            if step["last"]:
                return found
        return []

    def _place_names(self, text: str) -> list[Match]:
        """The graph's cities in a text (not inside a structure's name), and the capitalised names
        that are no name of the graph but a city of GeoNames in the region, a name followed by its
        State ('in Storvik, Norway': a town too small for GeoNames' table) or one the text calls a
        town ('the village of Storvik'); their IRI is empty."""
        named = self.gazetteer.find(text, ("city", "structure", "state", "territory"))
        states = {m.start for m in named if m.kind in ("state", "territory") and m.form == "name"}
        cities = self._cities(text)
        for candidate in _CAPITALISED.finditer(text):
            if any(m.start < candidate.end() and candidate.start() < m.end for m in named) \
                    or _REGION_AFTER.match(text, candidate.end()):
                continue
            # the whole run of capitalised words: 'Human' is a town, 'Trafficking in Human Beings' no place
            after = _STATE_AFTER.match(text, candidate.end())
            if world_city(candidate[0], self.regions) or (after and after.end() in states) \
                    or _TOWN_OF.search(text, max(0, candidate.start() - 30), candidate.start()):
                cities.append(Match("", "city", candidate[0], candidate.start(), candidate.end()))
        return sorted(cities, key=lambda m: m.start)

    def _names_structure(self, title: str) -> bool:
        """A title that is a structure's own name: the page is that structure's."""
        structures = self.gazetteer.by_kind.get("structure", {})
        return any(" ".join(name.split()).lower() in structures for name in issuer_names(title)[0])

    def _is_overview(self, title: str) -> bool:
        """An overview page's title: an overview heading ('Mandate', 'About us', '... overview'), a
        title of one or two words ('Creation', 'Borders Team': no headline of the 311 real pages is
        that short), or the name of a structure, a field of work, a State or a person of the data
        ('Border management', 'Conflict Prevention Centre'). Such a page has no publication date:
        the dates in its text date its history ('set up on 5 December 2003')."""
        key = " ".join(title.split()).lower()
        return len(key.split()) <= 2 or bool(_OVERVIEW_HEADING.match(key)) or bool(_SECTION_NUMBER.match(key)) \
            or self._names_structure(title) or any(
            key in self.gazetteer.by_kind.get(kind, {}) for kind in ("field", "state", "territory", "person"))

    def _venue_city(self, value: str) -> list[str]:
        """The places a `Place:` / `Where:` value lists ('VIENNA / WARSAW'); where it names a city, from
        that city on and without a State's name: 'Hofburg, Vienna, Austria' is Vienna, not its venue
        nor its State."""
        parts = [p for p in re.split(r"\s*[/,;]\s*", value) if p]
        first = next((n for n, p in enumerate(parts) if self.gazetteer.lookup_scored(p, "city")[0]
                      or world_city(p, self.regions)), None)
        if first is None:
            return parts
        return [p for p in parts[first:] if not self._known_state(p)]

    def _known_state(self, value: str) -> bool:
        """A State or territory of the graph, by its whole name."""
        return any(value.lower() in self.gazetteer.by_kind.get(kind, {}) for kind in ("state", "territory"))

    def _known_place(self, value: str) -> bool:
        """A State, territory or city of the graph, by its whole name."""
        return any(value.lower() in self.gazetteer.by_kind.get(kind, {}) for kind in ("state", "territory", "city"))

    def _place(self, text: str, doc: DocumentRecord, line: int) -> PlaceRef:
        """A dateline's or a Place field's city: the graph's, by its name or spelling (fuzzy, in its
        transliteration when written in another script), else by the name GeoNames gives it in
        English (`ЖЕНЕВА`, `GENF`: Geneva); a city the graph does not hold stays text, with that
        English name when the page writes it in another script (`ВИЛЬНЮС`: Vilnius)."""
        city, score = self.gazetteer.lookup_scored(text, "city")
        if city is None and "-" in text.strip("-"):
            # 'Astana-Kazakhstan': a city and its State
            city, score = self.gazetteer.lookup_scored(text.split("-")[0], "city")
        english = None if city else english_name(text, self.regions)
        if english and (city := self.gazetteer.lookup(english, "city", cutoff=100)):
            return PlaceRef(text, city, 100.0)
        if city is None:
            doc.warnings.append(f"line {line}: place {text!r} matches no known city; kept as text")
        return PlaceRef(text, city, score, english if english and not _LATIN.match(text) else None)

    def _issuer(self, doc: DocumentRecord, meta: dict[str, list[str]]) -> None:
        """The structure the metadata names first ('Where we are: Permanent Council, OSCE Mission to
        Skopje' -> the Permanent Council); the Chairmanship is no structure of the data: no issuer."""
        text = _first(meta, "source", "where we are", "issued by")
        if not text:
            return
        doc.issuer_text = text
        text = re.split(r"\s*[,;]\s*", text)[0]
        if _CHAIRMANSHIP.match(text):
            return
        names, _closed = issuer_names(text)
        for name in names:
            found = self.gazetteer.lookup(name, "structure", cutoff=92)
            if found:
                doc.issuer = found
                return
        # "OSCE Chairmanship" names no structure: the "OSCE" inside it is not the issuer
        matches = [m for m in self.gazetteer.find(names[0], ("structure",)) if m.iri not in self.entities.osce]
        if matches:
            doc.issuer = max(matches, key=lambda m: m.end - m.start).iri
        else:
            doc.warnings.append(f"line {doc.line}: issuer {text!r} matches no structure in the reference data")

    def _fields(self, doc: DocumentRecord, meta: dict[str, list[str]], *, cut_off: bool) -> None:
        values = meta.get("fields of work", []) + meta.get("what we do", [])
        for n, value in enumerate(values):
            line_refs = [FieldRef(label, self.gazetteer.lookup(label, "field", cutoff=92)) for label in split_field_list(value)]
            if cut_off and n == len(values) - 1 and line_refs and line_refs[-1].iri is None:
                # 'What we do: Democratization, Go' on the last line of an excerpt: a name cut off
                doc.warnings.append(f"line {doc.line}: field of work {line_refs[-1].label!r} is cut off at the end of the page; ignored")
                line_refs = line_refs[:-1]
            known = next((r.iri for r in line_refs if r.iri), None)
            if doc.language not in (None, "en"):
                # a translated page names the scheme's fields in its language: no new sub-topics
                for ref in [r for r in line_refs if r.iri is None]:
                    doc.warnings.append(f"line {doc.line}: field of work {ref.label!r} ({doc.language}) matches no field of the scheme")
                line_refs = [r for r in line_refs if r.iri]
            for ref in line_refs:
                if ref.iri is None:
                    ref.broader = known
                    doc.warnings.append(f"line {doc.line}: field of work {ref.label!r} is not in the scheme; added as a narrower concept")
                if all(f.label.lower() != ref.label.lower() for f in doc.fields):
                    doc.fields.append(ref)


# a photo caption glued to the dateline: '... 10 September 2021COPENHAGEN, 10 September 2021 – In', in
# Cyrillic too ('... 23 февраля 2023 годаВЕНА, 23 февраля 2023 года.'), or after the caption's full stop
# ('..., 19 February 2015. COPENHAGEN, 16 April 2015 –') or its credit ('... (OSCE PA) COPENHAGEN, ...')
_UPPER = "A-ZÀ-ÞА-ЯЁЄІЇЎЉЊЋЏ"
_GLUED_DATELINE = re.compile(
    rf"(?:(?<=[\d.)a-zа-яё])|(?<=\d{{4}} )|(?<=[\w)][.!?] )|(?<=\) ))(?=[{_UPPER}][{_UPPER}'’ -]{{2,}}(?:\s*/\s*[{_UPPER}'’ -]{{3,}})*"
    r"(?:,\s*[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})?,\s*\d)")


# a listing excerpt cut inside its dateline: 'TIRANA, 6 ', 'VIENNA, 30 September 200' is the whole paragraph
_CUT_DATELINE = re.compile(
    r"^(?P<places>[A-ZÀ-Þ][A-ZÀ-Þ'’ -]{2,}(?:\s*/\s*[A-ZÀ-Þ][A-ZÀ-Þ'’ -]{2,})*)\s*,\s*(?:\d{1,2}(?:\s+[A-Za-z]*(?:\s+\d{0,3})?)?)?\s*$")


# a listing's excerpt cut right after its dateline's city, before the comma: 'VIENNA' is all it holds
_CUT_CITY = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’ -]{2,40}$")


# a notice in capitals before the dateline: 'PLEASE FIND BELOW THE CORRECT VERSION OF THE PRESS RELEASE. WARSAW, 6 July 2015 –'
_NOTICE = re.compile(r"^[^a-z]{10,200}?[.:!]\s+(?=[A-ZÀ-Þ])")


def _dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a paragraph, or glued to the photo caption before it, or cut off at the
    end of an excerpt (its cities only)."""
    if found := parse_dateline(paragraph):
        return found
    if (notice := _NOTICE.match(paragraph)) and (found := parse_dateline(paragraph[notice.end():])):
        return found
    if cut := _CUT_DATELINE.match(paragraph):
        return Dateline([p.strip() for p in cut["places"].split("/")], None, "")
    glued = _GLUED_DATELINE.search(paragraph)
    return parse_dateline(paragraph[glued.start():]) if glued else None


def _no_date_reason(raw: RawDocument) -> str:
    if raw.paragraphs and is_month_year(raw.paragraphs[0].text):
        return f"dated by its month alone ({raw.paragraphs[0].text!r}): no day, so no date"
    return "no date on the page or in its URL"


def _dateline_first(paragraphs: list[Block]) -> list[Block]:
    """The body from its dateline: a photo caption, a standfirst under the title ('Migration, energy
    ... on the agenda') or a summary cut at its start ('addressed the Permanent Council today, ...')
    may stand before the dateline's paragraph; they are kept after it."""
    for k, block in enumerate(paragraphs[:3]):
        if _dateline(block.text):
            return [block, *paragraphs[:k], *paragraphs[k + 1:]] if k else paragraphs
        if not _is_preamble(block.text):
            break
    return paragraphs


def _is_preamble(text: str) -> bool:
    return bool(_CAPTION.search(text)) or text[:1].islower() or len(text) <= _PREAMBLE_MAX


_PREAMBLE_MAX = 300
"""A standfirst or caption is a line or two; a longer paragraph before a dateline is body text."""


def _dated_items(blocks: list[Block]) -> list[RawDocument]:
    """A page of repeated title and date blocks: each item a title over its date line (a newsletter
    archive), else a date line over its title (the Parliamentary Assembly's news pages); [] when it
    has fewer than two such items."""
    texts = [b for b in blocks if b.kind == "text"]
    return _titles_over_dates(texts) or _dates_over_titles(texts)


_BULLET = re.compile(r"^[•·▪◦‣∙●]\s*")
# a file type's icon read as a word before a link's title ('pdf Newsletter 16')
_FILE_ICON = re.compile(r"^(?:pdf|PDF|doc|docx|DOC)\s+(?=\S)")


def _is_item_title(text: str) -> bool:
    """A line that can be a listing item's title: a headline, no bullet, no date."""
    return _is_headline(text) and not _SENTENCE_END.search(text) and not _BULLET.match(text) \
        and not parse_bare_date(text) and not is_month_year(text)


def _titles_over_dates(texts: list[Block]) -> list[RawDocument]:
    """Items whose title stands over their date line, the shape repeated at least twice: every
    date line (a month and year only is a date line too, dated by the month alone) has a title
    above it, and the lines under the date lines are not all titles (else the dates head the items)."""
    dates = [i for i, b in enumerate(texts) if i and (parse_bare_date(b.text) or is_month_year(b.text))]
    if len(dates) < 2 or not all(_is_item_title(texts[i - 1].text) for i in dates) \
            or any(b - a < 2 for a, b in zip(dates, dates[1:], strict=False)) \
            or all(i + 1 < len(texts) and _is_item_title(texts[i + 1].text) for i in dates):
        return []
    items = []
    for n, i in enumerate(dates):
        title = texts[i - 1]
        end = dates[n + 1] - 1 if n + 1 < len(dates) else len(texts)
        items.append(RawDocument(line=title.line, title=_FILE_ICON.sub("", title.text), title_line=title.line,
                                 paragraphs=[texts[i], *texts[i + 1:end]]))
    return items


def _dates_over_titles(texts: list[Block]) -> list[RawDocument]:
    # the title under the date line; or none, the item's text opening with its dateline
    starts = [i for i, b in enumerate(texts[:-1]) if parse_bare_date(b.text) and not parse_bare_date(texts[i + 1].text)
              and (len(texts[i + 1].text) <= 250 or _dateline(texts[i + 1].text))]
    if len(starts) < 2:
        return []
    items = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(texts)
        title = texts[start + 1]
        if len(title.text) > 250 or _dateline(title.text):
            items.append(RawDocument(line=title.line, paragraphs=[texts[start], *texts[start + 1:end]]))
            continue
        items.append(RawDocument(line=title.line, title=title.text, title_line=title.line,
                                 paragraphs=[texts[start], *texts[start + 2:end]]))
    return items


# an op-ed's item on a listing: its outlet, date and author before its text ('The Daily Courier - April
# 28, 2016 By Ana Novak Seventy years ...', 'Il Giornale 3 March 2017 by Marco Rossi La ...')
_BYLINE_ITEM = re.compile(
    r"^(?P<outlet>[^\W\d][^.!?]{0,60}?)\s*[-–—]?\s*(?P<date>(?:\d{1,2}\s+[A-Za-z]+\.?,?\s+|[A-Za-z]+\.?\s+\d{1,2},\s*)\d{4})"
    r"\s+[Bb]y\s+(?P<author>[A-ZÀ-Þ][\w'’-]+\s+[A-ZÀ-Þ][\w'’-]+)")


def _byline_items(blocks: list[Block]) -> list[RawDocument]:
    """A page of op-eds, each a paragraph opening with its outlet, date and author (the
    Parliamentary Assembly's 'Op-Eds & Articles'), or [] when it has fewer than two: each is an
    untitled document dated by that date (a bare date line of its own), its author credited (a first
    name and a surname: the text runs on after them, 'By Ana Novak In October ...')."""
    items = []
    for block in blocks:
        if block.kind == "text" and (m := _BYLINE_ITEM.match(block.text)) and parse_bare_date(m["date"]):
            date_line = Block("text", m["date"], block.line)
            text = Block("text", block.text[m.end("date"):].strip(), block.line)
            items.append(RawDocument(line=block.line, paragraphs=[date_line, text], credits=[(m["author"], "author")]))
    return items if len(items) >= 2 else []


def _menu_run(lines: list[Block], *, items: bool) -> int:
    """How many lines open the page as a menu: short headings ('At a glance', 'Our work'), and with
    `items` a sub-site's menu entries of any length ('- Freedom of religion or belief'), which are
    list items that no sentence ends, and the lone `-` that opens a nested section of the menu."""
    n = 0
    while n < len(lines) and ((items and lines[n].kind == "item" and not _SENTENCE_END.search(lines[n].text)
                               and len(lines[n].text.split()) <= 8)
                              or (items and lines[n].kind == "group" and 0 < n < len(lines) - 1)
                              or (_is_heading(lines[n].text) and len(lines[n].text.split()) <= 3)):
        n += 1
    return n


# an image's alt text above a page, a file name's number at its end: 'Minsk Declaration Banner4',
# 'Newsletter banner Oct 2019 2' (not a headline: 'Activists raise a banner for peace')
# a photo's credit on a line of its own above the dateline: 'Photo credit: Ministry of Foreign Affairs'
_CREDIT_LABEL = re.compile(r"^(?i:photos?\s+credits?|photos?|credits?)\s*:\s*\S.{0,100}$")
_ALT_TEXT_MIN = 4


def _overview_of(name: str, below: str) -> bool:
    """A structure's name over a photo caption, or the name of a closed one over a sentence, is the
    title of the structure's overview ('OSCE Mission to X (closed)' over 'The Mission started its
    work ...'), besides naming its issuer, not a site header over a headline."""
    return bool(_CAPTION.search(below)) or (issuer_names(name)[1] and _is_sentence(below) and not _dateline(below))


def _unglued_alt_text(title: str) -> str:
    """A heading with its picture's alt text glued before it, the same words: 'Ana NovakAna Novak
    (Norway)' is 'Ana Novak (Norway)'."""
    for k in range(_ALT_TEXT_MIN, len(title) // 2 + 1):
        if title[k:].startswith(title[:k]) and title[k - 1].islower() and title[k].isupper():
            return title[k:]
    return title


# the Parliamentary Assembly's image names, a year and a meeting's code: '2015 AM Muttonen Central Asia'
# (Autumn Meeting), '2015 BUR Hall', '2017 WM Standing Committee'; not '2014 OSCE Mediterranean Conference'
_IMAGE_NAME = re.compile(r"^(?:19|20)\d{2}\s+(?!OSCE\b|CSCE\b)[A-Z]{2,3}\b(?:\s+\S+){0,6}$")
# the kind of an ODIHR election page, above its title: 'Limited election observation mission', 'Election
# expert team', 'Needs assessment mission' (not a page titled 'Core team')
_MISSION_KIND = re.compile(
    r"^(?=.*\b(?:elections?|assessment|observation)\b)(?:(?:limited|special|needs|election|elections|assessment|expert"
    r"|observation|full-scale|core)\s+){1,4}(?:mission|team)$", re.I)
_BANNER = re.compile(r"\b[Bb]anner(?:\s+\w+){0,3}\s*\d+$")
_TITLE_LINE_MAX = 120


def _continues_title(title: str, line: str) -> bool:
    """A headline run over two or more lines: the title stops on a comma or a word no headline ends
    with ('Address by Ambassador X,' / 'Director of ...'), or the next line starts in lower case
    ('Ten years of international' / 'election assistance and observation'); the next line is short
    and no sentence, nor a date."""
    if len(line) > _TITLE_LINE_MAX or _SENTENCE_END.search(line) or parse_bare_date(line) or parse_dateline(line):
        return False
    words = title.split()
    return title.endswith(",") or words[-1] in _CUT_AFTER or line[:1].islower()


def _is_headline(text: str) -> bool:
    return len(text) <= 250 and not _is_sentence(text) and not parse_dateline(text)


def _is_heading(text: str) -> bool:
    """A short line that is no sentence: a breadcrumb, a menu entry, a section heading ('Resources')."""
    return 0 < len(text.split()) <= 5 and not _SENTENCE_END.search(text) and not any(c.isdigit() for c in text)


def _is_standfirst(text: str) -> bool:
    """A line under the title that sums the story up without being its first sentence: short, no
    full stop ('High Commissioner sees the assembly as a model for consulting minorities')."""
    return len(text) <= _PREAMBLE_MAX and not _SENTENCE_END.search(text) and not find_text_date(text)


def _is_sentence(text: str) -> bool:
    """A paragraph, not a headline: a long line ending with a full stop or a colon (an image's alt
    text glued to the first paragraph of an untitled page: '2013 AS Istanbul bigThe 22nd Annual
    Session ... 2013.'), or a line that stops on a word no headline ends with."""
    words = text.split()
    if words and words[-1] in _CUT_AFTER:  # a line cut mid-sentence: 'Water resources, including their'
        return True
    return len(words) >= 12 and text.rstrip().endswith((".", ":"))


_CUT_AFTER = frozenset("the a an of and or their its his her to for with including by from".split())


# the headings of the site's overview pages, in English and as translated pages write them
_OVERVIEW_HEADING = re.compile(
    r"^(?:about(?: us| the .{1,80})?|.{0,80}\boverview|(?:our )?mandate(?: and history)?|history|background|our work|"
    r"what we do|who we are|structure|profile|introduction|facts and figures|funding(?: and budget)?|budget|"
    r"contacts?|contact us|projects|areas of work|field operations|head of (?:mission|office)|"
    r"mandat|mandati|mandato|мандат|über uns|à propos|qui sommes-nous|chi siamo|quiénes somos|о нас|про нас|"
    r"o nama|о нама|rreth nesh|despre noi|история|історія|historique|geschichte|storia|historia|historija)$")


_HEADER_PARTS = re.compile(r"\s+[-–|]\s+")
# the OSCE's name as its sites' other languages abbreviate it, after a structure's word ('Координатор
# проектів ОБСЄ', 'Misioni i OSBE-së'; a headline starts with it: 'ОБСЕ провела ...')
_OSCE_ABBREVIATIONS = "OSZE|ОБСЕ|ОБСЄ|OSBE|OEBS|ОЕБС|OESS|EBVO|AGİT"
_OSCE_WORD = re.compile(rf"^[^\W\d_].{{0,60}}?\b(?:{_OSCE_ABBREVIATIONS})\b")
# a body's name, in any of the OSCE's languages: 'Assemblea parlamentare dell’OSCE', 'L’Assemblée ... de l’OSCE'
_NAMES_OSCE = re.compile(rf"\b(?:OSCE|{_OSCE_ABBREVIATIONS})\b")


def _foreign_header(lines: list[Block]) -> bool:
    """A site header naming a structure in a language the data has no names in ('Координатор проектів
    ОБСЄ в Україні'): a line of eight words at most naming the OSCE after a structure's word, over a
    short heading (the page's title: 'Молодь'), over the body's first paragraph. An English header
    is known by the structure's name; an English headline over its kicker ('OSCE initiates ...' / 'A
    school for democracy') is no header."""
    return len(lines) == 3 and len(lines[0].text.split()) <= 8 and bool(_OSCE_WORD.search(lines[0].text)) \
        and not _SENTENCE_END.search(lines[0].text) and _is_heading(lines[1].text) and len(lines[2].text) > 200


_SECTION_NUMBER = re.compile(r"^\d{1,2}\.\s+\S")


# one event's page, not a section's list of them ('/meetings/annual-sessions?start=5')
_EVENT_SECTION = re.compile(r"/(?:events?/[^/]+|meetings/[^/]+/[^/]+)/?$", re.I)
_PATH_YEAR = re.compile(r"(?<![\d])((?:19|20)\d{2})(?!\d)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
# what announces an event: 'will take place', 'will meet', 'to be held' (not a past event the page recalls)
_STARTS = re.compile(
    r"\b(?:(?:will|shall)\s+(?:take\s+place|start|begin|open|be\s+(?:held|hosted|organi[sz]ed)|meet|convene|gather)"
    r"|(?:is|are)?\s*to\s+(?:be\s+held|take\s+place)|(?:takes|is\s+taking)\s+place|(?:is|are)\s+scheduled)\b[^.]*", re.I)
EventDate = tuple[str, str, int, str]
"""An event's first day as the text gives it: raw text, ISO date, line, and the sentence saying it."""


def _event_start(paragraphs: list[Block], year: int | None = None) -> EventDate | None:
    """An event page's first day where its text announces it ('The meeting ... will start on
    Thursday, 29 October', 'The next round, to be held on 4-5 April 2019 in ...'), a day and
    month taking the given year, else that of the page's first full date."""
    years = [year] if year else [int(found[1][:4]) for b in paragraphs if (found := find_text_date(b.text))]
    for block in paragraphs:
        for sentence in _SENTENCE_SPLIT.split(block.text):
            for m in _STARTS.finditer(sentence):
                found = find_text_date(m[0]) or (find_day_month(m[0], years[0]) if years else None)
                if found:
                    return found[0], found[1], block.line, sentence
    return None


def _first_dated_sentence(paragraphs: list[Block], year: int | None) -> EventDate | None:
    """The first date of an event page's opening sentences (four a paragraph), a day and month
    taking the URL's year ('met in Dubrovnik on 7-10 October'), else the year the sentence writes
    ('led the delegation at the 2009 Annual Security Review Conference in Vienna 23-24 June')."""
    for block in paragraphs:
        for sentence in _SENTENCE_SPLIT.split(block.text)[:4]:
            written = year or next((int(m[1]) for m in _PATH_YEAR.finditer(sentence)), None)
            if found := find_text_date(sentence) or (find_day_month(sentence, written) if written else None):
                return found[0], found[1], block.line, sentence
    return None


def _dates_from_titles(docs: list[DocumentRecord]) -> None:
    """A listing item without a date field dated by its title ('Latest from the Special Monitoring
    Mission to Ukraine - based on information received up until 23 April 2014'), before a date
    inside its excerpt; a title with a day and month only ('... 4 June (Kyiv time)') takes the year
    of the nearest dated item (a listing is in date order)."""
    for doc in docs:
        if doc.title and doc.date_kind in (None, "text") and (found := find_text_date(doc.title)):
            _title_date(doc, found)
    # the year of the nearest dated item before each item, else after it (one pass each way: a
    # listing may hold thousands of items)
    before: list[int | None] = []
    year: int | None = None
    for doc in docs:
        before.append(year)
        year = int(doc.date[:4]) if doc.date else year
    after: list[int | None] = []
    year = None
    for doc in reversed(docs):
        after.append(year)
        year = int(doc.date[:4]) if doc.date else year
    after.reverse()
    for n, doc in enumerate(docs):
        year = before[n] or after[n]
        if doc.title and doc.date is None and year and (found := find_day_month(doc.title, year)):
            _title_date(doc, found)
        elif doc.date is None and year:
            _cut_year_date(doc, year)


_CUT_YEAR = re.compile(r"\s+(\d{1,3})$")


def _cut_year_date(doc: DocumentRecord, year: int) -> None:
    """A listing item whose date field is cut inside its year ('11 February 20'): the neighbours'
    year, when the year's digits begin so, completes it (a listing is in date order)."""
    for stated in doc.dates:
        cut = _CUT_YEAR.search(stated.raw) if stated.kind in ("metadata", "listing") and stated.iso is None else None
        if cut and str(year).startswith(cut[1]) and (found := find_day_month(stated.raw[: cut.start()], year)):
            stated.iso = found[1]
            doc.date, doc.date_kind, doc.event_date = found[1], stated.kind, doc.event_date or found[1]
            doc.warnings.append(f"line {stated.line}: date {stated.raw!r} is cut inside its year; took {year} from the items beside it")
            return


# what dates a report in its headline: 'based on information received as of 26 August 2015', 'up until
# 18:00 (Kyiv time), 23 April 2014', 'issued on 18 January 2020', a spot report's closing date ('Spot report
# by ...: SMM Overnight Observation in Shyrokyne, 18 April 2015')
_AS_OF = re.compile(r"\b(?:received|information)\b.{0,20}?\b(?:as (?:of|at)|up (?:un)?till?|until)\s|\bissued on\s"
                    r"|^(?:Spot|Daily|Weekly|Thematic) [Rr]eport\b.{0,200},\s(?=\d{1,2}\s+\w+\s+\d{4}\s*$)")


def _report_date(title: str) -> tuple[str, str] | None:
    """The date a report's headline says its information runs to, for a page that states no other
    date. Not any date a headline holds: 'Parliamentary elections, 2 April 2023' names the day of
    the elections an ODIHR page is about, not the day of the page, and 'Mandate extended until 31
    December 2016' a deadline."""
    m = _AS_OF.search(title)
    return find_text_date(title[m.end(): m.end() + 60]) if m else None


def _title_date(doc: DocumentRecord, found: tuple[str, str]) -> None:
    doc.dates.append(StatedDate("text", found[0], found[1], doc.line))
    doc.date = doc.event_date = found[1]
    doc.date_kind, doc.date_precision = "text", "day"


# a photo's caption, credited at its end: '..., Kyiv, 10 June 2010. (OSCE/Oksana Polyuga)'
# the credit may name the photographer first ('(Name Surname/OSCE)'), say whose photo it is ('(photo
# courtesy of Name Surname/Parliament)', '(Photo by Name Surname)') and be followed by the site's link
# to the photo ('Photo details')
_CAPTION = re.compile(
    r"(?<=\.)\s*\(OSCE\)$|\((?:(?:OSCE|Photo|Photos|Foto)\s*[/:][^()]{2,60}|[^()/]{2,60}/\s*OSCE"
    r"|(?i:photos?|pictures?)\s+(?i:courtesy\s+of|by|credit)\b[^()]{2,80}|[^\W\d_][\w.-]{1,30}\s+(?i:photos?))\)\s*(?:Photo details\s*)?$")
# what sets an event in a city: 'in', 'at', 'the city of', 'in the Kyrgyz capital', a visit ('visited
# Skopje', 'a visit on 3 May to Tirana')
_ANY_YEAR = 2000
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|visit(?:s|ed|ing)?)\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+)?(?:capital|city|town|village)(?:,|\s+of)?\s+)?"
    r"|\bthe\s+(?:city|town|village|municipality)\s+of\s+|\b(?:visit|trip|travel|deploy)\w*\b[^.;]{0,120}\bto\s+)$", re.I)
# an OSCE structure's name ending in its city, which the data may spell otherwise ('OSCE Center in
# Bishkek'); a venue's is no structure ('the Hofburg Congress Centre in Vienna')
_STRUCTURE_WORD = re.compile(
    r"\bOSCE(?:\s+[A-Z][\w-]*){0,3}\s+(?:Cent(?:re|er)|Office|Mission|Presence|Co-?ordinator|Group)\s+(?:in|at)\s+$")
# a name as texts write a place: capitalised words, hyphenated ('Jalal-Abad', 'Kamianets-Podilskyi')
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-ÞĀ-Ž][\w'’]+(?:-[\w'’]+)*(?:\s+[A-ZÀ-ÞĀ-Ž][\w'’]+(?:-[\w'’]+)*){0,2}")


# a name the text itself calls a town: 'the village of Storvik', 'the municipality of Becici'
# a city's name that names its region ('in Donetsk region', 'in the Luhansk Oblast', 'in Donetsk and
# Luhansk regions', Turkmenistan's 'the Farap etrap'): the event is somewhere in the region, not in the city;
# a city before its region's name ('in Bokhtar, Khatlon region') is the city; a village placed by the town
# it is near ('in Pečuj near Zenica') is neither
_REGION_AFTER = re.compile(
    r"\s+(?:region|oblast|province|district|raion|rayon|county|canton|etrap|velayat)\b"
    r"|\s+(?:near|outside)\s+(?:the\s+)?[A-ZÀ-Þ]"
    r"|(?:\s*,?\s*(?:,|and|&)\s*[A-ZÀ-Þ][\w'’-]+)+\s+(?:regions|oblasts|provinces|districts|raions|counties)\b", re.I)
_TOWN_OF = re.compile(r"\b(?:city|town|village|municipality|settlement)\s+of\s+$", re.I)
# what stands between a town and its State: 'Storvik, Norway', 'Storvik, the Kingdom of ...'
_STATE_AFTER = re.compile(r",\s+(?:the\s+)?")


def _text_place(match: Match) -> PlaceRef:
    """A place a sentence names: the graph's city, or a city the graph does not hold (text only)."""
    return PlaceRef(match.text, match.iri or None, 100.0 if match.iri else 0.0)


# what a story's opening sets in a place when it gives no date: an event ('a workshop ... in Warsaw')
_EVENT_WORD = re.compile(
    r"\b(?:workshops?|seminars?|trainings?|training courses?|courses?|conferences?|meetings?|round[- ]?tables?|forums?"
    r"|summits?|exercises?|festivals?|debates?|consultations?|ceremon(?:y|ies)|hearings?|arriv(?:es?|ed|al))\b", re.I)


_SAME_TOWN = 80
"""The rapidfuzz ratio at which two folded names are one town's ('dragash', 'dragas')."""


_REPOST_TITLE = re.compile(r"^(?:Press release|News release|Statement)s? issued by the\b.{3,80}$", re.I)
_REPOST_NOTICE = re.compile(r"\bThe following (?:is|are) (?:an? )?(?:press release|news release|statement)s? (?:issued )?by\b", re.I)
_LIST_JOIN = re.compile(r"^\s*(?:,|,?\s*and|&)\s*$")
# a list's next town, too small for GeoNames: ', Vukosavlje', ' and Odžak' (the last, before a pause or a
# lower-case word), ' and traveled to Gjirokastra'
_LISTED_TOWN = re.compile(
    r"(?:\s*,\s*|\s*,?\s*(?P<last>and|&)\s+(?:(?:then\s+)?(?:travel+ed|went|moved|continued|proceeded)\s+to\s+)?)"
    r"(?P<name>[A-ZÀ-ÞĀ-Ž][a-zà-ÿā-ž'’]+(?:-[A-ZÀ-ÞĀ-Ž]?[a-zà-ÿā-ž'’]+)*)(?=\s*[,.;:)]|\s+[a-z]|\s*$)")
# a day the text names by its relation to the publishing date: 'concluded today in Budva'
_RELATIVE_DAY = re.compile(r"\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening|week))\b", re.I)


def _opening_date(sentence: str, title: str) -> tuple[str, str] | None:
    """The first full date of a story's opening sentence, past the day its headline names ('Presidential
    election, 28 January 2018' / '... to observe the 28 January 2018 presidential election, ODIHR
    undertook a needs assessment mission from 24 to 27 October 2017': the mission's day, not the
    election's, which the page is about). A sentence whose only date is the headline's keeps it
    ('... signed on 3 May 2016' under '... agreement of 3 May 2016')."""
    found = find_text_date(sentence)
    if found and _AGO.search(sentence[: sentence.find(found[0])]):
        # an anniversary's past day: 'Twenty years ago, on 30 January 1992, Kyrgyzstan joined ...'
        found = find_text_date(sentence[sentence.find(found[0]) + len(found[0]):])
    named = find_text_date(title)
    if found and named and found[1] == named[1]:
        return find_text_date(sentence[sentence.find(found[0]) + len(found[0]):]) or found
    return found


# an event held on the web has no place: 'Location: Online event (CET time zone)', 'Place: Virtual'
_ONLINE = re.compile(r"^\s*(?:online|virtual|web-?based|remote)\b", re.I)
_AGO = re.compile(r"\bago,?\s+(?:on\s+|in\s+)?$")
_SPAN_PARTS = re.compile(r"\s*(?:[-–—]|\bto\b|\buntil\b)\s*")


def _is_date_span(text: str) -> bool:
    """A project's duration on a line of its own ('1 September 2019 - 31 August 2022', under 'Timeline'):
    no date the page was published on."""
    parts = _SPAN_PARTS.split(text.strip())
    return len(text) <= 60 and len(parts) == 2 and all(parse_bare_date(p) for p in parts)


def _title_year_date(sentence: str, title: str) -> tuple[str, str] | None:
    """A day and month of an opening without its year, in the year of the full date its headline names,
    past that day ('Presidential Election, 20 January and 3 February 2008' / '... to observe the 20
    January presidential election, ODIHR deployed a mission to Belgrade on 4 January': 4 January 2008)."""
    named = find_text_date(title)
    years = _PATH_YEAR.findall(title)
    if named is None or not years:
        return None  # ('... at 2023 Aarhus Centres Annual Meeting' names a year, not the day the opening dates)
    year = int(years[-1])
    for m in re.finditer(r"\d{1,2}\s+\w+", sentence):
        found = find_day_month(sentence[m.start():], year)
        if found and sentence[m.start():].startswith(found[0]) and found[1] != named[1]:
            return found
    return None


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])", text, maxsplit=1)[0]


_CHAIRMANSHIP = re.compile(r"^(?:the\s+)?(?:OSCE\s+)?Chair(?:man|person)?ship\b", re.I)


# the metadata whose values name States: where the matter is
_STATE_LABELS = ("location", "location(s)")


def _first(meta: dict[str, list[str]], *labels: str) -> str | None:
    for label in labels:
        for value in meta.get(label, []):
            if value.strip():
                return value.strip()
    return None
