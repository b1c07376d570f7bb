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
from rdflib import Literal
from rdflib.namespace import PROV
from tests.pages_support import GOOD_PAGES, gazetteer_of, reference_store

from osce_kg import iri
from osce_kg.iri import OSCE
from osce_kg.pages.ingest import ingest_paths
from osce_kg.parse.page import PageReader
from osce_kg.query.catalog import load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.results import Solutions

CATALOG = load_catalog()


@pytest.fixture
def store():
    s = reference_store()
    yield s
    s.close()


def set_captured(path: Path, day: date) -> None:
    stamp = datetime(day.year, day.month, day.day, 12).timestamp()
    os.utime(path, (stamp, stamp))


def edit_menu(path: Path, drop: str | None = None, add_after: tuple[str, str] | None = None) -> None:
    """Change the menu of a fixture copy: drop an entry line, or add one after another."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if drop:
        lines.remove(drop)
    if add_after:
        lines.insert(lines.index(add_after[0]) + 1, add_after[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def dated_pages(tmp_path: Path) -> Path:
    """The layout-A text fixtures, each captured on another day of 2024 (a07 first, a01 last);
    the fixtures share one menu, so two copies get menus of their own (an entry left, one came)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = sorted(GOOD_PAGES.glob("a0*.txt"))
    for n, page in enumerate(pages):
        copy = folder / page.name
        shutil.copy(page, copy)
        if n == 2:
            edit_menu(copy, drop="- Czech Republic")
        if n in (4, 5):
            edit_menu(copy, add_after=("- Mission to Skopje", "- Mission to Moldova"))
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


def menu_graphs(store) -> list:
    return [g for g in store.graph_names() if iri.graph_kind(g) == "menu"]


def distinct_menus(store, folder: Path) -> set[tuple]:
    reader = PageReader(gazetteer_of(store))
    return {tuple((s.title, tuple(s.entries)) for s in reader.read(p, p.read_bytes()).menu) for p in folder.glob("*.txt")}


def test_each_distinct_menu_is_stored_once_and_pages_keep_a_dated_link(store, dated_pages: Path) -> None:
    assert ingest_paths(store, [dated_pages]).ok
    assert len(menu_graphs(store)) == len(distinct_menus(store, dated_pages)) == 3
    rows = store.query("""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?g ?version WHERE { GRAPH ?g { ?s osce:showsMenu ?version } }""")
    pages = [g for g in store.graph_names() if iri.graph_kind(g) == "page"]
    assert sorted(str(r["g"]) for r in rows) == sorted(str(g) for g in pages)
    # a page graph holds no menu entry: the entries live in the version's graph, named by its hash
    page_prefix = iri.graph("page", "x")[:-1]
    assert not store.query(f"ASK {{ GRAPH ?g {{ ?s <{OSCE.menuEntry}> ?e }} FILTER(STRSTARTS(STR(?g), \"{page_prefix}\")) }}")
    for version in {r["version"] for r in rows}:
        assert iri.graph("menu", str(version).rsplit("/", 1)[1]) in menu_graphs(store)


def test_a_version_another_page_shows_is_kept_and_one_nobody_shows_is_dropped(store, tmp_path: Path) -> None:
    first, second = tmp_path / "a01.txt", tmp_path / "a02.txt"
    shutil.copy(GOOD_PAGES / "a01_border_police_tirana.txt", first)
    shutil.copy(GOOD_PAGES / "a02_witness_protection_podgorica.txt", second)
    assert ingest_paths(store, [first, second]).ok
    [shared] = menu_graphs(store)

    edit_menu(first, drop="- Albania")
    assert ingest_paths(store, [first]).ok
    # the second page still shows the old menu: replacing the first page's graph must not drop it
    assert shared in menu_graphs(store) and len(menu_graphs(store)) == 2
    assert ("Participating States", "Albania") in {(s, e) for s, e, *_ in menu_changes(store)}

    edit_menu(second, drop="- Albania")
    assert ingest_paths(store, [second]).ok
    # now nobody shows it: it went with the replaced graph, in the same commit
    assert shared not in menu_graphs(store) and len(menu_graphs(store)) == 1
    assert ("Participating States", "Albania") not in {(s, e) for s, e, *_ in menu_changes(store)}
    assert {n for *_, n in menu_changes(store)} == {2}


def test_the_menu_versions_graph_records_the_page_that_first_showed_it(store, dated_pages: Path) -> None:
    first = sorted(dated_pages.glob("*.txt"))[0]
    assert ingest_paths(store, [first]).ok
    [name] = menu_graphs(store)
    [doc] = PageReader(gazetteer_of(store)).read(first, first.read_bytes()).documents
    assert (name, PROV.wasDerivedFrom, iri.document(doc.key or "")) in store.graph(name)
    [source] = [s for s in store.graph(name).objects(name, PROV.wasDerivedFrom) if s != iri.document(doc.key or "")]
    assert (source, PROV.atLocation, Literal(first.resolve().as_posix())) in store.graph(name)
    assert ingest_paths(store, [dated_pages]).ok
    assert (name, PROV.wasDerivedFrom, iri.document(doc.key or "")) in store.graph(name)


def test_a_rebuild_carries_an_ingested_page_over_with_its_menu_version(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from osce_kg import paths
    from osce_kg.cli import main

    data, store_dir = tmp_path / "data", tmp_path / "store"
    shutil.copytree(paths.DATA_DIR, data, ignore=shutil.ignore_patterns("pages"))
    (data / "pages").mkdir()
    build = ["build", "--store", str(store_dir), "--data", str(data), "--no-dist", "-q"]
    assert CliRunner().invoke(main, build).exit_code == 0
    page = GOOD_PAGES / "a01_border_police_tirana.txt"
    assert CliRunner().invoke(main, ["ingest", "--store", str(store_dir), str(page)]).exit_code == 0

    rebuilt = CliRunner().invoke(main, build)
    # the build validates the whole store: a carried snapshot without its version would not conform
    assert rebuilt.exit_code == 0, rebuilt.output
    from osce_kg.store import GraphStore

    store = GraphStore.open_read_only(store_dir)
    try:
        assert len(menu_graphs(store)) == 1
        rows = menu_changes(store, section="Participating States")
        assert ("Participating States", "Albania") in {(s, e) for s, e, *_ in rows}
    finally:
        store.close()
