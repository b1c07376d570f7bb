"""The harvester's parts on their own: Retry-After, robots.txt verdicts, sitemaps, listings, URL
files, decompression caps, and WARC input that is not what it should be."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from click.testing import CliRunner
from tests.harvest_site import LISTED, Site, SiteServer, listing_html

from osce_kg.cli import main
from osce_kg.errors import InputError
from osce_kg.harvest.client import inflate, retry_after
from osce_kg.harvest.discover import next_page, parse_listing, parse_sitemap, url_file, url_language
from osce_kg.harvest.robots import RobotsRules
from osce_kg.pages.warc import archive_pages


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after("120", 5.0) == 120.0
    assert retry_after(None, 5.0) == 5.0 and retry_after("soon", 5.0) == 5.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    assert 85 <= retry_after(later, 5.0) <= 90


def test_robots_txt_missing_allows_and_unreadable_stops_the_host():
    assert RobotsRules.from_response(404, b"").allowed("https://www.osce.org/x")
    unreadable = RobotsRules.from_response(503, b"")
    assert not unreadable.allowed("https://www.osce.org/x") and "503" in (unreadable.reason or "")
    rules = RobotsRules.from_response(200, b"User-agent: osce-kg\nDisallow: /files/\nCrawl-delay: 4\n"
                                           b"User-agent: *\nDisallow: /\n")
    assert rules.allowed("https://www.osce.org/secretariat/1") and not rules.allowed("https://www.osce.org/files/a.pdf")
    assert rules.crawl_delay() == 4.0


def test_sitemaps_gzip_index_and_what_is_not_a_sitemap():
    site = Site(base="http://mirror.example")
    index = parse_sitemap(site.sitemap_index(), "http://mirror.example/sitemap.xml", "v")
    assert [c for c, _ in index.children] == ["http://mirror.example/sitemaps/releases.xml",
                                              "http://mirror.example/sitemaps/odihr.xml.gz"]
    odihr = parse_sitemap(site.odihr_sitemap(), "http://mirror.example/sitemaps/odihr.xml.gz", "v")
    assert odihr.pages[0].alternates == {"ru": "http://mirror.example/ru/odihr/500008"}
    releases = parse_sitemap(site.releases_sitemap(), "http://mirror.example/sitemaps/releases.xml", "v")
    assert releases.pages[0].published == "2025-03-03" and releases.pages[0].lastmod.startswith("2025-04-05")
    with pytest.raises(InputError, match="root element is <html>"):
        parse_sitemap(b"<html><body>Not here</body></html>", "u", "v")
    with pytest.raises(InputError, match="not well-formed"):
        parse_sitemap(b"<urlset><url><loc>x</loc>", "u", "v")
    # an external entity is not fetched or expanded
    evil = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]>' \
           b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a/&e;</loc></url></urlset>'
    assert [p.url for p in parse_sitemap(evil, "u", "v").pages] == ["http://a/"]


def test_a_decompression_bomb_is_refused():
    with pytest.raises(ValueError, match="inflates to more than"):
        inflate(gzip.compress(b"\0" * 1_000_000), 10_000)
    assert inflate(gzip.compress(b"abc"), 10) == b"abc"


def test_listing_items_links_dates_and_paging():
    html = listing_html(0, LISTED[0]).encode()
    items, following, warnings = parse_listing(html, "https://www.osce.org/press-releases", "v")
    assert [(i.url, i.published) for i in items] == [("https://www.osce.org/secretariat/600003", "2025-01-09"),
                                                    ("https://www.osce.org/secretariat/600002", "2025-01-07")]
    assert following == "https://www.osce.org/press-releases?page=1" and not warnings
    assert parse_listing(listing_html(5, []).encode(), "https://www.osce.org/press-releases?page=5", "v")[:2] == ([], None)
    assert next_page("https://www.osce.org/press-releases?page=3&type=x") == "https://www.osce.org/press-releases?page=4&type=x"
    assert url_language("https://www.osce.org/ru/odihr/1") == "ru" and url_language("https://www.osce.org/pc/1") == "en"


def test_url_file_names_the_bad_line(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# releases\nhttps://www.osce.org/secretariat/1\n\nwww.osce.org/secretariat/2\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        url_file(path)
    assert str(error.value) == f"{path}:4: not an http(s) URL (value: 'www.osce.org/secretariat/2')"


def test_a_retry_after_longer_than_max_wait_fails_the_url_not_the_run(tmp_path):
    with SiteServer(Site(retry_after=3600)) as server:
        result = CliRunner().invoke(main, ["harvest", f"{server.base}/secretariat/500005", f"{server.base}/secretariat/500001",
                                           "--delay", "0.02", "--max-wait", "60", "--archive", str(tmp_path), "--no-ingest"])
    assert result.exit_code == 1
    assert "Retry-After 3600 s is longer than --max-wait 60 s" in result.output and "1 fetched" in result.output


def test_a_broken_archive_is_reported_and_the_others_read(tmp_path):
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00not gzip at all")
    (tmp_path / "empty.warc").write_bytes(b"")
    pages, gone, problems = archive_pages(sorted(tmp_path.iterdir()))
    assert pages == [] and gone == [] and len(problems) == 1 and "broken.warc.gz: not a readable WARC archive" in problems[0]


def test_a_listing_that_ignores_paging_is_not_paged_forever(tmp_path):
    site = Site(listed={n: ["/secretariat/600001", "/secretariat/600002"] for n in range(100)})
    with SiteServer(site) as server:
        result = CliRunner().invoke(main, ["harvest", "--listing", "press-releases", "--base-url", server.base, "--delay", "0.01",
                                           "--archive", str(tmp_path), "--no-ingest"])
    assert result.exit_code == 0, result.output
    assert [r.path for r in site.log if r.path.startswith("/press-releases")] == ["/press-releases", "/press-releases?page=1"]
    assert "2 fetched" in result.output


def _write_warc(path, records: list[tuple[str, str, str]]) -> None:
    """A gzipped WARC of HTML responses (url, WARC-Date, HTTP status line), written with warcio."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, when, status in records:
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(b"<html><body><p>x</p></body></html>"),
                                                          http_headers=http, warc_headers_dict={"WARC-Date": when}))


