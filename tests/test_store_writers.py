"""One writer at a time (issue 14): build and ingest hold the store's lock, a second writer waits or
is told who holds it (exit 3), nothing an ingest reports is lost to a build, and a writer killed
with kill -9 at a chosen point leaves a store that opens, validates and takes the next writer."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tests.pages_support import GOOD_PAGES
from tests.writers_support import osce_kg, paused

from osce_kg import iri, paths
from osce_kg.build import atomic
from osce_kg.cli import main
from osce_kg.errors import StoreBusy
from osce_kg.store import GraphStore
from osce_kg.store.graph_store import bulk_journal
from osce_kg.store.lock import writer_lock

LATER = ["a02_witness_protection_podgorica.txt", "c02_police_academy_pristina.txt", "d02_plain_multicity.txt",
         "e02_hcnm_issued_by.txt", "b02_rfom_statements.txt"]


def page_graphs(store_path: Path) -> set[str]:
    store = GraphStore.open_read_only(store_path)
    try:
        return {str(g) for g in store.graph_names() if iri.graph_kind(g) == "page"}
    finally:
        store.close()


def documents_of(output: str) -> int:
    """The documents an ingest reported as ingested (its summary line)."""
    line = output.strip().splitlines()[-1]
    return int(line.split("; ")[1].split()[0])


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A data folder without pages, built, with one page ingested from elsewhere."""
    ws = tmp_path / "ws"
    shutil.copytree(paths.DATA_DIR, ws / "data", ignore=shutil.ignore_patterns("pages"))
    (ws / "later").mkdir()
    for name in LATER:
        shutil.copy(GOOD_PAGES / name, ws / "later" / name)
    built = run(*build_args(ws))
    assert built.exit_code == 0, built.output
    first = run("ingest", "--store", str(ws / "store"), str(GOOD_PAGES / "a01_border_police_tirana.txt"))
    assert first.exit_code == 0, first.output
    return ws


def run(*args: str) -> Result:
    """A command in this process, for the steps around the one under test."""
    return CliRunner().invoke(main, list(args))


def validates(store: Path) -> bool:
    return run("validate", "--store", str(store)).exit_code == 0


def build_args(ws: Path) -> list[str]:
    return ["build", "--store", str(ws / "store"), "--data", str(ws / "data"), "--no-dist", "-q"]


