"""The site menu as dated evidence: compare a page's menu lists with the reference data.

Differences are reported, not corrected: a menu entry the reference data lacks is "new" (or
"unplaced" when it follows the section's last known entry, see compare_menu), one that
matches only a former or alternative name is "renamed", a current reference entity the menu leaves
out is "missing", and the chairpersonship marker ("Finland – OSCE Chairpersonship 2025") is checked
against the Chairpersonship of that year. Navigation entries (links to a nested section, a class's
list, a post, a group or an overview page) are reference data too (data/menu_entries.csv): the
menu as the reference records it gives no difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef

from osce_kg import iri
from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.records import MenuSection
from osce_kg.store import GraphStore

CHAIR_MARKER = re.compile(r"^(?P<state>.+?)\s*[–—-]\s*OSCE Chair(?:person|man)ship (?P<year>\d{4})$")
SECTION_KINDS = {
    "participating states": "state",
    "fields of work": "field",
    "secretariat": "structure",
    "field operations": "structure",
    "structures and institutions": "structure",
    "institutions": "structure",
    "meetings and conferences": "meeting-type",
}
CURRENT = {
    "participating states": """
        PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?e ?label WHERE { ?e a osce:ParticipatingState ; rdfs:label ?label FILTER(LANG(?label) = "en") }""",
    "fields of work": """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?e ?label WHERE { ?e skos:topConceptOf ?scheme ; skos:prefLabel ?label
            FILTER(LANG(?label) = "en" && STRENDS(STR(?scheme), "/fields-of-work")) }""",
    "field operations": """
        PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?e ?label WHERE { ?e a ?c . ?c rdfs:subClassOf* osce:FieldOperation .
            ?e rdfs:label ?label FILTER(LANG(?label) = "en")
            FILTER NOT EXISTS { ?e schema:dissolutionDate ?end } }""",
}
MEMBERS = {
    "field operations": """
        PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?e WHERE { ?e a ?c . ?c rdfs:subClassOf* osce:FieldOperation }""",
}
"""Sections whose kind is wider than their list: the structures that belong in a field operations
list are the field operations (the Parliamentary Assembly after them belongs to the enclosing menu)."""
NAVIGATION = """
    PREFIX osce: <https://w3id.org/osce-kg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX dct: <http://purl.org/dc/terms/>
    SELECT ?g ?section ?label ?entry ?part WHERE { GRAPH ?g { ?section rdfs:label ?label .
        { ?section osce:menuEntry ?entry } UNION { ?section dct:hasPart ?part } } }"""


@dataclass
class Navigation:
    """The reference menu: each section's navigation entries and the section that encloses it."""

    entries: dict[URIRef, set[str]]
    parent: dict[URIRef, URIRef]
    titles: dict[URIRef, str]

    @classmethod
    def of_store(cls, store: GraphStore) -> Navigation:
        rows = store.query(NAVIGATION, {"g": iri.graph("data", "menu_entries")})
        assert isinstance(rows, list)
        nav = cls({}, {}, {})
        for row in rows:
            section = URIRef(str(row["section"]))
            nav.titles[section] = str(row["label"])
            if "entry" in row:
                nav.entries.setdefault(section, set()).add(_norm(str(row["entry"])))
            if "part" in row:
                nav.parent[URIRef(str(row["part"]))] = section
        return nav

    def lists(self, section: URIRef | None, entry: str) -> bool:
        return section is not None and _norm(entry) in self.entries.get(section, set())

    def enclosing(self, section: URIRef | None) -> list[URIRef]:
        """The sections around `section`, innermost first."""
        out: list[URIRef] = []
        while section in self.parent and self.parent[section] not in out:
            section = self.parent[section]
            out.append(section)
        return out


@dataclass(frozen=True)
class MenuDifference:
    section: str
    kind: str
    entry: str
    detail: str

    def __str__(self) -> str:
        return f"menu '{self.section}': {self.kind}: {self.entry} ({self.detail})"


