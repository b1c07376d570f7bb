"""Integrity of the index of real pages (benchmarks/real_pages.jsonl): the labels the reader is measured against.

CI has no page texts (they are not ours to commit), so this checks the index alone: every page
once, an osce.org (or OSCE institution / Parliamentary Assembly) address, a fixed split in which
every kind with two pages or more has pages on both sides, ISO dates, and every key a label uses
present in the curated data, so a typo cannot pass for a fact the reader missed.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import pytest

from osce_kg import paths

INDEX = Path(__file__).resolve().parents[1] / "benchmarks" / "real_pages.jsonl"
KINDS = {"press-release", "news", "statement", "speech", "interview", "op-ed", "report-landing", "event", "overview", "listing"}
HOSTS = re.compile(r"^(?:[a-z0-9-]+\.)*(?:osce\.org|oscepa\.org)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ID = re.compile(r"^r\d{3,4}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOC_KEYS = {"title", "date", "places", "issuer", "fields", "states", "people"}


def _keys(name: str, column: str) -> set[str]:
    with (paths.DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    import json

    return [json.loads(line) for line in INDEX.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_at_least_80_pages_of_several_kinds_and_languages(pages) -> None:
    assert len(pages) >= 80
    assert len({p["kind"] for p in pages}) >= 6
    assert len({p["language"] for p in pages}) >= 5


def test_every_page_and_url_once(pages) -> None:
    for field in ("id", "url"):
        dupes = [v for v, n in Counter(p[field] for p in pages).items() if n > 1]
        assert not dupes, f"{field} labelled more than once: {dupes}"
    assert all(ID.match(p["id"]) for p in pages)


def test_urls_are_osce_sites_not_mirrors(pages) -> None:
    bad = [
        p["url"]
        for p in pages
        if urlparse(p["url"]).scheme not in {"http", "https"} or not HOSTS.match(urlparse(p["url"]).hostname or "")
    ]
    assert not bad, f"not an osce.org / oscepa.org address: {bad}"


def test_split_is_fixed_and_covers_every_kind(pages) -> None:
    """Each batch was split when it was labelled; a batch whose held-out half is not in the index yet
    (kept apart until it is measured: batch 5) is checked once it is."""
    assert {p["split"] for p in pages} == {"tuning", "held-out"}
    by_batch: dict[int, list[dict]] = defaultdict(list)
    for p in pages:
        assert isinstance(p["batch"], int) and p["batch"] >= 1, p["id"]
        by_batch[p["batch"]].append(p)
    complete = [b for b, group in by_batch.items() if {p["split"] for p in group} == {"tuning", "held-out"}]
    assert len(complete) >= 2, "fewer than two batches with both halves in the index"
    for batch in complete:
        group = by_batch[batch]
        held = sum(p["split"] == "held-out" for p in group)
        assert abs(2 * held - len(group)) <= len({p["kind"] for p in group}) + 2, f"batch {batch}: the halves are not halves"
    measured = [p for b in complete for p in by_batch[b]]
    sides: dict[str, set[str]] = defaultdict(set)
    for p in measured:
        sides[p["kind"]].add(p["split"])
    counts = Counter(p["kind"] for p in measured)
    lopsided = [k for k, s in sides.items() if counts[k] >= 2 and len(s) < 2]
    assert not lopsided, f"kinds with pages on one side of the split only: {lopsided}"


def test_kinds_languages_and_document_shape(pages) -> None:
    for p in pages:
        assert p["kind"] in KINDS, p["id"]
        assert re.match(r"^[a-z]{2,3}$", p["language"]), p["id"]
        assert p["documents"], f"{p['id']}: no document labelled"
        assert len(p["documents"]) == 1 or p["kind"] == "listing", f"{p['id']}: several documents on a single page"
        for d in p["documents"]:
            assert set(d) == DOC_KEYS, p["id"]
            assert d["date"] is None or ISO_DATE.match(d["date"]), f"{p['id']}: date {d['date']!r}"
            for key in ("places", "fields", "states", "people"):
                assert len(set(d[key])) == len(d[key]), f"{p['id']}: {key} repeats a value"
            assert all(SLUG.match(x) for x in d["places"]), f"{p['id']}: places {d['places']}"


def test_every_key_is_in_the_curated_data(pages) -> None:
    issuers = _keys("structures.csv", "key") | _keys("field_operations.csv", "key")
    fields = _keys("fields_of_work.csv", "key")
    states = (
        _keys("participating_states.csv", "iso2")
        | _keys("partners.csv", "iso2")
        | _keys("former_states.csv", "iso3166_3")
        | _keys("territories.csv", "key")
    )
    for p in pages:
        for d in p["documents"]:
            assert d["issuer"] is None or d["issuer"] in issuers, f"{p['id']}: issuer {d['issuer']}"
            assert set(d["fields"]) <= fields, f"{p['id']}: fields {set(d['fields']) - fields}"
            assert set(d["states"]) <= states, f"{p['id']}: states {set(d['states']) - states}"


def test_the_evaluator_reports_the_batches_asked_for(tmp_path, capsys, monkeypatch) -> None:
    """`--batch N` keeps batch N alone (the lead reports a fresh batch's held-out half on its own);
    pages are invented here, in the layout of a dated story, since the real texts are not ours."""
    import json

    monkeypatch.syspath_prepend(str(INDEX.parent))
    import real_pages

    pages = tmp_path / "pages"
    pages.mkdir()
    lines = []
    for n, (batch, city) in enumerate(((1, "Vienna"), (5, "Skopje"), (5, "Tirana")), start=1):
        page_id = f"r9{n:02d}"
        title = f"Trainers meet in {city}"
        (pages / f"{page_id}.txt").write_text(f"{title}\n3 May 2016\nThirty trainers met in {city} on 3 May 2016.\n", encoding="utf-8")
        doc = {"title": title, "date": "2016-05-03", "places": [city.lower()], "issuer": None, "fields": [], "states": [], "people": []}
        lines.append({"id": page_id, "url": f"https://www.osce.org/x/{n}", "kind": "news", "language": "en",
                      "batch": batch, "split": "held-out", "documents": [doc]})
    index = tmp_path / "index.jsonl"
    index.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert real_pages.main(["--split", "held-out", "--batch", "5", "--pages", str(pages), "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "### held-out, batch 5: 2 pages" in out
    assert "| all | 2 | 2 | 0 | 0 | 1.00 | 1.00 | 1.00 |" in out
    with pytest.raises(SystemExit):
        real_pages.main(["--batch", "7", "--pages", str(pages), "--index", str(index)])


def test_the_evaluator_counts_a_label_written_as_the_page_writes_a_person_the_data_knows(monkeypatch) -> None:
    """A label keeps a name as the page writes it (a Russian page's Cyrillic, a page's misspelling);
    the reader writes a person the data knows as the data does: the same person, counted once."""
    from tests.pages_support import gazetteer_of, reference_store

    monkeypatch.syspath_prepend(str(INDEX.parent))
    import real_pages

    gazetteer = gazetteer_of(reference_store())
    labels = {real_pages._norm_person("Маргарета Седерфельт"), "ana novak"}
    assert real_pages._as_labelled({"margareta cederfelt", "ben kowalski"}, labels, gazetteer) == {
        real_pages._norm_person("Маргарета Седерфельт"), "ben kowalski"}
    # without the data's word on the person, a different spelling is a different name
    assert real_pages._as_labelled({"margareta cederfelt"}, labels) == {"margareta cederfelt"}


def test_the_evaluator_counts_a_name_whose_leading_initial_the_label_leaves_out(monkeypatch) -> None:
    """'R. Spencer Oliver' on the page, 'Spencer Oliver' in the label: one person; another surname is not."""
    monkeypatch.syspath_prepend(str(INDEX.parent))
    import real_pages

    labels = {"spencer oliver"}
    assert real_pages._as_labelled({real_pages._norm_person("R. Spencer Oliver")}, labels) == {"spencer oliver"}
    assert real_pages._as_labelled({"r spencer olivier"}, labels) == {"r spencer olivier"}
