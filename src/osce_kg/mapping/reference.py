"""Curated reference records -> RDF, one graph per CSV file (docs/DESIGN.md is the vocabulary).

Each graph holds what its own file states, so the store's provenance says which file a triple
comes from: a renaming's `osce:formerName` lives in the renamings graph, not the operations one.
Only stable IRIs are minted (no blank nodes), so the same CSV always gives the same graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from osce_kg import iri
from osce_kg.countries import cldr_names, iso_name
from osce_kg.iri import ORG, OSCE, SCHEMA, WD
from osce_kg.mapping import SourceGraph
from osce_kg.mapping.dates import add_interval, date_literal
from osce_kg.sources import FILES, Reference, read_reference
from osce_kg.sources.isodate import IsoDate
from osce_kg.sources.records import (
    Chairpersonship,
    Concept,
    FieldOperation,
    FormerState,
    MenuEntry,
    ParticipatingState,
    Partner,
    Person,
    Place,
    Provenance,
    Renaming,
    Structure,
    Tenure,
    Territory,
)

OSCE_ORG = iri.structure("osce")
PARTNER_CLASS = {"asian": OSCE.AsianPartner, "mediterranean": OSCE.MediterraneanPartner}
PARTNER_ROLE = {"asian": OSCE.asianPartnerRole, "mediterranean": OSCE.mediterraneanPartnerRole}
SCHEMES = {
    "fields_of_work": ("fields-of-work", "field", OSCE.FieldOfWork, "Fields of work"),
    "meeting_types": ("meeting-types", "meeting-type", OSCE.MeetingType, "Meeting types"),
    "content_types": ("content-types", "content-type", OSCE.ContentType, "Content types"),
}


OFFICIAL_LANGUAGES = ("en", "fr", "de", "it", "ru", "es")
"""The OSCE's official languages: the languages display labels may have (ontology/shapes.ttl)."""


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _describe(graph: Graph, node: URIRef, label: str, prov: Provenance, alt: Iterable[str] = ()) -> None:
    """The triples every row-derived entity has: English label, alternative labels, sources, note."""
    graph.add((node, RDFS.label, _en(label)))
    for name in alt:
        if name != label:
            graph.add((node, SKOS.altLabel, _en(name)))
    for url in prov.sources:
        graph.add((node, DCTERMS.source, URIRef(url)))
    if prov.note:
        graph.add((node, SKOS.note, _en(prov.note)))


def _dates(
    graph: Graph, node: URIRef, start: IsoDate | None, end: IsoDate | None, props: tuple[URIRef, URIRef]
) -> None:
    if start is not None:
        graph.add((node, props[0], date_literal(start)[0]))
    if end is not None:
        graph.add((node, props[1], date_literal(end)[0]))


def _membership(
    graph: Graph, kind: str, code: str, role: URIRef, start: IsoDate, end: IsoDate | None, label: str, prov: Provenance
) -> None:
    node = iri.membership(kind, code)
    graph.add((node, RDF.type, OSCE.StateMembership))
    graph.add((node, ORG.member, iri.country(code)))
    graph.add((node, ORG.organization, OSCE_ORG))
    graph.add((node, ORG.role, role))
    graph.add((node, ORG.memberDuring, add_interval(graph, node, "during", start, end)))
    _dates(graph, node, start, end, (SCHEMA.startDate, SCHEMA.endDate))
    _describe(graph, node, label, Provenance(prov.file, prov.line, prov.sources))


def _other_language_labels(graph: Graph, node: URIRef, names: dict[str, str]) -> None:
    """rdfs:label in the OSCE languages other than English (English is the OSCE's own spelling)."""
    for language, text in names.items():
        if language != "en":
            graph.add((node, RDFS.label, Literal(text, lang=language)))


def _state_core(
    graph: Graph, code: str, name: str, wikidata: str | None, prov: Provenance, alt: Iterable[str]
) -> URIRef:
    """A State with its OSCE-spelt English label, CLDR names in the other languages and ISO names."""
    node = iri.country(code)
    graph.add((node, RDF.type, OSCE.State))
    names = cldr_names(code)
    english = [names["en"]] if "en" in names else []
    _describe(graph, node, name, prov, [iso_name(code), *english, *alt])
    _other_language_labels(graph, node, names)
    graph.add((node, SKOS.notation, Literal(code)))
    if wikidata:
        graph.add((node, SCHEMA.sameAs, WD[wikidata]))
    return node


