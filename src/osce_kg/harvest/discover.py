"""Finding pages to fetch: sitemaps, the newsroom listings (layout B), explicit URLs.

Parsing only: each function takes a document's bytes and returns what it lists (crawl.py does
the fetching and decides what is new). A sitemap gives URLs with their `lastmod`, the publication
date of a news sitemap (`news:publication_date`) and the `hreflang` alternates; a sitemap index
gives child sitemaps with their `lastmod`. A listing page is read with the layout-B reader that
ingest uses (parse.layouts), so an item's title and publishing date are read exactly as they are
for the graph; the item's link (its `href`) is the page to fetch, which gives the document its
identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from osce_kg.errors import InputError
from osce_kg.harvest.client import inflate
from osce_kg.parse.blocks import normalise_space
from osce_kg.parse.fields import parse_date
from osce_kg.parse.html import html_blocks
from osce_kg.parse.layouts import split_page
from osce_kg.parse.urls import SITE_LANGUAGES

MAX_SITEMAP_BYTES = 100_000_000
"""Largest inflated sitemap read (the protocol allows 50 MB; twice that is a mistake or an attack)."""


@dataclass
class Candidate:
    """A page some source lists, with what the source says of it."""

    url: str
    via: str
    lastmod: str | None = None
    published: str | None = None
    """ISO date of publication, when the listing or sitemap states it."""
    alternates: dict[str, str] = field(default_factory=dict)
    """Language -> URL of the page's translations (hreflang)."""

    @property
    def language(self) -> str:
        return url_language(self.url)


@dataclass
class Sitemap:
    """A sitemap's entries: pages (urlset) or child sitemaps (sitemapindex) with their lastmod."""

    pages: list[Candidate]
    children: list[tuple[str, str | None]]


def url_language(url: str) -> str:
    """The language of an osce.org URL: its prefix (/ru/...), else English."""
    first = urlsplit(url).path.strip("/").split("/", 1)[0].lower()
    return first if first in SITE_LANGUAGES else "en"


def without_fragment(url: str) -> str:
    return urlsplit(url.strip())._replace(fragment="").geturl()


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(data: bytes, url: str, via: str) -> Sitemap:
    """Read a sitemap or sitemap index (gzip or plain XML); InputError when it is neither."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = inflate(data, MAX_SITEMAP_BYTES)
        except ValueError as error:
            raise InputError(f"sitemap: {error}", url) from error
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"sitemap is not well-formed XML: {error}", url) from error
    kind = _local(root.tag)
    result = Sitemap([], [])
    if kind == "sitemapindex":
        for entry in root:
            loc, lastmod = _text(entry, "loc"), _text(entry, "lastmod")
            if loc:
                result.children.append((urljoin(url, loc), lastmod))
        return result
    if kind != "urlset":
        raise InputError(f"not a sitemap: the root element is <{kind}>, not <urlset> or <sitemapindex>", url)
    for entry in root:
        loc = _text(entry, "loc")
        if not loc:
            continue
        published = None
        for element in entry.iter():
            if _local(element.tag) == "publication_date" and element.text:
                published = iso_day(element.text)
        alternates = {}
        for element in entry:
            if _local(element.tag) == "link" and element.get("rel") == "alternate" and element.get("hreflang") and element.get("href"):
                alternates[element.get("hreflang").split("-")[0].lower()] = urljoin(url, element.get("href"))
        result.pages.append(Candidate(without_fragment(urljoin(url, loc)), via, _text(entry, "lastmod"), published, alternates))
    return result


def _text(entry: etree._Element, name: str) -> str | None:
    for child in entry:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def iso_day(value: str) -> str | None:
    """The day of a W3C datetime ('2024-05-03', '2024-05-03T10:00:00+02:00'), or None."""
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None


def parse_listing(data: bytes, url: str, via: str) -> tuple[list[Candidate], str | None, list[str]]:
    """The items of a listing page (layout B) with their links and publishing dates, the next
    page's URL (rel=next, else ?page=N+1 when the page had items), and warnings."""
    text = data.decode("utf-8", errors="replace")
    blocks = html_blocks(text).blocks
    documents, _ = split_page(blocks, "B")
    root = lxml.html.document_fromstring(text)
    links: dict[str, str] = {}
    for anchor in root.iter("a"):
        title = normalise_space(anchor.text_content())
        if title and anchor.get("href") and title not in links:
            links[title] = urljoin(url, anchor.get("href").strip())
    items, warnings = [], []
    for doc in documents:
        if not doc.title:
            continue
        href = links.get(doc.title)
        if href is None:
            warnings.append(f"{url}: listing item {doc.title!r} has no link: skipped")
            continue
        published = None
        for value in doc.meta.get("publishing date", []):
            published, _ = parse_date(value)
        items.append(Candidate(without_fragment(href), via, published=published))
    following = None
    for element in root.iter("a", "link"):
        if "next" in (element.get("rel") or "").lower().split() and element.get("href"):
            following = urljoin(url, element.get("href"))
            break
    if following is None and items:
        following = next_page(url)
    return items, following, warnings


def next_page(url: str) -> str:
    """The listing page after `url` in osce.org's paging (?page=N, counted from 0)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    page = int(query.get("page", "0") or 0) if str(query.get("page", "0")).isdigit() else 0
    query["page"] = str(page + 1)
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_number(url: str) -> int:
    value = dict(parse_qsl(urlsplit(url).query)).get("page", "0")
    return int(value) if value.isdigit() else 0


def with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query["page"] = str(page)
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_alternates(data: bytes, url: str) -> dict[str, str]:
    """Language -> URL of a page's translations, from its <link rel="alternate" hreflang> links."""
    try:
        root = lxml.html.document_fromstring(data.decode("utf-8", errors="replace"))
    except (etree.ParserError, ValueError):
        return {}
    found: dict[str, str] = {}
    for link in root.iter("link"):
        language = (link.get("hreflang") or "").split("-")[0].lower()
        if "alternate" in (link.get("rel") or "").lower().split() and language and language != "x" and link.get("href"):
            found.setdefault(language, without_fragment(urljoin(url, link.get("href"))))
    return found


def url_file(path: Path) -> list[str]:
    """The URLs of a --urls file: one a line; blank lines and # comments ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the URL list: {error}", path) from error
    urls = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if urlsplit(line).scheme not in ("http", "https"):
            raise InputError("not an http(s) URL", path, number, line)
        urls.append(without_fragment(line))
    return urls
