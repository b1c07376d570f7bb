"""Each row of data/*.csv gives exactly the triples docs/DESIGN.md describes for its kind of entity.

The records come from the reader (tests/test_sources_reader.py checks them against the raw CSV);
for every row, the triples about its node in its file's graph are compared as a set with the
triples the row's cells call for: labels and alternative labels in English, other languages from
CLDR, sources and notes, types, links to other rows, dates and intervals. A mapper that drops,
adds or misdirects a triple for any row fails here and names the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from osce_kg import iri, paths
from osce_kg.countries import cldr_names, iso_name
from osce_kg.iri import ORG, OSCE, SCHEMA, TIME, WD
from osce_kg.mapping.dates import date_literal
from osce_kg.mapping.reference import graphs_of
from osce_kg.sources import Reference, read_reference
from osce_kg.sources.isodate import IsoDate
from osce_kg.sources.records import Provenance

Facts = set[tuple[URIRef, object]]
OSCE_ORG = iri.structure("osce")


@pytest.fixture
def reference() -> Reference:
    """Read in each test, not once per module: mutation testing runs only the tests that call the reader."""
    return read_reference(paths.DATA_DIR)


@pytest.fixture
def graphs(reference: Reference) -> dict[str, Graph]:
    return graphs_of(reference)


def with_what_the_data_lacks(reference: Reference) -> Reference:
    """The bundled data with cells it leaves empty filled in: a territory with alternative names
    and adjectives, field operations that work on fields."""
    territories = [replace(t, alt_names=(f"{t.name} region",), adjectives=(f"{t.name}ian",)) for t in reference.territories]
    fields = tuple(f.key for f in reference.fields_of_work[:2])
    operations = [replace(op, fields=fields) for op in reference.field_operations[:3]] + reference.field_operations[3:]
    return replace(reference, territories=territories, field_operations=operations)


@pytest.fixture(params=["bundled", "filled in"])
def variant(request: pytest.FixtureRequest, reference: Reference) -> tuple[Reference, dict[str, Graph]]:
    """The bundled data, then the same with what it lacks filled in."""
    ref = reference if request.param == "bundled" else with_what_the_data_lacks(reference)
    return ref, graphs_of(ref)


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def day(value: IsoDate) -> Literal:
    return date_literal(value)[0]


def described(label: str, prov: Provenance, alt: Iterable[str] = (), note: bool = True) -> Facts:
    """English label, the other names as alternative labels, the row's sources and its note."""
    facts: Facts = {(RDFS.label, en(label))}
    facts |= {(SKOS.altLabel, en(name)) for name in alt if name != label}
    facts |= {(DCTERMS.source, URIRef(url)) for url in prov.sources}
    if note and prov.note:
        facts.add((SKOS.note, en(prov.note)))
    return facts


def facts(graph: Graph, node: URIRef) -> Facts:
    return set(graph.predicate_objects(node))


def interval(graph: Graph, owner: URIRef, name: str, start: IsoDate, end: IsoDate | None) -> None:
    """The time:Interval owner#name runs from start to end (open when end is None)."""
    node = iri.part(owner, name)
    ends = {(TIME.hasEnd, iri.part(owner, f"{name}-end"))} if end is not None else set()
    assert facts(graph, node) == {(RDF.type, TIME.Interval), (TIME.hasBeginning, iri.part(owner, f"{name}-beginning"))} | ends
    for suffix, value in (("beginning", start), ("end", end)):
        if value is not None:
            literal, unit = date_literal(value)
            instant = iri.part(owner, f"{name}-{suffix}")
            assert facts(graph, instant) == {(RDF.type, TIME.Instant), (TIME.inXSDDate, literal), (TIME.unitType, unit)}


