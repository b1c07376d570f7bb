"""What the projections need to know about an entity: type, label (as of a day), dates, sources.

The projections read the graph through SPARQL on a GraphStore (pyoxigraph); an rdflib Graph is
copied into an in-memory store first (see `queryable`). Every query here is
fixed text over class and property IRIs we own; nothing a user types goes into it.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from osce_kg.iri import OSCE
from osce_kg.namespaces import PREFIXES
from osce_kg.store import GraphStore

Source = Graph | GraphStore
"""A graph to project: an rdflib Graph (e.g. GraphStore.union_graph()) or the store itself."""

_PREFIXES = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items())

# Most specific first: an entity's display type is the first of these it carries.
TYPE_NAMES: dict[URIRef, str] = {
    OSCE.Mission: "Mission",
    OSCE.Presence: "Presence",
    OSCE.Centre: "Centre",
    OSCE.ProgrammeOffice: "Programme office",
    OSCE.ProjectCoordinator: "Project co-ordinator",
    OSCE.Office: "Office",
    OSCE.OtherFieldActivity: "Other field activity",
    OSCE.FieldOperation: "Field operation",
    OSCE.DecisionMakingBody: "Decision-making body",
    OSCE.Chairpersonship: "Chairpersonship",
    OSCE.SecretariatUnit: "Secretariat unit",
    OSCE.Secretariat: "Secretariat",
    OSCE.Institution: "Institution",
    OSCE.ParliamentaryAssembly: "Parliamentary Assembly",
    OSCE.OtherStructure: "Other structure",
    OSCE.Organization: "Organization",
    OSCE.Structure: "Structure",
    OSCE.AsianPartner: "Asian Partner for Co-operation",
    OSCE.MediterraneanPartner: "Mediterranean Partner for Co-operation",
    OSCE.PartnerForCooperation: "Partner for Co-operation",
    OSCE.ParticipatingState: "Participating State",
    OSCE.State: "State",
    OSCE.Territory: "Territory",
    OSCE.Person: "Person",
    OSCE.FieldOfWork: "Field of work",
}

_FIELD_OPERATION_TYPES = {
    OSCE.Mission, OSCE.Presence, OSCE.Centre, OSCE.ProgrammeOffice, OSCE.ProjectCoordinator,
    OSCE.Office, OSCE.OtherFieldActivity, OSCE.FieldOperation,
}
_STATE_TYPES = {
    OSCE.State, OSCE.ParticipatingState, OSCE.PartnerForCooperation, OSCE.AsianPartner,
    OSCE.MediterraneanPartner,
}

# The colour groups of the viewer: coarser than types so a legend stays short.
_KINDS: list[tuple[set[URIRef], str]] = [
    (_FIELD_OPERATION_TYPES, "Field operation"),
    ({OSCE.Organization}, "OSCE"),
    ({OSCE.DecisionMakingBody}, "Decision-making body"),
    ({OSCE.Chairpersonship}, "Chairpersonship"),
    ({OSCE.Secretariat, OSCE.SecretariatUnit}, "Secretariat"),
    ({OSCE.Institution}, "Institution"),
    ({OSCE.ParliamentaryAssembly}, "Parliamentary Assembly"),
    ({OSCE.OtherStructure, OSCE.Structure}, "Other structure"),
    (_STATE_TYPES, "State"),
    ({OSCE.Territory}, "Territory"),
    ({OSCE.Person}, "Person"),
    ({OSCE.FieldOfWork}, "Field of work"),
]

STRUCTURE_CLASSES: frozenset[URIRef] = frozenset(
    c for c in TYPE_NAMES if c in _FIELD_OPERATION_TYPES or c in {
        OSCE.Organization, OSCE.Structure, OSCE.DecisionMakingBody, OSCE.Chairpersonship,
        OSCE.Secretariat, OSCE.SecretariatUnit, OSCE.Institution, OSCE.ParliamentaryAssembly,
        OSCE.OtherStructure,
    }
)
STATE_CLASSES: frozenset[URIRef] = frozenset(_STATE_TYPES)
PLACE_CLASSES: frozenset[URIRef] = frozenset(_STATE_TYPES | {OSCE.Territory})
PERSON_CLASSES: frozenset[URIRef] = frozenset({OSCE.Person})
FIELD_CLASSES: frozenset[URIRef] = frozenset({OSCE.FieldOfWork})


def queryable(source: Source) -> GraphStore:
    """The source as a store to query: an rdflib Graph is copied into an in-memory pyoxigraph store.

    rdflib's own SPARQL engine took 200 s for the structure projection of a 5,000-triple graph
    with 330 operations (its VALUES joins are evaluated naively); the copy and pyoxigraph take
    well under a second.
    """
    if isinstance(source, GraphStore):
        return source
    store = GraphStore.open(None)
    store.replace_graph(URIRef("urn:x-osce-kg:projected"), source)
    return store


def select(source: GraphStore, body: str) -> list[dict[str, Any]]:
    """Run a SELECT (prefixes added) on the store; rows of bound variables (typed Any: the query,
    not Python, says which are IRIs, e.g. keys of `describe`)."""
    rows = source.query(f"{_PREFIXES}\n{body}")
    assert isinstance(rows, list), "select() is for SELECT queries"
    return rows


def values(classes: Iterable[URIRef]) -> str:
    """A VALUES clause over our own class IRIs (constants, never user input)."""
    return "VALUES ?t { " + " ".join(f"<{c}>" for c in sorted(classes)) + " }"


def to_date(term: Node | None) -> date | None:
    """The first day of a date-like literal: xsd:date, xsd:dateTime, gYear, gYearMonth or ISO text."""
    if not isinstance(term, Literal):
        return None
    text = str(term).strip()
    parts = text[:10].split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date(int(parts[0][:4]), 1, 1)
    except ValueError:
        return None


PRECISIONS = ("year", "month", "day")


def last_day(day: date, precision: str) -> date:
    """The last day of the period a first-day date stands for ('1999' ends on 1999-12-31)."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def show_date(day: date | None, precision: str) -> str | None:
    """A date written with the precision the source gave: '1997', '1996-04' or '2007-12-31'."""
    if day is None:
        return None
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(precision, day.isoformat())


