"""Query answers and their formats.

SELECT answers are written in the standard SPARQL 1.1 results formats: JSON is built here from the
terms (it is the one format every engine reads), then pyoxigraph's serialisers turn that JSON
into CSV, TSV and XML, so the three follow the W3C specifications without our own writer.
`table` is for people: compact names, aligned columns. CONSTRUCT and DESCRIBE answers are RDF:
Turtle or JSON-LD (compacted with the project's prefixes).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from osce_kg.errors import InputError
from osce_kg.iri import PREFIXES
from osce_kg.store.terms import from_ox

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "jsonld")
FORMATS = SELECT_FORMATS + GRAPH_FORMATS

_OX_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}


@dataclass
class Solutions:
    """A SELECT answer: the projected variables in order and one dict per row (unbound = absent)."""

    variables: list[str]
    rows: list[dict[str, Node]]

    @classmethod
    def from_ox(cls, solutions: ox.QuerySolutions) -> Solutions:
        names = [v.value for v in solutions.variables]
        rows = [{n: from_ox(s[n]) for n in names if s[n] is not None} for s in solutions]
        return cls(names, rows)


QueryResult = Solutions | bool | Graph


def from_ox_result(result: object) -> QueryResult:
    """pyoxigraph's answer (solutions, boolean or triples) as one of ours."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        return Solutions.from_ox(result)
    g = Graph()
    data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def _json_term(term: Node) -> dict[str, str]:
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


def to_json(result: Solutions | bool) -> str:
    """The SPARQL 1.1 Query Results JSON Format."""
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result})
    bindings = [{k: _json_term(v) for k, v in row.items()} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def compact(term: Node) -> str:
    """A short human form: prefixed name for IRIs under a known prefix, the lexical form of literals."""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(term, Literal):
        return str(term)
    return f"_:{term}"


def to_table(result: Solutions | bool, width: int = 60) -> str:
    if isinstance(result, bool):
        return "true\n" if result else "false\n"

    def cell(row: dict[str, Node], var: str) -> str:
        text = compact(row[var]).replace("\n", " ") if var in row else ""
        return text if len(text) <= width else text[: width - 1] + "…"

    grid = [result.variables] + [[cell(r, v) for v in result.variables] for r in result.rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(result.variables))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(result: QueryResult, fmt: str) -> str:
    """The answer as text in the requested format (see SELECT_FORMATS and GRAPH_FORMATS)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format (choose from {', '.join(FORMATS)})", value=fmt)
    if isinstance(result, Graph):
        # a fresh graph, so that prefixes a remote server's Turtle declared do not leak into ours
        out = Graph(bind_namespaces="none")
        for prefix, ns in PREFIXES.items():
            out.bind(prefix, ns)
        out += result
        if fmt in ("table", "turtle"):
            return out.serialize(format="turtle")
        if fmt in ("json", "jsonld"):
            return out.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
        raise InputError("a CONSTRUCT or DESCRIBE answer is RDF: use --format turtle or jsonld", value=fmt)
    if fmt in GRAPH_FORMATS:
        raise InputError("a SELECT or ASK answer is a table: use table, csv, tsv, json or xml", value=fmt)
    if fmt == "table":
        return to_table(result)
    text = to_json(result)
    if fmt == "json":
        return text + "\n"
    parsed = ox.parse_query_results(text, ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=_OX_FORMATS[fmt]).decode("utf-8")