def compare_menu(menu: list[MenuSection], gazetteer: Gazetteer, store: GraphStore) -> list[MenuDifference]:
    """Every difference between the menu's lists and the reference data.

    A text rendering flattens the menu: the entries after a nested section's last entry of its own
    may belong to an enclosing section ("Parliamentary Assembly" after the field operations). Such
    an entry is attributed to the innermost enclosing section that lists it or names it; one that
    no enclosing section knows is "unplaced" (new, or an entry of a menu the reference lacks).
    """
    out: list[MenuDifference] = []
    navigation = Navigation.of_store(store)
    for section in menu:
        name = section.title.lower()
        kind = SECTION_KINDS.get(name)
        if kind is None:
            continue
        node = _section(section.title)
        members = _members(store, name)
        matched: set[str] = set()
        resolved = [_entity(CHAIR_MARKER.sub(r"\g<state>", e), kind, gazetteer) for e in section.entries]
        own = [navigation.lists(node, e) or (r is not None and (members is None or r in members))
               for e, r in zip(section.entries, resolved, strict=True)]
        last_own = max((i for i, o in enumerate(own) if o), default=-1)
        for position, entry in enumerate(section.entries):
            if navigation.lists(node, entry):
                continue
            marker = CHAIR_MARKER.match(entry)
            if marker:
                out += _check_chair(section.title, marker["state"], int(marker["year"]), gazetteer, store)
                entry = marker["state"]
            found = resolved[position]
            if position > last_own:
                if not _known_around(node, entry, navigation, gazetteer):
                    out.append(MenuDifference(section.title, "unplaced", entry,
                                              "after the section's own entries, and no enclosing section knows it"))
                continue
            if found is None:
                out.append(MenuDifference(section.title, "new", entry, "not in the reference data"))
                continue
            matched.add(found)
            preferred = gazetteer.label(found)
            if _norm(preferred) not in (_norm(entry), _norm("OSCE " + entry)):
                out.append(MenuDifference(section.title, "renamed", entry, f"the reference data calls it {preferred!r}"))
        if name in CURRENT:
            rows = store.query(CURRENT[name])
            assert isinstance(rows, list)
            for row in rows:
                if str(row["e"]) not in matched:
                    out.append(MenuDifference(section.title, "missing", str(row["label"]), "in the reference data, not in the menu"))
    return list(dict.fromkeys(out))


def _section(title: str) -> URIRef | None:
    """The reference menu's node for a heading; None for a heading without letters or digits."""
    try:
        return iri.menu_section(title)
    except ValueError:
        return None


def _members(store: GraphStore, name: str) -> set[str] | None:
    if name not in MEMBERS:
        return None
    rows = store.query(MEMBERS[name])
    assert isinstance(rows, list)
    return {str(r["e"]) for r in rows}


def _known_around(section: URIRef | None, entry: str, navigation: Navigation, gazetteer: Gazetteer) -> bool:
    """True when a section enclosing `section` lists the entry or names an entity of its kind."""
    for outer in navigation.enclosing(section):
        kind = SECTION_KINDS.get(navigation.titles.get(outer, "").lower())
        if navigation.lists(outer, entry) or (kind is not None and _entity(entry, kind, gazetteer)):
            return True
    return False


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("the ", "").split())


def _entity(entry: str, kind: str, gazetteer: Gazetteer) -> str | None:
    return gazetteer.lookup(entry, kind, cutoff=100) or gazetteer.lookup("OSCE " + entry, kind, cutoff=100) \
        or gazetteer.lookup(re.sub(r"^The\s+", "", entry), kind, cutoff=100)


def _check_chair(section: str, state: str, year: int, gazetteer: Gazetteer, store: GraphStore) -> list[MenuDifference]:
    found = gazetteer.lookup(state, "state", cutoff=100)
    chairs = {str(r["state"]) for r in _chair_rows(store, year)}
    if found and found in chairs:
        return []
    expected = ", ".join(gazetteer.label(c) for c in sorted(chairs)) or "no Chairpersonship"
    return [MenuDifference(section, "chairpersonship", f"{state} {year}", f"the reference data has {expected} for {year}")]


def _chair_rows(store: GraphStore, year: int) -> list[dict]:
    query = """
        PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?state ?y WHERE { ?c osce:year ?year ; osce:chairState ?state . FILTER(STR(?year) = STR(?y)) }"""
    rows = store.query(query, {"y": Literal(str(year))})
    assert isinstance(rows, list)
    return rows