@dataclass
class Renaming:
    day: date
    old_name: str | None
    new_name: str | None


@dataclass
class Entity:
    """The facts about one node, gathered from several small queries."""

    iri: URIRef
    types: set[URIRef] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    start: date | None = None
    end: date | None = None
    start_precision: str = "day"
    end_precision: str = "day"
    status_closed: bool = False
    sources: set[str] = field(default_factory=set)
    former_names: set[str] = field(default_factory=set)
    seat: str | None = None
    renamings: list[Renaming] = field(default_factory=list)

    @property
    def type_name(self) -> str:
        for cls, name in TYPE_NAMES.items():
            if cls in self.types:
                return name
        return "Other"

    @property
    def kind(self) -> str:
        for classes, name in _KINDS:
            if self.types & classes:
                return name
        return "Other"

    def label(self, day: date | None = None) -> str:
        """The name in English (else any), as it was on `day` when the entity was renamed since."""
        if day is not None:
            for r in sorted(self.renamings, key=lambda r: r.day):
                if r.day > day and r.old_name:
                    return r.old_name
        for lang in ("en", ""):
            if lang in self.labels:
                return self.labels[lang]
        if self.labels:
            return self.labels[sorted(self.labels)[0]]
        return str(self.iri).rstrip("/").rsplit("/", 1)[-1]

    @property
    def last_day(self) -> date | None:
        """The last day it may have existed: an end known to the year only runs to 31 December."""
        return None if self.end is None else last_day(self.end, self.end_precision)

    def exists_on(self, day: date) -> bool:
        """Founded on or before the day (or no date known) and not dissolved before it."""
        return (self.start is None or self.start <= day) and (self.last_day is None or self.last_day >= day)

    def closed_by(self, day: date) -> bool:
        """Closed on that day: marked osce:Closed, or its end date has passed."""
        return self.status_closed or (self.last_day is not None and self.last_day < day)

    def attributes(self, day: date | None) -> dict[str, object]:
        """The node attributes every projection writes (day = names as of that day)."""
        return {
            "iri": str(self.iri),
            "label": self.label(day),
            "type": self.type_name,
            "kind": self.kind,
            "start": show_date(self.start, self.start_precision),
            "end": show_date(self.end, self.end_precision),
            "sources": sorted(self.sources),
            # earlier and (for a past day) later names, so a search by any name finds the node
            "other_names": sorted(self.former_names - {self.label(day)}),
            "seat": self.seat,
        }


