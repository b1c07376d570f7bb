"""Reading and mapping pages, in this process or in worker processes.

Reading and mapping a page needs nothing from the store but the names of the reference data (the
gazetteer), so it runs in worker processes, one per core, when there are enough pages to pay for
starting them (issue 6: ~16 ms of Python per page made 50,000 pages take 15 min). A worker gets
PageInputs, reads their bytes itself, and sends back each page record with its graphs as N-Quads,
which Oxigraph writes and reads in Rust.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from osce_kg import iri
from osce_kg.errors import InputError
from osce_kg.gazetteer import Gazetteer
from osce_kg.mapping.pages import PageSource, Triples, document_graph, menu_digest
from osce_kg.pages.inputs import MAX_BYTES, PageInput, read_page
from osce_kg.pages.labels import MINTED_TYPES
from osce_kg.pages.report import PageOutcome
from osce_kg.parse.page import PageReader
from osce_kg.parse.records import PageRecord
from osce_kg.store.provenance import content_hash
from osce_kg.store.terms import to_ox

READ_CHUNK = 8
"""Pages a worker reads per message."""

READ_AHEAD = 1000
"""Pages read by the workers ahead of the last commit, at most (~28 kB each in memory)."""

READ_AHEAD_BYTES = 100_000_000
"""N-Quads read by the workers ahead of the last commit, at most, as estimated from the chunks
read so far: a listing of a thousand items weighs ~10 MB, and a folder of them would otherwise
fill READ_AHEAD pages with 10 GB (issue 14)."""


SECONDS_PER_PAGE = 30.0
"""Longest a page may take to read and map, by default (--time-limit): ~2 ms is the norm, and a
page with a line of a megabyte full of names takes ~6 s."""

MAX_DOCUMENTS = 1000
"""Most documents (listing items) read from one page: a listing of osce.org shows tens; mapping a
listing of 10,000 took 740 MB and 13 s in its worker, and ~10 kB of N-Quads per document follow."""

BUG = "internal error (a bug in osce-kg: please report it, with the file)"


@dataclass(frozen=True)
class Limits:
    """What one page may cost: its size, and the seconds to read and map it (None: no limit)."""

    max_bytes: int | None = MAX_BYTES
    seconds: float | None = SECONDS_PER_PAGE
    max_documents: int | None = MAX_DOCUMENTS


@dataclass(frozen=True)
class Task:
    """One page to read: the hashes of the graphs it gave before (to skip it when unchanged), the
    layout forced on it, if any, and its limits."""

    page: PageInput
    previous_hashes: tuple[str, ...] = ()
    layout: str | None = None
    limits: Limits = field(default_factory=Limits)


class PageTimeout(BaseException):
    """A page took longer than its time limit. A BaseException, like KeyboardInterrupt, so that a
    library's `except Exception` around the code it interrupts does not swallow it."""


@dataclass
class Prepared:
    """A page read and mapped: its page record, its document graphs as N-Quads, and what the
    ingesting process needs to know of them without reading them again (terms in N-Triples form).
    Menu versions are decided by the ingesting process, which knows which ones the store holds."""

    source: PageInput
    page: PageRecord
    nquads: bytes
    graphs: list[str]
    subjects: list[str]
    objects: list[str]
    labels: list[tuple[str, str, str, str]]
    """(graph, entity, predicate, English label) of each entity the page mints (MINTED_TYPES)."""
    menu_graph: str | None

    @property
    def location(self) -> str:
        return self.source.location


_READER: PageReader | None = None


def _start_worker(names: bytes) -> None:
    """A worker's set-up: the gazetteer from the names the parent read from the store."""
    global _READER
    graph = Graph()
    if names:
        graph.parse(data=names.decode("utf-8"), format="nt")
    _READER = PageReader(Gazetteer.from_graph(graph))


def prepare_page(task: Task, reader: PageReader | None = None) -> PageOutcome | Prepared:
    """Read and map one page: unchanged (every graph it gave before has its hash), rejected, or
    prepared. `reader` defaults to the worker's (_start_worker).

    Whatever goes wrong with one page rejects that page with the reason, never the run: bad input
    as the reader words it, a page over its time limit, and anything else as an internal error."""
    source = task.page
    try:
        with time_limit(task.limits.seconds):
            return _prepare(task, reader or _READER)
    except InputError as error:
        return rejected(source, str(error))
    except PageTimeout:
        return rejected(source, f"{source.shown}: took more than {task.limits.seconds:g} s to read "
                                "(the time limit per file, --time-limit): not ingested")
    except MemoryError:
        return rejected(source, f"{source.shown}: ran out of memory while reading: not ingested")
    except Exception as error:  # noqa: BLE001 - one page's failure must not end the run
        return rejected(source, f"{source.shown}: {BUG} while reading: {type(error).__name__}: {error}")


