"""A rebuild keeps the pages ingested from outside data/pages/ (validated with the rest); --fresh drops them."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tests.pages_support import GOOD_PAGES

from osce_kg import iri, paths
from osce_kg.build import atomic
from osce_kg.cli import main
from osce_kg.store import GraphStore

PAGE = GOOD_PAGES / "d03_plain_valletta.txt"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def build(ws: Path, *extra: str) -> Result:
    return run("build", "--store", str(ws / "store"), "--data", str(ws / "data"), "--no-dist", "-q", *extra)


def page_graphs(store_path: Path) -> dict[str, int]:
    store = GraphStore.open_read_only(store_path)
    try:
        return {str(g): n for g, n in store.counts().items() if iri.graph_kind(g) == "page"}
    finally:
        store.close()


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A copy of data/ with one page of its own in pages/, built once, then a fixture page ingested."""
    ws = tmp_path / "ws"
    shutil.copytree(paths.DATA_DIR, ws / "data", ignore=shutil.ignore_patterns("pages"))
    (ws / "data" / "pages").mkdir()
    shutil.copy(GOOD_PAGES / "d01_plain_vienna_forum.txt", ws / "data" / "pages")
    first = build(ws)
    assert first.exit_code == 0, first.output
    assert len(page_graphs(ws / "store")) == 1
    ingested = run("ingest", "--store", str(ws / "store"), str(PAGE))
    assert ingested.exit_code == 0, ingested.output
    return ws


def test_a_rebuild_keeps_the_ingested_page_and_fresh_drops_it(workspace: Path) -> None:
    before = page_graphs(workspace / "store")
    assert len(before) == 2
    rebuilt = build(workspace)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Pages carried over from the previous store: 1 " in rebuilt.output
    assert page_graphs(workspace / "store") == before  # the same graphs, triple for triple in number
    store = GraphStore.open_read_only(workspace / "store")
    try:
        titles = store.query("PREFIX dct: <http://purl.org/dc/terms/> SELECT ?t WHERE { ?d dct:title ?t }")
        assert isinstance(titles, list)
        assert any("Valletta" in str(r["t"]) for r in titles)
    finally:
        store.close()

    fresh = build(workspace, "--fresh")
    assert fresh.exit_code == 0, fresh.output
    assert "carried over" not in fresh.output
    assert len(page_graphs(workspace / "store")) == 1


def test_a_page_removed_from_the_data_folder_is_not_carried_over(workspace: Path) -> None:
    (workspace / "data" / "pages" / "d01_plain_vienna_forum.txt").unlink()
    rebuilt = build(workspace)
    assert rebuilt.exit_code == 0, rebuilt.output
    kept = page_graphs(workspace / "store")
    assert len(kept) == 1 and "Pages carried over from the previous store: 1 " in rebuilt.output


def test_a_carried_page_that_no_longer_conforms_fails_the_build_naming_its_graph(workspace: Path) -> None:
    published = atomic.published_dir(workspace / "store")
    before = page_graphs(workspace / "store")
    carried = graph_naming(workspace / "store", iri.place("valletta"))
    places = workspace / "data" / "places.csv"
    with places.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    kept = [r for r in rows if r["key"] != "valletta"]
    assert len(kept) == len(rows) - 1
    with places.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    failed = build(workspace)
    assert failed.exit_code == 1, failed.output
    assert "must be an osce:City" in failed.stderr
    assert carried in failed.stderr
    assert atomic.published_dir(workspace / "store") == published
    assert page_graphs(workspace / "store") == before


def graph_naming(store_path: Path, node: object) -> str:
    """The short name (graph/page/<key>) of the one graph that points to `node`."""
    store = GraphStore.open_read_only(store_path)
    try:
        rows = store.query("SELECT DISTINCT ?node ?g WHERE { GRAPH ?g { ?s ?p ?node } }", {"node": node})
    finally:
        store.close()
    assert isinstance(rows, list) and len(rows) == 1
    return "graph/" + str(rows[0]["g"])[len(str(iri.GRAPH)):]
