"""Query answers and their formats.

SELECT and ASK answers are written in the standard SPARQL 1.1 results formats (CSV, TSV, JSON, XML)
by pyoxigraph's serialisers, so the four follow the W3C specifications without our own writer.
CONSTRUCT and DESCRIBE answers are RDF: Turtle and N-Triples by pyoxigraph's serialisers (with the
project's prefixes), JSON-LD by rdflib (compacted with the project's prefixes). `table` is for
people: compact names, aligned columns (Turtle for RDF answers).

Answers are lazy. An answer straight from the engine keeps pyoxigraph's own result: written in a
results format it goes from the engine to the serialiser without a Python object per term (what
made big answers, and small ones' fixed cost, slower than the engine itself). The rows as rdflib
terms (`Solutions.rows`) or the answer as an rdflib `Graph` (rdf_answer.RdfAnswer) are built on
first use; if the engine's result was already written out, it is fetched again (the query is run
again locally, the endpoint's answer parsed again) to build them. Hence rdflib is imported where
rdflib terms are made or read, not here: a SELECT answer written out never loads it (40-50 ms of
every query's start, issue 13).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import pyoxigraph as ox

from osce_kg.errors import InputError
from osce_kg.namespaces import PREFIXES

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")
FORMATS = SELECT_FORMATS + GRAPH_FORMATS

_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
_RDF_FORMATS = {"table": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
_PREFIXES = dict(PREFIXES)


class Solutions:
    """A SELECT answer: the projected variables in order and one dict per row (unbound = absent).

    Built from a list of rows, or lazily from pyoxigraph's solutions (`from_ox`): `rows` converts
    them to rdflib terms on first use, and `serialize` and the table hand the engine's solutions to
    pyoxigraph's serialisers untouched (fetched again if they were read already). Setting `rows`
    makes the given rows the answer.
    """

    def __init__(self, variables: list[str], rows: list[dict[str, Node]] | None = None) -> None:
        self.variables = variables
        self._rows: list[dict[str, Node]] | None = rows if rows is not None else []
        self._pending: ox.QuerySolutions | None = None
        self._again: Callable[[], ox.QuerySolutions] | None = None

    @classmethod
    def from_ox(cls, solutions: ox.QuerySolutions, again: Callable[[], ox.QuerySolutions] | None = None) -> Solutions:
        """The engine's solutions, converted only when needed. `again` gives the same solutions
        afresh (run the query again, parse the answer again): with it, the engine's result can be
        written out directly and the rows still built later; without it the rows are built now."""
        answer = cls([v.value for v in solutions.variables])
        if again is None:
            answer._rows = _rdflib_rows(solutions)
        else:
            answer._rows, answer._pending, answer._again = None, solutions, again
        return answer

    @property
    def rows(self) -> list[dict[str, Node]]:
        if self._rows is None:
            self._rows = _rdflib_rows(self._take())
        return self._rows

    @rows.setter
    def rows(self, rows: list[dict[str, Node]]) -> None:
        self._rows, self._pending, self._again = rows, None, None

    def __len__(self) -> int:
        return len(self.rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Solutions):
            return NotImplemented
        return self.variables == other.variables and self.rows == other.rows

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        state = f"{len(self._rows)} rows" if self._rows is not None else "not read yet"
        return f"Solutions(variables={self.variables!r}, {state})"

    def _take(self) -> ox.QuerySolutions:
        """The engine's solutions, unread: the pending ones the first time, then fetched again."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return pending
        assert self._again is not None, "an answer either has rows or can fetch them"
        return self._again()

    def engine_solutions(self) -> ox.QuerySolutions | None:
        """pyoxigraph's solutions, unread (None for an answer made of given rows): for writers,
        which then write the terms exactly as the engine gives them (rdflib's terms normalise
        some lexical forms, e.g. an xsd:dateTime's 'Z' becomes '+00:00')."""
        if self._pending is None and self._again is None:
            return None
        return self._take()

    def serialize(self, fmt: str) -> bytes:
        """The answer in a SPARQL 1.1 results format: csv, tsv, json or xml."""
        solutions: ox.QuerySolutions | ox.QueryBoolean | None = self.engine_solutions()
        if solutions is None:
            # rows built (or given): through the standard JSON, which keeps every term exactly
            solutions = ox.parse_query_results(_json_bytes(self), ox.QueryResultsFormat.JSON)
        return cast(bytes, solutions.serialize(format=_RESULTS_FORMATS[fmt]))


QueryResult: TypeAlias = "Solutions | bool | Graph"
"""An answer: SELECT gives Solutions, ASK a bool, CONSTRUCT and DESCRIBE an rdflib Graph."""


def _rdflib_rows(solutions: ox.QuerySolutions) -> list[dict[str, Node]]:
    from osce_kg.store.terms import rows_of  # rdflib: see the module's docstring

    return rows_of(solutions)


