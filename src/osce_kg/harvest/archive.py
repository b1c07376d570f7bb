"""The WARC archive: every HTTP exchange of a harvest, as request and response records (warcio).

warcio writes the records (WARC 1.1, one gzip member per record, the form every archive tool
reads, so a file can be cut at any record boundary and stay valid). Files roll over at
`max_size` bytes and are named the IIPC way, `osce-kg-<UTC timestamp>-<serial>.warc.gz`; a run
never appends to a file an earlier run wrote. Each response record carries `Osce-Kg-Purpose`
(page, sitemap, listing, robots) so that ingest can tell pages from the crawl's own look-ups.

After each exchange the file is flushed and fsync'ed; the crawl state then records the file's
length. `repair` cuts each file back to that committed length when the archive is opened, so the
half-written record of a killed run never reaches a reader.
"""

from __future__ import annotations

import io
import os
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from osce_kg.pages.warc import PURPOSE_HEADER

PREFIX = "osce-kg-"
DEFAULT_MAX_SIZE = 1_000_000_000
"""Bytes after which a new WARC file is started (1 GB, the usual size of archive files)."""


@dataclass
class Exchange:
    """One HTTP request and the response it got, as sent and received (body still content-encoded)."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    started: datetime
    http_version: str = "HTTP/1.1"
    ip: str | None = None


@dataclass
class Written:
    """Where an exchange's response record went."""

    file: str
    offset: int
    record_id: str
    date: str


@dataclass
class WarcArchive:
    """Rolling gzip WARC files in one folder, written by one thread."""

    folder: Path
    software: str
    operator: str | None = None
    max_size: int = DEFAULT_MAX_SIZE
    _handle: BinaryIO | None = field(default=None, init=False)
    _writer: WARCWriter | None = field(default=None, init=False)
    _name: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def repair(self, committed: dict[str, int]) -> list[str]:
        """Cut our files back to their committed lengths (a file the state does not know, to its
        last complete gzip member: the state may be new while the files are not).

        Returns what was done, one line per file, for the run's notes."""
        notes = []
        for path in sorted(self.folder.glob(f"{PREFIX}*.warc.gz")):
            size = path.stat().st_size
            length = committed.get(path.name)
            if length is None:
                length = complete_length(path)
            if size > length:
                with path.open("r+b") as handle:
                    handle.truncate(length)
                    os.fsync(handle.fileno())
                notes.append(f"{path.name}: cut back from {size} to {length} bytes (a killed run's unfinished record)")
        return notes

    def write(self, exchange: Exchange, purpose: str) -> tuple[Written, int]:
        """Write a response record and its request record; durable on return.

        Returns where the response went and the file's new length (to commit to the state)."""
        writer, handle = self._open()
        date = exchange.started.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        http = StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), exchange.response_headers,
                                protocol=exchange.http_version)
        headers = {"WARC-Date": date, PURPOSE_HEADER: purpose}
        if exchange.ip:
            headers["WARC-IP-Address"] = exchange.ip
        response = writer.create_warc_record(exchange.url, "response", payload=io.BytesIO(exchange.body),
                                             length=len(exchange.body), warc_headers_dict=headers, http_headers=http)
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(b""), length=0,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
            http_headers=StatusAndHeaders(f"GET {target} {exchange.http_version}", exchange.request_headers,
                                          is_http_request=True))
        offset = handle.tell()
        writer.write_record(response)
        writer.write_record(request)
        handle.flush()
        os.fsync(handle.fileno())
        assert self._name is not None
        written = Written(self._name, offset, record_id, date)
        length = handle.tell()
        if length >= self.max_size:
            self.close()
        return written, length

    def _open(self) -> tuple[WARCWriter, BinaryIO]:
        if self._writer is not None and self._handle is not None:
            return self._writer, self._handle
        serial = len(list(self.folder.glob(f"{PREFIX}*.warc.gz"))) + 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        self._name = f"{PREFIX}{stamp}-{serial:05d}.warc.gz"
        self._handle = (self.folder / self._name).open("xb")
        self._writer = WARCWriter(self._handle, gzip=True, warc_version="1.1")
        info = {"software": self.software, "format": "WARC File Format 1.1", "robots": "obey",
                "description": "OSCE web pages harvested for the osce-kg knowledge graph"}
        if self.operator:
            info["operator"] = self.operator
        self._writer.write_record(self._writer.create_warcinfo_record(self._name, info))
        return self._writer, self._handle

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._handle, self._writer, self._name = None, None, None


def complete_length(path: Path, chunk: int = 1 << 20) -> int:
    """Bytes up to the end of the last complete gzip member of a file (one member per record)."""
    end = position = 0
    inflate = zlib.decompressobj(31)
    with path.open("rb") as handle:
        while data := handle.read(chunk):
            while data:
                try:
                    inflate.decompress(data)
                except zlib.error:
                    return end
                if not inflate.eof:
                    position += len(data)
                    break
                used = len(data) - len(inflate.unused_data)
                position += used
                end = position
                data = inflate.unused_data
                inflate = zlib.decompressobj(31)
    return end


def read_payload(folder: Path, name: str, offset: int) -> bytes:
    """The decoded body of the response record at `offset` (a sitemap kept from an earlier run)."""
    with (folder / name).open("rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            return record.content_stream().read()
    raise OSError(f"{name}: no record at offset {offset}")
