"""Map a page's document records to RDF: one graph per document (docs/DESIGN.md 'Documents and events').

The graph holds the document, the event it reports, its date statements, the people it names with
their role statements and quotations, new sub-topics of the fields of work, and the PROV record of
the page it came from (kept in the document's own graph so that replacing the graph replaces its
provenance in the same transaction; see docs/DESIGN.md 'Provenance'). A page's site menu is a small
dated snapshot in that graph pointing to a menu version, which has a graph of its own shared by every
page showing the same menu (menu_version_graph). Knows nothing of files.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from osce_kg import __version__, iri
from osce_kg.iri import ORG, OSCE, SCHEMA, TIME
from osce_kg.namespaces import BASE
from osce_kg.parse.page import PARSER_VERSION
from osce_kg.parse.records import DocumentRecord, MenuSection
from osce_kg.store.provenance import provenance_triples

DATE_KINDS = {
    "metadata": OSCE.MetadataDate,
    "header": OSCE.HeaderDate,
    "dateline": OSCE.DatelineDate,
    "listing": OSCE.ListingDate,
    "bare": OSCE.BareLineDate,
    "text": OSCE.TextDate,
    "url": OSCE.URLDate,
    "capture": OSCE.CaptureDate,
}
PRECISIONS = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}
UNDATED = "the page states no date, its URL holds none and its capture date is unknown"
FIELDS_SCHEME = iri.scheme("fields-of-work")


class Triples(list):
    """The triples of one graph being made, in a list: mapping adds with g.add as to an rdflib
    Graph, which indexes every triple (~20 us each) for look-ups that mapping never makes; ingest
    turns the list into the store's terms (issue 6: 1.6 -> 0.5 ms per page)."""

    def add(self, triple: tuple) -> None:
        self.append(triple)


@dataclass
class PageSource:
    """Where a document came from, for its PROV record."""

    path: str
    content_hash: str
    captured: str | None = None
    url: str | None = None


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def document_graph(doc: DocumentRecord, source: PageSource, menu: list[MenuSection] | None = None) -> tuple[URIRef, Triples]:
    """The named graph of one document and its IRI."""
    assert doc.key is not None, "a document record needs its key before mapping"
    name = iri.graph("page", doc.key)
    g = Triples()
    lang = doc.language or "en"
    d = iri.document(doc.key)
    cited = URIRef(doc.canonical_url) if doc.canonical_url else d

    g.add((d, RDF.type, OSCE.Document))
    if doc.content_type and doc.content_type.lower() == "press release":
        g.add((d, RDF.type, OSCE.PressRelease))
    g.add((d, DCTERMS.title, Literal(title(doc), lang=lang)))
    _document_date(g, d, doc)
    if doc.content_type_iri:
        g.add((d, OSCE.contentType, URIRef(doc.content_type_iri)))
    for stated in doc.dates:
        node = BNode()
        g.add((d, OSCE.statedDate, node))
        g.add((node, RDF.type, OSCE.DateStatement))
        g.add((node, OSCE.dateKind, DATE_KINDS[stated.kind]))
        g.add((node, OSCE.rawText, Literal(stated.raw)))
        if stated.iso:
            g.add((node, DCTERMS.date, _date(stated.iso)))
    if doc.issuer:
        g.add((d, OSCE.issuedBy, URIRef(doc.issuer)))
    for field in doc.fields:
        concept = URIRef(field.iri) if field.iri else _new_subtopic(g, field.label, field.broader, cited)
        g.add((d, OSCE.fieldOfWork, concept))
    for entity in doc.states + doc.territories + doc.structures:
        g.add((d, SCHEMA.mentions, URIRef(entity.iri)))
    if doc.canonical_url:
        g.add((d, OSCE.canonicalURL, URIRef(doc.canonical_url)))
    for url in doc.urls:
        g.add((d, SCHEMA.url, URIRef(url)))
    g.add((d, SCHEMA.inLanguage, Literal(lang)))
    if doc.translation_of:
        g.add((d, SCHEMA.translationOfWork, iri.document(doc.translation_of)))
    if doc.body:
        g.add((d, SCHEMA.text, Literal(doc.body, lang=lang)))

    _event(g, d, doc, lang, cited)
    _people(g, d, doc, lang, cited)
    if menu and doc.captured:
        _menu_snapshot(g, d, doc.captured, menu)
    g += provenance_triples(name, source.path, source.content_hash, source.url, source.captured,
                           generator_version=f"{__version__}+{PARSER_VERSION}")
    return name, g


