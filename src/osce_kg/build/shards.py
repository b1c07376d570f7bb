"""Whole-graph SHACL validation in shards of page graphs, with the same results as one run.

Why: one run holds the whole graph in the engine's memory (~760 bytes a triple in pyshacl-turbo:
~3.5 GB for 50,000 pages) plus its text; shards of SHARD_PAGES pages keep that near 400 MB,
and one worker process per core validates shards, so both cores work (issue 6).

Why the results are those of one run. A SHACL result on a focus node depends on the triples the
shapes reach from it: its own statements, the types of its values, and a few inverse or two-step
paths that stay within the reference data (memberships of a State, the document reporting an
event, the instants of an interval). So each shard validates:

* the reference data and the menu versions (every graph that is not a page graph): the context;
* its page graphs;
* the rdf:type statements, from any graph, of every IRI its page graphs point to that neither
  they nor the context state (such a node's results are not this shard's).

A node stated in one shard only (its page graphs, or the context) has all its statements there,
and its results are kept from that shard (a context node's, identical in every shard, once). A node stated in more
than one shard (a person or a new sub-topic that several pages name, restating its type, label
and source) is seen in part by each; its results are dropped from the shards and it is validated
once more with every triple stating it, from all graphs, its values' types and the context.
tests/test_shards.py compares the two ways on pages whose people and sub-topics cross shards,
with violations that only the union of two pages shows.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from osce_kg import iri
from osce_kg.store import GraphStore
from osce_kg.store.terms import serialized
from osce_kg.validate.shacl import Report, Violation, validate

SHARD_PAGES = 2000
"""Page graphs per shard: ~190k triples with the reference data, ~400 MB per worker process."""

SUBJECTS = "SELECT DISTINCT ?s WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
OBJECTS = "SELECT DISTINCT ?o WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o)) }"
TYPES = "CONSTRUCT { ?o a ?t } WHERE { VALUES ?o { %s } ?o a ?t }"
STATEMENTS = "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { %s } GRAPH ?g { ?s ?p ?o } }"
STATED_VALUE_TYPES = "CONSTRUCT { ?o a ?t } WHERE { VALUES ?s { %s } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o)) ?o a ?t }"


def _names(graphs: Sequence[URIRef | str]) -> str:
    return " ".join(f"<{g}>" for g in graphs)


def _text(answers: list[ox.QueryTriples]) -> str:
    """CONSTRUCT answers as N-Triples, written by pyoxigraph without making a Python object per triple."""
    return "".join(serialized(a, ox.RdfFormat.N_TRIPLES).decode("utf-8") for a in answers)


@dataclass
class _Context:
    """What every shard shares: the store, the shapes, the reference data's text and subjects."""

    store: GraphStore
    shapes: Graph
    ontology: Graph
    text: str
    subjects: set[str]
    label: Callable[[Node], str | None]

    def rows(self, query: str, graphs: Sequence[URIRef]) -> list:
        return [row for chunk in _chunks(list(graphs), 2000) for row in self.store.raw_query(query % _names(chunk))]

    def run(self, text: str, focus: set[str] | None = None) -> Report:
        return validate(text, shapes=self.shapes, ontology=self.ontology, label=self.label, focus=focus)


def _shard(context: _Context, graphs: Sequence[URIRef]) -> tuple[set[str], list[Violation]]:
    """Validate one shard: the nodes its page graphs state, and the results on those of them that
    it does not merely type as values (whose statements are elsewhere)."""
    owned = {str(row["s"]) for row in context.rows(SUBJECTS, graphs)}
    foreign = {str(row["o"]) for row in context.rows(OBJECTS, graphs)} - owned - context.subjects
    types = _text([context.store.raw_query(TYPES % " ".join(chunk)) for chunk in _chunks(sorted(foreign), 2000)])
    pages = context.store.serialize_union(graphs, ox.RdfFormat.N_TRIPLES).decode("utf-8")
    report = context.run("\n".join([context.text, pages, types]))
    return owned, [v for v in report.violations if _key(v.focus) not in foreign]


_WORKER: _Context | None = None


def _start_worker(context: _Context, path: str) -> None:
    """A shard worker: the parent's context (inherited by fork), its own read-only store handle."""
    global _WORKER
    from osce_kg.build.validation import focus_label

    store = GraphStore.open_read_only(Path(path))
    _WORKER = replace(context, store=store, label=lambda node: focus_label(store, node))


def _worker_shard(graphs: Sequence[URIRef]) -> tuple[set[str], list[Violation]]:
    assert _WORKER is not None
    return _shard(_WORKER, graphs)


def validate_in_shards(
    store: GraphStore,
    shapes: Graph,
    ontology: Graph,
    data_graphs: Sequence[URIRef],
    label: Callable[[Node], str | None],
    shard_pages: int = SHARD_PAGES,
    processes: int | None = None,
) -> Report:
    """The report of validating the union of `data_graphs` (see the module's docstring).

    Shards run in `processes` worker processes (default: one per core), each with its own
    read-only handle on an on-disk store; pyoxigraph and most of the engine hold the GIL, so
    threads did not use the second core (measured: 1.17 cores). A store in memory is validated
    shard after shard in this process.
    """
    pages = [g for g in data_graphs if iri.graph_kind(g) == "page"]
    context_graphs = [g for g in data_graphs if iri.graph_kind(g) != "page"]
    text = store.serialize_union(context_graphs, ox.RdfFormat.N_TRIPLES).decode("utf-8")
    context = _Context(store, shapes, ontology, text, set(), label)
    context.subjects = {str(row["s"]) for row in context.rows(SUBJECTS, context_graphs)}
    shards = [pages[i:i + shard_pages] for i in range(0, len(pages), shard_pages)]
    processes = processes or os.cpu_count() or 1
    if store.path is None or processes == 1:
        done = [_shard(context, shard) for shard in shards]
    else:
        # fork: the workers inherit the shapes and the context's text without a copy through a pipe
        inherited = replace(context, store=None, label=None)  # type: ignore[arg-type]  # each worker sets its own
        with multiprocessing.get_context("fork").Pool(processes, _start_worker, (inherited, str(store.path))) as pool:
            done = pool.map(_worker_shard, shards, chunksize=1)
    seen = Counter(s for found in [context.subjects, *(owned for owned, _ in done)] for s in found)
    shared = {s for s, n in seen.items() if n > 1}
    kept = [v for _, found in done for v in found if _key(v.focus) not in shared]
    if shared:
        # every triple stating a shared node, from all graphs, with its values' types and the context
        chunks = list(_chunks(sorted(shared), 2000))
        statements = _text([store.raw_query(STATEMENTS % " ".join(chunk)) for chunk in chunks])
        types = _text([store.raw_query(STATED_VALUE_TYPES % " ".join(chunk)) for chunk in chunks])
        # only the shared nodes are validated: their values' types would otherwise make every page a
        # focus node with no statements (15 s at 50,000 pages, most of it reading those results)
        focus = {s[1:-1] for s in shared}
        kept += [v for v in context.run("\n".join([context.text, statements, types]), focus).violations if _key(v.focus) in shared]
    kept = sorted(set(kept), key=lambda v: (str(v.focus), v.path or "", v.message, str(v.value)))
    return Report(conforms=not any(v.severity == "Violation" for v in kept), violations=kept)


def _key(node: Node | None) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else ""


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
