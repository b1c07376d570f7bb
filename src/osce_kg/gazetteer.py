"""Names of States, structures, cities and fields of work, taken from the graph's own labels.

The gazetteer is built from whatever the reference graphs say (rdfs:label, skos:prefLabel,
skos:altLabel, osce:adjective, osce:formerName, osce:demonym), so new reference data extends it
without code changes. Body text is matched with one Aho-Corasick automaton (pyahocorasick) over all
names at once, keeping only matches on word boundaries; datelines and fields are matched to cities
and concepts with rapidfuzz so that misspellings ("SKOPE") still find "Skopje".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick
from anyascii import anyascii
from rapidfuzz import fuzz, process
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from osce_kg.countries import name_variants, territory_names
from osce_kg.iri import ID, OSCE

# Entity kind by IRI prefix: the IRI scheme is the contract (docs/DESIGN.md), types may be subclassed.
KIND_PREFIX = {
    "state": str(ID) + "country/",
    "territory": str(ID) + "territory/",
    "structure": str(ID) + "structure/",
    "city": str(ID) + "place/",
    "field": str(ID) + "field/",
    "content-type": str(ID) + "content-type/",
    "meeting-type": str(ID) + "meeting-type/",
    "person": str(ID) + "person/",
}
NOT_IN_TEXT = {"person"}
"""Kinds known by name only, not searched in text: people are found by how texts introduce them
(parse/entities.py), then written as the reference data writes them (Gazetteer.person_name)."""
NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, OSCE.adjective, OSCE.formerName, OSCE.demonym)
PREFERRED = (SKOS.prefLabel, RDFS.label)
ADJECTIVES = (OSCE.adjective, OSCE.demonym)
BODY_LANGUAGES = {None, "en"}


@dataclass(frozen=True)
class Match:
    """One name found in a text: the entity, its kind, the text as written and its span."""

    iri: str
    kind: str
    text: str
    start: int
    end: int
    form: str = "name"
    """'name' for a name or abbreviation, 'adjective' for an adjective or demonym ('Albanian')."""


PERSON_CUTOFF = 90.0
"""How alike (rapidfuzz ratio) a name must be to a known person's: 'Knut Vollebeak' is 93 to 'Knut
Vollebaek', 'Jan Kubas' 89 to 'Jan Kubis' (a surname of four letters is not read as a slip)."""


def _kind(subject: str) -> str | None:
    for kind, prefix in KIND_PREFIX.items():
        if subject.startswith(prefix):
            return kind
    return None


