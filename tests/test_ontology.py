"""The ontology file, its JSON-LD context and its HTML documentation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS

from osce_kg import paths
from osce_kg.iri import OSCE
from osce_kg.namespaces import PREFIXES
from osce_kg.parse.fields import DATE_EVIDENCE
from osce_kg.validate.docs import generate_docs

ONTOLOGY = paths.ONTOLOGY_DIR / "osce.ttl"
CONTEXT = paths.ONTOLOGY_DIR / "context.jsonld"
ONTOLOGY_IRI = URIRef("https://w3id.org/osce-kg/ontology")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def our_terms(g: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef) and s.startswith(str(OSCE))}


def test_ontology_header_has_version_licence_and_description(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert str(version_iri).endswith(str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)))
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.creator, DCTERMS.created, DCTERMS.modified):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop


def test_every_term_of_ours_has_an_english_label_and_definition(ontology: Graph) -> None:
    terms = our_terms(ontology)
    assert len(terms) > 50
    for term in sorted(terms):
        labels = [x for x in ontology.objects(term, RDFS.label) if isinstance(x, Literal) and x.language == "en"]
        definitions = [d for d in ontology.objects(term, SKOS.definition) if isinstance(d, Literal) and d.language == "en"]
        assert len(labels) == 1, f"{term}: needs exactly one rdfs:label@en"
        assert len(definitions) == 1, f"{term}: needs exactly one skos:definition@en"
        assert len(str(definitions[0]).split()) >= 5 and str(definitions[0]).endswith("."), f"{term}: write a sentence"


def test_every_osce_term_used_anywhere_is_declared(ontology: Graph) -> None:
    """No typo'd osce: term: each one that appears in a triple is declared as a class, property or individual."""
    used = {t for triple in ontology for t in triple if isinstance(t, URIRef) and t.startswith(str(OSCE))}
    assert used - our_terms(ontology) == set()


def test_reused_terms_say_where_they_are_defined(ontology: Graph) -> None:
    for t in TERM_TYPES:
        for term in ontology.subjects(RDF.type, t):
            if isinstance(term, URIRef) and not term.startswith(str(OSCE)) and term != ONTOLOGY_IRI:
                assert ontology.value(term, RDFS.isDefinedBy) is not None, f"{term}: add rdfs:isDefinedBy its vocabulary"


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        ("Structure", "http://www.w3.org/ns/org#OrganizationalUnit"),
        ("Organization", "http://www.w3.org/ns/org#FormalOrganization"),
        ("StateMembership", "http://www.w3.org/ns/org#Membership"),
        ("Tenure", "http://www.w3.org/ns/org#Membership"),
        ("Renaming", "http://www.w3.org/ns/org#ChangeEvent"),
        ("FieldOfWork", "http://www.w3.org/2004/02/skos/core#Concept"),
        ("State", "https://schema.org/Country"),
        ("Document", "http://www.w3.org/ns/prov#Entity"),
        ("Event", "https://schema.org/Event"),
    ],
)
def test_our_classes_specialise_reused_ones(ontology: Graph, cls: str, parent: str) -> None:
    assert (OSCE[cls], RDFS.subClassOf, URIRef(parent)) in ontology


def test_every_field_operation_kind_is_a_structure(ontology: Graph) -> None:
    kinds = ["Mission", "Presence", "Centre", "ProgrammeOffice", "ProjectCoordinator", "Office", "OtherFieldActivity"]
    for kind in kinds:
        ancestors = set(ontology.transitive_objects(OSCE[kind], RDFS.subClassOf))
        assert {OSCE.FieldOperation, OSCE.Structure, URIRef("http://www.w3.org/ns/org#Organization")} <= ancestors


