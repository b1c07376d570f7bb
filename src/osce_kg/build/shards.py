"""Whole-graph SHACL validation in shards of page graphs, with the same results as one run.

Why: one run holds the whole graph in the engine's memory (~760 bytes a triple in pyshacl-turbo:
~3.5 GB for 50,000 pages) plus its text; shards of SHARD_PAGES pages keep that near 300 MB,
and two shards run at once (the engine releases the GIL), so both cores work (issue 6).

Why the results are those of one run. A SHACL result on a focus node depends on the triples the
shapes reach from it: its own statements, the types of its values, and a few inverse or two-step
paths that stay within the reference data (memberships of a State, the document reporting an
event, the instants of an interval). So each shard validates:

* the reference data and the menu versions (every graph that is not a page graph): the context;
* its page graphs;
* the rdf:type statements, from any graph, of every IRI its page graphs point to.

A node stated in one shard only (its page graphs, or the context) has all its statements there,
and its results are kept from that shard (context nodes: from the first). A node stated in more
than one shard (a person or a new sub-topic that several pages name, restating its type, label
and source) is seen in part by each; its results are dropped from the shards and it is validated
once more with every triple stating it, from all graphs, its values' types and the context.
tests/test_build.py compares the two ways on pages whose people and sub-topics cross shards,
with violations that only the union of two pages shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from osce_kg import iri
from osce_kg.store import GraphStore
from osce_kg.validate.shacl import Report, Violation, validate

SHARD_PAGES = 2000
"""Page graphs per shard: ~190k triples with the reference data, ~300 MB in the engine."""

SUBJECTS = "SELECT DISTINCT ?s WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
VALUE_TYPES = "CONSTRUCT { ?o a ?t } WHERE { { SELECT DISTINCT ?o WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o)) } } ?o a ?t }"
STATEMENTS = "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { %s } GRAPH ?g { ?s ?p ?o } }"
STATED_VALUE_TYPES = "CONSTRUCT { ?o a ?t } WHERE { VALUES ?s { %s } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o)) ?o a ?t }"


def _names(graphs: Sequence[URIRef | str]) -> str:
    return " ".join(f"<{g}>" for g in graphs)


def _text(answers: list[ox.QueryTriples]) -> str:
    """CONSTRUCT answers as N-Triples, written by pyoxigraph without making a Python object per triple."""
    return "".join(a.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8") for a in answers)


def validate_in_shards(
    store: GraphStore,
    shapes: Graph,
    ontology: Graph,
    data_graphs: Sequence[URIRef],
    label: object,
    shard_pages: int = SHARD_PAGES,
    threads: int = 2,
) -> Report:
    """The report of validating the union of `data_graphs` (see the module's docstring)."""
    pages = [g for g in data_graphs if iri.graph_kind(g) == "page"]
    context_graphs = [g for g in data_graphs if iri.graph_kind(g) != "page"]
    context = store.serialize_union(context_graphs, ox.RdfFormat.N_TRIPLES).decode("utf-8")
    shards = [pages[i:i + shard_pages] for i in range(0, len(pages), shard_pages)]

    def subjects(graphs: Sequence[URIRef]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(graphs), 2000):
            found |= {str(row["s"]) for row in store.raw_query(SUBJECTS % _names(graphs[start:start + 2000]))}
        return found

    def shard_text(graphs: Sequence[URIRef]) -> str:
        types = _text([store.raw_query(VALUE_TYPES % _names(chunk)) for chunk in _chunks(list(graphs), 2000)])
        return "\n".join([context, store.serialize_union(graphs, ox.RdfFormat.N_TRIPLES).decode("utf-8"), types])

    def run(text: str) -> Report:
        return validate(text, shapes=shapes, ontology=ontology, label=label)  # type: ignore[arg-type]

    owned = [subjects(context_graphs)] + [subjects(shard) for shard in shards]
    seen = Counter(s for found in owned for s in found)
    shared = {s for s, n in seen.items() if n > 1}

    kept: list[Violation] = []
    with ThreadPoolExecutor(threads) as pool:
        texts: Iterator[str] = (shard_text(shard) for shard in shards)
        for n, report in enumerate(pool.map(run, texts)):
            mine = owned[n + 1] | (owned[0] if n == 0 else set())
            kept += [v for v in report.violations if _key(v.focus) in mine and _key(v.focus) not in shared
                     or not isinstance(v.focus, URIRef) and v.focus is not None]
    if shared:
        chunks = list(_chunks(sorted(shared), 2000))
        statements = _text([store.raw_query(STATEMENTS % " ".join(chunk)) for chunk in chunks])
        types = _text([store.raw_query(STATED_VALUE_TYPES % " ".join(chunk)) for chunk in chunks])
        report = run("\n".join([context, statements, types]))
        kept += [v for v in report.violations if _key(v.focus) in shared]
    kept = sorted(set(kept), key=lambda v: (str(v.focus), v.path or "", v.message, str(v.value)))
    return Report(conforms=not any(v.severity == "Violation" for v in kept), violations=kept)


def _key(node: Node | None) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else ""


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
