"""`osce-kg harvest` against a real HTTP server on 127.0.0.1 (tests/harvest_site.py), asserted from
the server's request log: politeness (robots.txt, delay, Retry-After, back-off), the WARC archive,
incremental and resumed runs, pages found gone, translations, and the replay of the archive."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV
from tests.harvest_site import RELEASES, RUSSIAN, Site, SiteServer
from tests.pages_support import reference_store
from warcio.archiveiterator import ArchiveIterator

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.iri import OSCE, SCHEMA
from osce_kg.store import GraphStore

FAST = ["--timeout", "0.8", "--retries", "1", "--backoff", "0.1", "--lang", "en,ru", "--contact", "tests@example.org"]
"""The slow page answers after 2 s: past the timeout, so it fails after its retries. The timeout
leaves a loaded machine time to answer the other pages, which must not be retried."""

FETCHABLE = {p for p in RELEASES if not p.startswith("/internal/")} | {RUSSIAN[0], "/secretariat/500007"}


@pytest.fixture(scope="module")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk with the ontology and the reference data, copied by each test."""
    path = tmp_path_factory.mktemp("reference") / "store"
    reference_store(path).close()
    return path


@pytest.fixture
def store_path(template_store: Path, tmp_path: Path) -> Path:
    shutil.copytree(template_store, tmp_path / "store")
    return tmp_path / "store"


def harvest(*args: str, store: Path | None = None) -> tuple[int, str]:
    extra = ["--store", str(store)] if store is not None else ["--no-ingest"]
    result = CliRunner().invoke(main, ["harvest", *args, *extra], catch_exceptions=False)
    return result.exit_code, result.output


def page_paths(site: Site, start: int = 0) -> list[str]:
    """The page requests of the log from `start` (not robots.txt, sitemaps or listings)."""
    return [r.path for r in site.log[start:]
            if r.path != "/robots.txt" and not r.path.startswith("/sitemap") and r.path.split("?")[0] != "/press-releases"]