def test_a_second_writer_is_told_who_holds_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with writer_lock(store, "build"):
        ingest = osce_kg("ingest", "--store", str(store), str(GOOD_PAGES / "a01_border_police_tirana.txt"))
        build = osce_kg("build", "--store", str(store), "--no-dist", "-q")
    for result in (ingest, build):
        assert result.returncode == 3, result.stderr
        assert "the store is busy: build since 20" in result.stderr and f", pid {os.getpid()}" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_writer_waits_for_the_lock_when_asked(tmp_path: Path) -> None:
    store = tmp_path / "store"
    GraphStore.open(store).close()
    held = threading.Event()

    def hold() -> None:
        with writer_lock(store, "build"):
            held.set()
            time.sleep(1.5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    started = time.monotonic()
    with writer_lock(store, "ingest", wait=60):
        waited = time.monotonic() - started
    holder.join()
    assert 0.5 < waited < 30
    with pytest.raises(StoreBusy) as caught, writer_lock(store, "ingest"), writer_lock(store, "build", wait=0.3):
        pass
    assert caught.value.command == "ingest" and caught.value.pid == os.getpid()


def test_the_lock_dies_with_its_holder(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code = ("import sys, time; from pathlib import Path; from osce_kg.store.lock import writer_lock\n"
            "with writer_lock(Path(sys.argv[1]), 'ingest'):\n    print('held', flush=True); time.sleep(600)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusy) as caught, writer_lock(store, "build"):
            pass
        assert caught.value.pid == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with writer_lock(store, "build"):
        pass


def test_a_second_ingest_while_one_runs_is_told_the_store_is_busy(workspace: Path) -> None:
    store = str(workspace / "store")
    first = paused(["ingest", "--store", store, str(workspace / "later")], "osce_kg.pages.commit", "Ingester.commit_batch",
                   workspace / "pause")
    first.wait_until_paused()
    second = osce_kg("ingest", "--store", store, str(GOOD_PAGES / "d03_plain_valletta.txt"))
    first.go()
    code, out, err = first.finish()
    assert second.returncode == 3 and "the store is busy: ingest since" in second.stderr, second.stderr
    assert "Traceback" not in second.stderr and "LOCK" not in second.stderr
    assert code == 0, out + err
    # opening the store behind the lock's back names the problem too, not RocksDB's words
    opened = GraphStore.open(workspace / "store")
    try:
        with pytest.raises(StoreBusy, match="another process has it open for writing"):
            GraphStore.open(workspace / "store")
    finally:
        opened.close()


def test_an_ingest_started_while_a_build_runs_keeps_every_document_it_reports(workspace: Path) -> None:
    """The build holds the store from its start to its publication: an ingest meanwhile refuses
    (exit 3) or waits, and then writes into the published build; nothing it reports is lost."""
    before = page_graphs(workspace / "store")
    build = paused(build_args(workspace), "osce_kg.build.pipeline", "publish", workspace / "pause")
    build.wait_until_paused()  # the build has copied the pages and validated: it is about to publish
    refused = osce_kg("ingest", "--store", str(workspace / "store"), str(workspace / "later"))
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "the store is busy: build since 20" in refused.stderr and f"pid {build.process.pid}" in refused.stderr
    waiting = subprocess.Popen([sys.executable, "-m", "osce_kg", "ingest", "--wait", "120", "--store", str(workspace / "store"),
                                str(workspace / "later")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)  # not needed for correctness: lets the ingest reach the lock before the build lets go
    build.go()
    code, out, err = build.finish()
    assert code == 0, out + err
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, out + err
    reported = documents_of(out)
    after = page_graphs(workspace / "store")
    assert before <= after  # the page ingested before the build was carried over
    assert reported > 0 and len(after - before) == reported
    assert validates(workspace / "store")


def test_publish_removes_only_the_build_it_superseded(tmp_path: Path) -> None:
    target = tmp_path / "store"
    first, in_progress, second = (atomic.new_build_dir(target) for _ in range(3))
    atomic.publish(target, first)
    atomic.publish(target, second)
    assert target.resolve() == second.resolve()
    assert not first.exists() and in_progress.exists()


def test_folders_of_killed_builds_are_removed_by_the_next_writer(tmp_path: Path) -> None:
    target = tmp_path / "store"
    mine = atomic.new_build_dir(target)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = atomic.builds_dir(target) / f"20260101T000000000000Z-{dead.stdout.strip()}"
    abandoned.mkdir()
    assert atomic.remove_abandoned(target) == [abandoned]
    assert mine.exists() and not abandoned.exists()


@pytest.mark.parametrize("where", ["validate_store", "publish"])
def test_a_build_killed_before_publishing_leaves_the_store_as_it_was(workspace: Path, where: str) -> None:
    before = page_graphs(workspace / "store")
    build = paused(build_args(workspace), "osce_kg.build.pipeline", where, workspace / "pause")
    build.wait_until_paused()
    build.process.send_signal(signal.SIGKILL)
    build.process.wait()
    assert page_graphs(workspace / "store") == before
    assert validates(workspace / "store")
    # the lock went with the build: the next writers run, and the next build clears its folder
    assert run("ingest", "--store", str(workspace / "store"), str(workspace / "later")).exit_code == 0
    rebuilt = run(*build_args(workspace))
    assert rebuilt.exit_code == 0, rebuilt.output
    assert [f.name for f in atomic.builds_dir(workspace / "store").iterdir()] == [(workspace / "store").resolve().name]


def test_an_ingest_killed_inside_its_bulk_write_loses_only_what_it_had_not_reported(workspace: Path) -> None:
    """Killed after its bulk write reached the disk but before the journal was removed: the next
    open drops the graphs the journal names, and the next ingest reads their files again."""
    store = workspace / "store"
    before = page_graphs(store)
    ingest = paused(["ingest", "--store", str(store), str(workspace / "later")], "pathlib", "Path.unlink", workspace / "pause")
    ingest.wait_until_paused()
    assert bulk_journal(store).exists()
    ingest.process.send_signal(signal.SIGKILL)
    ingest.process.wait()
    assert page_graphs(store) - before  # written, not confirmed
    again = run("ingest", "--store", str(store), str(workspace / "later"))
    assert again.exit_code == 0, again.output
    assert "an interrupted ingest had begun" in again.output
    assert documents_of(again.output) == len(page_graphs(store) - before)
    assert not bulk_journal(store).exists()
    assert validates(store)


def test_an_ingest_killed_before_its_commit_leaves_the_store_as_it_was(workspace: Path) -> None:
    store = workspace / "store"
    before = page_graphs(store)
    ingest = paused(["ingest", "--store", str(store), str(workspace / "later")], "osce_kg.pages.commit", "Ingester.commit_batch",
                    workspace / "pause")
    ingest.wait_until_paused()
    ingest.process.send_signal(signal.SIGKILL)
    ingest.process.wait()
    assert page_graphs(store) == before
    assert validates(store)
    assert run(*build_args(workspace)).exit_code == 0
