"""The one place where IRIs are minted.

Every entity IRI comes from a stable key (an ISO 3166 code, a curated slug of an official name,
a URL node number), never from a counter or a list position, so that rebuilding the graph from
the same sources gives the same IRIs and links from outside keep working.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from rdflib import Namespace, URIRef

from osce_kg.namespaces import BASE, PREFIXES

OSCE = Namespace(PREFIXES["osce"])
"""Our own classes and properties."""
ID = Namespace(PREFIXES["id"])
"""Entities."""
GRAPH = Namespace(BASE + "graph/")
"""Named graphs, one per source."""

ORG = Namespace(PREFIXES["org"])
SCHEMA = Namespace(PREFIXES["schema"])
TIME = Namespace(PREFIXES["time"])
WD = Namespace(PREFIXES["wd"])

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def slug(text: str) -> str:
    """A lower-case ASCII slug of a name: 'Presence in Albania' -> 'presence-in-albania'.

    Every letter is transliterated by anyascii, none dropped: diacritics are folded
    ('Türkiye' -> 'turkiye', 'Lajčák' -> 'lajcak') so that spellings with and without accents give
    one key, letters with no decomposition keep their ASCII form ('Bronisław' -> 'bronislaw',
    'Vollebæk' -> 'vollebaek'), and other scripts are romanised; any run of other characters is one
    hyphen. The IRIs it mints are published: these examples are tested (pytest runs the doctests).

    >>> slug("Presence in Albania")
    'presence-in-albania'
    >>> slug("Türkiye")
    'turkiye'
    >>> slug("Bronisław Geremek"), slug("Knut Vollebæk"), slug("Miroslav Lajčák")
    ('bronislaw-geremek', 'knut-vollebaek', 'miroslav-lajcak')
    >>> slug("  Bosnia and Herzegovina -- Mission (2004)! ")
    'bosnia-and-herzegovina-mission-2004'
    >>> slug("0.1.0")
    '0-1-0'
    """
    out = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    if not out:
        raise ValueError(f"cannot make a slug of {text!r}: no letters or digits")
    return out


def _check(key: str) -> str:
    if not _KEY.fullmatch(key):  # not match + $: '$' also matches before a final newline
        raise ValueError(f"invalid IRI key {key!r}: use letters, digits, '.', '_' or '-'")
    return key


def entity(kind: str, key: str) -> URIRef:
    """The IRI of an entity of a kind ('country', 'structure', ...) with a stable key.

    >>> str(entity("structure", "presence-in-albania"))
    'https://w3id.org/osce-kg/id/structure/presence-in-albania'
    """
    return ID[f"{_check(kind)}/{_check(key)}"]


def country(code: str) -> URIRef:
    """A State by ISO 3166-1 alpha-2 code (current) or ISO 3166-3 alpha-4 code (former State)."""
    code = code.upper()
    if not re.fullmatch(r"[A-Z]{2}|[A-Z]{4}", code):
        raise ValueError(f"invalid country code {code!r}: expected ISO 3166-1 alpha-2 or 3166-3 alpha-4")
    return entity("country", code)


def territory(key: str) -> URIRef:
    """A named territory that is not a State (e.g. 'kosovo')."""
    return entity("territory", key)


def structure(key: str) -> URIRef:
    """Any OSCE structure: body, institution, Secretariat unit, field operation."""
    return entity("structure", key)


def place(key: str) -> URIRef:
    """A city or other named place (seats, datelines)."""
    return entity("place", key)


def person(name: str) -> URIRef:
    """A person, keyed by the slug of the name as usually written."""
    return entity("person", slug(name))


def concept(scheme: str, key: str) -> URIRef:
    """A SKOS concept in one of our schemes ('field', 'meeting-type', 'content-type')."""
    return entity(scheme, key)


def scheme(key: str) -> URIRef:
    """A SKOS concept scheme."""
    return entity("scheme", key)


def chairpersonship(year: int) -> URIRef:
    return entity("chairpersonship", str(year))


def membership(kind: str, code: str) -> URIRef:
    """A membership of a State in the OSCE: kind is 'participating' or 'partner'."""
    return entity("membership", f"{_check(kind)}-{code.upper()}")


def post(structure_key: str, post_key: str) -> URIRef:
    return entity("post", f"{_check(structure_key)}.{_check(post_key)}")


def tenure(post_iri: URIRef, person_iri: URIRef, start: str) -> URIRef:
    """One person holding one post from a start date (ISO, any precision)."""
    p = str(post_iri).rsplit("/", 1)[1]
    who = str(person_iri).rsplit("/", 1)[1]
    return entity("tenure", f"{p}.{who}.{_check(start)}")


def document(key: str) -> URIRef:
    """A source document (press release, news item, ...) keyed by its canonical-URL key."""
    return entity("document", key)


def graph(kind: str, key: str) -> URIRef:
    """The named graph of one source: graph('ontology', 'osce'), graph('data', 'states'), graph('page', key)."""
    return GRAPH[f"{_check(kind)}/{_check(key)}"]


PROVENANCE_GRAPH = GRAPH["provenance"]
"""The named graph holding the PROV-O record of every source graph."""


def source(content_hash: str) -> URIRef:
    """A source file, identified by its content hash ('sha256:<hex>')."""
    return entity("source", content_hash.replace(":", "-"))


def software(version: str) -> URIRef:
    """This software at one version, the PROV agent of every build and ingest."""
    return entity("software", f"osce-kg-{slug(version)}")


def graph_kind(name: URIRef) -> str:
    """The kind of a named graph, the inverse of graph(): 'ontology', 'data', 'page', 'provenance'.

    Any graph outside our graph namespace is of kind 'other'.

    >>> graph_kind(graph("page", "node-1234"))
    'page'
    >>> graph_kind(PROVENANCE_GRAPH)
    'provenance'
    >>> graph_kind(URIRef("https://example.org/graph/page/x"))
    'other'
    """
    text = str(name)
    if not text.startswith(str(GRAPH)):
        return "other"
    return text[len(str(GRAPH)) :].split("/", 1)[0]


def part(owner: URIRef, name: str) -> URIRef:
    """A node that exists only as part of an entity: its lifetime interval, an instant of it.

    A hash IRI on the owner ('id:structure/mission-to-estonia#lifetime') keeps it stable and
    shows whose part it is, where a blank node would change on every build.
    """
    return URIRef(f"{owner}#{_check(name)}")


def renaming(structure_key: str, date: str) -> URIRef:
    """The renaming of a structure on a date (ISO, any precision)."""
    return entity("renaming", f"{_check(structure_key)}.{_check(date)}")


def closure(structure_key: str) -> URIRef:
    """The closure of a structure (a structure closes once)."""
    return entity("closure", _check(structure_key))


def event(document_key: str) -> URIRef:
    """The event a document reports: one per release, keyed by the document's key."""
    return entity("event", document_key)


def menu_section(heading: str) -> URIRef:
    """A section of the reference menu (data/menu_entries.csv), keyed by the slug of its heading."""
    return entity("menu", slug(heading))


def menu_version(digest: str) -> URIRef:
    """One distinct site menu as captured pages show it, keyed by a hash of its normalised content
    (osce_kg.mapping.pages.menu_digest), so every page showing the same menu points to one node."""
    return entity("menu-version", digest)


def organization(name: str) -> URIRef:
    """An organisation outside the OSCE named on a page (a partner), keyed by the slug of its name."""
    return entity("organization", slug(name))