def from_ox_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, again: Callable[[], Any] | None = None) -> QueryResult:
    """pyoxigraph's answer (solutions, boolean or triples) as one of ours. `again` gives the same
    answer afresh (see Solutions.from_ox); without it, the answer is converted now."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        return Solutions.from_ox(result, again)
    from osce_kg.query.rdf_answer import graph_answer  # rdflib: see the module's docstring

    return graph_answer(result, again)


def _json_bytes(result: Solutions | bool) -> bytes:
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result}).encode("utf-8")
    from rdflib.term import BNode, Literal, URIRef  # rows are made of rdflib terms

    def json_term(term: Node) -> dict[str, str]:
        if isinstance(term, URIRef):
            return {"type": "uri", "value": str(term)}
        if isinstance(term, BNode):
            return {"type": "bnode", "value": str(term)}
        if isinstance(term, Literal):
            out = {"type": "literal", "value": str(term)}
            if term.language:
                out["xml:lang"] = term.language
            elif term.datatype:
                out["datatype"] = str(term.datatype)
            return out
        raise TypeError(f"not an RDF term: {term!r}")

    bindings = [{k: json_term(v) for k, v in row.items()} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode("utf-8")


@lru_cache(maxsize=16)
def _boolean(answer: bool, fmt: str) -> bytes:
    return cast(bytes, ox.parse_query_results(_json_bytes(answer), ox.QueryResultsFormat.JSON).serialize(format=_RESULTS_FORMATS[fmt]))


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


@lru_cache(maxsize=65536)
def _compact_iri(text: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def compact(term: Node) -> str:
    """A short human form: prefixed name for IRIs under a known prefix, the lexical form of literals."""
    from rdflib.term import Literal, URIRef  # the term is rdflib's: it is loaded already

    if isinstance(term, URIRef):
        return _compact_iri(str(term))
    if isinstance(term, Literal):
        return str(term)
    return f"_:{term}"


def _compact_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """compact() for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return _compact_iri(term.value)
    if isinstance(term, ox.Literal | ox.BlankNode):
        return term.value if isinstance(term, ox.Literal) else f"_:{term.value}"
    return str(term)


def _cells(result: Solutions, width: int) -> Iterator[list[str]]:
    def fit(text: str) -> str:
        text = text.replace("\n", " ")
        return text if not width or len(text) <= width else text[: width - 1] + "…"

    solutions = result.engine_solutions()
    if solutions is not None:
        for solution in solutions:
            yield ["" if t is None else fit(_compact_ox(t)) for t in solution]
    else:
        for row in result.rows:
            yield [fit(compact(row[v])) if v in row else "" for v in result.variables]


TABLE_WIDTH = 60
"""Table cells longer than this are cut with '…' unless told otherwise (osce-kg query --max-width)."""


def to_table(result: Solutions | bool, width: int = TABLE_WIDTH) -> str:
    """The answer as an aligned text table; cells cut to `width` characters (0: never cut)."""
    if isinstance(result, bool):
        return "true\n" if result else "false\n"
    grid = [result.variables, *_cells(result, width)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(result.variables))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    count = len(grid) - 1
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def _write_graph(result: Graph, fmt: str) -> bytes:
    # the answer is an rdflib Graph: rdflib is loaded already
    from rdflib import Graph

    from osce_kg.query.rdf_answer import RdfAnswer
    from osce_kg.store.terms import ox_triple, serialized

    if fmt in _RDF_FORMATS:
        triples = result.engine_triples() if isinstance(result, RdfAnswer) else None
        if triples is None:
            triples = [ox_triple(s, p, o) for s, p, o in result]
        return serialized(triples, _RDF_FORMATS[fmt], _PREFIXES if fmt != "ntriples" else None)
    if fmt in ("json", "jsonld"):
        # a fresh graph, so that prefixes a remote server's answer declared do not leak into ours
        out = Graph(bind_namespaces="none")
        for prefix, ns in PREFIXES.items():
            out.bind(prefix, ns)
        out += result
        return out.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True, encoding="utf-8")
    raise InputError("a CONSTRUCT or DESCRIBE answer is RDF: use --format turtle or jsonld (or ntriples)", value=fmt)


def write(result: QueryResult, fmt: str, *, max_width: int = TABLE_WIDTH) -> bytes:
    """The answer as bytes (UTF-8) in the requested format (see SELECT_FORMATS and GRAPH_FORMATS);
    `max_width` applies to the table format."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format (choose from {', '.join(FORMATS)})", value=fmt)
    if not isinstance(result, Solutions | bool):
        return _write_graph(result, fmt)
    if fmt in GRAPH_FORMATS:
        raise InputError("a SELECT or ASK answer is a table: use table, csv, tsv, json or xml", value=fmt)
    if fmt == "table":
        return to_table(result, max_width).encode("utf-8")
    if isinstance(result, bool):
        return _boolean(result, fmt)
    return result.serialize(fmt)


def render(result: QueryResult, fmt: str) -> str:
    """The answer as text in the requested format (see SELECT_FORMATS and GRAPH_FORMATS)."""
    return write(result, fmt).decode("utf-8")
