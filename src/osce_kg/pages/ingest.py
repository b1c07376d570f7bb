"""Ingest pages: read, map, validate and commit each document in its own transaction.

Per file: an unchanged file (same content hash recorded for the same path) is skipped; otherwise
each document becomes the named graph graph/page/<key>, validated with SHACL together with the
types of the entities it points to, and committed with GraphStore.replace_graphs in one transaction
that also drops the graphs this path produced before and no longer produces (a renamed key, a
listing item that disappeared). A page's menu version (graph/menu/<digest>) is written by the first
page showing it and dropped, in the same transaction, by the commit that leaves no page pointing to
it. A rejected file changes nothing; an interrupted run loses at most the file being written, never
what was committed before.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.compare import isomorphic

from osce_kg import iri, paths
from osce_kg.iri import ORG, OSCE, SCHEMA
from osce_kg.errors import InputError
from osce_kg.gazetteer import NAME_PREDICATES, Gazetteer
from osce_kg.mapping.pages import PageSource, document_graph, menu_digest, menu_version_graph
from osce_kg.pages.menu import MenuDifference, compare_menu
from osce_kg.parse.page import PageReader
from osce_kg.parse.records import PageRecord
from osce_kg.store import GraphStore
from osce_kg.store.provenance import content_hash
from osce_kg.validate.shacl import validate

PAGE_SUFFIXES = (".txt", ".html", ".htm")

GRAPHS_OF_PATH = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX osce: <https://w3id.org/osce-kg/ontology#>
SELECT ?g ?hash ?loc WHERE {
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
TYPES = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }"
KNOWN_LABEL = """SELECT ?p ?page ?label WHERE { GRAPH ?g { ?p %s ?label } FILTER(LANG(?label) = "en" && ?g != ?page) }"""
MINTED_TYPES = (OSCE.Person, OSCE.FieldOfWork, ORG.Organization)
MENUS_SHOWN = "SELECT DISTINCT ?m WHERE { VALUES ?g { %s } GRAPH ?g { ?s <%s> ?m } }"
SHOWN_ELSEWHERE = "ASK { GRAPH ?g { ?s <%s> ?m } FILTER(?g NOT IN (%s)) }"

VALIDATION_BATCH = 100
"""Files read and mapped before one SHACL run. A pyshacl run has a fixed cost (ontology mix-in,
shape building: ~140 ms of CPU), so one run per document made validation 85% of ingest time;
files implicated by a violation are then validated alone, as before (issue 6)."""


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
    """A page's path as PROV records it: relative to the repository when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