def rejected(source: PageInput, message: str) -> PageOutcome:
    return PageOutcome(source.shown, "rejected", messages=[message])


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise PageTimeout in the block after `seconds`, by SIGALRM: Python code (the reader's
    regular expressions included) is interrupted; a call into C returns first. Only the main thread
    gets signals: elsewhere (a library caller's thread) the block runs without a limit."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    fired = False

    def expired(signum: int, frame: object) -> None:
        nonlocal fired
        fired = True
        raise PageTimeout

    before = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    if fired:
        # the handler's exception was lost on its way out (raised inside a __del__ or a weakref
        # callback, which Python only reports): the limit was passed all the same
        raise PageTimeout


def _prepare(task: Task, reader: PageReader | None) -> PageOutcome | Prepared:
    assert reader is not None, "prepare_page needs a reader: the worker's or the Ingester's"
    source = task.page
    data = read_page(source, task.limits.max_bytes)
    digest = content_hash(data)
    if task.previous_hashes and all(h == digest for h in task.previous_hashes):
        return PageOutcome(source.shown, "unchanged")
    page = reader.read(source.shown, data, layout=task.layout, url=source.url)
    limit = task.limits.max_documents
    if limit is not None and len(page.documents) > limit:
        raise InputError(f"{len(page.documents):,} documents in one page, more than the limit of {limit:,}: "
                         "not ingested", source.shown)
    graphs = document_graphs(page, source)
    quads = _quads(graphs)
    subjects = {str(q.subject) for q in quads}
    objects = {str(q.object) for q in quads if isinstance(q.object, ox.NamedNode)} - subjects
    labels = []
    for name, triples in graphs.items():
        minted = {s for s, p, o in triples if p == RDF.type and o in MINTED_TYPES}
        labels += [(f"<{name}>", f"<{s}>", str(p), str(o)) for s, p, o in triples
                   if s in minted and p in (RDFS.label, SKOS.prefLabel) and isinstance(o, Literal) and o.language == "en"]
    menu_graph = str(iri.graph("menu", menu_digest(page.menu))) if page.menu and page.documents else None
    return Prepared(source, page, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", [f"<{g}>" for g in graphs],
                    sorted(subjects), sorted(objects), labels, menu_graph)


def _prepare_chunk(tasks: list[Task]) -> list[tuple[Task, PageOutcome | Prepared]]:
    """A worker's unit of work: a few pages (one message each way for READ_CHUNK pages)."""
    return [(task, prepare_page(task)) for task in tasks]


def prepare_all(tasks: list[Task], workers: int, reader: PageReader, names: bytes) -> Iterator[tuple[Task, PageOutcome | Prepared]]:
    """Each page read and mapped, in order: in this process with `reader`, or by `workers`
    processes (when more than one) that make their own reader from `names` (N-Triples)."""
    if workers <= 1:
        for task in tasks:
            yield task, prepare_page(task, reader)
        return
    # fork, not spawn: spawn re-imports the caller's main module, which breaks any script without
    # an `if __name__ == "__main__"` guard; a forked worker never touches the parent's store
    # At most READ_AHEAD pages are read ahead of the commits: Pool.imap has no back-pressure, and
    # the workers outran the ingesting process by tens of thousands of pages (~28 kB each in
    # memory: 1.7 GB at 50,000 pages; issue 6).
    # The window starts at two chunks per worker and widens as chunks come back small.
    chunks = iter([tasks[i:i + READ_CHUNK] for i in range(0, len(tasks), READ_CHUNK)])
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(names,)) as pool:
        ahead = deque((chunk, pool.apply_async(_prepare_chunk, (chunk,))) for chunk in islice(chunks, 2 * workers))
        chunk_bytes = 0.0
        while ahead:
            chunk, answer = ahead.popleft()
            done = _answer(chunk, answer)
            chunk_bytes = max(float(sum(len(r.nquads) for _, r in done if isinstance(r, Prepared))), chunk_bytes * 0.9)
            window = max(2 * workers, min(READ_AHEAD // READ_CHUNK, int(READ_AHEAD_BYTES // max(chunk_bytes, 1.0))))
            for following in islice(chunks, max(window - len(ahead), 0)):
                ahead.append((following, pool.apply_async(_prepare_chunk, (following,))))
            yield from done


def _answer(chunk: list[Task], answer: AsyncResult) -> list[tuple[Task, PageOutcome | Prepared]]:
    """A worker's answer for a chunk; its pages rejected when none comes in time (a worker killed,
    by the system for lack of memory say, never answers: the run would wait for ever)."""
    limits = [t.limits.seconds for t in chunk]
    timeout = None if None in limits else 2 * sum(s or 0.0 for s in limits) + 10
    try:
        return answer.get(timeout)
    except Exception as error:  # noqa: BLE001 - the pages of this chunk only
        reason = "no answer from the worker process reading it" if isinstance(error, multiprocessing.TimeoutError) else \
            f"the worker process reading it failed: {type(error).__name__}: {error}"
        return [(task, rejected(task.page, f"{task.page.shown}: {BUG}: {reason}")) for task in chunk]


def document_graphs(page: PageRecord, source: PageInput) -> dict[URIRef, Triples]:
    """The graph of each document of a page (two documents with one key share a graph)."""
    captured = source.captured_on()
    provenance = PageSource(source.location, page.content_hash, captured, page.canonical_url or source.url)
    graphs: dict[URIRef, Triples] = {}
    for doc in page.documents:
        doc.captured = captured
        name, triples = document_graph(doc, provenance, page.menu)
        graphs.setdefault(name, Triples()).extend(triples)
    return graphs


def _quads(graphs: dict[URIRef, Triples]) -> list[ox.Quad]:
    """rdflib triples as the store's quads; IRIs repeat across a page, so each is converted once."""
    made: dict[object, object] = {}

    def term(t):  # noqa: ANN001, ANN202 - a hot loop: one call per term
        if isinstance(t, URIRef):
            value = made.get(t)
            if value is None:
                value = made[t] = ox.NamedNode(t)
            return value
        return to_ox(t)

    return [ox.Quad(term(s), term(p), term(o), term(name)) for name, triples in graphs.items() for s, p, o in triples]
