"""Ingest pages: read, map, validate and commit each document in its own transaction.

Per file: an unchanged file (same content hash recorded for the same path) is skipped; otherwise
each document becomes the named graph graph/page/<key>, validated with SHACL (in its batch, with
the reference data and the types of anything else it points to; alone if the batch run faults one
of its nodes), and committed all or nothing, dropping the graphs this path produced before and no
longer produces (a renamed key, a listing item that disappeared). A page's menu version (graph/menu/<digest>) is written by the first page showing it
and dropped, in the same transaction, by the commit that leaves no page pointing to it. A rejected
file changes nothing; an interrupted run loses at most the file being committed, never what was
committed before, and leaves nothing half-written.

How the work is split, and why (issue 6: ~16 ms of Python per page made 50,000 pages take 15 min):

* Reading and mapping a file needs nothing from the store but the names of the reference data
  (the gazetteer), so it runs in worker processes, one per core, when there are enough files to
  pay for starting them (prepare_file). A worker sends back the page record and its graphs as
  N-Quads, which Oxigraph writes and reads in Rust.
* Everything that reads or writes the store stays in this process, in file order: the files'
  previous graphs (one query per batch), validation (one SHACL run per batch of files, in the
  turbo engine, fed N-Quads text), names already known for minted entities, the commit.
* The files of a batch that only add graphs (the common case) are written together with
  Oxigraph's bulk loader, 3x faster than a transaction per file, made all-or-nothing by a journal
  (GraphStore.bulk_add_nquads); replacing or dropping graphs goes through one SPARQL update per
  file, as before, after the batch's earlier files are written.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from osce_kg import iri, paths
from osce_kg.errors import InputError
from osce_kg.gazetteer import NAME_PREDICATES, Gazetteer
from osce_kg.iri import ORG, OSCE, SCHEMA
from osce_kg.mapping.pages import PageSource, Triples, document_graph, menu_digest, menu_version_graph
from osce_kg.pages.menu import MenuDifference, compare_menu
from osce_kg.parse.page import PageReader
from osce_kg.parse.records import PageRecord
from osce_kg.store import GraphStore
from osce_kg.store.provenance import content_hash
from osce_kg.store.terms import from_ox, to_ox
from osce_kg.validate.shacl import validate

PAGE_SUFFIXES = (".txt", ".html", ".htm")

GRAPHS_OF_PATHS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX osce: <https://w3id.org/osce-kg/ontology#>
SELECT ?g ?hash ?loc WHERE {
  VALUES ?loc { %s }
  GRAPH ?g { ?src prov:atLocation ?loc . ?g prov:wasDerivedFrom ?src ; osce:contentHash ?hash }
}"""
# The bound ?loc pattern comes first: in the other order Oxigraph scanned every page graph for each
# file (7.6 ms at 300 pages, growing with the store; 0.09 ms in this order).
# The gazetteer reads the reference data only: a sub-topic or person minted from a page is defined in
# that page's graph, and every page naming it states it again, so no page depends on another.
NAMES = (
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { VALUES ?p { %s } ?s ?p ?o } FILTER(!STRSTARTS(STR(?g), \"%s\")) }"
    % (" ".join(f"<{p}>" for p in NAME_PREDICATES), iri.graph("page", "x")[:-1])
)
TYPES_OF = "SELECT ?s ?t WHERE { VALUES ?s { %s } ?s a ?t }"
EXISTING = "SELECT ?g WHERE { VALUES ?g { %s } FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
FIRST_LABELS = """SELECT ?e ?p (MIN(STR(?label)) AS ?first) WHERE {
  VALUES ?e { %s } VALUES ?p { <%s> <%s> }
  ?e ?p ?label FILTER(LANG(?label) = "en") } GROUP BY ?e ?p"""
KNOWN_LABELS = """SELECT ?label WHERE { GRAPH ?g { %s <%s> ?label } FILTER(LANG(?label) = "en" && ?g != %s) }"""
MINTED_TYPES = (OSCE.Person, OSCE.FieldOfWork, ORG.Organization)
MENUS_SHOWN = "SELECT DISTINCT ?m WHERE { VALUES ?g { %s } GRAPH ?g { ?s <%s> ?m } }"
SHOWN_ELSEWHERE = "ASK { GRAPH ?g { ?s <%s> ?m } FILTER(?g NOT IN (%s)) }"

VALIDATION_BATCH = 500
"""Files read and mapped before one SHACL run. A SHACL run has a fixed cost (pyshacl: ~140 ms of
CPU; turbo: ~36 ms for the reference data that each run carries as context), so one run per
document made validation 85% of ingest time; files implicated by a violation are then validated
alone, as before (issue 6). 500 rather than 100 files: 4.77 -> 4.35 ms per page in one process."""

READ_CHUNK = 8
"""Files a worker reads per message."""

READ_AHEAD = 1000
"""Files read by the workers ahead of the last commit, at most (~28 kB each in memory)."""

FLUSH_EVERY = 1000
"""Files committed between two flushes of the store's memory tables to disk."""

PARALLEL_FROM = 400
"""Fewest files read in worker processes: starting them (imports, the gazetteer) costs ~1 s."""

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SHOWS_MENU = ox.NamedNode(str(OSCE.showsMenu))


@dataclass
class PageOutcome:
    """What happened to one file: ingested, warnings, unchanged or rejected."""

    path: Path
    status: str
    layout: str | None = None
    documents: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    outcomes: list[PageOutcome] = field(default_factory=list)
    menu_differences: list[MenuDifference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        """True when nothing was rejected (the command's exit status 0)."""
        return self.count("rejected") == 0

    @property
    def documents(self) -> int:
        return sum(len(o.documents) for o in self.outcomes)

    @property
    def warnings(self) -> list[str]:
        """Warnings of the ingested files, then the menu's differences with the reference data."""
        return [f"{o.path}: {m}" for o in self.outcomes if o.status == "warnings" for m in o.messages] + [
            str(d) for d in self.menu_differences]

    def pages_per_second(self) -> float:
        read = sum(1 for o in self.outcomes if o.status != "unchanged")
        return read / self.seconds if self.seconds else 0.0

    def text(self) -> str:
        lines = []
        for o in self.outcomes:
            if o.status in ("rejected", "warnings"):
                lines.append(f"{o.status}: {o.path}")
                lines += [f"  {m}" for m in o.messages]
        lines += [str(d) for d in self.menu_differences]
        lines += [f"note: {n}" for n in self.notes]
        lines.append(
            f"{len(self.outcomes)} files: {self.count('ingested')} ingested, {self.count('warnings')} ingested with warnings, "
            f"{self.count('rejected')} rejected, {self.count('unchanged')} unchanged; {self.documents} documents; "
            f"{self.seconds:.2f} s"
        )
        return "\n".join(lines)


def page_files(paths_: Iterable[Path]) -> list[Path]:
    """The page files named or found (recursively) in folders, sorted, without duplicates."""
    found: list[Path] = []
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            found += [f for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in PAGE_SUFFIXES]
        elif p.exists():
            found.append(p)
        else:
            raise InputError("no such file or folder", p)
    return list(dict.fromkeys(found))


def recorded_path(path: Path) -> str:
    """A page's path as PROV records it: relative to the bundled sources or the workspace when inside either."""
    return paths.relative_to_sources(path)


# --- reading and mapping one file (in this process or in a worker) --------------------------------


@dataclass
class Prepared:
    """A file read and mapped: its page record, its document graphs as N-Quads, and what the
    ingesting process needs to know of them without reading them again (terms in N-Triples form).
    Menu versions are decided by the ingesting process, which knows which ones the store holds."""

    path: Path
    location: str
    page: PageRecord
    nquads: bytes
    graphs: list[str]
    subjects: list[str]
    objects: list[str]
    labels: list[tuple[str, str, str, str]]
    """(graph, entity, predicate, English label) of each entity the page mints (MINTED_TYPES)."""
    menu_graph: str | None


_READER: PageReader | None = None


def _start_worker(names: bytes) -> None:
    """A worker's set-up: the gazetteer from the names the parent read from the store."""
    global _READER
    graph = Graph()
    if names:
        graph.parse(data=names.decode("utf-8"), format="nt")
    _READER = PageReader(Gazetteer.from_graph(graph))


def prepare_file(task: tuple[Path, str, tuple[str, ...], str | None], reader: PageReader | None = None) -> PageOutcome | Prepared:
    """Read and map one file: unchanged (every graph it gave before has its hash), rejected, or
    prepared. `reader` defaults to the worker's (_start_worker)."""
    path, location, previous_hashes, layout = task
    reader = reader or _READER
    assert reader is not None, "prepare_file needs a reader: the worker's or the Ingester's"
    data = path.read_bytes()
    digest = content_hash(data)
    if previous_hashes and all(h == digest for h in previous_hashes):
        return PageOutcome(path, "unchanged")
    try:
        page = reader.read(path, data, layout=layout)
    except InputError as error:
        return PageOutcome(path, "rejected", messages=[str(error)])
    graphs = document_graphs(page, location)
    quads = _quads(graphs)
    subjects = {str(q.subject) for q in quads}
    objects = {str(q.object) for q in quads if isinstance(q.object, ox.NamedNode)} - subjects
    labels = []
    for name, triples in graphs.items():
        minted = {s for s, p, o in triples if p == RDF.type and o in MINTED_TYPES}
        labels += [(f"<{name}>", f"<{s}>", str(p), str(o)) for s, p, o in triples
                   if s in minted and p in (RDFS.label, SKOS.prefLabel) and isinstance(o, Literal) and o.language == "en"]
    menu_graph = str(iri.graph("menu", menu_digest(page.menu))) if page.menu and page.documents else None
    return Prepared(path, location, page, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), [f"<{g}>" for g in graphs],
                    sorted(subjects), sorted(objects), labels, menu_graph)


def _prepare_chunk(tasks: list[tuple[Path, str, tuple[str, ...], str | None]]) -> list[tuple[tuple, PageOutcome | Prepared]]:
    """A worker's unit of work: a few files (one message each way for READ_CHUNK files)."""
    return [(task, prepare_file(task)) for task in tasks]


def document_graphs(page: PageRecord, location: str) -> dict[URIRef, Triples]:
    """The graph of each document of a page (two documents with one key share a graph)."""
    captured = _captured(page.source_path)
    source = PageSource(location, page.content_hash, captured, page.canonical_url)
    graphs: dict[URIRef, Triples] = {}
    for doc in page.documents:
        doc.captured = captured
        name, triples = document_graph(doc, source, page.menu)
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


def _captured(path: Path) -> str:
    """The capture date of a saved page: its file's modification date (the day the copy was saved)."""
    return date.fromtimestamp(path.stat().st_mtime).isoformat()


# --- validating and committing, in this process -----------------------------------------------------


@dataclass
class _Mapped:
    """A file read and mapped, waiting for its batch's validation and its commit."""

    prepared: Prepared
    previous: dict[URIRef, str]

    @property
    def path(self) -> Path:
        return self.prepared.path

    @property
    def page(self) -> PageRecord:
        return self.prepared.page

    def graphs(self) -> dict[ox.NamedNode, list[ox.Triple]]:
        """The graphs as the store's terms (made only when a commit must change or compare them)."""
        graphs: dict[ox.NamedNode, list[ox.Triple]] = {}
        for q in ox.parse(self.prepared.nquads, format=ox.RdfFormat.N_QUADS):
            graphs.setdefault(q.graph_name, []).append(q.triple)
        return graphs

    def document_iris(self) -> list[str]:
        return [str(iri.document(d.key or "")) for d in self.page.documents]


class Ingester:
    """Ingests files into one store with the store's own names (the gazetteer) and types."""

    def __init__(self, store: GraphStore, *, layout: str | None = None) -> None:
        self.store = store
        self.layout = layout
        self.names = ox.serialize(store.raw_query(NAMES), format=ox.RdfFormat.N_TRIPLES)
        graph = Graph()
        if self.names:
            graph.parse(data=self.names.decode("utf-8"), format="nt")
        self.gazetteer = Gazetteer.from_graph(graph)
        self.reader = PageReader(self.gazetteer)
        self.menus_seen: set[tuple] = set()
        self.held_menus: dict[URIRef, bool] = {}
        self.pending: list[bytes] = []
        self.pending_graphs: list[str] = []
        self.known_labels: dict[tuple[str, str], str] = {}
        self.bulk_writes = 0
        self.labels_asked: set[str] = set()
        # The reference data goes into every batch's SHACL run as context: the entities that pages
        # point to then conform, instead of being typed bare and reported (600 results per batch of
        # 100 pages, which took longer to read than the validation itself; issue 6).
        context = [g for g in store.graph_names() if iri.graph_kind(g) not in ("page", "menu", "ontology")]
        self.context = store.serialize_union(context, ox.RdfFormat.N_TRIPLES).decode("utf-8")
        self.context_subjects = {str(t.subject) for t in ox.parse(self.context, format=ox.RdfFormat.N_TRIPLES)}

    def prepared(self, files: list[Path], workers: int) -> Iterator[tuple[PageOutcome | Prepared, dict[URIRef, str]]]:
        """Each file read and mapped (by `workers` processes when more than one), in file order,
        with the graphs and hashes its path gave before."""
        previous: dict[str, dict[URIRef, str]] = {}
        for start in range(0, len(files), 1000):
            previous |= self._previous([recorded_path(f) for f in files[start:start + 1000]])
        tasks = [(f, loc, tuple(previous.get(loc, {}).values()), self.layout) for f in files for loc in [recorded_path(f)]]
        if workers <= 1:
            for task in tasks:
                yield prepare_file(task, self.reader), previous.get(task[1], {})
            return
        # fork, not spawn: spawn re-imports the caller's main module, which breaks any script without
        # an `if __name__ == "__main__"` guard; a forked worker never touches the parent's store
        # At most READ_AHEAD files are read ahead of the commits: Pool.imap has no back-pressure, and
        # the workers outran the ingesting process by tens of thousands of pages (~28 kB each in
        # memory: 1.7 GB at 50,000 pages; issue 6).
        chunks = iter([tasks[i:i + READ_CHUNK] for i in range(0, len(tasks), READ_CHUNK)])
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(self.names,)) as pool:
            ahead = deque(pool.apply_async(_prepare_chunk, (chunk,)) for chunk in islice(chunks, READ_AHEAD // READ_CHUNK))
            while ahead:
                done = ahead.popleft().get()
                following = next(chunks, None)
                if following is not None:
                    ahead.append(pool.apply_async(_prepare_chunk, (following,)))
                for task, result in done:
                    yield result, previous.get(task[1], {})

    def check_batch(self, items: list[tuple[PageOutcome | Prepared, dict[URIRef, str]]]) -> _Checked:
        """One SHACL run over the batch's mapped files: which of them own a faulted node.

        Reads the store only, so it may run (in a thread: the engine releases the GIL) while the
        previous batch is committed; a file it faults because a node it points to was not yet
        committed is validated alone at commit, against the store as it is then.
        """
        prepared = [_Mapped(item, previous) if isinstance(item, Prepared) else self._unchanged(item, previous)
                    for item, previous in items]
        return _Checked(prepared, self._implicated([m for m in prepared if isinstance(m, _Mapped)]))

    def commit_batch(self, checked: _Checked, *, stop_on_reject: bool = False) -> list[tuple[PageOutcome, list[MenuDifference]]]:
        """Commit each file of a checked batch in its own transaction.

        A file that owns a node the batch run faulted is validated alone, exactly as a single file
        is, and rejected only if it fails there. With stop_on_reject, nothing after the first
        rejected file is committed.
        """
        prepared, suspects = checked.items, checked.suspects
        mapped = [m for m in prepared if isinstance(m, _Mapped)]
        batch = _BatchState(self._existing({g for m in mapped for g in m.prepared.graphs}), dict(self._store_labels(mapped)))
        results: list[tuple[PageOutcome, list[MenuDifference]]] = []
        for item in prepared:
            if isinstance(item, _Mapped):
                problems = self._validate(item.graphs()) if id(item) in suspects else []
                if problems:
                    item = PageOutcome(item.path, "rejected", item.page.layout, messages=problems)
                else:
                    results.append(self._commit(item, batch))
                    continue
            results.append((item, []))
            if item.status == "rejected" and stop_on_reject:
                break
        self.write_pending()
        self._remember_labels(batch)
        return results

    @staticmethod
    def _unchanged(outcome: PageOutcome, previous: dict[URIRef, str]) -> PageOutcome:
        if outcome.status == "unchanged":
            outcome.documents = [str(iri.document(k)) for k in sorted(str(g).rsplit("/", 1)[-1] for g in previous)]
        return outcome

    def _previous(self, locations: Sequence[str]) -> dict[str, dict[URIRef, str]]:
        if not locations:
            return {}
        rows = self.store.raw_query(GRAPHS_OF_PATHS % " ".join(str(ox.Literal(loc)) for loc in locations))
        found: dict[str, dict[URIRef, str]] = {}
        for row in rows:
            found.setdefault(row["loc"].value, {})[URIRef(row["g"].value)] = row["hash"].value
        return found

    def _commit(self, item: _Mapped, batch: _BatchState) -> tuple[PageOutcome, list[MenuDifference]]:
        prepared, page, previous = item.prepared, item.page, item.previous
        menu = self._menu_version(page, prepared.location, prepared.menu_graph)
        relabel = self._relabelled(prepared, batch)
        existing = [g for g in prepared.graphs if g in batch.existing]
        stale = {g for g in previous if f"<{g}>" not in prepared.graphs and g not in page_names(page)}
        if not relabel and not existing and not stale:
            # the common case: new graphs, as the worker wrote them, written with the batch's others
            extra = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(menu[0]))) for t in menu[1]] if menu else []
            self.pending.append(prepared.nquads + (ox.serialize(extra, format=ox.RdfFormat.N_QUADS) if extra else b""))
            self.pending_graphs += [g[1:-1] for g in prepared.graphs] + ([str(menu[0])] if menu else [])
            written = set(prepared.graphs)
        else:
            self.write_pending()  # what this commit reads of the store must include the batch's earlier files
            graphs = item.graphs()
            if menu:
                graphs[to_ox(menu[0])] = menu[1]
            self._apply_labels(graphs, relabel)
            for name in [n for n in graphs if str(n) in batch.existing]:
                if self._stored_as_is(name, graphs[name]):
                    del graphs[name]
            names = {URIRef(n.value) for n in graphs}
            if not graphs and not stale:
                return PageOutcome(item.path, "unchanged", page.layout, sorted(item.document_iris())), []
            replaced = {n for n in names if f"<{n}>" in batch.existing} | stale
            stale |= set(self._orphaned_menus(replaced, graphs))
            self.store.write_graphs({URIRef(n.value): triples for n, triples in graphs.items()}, drop=stale, replace=replaced)
            for name in stale:
                if iri.graph_kind(name) == "menu":
                    self.held_menus[name] = False
            batch.exact_labels = True  # graphs were replaced or dropped: labels stored before the batch may be gone
            written = {f"<{n}>" for n in names}
            batch.existing -= {f"<{g}>" for g in stale}
        batch.existing |= written
        if menu:
            self.held_menus[menu[0]] = True
        batch.note_labels(prepared, relabel)
        messages = page.warnings + [w for d in page.documents for w in d.warnings]
        outcome = PageOutcome(item.path, "warnings" if messages else "ingested", page.layout, item.document_iris(), messages)
        return outcome, self._menu(page)

    def write_pending(self) -> None:
        """Write the new graphs of the files committed since the last write, in one bulk write
        (all or nothing: GraphStore.bulk_add_nquads). A file counts as ingested once this ran."""
        if self.pending:
            data, names = b"".join(self.pending), [URIRef(n) for n in self.pending_graphs]
            self.pending, self.pending_graphs = [], []
            self.store.bulk_add_nquads(data, names)
            self.bulk_writes += 1

    def _existing(self, names: set[str]) -> set[str]:
        """Which of these graphs (N-Triples IRIs) the store holds: one query for a whole batch."""
        if not names:
            return set()
        rows = self.store.raw_query(EXISTING % " ".join(sorted(names)))
        return {str(row["g"]) for row in rows}

    def _holds(self, name: URIRef) -> bool:
        held = self.held_menus.get(name)
        if held is None:
            # an ASK, not graph_names() or count(): both read the whole store
            held = self.held_menus[name] = bool(self.store.query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"))
        return held

    def _orphaned_menus(self, replaced: set[URIRef], graphs: dict[ox.NamedNode, list[ox.Triple]]) -> list[URIRef]:
        """The graphs of the menu versions that the replaced graphs showed and that no graph shows
        once they are replaced: a version is evidence only while a page showing it is stored."""
        if not replaced:
            return []
        names = " ".join(f"<{g}>" for g in replaced)
        rows = self.store.query(MENUS_SHOWN % (names, OSCE.showsMenu))
        assert isinstance(rows, list)
        still = {URIRef(t.object.value) for triples in graphs.values() for t in triples if t.predicate == _SHOWS_MENU}
        orphaned = []
        for version in {URIRef(str(r["m"])) for r in rows} - still:
            if not self.store.query(SHOWN_ELSEWHERE % (OSCE.showsMenu, ", ".join(f"<{g}>" for g in replaced)), {"m": version}):
                orphaned.append(iri.graph("menu", str(version).rsplit("/", 1)[1]))
        return orphaned

    def _stored_as_is(self, name: ox.NamedNode, triples: list[ox.Triple]) -> bool:
        """True when the store already holds this document with the same facts (another copy of one page).

        The URLs under which earlier copies were seen are kept (schema:url), so copies of one page
        under several URLs add up to one document that lists them all.
        """
        stored = self.store.graph(URIRef(name.value))
        graph = _graph(triples)
        for document in graph.subjects(RDF.type, OSCE.Document):
            for url in stored.triples((document, SCHEMA.url, None)):
                graph.add(url)
                triples.append(ox.Triple(*(to_ox(t) for t in url)))
        return isomorphic(_without_provenance(stored), _without_provenance(graph))

    def _menu_version(self, page: PageRecord, location: str, name: str | None) -> tuple[URIRef, list[ox.Triple]] | None:
        """The graph of the page's menu version when the store lacks it (the page is the first to show it)."""
        if name is None or self._holds(URIRef(name)):
            return None
        source = PageSource(location, page.content_hash)
        _, triples = menu_version_graph(page.menu, iri.document(page.documents[0].key or ""), source)
        return URIRef(name), [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]

    def _store_labels(self, batch: list[_Mapped]) -> dict[tuple[str, str], str]:
        """The first (in code point order) English label that the store gives each entity the batch
        mints, per label predicate: one query for the entities not asked about before in this run.

        Remembered across batches (and updated with each batch's commits) because the query reads
        every graph that restates the entity's label: a person named by thousands of pages made it
        cost 2 s per batch at 50,000 pages, growing with the store (issue 6)."""
        entities = sorted({entity for m in batch for _, entity, _, _ in m.prepared.labels} - self.labels_asked)
        for start in range(0, len(entities), 2000):
            rows = self.store.raw_query(FIRST_LABELS % (" ".join(entities[start:start + 2000]), RDFS.label, SKOS.prefLabel))
            for row in rows:
                self.known_labels[(str(row["e"]), row["p"].value)] = row["first"].value
        self.labels_asked.update(entities)
        return self.known_labels

    def _remember_labels(self, batch: _BatchState) -> None:
        """After a batch: its labels join the remembered ones; if it replaced or dropped graphs, a
        remembered label may be gone, so the store is asked again next time."""
        if batch.exact_labels:
            self.known_labels, self.labels_asked = {}, set()
            return
        for key, label in batch.batch_labels.items():
            self.known_labels[key] = min(label, self.known_labels.get(key, label))

    def _relabelled(self, prepared: Prepared, batch: _BatchState) -> dict[tuple[str, str, str], str]:
        """An entity minted from pages (a person, a new sub-topic, a partner organisation) that
        another graph already names keeps that English label; this page's spelling becomes an
        skos:altLabel ('Jiri Dienstbier' for 'Jiří Dienstbier'), so the union of all graphs has one
        English label per entity, as the shapes require. The (entity, predicate, label) to change,
        with the label to keep."""
        if not prepared.labels:
            return {}
        own_graph_stored = any(g in batch.existing for g in prepared.graphs)
        if batch.exact_labels or own_graph_stored:
            self.write_pending()  # the store is asked: it must hold the batch's earlier files
        changes: dict[tuple[str, str, str], str] = {}
        for graph, entity, predicate, label in prepared.labels:
            if batch.exact_labels or own_graph_stored:
                rows = self.store.raw_query(KNOWN_LABELS % (entity, predicate, graph))
                known = min((row["label"].value for row in rows), default=None)
            else:
                known = batch.first_label(entity, predicate)
            if known is not None and known != label:
                changes[(entity, predicate, label)] = known
        return changes

    @staticmethod
    def _apply_labels(graphs: dict[ox.NamedNode, list[ox.Triple]], changes: dict[tuple[str, str, str], str]) -> None:
        if not changes:
            return
        alt = ox.NamedNode(str(SKOS.altLabel))
        for triples in graphs.values():
            kept = []
            for t in triples:
                known = changes.get((str(t.subject), t.predicate.value, t.object.value)) if isinstance(t.object, ox.Literal) else None
                if known is not None and t.object.language == "en":
                    kept += [ox.Triple(t.subject, t.predicate, ox.Literal(known, language="en")), ox.Triple(t.subject, alt, t.object)]
                else:
                    kept.append(t)
            triples[:] = list(dict.fromkeys(kept))

    def _implicated(self, batch: list[_Mapped]) -> set[int]:
        """One SHACL run over the batch, with the reference data and the types of anything else it
        points to; the ids of the files that own a node with a violation (a node stated by several
        files implicates them all)."""
        if not batch:
            return set()
        parts: list[str] = [self.context]
        owners: dict[str, list[int]] = {}
        menus: set[str] = set()
        objects: set[str] = set()
        for item in batch:
            prepared = item.prepared
            parts.append(prepared.nquads.decode("utf-8"))
            for subject in prepared.subjects:
                owners.setdefault(subject, []).append(id(item))
            objects.update(prepared.objects)
            name = prepared.menu_graph
            if name is not None and name not in menus and not self._holds(URIRef(name)):
                menus.add(name)
                version = self._menu_version(item.page, prepared.location, name)
                assert version is not None
                parts.append(ox.serialize(version[1], format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))
                for subject in {str(t.subject) for t in version[1]}:
                    owners.setdefault(subject, []).append(id(item))
        types = self._types_of(objects - owners.keys() - self.context_subjects)
        parts.append(ox.serialize(types, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))
        report = validate("\n".join(parts), label=lambda _: None)
        return {owner for v in report.violations if v.severity == "Violation" for owner in owners.get(str(to_ox(v.focus)), [])}

    def _types_of(self, nodes: Iterable[str | ox.NamedNode]) -> list[ox.Triple]:
        """The rdf:type statements the store holds for these nodes (IRIs, in any graph)."""
        found: list[ox.Triple] = []
        ordered = sorted(str(n) for n in nodes)
        for start in range(0, len(ordered), 2000):
            rows = self.store.raw_query(TYPES_OF % " ".join(ordered[start:start + 2000]))
            found += [ox.Triple(row["s"], _RDF_TYPE, row["t"]) for row in rows]
        return found

    def _validate(self, graphs: dict[ox.NamedNode, list[ox.Triple]]) -> list[str]:
        """SHACL on each graph plus the types of what it points to; only its own nodes are judged."""
        problems: list[str] = []
        for triples in graphs.values():
            own = {t.subject for t in triples}
            data = _graph(triples + self._types_of({t.object for t in triples if isinstance(t.object, ox.NamedNode)} - own))
            report = validate(data)
            for v in report.violations:
                if to_ox(v.focus) in own and v.severity == "Violation":
                    problems.append(f"SHACL: {v.line()}")
        return problems

    def _menu(self, page: PageRecord) -> list[MenuDifference]:
        """Menu differences, once per distinct menu in a run (most pages share one menu)."""
        if not page.menu:
            return []
        key = tuple((s.title, tuple(s.entries)) for s in page.menu)
        if key in self.menus_seen:
            return []
        self.menus_seen.add(key)
        return compare_menu(page.menu, self.gazetteer, self.store)


@dataclass
class _Checked:
    """A batch after its SHACL run: the files in order, and the ids of the suspect ones."""

    items: list[PageOutcome | _Mapped]
    suspects: set[int]


@dataclass
class _BatchState:
    """What the commits of one batch know of the store without asking it again: the graphs it
    holds, and the first English label of each minted entity (as stored before the batch, then
    as committed by the batch's files)."""

    existing: set[str]
    store_labels: dict[tuple[str, str], str]
    batch_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    exact_labels: bool = False
    """Set once a commit replaced or dropped graphs: later files ask the store for each label."""

    def first_label(self, entity: str, predicate: str) -> str | None:
        known = [x for x in (self.store_labels.get((entity, predicate)), self.batch_labels.get((entity, predicate))) if x is not None]
        return min(known, default=None)

    def note_labels(self, prepared: Prepared, changes: dict[tuple[str, str, str], str]) -> None:
        for _, entity, predicate, label in prepared.labels:
            kept = changes.get((entity, predicate, label), label)
            key = (entity, predicate)
            self.batch_labels[key] = min(kept, self.batch_labels.get(key, kept))


def menus_shown(store: GraphStore, page_graphs: list[URIRef]) -> list[URIRef]:
    """The graphs of the menu versions that these page graphs show (to copy them together)."""
    if not page_graphs:
        return []
    rows = store.query(MENUS_SHOWN % (" ".join(f"<{g}>" for g in page_graphs), OSCE.showsMenu))
    assert isinstance(rows, list)
    return sorted(iri.graph("menu", str(r["m"]).rsplit("/", 1)[1]) for r in rows)


def page_names(page: PageRecord) -> set[URIRef]:
    return {iri.graph("page", d.key or "") for d in page.documents}


_PROVENANCE_SUBJECTS = (str(iri.GRAPH), str(iri.ID) + "source/", str(iri.ID) + "software/")


def _graph(triples: Iterable[ox.Triple]) -> Graph:
    graph = Graph()
    for t in triples:
        graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return graph


def _without_provenance(graph: Graph) -> Graph:
    """The facts of a page graph without its PROV record (which carries the time of ingest)."""
    out = Graph()
    for s, p, o in graph:
        if not str(s).startswith(_PROVENANCE_SUBJECTS):
            out.add((s, p, o))
    return out


def default_workers(files: int) -> int:
    """Worker processes for reading pages: one per core for big runs, none for small ones."""
    return (os.cpu_count() or 1) if files >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 else 1


def ingest_paths(store: GraphStore, paths: list[Path], *, layout: str | None = None, keep_going: bool = True,
                 workers: int | None = None) -> IngestReport:
    """Ingest files and folders (recursively); with keep_going=False the first rejected file raises InputError.

    `workers` processes read and map the files (default: one per core from PARALLEL_FROM files).
    """
    started = time.perf_counter()
    report = IngestReport()
    ingester = Ingester(store, layout=layout)
    if not ingester.gazetteer.by_kind.get("state"):
        report.notes.append("the store holds no reference data (no States): names stay unlinked; run 'osce-kg build' first")
    unfinished = getattr(store, "dropped_unfinished", [])
    if unfinished:
        report.notes.append(f"an interrupted ingest had begun {len(unfinished)} graphs; they were dropped when the store "
                            "was opened, and their files are read again")
    files = page_files(paths)
    stream = ingester.prepared(files, default_workers(len(files)) if workers is None else workers)
    since_flush = 0
    # batch k+1 is validated in a thread while batch k is committed (issue 6: validation was a
    # third of the ingesting process's time, which the page-reading workers wait on)
    checker = ThreadPoolExecutor(1, thread_name_prefix="shacl")
    checked: Future[_Checked] | None = None
    try:
        while True:
            batch = [item for _, item in zip(range(VALIDATION_BATCH), stream)]
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
            # files rather than per batch (issue 6)
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
        # files committed before an interruption or a stop are written: each was validated whole
        ingester.write_pending()
        checker.shutdown(cancel_futures=True)
        stream.close()
    report.seconds = time.perf_counter() - started
    return report
