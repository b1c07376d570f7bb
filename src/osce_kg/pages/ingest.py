"""Ingest pages: read, map, validate and commit each document in its own transaction.

Per page: an unchanged page (same content hash recorded for the same location) is skipped;
otherwise each document becomes the named graph graph/page/<key>, validated with SHACL (in its
batch, with the reference data and the types of anything else it points to; alone if the batch run
faults one of its nodes), and committed all or nothing, dropping the graphs this location produced
before and no longer produces (a renamed key, a listing item that disappeared). A page's menu
version (graph/menu/<digest>) is written by the first page showing it and dropped, in the same
transaction, by the commit that leaves no page pointing to it. A rejected page changes nothing; an
interrupted run loses at most the pages being committed, never what was committed before, and
leaves nothing half-written.

The stages, each in its own module: what to read (pages.inputs: PageInput), reading and mapping
in worker processes (pages.prepare), validating and committing in this process (pages.commit, with
the label memory of pages.labels), and what the user is told (pages.report). This module runs them
as a pipeline: batch k+1 is validated in a thread while batch k is committed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from rdflib import URIRef

from osce_kg.errors import InputError
from osce_kg.pages.commit import Checked, Ingester
from osce_kg.pages.inputs import PageInput, is_archive, page_files, page_inputs
from osce_kg.pages.prepare import Limits, Prepared
from osce_kg.pages.report import IngestReport, PageOutcome
from osce_kg.pages.warc import archive_pages, flag_gone
from osce_kg.store import GraphStore

VALIDATION_BATCH = 500
"""Pages read and mapped before one SHACL run. A SHACL run has a fixed cost (pyshacl: ~140 ms of
CPU; turbo: ~36 ms for the reference data that each run carries as context), so one run per
document made validation 85% of ingest time; pages implicated by a violation are then validated
alone, as before (issue 6). 500 rather than 100 pages: 4.77 -> 4.35 ms per page in one process."""

BATCH_BYTES = 32_000_000
"""N-Quads in one batch, at most: 500 ordinary pages make ~7 MB, 500 listings of a thousand items
would make 5 GB, and the SHACL run holds several times its input (issue 14)."""

FLUSH_EVERY = 1000
"""Pages committed between two flushes of the store's memory tables to disk."""

PARALLEL_FROM = 400
"""Fewest pages read in worker processes: starting them (imports, the gazetteer) costs ~1 s."""


def default_workers(pages: int) -> int:
    """Worker processes for reading pages: one per core for big runs, none for small ones."""
    return (os.cpu_count() or 1) if pages >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 else 1


def ingest_paths(store: GraphStore, paths: list[Path], *, layout: str | None = None, keep_going: bool = True,
                 workers: int | None = None, limits: Limits | None = None) -> IngestReport:
    """Ingest files and folders (recursively), page files and WARC archives (pages.warc: the
    latest page of each URL, then the URLs found gone are flagged); with keep_going=False the
    first rejected page raises InputError."""
    archives = [f for f in page_files(paths) if is_archive(f)]
    archived, gone, problems = archive_pages(archives) if archives else ([], [], [])
    report = ingest_pages(store, page_inputs(paths) + archived, layout=layout, keep_going=keep_going, workers=workers,
                          limits=limits)
    report.skipped += problems
    if gone:
        flagged = flag_gone(store, gone)
        report.notes.append(f"{len(gone)} URLs of the archives were found gone (404/410); {flagged} document graphs "
                            "flagged with the day (osce:foundGoneOn), their facts kept")
    return report


def ingest_pages(store: GraphStore, pages: Iterable[PageInput], *, layout: str | None = None, keep_going: bool = True,
                 workers: int | None = None, limits: Limits | None = None) -> IngestReport:
    """Ingest pages, in order; with keep_going=False the first rejected page raises InputError.

    `workers` processes read and map the pages (default: one per core from PARALLEL_FROM pages);
    `limits` bound each page's size and time (default: Limits()). The caller holds the store's
    writer lock (osce_kg.store.lock) when other processes may write to it.
    """
    started = time.perf_counter()
    report = IngestReport()
    ingester = Ingester(store, layout=layout, limits=limits)
    if not ingester.gazetteer.by_kind.get("state"):
        report.notes.append("the store holds no reference data (no States): names stay unlinked; run 'osce-kg build' first")
    unfinished = getattr(store, "dropped_unfinished", [])
    if unfinished:
        report.notes.append(f"an interrupted ingest had begun {len(unfinished)} graphs; they were dropped when the store "
                            "was opened, and their files are read again")
    inputs = list(pages)
    stream = ingester.prepared(inputs, default_workers(len(inputs)) if workers is None else workers)
    since_flush = 0
    # batch k+1 is validated in a thread while batch k is committed (issue 6: validation was a
    # third of the ingesting process's time, which the page-reading workers wait on)
    checker = ThreadPoolExecutor(1, thread_name_prefix="shacl")
    checked: Future[Checked] | None = None
    try:
        while True:
            batch = _next_batch(stream)
            following = checker.submit(ingester.check_batch, batch) if batch else None
            if checked is None:
                checked = following
                if checked is None:
                    break
                continue
            current, checked = checked.result(), following
            for outcome, differences in ingester.commit_batch(current, stop_on_reject=not keep_going):
                report.outcomes.append(outcome)
                report.menu_differences += [d for d in differences if d not in report.menu_differences]
                if outcome.status == "rejected" and not keep_going:
                    report.seconds = time.perf_counter() - started
                    raise InputError("page rejected: " + "; ".join(outcome.messages), outcome.path)
            # Oxigraph holds written data in RocksDB memtables until a flush: flushing keeps memory
            # flat (383 -> 218 MB after 1,000 pages), but a flush costs ~80 ms, so once per FLUSH_EVERY
            # pages rather than per batch (issue 6)
            since_flush += len(current.items)
            if since_flush >= FLUSH_EVERY:
                store.flush()
                since_flush = 0
            if checked is None:
                break
        store.flush()
        if ingester.bulk_writes > 1:
            store.optimize()  # one bulk write leaves its own files per index: reads merge them all
    finally:
        # pages committed before an interruption or a stop are written: each was validated whole
        ingester.write_pending()
        checker.shutdown(cancel_futures=True)
        stream.close()
    report.seconds = time.perf_counter() - started
    return report


def _next_batch(stream: Iterator[tuple[PageOutcome | Prepared, dict[URIRef, str]]]) -> list[tuple[PageOutcome | Prepared, dict[URIRef, str]]]:
    """The next VALIDATION_BATCH pages of the stream, fewer when they hold more than BATCH_BYTES of N-Quads."""
    batch = []
    size = 0
    for item in stream:
        batch.append(item)
        if isinstance(item[0], Prepared):
            size += len(item[0].nquads)
        if len(batch) >= VALIDATION_BATCH or size >= BATCH_BYTES:
            break
    return batch