TITLE_WORDS = 12


def title(doc: DocumentRecord) -> str:
    """The document's title, or for a page that shows none its opening words ('The Democratization
    Unit of the OSCE Office in Baku monitors ...'): SHACL requires a title, and a reader of the
    graph recognises the page by them."""
    if doc.title:
        return doc.title
    words = doc.body.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "") if words else "(untitled page)"


def _document_date(g: Triples, d: URIRef, doc: DocumentRecord) -> None:
    """dct:date with the evidence that gave it and its precision; the capture date when the page
    and its URL state none; a reason when there is no date at all (SHACL requires one of the two)."""
    if not doc.date and doc.captured:
        doc.date, doc.date_kind, doc.date_precision = doc.captured, "capture", "day"
    if not doc.date:
        g.add((d, OSCE.undatedReason, Literal(UNDATED, lang="en")))
        return
    g.add((d, DCTERMS.date, _date(doc.date)))
    if doc.date_kind:
        g.add((d, OSCE.dateEvidence, DATE_KINDS[doc.date_kind]))
    g.add((d, OSCE.datePrecision, PRECISIONS[doc.date_precision or "day"]))


def _new_subtopic(g: Triples, label: str, broader: str | None, cited: URIRef) -> URIRef:
    """A sub-topic the page names that the scheme lacks, added as a narrower concept."""
    concept = iri.concept("field", iri.slug(label))
    g.add((concept, RDF.type, OSCE.FieldOfWork))
    g.add((concept, RDF.type, SKOS.Concept))
    g.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
    g.add((concept, RDFS.label, Literal(label, lang="en")))
    g.add((concept, SKOS.inScheme, FIELDS_SCHEME))
    g.add((concept, DCTERMS.source, cited))
    if broader:
        g.add((concept, SKOS.broader, URIRef(broader)))
    return concept


def _event(g: Triples, d: URIRef, doc: DocumentRecord, lang: str, cited: URIRef) -> None:
    assert doc.key is not None
    event = iri.event(doc.key)
    g.add((d, OSCE.reports, event))
    g.add((event, RDF.type, OSCE.Event))
    g.add((event, RDFS.label, Literal(title(doc), lang=lang)))
    if doc.event_date:
        g.add((event, SCHEMA.startDate, _date(doc.event_date)))
    for place in doc.places:
        g.add((event, OSCE.placeText, Literal(place.raw)))
        if place.name:
            g.add((event, OSCE.placeName, Literal(place.name, lang="en")))
        if place.city:
            g.add((event, SCHEMA.location, URIRef(place.city)))
    for organiser in doc.organisers:
        g.add((event, SCHEMA.organizer, URIRef(organiser)))
    for funder in doc.funders:
        g.add((event, SCHEMA.funder, URIRef(funder)))
    if doc.participants:
        g.add((event, OSCE.participantCount, Literal(doc.participants, datatype=XSD.integer)))
    for partner in doc.partners:
        if partner.startswith(BASE):
            g.add((event, OSCE.partnerOrganization, URIRef(partner)))
        else:
            org = iri.organization(partner)
            g.add((event, OSCE.partnerOrganization, org))
            g.add((org, RDF.type, ORG.Organization))
            g.add((org, RDFS.label, Literal(partner, lang="en")))
            g.add((org, DCTERMS.source, cited))


