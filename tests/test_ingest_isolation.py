"""One bad file is one rejection, never the end of the run (issue 14): exceptions while reading,
mapping, validating or committing a page, odd file names, files that are not regular files, and
pages over the size, time or document limits; the command's exit codes; the fuzz test."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.fuzz_pages import NAMES, generate
from tests.pages_support import GOOD_PAGES, reference_store
from tests.writers_support import osce_kg

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.pages import commit, prepare
from osce_kg.pages.ingest import ingest_paths
from osce_kg.pages.prepare import Limits
from osce_kg.store.lock import writer_lock

PAGES = ["a01_border_police_tirana.txt", "c01_municipal_assemblies_skopje.html", "d02_plain_multicity.txt",
         "e02_hcnm_issued_by.txt"]


@pytest.fixture
def store():
    s = reference_store()
    yield s
    s.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in PAGES:
        shutil.copy(GOOD_PAGES / name, pages / name)
    return pages


def by_name(report) -> dict[str, tuple[str, list[str]]]:
    return {o.path.name: (o.status, o.messages) for o in report.outcomes}


def page_graphs(store) -> list:
    return [g for g in store.graph_names() if iri.graph_kind(g) == "page"]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_while_mapping_one_page_rejects_that_page_only(store, folder, monkeypatch, workers) -> None:
    real = prepare.document_graphs

    def failing(page, source):
        if source.path.name == "c01_municipal_assemblies_skopje.html":
            raise ValueError("Invalid IRI code point '>'")
        return real(page, source)

    monkeypatch.setattr(prepare, "document_graphs", failing)
    report = ingest_paths(store, [folder], workers=workers)
    status, messages = by_name(report)["c01_municipal_assemblies_skopje.html"]
    assert status == "rejected"
    assert messages == [f"{folder / 'c01_municipal_assemblies_skopje.html'}: internal error (a bug in osce-kg: please report "
                        "it, with the file) while reading: ValueError: Invalid IRI code point '>'"]
    assert report.count("ingested") + report.count("warnings") == len(PAGES) - 1


def test_an_exception_while_committing_one_page_rejects_that_page_only(store, folder, monkeypatch) -> None:
    real = commit.Ingester._commit

    def failing(self, item, batch):
        if item.path.name == "d02_plain_multicity.txt":
            raise RuntimeError("boom")
        return real(self, item, batch)

    monkeypatch.setattr(commit.Ingester, "_commit", failing)
    report = ingest_paths(store, [folder])
    status, messages = by_name(report)["d02_plain_multicity.txt"]
    assert status == "rejected" and "internal error" in messages[0] and "while validating or committing: RuntimeError: boom" in messages[0]
    assert len(page_graphs(store)) == report.documents > 0


def test_a_failing_batch_validation_validates_each_page_alone(store, folder, monkeypatch) -> None:
    expected = ingest_paths(reference_store(), [folder])

    def failing(self, batch):
        raise RuntimeError("the engine failed")

    monkeypatch.setattr(commit.Ingester, "_implicated", failing)
    report = ingest_paths(store, [folder])
    assert [(o.path, o.status, o.documents) for o in report.outcomes] == [(o.path, o.status, o.documents) for o in expected.outcomes]


def test_a_worker_that_dies_rejects_its_pages_only(store, folder, monkeypatch) -> None:
    real = prepare.prepare_page

    def dying(task, reader=None):
        if task.page.path.name == "a01_border_police_tirana.txt" and reader is None:
            os._exit(9)  # killed, as the system kills a process for lack of memory
        return real(task, reader)

    monkeypatch.setattr(prepare, "prepare_page", dying)
    monkeypatch.setattr(prepare, "READ_CHUNK", 1)
    report = ingest_paths(store, [folder], workers=2, limits=Limits(seconds=0.5))
    status, messages = by_name(report)["a01_border_police_tirana.txt"]
    assert status == "rejected" and "no answer from the worker process reading it" in messages[0]
    assert report.count("ingested") + report.count("warnings") == len(PAGES) - 1


def test_odd_file_names_are_read_and_told_on_one_line(store, tmp_path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    raw = os.fsencode(pages)
    names = [b"not-utf8-\xff\xfe.txt", b"line\nbreak.txt", b"-dash.txt", b"tab\there.html"]
    sources = ["a01_border_police_tirana.txt", "c02_police_academy_pristina.txt", "d03_plain_valletta.txt",
               "e01_skiplinks_story_odihr.html"]
    for name, source in zip(names, sources, strict=True):
        Path(os.fsdecode(raw + b"/" + name)).write_bytes((GOOD_PAGES / source).read_bytes())
    Path(os.fsdecode(raw + b"/empty\nname\xff.txt")).write_bytes(b"")
    report = ingest_paths(store, [pages])
    assert report.count("ingested") + report.count("warnings") == 4 and report.count("rejected") == 1
    text = report.text()
    assert "rejected: " + str(pages) + "/empty\\nname\\xff.txt" in text.splitlines()
    assert f"  {pages}/empty\\nname\\xff.txt:1: empty file: nothing to read" in text.splitlines()
    rows = store.query("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT DISTINCT ?loc WHERE { ?s prov:atLocation ?loc }")
    assert isinstance(rows, list)
    locations = {str(r["loc"]).rsplit("/", 1)[-1] for r in rows}
    assert {"not-utf8-\\xff\\xfe.txt", "line\\nbreak.txt", "-dash.txt", "tab\\there.html"} <= locations


def test_only_regular_files_are_read(tmp_path) -> None:
    """A FIFO (named, or in a folder), a socket, a device and a broken link are each rejected
    with what they are; the run neither blocks nor stops (a real process, with a time-out)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(GOOD_PAGES / "a01_border_police_tirana.txt", pages)
    os.mkfifo(pages / "fifo.html")
    os.mkfifo(tmp_path / "named-fifo.txt")
    (pages / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(pages / "socket.txt"))
        result = osce_kg("ingest", "--store", str(tmp_path / "store"), str(pages), str(tmp_path / "named-fifo.txt"),
                         "/dev/zero", timeout=300)
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"  {pages}/fifo.html: not a regular file (a FIFO): not read" in lines
    assert f"  {tmp_path}/named-fifo.txt: not a regular file (a FIFO): not read" in lines
    assert f"  {pages}/socket.txt: not a regular file (a socket): not read" in lines
    assert "  /dev/zero: not a regular file (a character device): not read" in lines
    assert f"  {pages}/gone.txt: cannot read the file: No such file or directory" in lines
    assert lines[-1].startswith("6 files: ") and ", 5 rejected, " in lines[-1]
    assert "Traceback" not in result.stderr


