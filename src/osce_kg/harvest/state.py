"""The crawl's memory between runs: one SQLite file in the archive folder.

What it knows of each URL (discovered by which source, the sitemap's lastmod, the publication
date, the validators ETag / Last-Modified, where its last answer is in the WARC files, whether the
page was found gone and when), how far each listing was paged, and how many bytes of each WARC
file are complete. A URL's row and its WARC file's committed length change in one transaction,
after the records are on disk: a run killed at any moment leaves a state that points only at
complete records, and the bytes written after the last commit are cut off when the archive is
opened again (archive.WarcArchive.repair).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

STATE_FILE = "harvest-state.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,              -- page, sitemap, listing, robots
    via TEXT,                        -- the discovery source (sitemap or listing URL, 'explicit')
    language TEXT,
    lastmod TEXT,                    -- as the sitemap said it, at the last fetch
    published TEXT,                  -- publication date (ISO) from the sitemap or listing
    status TEXT NOT NULL DEFAULT 'pending',  -- pending, fetched, gone, failed, skipped
    http_status INTEGER,
    reason TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT,                 -- WARC-Date of the last answer
    warc_file TEXT,                  -- where the last 200 (or 404/410) response record starts
    warc_offset INTEGER,
    record_id TEXT,
    record_url TEXT,                 -- its WARC-Target-URI (the URL after redirects)
    gone_since TEXT,
    ingested_record TEXT             -- the record id last ingested into the store
);
CREATE TABLE IF NOT EXISTS listings (
    url TEXT PRIMARY KEY,
    last_page INTEGER NOT NULL DEFAULT -1,
    complete INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS warc_files (
    name TEXT PRIMARY KEY,
    length INTEGER NOT NULL
);
"""


@dataclass
class UrlRow:
    url: str
    kind: str
    via: str | None = None
    language: str | None = None
    lastmod: str | None = None
    published: str | None = None
    status: str = "pending"
    http_status: int | None = None
    reason: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    record_id: str | None = None
    record_url: str | None = None
    gone_since: str | None = None
    ingested_record: str | None = None


_COLUMNS = [f.name for f in fields(UrlRow)]


class CrawlState:
    """The state file of one archive folder, shared by the crawl's threads (one lock, autocommit:
    each statement is its own durable transaction)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_FILE
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.lock = threading.Lock()
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut, not only a kill
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The writes of the block in one commit: a commit waits for the disk (~5 ms), and one
        sitemap can list tens of thousands of new URLs. For the thread that opened it only."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with self.lock:
                self.db.execute("ROLLBACK")
            raise
        with self.lock:
            self.db.execute("COMMIT")

    def get(self, url: str) -> UrlRow | None:
        with self.lock:
            row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM urls WHERE url = ?", (url,)).fetchone()
        return UrlRow(*row) if row else None

    def rows(self, where: str = "1", params: tuple = ()) -> list[UrlRow]:
        with self.lock:
            found = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM urls WHERE {where} ORDER BY url", params).fetchall()
        return [UrlRow(*row) for row in found]

    def put(self, row: UrlRow) -> None:
        """Insert or replace one URL's row."""
        with self.lock:
            self.db.execute(
                f"INSERT OR REPLACE INTO urls ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                tuple(getattr(row, c) for c in _COLUMNS),
            )

    def commit_warc(self, name: str, length: int) -> None:
        """Records up to `length` bytes of WARC file `name` are complete and on disk. Never
        shortens: with several threads, a later commit may carry an earlier length."""
        with self.lock:
            self.db.execute("INSERT INTO warc_files (name, length) VALUES (?, ?) "
                            "ON CONFLICT(name) DO UPDATE SET length = max(length, excluded.length)", (name, length))

    def warc_lengths(self) -> dict[str, int]:
        with self.lock:
            return dict(self.db.execute("SELECT name, length FROM warc_files"))

    def listing(self, url: str) -> tuple[int, bool]:
        """The deepest page fetched of a listing (-1: none) and whether it was paged to its end."""
        with self.lock:
            row = self.db.execute("SELECT last_page, complete FROM listings WHERE url = ?", (url,)).fetchone()
        return (row[0], bool(row[1])) if row else (-1, False)

    def set_listing(self, url: str, last_page: int, complete: bool) -> None:
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO listings (url, last_page, complete) VALUES (?, ?, ?)",
                            (url, last_page, int(complete)))

    def mark_ingested(self, urls_records: list[tuple[str, str]]) -> None:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("UPDATE urls SET ingested_record = ? WHERE url = ?", [(r, u) for u, r in urls_records])
            self.db.execute("COMMIT")