def _lower(text: str) -> str:
    """Lower-case without changing the length, so spans in the lowered text fit the original.

    str.lower() of the whole text when no character grows ('İ' becomes two) and no capital sigma
    takes its word-final form (which per-character lowering would not): the same result, 20x
    faster than lowering each character (issue 6: 17% of a page's reading time)."""
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Gazetteer:
    """All names of the graph's entities, matched in text on word boundaries."""

    def __init__(self, names: Iterable[tuple[str, str, str, str]], preferred: dict[str, str]) -> None:
        self.preferred = preferred
        self.by_kind: dict[str, dict[str, str]] = {}
        self._people: dict[str, str] = {}
        self._foreign_patterns: dict[str, re.Pattern[str] | None] = {}
        self._foreign_states: dict[tuple[str, str], str] = {}
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, set[tuple[str, str, str, str]]] = {}
        for iri, kind, name, form in names:
            name = " ".join(name.split())
            if len(name) < 2:
                continue
            # "The Netherlands" is written "the Netherlands" mid-sentence: index the name without it.
            variants = [name, name[4:]] if name.startswith("The ") and len(name) > 6 else [name]
            if kind == "state":
                variants += _and_variants(name)
            for variant in variants:
                self.by_kind.setdefault(kind, {}).setdefault(variant.lower(), iri)
                if kind in NOT_IN_TEXT:
                    self._people.setdefault(anyascii(variant).lower(), iri)
                elif form != "translated":
                    entries.setdefault(_lower(variant), set()).add((iri, kind, variant, form))
        for key, values in entries.items():
            self._automaton.add_word(key, (key, tuple(sorted(values))))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    @classmethod
    def from_graph(cls, graph: Graph) -> Gazetteer:
        """Read the names of States, territories, structures, cities and fields from a graph."""
        names: list[tuple[str, str, str, str]] = []
        preferred: dict[str, str] = {}
        for predicate in NAME_PREDICATES:
            for subject, obj in graph.subject_objects(predicate):
                if not isinstance(subject, URIRef) or not isinstance(obj, Literal):
                    continue
                kind = _kind(str(subject))
                if kind is None:
                    continue
                if obj.language not in BODY_LANGUAGES:
                    # a field of work as translated pages write it ('Права человека'): looked up in
                    # their 'Fields of work' lines, never searched for in English text
                    if kind == "field":
                        names.append((str(subject), kind, str(obj), "translated"))
                    continue
                form = "adjective" if predicate in ADJECTIVES else "name"
                names.append((str(subject), kind, str(obj), form))
                if kind == "state" and predicate in PREFERRED and str(subject) not in preferred:
                    code = str(subject).rsplit("/", 1)[1]
                    names += [(str(subject), kind, variant, "name") for variant in name_variants(code)]
                if predicate in PREFERRED and (str(subject) not in preferred or predicate == SKOS.prefLabel):
                    preferred[str(subject)] = str(obj)
        return cls(names, preferred)

    def find_states(self, text: str, language: str) -> list[Match]:
        """States named in a text in another language by their CLDR names in that language
        ('Shqipëri', 'Таджикистан'), also with a case ending of up to three letters ('Shqipërisë')."""
        pattern = self._state_pattern(language)
        if pattern is None:
            return []
        return [Match(iri, "state", m[0], m.start(), m.end()) for m in pattern.finditer(text)
                if (iri := self._foreign_state(language, m[1]))]

    def _foreign_state(self, language: str, written: str) -> str | None:
        """The State of a name as a text in that language wrote it (endings dropped word by word)."""
        words = written.split()
        for (lang, name), iri in self._foreign_states.items():
            parts = name.split()
            if lang == language and len(parts) == len(words) and all(w.startswith(_stem(p)) for w, p in zip(words, parts, strict=True)):
                return iri
        return None

    def _state_pattern(self, language: str) -> re.Pattern[str] | None:
        if language not in self._foreign_patterns:
            names: dict[str, str] = {}
            for iri in {i for i in self.by_kind.get("state", {}).values()}:
                code = iri.rsplit("/", 1)[1]
                if len(code) == 2:
                    names.update({name: iri for name in territory_names(code, language)})
            self._foreign_states.update({(language, name): iri for name, iri in names.items()})
            # each word may take a case ending: 'Mal i Zi' is written 'Mali i Zi', and one ending may
            # replace the name's final vowel: 'Bosna i Hercegovina' is 'u Bosni i Hercegovini'
            alternatives = "|".join(rf"{_ENDING}\s+".join(re.escape(_stem(w)) for w in n.split())
                                    for n in sorted(names, key=len, reverse=True))
            self._foreign_patterns[language] = re.compile(rf"(?<!\w)({alternatives}){_ENDING}(?!\w)") if names else None
        return self._foreign_patterns[language]

    def person_name(self, name: str) -> str:
        """A person's name as the reference data writes it when it knows the person under this name
        written with or without diacritics ('Miroslav Lajcak' -> 'Miroslav Lajčák') or misspelt
        ('Knut Vollebeak'), else the name."""
        iri = self.known_person(name)
        return self.preferred.get(iri, name) if iri else name

    def known_person(self, name: str) -> str | None:
        """The person of the reference data that a full name designates: the same letters with or
        without diacritics, or a slip of a letter or two in the surname (rapidfuzz, the first name
        written alike), else None."""
        key = anyascii(name).lower()
        if key in self._people:
            return self._people[key]
        if " " not in key or not self._people:
            return None
        best = process.extractOne(key, self._people.keys(), scorer=fuzz.ratio, score_cutoff=PERSON_CUTOFF)
        return self._people[best[0]] if best and best[0].split()[0] == key.split()[0] else None

    def label(self, iri: str) -> str:
        return self.preferred.get(iri, iri.rsplit("/", 1)[-1])

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Match]:
        """Names in `text`, longest first among overlapping matches of the same kind.

        A name written with a capital (or all capitals, like "ODIHR") must be written so in the
        text: "summit" is not the Summit, "Georgia" is.
        """
        if self._empty:
            return []
        wanted = set(kinds) if kinds is not None else None
        lowered = _lower(text)
        found: list[Match] = []
        for end, (key, values) in self._automaton.iter(lowered):
            start = end - len(key) + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end + 1 < len(text) and text[end + 1].isalnum():
                continue
            written = text[start:end + 1]
            for iri, kind, name, form in values:
                if wanted is not None and kind not in wanted:
                    continue
                if not _case_fits(name, written):
                    continue
                found.append(Match(iri, kind, written, start, end + 1, form))
        return _longest(found)

    def structure_of_section(self, section: str) -> str | None:
        """The structure a site or URL section names: its name or abbreviation (`odihr`, `fom`), or
        the one field operation named after that place or State (`albania`, `dushanbe`; `bih`
        through the State's abbreviation); None when none or several do (`ukraine`)."""
        structures = self.by_kind.get("structure", {})
        key = section.lower()
        if key in structures:
            return structures[key]
        places = {key}
        if state := self.by_kind.get("state", {}).get(key):
            places.add(self.label(state).lower())
        found = {iri for name, iri in structures.items()
                 if any(name.endswith((f" in {p}", f" to {p}")) for p in places)}
        return found.pop() if len(found) == 1 else None

    def lookup(self, name: str, kind: str, *, cutoff: float = 88.0) -> str | None:
        """The entity of one kind that a short name designates: exact, else fuzzy (rapidfuzz)."""
        table = self.by_kind.get(kind, {})
        key = " ".join(name.split()).lower()
        if key in table:
            return table[key]
        if not table or not key:
            return None
        best = process.extractOne(key, table.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
        return table[best[0]] if best else None

    def lookup_scored(self, name: str, kind: str, *, cutoff: float = 80.0) -> tuple[str | None, float]:
        """Like lookup, with the score, for places where the raw string is kept beside the match.
        A name in another script is compared in its transliteration ('ДУШАНБЕ' -> 'dushanbe')."""
        table = self.by_kind.get(kind, {})
        key = " ".join(name.split()).lower()
        if not key.isascii():
            key = anyascii(key).lower()
        if key in table:
            return table[key], 100.0
        if not table or not key:
            return None, 0.0
        best = process.extractOne(key, table.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
        return (table[best[0]], float(best[1])) if best else (None, 0.0)


_VOWELS = set("aeiouyäëöüаеиоуыэюяєіїё")
# A case ending after a State's name, up to three letters: in Cyrillic only the letters endings are
# made of ('Дании', 'Украиной', 'Србијом'), so a given name on the stem is no State ('Даниэла' is not
# 'Дания'); in other scripts any letters ('Shqipërisë').
_ENDING = r"(?:[аеиоуыюяймхьјіїєт]{0,3}|[^\W\d_\u0400-\u04ff]{0,3})"


def _stem(word: str) -> str:
    """A word of a State's name without its final vowel, where a case ending replaces it; a Russian
    adjective without both vowels of its ending ('Российская Федерация': 'Российской Федерации')."""
    if word.endswith(("ая", "яя")) and len(word) >= 6:
        return word[:-2]
    return word[:-1] if len(word) >= 4 and word[-1].lower() in _VOWELS else word


def _and_variants(name: str) -> list[str]:
    """'Serbia and Montenegro' is also written 'Serbia & Montenegro', 'Bosnia and Herzegovina'
    'Bosnia-Herzegovina'."""
    if " and " not in name and " & " not in name:
        return []
    parts = re.split(r" (?:and|&) ", name)
    out = [" & ".join(parts), " and ".join(parts)]
    if len(parts) == 2 and all(" " not in p for p in parts):
        out.append("-".join(parts))
    return [v for v in out if v != name]


def _case_fits(name: str, written: str) -> bool:
    if name.isupper() and len(name) <= 6:
        return written == name
    if name[:1].isupper():
        return written[:1].isupper()
    return True


def _longest(matches: list[Match]) -> list[Match]:
    """Drop matches inside a longer match of the same kind, and repeats; keep text order.

    In one pass over the matches by start: every match kept before starts no later, so one lies
    inside a kept one of its kind exactly when that kind's furthest end is beyond its end, or
    equal with an earlier start. Comparing each match with every kept one took minutes on a line of
    megabytes full of names (issue 14)."""
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    furthest: dict[str, tuple[int, int]] = {}
    """kind -> (furthest end of a kept match, earliest start of a kept match ending there)"""
    seen: set[tuple[str, int, int, str]] = set()
    for m in matches:
        end, start = furthest.get(m.kind, (-1, 0))
        if end > m.end or (end == m.end and start < m.start):
            continue
        if (m.kind, m.start, m.end, m.iri) in seen:
            continue
        seen.add((m.kind, m.start, m.end, m.iri))
        kept.append(m)
        if m.end > end:
            furthest[m.kind] = (m.end, m.start)
        elif m.end == end:
            furthest[m.kind] = (end, min(start, m.start))
    return kept
