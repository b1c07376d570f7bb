"""A small site in osce.org's URL scheme, served on 127.0.0.1 for the harvest tests.

Written for these tests (no page text comes from osce.org): a sitemap index with a plain and a
gzip sitemap, paged newsroom listings (layout B), press releases in layout A HTML with canonical
and hreflang links, a Russian translation, robots.txt with a Disallow, a 429 with Retry-After, a
503 that recovers, a response slower than the client's timeout, a redirect within the site and
one off-site, a 404 and a malformed page. Every request is logged with its arrival time and
headers, so tests assert what the crawler did from the server's side.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RELEASES = {
    # path: (title, dateline city and date, publication date, body sentence)
    "/secretariat/500001": ("Secretary General opens border security conference", "VIENNA, 3 March 2025", "2025-03-03",
                            "The OSCE Secretary General opened a conference on border security and management today."),
    "/mission-to-serbia/500002": ("Mission trains judges on witness protection", "BELGRADE, 10 March 2025", "2025-03-10",
                                  "The OSCE Mission to Serbia held a training course for judges on witness protection."),
    "/presence-in-albania/500004": ("Presence supports police reform in Albania", "TIRANA, 14 March 2025", "2025-03-14",
                                    "The OSCE Presence in Albania supported a workshop on community policing."),
    "/secretariat/500005": ("Experts discuss cybersecurity confidence-building", "VIENNA, 20 March 2025", "2025-03-20",
                            "Experts from participating States discussed confidence-building measures in cyberspace."),
    "/secretariat/500006": ("Forum on economic and environmental issues opens", "PRAGUE, 24 March 2025", "2025-03-24",
                            "The OSCE Economic and Environmental Forum opened its first preparatory meeting today."),
    "/odihr/500008": ("ODIHR deploys election observation mission", "WARSAW, 2 April 2025", "2025-04-02",
                      "The OSCE Office for Democratic Institutions and Human Rights deployed an observation mission."),
    "/internal/500003": ("An internal page", "VIENNA, 5 March 2025", "2025-03-05",
                         "This page is disallowed by robots.txt and must never be requested."),
    "/secretariat/500010": ("Chairperson welcomes agreement on water management", "VIENNA, 1 February 2024", "2024-02-01",
                            "The OSCE Chairperson-in-Office welcomed an agreement on the management of shared rivers."),
}
LISTED = {  # the newsroom listing: page number -> paths, newest first
    0: ["/secretariat/600003", "/secretariat/600002"],
    1: ["/secretariat/600001"],
}
LISTING_RELEASES = {
    "/secretariat/600001": ("Workshop on gender equality held in Skopje", "SKOPJE, 5 January 2025", "2025-01-05",
                            "The OSCE Mission to Skopje held a workshop on gender equality in public administration."),
    "/secretariat/600002": ("Training for border police in Bishkek", "BISHKEK, 7 January 2025", "2025-01-07",
                            "The OSCE Programme Office in Bishkek trained border police officers on risk analysis."),
    "/secretariat/600003": ("Seminar on media freedom in Sarajevo", "SARAJEVO, 9 January 2025", "2025-01-09",
                            "The OSCE Mission to Bosnia and Herzegovina held a seminar on media freedom for journalists."),
    "/secretariat/600004": ("Roundtable on national minorities in Chisinau", "CHISINAU, 12 January 2025", "2025-01-12",
                            "The OSCE Mission to Moldova held a roundtable on the rights of national minorities."),
}
RUSSIAN = ("/ru/odihr/500008", "БДИПЧ направляет миссию по наблюдению за выборами",
           "ВАРШАВА, 2 апреля 2025 г. - Бюро по демократическим институтам и правам человека ОБСЕ направило миссию "
           "по наблюдению за выборами. Миссия будет работать до дня голосования и после него.")


def release_html(path: str, title: str, dateline: str, body: str, lang_links: dict[str, str] | None = None) -> str:
    """A press release in layout A, as osce.org serves it."""
    links = "".join(f'<link rel="alternate" hreflang="{lang}" href="{href}">' for lang, href in (lang_links or {}).items())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | OSCE</title>
<link rel="canonical" href="https://www.osce.org{path}">{links}</head><body>
<div>Press release</div><h1>{title}</h1><ul><li>Date:</li><li>Place:</li><li>{dateline.split(",")[0]}</li>
<li>Source:</li><li>OSCE Secretariat</li><li>Fields of work:</li><li>Democratization</li></ul>
<p>{dateline} - {body} Participants agreed to continue the work in the coming months.</p>
<p>The event was part of a project funded by participating States.</p></body></html>"""