class Ingester:
    """Ingests files into one store with the store's own names (the gazetteer) and types."""

    def __init__(self, store: GraphStore, *, layout: str | None = None) -> None:
        self.store = store
        self.layout = layout
        names = store.query(NAMES)
        assert isinstance(names, Graph)
        self.gazetteer = Gazetteer.from_graph(names)
        self.reader = PageReader(self.gazetteer)
        types = store.query(TYPES)
        assert isinstance(types, Graph)
        self.types = types
        self.menus_seen: set[tuple] = set()

    def ingest(self, path: Path) -> tuple[PageOutcome, list[MenuDifference]]:
        return self.ingest_batch([path])[0]

    def ingest_batch(self, paths_: list[Path], *, stop_on_reject: bool = False) -> list[tuple[PageOutcome, list[MenuDifference]]]:
        """Read and map the files, validate them in one SHACL run, commit each in its own transaction.

        A file that owns a node the batch run faults is validated alone, exactly as a single file
        is, and rejected only if it fails there. With stop_on_reject, nothing after the first
        rejected file is committed.
        """
        prepared = [self._prepare(path) for path in paths_]
        suspects = self._implicated([m for m in prepared if isinstance(m, _Mapped)])
        results: list[tuple[PageOutcome, list[MenuDifference]]] = []
        for item in prepared:
            if isinstance(item, _Mapped):
                problems = self._validate(item.graphs) if id(item) in suspects else []
                if problems:
                    item = PageOutcome(item.path, "rejected", item.page.layout, messages=problems)
                else:
                    results.append(self._commit(item))
                    continue
            results.append((item, []))
            if item.status == "rejected" and stop_on_reject:
                break
        return results

    def _prepare(self, path: Path) -> PageOutcome | _Mapped:
        """An outcome when the file is unchanged or unreadable, else its mapped graphs."""
        location = recorded_path(path)
        data = path.read_bytes()
        digest = content_hash(data)
        previous = self._previous(location)
        if previous and all(h == digest for h in previous.values()):
            keys = sorted(str(g).rsplit("/", 1)[-1] for g in previous)
            return PageOutcome(path, "unchanged", documents=[str(iri.document(k)) for k in keys])
        try:
            page = self.reader.read(path, data, layout=self.layout)
        except InputError as error:
            return PageOutcome(path, "rejected", messages=[str(error)])
        return _Mapped(path, page, previous, self._graphs(page, location))

    def _commit(self, item: _Mapped) -> tuple[PageOutcome, list[MenuDifference]]:
        path, page, previous, graphs = item.path, item.page, item.previous, item.graphs
        # decided again at commit: an earlier file of the batch may have written or dropped the menu version
        graphs = {name: g for name, g in graphs.items() if iri.graph_kind(name) != "menu"} | self._menu_version(page, recorded_path(path))
        for name, graph in graphs.items():
            self._keep_known_names(name, graph)
        graphs = {name: g for name, g in graphs.items() if not self._stored_as_is(name, g)}
        stale = {g: Graph() for g in previous if g not in graphs and g not in page_names(page)}
        if not graphs and not stale:
            return PageOutcome(path, "unchanged", page.layout, sorted(str(iri.document(d.key or "")) for d in page.documents)), []
        stale |= {g: Graph() for g in self._orphaned_menus(set(graphs) | set(stale), graphs)}
        self.store.replace_graphs({**graphs, **stale})
        for stale_name in stale:
            self.store.drop_graph(stale_name)
        for g in graphs.values():
            self.types += g.triples((None, RDF.type, None))
        messages = page.warnings + [w for d in page.documents for w in d.warnings]
        outcome = PageOutcome(path, "warnings" if messages else "ingested", page.layout,
                              [str(iri.document(d.key or "")) for d in page.documents], messages)
        return outcome, self._menu(page)

    def _previous(self, location: str) -> dict[URIRef, str]:
        rows = self.store.query(GRAPHS_OF_PATH, {"loc": Literal(location)})
        assert isinstance(rows, list)
        return {URIRef(str(r["g"])): str(r["hash"]) for r in rows}

    def _holds(self, name: URIRef) -> bool:
        # an ASK, not graph_names() or count(): both read the whole store
        return bool(self.store.query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"))

    def _orphaned_menus(self, replaced: set[URIRef], graphs: dict[URIRef, Graph]) -> list[URIRef]:
        """The graphs of the menu versions that the replaced graphs showed and that no graph shows
        once they are replaced: a version is evidence only while a page showing it is stored."""
        names = " ".join(f"<{g}>" for g in replaced)
        rows = self.store.query(MENUS_SHOWN % (names, OSCE.showsMenu))
        assert isinstance(rows, list)
        still = {m for g in graphs.values() for m in g.objects(None, OSCE.showsMenu)}
        orphaned = []
        for version in {URIRef(str(r["m"])) for r in rows} - still:
            if not self.store.query(SHOWN_ELSEWHERE % (OSCE.showsMenu, ", ".join(f"<{g}>" for g in replaced)), {"m": version}):
                orphaned.append(iri.graph("menu", str(version).rsplit("/", 1)[1]))
        return orphaned

    def _stored_as_is(self, name: URIRef, graph: Graph) -> bool:
        """True when the store already holds this document with the same facts (another copy of one page).

        The URLs under which earlier copies were seen are kept (schema:url), so copies of one page
        under several URLs add up to one document that lists them all.
        """
        # an ASK, not graph_names() or count(): both read the whole store for each document
        if not self.store.query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"):
            return False
        stored = self.store.graph(name)
        for document in graph.subjects(RDF.type, OSCE.Document):
            graph += stored.triples((document, SCHEMA.url, None))
        return isomorphic(_without_provenance(stored), _without_provenance(graph))

    def _graphs(self, page: PageRecord, location: str) -> dict[URIRef, Graph]:
        captured = _captured(page.source_path)
        source = PageSource(location, page.content_hash, captured, page.canonical_url)
        graphs: dict[URIRef, Graph] = {}
        for doc in page.documents:
            doc.captured = captured
            name, graph = document_graph(doc, source, page.menu)
            if name in graphs:
                graphs[name] += graph
            else:
                graphs[name] = graph
        return graphs | self._menu_version(page, location)

    def _menu_version(self, page: PageRecord, location: str) -> dict[URIRef, Graph]:
        """The graph of the page's menu version when the store lacks it (the page is the first to show it)."""
        if not page.menu or not page.documents:
            return {}
        if self._holds(iri.graph("menu", menu_digest(page.menu))):
            return {}
        source = PageSource(location, page.content_hash)
        name, graph = menu_version_graph(page.menu, iri.document(page.documents[0].key or ""), source)
        return {name: graph}

    def _keep_known_names(self, name: URIRef, graph: Graph) -> None:
        """An entity minted from pages (a person, a new sub-topic, a partner organisation) that
        another graph already names keeps that English label; this page's spelling becomes an
        skos:altLabel ('Jiri Dienstbier' for 'Jiří Dienstbier'), so the union of all graphs has one
        English label per entity, as the shapes require."""
        minted = {s for t in MINTED_TYPES for s in graph.subjects(RDF.type, t)}
        for entity in minted:
            for predicate in (RDFS.label, SKOS.prefLabel):
                rows = self.store.query(KNOWN_LABEL % predicate.n3(), {"p": entity, "page": name})
                assert isinstance(rows, list)
                known = sorted(str(r["label"]) for r in rows)
                if not known:
                    continue
                for label in list(graph.objects(entity, predicate)):
                    if isinstance(label, Literal) and label.language == "en" and str(label) != known[0]:
                        graph.remove((entity, predicate, label))
                        graph.add((entity, predicate, Literal(known[0], lang="en")))
                        graph.add((entity, SKOS.altLabel, label))

    def _implicated(self, batch: list[_Mapped]) -> set[int]:
        """One SHACL run over the batch plus the types of what it points to; the ids of the files
        that own a node with a violation (a node stated by several files implicates them all)."""
        if not batch:
            return set()
        data = Graph()
        owners: dict[object, list[int]] = {}
        for item in batch:
            for graph in item.graphs.values():
                data += graph
                for subject in set(graph.subjects()):
                    owners.setdefault(subject, []).append(id(item))
        for obj in set(data.objects()):
            if isinstance(obj, URIRef) and obj not in owners:
                data += self.types.triples((obj, RDF.type, None))
        report = validate(data, inplace=True)
        return {owner for v in report.violations if v.severity == "Violation" for owner in owners.get(v.focus, [])}

    def _validate(self, graphs: dict[URIRef, Graph]) -> list[str]:
        """SHACL on each graph plus the types of what it points to; only its own nodes are judged."""
        problems: list[str] = []
        for name, graph in graphs.items():
            data = Graph()
            data += graph
            own = set(graph.subjects())
            for obj in set(graph.objects()):
                if isinstance(obj, URIRef) and obj not in own:
                    data += self.types.triples((obj, RDF.type, None))
            report = validate(data, inplace=True)
            for v in report.violations:
                if v.focus in own and v.severity == "Violation":
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
class _Mapped:
    """A file read and mapped, waiting for its batch's validation and its commit."""

    path: Path
    page: PageRecord
    previous: dict[URIRef, str]
    graphs: dict[URIRef, Graph]


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


def _without_provenance(graph: Graph) -> Graph:
    """The facts of a page graph without its PROV record (which carries the time of ingest)."""
    out = Graph()
    for s, p, o in graph:
        if not str(s).startswith(_PROVENANCE_SUBJECTS):
            out.add((s, p, o))
    return out


def _captured(path: Path) -> str:
    """The capture date of a saved page: its file's modification date (the day the copy was saved)."""
    return date.fromtimestamp(path.stat().st_mtime).isoformat()


def ingest_paths(store: GraphStore, paths: list[Path], *, layout: str | None = None, keep_going: bool = True) -> IngestReport:
    """Ingest files and folders (recursively); with keep_going=False the first rejected file raises InputError."""
    started = time.perf_counter()
    report = IngestReport()
    ingester = Ingester(store, layout=layout)
    if not ingester.gazetteer.by_kind.get("state"):
        report.notes.append("the store holds no reference data (no States): names stay unlinked; run 'osce-kg build' first")
    files = page_files(paths)
    for start in range(0, len(files), VALIDATION_BATCH):
        for outcome, differences in ingester.ingest_batch(files[start:start + VALIDATION_BATCH], stop_on_reject=not keep_going):
            report.outcomes.append(outcome)
            report.menu_differences += [d for d in differences if d not in report.menu_differences]
            if outcome.status == "rejected" and not keep_going:
                report.seconds = time.perf_counter() - started
                raise InputError("page rejected: " + "; ".join(outcome.messages), outcome.path)
        # Oxigraph holds written data in RocksDB memtables until a flush: flushing each batch keeps
        # memory flat (383 -> 218 MB after 1,000 pages; issue 6)
        store.flush()
    report.seconds = time.perf_counter() - started
    return report

