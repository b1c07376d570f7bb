"""A page's document record becomes the triples docs/DESIGN.md describes ('Documents and events').

Records are written here field by field (what the parser would give for a release), so each
expectation follows from the record: its title in its language, its date with the evidence and
precision, the event with its places and partners, the people with their roles and quotations,
the page's PROV record and its menu.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from osce_kg import __version__, iri
from osce_kg.iri import ORG, OSCE, SCHEMA, TIME
from osce_kg.mapping.pages import PageSource, document_graph, menu_digest, menu_version_graph, title
from osce_kg.parse.page import PARSER_VERSION
from osce_kg.parse.records import (
    DocumentRecord,
    EntityRef,
    FieldRef,
    MenuSection,
    PersonRef,
    PlaceRef,
    Quotation,
    StatedDate,
)

KEY = "node-95137"
URL = "https://www.osce.org/albania/95137"
SOURCE = PageSource("pages/a01.txt", "sha256:ab12", captured="2026-11-30", url=URL)
MENU = [MenuSection("Main menu", ["Our work", "Countries"]), MenuSection("Our work", ["Fields of work"])]


def release(**changes: object) -> DocumentRecord:
    """A German press release from Tirana with every part a release can have."""
    doc = DocumentRecord(
        Path("a01.txt"),
        "press-release",
        1,
        title="Grenzpolizei in Tirana geschult",
        content_type="Press Release",
        content_type_iri=str(iri.concept("content-type", "press-release")),
        dates=[
            StatedDate("dateline", "TIRANA, 3 May 2012", "2012-05-03", 4),
            StatedDate("url", "2012/05", "2012-05-01", 1, precision="month"),
            StatedDate("bare", "Mai", None, 9),
        ],
        date="2012-05-03",
        date_kind="dateline",
        date_precision="day",
        places=[PlaceRef("TIRANA", str(iri.place("tirana"))), PlaceRef("somewhere up north")],
        issuer=str(iri.structure("presence-in-albania")),
        fields=[
            FieldRef("Border management", str(iri.concept("field", "border-management"))),
            FieldRef("Green border patrols", None, str(iri.concept("field", "border-management"))),
            FieldRef("Dog handling"),
        ],
        body="Die OSCE-Präsenz schulte 40 Grenzpolizisten.",
        canonical_url=URL,
        urls=[URL, "https://www.osce.org/node/95137"],
        language="de",
        translation_of="node-95000",
        key=KEY,
        event_date="2012-05-02",
        captured="2026-11-30",
    )
    doc.states = [EntityRef(str(iri.country("AL")), "state", "Albanien")]
    doc.structures = [EntityRef(str(iri.structure("presence-in-albania")), "structure", "OSCE-Präsenz")]
    doc.people = [
        PersonRef("Eugen Wollfarth", "Head of the Presence", str(iri.structure("presence-in-albania"))),
        PersonRef("Anna Beispiel", "trainer"),
        PersonRef("Otto Ohnerolle"),
    ]
    doc.quotations = [Quotation("Wir lernen viel.", "Anna Beispiel"), Quotation("Gut gemacht.", "Niemand Bekannt")]
    doc.organisers = [str(iri.structure("presence-in-albania"))]
    doc.funders = [str(iri.country("DE"))]
    doc.partners = [str(iri.structure("odihr")), "European Union Delegation"]
    doc.participants = 40
    for name, value in changes.items():
        setattr(doc, name, value)
    return doc


def mapped(doc: DocumentRecord, menu: list[MenuSection] | None = None) -> tuple[URIRef, Graph]:
    name, triples = document_graph(doc, SOURCE, menu)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    assert len(graph) == len(triples), "a triple was added twice"
    return name, graph


D = iri.document(KEY)
EVENT = iri.event(KEY)


def test_the_graph_is_named_after_the_document() -> None:
    name, _ = mapped(release())
    assert name == iri.graph("page", KEY)


def test_the_document_is_a_press_release_with_its_title_in_its_language() -> None:
    _, g = mapped(release())
    assert set(g.objects(D, RDF.type)) == {OSCE.Document, OSCE.PressRelease}
    assert set(g.objects(D, DCTERMS.title)) == {Literal("Grenzpolizei in Tirana geschult", lang="de")}
    assert set(g.objects(D, SCHEMA.inLanguage)) == {Literal("de")}
    assert set(g.objects(D, SCHEMA.text)) == {Literal("Die OSCE-Präsenz schulte 40 Grenzpolizisten.", lang="de")}
    assert set(g.objects(D, OSCE.contentType)) == {iri.concept("content-type", "press-release")}
    assert set(g.objects(D, OSCE.issuedBy)) == {iri.structure("presence-in-albania")}
    assert set(g.objects(D, OSCE.canonicalURL)) == {URIRef(URL)}
    assert set(g.objects(D, SCHEMA.url)) == {URIRef(URL), URIRef("https://www.osce.org/node/95137")}
    assert set(g.objects(D, SCHEMA.translationOfWork)) == {iri.document("node-95000")}
    assert set(g.objects(D, SCHEMA.mentions)) >= {iri.country("AL"), iri.structure("presence-in-albania")}


def test_only_a_press_release_is_typed_as_one() -> None:
    for content_type in ("News item", None):
        _, g = mapped(release(content_type=content_type, content_type_iri=None))
        assert set(g.objects(D, RDF.type)) == {OSCE.Document}
        assert not set(g.objects(D, OSCE.contentType))


def test_a_page_without_language_is_english_and_optional_parts_are_left_out() -> None:
    doc = release(language=None, body="", canonical_url=None, urls=[], translation_of=None, issuer=None)
    _, g = mapped(doc)
    assert set(g.objects(D, DCTERMS.title)) == {Literal("Grenzpolizei in Tirana geschult", lang="en")}
    assert set(g.objects(D, SCHEMA.inLanguage)) == {Literal("en")}
    for prop in (SCHEMA.text, OSCE.canonicalURL, SCHEMA.url, SCHEMA.translationOfWork, OSCE.issuedBy):
        assert not set(g.objects(D, prop)), prop


def test_the_date_keeps_its_evidence_and_precision() -> None:
    _, g = mapped(release())
    assert set(g.objects(D, DCTERMS.date)) == {Literal("2012-05-03", datatype=XSD.date)}
    assert set(g.objects(D, OSCE.dateEvidence)) == {OSCE.DatelineDate}
    assert set(g.objects(D, OSCE.datePrecision)) == {TIME.unitDay}
    assert not set(g.objects(D, OSCE.undatedReason))
    _, g = mapped(release(date="2012-05-01", date_kind="url", date_precision="month"))
    assert set(g.objects(D, DCTERMS.date)) == {Literal("2012-05-01", datatype=XSD.date)}
    assert set(g.objects(D, OSCE.dateEvidence)) == {OSCE.URLDate}
    assert set(g.objects(D, OSCE.datePrecision)) == {TIME.unitMonth}


def test_a_date_of_unknown_kind_and_precision_is_a_day_without_evidence() -> None:
    _, g = mapped(release(date="2012-05-03", date_kind=None, date_precision=None))
    assert set(g.objects(D, DCTERMS.date)) == {Literal("2012-05-03", datatype=XSD.date)}
    assert not set(g.objects(D, OSCE.dateEvidence))
    assert set(g.objects(D, OSCE.datePrecision)) == {TIME.unitDay}


def test_an_undated_page_takes_its_capture_date() -> None:
    _, g = mapped(release(date=None, date_kind=None, date_precision=None))
    assert set(g.objects(D, DCTERMS.date)) == {Literal("2026-11-30", datatype=XSD.date)}
    assert set(g.objects(D, OSCE.dateEvidence)) == {OSCE.CaptureDate}
    assert set(g.objects(D, OSCE.datePrecision)) == {TIME.unitDay}


def test_a_page_with_no_date_at_all_says_why() -> None:
    _, g = mapped(release(date=None, date_kind=None, captured=None))
    assert not set(g.objects(D, DCTERMS.date))
    assert not set(g.objects(D, OSCE.datePrecision))
    [reason] = g.objects(D, OSCE.undatedReason)
    assert reason == Literal(
        "the page states no date, its URL holds none and its capture date is unknown", lang="en"
    )


def test_each_stated_date_is_a_statement_with_its_kind_and_raw_text() -> None:
    _, g = mapped(release())
    statements = {
        (g.value(s, OSCE.dateKind), str(g.value(s, OSCE.rawText)), g.value(s, DCTERMS.date))
        for s in g.objects(D, OSCE.statedDate)
    }
    assert statements == {
        (OSCE.DatelineDate, "TIRANA, 3 May 2012", Literal("2012-05-03", datatype=XSD.date)),
        (OSCE.URLDate, "2012/05", Literal("2012-05-01", datatype=XSD.date)),
        (OSCE.BareLineDate, "Mai", None),
    }
    assert all((s, RDF.type, OSCE.DateStatement) in g for s in g.objects(D, OSCE.statedDate))


def test_fields_of_the_scheme_are_linked_and_new_sub_topics_added() -> None:
    _, g = mapped(release())
    green, dogs = iri.concept("field", "green-border-patrols"), iri.concept("field", "dog-handling")
    assert set(g.objects(D, OSCE.fieldOfWork)) == {iri.concept("field", "border-management"), green, dogs}
    for concept, label in ((green, "Green border patrols"), (dogs, "Dog handling")):
        assert set(g.objects(concept, RDF.type)) == {OSCE.FieldOfWork, SKOS.Concept}
        assert set(g.objects(concept, SKOS.prefLabel)) == {Literal(label, lang="en")}
        assert set(g.objects(concept, RDFS.label)) == {Literal(label, lang="en")}
        assert set(g.objects(concept, SKOS.inScheme)) == {iri.scheme("fields-of-work")}
        assert set(g.objects(concept, DCTERMS.source)) == {URIRef(URL)}
    assert set(g.objects(green, SKOS.broader)) == {iri.concept("field", "border-management")}
    assert not set(g.objects(dogs, SKOS.broader))
    assert not set(g.predicate_objects(iri.concept("field", "border-management")))


def test_the_event_has_the_pages_title_places_and_participants() -> None:
    _, g = mapped(release())
    assert set(g.objects(D, OSCE.reports)) == {EVENT}
    assert set(g.objects(EVENT, RDF.type)) == {OSCE.Event}
    assert set(g.objects(EVENT, RDFS.label)) == {Literal("Grenzpolizei in Tirana geschult", lang="de")}
    assert set(g.objects(EVENT, SCHEMA.startDate)) == {Literal("2012-05-02", datatype=XSD.date)}
    assert set(g.objects(EVENT, OSCE.placeText)) == {Literal("TIRANA"), Literal("somewhere up north")}
    assert set(g.objects(EVENT, SCHEMA.location)) == {iri.place("tirana")}
    assert set(g.objects(EVENT, SCHEMA.organizer)) == {iri.structure("presence-in-albania")}
    assert set(g.objects(EVENT, SCHEMA.funder)) == {iri.country("DE")}
    assert set(g.objects(EVENT, OSCE.participantCount)) == {Literal(40, datatype=XSD.integer)}


def test_an_event_without_date_or_count_states_neither() -> None:
    _, g = mapped(release(event_date=None, participants=None))
    assert not set(g.objects(EVENT, SCHEMA.startDate))
    assert not set(g.objects(EVENT, OSCE.participantCount))


def test_partners_outside_the_graph_become_organisations_citing_the_page() -> None:
    _, g = mapped(release())
    eu = iri.organization("European Union Delegation")
    assert set(g.objects(EVENT, OSCE.partnerOrganization)) == {iri.structure("odihr"), eu}
    assert set(g.predicate_objects(eu)) == {
        (RDF.type, ORG.Organization),
        (RDFS.label, Literal("European Union Delegation", lang="en")),
        (DCTERMS.source, URIRef(URL)),
    }
    assert not set(g.predicate_objects(iri.structure("odihr")))


def test_a_page_without_url_is_cited_by_its_document() -> None:
    _, g = mapped(release(canonical_url=None))
    assert set(g.objects(iri.organization("European Union Delegation"), DCTERMS.source)) == {D}
    assert set(g.objects(iri.person("Anna Beispiel"), DCTERMS.source)) == {D}
    assert set(g.objects(iri.concept("field", "dog-handling"), DCTERMS.source)) == {D}


def test_people_with_their_roles_and_quotations() -> None:
    _, g = mapped(release())
    names = ("Eugen Wollfarth", "Anna Beispiel", "Otto Ohnerolle")
    for name in names:
        p = iri.person(name)
        assert set(g.predicate_objects(p)) == {
            (RDF.type, OSCE.Person),
            (RDFS.label, Literal(name, lang="en")),
            (DCTERMS.source, URIRef(URL)),
        }
        assert (D, SCHEMA.mentions, p) in g
    roles = {
        (g.value(s, OSCE.person), str(g.value(s, OSCE.roleText)), g.value(s, OSCE.affiliation))
        for s in g.subjects(RDF.type, OSCE.RoleStatement)
    }
    assert roles == {
        (iri.person("Eugen Wollfarth"), "Head of the Presence", iri.structure("presence-in-albania")),
        (iri.person("Anna Beispiel"), "trainer", None),
    }
    assert all((s, SCHEMA.isPartOf, D) in g for s in g.subjects(RDF.type, OSCE.RoleStatement))
    quotes = {
        (g.value(q, SCHEMA.text), g.value(q, SCHEMA.creator), g.value(q, SCHEMA.isPartOf))
        for q in g.subjects(RDF.type, OSCE.Quotation)
    }
    assert quotes == {
        (Literal("Wir lernen viel.", lang="de"), iri.person("Anna Beispiel"), D),
        (Literal("Gut gemacht.", lang="de"), None, D),  # its speaker is no person of the page
    }


def test_the_pages_provenance_names_file_url_capture_and_parser() -> None:
    name, g = mapped(release())
    page_file = iri.source("sha256:ab12")
    assert (name, PROV.wasDerivedFrom, page_file) in g
    assert (page_file, PROV.atLocation, Literal("pages/a01.txt")) in g
    assert (page_file, SCHEMA.url, URIRef(URL)) in g
    assert (page_file, OSCE.capturedOn, Literal("2026-11-30", datatype=XSD.date)) in g
    [software] = g.objects(None, PROV.wasAssociatedWith)
    assert set(g.objects(software, SCHEMA.softwareVersion)) == {Literal(f"{__version__}+{PARSER_VERSION}")}


def test_a_captured_page_with_a_menu_gets_a_dated_snapshot_of_it() -> None:
    _, g = mapped(release(), MENU)
    [snapshot] = g.subjects(RDF.type, OSCE.MenuSnapshot)
    assert set(g.predicate_objects(snapshot)) == {
        (RDF.type, OSCE.MenuSnapshot),
        (DCTERMS.date, Literal("2026-11-30", datatype=XSD.date)),
        (PROV.wasDerivedFrom, D),
        (OSCE.showsMenu, iri.menu_version(menu_digest(MENU))),
    }
    for doc, menu in ((release(), None), (release(), []), (release(captured=None), MENU)):
        _, g = mapped(doc, menu)
        assert not set(g.subjects(RDF.type, OSCE.MenuSnapshot))


def test_a_page_without_title_is_known_by_its_opening_words() -> None:
    twelve = " ".join(f"w{n}" for n in range(12))
    assert title(release(title=None, body=twelve)) == twelve
    assert title(release(title=None, body=twelve + " w12")) == twelve + " …"
    assert title(release(title=None, body="  ")) == "(untitled page)"
    assert title(release(title="", body="Short text.")) == "Short text."


def test_a_menu_digest_ignores_wrapping_and_unicode_form_but_not_order_or_nesting() -> None:
    digest = menu_digest(MENU)
    assert len(digest) == 16 and int(digest, 16) >= 0
    rewrapped = [MenuSection(" Main\n menu ", ["Our  work", "Countries\t"]), MenuSection("Our work", ["Fields of work"])]
    assert menu_digest(rewrapped) == digest
    accented = [MenuSection("Über uns", ["Café"])]
    decomposed = [MenuSection(unicodedata.normalize("NFD", "Über uns"), [unicodedata.normalize("NFD", "Café")])]
    assert menu_digest(decomposed) == menu_digest(accented)
    reordered = [MenuSection("Main menu", ["Countries", "Our work"]), MenuSection("Our work", ["Fields of work"])]
    moved = [MenuSection("Main menu", ["Our work"]), MenuSection("Our work", ["Countries", "Fields of work"])]
    merged = [MenuSection("Main menu", ["Our work", "Countries", "Our work", "Fields of work"])]
    assert len({digest, menu_digest(reordered), menu_digest(moved), menu_digest(merged)}) == 4


def test_a_menu_digest_is_the_documented_sha1() -> None:
    """The digest is part of menu-version IRIs: it must not change between releases. (A menu no
    other test uses: digests are remembered, and a remembered one would not test the hashing.)"""
    menu = [MenuSection("Über uns", ["Geschichte", "Struktur"]), MenuSection("Länder", ["Alle"])]
    text = "Über uns\tGeschichte\tStruktur\nLänder\tAlle"
    assert menu_digest(menu) == hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def test_a_record_without_key_is_a_programming_error() -> None:
    with pytest.raises(AssertionError, match="^a document record needs its key before mapping$"):
        document_graph(release(key=None), SOURCE)


def test_many_menus_each_keep_their_own_digest() -> None:
    menus = [[MenuSection(f"Section {n}", [f"Entry {n}"])] for n in range(600)]
    first = [menu_digest(m) for m in menus]
    assert len(set(first)) == 600
    assert [menu_digest(m) for m in menus] == first


def test_a_menu_version_graph_holds_its_sections_and_where_it_was_first_seen() -> None:
    shown_by = iri.document(KEY)
    wrapped = [MenuSection("Main  menu", ["Our\nwork", "Countries"]), MenuSection("Our work", ["Fields of work"])]
    name, triples = menu_version_graph(wrapped, shown_by, SOURCE)
    g = Graph()
    for triple in triples:
        g.add(triple)
    version = iri.menu_version(menu_digest(MENU))
    assert name == iri.graph("menu", menu_digest(MENU))
    assert set(g.objects(version, RDF.type)) == {OSCE.MenuVersion}
    one, two = iri.part(version, "section-1"), iri.part(version, "section-2")
    assert set(g.objects(version, OSCE.menuSection)) == {one, two}
    assert set(g.predicate_objects(one)) == {
        (RDF.type, OSCE.MenuSection),
        (RDFS.label, Literal("Main menu", lang="en")),
        (OSCE.menuEntry, Literal("Our work")),
        (OSCE.menuEntry, Literal("Countries")),
    }
    assert set(g.objects(two, OSCE.menuEntry)) == {Literal("Fields of work")}
    page_file = iri.source("sha256:ab12")
    assert set(g.predicate_objects(name)) == {
        (RDF.type, PROV.Entity),
        (PROV.wasDerivedFrom, shown_by),
        (PROV.wasDerivedFrom, page_file),
    }
    assert set(g.predicate_objects(page_file)) == {
        (RDF.type, PROV.Entity),
        (PROV.atLocation, Literal("pages/a01.txt")),
        (OSCE.contentHash, Literal("sha256:ab12")),
    }