def states_graph(states: Iterable[ParticipatingState]) -> Graph:
    graph = Graph()
    for s in states:
        node = _state_core(graph, s.code, s.osce_name, s.wikidata, s.prov, s.former_names)
        graph.add((node, RDF.type, OSCE.ParticipatingState))
        for name in s.former_names:
            graph.add((node, OSCE.formerName, _en(name)))
        for adjective in s.adjectives:
            graph.add((node, OSCE.adjective, _en(adjective)))
        label = f"{s.osce_name}: participating State"
        _membership(graph, "participating", s.code, OSCE.participatingStateRole, s.joined, None, label, s.prov)
    return graph


def former_states_graph(states: Iterable[FormerState]) -> Graph:
    graph = Graph()
    for s in states:
        node = _state_core(graph, s.code, s.name, s.wikidata, s.prov, s.other_names)
        for adjective in s.adjectives:
            graph.add((node, OSCE.adjective, _en(adjective)))
        if s.joined is not None:
            label = f"{s.name}: participating State"
            _membership(graph, "participating", s.code, OSCE.participatingStateRole, s.joined, s.left, label, s.prov)
    return graph


def partners_graph(partners: Iterable[Partner]) -> Graph:
    graph = Graph()
    for p in partners:
        node = _state_core(graph, p.code, p.osce_name, p.wikidata, p.prov, ())
        if p.until is None:
            graph.add((node, RDF.type, OSCE.PartnerForCooperation))
            graph.add((node, RDF.type, PARTNER_CLASS[p.group]))
        for adjective in p.adjectives:
            graph.add((node, OSCE.adjective, _en(adjective)))
        label = f"{p.osce_name}: {p.group.capitalize()} Partner for Co-operation"
        _membership(graph, "partner", p.code, PARTNER_ROLE[p.group], p.since, p.until, label, p.prov)
    return graph


def territories_graph(territories: Iterable[Territory]) -> Graph:
    graph = Graph()
    for t in territories:
        node = iri.territory(t.key)
        graph.add((node, RDF.type, OSCE.Territory))
        _describe(graph, node, t.name, t.prov, t.alt_names)
        if t.code:
            _other_language_labels(graph, node, cldr_names(t.code))
        for adjective in t.adjectives:
            graph.add((node, OSCE.adjective, _en(adjective)))
        if t.wikidata:
            graph.add((node, SCHEMA.sameAs, WD[t.wikidata]))
    return graph


def _place_or_state(key: str) -> URIRef:
    """A State code (upper case, ISO) or a territory key (a lower-case slug)."""
    return iri.country(key) if key.isupper() else iri.territory(key)


def places_graph(places: Iterable[Place]) -> Graph:
    graph = Graph()
    for p in places:
        node = iri.place(p.key)
        graph.add((node, RDF.type, OSCE.City))
        _describe(graph, node, p.name, p.prov, p.alt_names)
        graph.add((node, SCHEMA.containedInPlace, _place_or_state(p.within)))
        if p.wikidata:
            graph.add((node, SCHEMA.sameAs, WD[p.wikidata]))
    return graph


def people_graph(people: Iterable[Person]) -> Graph:
    graph = Graph()
    for p in people:
        node = iri.person(p.name)
        graph.add((node, RDF.type, OSCE.Person))
        _describe(graph, node, p.name, p.prov, p.alt_names)
        graph.add((node, FOAF.name, Literal(p.name)))
        if p.nationality:
            graph.add((node, SCHEMA.nationality, iri.country(p.nationality)))
    return graph


def chairpersonships_graph(chairs: Iterable[Chairpersonship], state_name: Callable[[str], str]) -> Graph:
    graph = Graph()
    for c in chairs:
        node = iri.chairpersonship(c.year)
        graph.add((node, RDF.type, OSCE.Chairpersonship))
        _describe(graph, node, f"OSCE Chairpersonship {c.year}: {state_name(c.state)}", c.prov)
        graph.add((node, ORG.subOrganizationOf, OSCE_ORG))
        graph.add((node, OSCE.year, Literal(str(c.year), datatype=XSD.gYear)))
        graph.add((node, OSCE.chairState, iri.country(c.state)))
        graph.add((node, OSCE.chairpersonTitle, _en(c.title)))
        for name in c.chairpersons:
            graph.add((node, OSCE.chairpersonInOffice, iri.person(name)))
        # A Chairpersonship is the calendar year: the year's first and last day, not "1 Jan" twice.
        graph.add((node, SCHEMA.startDate, Literal(f"{c.year}-01-01", datatype=XSD.date)))
        graph.add((node, SCHEMA.endDate, Literal(f"{c.year}-12-31", datatype=XSD.date)))
    return graph


