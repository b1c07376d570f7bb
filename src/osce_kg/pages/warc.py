"""Pages inside WARC archives (.warc, .warc.gz), read with warcio.

A page is a `response` record with status 200 and an HTML or text body; its URL is the record's
WARC-Target-URI and its capture time the WARC-Date. Records that osce-kg's harvester marked as
its own look-ups (robots.txt, sitemaps, listing pages: `Osce-Kg-Purpose`) are not pages. When an
archive holds a URL several times, the latest answer counts: its latest page is ingested, and if
a 404 or 410 came after it, the page is flagged gone (the graph is kept) with the day it was first
found gone. Replaying an archive therefore gives the graph that the harvest that wrote it gave.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef

from osce_kg.errors import InputError
from osce_kg.iri import OSCE
from osce_kg.pages.inputs import PageInput, recorded_path
from osce_kg.store import GraphStore

PURPOSE_HEADER = "Osce-Kg-Purpose"
"""What osce-kg's harvester fetched a response for: page, or its own look-ups (NOT_PAGES)."""
NOT_PAGES = frozenset({"robots", "sitemap", "listing"})
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
GONE_STATUSES = frozenset({404, 410})


def record_location(path: Path, offset: int) -> str:
    """Where a record is, as PROV records it: the archive file and the record's offset."""
    return f"{recorded_path(path)}#{offset}"


def page_of_record(path: Path, offset: int, url: str, warc_date: str) -> PageInput:
    """The PageInput of one response record."""
    return PageInput(record_location(path, offset), path, url, parse_warc_date(warc_date), offset)


def parse_warc_date(value: str) -> datetime:
    when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def read_record(path: Path, offset: int) -> bytes:
    """The body of the record at `offset`, without its HTTP transfer and content encodings."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            return record.content_stream().read()
    raise InputError(f"no WARC record at offset {offset}", path)


@dataclass
class Gone:
    """A URL whose latest answer in the archive said it is gone."""

    url: str
    since: str
    """The day it was first found gone (after its last page), ISO 8601."""


def archive_pages(paths: Iterable[Path]) -> tuple[list[PageInput], list[Gone], list[str]]:
    """The latest page of each URL in the archives, the URLs found gone, and problems met
    (an unreadable archive is reported and skipped, the others are read)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    answers: dict[str, list[tuple[datetime, int, PageInput | int, str | None]]] = {}
    problems: list[str] = []
    order = 0
    for path in paths:
        try:
            with path.open("rb") as handle:
                iterator = ArchiveIterator(handle)
                for record in iterator:
                    if record.rec_type != "response" or record.http_headers is None:
                        continue
                    if (record.rec_headers.get_header(PURPOSE_HEADER) or "page") in NOT_PAGES:
                        continue
                    offset = iterator.get_record_offset()
                    try:
                        url, status, when = _record_head(record)
                    except ValueError as error:
                        problems.append(f"{path}: record at offset {offset} skipped: {error}")
                        continue
                    content_type = (record.http_headers.get_header("Content-Type") or "text/html").split(";")[0].strip().lower()
                    order += 1
                    if status == 200 and content_type in PAGE_TYPES:
                        page = PageInput(record_location(path, offset), path, url, when, offset)
                        digest = record.rec_headers.get_header("WARC-Payload-Digest")
                        answers.setdefault(url, []).append((when, order, page, digest))
                    elif status in GONE_STATUSES:
                        answers.setdefault(url, []).append((when, order, status, None))
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as error:
            problems.append(f"{path}: not a readable WARC archive ({error}); its other records are skipped")
    pages: list[PageInput] = []
    gone: list[Gone] = []
    for url, seen in answers.items():
        seen.sort(key=lambda a: (a[0], a[1]))
        last_page = max((i for i, a in enumerate(seen) if isinstance(a[2], PageInput)), default=None)
        if last_page is not None:
            pages.append(_first_of_latest_content(seen[:last_page + 1]))
        after = seen[last_page + 1:] if last_page is not None else seen
        if after:
            gone.append(Gone(url, after[0][0].date().isoformat()))
    pages.sort(key=lambda p: (p.path.name, p.member or 0))
    return pages, gone, problems


def _record_head(record: Any) -> tuple[str, int, datetime]:
    """The URL, HTTP status and capture time of a response record; ValueError naming what is
    missing or malformed (one bad record is skipped, the archive's others are still read)."""
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    if not url:
        raise ValueError("it has no WARC-Target-URI")
    try:
        ox.NamedNode(url)
    except ValueError:
        raise ValueError(f"its WARC-Target-URI {url[:200]!r} is not a valid IRI") from None
    status_text = record.http_headers.get_statuscode() or ""
    if not status_text.isdigit():
        raise ValueError(f"its HTTP status {status_text[:20]!r} is not a number")
    date_text = record.rec_headers.get_header("WARC-Date") or ""
    try:
        when = parse_warc_date(date_text)
    except ValueError:
        raise ValueError(f"its WARC-Date {date_text[:40]!r} is not an ISO 8601 date") from None
    return url, int(status_text), when


def _first_of_latest_content(seen: list[tuple[datetime, int, PageInput | int, str | None]]) -> PageInput:
    """The first capture of the latest content: a page fetched again unchanged is, to ingest, the
    copy it already holds (same facts, first capture), so a replay records what the harvest did."""
    pages = [(a[2], a[3]) for a in seen if isinstance(a[2], PageInput)]
    first, digest = pages[-1]
    for page, other in reversed(pages[:-1]):
        if digest is None or other != digest:
            break
        first = page
    return first


FLAGGED = """PREFIX schema: <https://schema.org/> PREFIX osce: <https://w3id.org/osce-kg/ontology#>
SELECT DISTINCT ?g ?d WHERE { VALUES ?u { %s } GRAPH ?g { ?d a osce:Document ; schema:url ?u } }"""


def flag_gone(store: GraphStore, gone: Iterable[Gone]) -> int:
    """State on each document last seen at a gone URL the day it was found gone (its graph is
    kept otherwise); a flag already there keeps its earlier day. The number of graphs flagged."""
    flagged = 0
    for item in gone:
        try:
            url = ox.NamedNode(item.url)
        except ValueError:
            continue  # not an IRI, so no document of the graph has it as its URL
        rows = store.query(FLAGGED % url)
        assert isinstance(rows, list)
        for row in rows:
            name, document = URIRef(str(row["g"])), URIRef(str(row["d"]))
            graph = store.graph(name)
            if any(graph.triples((document, OSCE.foundGoneOn, None))):
                continue
            graph.add((document, OSCE.foundGoneOn, Literal(item.since, datatype=XSD.date)))
            store.replace_graph(name, graph)
            flagged += 1
    return flagged
