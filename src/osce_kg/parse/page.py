"""Read one file into a PageRecord: decode, make blocks, detect the layout, read fields and entities.

A problem that leaves the core fields (title, date, body) in place becomes a warning on the record;
one that does not raises InputError naming the file, the line and what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields
from pathlib import Path

from osce_kg.errors import InputError
from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.blocks import text_blocks
from osce_kg.parse.entities import EntityReader
from osce_kg.parse.fields import choose_date, issuer_names, parse_date, parse_dateline, parse_header_line, split_field_list
from osce_kg.parse.html import html_blocks
from osce_kg.parse.layouts import LAYOUT_NAMES, LAYOUTS, RawDocument, detect_layout, split_page
from osce_kg.parse.records import BodyEntities, DocumentRecord, FieldRef, PageRecord, PlaceRef, StatedDate
from osce_kg.parse.urls import canonical_url, file_key, item_key, url_key
from osce_kg.store.provenance import content_hash

PARSER_VERSION = "pages-1"
"""Bumped when the parser reads pages differently, so provenance says which reading a graph holds."""

ENCODINGS = ("utf-8", "cp1252", "latin-1")
_ENGLISH = re.compile(r"\b(the|and|of|to|in|is|with|for)\b", re.I)
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
        text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
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

    def read(self, path: Path, data: bytes | None = None, *, layout: str | None = None, url: str | None = None) -> PageRecord:
        """Read one page; `url` is where it was fetched from, when known (a page's own canonical
        link wins for its identity, and the URL is kept among the document's URLs)."""
        data = path.read_bytes() if data is None else data
        text, encoding, warnings = decode(data, path)
        canonical, url_language, html_language, urls = None, None, None, []
        if is_html(path, text):
            page = html_blocks(text)
            blocks = page.blocks
            if page.canonical_url:
                canonical, url_language = canonical_url(page.canonical_url)
            html_language, urls = page.language, page.urls
            if "</html>" not in text.lower():
                warnings.append("HTML has no closing </html>: the page may be truncated")
        else:
            blocks = text_blocks(text)
        if url:
            if canonical is None:
                canonical, url_language = canonical_url(url)
            urls.append(url)
        if not blocks:
            raise InputError("no text in the page", path, 1)
        if layout is None:
            layout = detect_layout(blocks)
            if layout is None:
                raise InputError(
                    "unknown layout: none of A-E (" + "; ".join(f"{k} {v}" for k, v in LAYOUT_NAMES.items())
                    + ") matches; force one with --layout", path, blocks[0].line, blocks[0].text[:60])
        elif layout not in LAYOUTS:
            raise InputError(f"unknown layout {layout!r}: use one of {', '.join(LAYOUTS)}", path)
        raws, menu = split_page(blocks, layout)
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
            record.documents.append(doc)
        if raws[-1].paragraphs and not _SENTENCE_END.search(raws[-1].paragraphs[-1].text) \
                and not raws[-1].paragraphs[-1].text.endswith("..."):
            record.warnings.append(
                f"line {raws[-1].paragraphs[-1].line}: the last paragraph ends mid-sentence: the page may be truncated")
        return record

    @staticmethod
    def _language(doc: DocumentRecord, url_language: str | None, html_language: str | None) -> None:
        """A version under a language prefix is a translation only when its text is not English."""
        language = (html_language or url_language or "en").split("-")[0]
        english = len(_ENGLISH.findall(doc.body)) >= max(3, len(doc.body.split()) // 20)
        if language != "en" and not english:
            doc.language = language
            doc.translation_of = doc.key
            doc.key = f"{doc.key}.{language}"
        else:
            doc.language = "en"

    def _document(self, path: Path, layout: str, raw: RawDocument) -> DocumentRecord:
        doc = DocumentRecord(path, layout, raw.line, title=raw.title)
        meta = raw.meta
        doc.content_type = raw.content_type or _first(meta, "content type", "report type")
        if doc.content_type:
            doc.content_type_iri = self.gazetteer.lookup(doc.content_type, "content-type", cutoff=95)
        paragraphs = [b.text for b in raw.paragraphs]
        doc.body = "\n\n".join(paragraphs)
        self._dates_and_places(doc, raw)
        self._issuer(doc, meta)
        self._fields(doc, meta)
        if not doc.title:
            raise InputError(f"layout {layout}: no title found", path, raw.line)
        if not doc.date:
            raise InputError(
                f"layout {layout}: no date: the date field is empty and no dateline or header date was found",
                path, raw.title_line or raw.line, doc.title)
        if not doc.body:
            doc.warnings.append(f"line {raw.line}: no body text")
        body_paragraphs = paragraphs
        if raw.paragraphs and (dl := parse_dateline(paragraphs[0])):
            body_paragraphs = [dl.rest] + paragraphs[1:]
        found = self.entities.read(doc.title, body_paragraphs, doc.issuer)
        for entity_field in fields(BodyEntities):
            setattr(doc, entity_field.name, getattr(found, entity_field.name))
        return doc

    def _dates_and_places(self, doc: DocumentRecord, raw: RawDocument) -> None:
        stated: list[StatedDate] = []
        for label, kind in (("date", "metadata"), ("issued on", "metadata"), ("publishing date", "listing")):
            for value in raw.meta.get(label, []):
                iso, _ = parse_date(value)
                if iso is None:
                    doc.warnings.append(f"line {raw.line}: {label.capitalize()} {value!r} is not a date")
                stated.append(StatedDate(kind, value, iso, raw.line))
        header_places: list[str] = []
        if raw.header is not None and (header := parse_header_line(raw.header.text)):
            iso, _ = parse_date(header.date_text or "")
            stated.append(StatedDate("header", raw.header.text, iso, raw.header.line))
            header_places = header.places
        dateline = parse_dateline(raw.paragraphs[0].text) if raw.paragraphs else None
        if dateline and dateline.date_text:
            year_from = next((int(s.iso[:4]) for s in stated if s.iso), None)
            iso, supplied = parse_date(dateline.date_text, year_from)
            line = raw.paragraphs[0].line
            if supplied:
                doc.warnings.append(f"line {line}: dateline {dateline.date_text!r} has no year; took {year_from} from the page's other date")
            elif iso is None:
                doc.warnings.append(f"line {line}: dateline date {dateline.date_text!r} has no year and the page states no other date")
            stated.append(StatedDate("dateline", dateline.date_text, iso, line))
        doc.dates = stated
        chosen = choose_date(stated)
        if chosen:
            doc.date, doc.date_kind = chosen.iso, chosen.kind
        dateline_date = next((s.iso for s in stated if s.kind == "dateline" and s.iso), None)
        doc.event_date = dateline_date or doc.date
        field_places = [p for label in ("place", "location(s)") for v in raw.meta.get(label, []) for p in re.split(r"\s*[/,;]\s*", v) if p]
        # "Location(s): Kyrgyzstan" names a country, not the place: a field naming no city gives way to the dateline.
        if field_places and not any(self.gazetteer.lookup_scored(p, "city")[0] for p in field_places):
            field_places = []
        for raws in (field_places, dateline.places if dateline else [], header_places):
            if raws:
                doc.places = [self._place(p, doc, raw.line) for p in raws]
                break

    def _place(self, text: str, doc: DocumentRecord, line: int) -> PlaceRef:
        city, score = self.gazetteer.lookup_scored(text, "city")
        if city is None:
            doc.warnings.append(f"line {line}: place {text!r} matches no known city; kept as text")
        return PlaceRef(text, city, score)

    def _issuer(self, doc: DocumentRecord, meta: dict[str, list[str]]) -> None:
        text = _first(meta, "source", "where we are", "issued by")
        if not text:
            return
        doc.issuer_text = text
        names, _closed = issuer_names(text)
        for name in names:
            found = self.gazetteer.lookup(name, "structure", cutoff=92)
            if found:
                doc.issuer = found
                return
        matches = self.gazetteer.find(names[0], ("structure",))
        if matches:
            doc.issuer = max(matches, key=lambda m: m.end - m.start).iri
        else:
            doc.warnings.append(f"line {doc.line}: issuer {text!r} matches no structure in the reference data")

    def _fields(self, doc: DocumentRecord, meta: dict[str, list[str]]) -> None:
        for value in meta.get("fields of work", []) + meta.get("what we do", []):
            line_refs = [FieldRef(label, self.gazetteer.lookup(label, "field", cutoff=92)) for label in split_field_list(value)]
            known = next((r.iri for r in line_refs if r.iri), None)
            for ref in line_refs:
                if ref.iri is None:
                    ref.broader = known
                    doc.warnings.append(f"line {doc.line}: field of work {ref.label!r} is not in the scheme; added as a narrower concept")
                if all(f.label.lower() != ref.label.lower() for f in doc.fields):
                    doc.fields.append(ref)


def _first(meta: dict[str, list[str]], *labels: str) -> str | None:
    for label in labels:
        for value in meta.get(label, []):
            if value.strip():
                return value.strip()
    return None
