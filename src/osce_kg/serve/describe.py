"""What the site shows of one IRI: its facts with the graph and source of each, its labels in the
OSCE's six languages, the nodes that point to it, and a time line; and the RDF of the same.

Everything is read with a few fixed SPARQL queries through the repository (lane 'site'), so the
pages look the same on the embedded store and on a remote endpoint. The IRI goes into the queries
only after params.sparql_iri has checked and written it.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from osce_kg.errors import InputError
from osce_kg.iri import GRAPH
from osce_kg.namespaces import PREFIXES
from osce_kg.query.params import sparql_iri
from osce_kg.serve.repository import Repository

LANGUAGES = ("en", "fr", "de", "it", "es", "ru")
"""The OSCE's six official languages, in the order the page lists labels."""

MAX_INCOMING = 300
"""Links to the entity from other than documents shown on its page."""
MAX_RELEASES = 50
"""Documents that name the entity shown on its page (the latest; the OSCE is named by thousands)."""
MAX_RDF_INCOMING = 1000
"""Links to the entity in its RDF description."""

# The type checks below are FILTER EXISTS after the link to the entity: pyoxigraph otherwise reads
# every node of the types first (a document's page 0.27 -> 0.01 s at 5,000 pages).
RELATIONSHIP_CLASSES = ("org:Membership", "osce:StateMembership", "osce:Tenure", "org:ChangeEvent", "osce:Renaming",
                        "osce:Closure", "osce:Chairpersonship", "osce:RoleStatement", "osce:Quotation")
"""Nodes that exist to relate things (a membership, a renaming): their facts belong on the page and
in the RDF of what they relate, as the joining date of a State is a fact of its membership."""

DATE_PROPERTIES = {
    "https://schema.org/startDate": "begins",
    "https://schema.org/endDate": "ends",
    "https://schema.org/foundingDate": "founded",
    "https://schema.org/dissolutionDate": "dissolved",
    "http://purl.org/dc/terms/date": "dated",
}
LABEL_PROPERTIES = ("rdfs:label", "skos:prefLabel", "dct:title")
_PROLOGUE = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT_SOURCE = "http://purl.org/dc/terms/source"


def term_key(term: Any) -> str:
    """A term as N-Triples text: a dict key that tells IRIs, blank nodes and literals apart."""
    return str(term)


@dataclass
class Fact:
    subject: Any
    predicate: ox.NamedNode
    value: Any
    graphs: set[str] = field(default_factory=set)


@dataclass
class GraphSource:
    """Where one named graph came from (its PROV record)."""

    graph: str
    file: str | None = None
    url: str | None = None
    captured: str | None = None


@dataclass
class TimelineEntry:
    date: str
    what: str
    node: str
    label: str


