"""networkx projections of the OSCE graph: the structure tree and three networks.

Every projection takes an rdflib Graph (e.g. GraphStore.union_graph()) or the GraphStore
itself (faster on the full graph) and an `as_of` day: then only what existed on that day is
drawn (founded on or before it, not dissolved before it), under the name it had then, and only
releases dated up to that day count. Node ids are IRIs; nodes carry iri, label, type, kind
(colour group), start, end, sources, closed; edges carry relation and weight.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx
from rdflib import URIRef

from osce_kg import iri
from osce_kg.store import GraphStore
from osce_kg.viz.entities import (
    FIELD_CLASSES,
    PERSON_CLASSES,
    PLACE_CLASSES,
    STATE_CLASSES,
    STRUCTURE_CLASSES,
    Entity,
    Source,
    describe,
    document_dates,
    narrower_closure,
    queryable,
    select,
    to_date,
    values,
)


def _node(graph: nx.Graph, entity: Entity, day: date | None, closed: bool = False, **extra: object) -> None:
    if entity.iri and str(entity.iri) not in graph:
        graph.add_node(str(entity.iri), **entity.attributes(day), closed=closed, **extra)


def _existing(entities: dict[URIRef, Entity], as_of: date | None) -> dict[URIRef, Entity]:
    if as_of is None:
        return entities
    return {k: e for k, e in entities.items() if e.exists_on(as_of)}


def _meta(graph: nx.Graph, name: str, as_of: date | None) -> None:
    graph.graph.update(projection=name, as_of=as_of.isoformat() if as_of else None)


def structure(source: Source, as_of: date | None = None, include_closed: bool = True) -> nx.DiGraph:
    """The OSCE and its structures as a tree (parent -> child), field operations -> host States.

    Without `as_of`, every structure ever recorded is drawn and `closed` marks those closed
    today (and past chairpersonships); `include_closed=False` leaves them out, together with
    host States left with no edge. With `as_of`, that day's structure under that day's names.
    """
    source = queryable(source)
    today = as_of or date.today()
    structures = _existing(describe(source, STRUCTURE_CLASSES), as_of)
    places = describe(source, PLACE_CLASSES)
    graph = nx.DiGraph()
    _meta(graph, "structure", as_of)
    for e in structures.values():
        closed = as_of is None and e.closed_by(today)
        if include_closed or not closed:
            _node(graph, e, as_of, closed=closed)
    for row in select(source, "SELECT ?child ?parent WHERE { ?child org:subOrganizationOf ?parent }"):
        child, parent = str(row["child"]), str(row["parent"])
        if child in graph and parent in graph and child != parent:
            graph.add_edge(parent, child, relation="org:hasSubOrganization", weight=1)
    for relation, prop in (("osce:host", "osce:host"), ("osce:chairState", "osce:chairState")):
        for row in select(source, f"SELECT ?s ?place WHERE {{ ?s {prop} ?place }}"):
            place = places.get(row["place"])
            if str(row["s"]) in graph and place is not None:
                _node(graph, place, as_of)
                graph.add_edge(str(row["s"]), str(place.iri), relation=relation, weight=1)
    return graph


def _releases(source: GraphStore, as_of: date | None, years: tuple[int, int] | None = None) -> dict[URIRef, date | None]:
    """Documents that count: dated up to `as_of` and within `years` when those are given."""
    dates = document_dates(source)
    docs: dict[URIRef, date | None] = {}
    for row in select(source, """SELECT DISTINCT ?doc WHERE { ?doc a ?t .
        VALUES ?t { osce:Document osce:PressRelease } }"""):
        d = dates.get(row["doc"])
        if as_of is not None and (d is None or d > as_of):
            continue
        if years is not None and (d is None or not years[0] <= d.year <= years[1]):
            continue
        docs[row["doc"]] = d
    return docs


def fields(source: Source, as_of: date | None = None) -> nx.DiGraph:
    """Structures -> fields of work; edge weight = releases issued by the structure on that field.

    Declared fields (osce:worksOn) are drawn too, with `declared=True` and their release count.
    """
    source = queryable(source)
    day = as_of
    docs = _releases(source, as_of)
    structures = _existing(describe(source, STRUCTURE_CLASSES), as_of)
    concepts = describe(source, FIELD_CLASSES)
    weights: Counter[tuple[URIRef, URIRef]] = Counter()
    for row in select(source, "SELECT DISTINCT ?doc ?org ?field WHERE { ?doc osce:issuedBy ?org ; osce:fieldOfWork ?field }"):
        if row["doc"] in docs:
            weights[(row["org"], row["field"])] += 1
    declared = {(r["org"], r["field"]) for r in select(source, "SELECT ?org ?field WHERE { ?org osce:worksOn ?field }")}
    graph = nx.DiGraph()
    _meta(graph, "fields", as_of)
    for org, concept in sorted(set(weights) | declared):
        if org not in structures:
            continue
        field_entity = concepts.get(concept) or Entity(concept, types={iri.OSCE.FieldOfWork})
        _node(graph, structures[org], day, releases=0)
        _node(graph, field_entity, day, releases=0)
        n = weights[(org, concept)]
        graph.add_edge(str(org), str(concept), relation="releases", weight=n, declared=(org, concept) in declared)
        graph.nodes[str(org)]["releases"] += n
        graph.nodes[str(concept)]["releases"] += n
    return graph


def comention(
    source: Source,
    years: tuple[int, int] | None = None,
    field: str | URIRef | None = None,
    as_of: date | None = None,
) -> nx.Graph:
    """States -> States named in the same release; edge weight = number of such releases.

    `years` (first, last) keeps releases dated in those years; `field` (a field-of-work key such
    as 'rule-of-law', or its IRI) keeps releases on that field or one of its sub-topics.
    Node attribute `releases` = releases naming that State.
    """
    source = queryable(source)
    if years is not None and years[0] > years[1]:
        raise ValueError(f"years must run forward: {years[0]}-{years[1]}")
    docs = _releases(source, as_of, years)
    if field is not None:
        top = field if isinstance(field, URIRef) else iri.concept("field", field)
        wanted = narrower_closure(source, top)
        on_field = {r["doc"] for r in select(source, "SELECT DISTINCT ?doc ?f WHERE { ?doc osce:fieldOfWork ?f }")
                    if r["f"] in wanted}
        docs = {d: v for d, v in docs.items() if d in on_field}
    states = describe(source, STATE_CLASSES)
    named: dict[URIRef, set[URIRef]] = defaultdict(set)
    for row in select(source, f"SELECT DISTINCT ?doc ?s WHERE {{ ?doc schema:mentions ?s . {values(STATE_CLASSES)} ?s a ?t }}"):
        if row["doc"] in docs and row["s"] in states:
            named[row["doc"]].add(row["s"])
    graph = nx.Graph()
    _meta(graph, "comention", as_of)
    graph.graph.update(years=f"{years[0]}-{years[1]}" if years else None, field=str(field) if field else None)
    for doc in sorted(named):
        members = sorted(named[doc])
        for s in members:
            _node(graph, states[s], as_of, releases=0)
            graph.nodes[str(s)]["releases"] += 1
        for a, b in combinations(members, 2):
            if graph.has_edge(str(a), str(b)):
                graph.edges[str(a), str(b)]["weight"] += 1
            else:
                graph.add_edge(str(a), str(b), relation="named together", weight=1)
    return graph


def people(source: Source, as_of: date | None = None) -> nx.DiGraph:
    """People -> the structures and States they served or spoke for.

    Edges come from tenures (posts held; with `as_of`, only tenures running that day), from
    Chairpersons-in-Office, and from role statements in releases (affiliation named in a
    release; weight = releases). `relations` lists which of these support the edge.
    """
    source = queryable(source)
    persons = describe(source, PERSON_CLASSES)
    orgs = _existing({**describe(source, PLACE_CLASSES), **describe(source, STRUCTURE_CLASSES)}, as_of)
    links: dict[tuple[URIRef, URIRef], dict[str, Any]] = {}

    def link(person: URIRef, org: URIRef, relation: str, role: str | None = None) -> None:
        if person not in persons or org not in orgs:
            return
        data = links.setdefault((person, org), {"relations": set(), "roles": set(), "weight": 0})
        data["relations"].add(relation)
        data["weight"] += 1
        if role:
            data["roles"].add(role)

    for row in select(source, """SELECT ?t ?person ?org ?start ?end ?role WHERE { ?t a osce:Tenure ;
        org:member ?person ; org:organization ?org . OPTIONAL { ?t schema:startDate ?start }
        OPTIONAL { ?t schema:endDate ?end } OPTIONAL { ?t org:role/rdfs:label ?role } }"""):
        start, end = to_date(row.get("start")), to_date(row.get("end"))
        if as_of is not None and not ((start is None or start <= as_of) and (end is None or end >= as_of)):
            continue
        link(row["person"], row["org"], "tenure", str(row["role"]) if "role" in row else None)
    for row in select(source, "SELECT ?c ?person WHERE { ?c osce:chairpersonInOffice ?person }"):
        link(row["person"], row["c"], "chairperson in office", "Chairperson-in-Office")
    docs = _releases(source, as_of)
    for row in select(source, """SELECT ?person ?org ?doc ?text WHERE { ?rs a osce:RoleStatement ;
        osce:person ?person ; osce:affiliation ?org ; schema:isPartOf ?doc .
        OPTIONAL { ?rs osce:roleText ?text } }"""):
        if row["doc"] in docs:
            link(row["person"], row["org"], "role statement", str(row["text"]) if "text" in row else None)
    graph = nx.DiGraph()
    _meta(graph, "people", as_of)
    for (person, org), data in sorted(links.items()):
        _node(graph, persons[person], as_of)
        _node(graph, orgs[org], as_of)
        graph.add_edge(str(person), str(org), relation=" | ".join(sorted(data["relations"])),
                       roles=sorted(data["roles"]), weight=data["weight"])
    return graph


PROJECTIONS: dict[str, Callable[..., nx.Graph]] = {"structure": structure, "fields": fields, "comention": comention, "people": people}
"""The projections by name, as the CLI offers them."""


def closed_nodes(graph: nx.Graph) -> set[str]:
    """The nodes hidden when closed structures are hidden: the closed ones, and places left alone.

    The viewer's toggle applies the same rule, so its counts match structure(include_closed=False).
    """
    hidden = {n for n, closed in graph.nodes(data="closed") if closed}
    for n, data in graph.nodes(data=True):
        if n not in hidden and data.get("kind") in ("State", "Territory"):
            if all(m in hidden for m in nx.all_neighbors(graph, n)) and graph.degree(n) > 0:
                hidden.add(n)
    return hidden