def warc_responses(archive: Path) -> list[tuple[str, int, str, str | None]]:
    """(URI, status, WARC-Date, purpose) of every response record, read with warcio."""
    found = []
    for path in sorted(archive.glob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    record.content_stream().read()
                    found.append((record.rec_headers.get_header("WARC-Target-URI"), int(record.http_headers.get_statuscode()),
                                  record.rec_headers.get_header("WARC-Date"), record.rec_headers.get_header("Osce-Kg-Purpose")))
    return found


def page_graphs(store: GraphStore) -> dict[URIRef, Graph]:
    """The page graphs without the time of their ingest (the only thing a replay changes)."""
    graphs = {}
    for name in store.graph_names():
        if iri.graph_kind(name) in ("page", "menu"):
            graph = store.graph(name)
            for predicate in (PROV.generatedAtTime, PROV.endedAtTime):
                graph.remove((None, predicate, None))
            graphs[name] = graph
    return graphs


def assert_same_graphs(harvested: dict[URIRef, Graph], replayed: dict[URIRef, Graph]) -> None:
    """The same named graphs with the same triples; the triples that differ when they do not."""
    assert harvested.keys() == replayed.keys()
    for name in harvested:
        if not isomorphic(harvested[name], replayed[name]):
            _, only_harvested, only_replayed = graph_diff(to_isomorphic(harvested[name]), to_isomorphic(replayed[name]))
            raise AssertionError(f"{name}: only harvested {sorted(only_harvested)}; only replayed {sorted(only_replayed)}")


def test_sitemap_harvest_is_polite_archived_ingested_and_incremental(tmp_path, template_store, store_path):
    archive = tmp_path / "archive"
    with SiteServer() as server:
        site = server.site
        args = ["--sitemap", f"{server.base}/sitemap.xml", "--delay", "0.2", "--archive", str(archive),
                "--report", str(tmp_path / "report.json"), "--ingest-every", "4",
                *FAST, "--retries", "2", "--backoff", "0.3"]
        code, output = harvest(*args, store=store_path)
        assert code == 1, output  # the slow page failed; everything else came in
        first = list(site.log)

        # every allowed page fetched, none that robots.txt disallows
        assert set(page_paths(site)) >= FETCHABLE
        assert not [r for r in first if r.path.startswith("/internal/")]
        assert first[0].path == "/robots.txt" and site.most_in_flight == 1
        assert all("osce-kg/" in r.headers["User-Agent"] and "tests@example.org" in r.headers["User-Agent"] for r in first)
        # at least --delay between two requests, one request at a time
        gaps = [b.at - a.at for a, b in zip(first, first[1:], strict=False)]
        assert min(gaps) >= 0.2, gaps
        # Retry-After waited out, the 503 retried after the back-off, the slow page given up after its retries
        asked = [r.at for r in first if r.path == "/secretariat/500005"]
        assert [r.status for r in first if r.path == "/secretariat/500005"] == [429, 200]
        assert asked[1] - asked[0] >= site.retry_after
        recovered = [r.at for r in first if r.path == "/secretariat/500006"]
        assert [r.status for r in first if r.path == "/secretariat/500006"] == [503, 200] and recovered[1] - recovered[0] >= 0.3
        slow = [r.at for r in first if r.path == "/press-releases/slow"]
        # the timeout (0.8 s, counted from when the request was sent), then the back-off: 0.3 s, doubled
        # (0.6 s of the timeout is counted: on a loaded machine a request reaches the server late, which
        # shortens the gap the server sees)
        assert len(slow) == 3 and slow[1] - slow[0] >= 0.3 + 0.6 and slow[2] - slow[1] >= 0.6 + 0.6
        assert not [r for r in first if "elsewhere" in r.path]

        # every response received is in the WARC files, which warcio reads (the slow page's came too late)
        records = warc_responses(archive)
        answered = sorted((r.path, r.status) for r in first if r.status and r.path != "/press-releases/slow")
        archived = sorted((uri.removeprefix(server.base), status) for uri, status, _, _ in records)
        assert archived == answered

        report = json.loads((tmp_path / "report.json").read_text())
        assert report["fetched"] == 10 and report["skipped"]["robots"][0]["url"].endswith("/internal/500003")
        assert [f["url"].removeprefix(server.base) for f in report["failed"]] == ["/press-releases/slow"]
        assert "timeout" in report["failed"][0]["reason"]
        assert [g["url"].removeprefix(server.base) for g in report["gone"]] == ["/secretariat/500099"]
        assert report["ingest"]["rejected"] == 1 and "binary file" in report["ingest"]["rejected_pages"][0]["reason"]
        # the Russian translation is read without a warning: its dateline's city (ВАРШАВА) is Warsaw by the
        # name GeoNames gives it (page reader, round 7; it matched no city of the data before)
        assert report["ingest"]["ingested"] + report["ingest"]["warnings"] + report["ingest"]["unchanged"] == 9
        assert report["ingest"]["warnings"] == 0
        assert report["ingest"]["runs"] == 4  # after pages 4, 8 and 12 of 14, then at the end

        # a second identical run downloads no page again: robots.txt, the index (304), the failed page
        code, output = harvest(*args, store=store_path)
        again = page_paths(site, len(first))
        assert set(again) == {"/press-releases/slow"}, again
        assert [r.status for r in site.log[len(first):] if r.path == "/sitemap.xml"] == [304]
        assert "0 fetched" in output and "11 already held" in output

    store = GraphStore.open(store_path)
    try:
        names = set(store.graph_names())
        for key in ("node-500001", "node-500002", "node-500004", "node-500005", "node-500006", "node-500008", "node-500010",
                    "node-500008.ru"):
            assert iri.graph("page", key) in names, key
        assert iri.graph("page", "node-500003") not in names
        # the translation is linked to the English release
        assert (iri.document("node-500008.ru"), SCHEMA.translationOfWork, iri.document("node-500008")) in \
            store.graph(iri.graph("page", "node-500008.ru"))
        # the capture date is the WARC-Date, and the fetched URL is among the document's URLs
        dates = {uri: day[:10] for uri, _, day, _ in records}
        graph = store.graph(iri.graph("page", "node-500001"))
        captured = {str(o) for o in graph.objects(None, OSCE.capturedOn)}
        assert captured == {dates[f"{server.base}/secretariat/500001"]}
        assert URIRef(f"{server.base}/secretariat/500001") in set(graph.objects(iri.document("node-500001"), SCHEMA.url))
        harvested = page_graphs(store)
    finally:
        store.close()

    # replaying the archive into a fresh store (with the reference data) gives the same page graphs
    replay = tmp_path / "replay"
    shutil.copytree(template_store, replay)
    result = CliRunner().invoke(main, ["ingest", str(archive), "--store", str(replay)])
    assert result.exit_code == 1 and "1 rejected" in result.output  # the malformed page, again
    replayed_store = GraphStore.open(replay)
    try:
        replayed = page_graphs(replayed_store)
    finally:
        replayed_store.close()
    assert len(harvested) == 8
    assert_same_graphs(harvested, replayed)


def test_changed_lastmod_refetches_conditionally_and_gone_pages_are_flagged(tmp_path, template_store, store_path):
    archive = tmp_path / "archive"
    with SiteServer() as server:
        site = server.site
        args = ["--sitemap", f"{server.base}/sitemap.xml", "--delay", "0.05", "--archive", str(archive), *FAST]
        harvest(*args, store=store_path)
        start = len(site.log)
        site.lastmod["/secretariat/500001"] = "2025-05-01T09:00:00+00:00"  # changed, with new text
        site.corrected.add("/secretariat/500001")
        site.lastmod["/secretariat/500010"] = "2025-05-01T09:00:00+00:00"  # said to change, but the same bytes
        site.gone.add("/mission-to-serbia/500002")
        code, output = harvest(*args, "--report", str(tmp_path / "second.json"), store=store_path)
        second = site.log[start:]
        assert set(page_paths(site, start)) == {"/secretariat/500001", "/secretariat/500010", "/press-releases/slow"}
        conditional = [r for r in second if r.path in ("/secretariat/500001", "/secretariat/500010")]
        assert all(r.headers.get("If-None-Match") for r in conditional)
        assert sorted(r.status for r in conditional) == [200, 304]
        report = json.loads((tmp_path / "second.json").read_text())
        assert report["fetched"] == 1 and report["not_modified"] == 1
        # the page that disappeared is found on a refresh
        start = len(site.log)
        code, output = harvest(*args, "--refresh", store=store_path)
        assert [r.status for r in site.log[start:] if r.path == "/mission-to-serbia/500002"] == [404]
        assert "gone: " in output and "500002" in output
    store = GraphStore.open(store_path)
    try:
        gone = store.graph(iri.graph("page", "node-500002"))
        assert len(gone) > 20  # the graph is kept ...
        flags = list(gone.objects(iri.document("node-500002"), OSCE.foundGoneOn))
        assert [str(f) for f in flags] == [time.strftime("%Y-%m-%d", time.gmtime())]  # ... and flagged
        updated = store.graph(iri.graph("page", "node-500001"))
        assert any("correction" in str(o) for o in updated.objects(iri.document("node-500001"), SCHEMA.text))
        harvested = page_graphs(store)
    finally:
        store.close()
    # the archive of the three runs replays to the same graphs: the corrected page, the gone one flagged
    replay = tmp_path / "replay"
    shutil.copytree(template_store, replay)
    CliRunner().invoke(main, ["ingest", str(archive), "--store", str(replay)])
    replayed_store = GraphStore.open(replay)
    try:
        replayed = page_graphs(replayed_store)
    finally:
        replayed_store.close()
    assert_same_graphs(harvested, replayed)


def test_listing_is_paged_until_known_items(tmp_path):
    archive = tmp_path / "archive"
    with SiteServer() as server:
        site = server.site
        args = ["--listing", "press-releases", "--base-url", server.base, "--delay", "0.05", "--archive", str(archive), *FAST]
        code, output = harvest(*args)
        assert code == 0, output
        listing_pages = [r.path for r in site.log if r.path.startswith("/press-releases")]
        assert listing_pages == ["/press-releases", "/press-releases?page=1", "/press-releases?page=2"]
        assert sorted(page_paths(site)) == ["/secretariat/600001", "/secretariat/600002", "/secretariat/600003"]
        # a new item on top: the next run reads the first listing page only, and fetches the new item
        site.listed[0].insert(0, "/secretariat/600004")
        start = len(site.log)
        harvest(*args)
        assert [r.path for r in site.log[start:] if r.path.startswith("/press-releases")] == ["/press-releases"]
        assert page_paths(site, start) == ["/secretariat/600004"]
        # --since stops paging at the first page older than it
        start = len(site.log)
        harvest(*args, "--since", "2025-01-08", "--refresh", "--archive", str(tmp_path / "other"))
        assert [r.path for r in site.log[start:] if r.path.startswith("/press-releases")] == ["/press-releases", "/press-releases?page=1"]
        assert sorted(page_paths(site, start)) == ["/secretariat/600003", "/secretariat/600004"]


def test_a_run_killed_with_sigkill_resumes_without_losing_or_refetching(tmp_path, store_path):
    archive = tmp_path / "archive"
    with SiteServer() as server:
        site = server.site
        command = [sys.executable, "-m", "osce_kg", "harvest", "--sitemap", f"{server.base}/sitemap.xml", "--delay", "0.05",
                   "--archive", str(archive), "--store", str(store_path), *FAST]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        site.kill = ("/secretariat/500010", process.pid)  # killed while it waits for this answer
        assert process.wait(timeout=60) == -9
        site.kill = None
        before = {r.path for r in site.log if r.status == 200} - {"/robots.txt", "/sitemap.xml"}
        held = warc_responses(archive)
        assert held and all(status for _, status, _, _ in held)  # the archive reads to its end
        start = len(site.log)
        subprocess.run(command, capture_output=True, timeout=60)
        again = page_paths(site, start)
    # nothing archived before the kill is asked for again (the Albanian release is reached again
    # through /old-link, a URL the killed run had not fetched)
    assert not (set(again) & before - {"/presence-in-albania/500004"}), again
    assert "/secretariat/500010" in again
    assert {uri.removeprefix(server.base) for uri, status, _, _ in warc_responses(archive) if status == 200} >= FETCHABLE
    store = GraphStore.open(store_path)
    try:
        assert iri.graph("page", "node-500001") in set(store.graph_names())
        assert iri.graph("page", "node-500010") in set(store.graph_names())
    finally:
        store.close()


def test_an_unfinished_record_is_cut_off_when_the_archive_is_opened(tmp_path):
    archive = tmp_path / "archive"
    with SiteServer() as server:
        args = [f"{server.base}/secretariat/500001", f"{server.base}/secretariat/500010", "--delay", "0.02",
                "--archive", str(archive), *FAST]
        harvest(*args)
        (warc,) = archive.glob("*.warc.gz")
        complete = warc.read_bytes()
        with warc.open("ab") as handle:  # what a kill in the middle of a write leaves
            handle.write(complete[400:900])
        code, output = harvest(*args)
    assert "cut back from" in output
    assert warc.read_bytes() == complete
    assert len(warc_responses(archive)) == 3  # robots.txt and the two pages; the second run asked for nothing


def test_robots_crawl_delay_and_size_cap(tmp_path):
    with SiteServer() as server:
        site = server.site
        code, output = harvest(f"{server.base}/secretariat/500001", f"{server.base}/secretariat/500010",
                               "--delay", "0.05", "--max-bytes", "600", "--archive", str(tmp_path / "a"), *FAST)
        assert code == 1 and "larger than the cap of 600 bytes" in output
        assert "3 requests (0 retries" in output  # robots.txt and the two pages: a cap is not retried
        start = len(site.log)
        answer = site.answer
        site.answer = lambda path, query: (  # type: ignore[method-assign]
            (200, {"Content-Type": "text/plain"}, b"User-agent: *\nCrawl-delay: 0.3\nDisallow: /internal/\n")
            if path == "/robots.txt" else answer(path, query))
        # robots.txt, three pages and the Russian translation the English one links to
        harvest(f"{server.base}/secretariat/500001", f"{server.base}/secretariat/500010", f"{server.base}/odihr/500008",
                "--delay", "0.05", "--archive", str(tmp_path / "b"), "--warc-size", "2000", *FAST)
        # the archive rolls over to a new file once one passes --warc-size
        assert len(list((tmp_path / "b").glob("*.warc.gz"))) >= 2 and len(warc_responses(tmp_path / "b")) == 5
        times = [r.at for r in site.log[start:]]
        assert len(times) == 5 and min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.3


def test_dates_max_pages_and_concurrency(tmp_path):
    with SiteServer() as server:
        site = server.site
        sitemap = f"{server.base}/sitemap.xml"
        # publication dates from the news sitemap bound the crawl; the ODIHR sitemap states none, and
        # its lastmod (after --since) cannot tell, so its release and translation are fetched
        harvest("--sitemap", sitemap, "--since", "2025-03-15", "--until", "2025-03-31", "--delay", "0.02",
                "--archive", str(tmp_path / "a"), *FAST)
        assert set(page_paths(site)) == {"/secretariat/500005", "/secretariat/500006", "/press-releases/slow", "/old-link",
                                         "/presence-in-albania/500004", "/offsite", "/secretariat/500099", "/secretariat/500007",
                                         "/odihr/500008", "/ru/odihr/500008"}
        # --max-pages stops a run; the next run carries on with the pages left
        start = len(site.log)
        code, output = harvest("--sitemap", sitemap, "--max-pages", "2", "--delay", "0.02", "--archive", str(tmp_path / "b"), *FAST)
        assert page_paths(site, start) == ["/secretariat/500001", "/mission-to-serbia/500002"]
        assert "stopped at --max-pages 2" in output
        start = len(site.log)
        harvest("--sitemap", sitemap, "--max-pages", "2", "--delay", "0.02", "--archive", str(tmp_path / "b"), *FAST)
        assert page_paths(site, start)[:1] == ["/presence-in-albania/500004"]
        # two requests in flight to the host at most, their starts --delay apart (the answers take
        # less than the timeout: a request given up and retried would leave the server one more in flight)
        site.page_seconds, site.most_in_flight = 0.3, 0
        start = len(site.log)
        urls = [f"{server.base}{p}" for p in ("/secretariat/500001", "/mission-to-serbia/500002", "/secretariat/500010",
                                               "/odihr/500008", "/presence-in-albania/500004")]
        harvest(*urls, "--concurrency", "2", "--delay", "0.1", "--archive", str(tmp_path / "c"), *FAST)
        times = [r.at for r in site.log[start:]]
        # (starts are spaced when sent; a thread reaches the server some milliseconds after its turn, more
        # on a loaded machine, so the spread of the starts is checked, not each gap)
        assert site.most_in_flight == 2 and times[-1] - times[0] >= (len(times) - 1) * 0.1 - 0.1
