"""The benchmark's page generator: deterministic by seed, real layouts, pages the real parser ingests."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pages_support import reference_store

from osce_kg import iri
from osce_kg.bench.generator import LISTING_ITEMS, generate
from osce_kg.bench.vocabulary import Vocabulary, load_vocabulary
from osce_kg.pages.ingest import ingest_paths
from osce_kg.paths import DATA_DIR, PAGES_DIR

SEED_PAGE = PAGES_DIR / "000_edd890b92ae4faef.txt"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(DATA_DIR, SEED_PAGE)


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]


def test_one_seed_gives_the_same_pages(tmp_path, vocabulary):
    first = generate(tmp_path / "a", 50, vocabulary, seed=7)
    generate(tmp_path / "b", 50, vocabulary, seed=7)
    generate(tmp_path / "c", 50, vocabulary, seed=8)
    assert [p.name for p in first] == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert _texts(tmp_path / "a") == _texts(tmp_path / "b")
    assert _texts(tmp_path / "a") != _texts(tmp_path / "c")


def test_pages_have_the_real_layouts_and_names(tmp_path, vocabulary):
    texts = _texts(tmp_path) if generate(tmp_path, 600, vocabulary, seed=1) else []
    listings = [t for t in texts if t.startswith("Newsroom\n")]
    releases = [t for t in texts if not t.startswith("Newsroom\n")]
    assert 0.02 <= len(listings) / len(texts) <= 0.10, "mostly layout A, some layout B"
    menu = "\n".join(vocabulary.menu) + "\n"
    assert all(t.startswith(menu) for t in releases), "every layout-A page carries the seed page's menu"
    for listing in listings:
        assert LISTING_ITEMS[0] <= listing.count("\nPublishing date: ") <= LISTING_ITEMS[1]
    issuers = {i.name for i in vocabulary.issuers} | {f"OSCE {i.name}" for i in vocabulary.issuers}
    sources = [t.split("\n- Source:\n- ", 1)[1].split("\n", 1)[0] for t in releases]
    assert set(sources) <= issuers and len(set(sources)) > 20, "issuers are the reference data's structures, well spread"
    assert sum("\n- Date:\n- Place:" in t for t in releases) > len(releases) / 2, "the Date field is often empty"
    datelines = [t.split("\n- Fields of work:\n", 1)[1].split("\n")[1] for t in releases]
    assert any(" / " in d.split(",", 1)[0] for d in datelines), "some multi-city datelines"


def test_the_parser_ingests_every_page_and_resolves_issuer_and_date(tmp_path, vocabulary):
    paths = generate(tmp_path / "pages", 50, vocabulary, seed=1)
    store = reference_store()
    report = ingest_paths(store, paths)
    assert report.count("rejected") == 0, report.text()
    assert report.documents >= 50
    rows = store.query("""
        PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?d ?date ?issuer WHERE {
          ?d a osce:Document .
          OPTIONAL { ?d dct:date ?date }
          OPTIONAL { ?d osce:issuedBy ?issuer }
        }""")
    structures = {str(r["s"]) for r in store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } }")
                  if str(r["s"]).startswith(str(iri.ID) + "structure/")}
    assert len({r["d"] for r in rows}) == report.documents
    assert all("date" in r for r in rows)
    releases = [r for r in rows if str(r["d"]).startswith(str(iri.document("file-")))]
    assert len(releases) > 40
    assert all(str(r.get("issuer")) in structures for r in releases), "each release's Source resolves to a structure"