def posts_graph(tenures: Iterable[Tenure]) -> Graph:
    graph = Graph()
    for t in tenures:
        post = iri.post(t.structure, t.post)
        person = iri.person(t.person)
        role = OSCE[t.role]
        graph.add((post, RDF.type, ORG.Post))
        graph.add((post, RDFS.label, _en(t.post_label)))
        graph.add((post, ORG.postIn, iri.structure(t.structure)))
        graph.add((post, ORG.role, role))
        graph.add((post, ORG.heldBy, person))
        for url in t.prov.sources:
            graph.add((post, DCTERMS.source, URIRef(url)))
        node = iri.tenure(post, person, t.start.text)
        graph.add((node, RDF.type, OSCE.Tenure))
        period = f"{t.start}–{t.end or ''}"
        _describe(graph, node, f"{t.person}, {t.post_label} ({period})", t.prov)
        graph.add((node, ORG.member, person))
        graph.add((node, ORG.organization, iri.structure(t.structure)))
        graph.add((node, OSCE.post, post))
        graph.add((node, ORG.role, role))
        graph.add((node, ORG.memberDuring, add_interval(graph, node, "during", t.start, t.end)))
        _dates(graph, node, t.start, t.end, (SCHEMA.startDate, SCHEMA.endDate))
    return graph


def _lifetime(graph: Graph, node: URIRef, start: IsoDate | None, end: IsoDate | None) -> None:
    _dates(graph, node, start, end, (SCHEMA.foundingDate, SCHEMA.dissolutionDate))
    if start is not None:
        graph.add((node, OSCE.lifetime, add_interval(graph, node, "lifetime", start, end)))


def _closure(graph: Graph, key: str, name: str, closed: IsoDate, prov: Provenance) -> None:
    node = iri.closure(key)
    graph.add((node, RDF.type, OSCE.Closure))
    _describe(graph, node, f"Closure of the {name}", Provenance(prov.file, prov.line, prov.sources))
    graph.add((node, ORG.originalOrganization, iri.structure(key)))
    graph.add((node, SCHEMA.startDate, date_literal(closed)[0]))


def structures_graph(structures: Iterable[Structure]) -> Graph:
    graph = Graph()
    for s in structures:
        node = iri.structure(s.key)
        graph.add((node, RDF.type, OSCE[s.kind]))
        _describe(graph, node, s.name, s.prov, [*s.abbreviations, *s.alt_names])
        if s.parent:
            graph.add((node, ORG.subOrganizationOf, iri.structure(s.parent)))
        if s.seat:
            graph.add((node, ORG.hasPrimarySite, iri.place(s.seat)))
        _lifetime(graph, node, s.founded, s.dissolved)
        if s.successor:
            graph.add((node, OSCE.successor, iri.structure(s.successor)))
            graph.add((iri.structure(s.successor), OSCE.predecessor, node))
        for field in s.fields:
            graph.add((node, OSCE.worksOn, iri.concept("field", field)))
    return graph


def field_operations_graph(operations: Iterable[FieldOperation]) -> Graph:
    graph = Graph()
    for op in operations:
        node = iri.structure(op.key)
        graph.add((node, RDF.type, OSCE.FieldOperation))
        graph.add((node, RDF.type, OSCE[op.kind]))
        _describe(graph, node, op.name, op.prov, [op.short_name, *op.abbreviations])
        graph.add((node, ORG.subOrganizationOf, OSCE_ORG))
        for host in op.hosts:
            graph.add((node, OSCE.host, _place_or_state(host)))
        if op.seat:
            graph.add((node, ORG.hasPrimarySite, iri.place(op.seat)))
        _lifetime(graph, node, op.opened, op.closed)
        if op.decided is not None:
            graph.add((node, OSCE.decisionDate, date_literal(op.decided)[0]))
        graph.add((node, OSCE.status, OSCE.Closed if op.closed else OSCE.Open))
        if op.closed is not None:
            _closure(graph, op.key, op.name.removeprefix("OSCE ").removeprefix("CSCE "), op.closed, op.prov)
        for key, forward, backward in (
            (op.successor, OSCE.successor, OSCE.predecessor),
            (op.predecessor, OSCE.predecessor, OSCE.successor),
        ):
            if key:
                graph.add((node, forward, iri.structure(key)))
                graph.add((iri.structure(key), backward, node))
        for field in op.fields:
            graph.add((node, OSCE.worksOn, iri.concept("field", field)))
    return graph


