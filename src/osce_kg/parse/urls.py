"""Canonical URLs and document keys: many URLs of one osce.org page give one document.

Rules (docs/pages.md): https, host without `www.`, no language prefix (`/de/`, `/sq/`, ...), lower
case path without trailing slash, a path ending in a node number written `/node/<n>`, no fragment,
no tracking parameters (utm_*, fbclid, gclid, ...), other parameters sorted. A path ending in a node number gives the key `node-<n>` whatever the alias
(`/cio/86290` = `/node/86290`); other URLs give `url-<sha1 of canonical URL, 16 hex>`; a page without
URL gives `file-<id>` from its crawl file name (`000_<16 hex>.txt`) or from the sha1 of its content.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Language prefixes used by osce.org; two-letter path sections such as /pc/ or /mc/ are not languages.
SITE_LANGUAGES = frozenset(
    "en de fr it ru es sq sr mk uk ro bs hr me tr kk ky tg uz hy az ka be tk mn pl lt lv et".split()
)
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|ref|share)$", re.I)
_NODE = re.compile(r"/(\d+)$")
_CRAWL_NAME = re.compile(r"^\d+_([0-9a-f]{16})$")


def canonical_url(url: str) -> tuple[str, str | None]:
    """The canonical form of an osce.org URL and the language prefix it carried (or None)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    segments = [s for s in parts.path.split("/") if s]
    language = None
    if segments and segments[0].lower() in SITE_LANGUAGES:
        language = segments.pop(0).lower()
    path = "/" + "/".join(s.lower() for s in segments)
    if node := _NODE.search(path):
        path = f"/node/{node.group(1)}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return urlunsplit(("https", host, path, urlencode(query), "")), language


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def is_web_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL that can stand as an IRI in the graph: a page's
    canonical link or og:url comes from the web and may be damaged (spaces, '>', no host).

    >>> is_web_url("https://www.osce.org/node/86290"), is_web_url("https://www.osce.org/a b"), is_web_url("/node/1")
    (True, False, False)
    >>> is_web_url("https://osce.org/tiranë"), is_web_url("https://osc\x82e.org/node/1")
    (True, False)
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. a damaged IPv6 literal
        return False
    if parts.scheme.lower() not in ("http", "https") or not host or _NOT_IN_IRI.search(url):
        return False
    # no control, format, private-use or unassigned characters, no separators (an IRI allows none)
    return url.isascii() or not any(unicodedata.category(c)[0] in "CZ" for c in url)


def resolved(link: str, base: str | None) -> str:
    """A page's link made absolute against the URL it was fetched from (unchanged without one, or
    when either is too damaged to join: is_web_url then says it is not usable).

    >>> resolved("/node/86290", "https://www.osce.org/cio/1")
    'https://www.osce.org/node/86290'
    """
    try:
        return urljoin(base, link) if base else link
    except ValueError:
        return link


def url_key(canonical: str) -> str:
    """The document key of a canonical URL: node-<n> when it ends in a node number."""
    path = urlsplit(canonical).path
    match = _NODE.search(path)
    if match:
        return f"node-{match.group(1)}"
    return "url-" + hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def file_key(path: Path, content: bytes) -> str:
    """The key of a page without URL: the crawl id in its file name, else a hash of its content."""
    match = _CRAWL_NAME.match(path.stem)
    if match:
        return f"file-{match.group(1)}"
    return "file-" + hashlib.sha1(content).hexdigest()[:16]


def item_key(title: str, date: str | None) -> str:
    """The key of one item of a listing page, from what identifies it (not its position).

    The same item on two listing pages (or two crawls of one) gives one document.
    """
    text = f"{title.strip().lower()}|{date or ''}"
    return "item-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


_SITE_HOSTS = {"oscepa.org": "OSCE PA", "polis.osce.org": "SPMU", "hatecrime.osce.org": "ODIHR", "aarhus.osce.org": "OCEEA"}
"""Sites whose host names their structure in no other way (POLIS, the policing site, is the Strategic
Police Matters Unit's; the hate crime reporting site is ODIHR's; the Aarhus Centres' site is the
economic and environmental Co-ordinator's, who runs their programme)."""
_SECTION_NAMES = {
    "bih": "Bosnia and Herzegovina", "pa": "OSCE PA", "sg": "OSG", "secretary-general": "OSG",
    "eea": "OCEEA", "gender": "Gender Section", "representative-on-freedom-of-media": "RFoM",
    "forum-for-security-cooperation": "FSC", "ukraine": "Project Co-ordinator in Ukraine",
}
"""osce.org sections named by an abbreviation (or a spelling) that the data does not hold."""
_NOT_SECTIONS = {"node", "press-releases", "home", "search", "library", "news", "newsroom", "events", "publications"}


def site_sections(url: str, *, path: bool = True) -> list[str]:
    """Words of a URL that may name the structure whose site or section the page lives on: the
    sub-domain (`odihr.osce.org`, `dushanbe.osce.org`), a site's own host (`oscepa.org`), and
    (with `path`) the first path section after the language prefix (`/bih/`, `/fom/`, `/ukraine-smm/`)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    out: list[str] = []
    site = next((name for known, name in _SITE_HOSTS.items() if host == known or host.endswith("." + known)), None)
    if site:  # also an archive of the site: 'old.oscepa.org'
        out.append(site)
    elif host.endswith(".osce.org"):
        out.append(host.removesuffix(".osce.org"))
    segments = [s.lower() for s in parts.path.split("/") if s] if path else []
    if segments and segments[0] in SITE_LANGUAGES:
        segments.pop(0)
    if segments and segments[0] not in _NOT_SECTIONS and not segments[0].isdigit():
        section = segments[0]
        if section in _SECTION_NAMES:
            out.append(_SECTION_NAMES[section])
        else:
            out += [section.replace("-", " "), *section.split("-")] if "-" in section else [section]
    return out