def _people(g: Triples, d: URIRef, doc: DocumentRecord, lang: str, cited: URIRef) -> None:
    persons: dict[str, URIRef] = {}
    for person in doc.people:
        p = iri.person(person.name)
        persons[person.name] = p
        g.add((p, RDF.type, OSCE.Person))
        g.add((p, RDFS.label, Literal(person.name, lang="en")))
        g.add((p, DCTERMS.source, cited))
        g.add((d, SCHEMA.mentions, p))
        if person.role:
            statement = BNode()
            g.add((statement, RDF.type, OSCE.RoleStatement))
            g.add((statement, OSCE.person, p))
            g.add((statement, OSCE.roleText, Literal(person.role)))
            g.add((statement, SCHEMA.isPartOf, d))
            if person.affiliation:
                g.add((statement, OSCE.affiliation, URIRef(person.affiliation)))
    for quotation in doc.quotations:
        q = BNode()
        g.add((q, RDF.type, OSCE.Quotation))
        g.add((q, SCHEMA.text, Literal(quotation.text, lang=lang)))
        g.add((q, SCHEMA.isPartOf, d))
        if quotation.speaker and quotation.speaker in persons:
            g.add((q, SCHEMA.creator, persons[quotation.speaker]))


def _menu_snapshot(g: Triples, d: URIRef, captured: str, menu: list[MenuSection]) -> None:
    """The page's menu as dated evidence of the structure on the capture date: the date and the
    menu version shown (a whole menu is ~150 triples, and most pages show the same one)."""
    snapshot = BNode()
    g.add((snapshot, RDF.type, OSCE.MenuSnapshot))
    g.add((snapshot, DCTERMS.date, _date(captured)))
    g.add((snapshot, PROV.wasDerivedFrom, d))
    g.add((snapshot, OSCE.showsMenu, iri.menu_version(menu_digest(menu))))


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


_DIGESTS: dict[tuple, str] = {}


def menu_digest(menu: list[MenuSection]) -> str:
    """The key of a menu version: 16 hex digits of the SHA-1 of its headings and entries in order,
    NFC-normalised with whitespace collapsed (a re-wrapped or re-encoded copy is the same menu).
    Remembered per exact menu: most pages show one of a few menus, and normalising took 8% of
    mapping a page (issue 6)."""
    key = tuple((section.title, *section.entries) for section in menu)
    digest = _DIGESTS.get(key)
    if digest is None:
        if len(_DIGESTS) > 256:
            _DIGESTS.clear()
        digest = _DIGESTS[key] = _digest(menu)
    return digest


def _digest(menu: list[MenuSection]) -> str:
    text = "\n".join("\t".join(_normalised(s) for s in [section.title, *section.entries]) for section in menu)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def menu_version_graph(menu: list[MenuSection], first_shown_by: URIRef, source: PageSource) -> tuple[URIRef, Triples]:
    """The named graph graph/menu/<digest> of one distinct menu and its IRI.

    Its sections are hash IRIs on the version, not blank nodes, so that the copies mapped from
    several pages of one run merge into one graph. The PROV record names the document and the file
    of the page that first showed the menu (the graph itself has no osce:contentHash: it belongs to
    no file, and re-ingesting that file must not treat it as one of the file's graphs); the pages'
    snapshots say when and where it was seen.
    """
    digest = menu_digest(menu)
    name = iri.graph("menu", digest)
    version = iri.menu_version(digest)
    g = Triples()
    g.add((version, RDF.type, OSCE.MenuVersion))
    for n, section in enumerate(menu, 1):
        node = iri.part(version, f"section-{n}")
        g.add((version, OSCE.menuSection, node))
        g.add((node, RDF.type, OSCE.MenuSection))
        g.add((node, RDFS.label, Literal(_normalised(section.title), lang="en")))
        for entry in section.entries:
            g.add((node, OSCE.menuEntry, Literal(_normalised(entry))))
    g.add((name, RDF.type, PROV.Entity))
    g.add((name, PROV.wasDerivedFrom, first_shown_by))
    page_file = iri.source(source.content_hash)
    g.add((name, PROV.wasDerivedFrom, page_file))
    g.add((page_file, RDF.type, PROV.Entity))
    g.add((page_file, PROV.atLocation, Literal(source.path)))
    g.add((page_file, OSCE.contentHash, Literal(source.content_hash)))
    return name, g
