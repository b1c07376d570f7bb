"""What the pages need besides one entity's description: links that work behind a proxy, the named
queries' answers as tables, the list of dumps, the service description, the structure browser."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib import URIRef

from osce_kg import __version__, iri
from osce_kg.namespaces import BASE, PREFIXES
from osce_kg.query.catalog import NamedQuery
from osce_kg.query.params import REQUIRED
from osce_kg.serve.repository import Repository

PAGE_ROWS = 2000
"""Rows of a named query shown on its page (the downloads have the server's row limit)."""


class Links:
    """Site paths under the proxy's prefix (uvicorn --root-path), and local links for our IRIs."""

    def __init__(self, root: str) -> None:
        self.root = root.rstrip("/")

    def __call__(self, path: str) -> str:
        return self.root + path

    def href(self, term: Any) -> str:
        """Where a link to an IRI goes: our own IRIs to their page here, others to themselves."""
        text = term.value if hasattr(term, "value") else str(term)
        if text.startswith(BASE + "id/") or text.startswith(BASE + "graph/"):
            return self.root + "/" + text[len(BASE):]
        if text.startswith(BASE + "ontology"):
            return self.root + "/ontology" + text[len(BASE + "ontology"):]
        return text

    @staticmethod
    def compact(text: str) -> str:
        """A short form: our own graphs and entities by their path, others by prefixed name."""
        if text.startswith(BASE + "graph/") or text.startswith(BASE + "id/"):
            return text[len(BASE):]
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return text


@dataclass(frozen=True)
class Dump:
    name: str
    path: Path
    media_type: str
    description: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


DUMP_FILES = {
    "osce.ttl": ("text/turtle; charset=utf-8", "the data graphs merged, Turtle"),
    "osce.jsonld": ("application/ld+json", "the data graphs merged, JSON-LD compacted with /context.jsonld"),
    "osce.trig": ("application/trig", "every named graph with its provenance, TriG"),
    "ontology.html": ("text/html; charset=utf-8", "the ontology's documentation (pyLODE)"),
}


def dumps(dist: Path) -> list[Dump]:
    """The exports `osce-kg build` wrote to dist/ (those present)."""
    return [Dump(n, dist / n, m, d) for n, (m, d) in DUMP_FILES.items() if (dist / n).is_file()]


def examples(catalog: dict[str, NamedQuery]) -> list[dict[str, str]]:
    """The named queries as editor examples, parameters bound to their defaults where they have them."""
    out = []
    for name, q in catalog.items():
        required = any(p.default == REQUIRED for p in q.params)
        out.append({"name": name, "title": q.title, "query": q.text if required else q.bound({})})
    return out


def query_links(name: str, given: dict[str, str], graph: bool) -> dict[str, str]:
    """The shareable URLs of a named query's answer: the page and its downloads."""
    suffix = f"?{urlencode(given)}" if given else ""
    kinds = ("ttl", "jsonld", "nt") if graph else ("csv", "tsv", "json", "xml")
    return {"page": f"/queries/{name}{suffix}", **{k: f"/queries/{name}.{k}{suffix}" for k in kinds}}


@dataclass
class Table:
    variables: list[str]
    rows: list[dict[str, Any]]
    truncated_at: int | None

    def label_column(self, var: str) -> str | None:
        """A column that names the IRIs of `var`, to show as link text: stateName for state, or a
        plain name/label/title column when `var` is the first column."""
        candidates = [f"{var}Name", f"{var}Label", f"{var}Title"]
        if self.variables and var == self.variables[0]:
            candidates += ["name", "label", "title"]
        return next((c for c in candidates if c in self.variables), None)


@dataclass
class Boolean:
    value: bool


@dataclass
class RdfText:
    turtle: str
    truncated_at: int | None


async def run_for_page(repo: Repository, text: str, form: str) -> Table | Boolean | RdfText:
    if form in ("CONSTRUCT", "DESCRIBE"):
        answer = await repo.query(text, "turtle", max_rows=PAGE_ROWS)
        return RdfText(answer.body.decode("utf-8"), answer.truncated_at)
    answer = await repo.query(text, "json", max_rows=PAGE_ROWS)
    if form == "ASK":
        return Boolean(bool(json.loads(answer.body).get("boolean")))
    solutions = ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    rows = [{n: t for n, t in zip(names, row, strict=False) if t is not None} for row in solutions]
    return Table(names, rows, answer.truncated_at)


SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
FORMATS_NS = "http://www.w3.org/ns/formats/"
SD_PREFIXES = {"sd": SD, "void": VOID, "dct": DCT, "formats": FORMATS_NS, "id": str(iri.ID), "xsd": "http://www.w3.org/2001/XMLSchema#"}


def service_description(base: str, dist: Path, catalog: dict[str, NamedQuery]) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of /sparql with a VoID description of the dataset."""
    n, lit = ox.NamedNode, ox.Literal
    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, dataset = n(base + "sparql"), n(base + "#dataset")
    triples = [
        ox.Triple(service, rdf_type, n(SD + "Service")),
        ox.Triple(service, n(SD + "endpoint"), service),
        ox.Triple(service, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
        ox.Triple(service, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
        ox.Triple(service, n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, n(SD + "Dataset")),
        ox.Triple(dataset, rdf_type, n(VOID + "Dataset")),
        ox.Triple(dataset, n(DCT + "title"), lit("osce-kg: a knowledge graph of the OSCE", language="en")),
        ox.Triple(dataset, n(DCT + "license"), n("https://creativecommons.org/licenses/by/4.0/")),
        ox.Triple(dataset, n(DCT + "hasVersion"), lit(__version__)),
        ox.Triple(dataset, n(VOID + "sparqlEndpoint"), service),
        ox.Triple(dataset, n(VOID + "uriSpace"), lit(str(iri.ID))),
        ox.Triple(dataset, n(VOID + "vocabulary"), n(str(iri.OSCE))),
        ox.Triple(dataset, n(VOID + "exampleResource"), n(str(iri.country("MN")))),
        ox.Triple(dataset, n(VOID + "rootResource"), n(str(iri.structure("osce")))),
        ox.Triple(dataset, n(VOID + "uriLookupEndpoint"), lit(base + "id/")),
    ]
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples"):
        triples.append(ox.Triple(service, n(SD + "resultFormat"), n(FORMATS_NS + fmt)))
    for dump in dumps(dist):
        if dump.name != "ontology.html":
            triples.append(ox.Triple(dataset, n(VOID + "dataDump"), n(base + "dumps/" + dump.name)))
    for name, q in catalog.items():
        example = n(base + "queries/" + name)
        triples.append(ox.Triple(dataset, n("http://www.w3.org/2000/01/rdf-schema#seeAlso"), example))
        triples.append(ox.Triple(example, n(DCT + "title"), lit(q.title, language="en")))
    return triples


DATA_GRAPHS_QUERY = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
  FILTER (STRSTARTS(STR(?g), "{iri.GRAPH}data/")) }}"""
"""The reference data (structures, States, renamings: no pages): what the structure browser draws."""


async def data_store(repo: Repository) -> Any:
    """The reference data in an in-memory store, for the projections of osce_kg.viz."""
    from osce_kg.store import GraphStore

    answer = await repo.query(DATA_GRAPHS_QUERY, "nt", lane="site", max_rows=5_000_000)
    triples = [q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)]
    store = GraphStore.open(None)
    store.write_graphs({URIRef(str(iri.graph("data", "served"))): triples})
    return store


def structure_html(store: Any, day: date | None) -> str:
    """The structure browser's self-contained page (osce-kg viz structure) for a day."""
    from osce_kg.viz.html import render_html
    from osce_kg.viz.projections import structure

    graph = structure(store, as_of=day)
    title = "OSCE structure" + (f" as of {day.isoformat()}" if day else "")
    return render_html(graph, title=title)

