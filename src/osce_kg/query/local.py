"""Run a bound query on the embedded store (default graph = union of the named graphs)."""

from __future__ import annotations

from osce_kg.errors import InputError
from osce_kg.query.results import QueryResult, from_ox_result
from osce_kg.store import GraphStore


def run_local(store: GraphStore, query: str) -> QueryResult:
    """The answer of a query whose parameters are already bound (params.bind).

    The answer is lazy (results.Solutions, results.RdfAnswer): written in a results format it goes
    from the engine to pyoxigraph's serialiser; its rows as rdflib terms are built on first use
    (running the query again if the engine's result was already written out)."""
    try:
        result = store.raw_query(query)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {exc}") from None
    return from_ox_result(result, again=lambda: store.raw_query(query))