def describe(source: GraphStore, classes: Iterable[URIRef]) -> dict[URIRef, Entity]:
    """Every entity typed with one of `classes`, with its labels, dates, status and sources."""
    classes = frozenset(classes)
    where = f"{{ {values(classes)} ?s a ?t . }}"
    found: dict[URIRef, Entity] = {}

    def get(s: Node) -> Entity | None:
        return found.get(s) if isinstance(s, URIRef) else None

    for row in select(source, f"SELECT DISTINCT ?s ?type WHERE {{ {where} ?s a ?type . }}"):
        if isinstance(row["s"], URIRef):
            found.setdefault(row["s"], Entity(row["s"])).types.add(row["type"])
    label_rows = select(source, f"""SELECT DISTINCT ?s ?p ?l WHERE {{ {where}
        VALUES ?p {{ rdfs:label skos:prefLabel }} ?s ?p ?l . }}""")
    # rdfs:label wins over skos:prefLabel for the same language.
    for row in sorted(label_rows, key=lambda r: str(r["p"]) != PREFIXES["rdfs"] + "label", reverse=True):
        e = get(row["s"])
        if e is not None and isinstance(row["l"], Literal):
            e.labels[row["l"].language or ""] = str(row["l"])
    for row in select(source, f"""SELECT ?s ?p ?d WHERE {{ {where}
        VALUES ?p {{ schema:foundingDate schema:startDate schema:dissolutionDate schema:endDate }}
        ?s ?p ?d . }}"""):
        e, d = get(row["s"]), to_date(row["d"])
        if e is None or d is None:
            continue
        if str(row["p"]).endswith(("foundingDate", "startDate")):
            e.start = d if e.start is None else min(e.start, d)
        else:
            e.end = d if e.end is None else max(e.end, d)
    # The direct dates are first days; the lifetime's instants say whether a year, month or day is meant.
    for row in select(source, f"""SELECT ?s ?edge ?unit WHERE {{ {where} ?s osce:lifetime ?i .
        VALUES ?edge {{ time:hasBeginning time:hasEnd }} ?i ?edge ?instant . ?instant time:unitType ?unit . }}"""):
        e, unit = get(row["s"]), str(row["unit"]).rsplit("unit", 1)[-1].lower()
        if e is not None and unit in PRECISIONS:
            if str(row["edge"]).endswith("hasBeginning"):
                e.start_precision = unit
            else:
                e.end_precision = unit
    for row in select(source, f"SELECT DISTINCT ?s WHERE {{ {where} ?s osce:status osce:Closed . }}"):
        if (e := get(row["s"])) is not None:
            e.status_closed = True
    for row in select(source, f"SELECT DISTINCT ?s ?u WHERE {{ {where} ?s dct:source ?u . }}"):
        if (e := get(row["s"])) is not None:
            e.sources.add(str(row["u"]))
    for row in select(source, f"SELECT DISTINCT ?s ?n WHERE {{ {where} ?s osce:formerName ?n . }}"):
        if (e := get(row["s"])) is not None:
            e.former_names.add(str(row["n"]))
    for row in select(source, f"""SELECT ?s ?l WHERE {{ {where} ?s org:hasPrimarySite ?site .
        ?site rdfs:label ?l . FILTER(LANG(?l) = "en" || LANG(?l) = "") }}"""):
        if (e := get(row["s"])) is not None:
            e.seat = str(row["l"])
    for row in select(source, """SELECT ?s ?d ?old ?new WHERE { ?r a osce:Renaming ;
        org:originalOrganization ?s ; schema:startDate ?d .
        OPTIONAL { ?r osce:oldName ?old } OPTIONAL { ?r osce:newName ?new } }"""):
        e, d = get(row["s"]), to_date(row["d"])
        if e is not None and d is not None:
            old, new = row.get("old"), row.get("new")
            e.renamings.append(Renaming(d, str(old) if old else None, str(new) if new else None))
            e.former_names.update(str(n) for n in (old,) if n)
    return found


def document_dates(source: GraphStore) -> dict[URIRef, date]:
    """The date the graph uses for each document (dct:date)."""
    out: dict[URIRef, date] = {}
    for row in select(source, "SELECT ?doc ?d WHERE { ?doc dct:date ?d }"):
        d = to_date(row["d"])
        if d is not None and isinstance(row["doc"], URIRef):
            out[row["doc"]] = min(d, out.get(row["doc"], d))
    return out


def narrower_closure(source: GraphStore, top: URIRef) -> set[URIRef]:
    """A concept and every concept under it through skos:broader (sub-topics of a field)."""
    children: dict[Node, set[URIRef]] = defaultdict(set)
    for row in select(source, "SELECT ?c ?b WHERE { ?c skos:broader ?b }"):
        if isinstance(row["c"], URIRef):
            children[row["b"]].add(row["c"])
    out, todo = {top}, [top]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out