def renamings_graph(renamings: Iterable[Renaming]) -> Graph:
    graph = Graph()
    for r in renamings:
        operation = iri.structure(r.operation)
        node = iri.renaming(r.operation, r.date.text)
        graph.add((node, RDF.type, OSCE.Renaming))
        _describe(graph, node, f"{r.old_name} renamed {r.new_name} ({r.date})", r.prov)
        graph.add((node, ORG.originalOrganization, operation))
        graph.add((node, ORG.resultingOrganization, operation))
        graph.add((node, OSCE.oldName, _en(r.old_name)))
        graph.add((node, OSCE.newName, _en(r.new_name)))
        graph.add((node, SCHEMA.startDate, date_literal(r.date)[0]))
        for url in r.prov.sources:
            graph.add((node, PROV.wasDerivedFrom, URIRef(url)))
        graph.add((operation, OSCE.formerName, _en(r.old_name)))
        graph.add((operation, SKOS.altLabel, _en(r.old_name)))
        graph.add((operation, SKOS.altLabel, _en(r.old_name.removeprefix("OSCE "))))
    return graph


def concepts_graph(concepts: Iterable[Concept], scheme_key: str, kind: str, cls: URIRef, title: str) -> Graph:
    graph = Graph()
    scheme = iri.scheme(scheme_key)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, RDFS.label, _en(title)))
    graph.add((scheme, SKOS.prefLabel, _en(title)))
    for c in concepts:
        node = iri.concept(kind, c.key)
        graph.add((node, RDF.type, cls))
        graph.add((node, RDF.type, SKOS.Concept))
        _describe(graph, node, c.label, c.prov, c.alt_labels)
        graph.add((node, SKOS.prefLabel, _en(c.label)))
        for language, label in c.translated_labels:
            # the OSCE's languages are display labels; a host country's language (sq, ro, ...) is
            # kept for reading its pages only (the label shapes allow the six official languages)
            official = language in OFFICIAL_LANGUAGES
            graph.add((node, SKOS.altLabel if official else SKOS.hiddenLabel, Literal(label, lang=language)))
        graph.add((node, SKOS.inScheme, scheme))
        for url in c.prov.sources:
            graph.add((scheme, DCTERMS.source, URIRef(url)))
        if c.broader:
            graph.add((node, SKOS.broader, iri.concept(kind, c.broader)))
            graph.add((iri.concept(kind, c.broader), SKOS.narrower, node))
        elif c.top:
            graph.add((node, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, node))
    return graph


def menu_entries_graph(entries: Iterable[MenuEntry]) -> Graph:
    """The navigation entries of the menu, per section (`osce:MenuSection` with `osce:menuEntry`);
    a nested section is `dct:hasPart` of its enclosing one, so that a menu read from a page can be
    checked against where each entry belongs."""
    graph = Graph()
    for m in entries:
        node = iri.menu_section(m.section)
        graph.add((node, RDF.type, OSCE.MenuSection))
        graph.add((node, RDFS.label, _en(m.section)))
        graph.add((node, OSCE.menuEntry, Literal(m.entry)))
        for url in m.prov.sources:
            graph.add((node, DCTERMS.source, URIRef(url)))
        target = f" {m.target}" if m.target else ""
        graph.add((node, SKOS.note, _en(f"{m.entry}: links to {m.links_to}{target}" + (f"; {m.prov.note}" if m.prov.note else ""))))
        if m.links_to == "section":
            graph.add((node, DCTERMS.hasPart, iri.menu_section(m.entry)))
    return graph


def graphs_of(ref: Reference) -> dict[str, Graph]:
    """Reference attribute (see sources.FILES) -> its graph."""
    state_names = {s.code: s.osce_name for s in ref.states} | {s.code: s.name for s in ref.former_states}
    graphs = {
        "states": states_graph(ref.states),
        "former_states": former_states_graph(ref.former_states),
        "partners": partners_graph(ref.partners),
        "territories": territories_graph(ref.territories),
        "places": places_graph(ref.places),
        "people": people_graph(ref.people),
        "chairpersonships": chairpersonships_graph(ref.chairpersonships, state_names.__getitem__),
        "tenures": posts_graph(ref.tenures),
        "structures": structures_graph(ref.structures),
        "field_operations": field_operations_graph(ref.field_operations),
        "renamings": renamings_graph(ref.renamings),
        "menu_entries": menu_entries_graph(ref.menu_entries),
    }
    for attribute, (scheme_key, kind, cls, title) in SCHEMES.items():
        graphs[attribute] = concepts_graph(getattr(ref, attribute), scheme_key, kind, cls, title)
    return graphs


def reference_graphs(data_dir: Path) -> list[SourceGraph]:
    """Read data_dir's reference CSVs and map each to its named graph `graph/data/<file stem>`."""
    graphs = graphs_of(read_reference(data_dir))
    out = []
    for attribute, file_name in FILES.items():
        path = data_dir / file_name
        out.append(SourceGraph(name=iri.graph("data", path.stem), graph=graphs[attribute], source_path=path))
    return out
