"""The real names a synthetic page may use, read from the reference graph.

Synthetic pages must name the structures, States, cities and fields of work exactly as the curated
data does, otherwise the parser's gazetteer would resolve nothing and the benchmark would measure
a graph without links. Reading the names from the reference graph (not from a list kept here) keeps
the generator in step with data/*.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from osce_kg import iri
from osce_kg.iri import ORG, OSCE, SCHEMA

FIELD_OPERATION_CLASSES = (
    "FieldOperation", "Mission", "Presence", "Centre", "ProgrammeOffice", "ProjectCoordinator",
    "Office", "OtherFieldActivity",
)
"""osce: classes of field operations (DESIGN.md, 'Classes')."""


@dataclass(frozen=True)
class State:
    name: str
    adjective: str


@dataclass(frozen=True)
class City:
    name: str
    state: str


@dataclass(frozen=True)
class Issuer:
    """A structure that issues releases, with the years it existed (None = unknown / open)."""

    name: str
    kind: str  # 'field' | 'secretariat' | 'institution'
    seat: str | None
    founded: int | None
    dissolved: int | None

    def active(self, year: int) -> bool:
        return (self.founded is None or self.founded <= year) and (self.dissolved is None or year <= self.dissolved)


@dataclass(frozen=True)
class Vocabulary:
    """Everything a generated page may name, in a stable (sorted) order so a seed gives one output."""

    menu: tuple[str, ...]
    content_types: tuple[str, ...]
    fields: tuple[str, ...]
    subtopics: tuple[str, ...]
    states: tuple[State, ...]
    cities: tuple[City, ...]
    issuers: tuple[Issuer, ...]


def _label(g: Graph, node: URIRef) -> str | None:
    labels = sorted(
        str(o) for o in g.objects(node, RDFS.label)
        if isinstance(o, Literal) and o.language in (None, "en")
    )
    if not labels:
        labels = sorted(str(o) for o in g.objects(node, SKOS.prefLabel) if isinstance(o, Literal) and o.language in (None, "en"))
    return labels[0] if labels else None


def _year(g: Graph, node: URIRef, prop: URIRef) -> int | None:
    years = sorted(int(str(o)[:4]) for o in g.objects(node, prop) if str(o)[:4].isdigit())
    return years[0] if years else None


def _of_classes(g: Graph, names: tuple[str, ...]) -> list[URIRef]:
    found: set[URIRef] = set()
    for name in names:
        found.update(s for s in g.subjects(RDF.type, OSCE[name]) if isinstance(s, URIRef))
    return sorted(found)


def menu_of(seed_page: Path, content_types: tuple[str, ...]) -> tuple[str, ...]:
    """The site menu of a real layout-A page: its lines before the content-type line."""
    lines = seed_page.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if line.strip() in content_types:
            return tuple(lines[:n])
    raise ValueError(f"{seed_page}: no content-type line ({', '.join(content_types)}) ends a menu")


def vocabulary_from_graph(g: Graph, seed_page: Path) -> Vocabulary:
    """Collect names by the classes and properties of DESIGN.md from the reference graph `g`."""
    content_types = tuple(sorted(filter(None, (_label(g, c) for c in _of_classes(g, ("ContentType",))))))
    fields_scheme = iri.scheme("fields-of-work")
    fields: list[str] = []
    subtopics: list[str] = []
    for concept in _of_classes(g, ("FieldOfWork",)):
        label = _label(g, concept)
        if label is None:
            continue
        top = (concept, SKOS.topConceptOf, fields_scheme) in g
        (fields if top else subtopics).append(label)

    states = []
    for s in _of_classes(g, ("ParticipatingState",)):
        name = _label(g, s)
        adjectives = sorted(str(a) for a in g.objects(s, OSCE.adjective))
        if name and adjectives:
            states.append(State(name, adjectives[0]))

    cities = []
    for c in _of_classes(g, ("City",)):
        name = _label(g, c)
        within = sorted(filter(None, (_label(g, w) for w in g.objects(c, SCHEMA.containedInPlace) if isinstance(w, URIRef))))
        if name and within:
            cities.append(City(name, within[0]))

    issuers = []
    kinds = (("field", FIELD_OPERATION_CLASSES), ("secretariat", ("SecretariatUnit",)), ("institution", ("Institution",)))
    for kind, classes in kinds:
        for s in _of_classes(g, classes):
            name = _label(g, s)
            if name is None:
                continue
            seats = sorted(filter(None, (_label(g, p) for p in g.objects(s, ORG.hasPrimarySite) if isinstance(p, URIRef))))
            issuers.append(Issuer(
                name=name,
                kind=kind,
                seat=seats[0] if seats else None,
                founded=_year(g, s, SCHEMA.foundingDate),
                dissolved=_year(g, s, SCHEMA.dissolutionDate),
            ))

    missing = [what for what, items in (("content types", content_types), ("fields of work", fields),
                                        ("participating States with adjectives", states), ("cities", cities),
                                        ("issuing structures", issuers)) if not items]
    if missing:
        raise ValueError(f"the reference graph has no {', '.join(missing)}: build data/*.csv first")
    return Vocabulary(
        menu=menu_of(seed_page, content_types),
        content_types=content_types,
        fields=tuple(sorted(fields)),
        subtopics=tuple(sorted(subtopics)),
        states=tuple(states),
        cities=tuple(cities),
        issuers=tuple(issuers),
    )


def load_vocabulary(data_dir: Path, seed_page: Path) -> Vocabulary:
    """The vocabulary of the curated data in `data_dir` (via the reference mappers)."""
    from osce_kg.mapping.reference import reference_graphs

    g = Graph()
    for source in reference_graphs(data_dir):
        g += source.graph
    return vocabulary_from_graph(g, seed_page)