def russian_html() -> str:
    path, title, body = RUSSIAN
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://www.osce.org{path}"><link rel="alternate" hreflang="en" href="/odihr/500008">
</head><body><div>Press release</div><h1>{title}</h1><ul><li>Date:</li><li>2 April 2025</li><li>Source:</li>
<li>OSCE Office for Democratic Institutions and Human Rights</li></ul><p>{body}</p></body></html>"""


def listing_html(page: int, paths: list[str]) -> str:
    """A newsroom listing page (layout B): each item a linked title and its fields."""
    items = []
    for path in paths:
        title, dateline, published, body = LISTING_RELEASES[path]
        day = time.strftime("%d %B %Y", time.strptime(published, "%Y-%m-%d")).lstrip("0")
        items.append(f"""<article class="teaser"><h3><a href="{path}">{title}</a></h3>
<div class="field"><span class="label">Publishing date:</span> <span class="value">{day}</span></div>
<div class="field"><span class="label">Content type:</span> <span class="value">Press release</span></div>
<div class="field"><span class="label">What we do:</span> <span class="value">Democratization</span></div>
<p>{dateline} - {body[:60]} ...</p></article>""")
    pager = f'<nav><a rel="next" href="/press-releases?page={page + 1}">Next</a></nav>' if items else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Press releases | OSCE</title></head><body>
<main><div>Newsroom</div><div>News and press releases</div><h1>News and press releases from the OSCE's global activities.</h1>
{"".join(items)}{pager}</main></body></html>"""


@dataclass
class Logged:
    """One request as the server saw it."""

    at: float
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    """The site's content and behaviours; tests change them between runs."""

    base: str = ""
    retry_after: int = 1
    slow_seconds: float = 2.0
    lastmod: dict[str, str] = field(default_factory=lambda: {p: "2025-04-05T10:00:00+00:00" for p in RELEASES})
    listed: dict[int, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in LISTED.items()})
    gone: set[str] = field(default_factory=lambda: {"/secretariat/500099"})
    corrected: set[str] = field(default_factory=set)
    """Pages whose text changed since the first run."""
    kill: tuple[str, int] | None = None
    """(path, pid): the server kills pid with SIGKILL when that path is requested."""
    page_seconds: float = 0.0
    """How long a release page takes to answer (to see requests overlap)."""
    log: list[Logged] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def requests(self, path: str | None = None) -> list[Logged]:
        return [r for r in self.log if path is None or r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.log]

    def sitemap_index(self) -> bytes:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{self.base}/sitemaps/releases.xml</loc><lastmod>{max(self.lastmod.values())}</lastmod></sitemap>
<sitemap><loc>{self.base}/sitemaps/odihr.xml.gz</loc><lastmod>2025-04-05</lastmod></sitemap>
</sitemapindex>""".encode()

    def releases_sitemap(self) -> bytes:
        entries = []
        for path in [*RELEASES, "/press-releases/slow", "/old-link", "/offsite", "/secretariat/500099", "/secretariat/500007"]:
            if path == "/odihr/500008":
                continue
            published = RELEASES[path][2] if path in RELEASES else "2025-03-30"
            lastmod = self.lastmod.get(path, "2025-04-05T10:00:00+00:00")
            entries.append(f"<url><loc>{self.base}{path}</loc><lastmod>{lastmod}</lastmod>"
                           f"<news:news><news:publication_date>{published}</news:publication_date></news:news></url>")
        return ("""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
