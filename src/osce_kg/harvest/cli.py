"""Command `harvest`: fetch osce.org pages politely, archive them as WARC, ingest them.

Needs the 'harvest' extra (httpx, protego, rich): the imports below fail without it, and
osce_kg.cli says which extra to install."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from osce_kg import paths
from osce_kg.harvest.client import Politeness
from osce_kg.harvest.crawl import Harvest, HarvestOptions
from osce_kg.harvest.discover import url_file as read_url_file
from osce_kg.harvest.ingest import ingest_archived
from osce_kg.harvest.progress import progress_for
from osce_kg.harvest.report import IngestSummary
from osce_kg.parse.urls import SITE_LANGUAGES
from osce_kg.store import GraphStore
from osce_kg.store.lock import writer_lock

HARVEST_WAITS = 600.0
"""Seconds the harvest's ingest waits for another writer of the store (a build, an ingest) to finish."""


def _languages(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> frozenset[str]:
    chosen = {v.strip().lower() for value in values for v in value.split(",") if v.strip()}
    if "all" in chosen:
        return frozenset(SITE_LANGUAGES)
    unknown = chosen - SITE_LANGUAGES
    if unknown:
        raise click.BadParameter(f"{', '.join(sorted(unknown))}: not a language of osce.org "
                                 f"(use 'all' or some of: {', '.join(sorted(SITE_LANGUAGES))})")
    return frozenset(chosen or {"en"})


def _day(_ctx: click.Context, _param: click.Parameter, value: datetime | None) -> date | None:
    return value.date() if value else None


@click.command("harvest")
@click.argument("urls", nargs=-1)
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="A sitemap or sitemap index (gzip or not) to read pages and their lastmod from; repeatable.")
@click.option("--listing", "listings", multiple=True, metavar="PATH|URL",
              help="A newsroom listing (layout B) to page through, e.g. 'press-releases'; repeatable. "
                   "Default, when no source is given: press-releases.")
@click.option("--urls", "url_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A file of URLs to fetch, one a line (# comments).")
@click.option("--base-url", default="https://www.osce.org", show_default=True,
              help="The site (a mirror or a test server can stand in); listings given as paths are on it.")
@click.option("--lang", "languages", multiple=True, callback=_languages, metavar="CODES",
              help="Languages to fetch, comma-separated or repeated (en, ru, fr, ... or all); "
                   "translations are found by language prefix and hreflang links. Default: en.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), callback=_day, default=None,
              help="Only pages published on or after this day (where the listing or sitemap says it).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), callback=_day, default=None,
              help="Only pages published on or before this day.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="Request at most this many pages in this run.")
@click.option("--archive", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the WARC files and of the crawl state (harvest-state.sqlite) (default: archive/ in the workspace).")
@click.option("--warc-size", type=click.IntRange(min=1), default=1_000_000_000, show_default=True,
              help="Bytes after which the next WARC file is started.")
@click.option("--refresh", is_flag=True,
              help="Ask again for pages the archive holds (conditional requests: unchanged pages cost a 304).")
@click.option("--delay", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="Seconds between two requests to one host (robots.txt Crawl-delay, if longer, wins).")
@click.option("--concurrency", type=click.IntRange(min=1, max=8), default=1, show_default=True,
              help="Requests in flight per host.")
@click.option("--contact", envvar="OSCE_KG_CONTACT", default=None,
              help="How the site can reach you (e-mail or URL), sent in the User-Agent [env OSCE_KG_CONTACT].")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds to wait for a server's answer (connecting: at most 10).")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True,
              help="Retries of a request that timed out or got 429 or 5xx.")
@click.option("--backoff", type=click.FloatRange(min=0.0), default=5.0, show_default=True,
              help="Seconds before the first retry when the server sends no Retry-After (doubles each time).")
@click.option("--max-wait", type=click.FloatRange(min=0.0), default=600.0, show_default=True,
              help="Longest Retry-After obeyed; a longer one fails the URL for this run.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True,
              help="Largest response read (bytes, after decompression).")
@click.option("--no-ingest", is_flag=True, help="Fetch and archive only; 'osce-kg ingest ARCHIVE' reads the archive later.")
@click.option("--ingest-every", type=click.IntRange(min=1), default=500, show_default=True,
              help="Ingest what was fetched after this many pages (and at the end), so a long crawl fills the graph as it goes.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $OSCE_KG_STORE, else store/ in the workspace).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the run's report as JSON to this file.")
@click.option("--quiet", is_flag=True, help="No progress output.")
def harvest_command(urls: tuple[str, ...], sitemaps: tuple[str, ...], listings: tuple[str, ...], url_file: Path | None,
                    base_url: str, languages: frozenset[str], since: date | None, until: date | None, max_pages: int | None,
                    archive: Path | None, warc_size: int, refresh: bool, delay: float, concurrency: int, contact: str | None, timeout: float,
                    retries: int, backoff: float, max_wait: float, max_bytes: int, no_ingest: bool, ingest_every: int,
                    store: Path | None,
                    report_file: Path | None, quiet: bool) -> None:
    """Fetch osce.org pages politely, archive every request and response as WARC, and ingest the pages.

    Sources (combinable): URLS, --urls FILE, --sitemap, --listing. A second run fetches only what
    is new, or what a sitemap's lastmod says changed; a killed run is resumed by running it again.
    Pages that disappeared (404/410) are reported and flagged in the graph, which keeps them.
    Exit 0 when every page was fetched and ingested, 1 when some failed or were rejected.
    """
    explicit = list(urls) + (read_url_file(url_file) if url_file else [])
    if not (explicit or sitemaps or listings):
        listings = ("press-releases",)
    if not contact:
        click.echo("note: no --contact: the User-Agent cannot tell osce.org how to reach you if the crawl causes trouble",
                   err=True)
    politeness = Politeness(delay=delay, concurrency=concurrency, contact=contact, timeout=timeout,
                            connect_timeout=min(10.0, timeout), retries=retries, backoff=backoff, max_wait=max_wait,
                            max_bytes=max_bytes)
    archive = archive or paths.workspace() / "archive"
    options = HarvestOptions(archive=archive, base_url=base_url, sitemaps=list(sitemaps), listings=list(listings),
                             urls=explicit, languages=languages, since=since, until=until, max_pages=max_pages,
                             refresh=refresh, politeness=politeness, warc_size=warc_size)
    summary = IngestSummary()

    def ingest() -> None:
        """The pages archived since the last ingest into the store, opened only meanwhile (so
        that the store is free for queries during the crawl)."""
        target = store or paths.default_store()
        # one writer at a time (store/lock.py): a build takes a minute at most, the crawl took longer
        with writer_lock(target, "harvest", wait=HARVEST_WAITS):
            graph_store = GraphStore.open(target)
            try:
                summary.add(ingest_archived(harvest.state, archive, graph_store))
            finally:
                graph_store.close()

    harvest = Harvest(options, progress_for(quiet=quiet), None if no_ingest else ingest, ingest_every)
    try:
        report = harvest.run()
        if not no_ingest:
            ingest()
            report.ingest = summary
    finally:
        harvest.close()
    click.echo(report.text())
    if report_file is not None:
        report.write_json(report_file)
    sys.exit(0 if report.ok else 1)
