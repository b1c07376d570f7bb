"""What an ingest reads: the unit of input (PageInput), the page files found on disk, their bytes.

A PageInput is small and picklable: worker processes receive it and read the bytes themselves
(read_page), so no page text crosses between processes on the way in. A page that is not a saved
file of its own (a record of a WARC archive, issue 10) is a PageInput too, carrying the URL and
the capture time that the archive states; read_page is the one place that gets its bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from osce_kg import paths
from osce_kg.errors import InputError

PAGE_SUFFIXES = (".txt", ".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")


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
        """The page as messages name it: its file, or the archive and offset of its record."""
        return self.path if self.member is None else Path(self.location)

    def captured_on(self) -> str:
        """The capture day, ISO 8601."""
        if self.captured is not None:
            return self.captured.date().isoformat()
        return date.fromtimestamp(self.path.stat().st_mtime).isoformat()


def read_page(page: PageInput) -> bytes:
    """The bytes of one page: its file, or its record in a WARC archive (pages.warc)."""
    if page.member is not None:
        from osce_kg.pages.warc import read_record

        return read_record(page.path, page.member)
    return page.path.read_bytes()


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def page_files(paths_: Iterable[Path]) -> list[Path]:
    """The page files named or found (recursively) in folders, sorted, without duplicates."""
    found: list[Path] = []
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            found += [f for f in sorted(p.rglob("*")) if f.is_file() and (f.suffix.lower() in PAGE_SUFFIXES or is_warc(f))]
        elif p.exists():
            found.append(p)
        else:
            raise InputError("no such file or folder", p)
    return list(dict.fromkeys(found))


def page_inputs(paths_: Iterable[Path]) -> list[PageInput]:
    """The page files named or found in folders (page_files), WARC archives left out (pages.warc reads those)."""
    return [PageInput.of_file(f) for f in page_files(paths_) if not is_warc(f)]


def recorded_path(path: Path) -> str:
    """A page's path as PROV records it: relative to the bundled sources or the workspace when inside either."""
    return paths.relative_to_sources(path)
