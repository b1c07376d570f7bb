"""Plain records that the page parser returns; the mapper turns them into RDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class StatedDate:
    """A date as one part of the page states it, and where (fields.DATE_EVIDENCE: metadata, listing,
    header, dateline, bare date line, first paragraph, URL); precision 'day' or 'month'."""

    kind: str
    raw: str
    iso: str | None
    line: int
    precision: str = "day"


@dataclass
class PlaceRef:
    """A place in a dateline or Place field: the raw string and the matched city IRI key, if any."""

    raw: str
    city: str | None = None
    score: float = 0.0
    name: str | None = None
    """The English name (GeoNames') of a city the graph does not hold, where the page writes it in
    another script (`ВИЛЬНЮС`: Vilnius) or in two languages (`GJILAN/GNJILANE`: Gjilan)."""


@dataclass
class EntityRef:
    """A reference to a graph entity found in the page: its IRI and the text that named it."""

    iri: str
    kind: str
    text: str


@dataclass
class PersonRef:
    """A person named in the body with the role text and the affiliation (State or structure IRI)."""

    name: str
    role: str | None = None
    affiliation: str | None = None


@dataclass
class Quotation:
    text: str
    speaker: str | None


@dataclass
class FieldRef:
    """A field of work as written; `iri` is set when it names a concept of the scheme."""

    label: str
    iri: str | None = None
    broader: str | None = None


@dataclass
class MenuSection:
    title: str
    entries: list[str]


@dataclass(kw_only=True)
class BodyEntities:
    """What a release's text names: States, structures, people, quotations, funders, numbers."""

    states: list[EntityRef] = field(default_factory=list)
    territories: list[EntityRef] = field(default_factory=list)
    """Territories named (Kosovo): mentioned like a State, but not one in this graph."""
    structures: list[EntityRef] = field(default_factory=list)
    people: list[PersonRef] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    funders: list[str] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    participants: int | None = None


@dataclass
class DocumentRecord(BodyEntities):
    """One document read from a page (a whole page, or one item of a listing page)."""

    source_path: Path
    layout: str
    line: int
    title: str | None = None
    content_type: str | None = None
    content_type_iri: str | None = None
    dates: list[StatedDate] = field(default_factory=list)
    date: str | None = None
    date_kind: str | None = None
    date_precision: str | None = None
    places: list[PlaceRef] = field(default_factory=list)
    issuer_text: str | None = None
    issuer: str | None = None
    fields: list[FieldRef] = field(default_factory=list)
    body: str = ""
    canonical_url: str | None = None
    urls: list[str] = field(default_factory=list)
    language: str | None = None
    translation_of: str | None = None
    key: str | None = None
    event_date: str | None = None
    warnings: list[str] = field(default_factory=list)
    captured: str | None = None


@dataclass
class PageRecord:
    """What one file gave: its documents (several for a listing page) and its menu."""

    source_path: Path
    layout: str
    encoding: str
    content_hash: str
    documents: list[DocumentRecord]
    menu: list[MenuSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    canonical_url: str | None = None