@dataclass
class Description:
    iri: str
    facts: list[Fact]
    """The entity's own statements, then those of its parts (#lifetime, blank nodes)."""
    related: dict[str, list[Fact]]
    """By node (N-Triples form): relationship nodes pointing to the entity (memberships, renamings...) with their statements."""
    incoming: list[tuple[Any, ox.NamedNode, str]]
    incoming_cut: bool
    labels: dict[str, str]
    names: dict[str, str]
    """Display names of every IRI on the page (entities, classes, properties)."""
    fact_sources: dict[tuple[str, str], list[str]]
    """(subject, graph) -> the URLs the subject's row or page cites in that graph (dct:source)."""
    graphs: dict[str, GraphSource]
    timeline: list[TimelineEntry]
    releases: list[tuple[str, str]]
    """The latest documents naming the entity: (IRI, date)."""
    release_count: int
    _cited: dict[tuple[str, tuple[str, ...]], int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.labels.get("en") or next(iter(self.labels.values()), "") or self.iri.rsplit("/", 1)[-1]

    @property
    def types(self) -> list[str]:
        return sorted({f.value.value for f in self.facts if f.subject.value == self.iri and f.predicate.value == RDF_TYPE})

    def own_facts(self) -> dict[str, list[Fact]]:
        """The entity's statements grouped by property (types and labels shown apart)."""
        grouped: dict[str, list[Fact]] = defaultdict(list)
        for f in self.facts:
            if isinstance(f.subject, ox.NamedNode) and f.subject.value == self.iri:
                grouped[f.predicate.value].append(f)
        return dict(grouped)

    def part_facts(self) -> dict[str, list[Fact]]:
        """Statements of the entity's parts, by part."""
        parts: dict[str, list[Fact]] = defaultdict(list)
        for f in self.facts:
            if not (isinstance(f.subject, ox.NamedNode) and f.subject.value == self.iri):
                parts[term_key(f.subject)].append(f)
        return dict(parts)

    def refs(self, fact: Fact) -> list[int]:
        """The numbers of the fact's sources in the page's list of sources (`cited`), numbered in
        the order the page first cites them: one source is a graph and the pages it cites for the
        fact's subject (its row's dct:source, else the page the graph was read from)."""
        numbers = []
        for g in sorted(fact.graphs):
            urls = tuple(self.fact_sources.get((term_key(fact.subject), g), ()))
            graph = self.graphs.get(g)
            if not urls and graph is not None and graph.url:
                urls = (graph.url,)
            key = (g, urls)
            if key not in self._cited:
                self._cited[key] = len(self._cited) + 1
            numbers.append(self._cited[key])
        return numbers

    def cited(self) -> list[tuple[int, str, tuple[str, ...], GraphSource]]:
        """(number, graph, page URLs, the graph's PROV record) of every source cited so far."""
        return [(n, g, urls, self.graphs.get(g) or GraphSource(g)) for (g, urls), n in self._cited.items()]


def _facts(rows: list[dict[str, Any]]) -> list[Fact]:
    merged: dict[tuple[str, str, str], Fact] = {}
    for row in rows:
        key = (term_key(row["s"]), row["p"].value, term_key(row["o"]))
        fact = merged.setdefault(key, Fact(row["s"], row["p"], row["o"]))
        fact.graphs.add(row["g"].value)
    return list(merged.values())


def _values(terms: set[str]) -> str:
    return " ".join(sorted(terms))


async def exists(repo: Repository, iri: str) -> bool:
    """Whether the graph says anything of the IRI, as subject or object (or names it as a graph)."""
    t = sparql_iri(iri)
    return await repo.ask(f"ASK {{ {{ {t} ?p ?o }} UNION {{ ?s ?p {t} }} UNION {{ GRAPH {t} {{ ?s ?p ?o }} }} }}")


async def describe(repo: Repository, iri: str) -> Description | None:
    """The page's content for `iri`, None when the graph says nothing of it."""
    t = sparql_iri(iri)
    # four independent reads, run side by side when the repository has workers to spare
    own, incoming_rows, release_rows, related_rows = await asyncio.gather(
        repo.select(_PROLOGUE + f"""SELECT ?s ?p ?o ?g WHERE {{
          {{ BIND({t} AS ?s) GRAPH ?g {{ ?s ?p ?o }} }}
          UNION {{ {t} ?q ?s . FILTER(isBlank(?s) || (isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR({t}), "#")))) GRAPH ?g {{ ?s ?p ?o }} }}
        }}"""),
        # documents are listed apart (the latest first): the OSCE itself is named by every release
        repo.select(_PROLOGUE + f"""SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {t} }}
          FILTER NOT EXISTS {{ ?s a osce:Document }} }} LIMIT {MAX_INCOMING + 1}"""),
        repo.select(_PROLOGUE + f"""SELECT ?doc ?date WHERE {{
          {{ SELECT DISTINCT ?doc WHERE {{ ?doc ?p {t} FILTER EXISTS {{ ?doc a osce:Document }} }} }}
          OPTIONAL {{ ?doc dct:date ?date }} }} ORDER BY DESC(?date) LIMIT {MAX_RELEASES}"""),
        repo.select(_PROLOGUE + f"""SELECT ?s ?p ?o ?g WHERE {{
          {{ SELECT DISTINCT ?s WHERE {{ ?s ?link {t} . FILTER EXISTS {{ VALUES ?type {{ {' '.join(RELATIONSHIP_CLASSES)} }} ?s a ?type }} }} LIMIT 500 }}
          GRAPH ?g {{ ?s ?p ?o }}
        }}"""),
    )
    if not own and not incoming_rows and not release_rows and not await exists(repo, iri):
        return None
    release_count = len(release_rows)
    if release_count == MAX_RELEASES:
        counted = await repo.select(_PROLOGUE + f"""SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE {{ ?doc ?p {t} FILTER EXISTS {{ ?doc a osce:Document }} }}""")
        release_count = int(counted[0]["n"].value)
    facts = _facts(own)
    related: dict[str, list[Fact]] = defaultdict(list)
    for fact in _facts(related_rows):
        related[term_key(fact.subject)].append(fact)
    incoming_cut = len(incoming_rows) > MAX_INCOMING
    incoming = [(r["s"], r["p"], r["g"].value) for r in incoming_rows[:MAX_INCOMING]]
    releases = [(r["doc"].value, r["date"].value if "date" in r else "") for r in release_rows]

    every = facts + [f for fs in related.values() for f in fs]
    graphs = {g for f in every for g in f.graphs}
    if iri.startswith(str(GRAPH)):
        graphs.add(iri)  # a named graph's page names the file it came from
    fact_sources: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in every:
        if f.predicate.value == DCT_SOURCE and isinstance(f.value, ox.NamedNode):
            for g in f.graphs:
                fact_sources[(term_key(f.subject), g)].append(f.value.value)
    sources = await _graph_sources(repo, graphs)

    named = {f.predicate.value for f in every} | {p.value for _, p, _ in incoming}
    named |= {f.value.value for f in every if isinstance(f.value, ox.NamedNode)}
    named |= {f.subject.value for f in every if isinstance(f.subject, ox.NamedNode)}
    named |= {s.value for s, _, _ in incoming if isinstance(s, ox.NamedNode)} | {doc for doc, _ in releases} | {iri}
    names, labels = await _names(repo, named, iri)
    timeline = _timeline(iri, every, releases, names)
    return Description(iri, facts, dict(related), incoming, incoming_cut, labels, names, dict(fact_sources), sources,
                       timeline, releases, release_count)


async def _graph_sources(repo: Repository, graphs: set[str]) -> dict[str, GraphSource]:
    out = {g: GraphSource(g) for g in graphs}
    if not graphs:
        return out
    rows = await repo.select(_PROLOGUE + f"""SELECT ?g ?file ?url ?captured WHERE {{
      VALUES ?g {{ {_values({f'<{g}>' for g in graphs})} }}
      ?g prov:wasDerivedFrom ?src .
      OPTIONAL {{ ?src prov:atLocation ?file }} OPTIONAL {{ ?src schema:url ?url }} OPTIONAL {{ ?src osce:capturedOn ?captured }}
    }}""")
    for row in rows:
        source = out[row["g"].value]
        source.file = row["file"].value if "file" in row else source.file
        source.url = row["url"].value if "url" in row else source.url
        source.captured = row["captured"].value if "captured" in row else source.captured
    return out


async def _names(repo: Repository, iris: set[str], entity: str) -> tuple[dict[str, str], dict[str, str]]:
    """English (or untagged) display names of the IRIs, and the entity's labels by language."""
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    chunk = sorted(i for i in iris if valid_iri(i))
    for start in range(0, len(chunk), 400):
        part = chunk[start:start + 400]
        rows = await repo.select(_PROLOGUE + f"""SELECT ?x ?label WHERE {{
          VALUES ?x {{ {' '.join(f'<{i}>' for i in part)} }}
          ?x {'|'.join(LABEL_PROPERTIES)} ?label .
        }}""", max_rows=100_000)
        for row in rows:
            x, label = row["x"].value, row["label"]
            lang = getattr(label, "language", None) or ""
            if x == entity and lang in LANGUAGES:
                labels.setdefault(lang, label.value)
            if lang in ("en", "") and (x not in names or lang == "en"):
                names[x] = label.value
    return names, labels


def _timeline(iri: str, facts: list[Fact], releases: list[tuple[str, str]], names: dict[str, str]) -> list[TimelineEntry]:
    """The dated facts of the entity and of its relationship nodes (joining, leaving, renamings,
    founding, closure), and the latest releases that mention it."""
    entries = {}
    for f in facts:
        if f.predicate.value in DATE_PROPERTIES and isinstance(f.subject, ox.NamedNode):
            node = f.subject.value
            label = "this" if node == iri else names.get(node) or node.rsplit("/", 1)[-1]
            entry = TimelineEntry(f.value.value, DATE_PROPERTIES[f.predicate.value], node, label)
            entries[(entry.date, node, entry.what)] = entry
    for doc, day in releases:
        if day:
            entries[(day, doc, "dated")] = TimelineEntry(day, "mentions it", doc, names.get(doc) or doc.rsplit("/", 1)[-1])
    return sorted(entries.values(), key=lambda e: (e.date, e.label))


def rdf_query(iri: str) -> str:
    """The CONSTRUCT behind the RDF formats of a page: the entity's statements and its parts',
    the links to it, and the statements of the relationship nodes that point to it."""
    t = sparql_iri(iri)
    return _PROLOGUE + f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
      {{ BIND({t} AS ?s) ?s ?p ?o }}
      UNION {{ {t} ?q ?s . FILTER(isBlank(?s) || (isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR({t}), "#")))) ?s ?p ?o }}
      UNION {{ {{ SELECT ?s ?p WHERE {{ ?s ?p {t} }} LIMIT {MAX_RDF_INCOMING} }} BIND({t} AS ?o) }}
      UNION {{ {{ SELECT DISTINCT ?s WHERE {{ ?s ?link {t} . FILTER EXISTS {{ VALUES ?type {{ {' '.join(RELATIONSHIP_CLASSES)} }} ?s a ?type }} }} LIMIT 500 }}
               ?s ?p ?o }}
    }}"""


def valid_iri(text: str) -> bool:
    """Whether the IRI can be written into a query (params.sparql_iri's check)."""
    try:
        sparql_iri(text)
    except InputError:  # not an IRI we can look up
        return False
    return True