def state_core(code: str, name: str, wikidata: str | None, prov: Provenance, alt: Iterable[str]) -> Facts:
    names = cldr_names(code)
    english = [names["en"]] if "en" in names else []
    out = described(name, prov, [iso_name(code), *english, *alt])
    out |= {(RDFS.label, Literal(text, lang=lang)) for lang, text in names.items() if lang != "en"}
    out |= {(RDF.type, OSCE.State), (SKOS.notation, Literal(code))}
    if wikidata:
        out.add((SCHEMA.sameAs, WD[wikidata]))
    return out


def membership(
    graph: Graph, kind: str, code: str, role: URIRef, start: IsoDate, end: IsoDate | None, label: str, prov: Provenance
) -> None:
    node = iri.membership(kind, code)
    expected = {
        (RDF.type, OSCE.StateMembership),
        (ORG.member, iri.country(code)),
        (ORG.organization, OSCE_ORG),
        (ORG.role, role),
        (ORG.memberDuring, iri.part(node, "during")),
        (SCHEMA.startDate, day(start)),
    } | described(label, prov, note=False)
    if end is not None:
        expected.add((SCHEMA.endDate, day(end)))
    assert facts(graph, node) == expected, f"{prov.file}:{prov.line}"
    interval(graph, node, "during", start, end)


