"""Query answers written in the SPARQL 1.1 Protocol's formats, cut at a row limit.

The same code writes the embedded store's answers (in a worker process) and a remote endpoint's
(parsed back into pyoxigraph objects), so both backends give byte-for-byte the same formats.
Solutions are read lazily up to max_rows + 1: the engine stops there, and the extra row only says
that the answer was cut. A cut answer says so in its body where the format has room for it (a
`truncated` member in JSON, a `<link>` in XML, a comment in Turtle and N-Triples) and always in the
`X-Result-Truncated` header (CSV and TSV have no room: a marker row would be read as data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from osce_kg.iri import PREFIXES

RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV),
}
"""SELECT and ASK answers: format name -> (media type, pyoxigraph format)."""

GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
"""CONSTRUCT and DESCRIBE answers: format name -> (media type, pyoxigraph format)."""

TRUNCATED_HEADER = "X-Result-Truncated"

TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}
"""Prefixes for Turtle answers: ours without `id:`, whose local names need escaped slashes
(`id:country\\/MN`), valid but unreadable; entity IRIs are written in full."""


@dataclass(frozen=True)
class Answer:
    """A written answer: the body, its media type, and the row limit it was cut at (None: complete)."""

    body: bytes
    media_type: str
    truncated_at: int | None = None


def _written(data: bytes | None) -> bytes:
    """What pyoxigraph's serialisers return when given no output file: always bytes."""
    assert data is not None
    return data


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    raise TypeError(f"not an RDF term: {term!r}")


def _solutions(result: ox.QuerySolutions, fmt: str, max_rows: int) -> Answer:
    names = [v.value for v in result.variables]
    rows = list(islice(result, max_rows + 1))
    cut = max_rows if len(rows) > max_rows else None
    bindings = [{n: _json_term(t) for n, t in zip(names, row, strict=False) if t is not None} for row in rows[:max_rows]]
    document: dict[str, Any] = {"head": {"vars": names}, "results": {"bindings": bindings}}
    media_type, ox_format = RESULT_FORMATS[fmt]
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    if fmt == "json":
        if cut is not None:
            document["truncated"] = {"max_rows": cut, "message": f"only the first {cut} rows: the server's row limit"}
            data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        return Answer(data, media_type, cut)
    body = _written(ox.parse_query_results(data, ox.QueryResultsFormat.JSON).serialize(format=ox_format))
    if fmt == "xml" and cut is not None:
        body = body.replace(b"</head>", f'<link href="urn:x-osce-kg:truncated:max-rows={cut}"/></head>'.encode(), 1)
    return Answer(body, media_type, cut)


def _boolean(value: bool, fmt: str) -> Answer:
    media_type, ox_format = RESULT_FORMATS[fmt]
    data = json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return Answer(_written(ox.parse_query_results(data, ox.QueryResultsFormat.JSON).serialize(format=ox_format)), media_type)


def _graph(triples: Any, fmt: str, max_rows: int, prefixes: dict[str, str], context: dict | None, context_url: str | None) -> Answer:
    kept = list(islice(triples, max_rows + 1))
    cut = max_rows if len(kept) > max_rows else None
    kept = kept[:max_rows]
    media_type, ox_format = GRAPH_FORMATS[fmt]
    if fmt == "jsonld":
        return Answer(jsonld(kept, context, context_url), media_type, cut)
    body = _written(ox.serialize(kept, format=ox_format, prefixes=prefixes if fmt == "turtle" else None))
    if cut is not None:
        body = f"# truncated: only the first {cut} triples (the server's row limit)\n".encode() + body
    return Answer(body, media_type, cut)


def jsonld(triples: list[ox.Triple], context: dict | None, context_url: str | None) -> bytes:
    """Triples as JSON-LD compacted with the project's context, which the document then names by
    its URL (the published /context.jsonld) rather than repeating it."""
    expanded = _written(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
    if context is None:
        return expanded
    from osce_kg.export.formats import compact_jsonld

    compacted = json.loads(compact_jsonld(expanded, context))
    if context_url:
        compacted["@context"] = context_url
    return json.dumps(compacted, ensure_ascii=False, indent=2).encode("utf-8")


def write(result: Any, fmt: str, max_rows: int, *, prefixes: dict[str, str] | None = None,
          context: dict | None = None, context_url: str | None = None) -> Answer:
    """pyoxigraph's answer (solutions, boolean or triples) in `fmt`, cut at `max_rows`.

    `fmt` must suit the answer (negotiation.choose picks it from the query form)."""
    if isinstance(result, ox.QueryBoolean):
        return _boolean(bool(result), fmt)
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, fmt, max_rows)
    return _graph(iter(result), fmt, max_rows, prefixes or {}, context, context_url)
