"""Answers written in the SPARQL 1.1 Protocol's formats, with a marker when the row cap cut them.

Both backends hand over the same objects (query.results.Solutions, a boolean,
query.rdf_answer.RdfAnswer) and a flag saying whether the cap cut the answer, so both write
byte-for-byte the same formats through pyoxigraph's serialisers. A cut answer says so in its body
where the format has room for it (a `truncated` member in JSON, a `<link>` in XML, a comment in
Turtle and N-Triples) and always in the `X-Result-Truncated` header (CSV and TSV have no room: a
marker row would be read as data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from osce_kg.namespaces import PREFIXES
from osce_kg.query.rdf_answer import RdfAnswer
from osce_kg.query.results import QueryResult, Solutions, write

RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
"""SELECT and ASK answers: format name -> media type."""

GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
"""CONSTRUCT and DESCRIBE answers: format name -> (media type, pyoxigraph format)."""

TRUNCATED_HEADER = "X-Result-Truncated"

TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}
"""Prefixes for Turtle answers: ours without `id:`, whose local names would need escaped slashes
(`id:country\\/MN`, valid but unreadable); entity IRIs are written in full."""


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


def _graph(result: RdfAnswer, fmt: str, cut_at: int | None, context: dict | None, context_url: str | None) -> Answer:
    triples = list(result.engine_triples() or ())
    media_type, ox_format = GRAPH_FORMATS[fmt]
    if fmt == "jsonld":
        return Answer(jsonld(triples, context, context_url), media_type, cut_at)
    body = _written(ox.serialize(triples, format=ox_format, prefixes=TURTLE_PREFIXES if fmt == "turtle" else None))
    if cut_at is not None:
        body = f"# truncated: only the first {cut_at} triples (the server's row limit)\n".encode() + body
    return Answer(body, media_type, cut_at)


def write_answer(result: QueryResult, fmt: str, cut_at: int | None = None, *, context: dict | None = None,
                 context_url: str | None = None) -> Answer:
    """The answer in `fmt` (RESULT_FORMATS or GRAPH_FORMATS, fitting the answer); `cut_at` is the
    row cap when it cut the answer."""
    if isinstance(result, RdfAnswer):
        return _graph(result, fmt, cut_at, context, context_url)
    assert isinstance(result, Solutions | bool), "the backends give Solutions, a boolean or an RdfAnswer"
    body = write(result, fmt)
    if cut_at is not None and fmt == "json":
        document: dict[str, Any] = json.loads(body)
        document["truncated"] = {"max_rows": cut_at, "message": f"only the first {cut_at} rows: the server's row limit"}
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    elif cut_at is not None and fmt == "xml":
        body = body.replace(b"</head>", f'<link href="urn:x-osce-kg:truncated:max-rows={cut_at}"/></head>'.encode(), 1)
    return Answer(body, RESULT_FORMATS[fmt], cut_at)
