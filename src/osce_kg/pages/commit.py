"""Validating and committing mapped pages, in the ingesting process, in page order.

Everything that reads or writes the store happens here: the pages' previous graphs (one query per
batch), validation (one SHACL run per batch of pages, in the turbo engine, fed N-Quads text), the
labels already known for minted entities (pages.labels), the menu versions, the commit.

The pages of a batch that only add graphs (the common case) are written together with Oxigraph's
bulk loader, 3x faster than a transaction per page, made all-or-nothing by a journal
(GraphStore.bulk_add_nquads); replacing or dropping graphs goes through one SPARQL update per page,
after the batch's earlier pages are written.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from osce_kg import iri
from osce_kg.gazetteer import NAME_PREDICATES, Gazetteer
from osce_kg.iri import OSCE, SCHEMA
from osce_kg.mapping.pages import PageSource, menu_version_graph
from osce_kg.pages.inputs import PageInput
from osce_kg.pages.labels import BatchLabels, LabelMemory, apply_labels
from osce_kg.pages.menu import MenuDifference, compare_menu
from osce_kg.pages.prepare import BUG, Limits, Prepared, Task, prepare_all, rejected
from osce_kg.pages.report import PageOutcome
from osce_kg.parse.page import PageReader
from osce_kg.parse.records import PageRecord
from osce_kg.store import GraphStore
from osce_kg.store.terms import from_ox, to_ox
from osce_kg.validate.shacl import validate

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
_PAGE_GRAPHS = iri.graph("page", "x")[:-1]
NAMES = (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ VALUES ?p {{ {' '.join(f'<{p}>' for p in NAME_PREDICATES)} }} ?s ?p ?o }} "
         f'FILTER(!STRSTARTS(STR(?g), "{_PAGE_GRAPHS}")) }}')
TYPES_OF = "SELECT ?s ?t WHERE { VALUES ?s { %s } ?s a ?t }"
EXISTING = "SELECT ?g WHERE { VALUES ?g { %s } FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
MENUS_SHOWN = "SELECT DISTINCT ?m WHERE { VALUES ?g { %s } GRAPH ?g { ?s <%s> ?m } }"
SHOWN_ELSEWHERE = "ASK { GRAPH ?g { ?s <%s> ?m } FILTER(?g NOT IN (%s)) }"

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SHOWS_MENU = ox.NamedNode(str(OSCE.showsMenu))


class WriteFailed(Exception):
    """The bulk write of pages already counted as committed failed: the run stops (exit 4)."""


@dataclass
class _Mapped:
    """A page read and mapped, waiting for its batch's validation and its commit."""

    prepared: Prepared
    previous: dict[URIRef, str]

    @property
    def path(self) -> Path:
        return self.prepared.source.shown

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


@dataclass
class Checked:
    """A batch after its SHACL run: the pages in order, and the ids of the suspect ones."""

    items: list[PageOutcome | _Mapped]
    suspects: set[int]


@dataclass
class _BatchState:
    """What the commits of one batch know of the store without asking it again: the graphs it
    holds, and the labels of the entities it mints."""

    existing: set[str]
    labels: BatchLabels


