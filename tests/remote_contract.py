"""The checks both remote-server test modules run: push the bundled store, compare every named
query's rows with the embedded store's, push again, and turn HTTP failures into clear messages.

Rows are compared as multisets (row order is not compared: ties under ORDER BY may come in any
order). Terms are compared by value where the SPARQL results formats allow a server to differ:
a plain literal and an xsd:string literal are the same; numbers compare by numeric value whatever
their integer or decimal datatype; xsd:dateTime by instant ('Z' = '+00:00'); language tags are compared case-insensitively; blank nodes only
as 'a blank node' (their labels are local to each answer). Everything else (IRIs, dates, language
strings) must be identical.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from expected_rows import expected, projected
from osce_kg.query.catalog import NamedQuery, load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.push import push, remote_counts
from osce_kg.query.remote import run_remote
from osce_kg.query.results import Solutions
from osce_kg.store import GraphStore

CATALOG = load_catalog()
NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.decimal, XSD.nonNegativeInteger, XSD.positiveInteger}
REQUIRED_VALUES = {"state": "MN"}
"""Values for parameters that have no default (was-participating's State)."""


def normal(term: Node) -> tuple:
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    assert isinstance(term, Literal)
    if term.language:
        return ("lang", str(term), term.language.lower())
    if term.datatype in (None, XSD.string):
        return ("string", str(term))
    if term.datatype in NUMERIC:
        return ("number", Decimal(str(term)))
    if term.datatype == XSD.dateTime:
        return ("dateTime", term.toPython())
    return ("typed", str(term), str(term.datatype))


def row_multiset(result: Solutions) -> Counter:
    return Counter(tuple(sorted((var, normal(t)) for var, t in row.items())) for row in result.rows)


def calls() -> list[tuple[str, dict[str, str]]]:
    """Each named query with its defaults, and with the parameters of each of its example calls."""
    out = []
    for name, query in CATALOG.items():
        required = {p.name: REQUIRED_VALUES[p.name] for p in query.params if p.default == "required"}
        out.append((name, required))
        for example in query.examples:
            given = {**required, **dict(re.findall(r"--param\s+(\w+)=(\S+)", example))}
            if (name, given) not in out:
                out.append((name, given))
    return out


def assert_same_answer(store: GraphStore, endpoint: str, query: NamedQuery, given: dict[str, str]) -> int:
    """The remote answer equals the local one, is not empty, and is what the data/*.csv rows say
    (tests/expected_rows.py) where they say it: equal answers from two engines can both be wrong.
    Returns the number of rows (or triples) compared."""
    text = query.bound(given)
    local = run_local(store, text)
    remote = run_remote(endpoint, text)
    want = expected(query.name, given)
    if want is not None:
        assert projected(query.name, remote) == want, f"{query.name} {given}: the remote answer is not what the CSV rows say"
    if isinstance(local, Graph):
        assert isinstance(remote, Graph) and isomorphic(local, remote), f"{query.name}: graphs differ"
        assert len(local) > 0, f"{query.name} {given}: no triples"
        return len(local)
    if isinstance(local, bool):
        assert remote is local, f"{query.name}: ASK answered {remote} remotely, {local} locally"
        return 1
    assert isinstance(remote, Solutions)
    assert local.rows, f"{query.name} {given}: no rows (a catalogue example or default must show something)"
    assert remote.variables == local.variables
    missing, extra = row_multiset(local) - row_multiset(remote), row_multiset(remote) - row_multiset(local)
    assert not missing and not extra, f"{query.name}: remote lacks {list(missing)[:3]}, has extra {list(extra)[:3]}"
    return len(local.rows)


def assert_push_matches_store(store: GraphStore, server, report) -> None:
    local = store.counts()
    assert {g.name for g in report.graphs} == set(store.graph_names())
    assert {g.name: g.triples for g in report.graphs} == {name: local.get(name, 0) for name in store.graph_names()}
    assert remote_counts(server.query_url, store.graph_names(), server.credentials) == {n: c for n, c in local.items() if c}


def assert_pushing_twice_replaces(store: GraphStore, server) -> None:
    """A second push, in small chunks (PUT then POSTs), leaves exactly one copy of every graph."""
    before = remote_counts(server.query_url, store.graph_names(), server.credentials)
    report = push(store, server.store_url, credentials=server.credentials, chunk_bytes=20_000)
    assert any(g.chunks > 1 for g in report.graphs), "the small chunk size must split some graph"
    after = remote_counts(server.query_url, store.graph_names(), server.credentials)
    assert after == before and sum(after.values()) == store.count()
