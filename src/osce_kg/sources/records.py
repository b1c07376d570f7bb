"""Typed records of the curated reference data (data/*.csv), one dataclass per file.

Cross-file references are plain keys here (ISO codes, slugs); the reader has already checked that
each one resolves, so mappers can mint IRIs from them without looking anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from osce_kg.sources.isodate import IsoDate


@dataclass(frozen=True)
class Provenance:
    """Where a row comes from: the file line, its source URLs and the curator's note."""

    file: str
    line: int
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class ParticipatingState:
    code: str
    osce_name: str
    former_names: tuple[str, ...]
    adjectives: tuple[str, ...]
    wikidata: str | None
    joined: IsoDate
    founding: bool
    prov: Provenance


@dataclass(frozen=True)
class FormerState:
    """A State that no longer exists (ISO 3166-3 code), with its own CSCE participation if any."""

    code: str
    name: str
    other_names: tuple[str, ...]
    adjectives: tuple[str, ...]  # 'Soviet': texts name the State by it ('former Soviet republic')
    wikidata: str | None
    joined: IsoDate | None
    left: IsoDate | None
    successors: tuple[str, ...]
    prov: Provenance


@dataclass(frozen=True)
class Partner:
    code: str
    osce_name: str
    group: str  # 'asian' | 'mediterranean'
    since: IsoDate
    until: IsoDate | None
    adjectives: tuple[str, ...]
    wikidata: str | None
    prov: Provenance


@dataclass(frozen=True)
class Territory:
    key: str
    name: str
    code: str | None  # a user-assigned code such as XK, used only for CLDR names
    alt_names: tuple[str, ...]
    adjectives: tuple[str, ...]
    wikidata: str | None
    prov: Provenance


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    within: str  # State code or territory key
    alt_names: tuple[str, ...]
    wikidata: str | None
    prov: Provenance


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    alt_names: tuple[str, ...]
    nationality: str | None
    prov: Provenance


@dataclass(frozen=True)
class Chairpersonship:
    year: int
    state: str
    chairpersons: tuple[str, ...]  # names as in people.csv, in order of taking office
    title: str
    prov: Provenance


@dataclass(frozen=True)
class Tenure:
    """One person holding one post of one structure."""

    structure: str
    post: str
    post_label: str
    role: str  # local name of an osce: role individual
    person: str  # name as in people.csv
    start: IsoDate
    end: IsoDate | None
    prov: Provenance


@dataclass(frozen=True)
class Structure:
    key: str
    name: str
    kind: str  # local name of the osce: class
    abbreviations: tuple[str, ...]
    alt_names: tuple[str, ...]
    parent: str | None
    seat: str | None
    founded: IsoDate | None
    dissolved: IsoDate | None
    successor: str | None
    fields: tuple[str, ...]
    prov: Provenance


@dataclass(frozen=True)
class FieldOperation:
    key: str
    name: str
    short_name: str
    kind: str
    abbreviations: tuple[str, ...]
    hosts: tuple[str, ...]
    seat: str | None
    opened: IsoDate
    closed: IsoDate | None
    decided: IsoDate | None
    predecessor: str | None
    successor: str | None
    fields: tuple[str, ...]
    prov: Provenance


@dataclass(frozen=True)
class Renaming:
    operation: str
    date: IsoDate
    old_name: str
    new_name: str
    prov: Provenance


@dataclass(frozen=True)
class Concept:
    """A concept of one of our SKOS schemes (field of work, meeting type, content type)."""

    key: str
    label: str
    alt_labels: tuple[str, ...]
    broader: str | None
    top: bool
    prov: Provenance
    translated_labels: tuple[tuple[str, str], ...] = ()
    """(language, label) as osce.org's translated pages write the concept (fields of work)."""


@dataclass(frozen=True)
class MenuEntry:
    """A navigation entry of the osce.org menu: a link to a nested section, a class's list, a post,
    a group or an overview page, rather than to one entity of the reference data."""

    section: str
    entry: str
    links_to: str
    target: str | None
    prov: Provenance


@dataclass
class Reference:
    """Everything in data/*.csv, read and cross-checked."""

    states: list[ParticipatingState] = field(default_factory=list)
    former_states: list[FormerState] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    chairpersonships: list[Chairpersonship] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    structures: list[Structure] = field(default_factory=list)
    field_operations: list[FieldOperation] = field(default_factory=list)
    renamings: list[Renaming] = field(default_factory=list)
    fields_of_work: list[Concept] = field(default_factory=list)
    meeting_types: list[Concept] = field(default_factory=list)
    content_types: list[Concept] = field(default_factory=list)
    menu_entries: list[MenuEntry] = field(default_factory=list)