class Ingester:
    """Ingests pages into one store with the store's own names (the gazetteer) and types."""

    def __init__(self, store: GraphStore, *, layout: str | None = None, limits: Limits | None = None) -> None:
        self.store = store
        self.layout = layout
        self.limits = limits or Limits()
        self.names = ox.serialize(store.raw_query(NAMES), format=ox.RdfFormat.N_TRIPLES) or b""
        graph = Graph()
        if self.names:
            graph.parse(data=self.names.decode("utf-8"), format="nt")
        self.gazetteer = Gazetteer.from_graph(graph)
        self.reader = PageReader(self.gazetteer)
        self.menus_seen: set[tuple] = set()
        self.held_menus: dict[URIRef, bool] = {}
        self.pending: list[bytes] = []
        self.pending_graphs: list[str] = []
        self.labels = LabelMemory(store)
        self.bulk_writes = 0
        # The reference data goes into every batch's SHACL run as context: the entities that pages
        # point to then conform, instead of being typed bare and reported (600 results per batch of
        # 100 pages, which took longer to read than the validation itself; issue 6).
        context = [g for g in store.graph_names() if iri.graph_kind(g) not in ("page", "menu", "ontology")]
        self.context = store.serialize_union(context, ox.RdfFormat.N_TRIPLES).decode("utf-8")
        self.context_subjects = {str(t.subject) for t in ox.parse(self.context, format=ox.RdfFormat.N_TRIPLES)}

    def prepared(self, pages: list[PageInput], workers: int) -> Generator[tuple[PageOutcome | Prepared, dict[URIRef, str]]]:
        """Each page read and mapped (by `workers` processes when more than one), in order, with
        the graphs and hashes its location gave before."""
        previous: dict[str, dict[URIRef, str]] = {}
        for start in range(0, len(pages), 1000):
            previous |= self._previous([p.location for p in pages[start:start + 1000]])
        tasks = [Task(p, tuple(previous.get(p.location, {}).values()), self.layout, self.limits) for p in pages]
        for task, result in prepare_all(tasks, workers, self.reader, self.names):
            yield result, previous.get(task.page.location, {})

    def check_batch(self, items: list[tuple[PageOutcome | Prepared, dict[URIRef, str]]]) -> Checked:
        """One SHACL run over the batch's mapped pages: which of them own a faulted node.

        Reads the store only, so it may run (in a thread: the engine releases the GIL) while the
        previous batch is committed; a page it faults because a node it points to was not yet
        committed is validated alone at commit, against the store as it is then.
        """
        prepared = [_Mapped(item, previous) if isinstance(item, Prepared) else self._unchanged(item, previous)
                    for item, previous in items]
        mapped = [m for m in prepared if isinstance(m, _Mapped)]
        try:
            suspects = self._implicated(mapped)
        except Exception:  # noqa: BLE001 - the page that makes the batch run fail fails alone at commit
            suspects = {id(m) for m in mapped}
        return Checked(prepared, suspects)

    def commit_batch(self, checked: Checked, *, stop_on_reject: bool = False) -> list[tuple[PageOutcome, list[MenuDifference]]]:
        """Commit each page of a checked batch in its own transaction.

        A page that owns a node the batch run faulted is validated alone, exactly as a single page
        is, and rejected only if it fails there. With stop_on_reject, nothing after the first
        rejected page is committed.
        """
        prepared, suspects = checked.items, checked.suspects
        mapped = [m for m in prepared if isinstance(m, _Mapped)]
        batch = _BatchState(self._existing({g for m in mapped for g in m.prepared.graphs}),
                            self.labels.for_batch(m.prepared for m in mapped))
        results: list[tuple[PageOutcome, list[MenuDifference]]] = []
        for item in prepared:
            if isinstance(item, _Mapped):
                source = item.prepared.source
                try:
                    problems = self._validate_alone(item) if id(item) in suspects else []
                    if not problems:
                        outcome = self._commit(item, batch)
                        results.append((outcome, self._differences(item.page, outcome)))
                        continue
                    outcome = PageOutcome(item.path, "rejected", item.page.layout, messages=problems)
                except (OSError, WriteFailed):
                    raise  # the store, not the page: the run cannot go on
                except Exception as error:  # noqa: BLE001 - one page's failure must not end the run
                    outcome = rejected(source, f"{source.shown}: {BUG} while validating or committing: "
                                               f"{type(error).__name__}: {error}")
            else:
                outcome = item
            results.append((outcome, []))
            if outcome.status == "rejected" and stop_on_reject:
                break
        self.write_pending()
        self.labels.remember(batch.labels)
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

    def _commit(self, item: _Mapped, batch: _BatchState) -> PageOutcome:
        prepared, page, previous = item.prepared, item.page, item.previous
        menu = self._menu_version(page, prepared.location, prepared.menu_graph)
        relabel = self._relabelled(prepared, batch)
        existing = [g for g in prepared.graphs if g in batch.existing]
        stale = {g for g in previous if f"<{g}>" not in prepared.graphs and g not in page_names(page)}
        if not relabel and not existing and not stale:
            # the common case: new graphs, as the worker wrote them, written with the batch's others
            extra = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(menu[0]))) for t in menu[1]] if menu else []
            self.pending.append(prepared.nquads + (ox.serialize(extra, format=ox.RdfFormat.N_QUADS) or b""))
            self.pending_graphs += [g[1:-1] for g in prepared.graphs] + ([str(menu[0])] if menu else [])
            written = set(prepared.graphs)
        else:
            self.write_pending()  # what this commit reads of the store must include the batch's earlier pages
            graphs = item.graphs()
            if menu:
                graphs[ox.NamedNode(str(menu[0]))] = menu[1]
            apply_labels(graphs, relabel)
            for name in [n for n in graphs if str(n) in batch.existing]:
                if self._stored_as_is(name, graphs[name]):
                    del graphs[name]
            names = {URIRef(n.value) for n in graphs}
            if not graphs and not stale:
                return PageOutcome(item.path, "unchanged", page.layout, sorted(item.document_iris()))
            replaced = {n for n in names if f"<{n}>" in batch.existing} | stale
            stale |= set(self._orphaned_menus(replaced, graphs))
            self.store.write_graphs({URIRef(n.value): triples for n, triples in graphs.items()}, drop=stale, replace=replaced)
            for dropped in stale:
                if iri.graph_kind(dropped) == "menu":
                    self.held_menus[dropped] = False
            batch.labels.exact = True  # graphs were replaced or dropped: labels stored before the batch may be gone
            written = {f"<{n}>" for n in names}
            batch.existing -= {f"<{g}>" for g in stale}
        batch.existing |= written
        if menu:
            self.held_menus[menu[0]] = True
        batch.labels.note(prepared, relabel)
        messages = page.warnings + [w for d in page.documents for w in d.warnings]
        return PageOutcome(item.path, "warnings" if messages else "ingested", page.layout, item.document_iris(), messages)

    def _relabelled(self, prepared: Prepared, batch: _BatchState) -> dict[tuple[str, str, str], str]:
        """The labels of this page to change (pages.labels): from what the batch knows, or from the
        store when the batch replaced graphs or this page's own graph is stored already."""
        if not prepared.labels:
            return {}
        ask_store = batch.labels.exact or any(g in batch.existing for g in prepared.graphs)
        if ask_store:
            self.write_pending()  # the store is asked: it must hold the batch's earlier pages
        return self.labels.changes(prepared, batch.labels, ask_store=ask_store)

    def write_pending(self) -> None:
        """Write the new graphs of the pages committed since the last write, in one bulk write
        (all or nothing: GraphStore.bulk_add_nquads). A page counts as ingested once this ran."""
        if self.pending:
            data, names = b"".join(self.pending), [URIRef(n) for n in self.pending_graphs]
            self.pending, self.pending_graphs = [], []
            try:
                self.store.bulk_add_nquads(data, names)
            except Exception as error:
                raise WriteFailed(f"writing {len(names)} graphs failed: {type(error).__name__}: {error}") from error
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
        still = {URIRef(t.object.value) for triples in graphs.values() for t in triples
                 if t.predicate == _SHOWS_MENU and isinstance(t.object, ox.NamedNode)}
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
                triples.append(_ox_triple(*url))
        return isomorphic(_without_provenance(stored), _without_provenance(graph))

    def _menu_version(self, page: PageRecord, location: str, name: str | None) -> tuple[URIRef, list[ox.Triple]] | None:
        """The graph of the page's menu version when the store lacks it (the page is the first to show it)."""
        if name is None or self._holds(URIRef(name)):
            return None
        source = PageSource(location, page.content_hash)
        _, triples = menu_version_graph(page.menu, iri.document(page.documents[0].key or ""), source)
        return URIRef(name), [_ox_triple(s, p, o) for s, p, o in triples]

    def _implicated(self, batch: list[_Mapped]) -> set[int]:
        """One SHACL run over the batch, with the reference data and the types of anything else it
        points to; the ids of the pages that own a node with a violation (a node stated by several
        pages implicates them all)."""
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
                parts.append(_ntriples(version[1]))
                for subject in {str(t.subject) for t in version[1]}:
                    owners.setdefault(subject, []).append(id(item))
        types = self._types_of(objects - owners.keys() - self.context_subjects)
        parts.append(_ntriples(types))
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

    def _validate_alone(self, item: _Mapped) -> list[str]:
        """A page's graphs validated without its batch, with the menu version it is the first to show."""
        graphs = item.graphs()
        menu = self._menu_version(item.page, item.prepared.location, item.prepared.menu_graph)
        if menu is None:
            return self._validate(graphs)
        graphs[ox.NamedNode(str(menu[0]))] = menu[1]
        return self._validate(graphs, menu[1])

    def _validate(self, graphs: dict[ox.NamedNode, list[ox.Triple]], context: list[ox.Triple] | None = None) -> list[str]:
        """SHACL on each graph plus `context` and the types of what it points to; only its own nodes are judged."""
        problems: list[str] = []
        for triples in graphs.values():
            own = {t.subject for t in triples}
            pointed = {t.object for t in triples if isinstance(t.object, ox.NamedNode)} - own
            data = _graph(triples + (context or []) + self._types_of(pointed))
            report = validate(data)
            for v in report.violations:
                if to_ox(v.focus) in own and v.severity == "Violation":
                    problems.append(f"SHACL: {v.line()}")
        return problems

    def _differences(self, page: PageRecord, outcome: PageOutcome) -> list[MenuDifference]:
        """The menu's differences for a committed page; a failure to compare is told, the page stays."""
        if outcome.status == "unchanged":
            return []
        try:
            return self._menu(page)
        except Exception as error:  # noqa: BLE001 - the page is committed: say so, and what failed
            outcome.messages.append(f"menu not compared with the reference data: {BUG}: {type(error).__name__}: {error}")
            outcome.status = "warnings"
            return []

    def _menu(self, page: PageRecord) -> list[MenuDifference]:
        """Menu differences, once per distinct menu in a run (most pages share one menu)."""
        if not page.menu:
            return []
        key = tuple((s.title, tuple(s.entries)) for s in page.menu)
        if key in self.menus_seen:
            return []
        self.menus_seen.add(key)
        return compare_menu(page.menu, self.gazetteer, self.store)


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
        graph.add((from_ox(cast(_Term, t.subject)), from_ox(t.predicate), from_ox(cast(_Term, t.object))))
    return graph


_Term = ox.NamedNode | ox.BlankNode | ox.Literal


def _ox_triple(s: Node, p: Node, o: Node) -> ox.Triple:
    return ox.Triple(cast(ox.NamedNode | ox.BlankNode, to_ox(s)), cast(ox.NamedNode, to_ox(p)), to_ox(o))


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def _without_provenance(graph: Graph) -> Graph:
    """The facts of a page graph without its PROV record (which carries the time of ingest)."""
    out = Graph()
    for s, p, o in graph:
        if not str(s).startswith(_PROVENANCE_SUBJECTS):
            out.add((s, p, o))
    return out