def test_pages_over_a_limit_are_rejected_with_the_limit(store, tmp_path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    page = (GOOD_PAGES / "a01_border_police_tirana.txt").read_text(encoding="utf-8")
    (pages / "big.txt").write_text(page + "\n" + "More text. " * 2000, encoding="utf-8")
    (pages / "names.txt").write_text(page.replace("\nSome 30", "\n" + NAMES * 20_000 + "\nSome 30"), encoding="utf-8")
    listing = (GOOD_PAGES / "b01_newsroom_closed.txt").read_text(encoding="utf-8")
    head, _, rest = listing.partition("Head of Mission visits")
    item = "Head of Mission visits" + rest.split("Returnees receive")[0]
    (pages / "listing.txt").write_text(head + "".join(item.replace("visits", f"visits ({i})") for i in range(40)), encoding="utf-8")
    shutil.copy(GOOD_PAGES / "d03_plain_valletta.txt", pages)
    report = ingest_paths(store, [pages], limits=Limits(max_bytes=1_000_000, seconds=30.0, max_documents=30))
    outcomes = by_name(report)
    size = (pages / "names.txt").stat().st_size
    assert outcomes["names.txt"] == ("rejected", [f"{pages}/names.txt: file too large: {size:,} bytes, more than the limit "
                                                  "of 1,000,000 (--max-size)"])
    assert outcomes["listing.txt"] == ("rejected", [f"{pages}/listing.txt: 40 documents in one page, more than the limit of 30: "
                                                    "not ingested"])
    assert outcomes["d03_plain_valletta.txt"][0] in ("ingested", "warnings")
    assert outcomes["big.txt"][0] in ("ingested", "warnings")
    # a listing of 20,000 items takes seconds to read on any machine, whatever names the store knows
    (pages / "long.txt").write_text(head + "".join(item.replace("visits", f"visits ({i})") for i in range(20_000)), encoding="utf-8")
    slow = ingest_paths(reference_store(), [pages / "long.txt"], limits=Limits(max_bytes=None, seconds=0.2, max_documents=None))
    assert by_name(slow)["long.txt"] == ("rejected", [f"{pages}/long.txt: took more than 0.2 s to read (the time limit per "
                                                      "file, --time-limit): not ingested"])


def test_exit_codes(tmp_path, folder, monkeypatch) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--store", store, str(folder / PAGES[0])]).exit_code == 0
    (folder / "empty.txt").write_bytes(b"")
    assert runner.invoke(main, ["ingest", "--store", store, str(folder)]).exit_code == 1
    assert runner.invoke(main, ["ingest", "--store", store, str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(main, ["ingest", "--store", store, "--time-limit", "0", str(folder)]).exit_code == 2
    with writer_lock(tmp_path / "store", "build"):
        busy = runner.invoke(main, ["ingest", "--store", store, str(folder)])
    assert busy.exit_code == 3 and "the store is busy: build since" in busy.output

    def broken(*args, **kwargs):
        raise RuntimeError("something we did not foresee")

    monkeypatch.setattr("osce_kg.pages.ingest.ingest_paths", broken)
    internal = runner.invoke(main, ["ingest", "--store", store, str(folder)])
    assert internal.exit_code == 4
    assert "internal error: RuntimeError: something we did not foresee" in internal.output
    assert "This is a bug in osce-kg: please report it" in internal.output


def test_fuzzed_pages_give_no_traceback_and_leave_the_store_intact(tmp_path) -> None:
    """A few hundred damaged copies of the fixtures (tests/fuzz_pages.py): every file gets an
    outcome, no traceback, exit 0 or 1, and the store still holds what it held and validates."""
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--store", store, "--no-dist", "-q"]).exit_code == 0
    assert runner.invoke(main, ["ingest", "--store", store, str(GOOD_PAGES / "a01_border_police_tirana.txt")]).exit_code == 0
    before = {str(g) for g in _graphs(store)}
    files = generate(tmp_path / "fuzz", 250)
    result = osce_kg("ingest", "--store", store, "--time-limit", "5", str(tmp_path / "fuzz"), timeout=900)
    assert result.returncode in (0, 1), result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""  # every problem is told once, in the file's rejection
    assert result.stdout.splitlines()[-1].startswith(f"{len(files)} files: ")
    assert before <= {str(g) for g in _graphs(store)}
    validated = runner.invoke(main, ["validate", "--store", store])
    assert validated.exit_code == 0, validated.output


def _graphs(store: str) -> list:
    from osce_kg.store import GraphStore

    opened = GraphStore.open_read_only(Path(store))
    try:
        return opened.graph_names()
    finally:
        opened.close()
