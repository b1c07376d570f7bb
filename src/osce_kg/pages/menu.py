"""The site menu as dated evidence: compare a page's menu lists with the reference data.

Differences are reported, not corrected: a menu entry the reference data lacks is "new" (or
"unplaced" when it follows the section's last known entry, see compare_menu), one that
matches only a former or alternative name is "renamed", a current reference entity the menu leaves
out is "missing", and the chairpersonship marker ("Finland – OSCE Chairpersonship 2025") is checked
against the Chairpersonship of that year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal

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


@dataclass(frozen=True)
class MenuDifference:
    section: str
    kind: str
    entry: str
    detail: str

    def __str__(self) -> str:
        return f"menu '{self.section}': {self.kind}: {self.entry} ({self.detail})"


def compare_menu(menu: list[MenuSection], gazetteer: Gazetteer, store: GraphStore) -> list[MenuDifference]:
    """Every difference between the menu's lists and the reference data."""
    out: list[MenuDifference] = []
    titles = {s.title.lower() for s in menu}
    for section in menu:
        name = section.title.lower()
        kind = SECTION_KINDS.get(name)
        if kind is None:
            continue
        matched: set[str] = set()
        resolved = [_entity(CHAIR_MARKER.sub(r"\g<state>", e), kind, gazetteer) for e in section.entries]
        last_known = max((i for i, r in enumerate(resolved) if r), default=-1)
        for position, entry in enumerate(section.entries):
            if entry.lower() in ("all",) or entry.lower() in titles:
                continue
            marker = CHAIR_MARKER.match(entry)
            if marker:
                out += _check_chair(section.title, marker["state"], int(marker["year"]), gazetteer, store)
                entry = marker["state"]
            found = resolved[position]
            if found is None and position > last_known:
                # A text rendering flattens the menu: entries after a nested section's last known one
                # may be siblings of that section ("Closed field activities" after the operations).
                out.append(MenuDifference(section.title, "unplaced", entry,
                                          "after the section's known entries: new, or an entry of the enclosing menu"))
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
