"""Reading and mapping pages, in this process or in worker processes.

Reading and mapping a page needs nothing from the store but the names of the reference data (the
gazetteer), so it runs in worker processes, one per core, when there are enough pages to pay for
starting them (issue 6: ~16 ms of Python per page made 50,000 pages take 15 min). A worker gets
PageInputs, reads their bytes itself, and sends back each page record with its graphs as N-Quads,
which Oxigraph writes and reads in Rust.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from osce_kg import iri
from osce_kg.errors import InputError
from osce_kg.gazetteer import Gazetteer
from osce_kg.mapping.pages import PageSource, Triples, document_graph, menu_digest
from osce_kg.pages.inputs import PageInput, read_page
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


@dataclass(frozen=True)
class Task:
    """One page to read: the hashes of the graphs it gave before (to skip it when unchanged), and
    the layout forced on it, if any."""

    page: PageInput
    previous_hashes: tuple[str, ...] = ()
    layout: str | None = None


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
    prepared. `reader` defaults to the worker's (_start_worker)."""
    reader = reader or _READER
    assert reader is not None, "prepare_page needs a reader: the worker's or the Ingester's"
    source = task.page
    data = read_page(source)
    digest = content_hash(data)
    if task.previous_hashes and all(h == digest for h in task.previous_hashes):
        return PageOutcome(source.shown, "unchanged")
    try:
        page = reader.read(source.shown, data, layout=task.layout, url=source.url)
    except InputError as error:
        return PageOutcome(source.shown, "rejected", messages=[str(error)])
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
    chunks = iter([tasks[i:i + READ_CHUNK] for i in range(0, len(tasks), READ_CHUNK)])
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(names,)) as pool:
        ahead = deque(pool.apply_async(_prepare_chunk, (chunk,)) for chunk in islice(chunks, READ_AHEAD // READ_CHUNK))
        while ahead:
            done = ahead.popleft().get()
            following = next(chunks, None)
            if following is not None:
                ahead.append(pool.apply_async(_prepare_chunk, (following,)))
            yield from done


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