def test_role_status_and_date_kind_individuals(ontology: Graph) -> None:
    roles = set(ontology.subjects(RDF.type, URIRef("http://www.w3.org/ns/org#Role")))
    for name in ["participatingStateRole", "asianPartnerRole", "mediterraneanPartnerRole", "secretaryGeneralRole",
                 "chairpersonInOfficeRole", "headOfInstitutionRole", "headOfMissionRole", "presidentRole",
                 "secretaryGeneralOfAssemblyRole"]:
        assert OSCE[name] in roles
    assert set(ontology.subjects(RDF.type, OSCE.OperationStatus)) == {OSCE.Open, OSCE.Closed}
    assert len(set(ontology.subjects(RDF.type, OSCE.DateKind))) == len(DATE_EVIDENCE)


def test_context_is_json_ld_with_the_project_prefixes() -> None:
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    assert context["@version"] == 1.1
    for prefix, namespace in PREFIXES.items():
        assert context.get(prefix) == namespace, f"prefix {prefix} differs from osce_kg.namespaces.PREFIXES"
    assert not any(isinstance(v, str) and v.startswith("http") and k not in PREFIXES for k, v in context.items()), \
        "every namespace in the context is one of namespaces.PREFIXES"


def test_context_terms_expand_to_declared_properties(ontology: Graph) -> None:
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    declared = {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t)}
    for term, definition in context.items():
        if isinstance(definition, dict):
            prefix, local = definition["@id"].split(":", 1)
            iri = URIRef(PREFIXES[prefix] + local)
            if prefix in ("rdf", "rdfs", "owl"):
                continue  # built into RDF and OWL, declared by no ontology of ours
            assert iri in declared, f"context term {term} -> {iri} is not declared in osce.ttl"


def test_context_compacts_and_expands_back_without_loss() -> None:
    """Offline round trip of the shapes fixture (hash IRIs, no blank nodes) through the context."""
    data = Graph().parse(Path(__file__).parent / "shapes" / "valid.ttl", format="turtle")
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    text = data.serialize(format="json-ld", context=context)
    document = json.loads(text)
    assert any("label" in node for node in document["@graph"]), "short term names are used"
    assert isomorphic(Graph().parse(data=text, format="json-ld"), data)


def test_pylode_documents_the_ontology(tmp_path: Path, ontology: Graph) -> None:
    out = generate_docs(ONTOLOGY, tmp_path / "docs" / "ontology.html")
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    for cls in (OSCE.FieldOperation, OSCE.StateMembership, OSCE.Chairpersonship):
        assert str(ontology.value(cls, RDFS.label)) in html
    assert str(ontology.value(OSCE.host, SKOS.definition)) in html
    assert "0.1.0" in html


def test_every_class_and_property_the_data_uses_is_declared(ontology: Graph) -> None:
    """The bundled reference data, the bundled pages and a provenance record use only declared terms."""
    from osce_kg.mapping.reference import reference_graphs
    from osce_kg.pages.ingest import ingest_paths
    from osce_kg.store import GraphStore
    from osce_kg.store.provenance import content_hash, provenance_record

    store = GraphStore.open(None)
    try:
        for source in reference_graphs(paths.DATA_DIR):
            store.replace_graph(source.name, source.graph)
        ingest_paths(store, [paths.PAGES_DIR], keep_going=False)
        data = store.union_graph()
    finally:
        store.close()
    data += provenance_record(URIRef("https://w3id.org/osce-kg/graph/data/test"), "data/test.csv",
                              content_hash(b"row"), source_url="https://example.org/page", captured="2026-01-01")

    builtin = (str(RDF), str(RDFS), str(OWL))
    declared = {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t)}
    used_properties = {p for p in data.predicates() if not str(p).startswith(builtin)}
    used_classes = {c for c in data.objects(None, RDF.type) if not str(c).startswith(builtin)}
    assert any(str(c).startswith(str(OSCE)) for c in used_classes), "the data was read"
    assert used_properties - declared == set(), "properties used by the data but not declared in osce.ttl"
    assert {c for c in used_classes if (c, RDF.type, OWL.Class) not in ontology} == set(), \
        "classes used by the data but not declared as owl:Class in osce.ttl"