def test_a_bad_record_is_skipped_with_its_offset_and_the_archive_read_on(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    _write_warc(path, [
        ("https://www.osce.org/secretariat/1", "2025-01-02T10:00:00Z", "200 OK"),
        ("https://www.osce.org/secretariat/{4}", "2025-01-02T10:00:01Z", "200 OK"),
        ("https://www.osce.org/secretariat/2", "last Tuesday", "200 OK"),
        ("https://www.osce.org/secretariat/3", "2025-01-02T10:00:03Z", "404 Not Found"),
    ])
    pages, gone, problems = archive_pages([path])
    assert [p.url for p in pages] == ["https://www.osce.org/secretariat/1"]
    assert [(g.url, g.since) for g in gone] == [("https://www.osce.org/secretariat/3", "2025-01-02")]
    assert len(problems) == 2
    assert "record at offset" in problems[0] and "is not a valid IRI" in problems[0] and "secretariat/{4}" in problems[0]
    assert "WARC-Date 'last Tuesday' is not an ISO 8601 date" in problems[1]


def test_ingest_of_an_archive_with_a_bad_record_names_it_and_exits_1(tmp_path):
    path = tmp_path / "bad.warc.gz"
    _write_warc(path, [("https://www.osce.org/secretariat/2", "last Tuesday", "200 OK")])
    result = CliRunner().invoke(main, ["ingest", str(path), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1, result.output
    assert f"rejected: {path}: record at offset 0 skipped: its WARC-Date 'last Tuesday' is not an ISO 8601 date" in result.output
