"""One harvest: discover -> fetch -> archive, remembering everything in the crawl state.

Discovery runs first (sitemaps, then listings, then explicit URLs), so that the progress bar knows
how many pages there are; translations found on fetched pages (hreflang) join the queue as they
come. A page is fetched when the state does not hold it, when its sitemap `lastmod` is newer than
what was fetched, or with `refresh` (then conditionally, If-None-Match / If-Modified-Since). A
listing is paged until it shows an item the state already knows (or one older than `since`);
a listing that an earlier run did not page to its end carries on from the deepest page reached.
Pages that sources discovered but a killed run did not fetch are fetched by the next run of the
same sources. Ingest reads the new records back from the archive (ingest.py), exactly as
`osce-kg ingest` replays an archive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from osce_kg import __version__
from osce_kg.errors import InputError
from osce_kg.harvest.archive import Exchange, WarcArchive, Written, read_payload
from osce_kg.harvest.client import Fetched, Fetcher, Politeness
from osce_kg.harvest.discover import (
    Candidate,
    iso_day,
    page_alternates,
    page_number,
    parse_listing,
    parse_sitemap,
    url_language,
    with_page,
    without_fragment,
)
from osce_kg.harvest.report import HarvestReport
from osce_kg.harvest.state import CrawlState, UrlRow

MAX_SITEMAP_DEPTH = 3
EXPLICIT = "explicit"


@dataclass
class HarvestOptions:
    """What to harvest and how (the command's options)."""

    archive: Path
    base_url: str = "https://www.osce.org"
    sitemaps: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    languages: frozenset[str] = frozenset({"en"})
    since: date | None = None
    until: date | None = None
    max_pages: int | None = None
    max_listing_pages: int = 2000
    refresh: bool = False
    politeness: Politeness = field(default_factory=Politeness)
    warc_size: int = 1_000_000_000

    def allowed_hosts(self) -> set[str]:
        """The base URL's host and those of the sources given, with and without `www.`."""
        hosts = set()
        for url in [self.base_url, *self.sitemaps, *self.listings, *self.urls]:
            host = (urlsplit(url).hostname or "").lower()
            if host:
                hosts |= {host, host.removeprefix("www."), "www." + host.removeprefix("www.")}
        return hosts

    def resolve(self, url_or_path: str) -> str:
        """A listing or sitemap given as a path ('press-releases') on the base URL."""
        if urlsplit(url_or_path).scheme:
            return url_or_path
        return self.base_url.rstrip("/") + "/" + url_or_path.lstrip("/")


class Progress:
    """What the crawl tells its display (progress.py); the default says nothing."""

    def discovering(self, what: str) -> None: ...
    def total(self, pages: int) -> None: ...
    def page_done(self, url: str, outcome: str, detail: str | None) -> None: ...
    def close(self) -> None: ...


class Harvest:
    """One harvest run into one archive folder."""

    def __init__(self, options: HarvestOptions, progress: Progress | None = None,
                 ingest: Callable[[], None] | None = None, ingest_every: int = 500) -> None:
        """`ingest` is called after every `ingest_every` pages settled (the caller ingests what
        the state holds as archived and not ingested)."""
        self.options = options
        self.ingest, self.ingest_every = ingest, ingest_every
        self.settled = 0
        self.progress = progress or Progress()
        self.report = HarvestReport(politeness=options.politeness)
        self.state = CrawlState(options.archive)
        self.archive = WarcArchive(options.archive, f"osce-kg/{__version__}", options.politeness.contact, options.warc_size)
        self.report.notes += self.archive.repair(self.state.warc_lengths())
        self._archive_lock = threading.Lock()
        self.fetcher = Fetcher(options.politeness, options.allowed_hosts(), self._record)
        self.queue: dict[str, Candidate] = {}
        self.page_requests = 0

    def close(self) -> None:
        self.fetcher.close()
        self.archive.close()
        self.state.close()

    # --- archiving ------------------------------------------------------------------------------

    def _record(self, exchange: Exchange, purpose: str) -> Written:
        """Archive an exchange (called from fetching threads) and commit the file's new length."""
        with self._archive_lock:
            written, length = self.archive.write(exchange, purpose)
            self.state.commit_warc(written.file, length)
            self.report.bytes += len(exchange.body)
        return written

    # --- the run --------------------------------------------------------------------------------

    def run(self) -> HarvestReport:
        started = datetime.now()
        try:
            self._discover()
            self._fetch_pages()
        finally:
            self.report.seconds = (datetime.now() - started).total_seconds()
            self.report.waited = self.fetcher.pacer.waited
            self.report.requests = self.fetcher.requests
            self.progress.close()
        return self.report

    def _discover(self) -> None:
        # one commit per source: a source killed half-read is read again by the next run
        options = self.options
        for sitemap in options.sitemaps:
            self.progress.discovering(sitemap)
            with self.state.transaction():
                for candidate in self._sitemap(options.resolve(sitemap), options.resolve(sitemap), None, 0):
                    self._offer(candidate)
        for listing in options.listings:
            self.progress.discovering(listing)
            with self.state.transaction():
                for candidate in self._listing(options.resolve(listing)):
                    self._offer(candidate)
        with self.state.transaction():
            for url in options.urls:
                self._offer(Candidate(without_fragment(url), EXPLICIT))
        # what a killed run of these sources discovered and did not fetch
        sources = [options.resolve(s) for s in options.sitemaps + options.listings]
        for source in sources:
            for row in self.state.rows("kind = 'page' AND via = ? AND status IN ('pending', 'failed')", (source,)):
                self._offer(Candidate(row.url, source, row.lastmod, row.published), resumed=True)

    def _offer(self, candidate: Candidate, resumed: bool = False) -> None:
        """A page a source lists: queued when it is wanted (language, dates) and new to this run."""
        url = candidate.url
        if url in self.queue:
            return
        if not resumed:
            self.report.discovered += 1
        if candidate.language not in self.options.languages:
            self.report.skip(url, "language", f"language {candidate.language} not in --lang")
            return
        if not self._in_dates(candidate):
            self.report.skip(url, "dates", "published outside --since/--until")
            return
        self.queue[url] = candidate
        for language, alternate in candidate.alternates.items():
            if language in self.options.languages and alternate not in self.queue:
                self._offer(Candidate(alternate, candidate.via, candidate.lastmod, candidate.published))
        if self.state.get(url) is None:
            self.state.put(UrlRow(url, "page", candidate.via, candidate.language, None, candidate.published))

    def _in_dates(self, candidate: Candidate) -> bool:
        since, until = self.options.since, self.options.until
        published = date.fromisoformat(candidate.published) if candidate.published else None
        if published is not None:
            return (since is None or published >= since) and (until is None or published <= until)
        # lastmod is never before publication: a page last changed before --since was published before it
        changed = iso_day(candidate.lastmod) if candidate.lastmod else None
        return since is None or changed is None or date.fromisoformat(changed) >= since

    # --- discovery documents --------------------------------------------------------------------

    def _document(self, url: str, kind: str, via: str, lastmod: str | None = None) -> bytes | None:
        """A sitemap or listing page: from the archive when the state holds it and its parent's
        lastmod says it did not change, else fetched (conditionally when held)."""
        row = self.state.get(url)
        kept = self._kept(row)
        if kept is not None and row is not None and lastmod and row.lastmod == lastmod and not self.options.refresh:
            return kept
        got = self.fetcher.get(url, kind, _validators(row) if kept is not None else None)
        if got.outcome == "not-modified" and kept is not None:
            self.report.not_modified_documents += 1
            return kept
        if got.outcome != "ok":
            self.report.fail(url, f"{kind}: {got.reason}", got.outcome)
            return None
        self.state.put(_fetched_row(row or UrlRow(url, kind, via), got, lastmod))
        return got.body

    def _kept(self, row: UrlRow | None) -> bytes | None:
        """The body of a document as the archive holds it, or None (never fetched, or the archive
        lost it: then it is fetched again, unconditionally)."""
        if row is None or row.status != "fetched" or row.warc_file is None:
            return None
        try:
            return read_payload(self.options.archive, row.warc_file, row.warc_offset or 0)
        except (OSError, ValueError, EOFError) as error:
            self.report.notes.append(f"{row.url}: its copy in {row.warc_file} cannot be read ({error}): fetched again")
            return None

    def _sitemap(self, url: str, via: str, lastmod: str | None, depth: int) -> Iterator[Candidate]:
        body = self._document(url, "sitemap", via, lastmod)
        if body is None:
            return
        try:
            sitemap = parse_sitemap(body, url, via)
        except InputError as error:
            self.report.fail(url, str(error), "failed")
            return
        yield from sitemap.pages
        for child, child_lastmod in sitemap.children:
            if depth >= MAX_SITEMAP_DEPTH:
                self.report.fail(child, f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH}", "failed")
                continue
            yield from self._sitemap(child, via, child_lastmod, depth + 1)

    def _listing(self, root: str) -> Iterator[Candidate]:
        """The items of a listing, newest first, paged as the module docstring says."""
        deepest, complete = self.state.listing(root)
        since = self.options.since
        url: str | None = root
        pages = 0
        listed: set[str] = set()
        while url is not None and pages < self.options.max_listing_pages:
            number = page_number(url)
            body = self._document(url, "listing", root)
            pages += 1
            if body is None:
                return
            try:
                items, following, warnings = parse_listing(body, url, root)
            except (etree.ParserError, ValueError) as error:
                self.report.fail(url, f"listing: not a readable HTML page ({error})", "failed")
                return
            self.report.warnings += warnings
            # a site that ignores ?page= shows the same items on every page: the end, not a loop
            if not items or all(i.url in listed for i in items):
                complete = True
                following = None
            listed.update(i.url for i in items)
            known = [i for i in items if (row := self.state.get(i.url)) is not None and row.status != "pending"]
            yield from items
            if following is None:
                complete = True
            deepest = max(deepest, number)
            self.state.set_listing(root, deepest, complete)
            if since is not None and items and all(i.published and date.fromisoformat(i.published) < since for i in items):
                return
            if known and not self.options.refresh:
                if complete or following is None:
                    return
                if deepest > number:
                    following = with_page(root, deepest + 1)
            url = following

    # --- fetching pages -------------------------------------------------------------------------

    def _fetch_pages(self) -> None:
        todo = [c for c in self.queue.values() if self._why_fetch(c) is not None]
        self.progress.total(len(todo))
        concurrency = max(1, self.options.politeness.concurrency)
        seen = set(self.queue)
        with ThreadPoolExecutor(concurrency, thread_name_prefix="fetch") as pool:
            running: dict[Future[Fetched], Candidate] = {}
            pending = list(reversed(todo))
            stopped = False
            while pending or running:
                while pending and len(running) < concurrency:
                    if self.options.max_pages is not None and self.page_requests >= self.options.max_pages:
                        self.report.notes.append(f"stopped at --max-pages {self.options.max_pages}: "
                                                 f"{len(pending)} pages left for the next run")
                        pending, stopped = [], True
                        break
                    candidate = pending.pop()
                    row = self.state.get(candidate.url)
                    conditional = _validators(row) if row is not None and row.status in ("fetched", "gone") else None
                    self.page_requests += 1
                    running[pool.submit(self.fetcher.get, candidate.url, "page", conditional)] = candidate
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    candidate = running.pop(future)
                    got = future.result()
                    translations = self._settle(candidate, got)
                    self.settled += 1
                    if self.ingest is not None and self.settled % self.ingest_every == 0:
                        self.ingest()
                    for translation in translations:
                        if translation.url not in seen:
                            seen.add(translation.url)
                            self._offer(translation)
                            if translation.url in self.queue and not stopped and self._why_fetch(translation):
                                pending.insert(0, translation)  # after the pages already queued
                                self.progress.total(len(todo) + 1)
                                todo.append(translation)

    def _why_fetch(self, candidate: Candidate) -> str | None:
        """Why a page must be requested (None: the state holds it and nothing says it changed)."""
        row = self.state.get(candidate.url)
        if row is None or row.status in ("pending", "failed", "skipped"):
            return "new"
        if self.options.refresh:
            return "refresh"
        if candidate.lastmod and _later(candidate.lastmod, row.lastmod or row.fetched_at):
            return "lastmod"
        if row.status == "off-site":
            self.report.skip(candidate.url, "off-site", f"{row.reason} (on an earlier run)")
        else:
            self.report.held += 1
        return None

    def _settle(self, candidate: Candidate, got: Fetched) -> list[Candidate]:
        """Record what one page's fetch gave; the translations it links to."""
        row = self.state.get(candidate.url) or UrlRow(candidate.url, "page", candidate.via, candidate.language)
        row.published = candidate.published or row.published
        translations: list[Candidate] = []
        if got.outcome == "ok":
            row = _fetched_row(row, got, candidate.lastmod)
            self.report.fetched += 1
            translations = [Candidate(u, candidate.via, None, candidate.published)
                            for lang, u in page_alternates(got.body, got.final_url).items()
                            if lang in self.options.languages and u != candidate.url]
        elif got.outcome == "not-modified":
            row.lastmod = candidate.lastmod or row.lastmod
            self.report.not_modified += 1
        elif got.outcome == "gone":
            assert got.written is not None
            row.status, row.http_status, row.reason = "gone", got.status, got.reason
            row.gone_since = row.gone_since or got.written.date[:10]
            row.warc_file, row.warc_offset, row.record_id = got.written.file, got.written.offset, got.written.record_id
            row.record_url, row.fetched_at = got.final_url, got.written.date
            row.lastmod = candidate.lastmod or row.lastmod
            self.report.gone.append({"url": candidate.url, "status": got.status, "since": row.gone_since})
        elif got.outcome == "robots":
            if row.status not in ("fetched", "gone"):
                row.status, row.reason = "skipped", got.reason
            self.report.skip(candidate.url, "robots", got.reason or "")
        elif got.outcome == "off-site":
            # not asked again unless a source says the page changed: the redirect is the site's answer
            if row.status not in ("fetched", "gone"):
                row.status, row.reason = "off-site", got.reason
                row.lastmod = candidate.lastmod or row.lastmod
                row.fetched_at = got.written.date if got.written else row.fetched_at
            self.report.skip(candidate.url, "off-site", got.reason or "")
        else:
            if row.status not in ("fetched", "gone"):
                row.status, row.reason, row.http_status = "failed", got.reason, got.status
            self.report.fail(candidate.url, got.reason or got.outcome, got.outcome)
        self.report.retries += got.retries
        self.state.put(row)
        self.progress.page_done(candidate.url, got.outcome, got.reason)
        return translations


def _fetched_row(row: UrlRow, got: Fetched, lastmod: str | None) -> UrlRow:
    assert got.written is not None
    row.status, row.http_status, row.reason, row.gone_since = "fetched", got.status, None, None
    row.etag, row.last_modified = got.headers.get("etag"), got.headers.get("last-modified")
    row.fetched_at = got.written.date
    row.warc_file, row.warc_offset, row.record_id = got.written.file, got.written.offset, got.written.record_id
    row.record_url = got.final_url
    row.lastmod = lastmod or row.lastmod
    row.language = row.language or url_language(row.url)
    return row


def _validators(row: UrlRow | None) -> dict[str, str]:
    """Conditional-request headers from what the server said last time."""
    headers = {}
    if row is not None and row.etag:
        headers["If-None-Match"] = row.etag
    if row is not None and row.last_modified:
        headers["If-Modified-Since"] = row.last_modified
    return headers


def _later(lastmod: str, known: str | None) -> bool:
    """True when a sitemap's lastmod is after what the state knows (a lastmod or a fetch time)."""
    if not known:
        return True
    try:
        new = datetime.fromisoformat(lastmod.replace("Z", "+00:00"))
        old = datetime.fromisoformat(known.replace("Z", "+00:00"))
        if (new.tzinfo is None) != (old.tzinfo is None):
            new, old = new.replace(tzinfo=None), old.replace(tzinfo=None)
        return new > old
    except ValueError:
        return lastmod != known

