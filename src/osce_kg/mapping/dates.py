"""Dates of known precision in RDF: an xsd:date for the direct properties, OWL-Time for the rest.

`schema:startDate "1997-01-01"` alone would claim a day the source does not give, so every
interval also carries instants with `time:unitType`, and the precision is never lost.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, URIRef

from osce_kg.iri import TIME, part
from osce_kg.sources.isodate import IsoDate, parse_iso

UNITS = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}


def date_literal(iso: str | IsoDate) -> tuple[Literal, URIRef]:
    """('1993-02' or an IsoDate) -> (xsd:date of the first day of the period, time:unitMonth)."""
    value = iso if isinstance(iso, IsoDate) else parse_iso(iso)
    return Literal(value.first.isoformat(), datatype=XSD.date), UNITS[value.precision]


def add_interval(graph: Graph, owner: URIRef, name: str, start: IsoDate, end: IsoDate | None) -> URIRef:
    """Add the time:Interval `owner#name` from `start` to `end` (open-ended when None); return it."""
    interval = part(owner, name)
    graph.add((interval, RDF.type, TIME.Interval))
    graph.add((interval, TIME.hasBeginning, _instant(graph, owner, f"{name}-beginning", start)))
    if end is not None:
        graph.add((interval, TIME.hasEnd, _instant(graph, owner, f"{name}-end", end)))
    return interval


def _instant(graph: Graph, owner: URIRef, name: str, value: IsoDate) -> URIRef:
    instant = part(owner, name)
    literal, unit = date_literal(value)
    graph.add((instant, RDF.type, TIME.Instant))
    graph.add((instant, TIME.inXSDDate, literal))
    graph.add((instant, TIME.unitType, unit))
    return instant
