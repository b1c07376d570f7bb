"""The site menu as dated evidence: what `menu-changes` answers, computed from the pages' own menus.

Each layout-A fixture page is copied with a capture date of its own (a file's modification date is
its capture date), ingested, and the query's rows are compared with the rows worked out here from
the menus the pages show: per (section, entry), the first and last capture date and the number of
snapshots (one per document of a page that shows the entry).
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from osce_kg.pages.ingest import ingest_paths
from osce_kg.parse.page import PageReader
from osce_kg.query.catalog import load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.results import Solutions
from tests.pages_support import GOOD_PAGES, gazetteer_of, reference_store

CATALOG = load_catalog()


@pytest.fixture
def store():
    s = reference_store()
    yield s
    s.close()


def set_captured(path: Path, day: date) -> None:
    stamp = datetime(day.year, day.month, day.day, 12).timestamp()
    os.utime(path, (stamp, stamp))


@pytest.fixture
def dated_pages(tmp_path: Path) -> Path:
    """The layout-A text fixtures, each captured on another day of 2024 (a07 first, a01 last)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = sorted(GOOD_PAGES.glob("a0*.txt"))
    for n, page in enumerate(pages):
        copy = folder / page.name
        shutil.copy(page, copy)
        set_captured(copy, date(2024, 1 + len(pages) - n, 10 + n))
    return folder


def menu_changes(store, **params: str) -> set[tuple[str, str, str, str, int]]:
    result = run_local(store, CATALOG["menu-changes"].bound(params))
    assert isinstance(result, Solutions)
    return {(str(r["sectionName"]), str(r["entry"]), str(r["firstSeen"]), str(r["lastSeen"]), int(r["snapshots"]))
            for r in result.rows}


def expected_changes(store, folder: Path) -> set[tuple[str, str, str, str, int]]:
    """The rows worked out from the pages' menus and capture dates, without the store."""
    reader = PageReader(gazetteer_of(store))
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    keys: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        page = reader.read(path, path.read_bytes())
        captured = date.fromtimestamp(path.stat().st_mtime).isoformat()
        for doc in page.documents:
            keys.append(doc.key or "")
            shown = {(section.title, entry) for section in page.menu for entry in section.entries}
            for pair in shown:
                seen[pair].append(captured)
    assert len(keys) == len(set(keys)), "each document its own graph, so each snapshot counts"
    return {(s, e, min(days), max(days), len(days)) for (s, e), days in seen.items()}


def test_menu_changes_gives_first_and_last_day_and_snapshots_of_each_entry(store, dated_pages: Path) -> None:
    assert ingest_paths(store, [dated_pages]).ok
    expected = expected_changes(store, dated_pages)
    # the fixtures share entries across pages captured on different days: the test can tell min from max
    assert any(first != last for _, _, first, last, _ in expected)
    assert any(n > 1 for *_, n in expected)
    assert menu_changes(store) == expected
    assert menu_changes(store, section="field") == {row for row in expected if "field" in row[0].lower()}