""" + "\n".join(entries) + "</urlset>").encode()

    def odihr_sitemap(self) -> bytes:
        return gzip.compress(f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url><loc>{self.base}/odihr/500008</loc><lastmod>{self.lastmod["/odihr/500008"]}</lastmod>
<xhtml:link rel="alternate" hreflang="ru" href="{self.base}/ru/odihr/500008"/></url>
</urlset>""".encode())

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a request (see the module docstring for the behaviours)."""
        n = self.counts[path] = self.counts.get(path, 0) + 1
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, (
                "User-agent: *\nDisallow: /internal/\n\nUser-agent: BadBot\nDisallow: /\n\n"
                f"Sitemap: {self.base}/sitemap.xml\n").encode()
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, self.sitemap_index()
        if path == "/sitemaps/releases.xml":
            return 200, {"Content-Type": "application/xml"}, self.releases_sitemap()
        if path == "/sitemaps/odihr.xml.gz":
            return 200, {"Content-Type": "application/gzip"}, self.odihr_sitemap()
        if path == "/press-releases":
            page = int(query.get("page", ["0"])[0])
            return 200, html, listing_html(page, self.listed.get(page, [])).encode()
        if path in self.gone:
            return 404, html, b"<html><body><h1>Page not found</h1></body></html>"
        if path == "/secretariat/500005" and n == 1:
            return 429, {**html, "Retry-After": str(self.retry_after)}, b"<html><body>Too many requests</body></html>"
        if path == "/secretariat/500006" and n == 1:
            return 503, html, b"<html><body>Service unavailable</body></html>"
        if path == "/press-releases/slow":
            time.sleep(self.slow_seconds)
            return 200, html, release_html(path, "Slow", "VIENNA, 1 March 2025", "Too late.").encode()
        if path == "/old-link":
            return 301, {"Location": "/presence-in-albania/500004"}, b""
        if path == "/offsite":
            return 302, {"Location": "http://elsewhere.invalid/page"}, b""
        if path == "/secretariat/500007":
            return 200, html, b"<!DOCTYPE html><html><body>\x00\x01\x02 broken \xff\xfe</body></html>"
        if path == RUSSIAN[0]:
            return 200, html, russian_html().encode()
        release = RELEASES.get(path) or LISTING_RELEASES.get(path)
        time.sleep(self.page_seconds)
        if release is None:
            return 404, html, b"<html><body>Not found</body></html>"
        title, dateline, _, body = release
        links = {"ru": f"{self.base}/ru/odihr/500008"} if path == "/odihr/500008" else None
        text = release_html(path, title, dateline, body, links)
        if path in self.corrected:
            text = text.replace("</body>", "<p>Updated with a correction.</p></body>")
        return 200, html, text.encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        site = self.server.site  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        logged = Logged(time.monotonic(), parts.path + (f"?{parts.query}" if parts.query else ""), dict(self.headers.items()))
        # in flight: from the request's arrival to the answer being ready, not to its last byte
        # (the client may send its next request before this thread has finished the write); the
        # slow page is not counted: the client has given up on it while it sleeps
        counted = parts.path != "/press-releases/slow"
        with site.lock:
            site.log.append(logged)
            site.in_flight += counted
            site.most_in_flight = max(site.most_in_flight, site.in_flight)
        kill = site.kill if site.kill is not None and site.kill[0] == parts.path else None
        try:
            answer = site.answer(parts.path, parse_qs(parts.query)) if kill is None else None
        finally:
            with site.lock:
                site.in_flight -= counted
        if kill is not None:
            os.kill(kill[1], signal.SIGKILL)
        elif answer is not None:
            self._send(answer, logged)

    def _send(self, answer: tuple[int, dict[str, str], bytes], logged: Logged) -> None:
        status, headers, body = answer
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            status, body = 304, b""
        logged.status = status
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status in (200, 304):
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Sat, 05 Apr 2025 10:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the slow page): nothing to answer to

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (a timeout, a size cap) is part of the tests, not an error to print."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class SiteServer:
    """The site on 127.0.0.1, on a port the OS chose, in a thread."""

    def __init__(self, site: Site | None = None) -> None:
        self.site = site or Site()
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.site = self.site  # type: ignore[attr-defined]
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.site.base = self.base
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
