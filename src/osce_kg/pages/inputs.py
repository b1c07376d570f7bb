"""What an ingest reads: the unit of input (PageInput), the page files found on disk, their bytes.

A PageInput is small and picklable: worker processes receive it and read the bytes themselves
(read_page), so no page text crosses between processes on the way in. A page that is not a saved
file of its own (a record of a WARC archive, issue 10) is a PageInput too, carrying the URL and
the capture time that the archive states; read_page is the one place that gets its bytes.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from osce_kg import paths
from osce_kg.errors import InputError

PAGE_SUFFIXES = (".txt", ".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")

MAX_BYTES = 5_000_000
"""Largest page read, by default (--max-size): osce.org pages weigh tens to hundreds of kB; the
pathological ones of issue 14 (lines of megabytes full of known names, 100,000-item listings)
took minutes and gigabytes."""


@dataclass(frozen=True)
class PageInput:
    """One page to ingest, and where it came from."""

    location: str
    """Where the page was read, as PROV records it (prov:atLocation): an ingest finds the graphs
    that a page gave before by this, so it must stay the same from one run to the next."""
    path: Path
    """The file to read: the page file itself, or the archive that holds the page."""
    url: str | None = None
    """The URL the page was fetched from, when known (the canonical URL stated in the page wins)."""
    captured: datetime | None = None
    """When the page was fetched; None: the file's modification time (the day the copy was saved)."""
    member: int | None = None
    """Where the page is inside `path` (the offset of a WARC record); None for a page file."""

    @classmethod
    def of_file(cls, path: Path) -> PageInput:
        return cls(recorded_path(path), path)

    @property
    def shown(self) -> Path:
        """The page as messages name it: its file, or the archive and offset of its record; on one
        printable line, whatever bytes the file's name holds."""
        return Path(printable(str(self.path))) if self.member is None else Path(self.location)

    def captured_on(self) -> str:
        """The capture day, ISO 8601."""
        if self.captured is not None:
            return self.captured.date().isoformat()
        return date.fromtimestamp(self.path.stat().st_mtime).isoformat()


def read_page(page: PageInput, max_bytes: int | None = MAX_BYTES) -> bytes:
    """The bytes of one page, at most `max_bytes`: its file, or its record in a WARC archive
    (pages.warc); InputError for anything but a regular file (a FIFO would block the reader for
    ever, a device never end)."""
    if page.member is not None:
        from osce_kg.pages.warc import read_record

        data = read_record(page.path, page.member)
        if max_bytes is not None and len(data) > max_bytes:
            raise InputError(_too_large(len(data), max_bytes), page.shown)
        return data
    try:
        kind = _kind(os.stat(page.path).st_mode)
        if kind is not None:
            raise InputError(f"not a regular file ({kind}): not read", page.shown)
        # O_NONBLOCK: had the file been swapped for a FIFO since, opening it must not wait for a writer
        fd = os.open(page.path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", page.shown) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise InputError(f"not a regular file ({kind}): not read", page.shown)
        if max_bytes is not None and info.st_size > max_bytes:
            raise InputError(_too_large(info.st_size, max_bytes), page.shown)
        data = handle.read(-1 if max_bytes is None else max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(_too_large(len(data), max_bytes), page.shown)
    return data


def _too_large(size: int, limit: int) -> str:
    return f"file too large: {size:,} bytes, more than the limit of {limit:,} (--max-size)"


def _kind(mode: int) -> str | None:
    """What a file is when it is not a regular file."""
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def page_files(paths_: Iterable[Path]) -> list[Path]:
    """The page files named or found (recursively) in folders, sorted, without duplicates.

    Anything with a page suffix in a folder is listed, FIFOs and broken links included, so that
    read_page reports it rather than the run passing it over in silence."""
    found: list[Path] = []
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            found += [f for f in sorted(p.rglob("*")) if (f.suffix.lower() in PAGE_SUFFIXES or is_warc(f)) and not f.is_dir()]
        elif p.exists() or p.is_symlink():
            found.append(p)
        else:
            raise InputError("no such file or folder", printable(str(p)))
    return list(dict.fromkeys(found))


def page_inputs(paths_: Iterable[Path]) -> list[PageInput]:
    """The page files named or found in folders (page_files), WARC archives left out (pages.warc
    reads those; a FIFO or a broken link named like one stays, for read_page to reject)."""
    return [PageInput.of_file(f) for f in page_files(paths_) if not is_archive(f)]


def is_archive(path: Path) -> bool:
    """A WARC archive to read: a regular file with a WARC suffix."""
    return is_warc(path) and path.is_file()


def recorded_path(path: Path) -> str:
    """A page's path as PROV records it: relative to the bundled sources or the workspace when
    inside either; printable, since RDF literals hold text, not the bytes of a file name that is
    not UTF-8."""
    return printable(paths.relative_to_sources(path))


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Text on one printable line: the bytes of a file name that are not UTF-8 (which Python keeps
    as lone surrogates) as \\xNN, control characters and line breaks as escapes."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