def test_participating_states(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["states"]
    for s in reference.states:
        expected = state_core(s.code, s.osce_name, s.wikidata, s.prov, s.former_names)
        expected.add((RDF.type, OSCE.ParticipatingState))
        expected |= {(OSCE.formerName, en(name)) for name in s.former_names}
        expected |= {(OSCE.adjective, en(a)) for a in s.adjectives}
        assert facts(g, iri.country(s.code)) == expected, f"{s.prov.file}:{s.prov.line}"
        label = f"{s.osce_name}: participating State"
        membership(g, "participating", s.code, OSCE.participatingStateRole, s.joined, None, label, s.prov)


def test_former_states(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["former_states"]
    for s in reference.former_states:
        expected = state_core(s.code, s.name, s.wikidata, s.prov, s.other_names)
        expected |= {(OSCE.adjective, en(a)) for a in s.adjectives}
        assert facts(g, iri.country(s.code)) == expected, f"{s.prov.file}:{s.prov.line}"
        if s.joined is not None:
            label = f"{s.name}: participating State"
            membership(g, "participating", s.code, OSCE.participatingStateRole, s.joined, s.left, label, s.prov)
        else:
            assert not facts(g, iri.membership("participating", s.code))


def test_partners_current_and_former(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["partners"]
    groups = {"asian": (OSCE.AsianPartner, OSCE.asianPartnerRole, "Asian"),
              "mediterranean": (OSCE.MediterraneanPartner, OSCE.mediterraneanPartnerRole, "Mediterranean")}  # fmt: skip
    assert {p.until is None for p in reference.partners} == {True, False}, "the data has current and former partners"
    for p in reference.partners:
        cls, role, group = groups[p.group]
        expected = state_core(p.code, p.osce_name, p.wikidata, p.prov, ())
        if p.until is None:
            expected |= {(RDF.type, OSCE.PartnerForCooperation), (RDF.type, cls)}
        expected |= {(OSCE.adjective, en(a)) for a in p.adjectives}
        assert facts(g, iri.country(p.code)) == expected, f"{p.prov.file}:{p.prov.line}"
        label = f"{p.osce_name}: {group} Partner for Co-operation"
        membership(g, "partner", p.code, role, p.since, p.until, label, p.prov)


def test_territories(variant: tuple[Reference, dict[str, Graph]]) -> None:
    reference, graphs = variant
    g = graphs["territories"]
    for t in reference.territories:
        expected = described(t.name, t.prov, t.alt_names) | {(RDF.type, OSCE.Territory)}
        if t.code:
            expected |= {(RDFS.label, Literal(x, lang=lang)) for lang, x in cldr_names(t.code).items() if lang != "en"}
        expected |= {(OSCE.adjective, en(a)) for a in t.adjectives}
        if t.wikidata:
            expected.add((SCHEMA.sameAs, WD[t.wikidata]))
        assert facts(g, iri.territory(t.key)) == expected, f"{t.prov.file}:{t.prov.line}"


def test_places_lie_in_a_state_or_a_territory(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["places"]
    territories = {t.key for t in reference.territories}
    assert any(p.within in territories for p in reference.places)
    for p in reference.places:
        within = iri.territory(p.within) if p.within in territories else iri.country(p.within)
        expected = described(p.name, p.prov, p.alt_names) | {(RDF.type, OSCE.City), (SCHEMA.containedInPlace, within)}
        if p.wikidata:
            expected.add((SCHEMA.sameAs, WD[p.wikidata]))
        assert facts(g, iri.place(p.key)) == expected, f"{p.prov.file}:{p.prov.line}"


def test_people(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["people"]
    for p in reference.people:
        expected = described(p.name, p.prov, p.alt_names) | {(RDF.type, OSCE.Person), (FOAF.name, Literal(p.name))}
        if p.nationality:
            expected.add((SCHEMA.nationality, iri.country(p.nationality)))
        assert facts(g, iri.person(p.name)) == expected, f"{p.prov.file}:{p.prov.line}"


def test_chairpersonships_are_calendar_years(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["chairpersonships"]
    names = {s.code: s.osce_name for s in reference.states} | {s.code: s.name for s in reference.former_states}
    for c in reference.chairpersonships:
        expected = described(f"OSCE Chairpersonship {c.year}: {names[c.state]}", c.prov) | {
            (RDF.type, OSCE.Chairpersonship),
            (ORG.subOrganizationOf, OSCE_ORG),
            (OSCE.year, Literal(str(c.year), datatype=XSD.gYear)),
            (OSCE.chairState, iri.country(c.state)),
            (OSCE.chairpersonTitle, en(c.title)),
            (SCHEMA.startDate, Literal(f"{c.year}-01-01", datatype=XSD.date)),
            (SCHEMA.endDate, Literal(f"{c.year}-12-31", datatype=XSD.date)),
        }
        expected |= {(OSCE.chairpersonInOffice, iri.person(name)) for name in c.chairpersons}
        assert facts(g, iri.chairpersonship(c.year)) == expected, f"{c.prov.file}:{c.prov.line}"


def test_posts_and_tenures(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["tenures"]
    posts: dict[URIRef, Facts] = {}
    for t in reference.tenures:
        post, person, role = iri.post(t.structure, t.post), iri.person(t.person), OSCE[t.role]
        posts.setdefault(post, set()).update(
            {(RDF.type, ORG.Post), (RDFS.label, en(t.post_label)), (ORG.postIn, iri.structure(t.structure)),
             (ORG.role, role), (ORG.heldBy, person)} | {(DCTERMS.source, URIRef(u)) for u in t.prov.sources}
        )  # fmt: skip
        node = iri.tenure(post, person, t.start.text)
        expected = described(f"{t.person}, {t.post_label} ({t.start}–{t.end or ''})", t.prov) | {
            (RDF.type, OSCE.Tenure),
            (ORG.member, person),
            (ORG.organization, iri.structure(t.structure)),
            (OSCE.post, post),
            (ORG.role, role),
            (ORG.memberDuring, iri.part(node, "during")),
            (SCHEMA.startDate, day(t.start)),
        }
        if t.end is not None:
            expected.add((SCHEMA.endDate, day(t.end)))
        assert facts(g, node) == expected, f"{t.prov.file}:{t.prov.line}"
        interval(g, node, "during", t.start, t.end)
    for post, expected in posts.items():
        assert facts(g, post) == expected, post


def lifetime(graph: Graph, node: URIRef, start: IsoDate | None, end: IsoDate | None) -> Facts:
    out: Facts = set()
    if start is not None:
        out |= {(SCHEMA.foundingDate, day(start)), (OSCE.lifetime, iri.part(node, "lifetime"))}
        interval(graph, node, "lifetime", start, end)
    if end is not None:
        out.add((SCHEMA.dissolutionDate, day(end)))
    return out


def test_structures(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["structures"]
    predecessors: dict[str, set[str]] = {}
    for s in reference.structures:
        if s.successor:
            predecessors.setdefault(s.successor, set()).add(s.key)
    assert predecessors, "the data has a structure with a successor"
    for s in reference.structures:
        node = iri.structure(s.key)
        expected = described(s.name, s.prov, [*s.abbreviations, *s.alt_names]) | {(RDF.type, OSCE[s.kind])}
        if s.parent:
            expected.add((ORG.subOrganizationOf, iri.structure(s.parent)))
        if s.seat:
            expected.add((ORG.hasPrimarySite, iri.place(s.seat)))
        expected |= lifetime(g, node, s.founded, s.dissolved)
        if s.successor:
            expected.add((OSCE.successor, iri.structure(s.successor)))
        expected |= {(OSCE.predecessor, iri.structure(k)) for k in predecessors.get(s.key, ())}
        expected |= {(OSCE.worksOn, iri.concept("field", f)) for f in s.fields}
        assert facts(g, node) == expected, f"{s.prov.file}:{s.prov.line}"


def test_field_operations_and_their_closures(variant: tuple[Reference, dict[str, Graph]]) -> None:
    reference, graphs = variant
    g = graphs["field_operations"]
    links: dict[str, Facts] = {}
    for op in reference.field_operations:
        node = iri.structure(op.key)
        for key, forward, backward in ((op.successor, OSCE.successor, OSCE.predecessor),
                                       (op.predecessor, OSCE.predecessor, OSCE.successor)):  # fmt: skip
            if key:
                links.setdefault(op.key, set()).add((forward, iri.structure(key)))
                links.setdefault(key, set()).add((backward, node))
    for op in reference.field_operations:
        node = iri.structure(op.key)
        expected = described(op.name, op.prov, [op.short_name, *op.abbreviations]) | {
            (RDF.type, OSCE.FieldOperation),
            (RDF.type, OSCE[op.kind]),
            (ORG.subOrganizationOf, OSCE_ORG),
            (OSCE.status, OSCE.Closed if op.closed else OSCE.Open),
        }
        expected |= {(OSCE.host, iri.country(h) if h.isupper() else iri.territory(h)) for h in op.hosts}
        if op.seat:
            expected.add((ORG.hasPrimarySite, iri.place(op.seat)))
        expected |= lifetime(g, node, op.opened, op.closed)
        if op.decided is not None:
            expected.add((OSCE.decisionDate, day(op.decided)))
        expected |= links.get(op.key, set())
        expected |= {(OSCE.worksOn, iri.concept("field", f)) for f in op.fields}
        assert facts(g, node) == expected, f"{op.prov.file}:{op.prov.line}"
        closure = iri.closure(op.key)
        if op.closed is None:
            assert not facts(g, closure)
            continue
        short = op.name.removeprefix("OSCE ").removeprefix("CSCE ")
        assert facts(g, closure) == described(f"Closure of the {short}", op.prov, note=False) | {
            (RDF.type, OSCE.Closure),
            (ORG.originalOrganization, node),
            (SCHEMA.startDate, day(op.closed)),
        }, f"{op.prov.file}:{op.prov.line}"


def test_renamings(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["renamings"]
    former: dict[str, Facts] = {}
    for r in reference.renamings:
        operation = iri.structure(r.operation)
        node = iri.renaming(r.operation, r.date.text)
        expected = described(f"{r.old_name} renamed {r.new_name} ({r.date})", r.prov) | {
            (RDF.type, OSCE.Renaming),
            (ORG.originalOrganization, operation),
            (ORG.resultingOrganization, operation),
            (OSCE.oldName, en(r.old_name)),
            (OSCE.newName, en(r.new_name)),
            (SCHEMA.startDate, day(r.date)),
        }
        expected |= {(PROV.wasDerivedFrom, URIRef(u)) for u in r.prov.sources}
        assert facts(g, node) == expected, f"{r.prov.file}:{r.prov.line}"
        former.setdefault(r.operation, set()).update(
            {(OSCE.formerName, en(r.old_name)), (SKOS.altLabel, en(r.old_name)),
             (SKOS.altLabel, en(r.old_name.removeprefix("OSCE ")))}
        )  # fmt: skip
    for key, expected in former.items():
        assert facts(g, iri.structure(key)) == expected, key


@pytest.mark.parametrize(
    ("attribute", "scheme_key", "kind", "cls", "title"),
    [
        ("fields_of_work", "fields-of-work", "field", OSCE.FieldOfWork, "Fields of work"),
        ("meeting_types", "meeting-types", "meeting-type", OSCE.MeetingType, "Meeting types"),
        ("content_types", "content-types", "content-type", OSCE.ContentType, "Content types"),
    ],
)
def test_concept_schemes(
    reference: Reference, graphs: dict[str, Graph], attribute: str, scheme_key: str, kind: str, cls: URIRef, title: str
) -> None:
    g = graphs[attribute]
    scheme = iri.scheme(scheme_key)
    concepts = getattr(reference, attribute)
    expected_scheme = {(RDF.type, SKOS.ConceptScheme), (RDFS.label, en(title)), (SKOS.prefLabel, en(title))}
    narrower: dict[str, Facts] = {}
    for c in concepts:
        node = iri.concept(kind, c.key)
        expected_scheme |= {(DCTERMS.source, URIRef(u)) for u in c.prov.sources}
        if c.broader:
            narrower.setdefault(c.broader, set()).add((SKOS.narrower, node))
        else:
            expected_scheme.add((SKOS.hasTopConcept, node))
    assert facts(g, scheme) == expected_scheme
    for c in concepts:
        node = iri.concept(kind, c.key)
        expected = described(c.label, c.prov, c.alt_labels) | {
            (RDF.type, cls),
            (RDF.type, SKOS.Concept),
            (SKOS.prefLabel, en(c.label)),
            (SKOS.inScheme, scheme),
        }
        official = ("en", "fr", "de", "it", "ru", "es")  # the OSCE's languages: display labels, others hidden
        expected |= {
            (SKOS.altLabel if language in official else SKOS.hiddenLabel, Literal(label, lang=language))
            for language, label in c.translated_labels
        }
        if c.broader:
            expected.add((SKOS.broader, iri.concept(kind, c.broader)))
        else:
            expected.add((SKOS.topConceptOf, scheme))
        expected |= narrower.get(c.key, set())
        assert facts(g, node) == expected, f"{c.prov.file}:{c.prov.line}"


def test_menu_sections_hold_their_entries_and_nested_sections(reference: Reference, graphs: dict[str, Graph]) -> None:
    g = graphs["menu_entries"]
    sections: dict[str, Facts] = {}
    for m in reference.menu_entries:
        target = f" {m.target}" if m.target else ""
        note = f"{m.entry}: links to {m.links_to}{target}" + (f"; {m.prov.note}" if m.prov.note else "")
        sections.setdefault(m.section, set()).update(
            {(RDF.type, OSCE.MenuSection), (RDFS.label, en(m.section)), (OSCE.menuEntry, Literal(m.entry)),
             (SKOS.note, en(note))} | {(DCTERMS.source, URIRef(u)) for u in m.prov.sources}
        )  # fmt: skip
        if m.links_to == "section":
            sections[m.section].add((DCTERMS.hasPart, iri.menu_section(m.entry)))
    assert any(m.target for m in reference.menu_entries) and any(m.prov.note for m in reference.menu_entries)
    for section, expected in sections.items():
        assert facts(g, iri.menu_section(section)) == expected, section
