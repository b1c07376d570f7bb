"""Each SHACL shape fails on a graph that breaks it, with the expected component and message.

Every case starts from tests/shapes/valid.ttl (which conforms), applies one SPARQL Update that
breaks one rule, and checks that validation fails at the expected focus node, through the
expected constraint component of the expected node shape, with a message naming the problem,
and that nothing else in the graph is reported. A test checks that every node shape and every
SPARQL constraint of ontology/shapes.ttl has at least one such case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Dataset, Graph, Namespace, URIRef
from rdflib.namespace import SH

from osce_kg.errors import InputError
from osce_kg.validate.shacl import default_ontology, default_shapes, validate, validate_files

VALID = Path(__file__).parent / "shapes" / "valid.ttl"
SHAPE = Namespace("https://w3id.org/osce-kg/shapes#")
ID = "https://w3id.org/osce-kg/id/"

PROLOGUE = f"""
PREFIX osce: <https://w3id.org/osce-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX structure: <{ID}structure/>
PREFIX country: <{ID}country/>
PREFIX territory: <{ID}territory/>
PREFIX place: <{ID}place/>
PREFIX person: <{ID}person/>
PREFIX post: <{ID}post/>
PREFIX tenure: <{ID}tenure/>
PREFIX membership: <{ID}membership/>
PREFIX chair: <{ID}chairpersonship/>
PREFIX field: <{ID}field/>
PREFIX mtype: <{ID}meeting-type/>
PREFIX ctype: <{ID}content-type/>
PREFIX scheme: <{ID}scheme/>
PREFIX doc: <{ID}document/>
PREFIX event: <{ID}event/>
PREFIX renaming: <{ID}renaming/>
PREFIX closure: <{ID}closure/>
"""

TENURE = "secretariat.secretary-general.ada-tester.2005-06"


@dataclass(frozen=True)
class Case:
    """One broken graph: the update that breaks it and what the report must say."""

    name: str
    shape: str
    focus: str | tuple[str, ...]
    component: str
    message: str
    update: str

    def focus_iris(self) -> set[URIRef]:
        keys = (self.focus,) if isinstance(self.focus, str) else self.focus
        return {URIRef(ID + k) for k in keys}


def case(name: str, shape: str, focus: str | tuple[str, ...], component: str, message: str, update: str) -> Case:
    return Case(name, shape, focus, component + "ConstraintComponent", message, update)


CASES = [
    # the OSCE itself
    case("osce-without-english-label", "OrganizationShape", "structure/osce", "QualifiedMinCount", "English rdfs:label",
         'DELETE DATA { structure:osce rdfs:label "Test Organization"@en }'),
    case("osce-seat-is-a-state", "OrganizationShape", "structure/osce", "Class", "osce:City",
         "INSERT DATA { structure:osce org:hasPrimarySite country:XA }"),
    # any structure
    case("label-in-unknown-language", "StructureShape", "structure/planning-unit", "LanguageIn", "tagged en, fr, de",
         'INSERT DATA { structure:planning-unit rdfs:label "Einheit"@nl }'),
    case("two-english-labels", "StructureShape", "structure/planning-unit", "UniqueLang", "at most one label per language",
         'INSERT DATA { structure:planning-unit rdfs:label "Planning Office"@en }'),
    case("alt-label-untagged", "StructureShape", "structure/planning-unit", "Datatype", "skos:altLabel",
         'INSERT DATA { structure:planning-unit skos:altLabel "P.U." }'),
    case("structure-without-source", "StructureShape", "structure/contact-group", "MinCount", "dct:source",
         "DELETE WHERE { structure:contact-group dct:source ?s }"),
    case("source-as-literal", "StructureShape", "structure/contact-group", "NodeKind", "IRI of a page",
         'INSERT DATA { structure:contact-group dct:source "https://example.org/source/other" }'),
    case("structure-of-two-kinds", "StructureShape", "structure/contact-group", "Xone", "exactly one kind",
         "INSERT DATA { structure:contact-group a osce:DecisionMakingBody }"),
    case("structure-of-no-kind", "StructureShape", "structure/contact-group", "Xone", "exactly one kind",
         "DELETE DATA { structure:contact-group a osce:OtherStructure } ; INSERT DATA { structure:contact-group a osce:Structure }"),
    case("structure-part-of-nothing", "StructureShape", "structure/contact-group", "MinCount", "org:subOrganizationOf",
         "DELETE WHERE { structure:contact-group org:subOrganizationOf ?o }"),
    case("seat-is-not-a-city", "StructureShape", "structure/secretariat", "Class", "osce:City",
         "DELETE WHERE { structure:secretariat org:hasPrimarySite ?s } ; INSERT DATA { structure:secretariat org:hasPrimarySite country:XA }"),
    case("founding-date-as-year", "StructureShape", "structure/office-for-testing", "Datatype", "schema:foundingDate",
         'DELETE WHERE { structure:office-for-testing schema:foundingDate ?d } ; '
         'INSERT DATA { structure:office-for-testing schema:foundingDate "1992"^^xsd:gYear }'),
    case("dissolved-before-founded", "FoundedBeforeDissolvedRule", "structure/mission-to-arcadia", "SPARQL", "before it was founded",
         'DELETE WHERE { structure:mission-to-arcadia schema:dissolutionDate ?d } ; '
         'INSERT DATA { structure:mission-to-arcadia schema:dissolutionDate "1990-01-01"^^xsd:date }'),
    case("works-on-a-state", "StructureShape", "structure/planning-unit", "Class", "osce:FieldOfWork",
         "INSERT DATA { structure:planning-unit osce:worksOn country:XA }"),
    case("former-name-untagged", "StructureShape", "structure/mission-to-arcadia", "Datatype", "osce:formerName",
         'INSERT DATA { structure:mission-to-arcadia osce:formerName "Old Mission" }'),
    case("successor-is-a-person", "StructureShape", "structure/mission-to-arcadia", "Class", "osce:successor",
         "INSERT DATA { structure:mission-to-arcadia osce:successor person:ada-tester }"),
    # top-level structures, seated bodies, Secretariat units
    case("council-inside-secretariat", "TopLevelStructureShape", "structure/council", "QualifiedMinCount", "directly part of the OSCE",
         "DELETE WHERE { structure:council org:subOrganizationOf ?o } ; INSERT DATA { structure:council org:subOrganizationOf structure:secretariat }"),
    case("assembly-without-seat", "SeatedBodyShape", "structure/assembly", "MinCount", "need a seat",
         "DELETE WHERE { structure:assembly org:hasPrimarySite ?s }"),
    case("unit-outside-secretariat", "SecretariatUnitShape", "structure/planning-unit", "QualifiedMinCount", "part of the Secretariat",
         "DELETE WHERE { structure:planning-unit org:subOrganizationOf ?o } ; INSERT DATA { structure:planning-unit org:subOrganizationOf structure:osce }"),
    # field operations
    case("operation-without-host", "FieldOperationShape", "structure/group-in-north-march", "MinCount", "osce:host",
         "DELETE WHERE { structure:group-in-north-march osce:host ?h }"),
    case("operation-hosted-by-city", "FieldOperationShape", "structure/office-in-alphaville", "Or", "osce:State or an osce:Territory",
         "DELETE WHERE { structure:office-in-alphaville osce:host ?h } ; INSERT DATA { structure:office-in-alphaville osce:host place:alphaville }"),
    case("operation-hosted-by-partner", "OperationHostRule", "structure/office-in-alphaville", "SPARQL", "neither a (former) participating State",
         "DELETE WHERE { structure:office-in-alphaville osce:host ?h } ; INSERT DATA { structure:office-in-alphaville osce:host country:XB }"),
    case("operation-without-status", "FieldOperationShape", "structure/office-in-alphaville", "MinCount", "osce:status",
         "DELETE WHERE { structure:office-in-alphaville osce:status ?s }"),
    case("operation-with-unknown-status", "FieldOperationShape", "structure/office-in-alphaville", "In", "osce:Open or osce:Closed",
         "DELETE WHERE { structure:office-in-alphaville osce:status ?s } ; INSERT DATA { structure:office-in-alphaville osce:status osce:Suspended }"),
    case("closed-without-dissolution", "OperationStatusRule", "structure/office-in-alphaville", "SPARQL", "contradicts its dates",
         "DELETE WHERE { structure:office-in-alphaville osce:status ?s } ; INSERT DATA { structure:office-in-alphaville osce:status osce:Closed }"),
    case("open-with-dissolution", "OperationStatusRule", "structure/office-in-alphaville", "SPARQL", "contradicts its dates",
         'INSERT DATA { structure:office-in-alphaville schema:dissolutionDate "2011-12-31"^^xsd:date }'),
    case("operation-of-two-kinds", "FieldOperationShape", "structure/mission-to-arcadia", "Xone", "exactly one kind: Mission",
         "INSERT DATA { structure:mission-to-arcadia a osce:Office }"),
    case("operation-without-opening", "FieldOperationShape", "structure/office-in-alphaville", "MinCount", "opening date",
         "DELETE WHERE { structure:office-in-alphaville schema:foundingDate ?d }"),
    # Chairpersonships
    case("year-as-string", "ChairpersonshipShape", "chairpersonship/2008", "Datatype", "xsd:gYear",
         'DELETE WHERE { chair:2008 osce:year ?y } ; INSERT DATA { chair:2008 osce:year "2008" }'),
    case("two-chairpersonships-in-a-year", "OneChairpersonshipPerYearRule", ("chairpersonship/2007", "chairpersonship/2008"), "SPARQL",
         "one Chairpersonship per year",
         'DELETE WHERE { chair:2008 osce:year ?y } ; INSERT DATA { chair:2008 osce:year "2007"^^xsd:gYear }'),
    case("chair-state-unknown", "ChairpersonshipShape", "chairpersonship/2008", "Class", "osce:chairState",
         "DELETE WHERE { chair:2008 osce:chairState ?s } ; INSERT DATA { chair:2008 osce:chairState country:ZZ }"),
    case("chair-without-cio", "ChairpersonshipShape", "chairpersonship/2008", "MinCount", "osce:chairpersonInOffice",
         "DELETE WHERE { chair:2008 osce:chairpersonInOffice ?p }"),
    case("chair-ends-before-start", "StartsBeforeEndRule", "chairpersonship/2007", "SPARQL", "before it starts",
         'DELETE WHERE { chair:2007 schema:endDate ?d } ; INSERT DATA { chair:2007 schema:endDate "2006-12-31"^^xsd:date }'),
    # States
    case("state-without-english-label", "StateShape", "country/XXXX", "QualifiedMinCount", "English rdfs:label",
         'DELETE DATA { country:XXXX rdfs:label "Former Federation"@en } ; INSERT DATA { country:XXXX rdfs:label "Ehemalige Föderation"@de }'),
    case("adjective-untagged", "StateShape", "country/XA", "Datatype", "osce:adjective",
         'INSERT DATA { country:XA osce:adjective "Arcadian" }'),
    case("same-as-literal", "StateShape", "country/XA", "NodeKind", "schema:sameAs",
         'INSERT DATA { country:XA schema:sameAs "Q1" }'),
    case("participating-state-whose-membership-ended", "ParticipatingStateShape", "country/XA", "QualifiedMinCount", "current membership",
         'INSERT DATA { membership:participating-XA schema:endDate "2020-01-01"^^xsd:date }'),
    case("partner-in-both-groups", "PartnerForCooperationShape", "country/XB", "Xone", "either an osce:AsianPartner",
         "INSERT DATA { country:XB a osce:MediterraneanPartner }"),
    case("partner-of-no-group", "PartnerForCooperationShape", "country/XC", "Xone", "either an osce:AsianPartner",
         "DELETE DATA { country:XC a osce:MediterraneanPartner } ; INSERT DATA { country:XC a osce:PartnerForCooperation }"),
    case("asian-partner-with-other-role", "AsianPartnerShape", "country/XB", "QualifiedMinCount", "osce:asianPartnerRole",
         "DELETE WHERE { membership:partner-XB org:role ?r } ; INSERT DATA { membership:partner-XB org:role osce:mediterraneanPartnerRole }"),
    case("mediterranean-partner-whose-membership-ended", "MediterraneanPartnerShape", "country/XC", "QualifiedMinCount",
         "osce:mediterraneanPartnerRole", 'INSERT DATA { membership:partner-XC schema:endDate "2020-01-01"^^xsd:date }'),
    # memberships
    case("membership-role-outside-list", "StateMembershipShape", "membership/participating-XXXX", "In", "exactly one org:role",
         "DELETE WHERE { membership:participating-XXXX org:role ?r } ; INSERT DATA { membership:participating-XXXX org:role osce:secretaryGeneralRole }"),
    case("membership-of-a-person", "StateMembershipShape", "membership/participating-XXXX", "Class", "an osce:State",
         "DELETE WHERE { membership:participating-XXXX org:member ?m } ; INSERT DATA { membership:participating-XXXX org:member person:ada-tester }"),
    case("membership-ends-before-start", "StartsBeforeEndRule", "membership/participating-XXXX", "SPARQL", "before it starts",
         'DELETE WHERE { membership:participating-XXXX schema:startDate ?d } ; '
         'INSERT DATA { membership:participating-XXXX schema:startDate "1993-01-01"^^xsd:date }'),
    case("membership-without-interval", "StateMembershipShape", "membership/participating-XXXX", "MinCount", "org:memberDuring",
         "DELETE WHERE { membership:participating-XXXX org:memberDuring ?i }"),
    case("membership-with-two-starts", "StateMembershipShape", "membership/participating-XXXX", "MaxCount", "exactly one schema:startDate",
         'INSERT DATA { membership:participating-XXXX schema:startDate "1975-07-01"^^xsd:date }'),
    case("membership-in-a-structure", "StateMembershipShape", "membership/participating-XXXX", "Class", "osce:Organization",
         "DELETE WHERE { membership:participating-XXXX org:organization ?o } ; "
         "INSERT DATA { membership:participating-XXXX org:organization structure:secretariat }"),
    # territories, cities, people, posts, tenures
    case("territory-without-source", "TerritoryShape", "territory/north-march", "MinCount", "dct:source",
         "DELETE WHERE { territory:north-march dct:source ?s }"),
    case("city-in-nowhere", "CityShape", "place/alphaville", "MinCount", "schema:containedInPlace",
         "DELETE WHERE { place:alphaville schema:containedInPlace ?p }"),
    case("city-in-a-person", "CityShape", "place/alphaville", "Or", "schema:containedInPlace",
         "INSERT DATA { place:alphaville schema:containedInPlace person:ada-tester }"),
    case("person-with-two-english-labels", "PersonShape", "person/ada-tester", "UniqueLang", "at most one label per language",
         'INSERT DATA { person:ada-tester rdfs:label "A. Tester"@en }'),
    case("post-in-nothing", "PostShape", "post/secretariat.secretary-general", "MinCount", "org:postIn",
         "DELETE WHERE { post:secretariat.secretary-general org:postIn ?s }"),
    case("post-held-by-a-state", "PostShape", "post/secretariat.secretary-general", "Class", "org:heldBy",
         "INSERT DATA { post:secretariat.secretary-general org:heldBy country:XA }"),
    case("tenure-holder-not-listed-on-post", "TenureHolderListedRule", f"tenure/{TENURE}", "SPARQL", "does not list them with org:heldBy",
         "DELETE WHERE { post:secretariat.secretary-general org:heldBy ?p }"),
    case("tenure-ends-before-start", "StartsBeforeEndRule", f"tenure/{TENURE}", "SPARQL", "before it starts",
         f'DELETE WHERE {{ <{ID}tenure/{TENURE}> schema:endDate ?d }} ; '
         f'INSERT DATA {{ <{ID}tenure/{TENURE}> schema:endDate "2001-01-01"^^xsd:date }}'),
    case("tenure-without-role", "TenureShape", f"tenure/{TENURE}", "MinCount", "org:role",
         f"DELETE WHERE {{ <{ID}tenure/{TENURE}> org:role ?r }}"),
    case("tenure-of-a-structure-not-a-post", "TenureShape", f"tenure/{TENURE}", "Class", "osce:post",
         f"DELETE WHERE {{ <{ID}tenure/{TENURE}> osce:post ?p }} ; INSERT DATA {{ <{ID}tenure/{TENURE}> osce:post structure:secretariat }}"),
    # changes
    case("renaming-of-another-structure", "RenamingShape", "renaming/mission-to-arcadia.1995", "Equals", "equal to org:resultingOrganization",
         "DELETE WHERE { renaming:mission-to-arcadia.1995 org:resultingOrganization ?o } ; "
         "INSERT DATA { renaming:mission-to-arcadia.1995 org:resultingOrganization structure:office-in-alphaville }"),
    case("renaming-old-name-untagged", "RenamingShape", "renaming/mission-to-arcadia.1995", "Datatype", "osce:oldName",
         'DELETE WHERE { renaming:mission-to-arcadia.1995 osce:oldName ?n } ; INSERT DATA { renaming:mission-to-arcadia.1995 osce:oldName "Old" }'),
    case("renaming-without-date", "RenamingShape", "renaming/mission-to-arcadia.1995", "MinCount", "schema:startDate",
         "DELETE WHERE { renaming:mission-to-arcadia.1995 schema:startDate ?d }"),
    case("closure-of-a-person", "ClosureShape", "closure/mission-to-arcadia", "Class", "org:originalOrganization",
         "DELETE WHERE { closure:mission-to-arcadia org:originalOrganization ?o } ; INSERT DATA { closure:mission-to-arcadia org:originalOrganization person:ada-tester }"),
    case("closure-without-source", "ClosureShape", "closure/mission-to-arcadia", "MinCount", "dct:source",
         "DELETE WHERE { closure:mission-to-arcadia dct:source ?s }"),
    # concepts
    case("field-in-wrong-scheme", "FieldOfWorkShape", "field/test-laws", "HasValue", "id:scheme/fields-of-work",
         "DELETE WHERE { field:test-laws skos:inScheme ?s } ; INSERT DATA { field:test-laws skos:inScheme scheme:meeting-types }"),
    case("field-broader-than-meeting-type", "FieldOfWorkShape", "field/test-laws", "Class", "skos:broader",
         "INSERT DATA { field:test-laws skos:broader mtype:annual-meetings }"),
    case("field-without-english-preflabel", "FieldOfWorkShape", "field/testing", "QualifiedMinCount", "English skos:prefLabel",
         'DELETE DATA { field:testing skos:prefLabel "Testing"@en }'),
    case("meeting-type-outside-scheme", "MeetingTypeShape", "meeting-type/annual-meetings", "HasValue", "id:scheme/meeting-types",
         "DELETE WHERE { mtype:annual-meetings skos:inScheme ?s }"),
    case("content-type-label-in-unknown-language", "ContentTypeShape", "content-type/press-release", "LanguageIn", "skos:prefLabel",
         'INSERT DATA { ctype:press-release skos:prefLabel "Persbericht"@nl }'),
    case("content-type-outside-scheme", "ContentTypeShape", "content-type/press-release", "HasValue", "id:scheme/content-types",
         "DELETE WHERE { ctype:press-release skos:inScheme ?s }"),
    case("scheme-without-label", "ConceptSchemeShape", "scheme/meeting-types", "QualifiedMinCount", "English rdfs:label",
         "DELETE WHERE { scheme:meeting-types rdfs:label ?l }"),
    # documents and what they state
    case("document-without-title", "DocumentShape", "document/node-2", "MinCount", "dct:title",
         "DELETE WHERE { doc:node-2 dct:title ?t }"),
    case("document-title-untagged", "DocumentShape", "document/node-2", "Datatype", "dct:title",
         'DELETE WHERE { doc:node-2 dct:title ?t } ; INSERT DATA { doc:node-2 dct:title "Des experts" }'),
    case("document-dated-in-future", "DocumentNotInFutureRule", "document/node-1", "SPARQL", "in the future",
         'DELETE WHERE { doc:node-1 dct:date ?d } ; INSERT DATA { doc:node-1 dct:date "2999-01-01"^^xsd:date }'),
    case("document-date-with-time", "DocumentShape", "document/node-2", "Datatype", "dct:date",
         'INSERT DATA { doc:node-2 dct:date "2007-12-12T10:00:00"^^xsd:dateTime }'),
    case("document-without-date-or-reason", "DocumentShape", "document/node-2", "Or", "osce:undatedReason",
         "DELETE WHERE { doc:node-2 osce:undatedReason ?r }"),
    case("document-date-from-unknown-evidence", "DocumentShape", "document/node-1", "In", "osce:dateEvidence",
         "DELETE WHERE { doc:node-1 osce:dateEvidence ?e } ; INSERT DATA { doc:node-1 osce:dateEvidence osce:FooterDate }"),
    case("document-language-as-name", "DocumentShape", "document/node-2", "Pattern", "BCP 47",
         'DELETE WHERE { doc:node-2 schema:inLanguage ?l } ; INSERT DATA { doc:node-2 schema:inLanguage "French" }'),
    case("canonical-url-literal", "DocumentShape", "document/node-2", "NodeKind", "osce:canonicalURL",
         'INSERT DATA { doc:node-2 osce:canonicalURL "https://example.org/pages/node-2" }'),
    case("document-in-two-languages", "DocumentShape", "document/node-2", "MaxCount", "single BCP 47 language code",
         'INSERT DATA { doc:node-2 schema:inLanguage "en" }'),
    case("document-issued-by-person", "DocumentShape", "document/node-1", "Class", "osce:issuedBy",
         "INSERT DATA { doc:node-1 osce:issuedBy person:ada-tester }"),
    case("date-statement-of-unknown-kind", "DateStatementShape", "document/node-1#dateline", "In", "osce:dateKind",
         "DELETE WHERE { <" + ID + "document/node-1#dateline> osce:dateKind ?k } ; "
         "INSERT DATA { <" + ID + "document/node-1#dateline> osce:dateKind osce:FooterDate }"),
    case("date-statement-without-raw-text", "DateStatementShape", "document/node-1#dateline", "MinCount", "osce:rawText",
         "DELETE WHERE { <" + ID + "document/node-1#dateline> osce:rawText ?t }"),
    case("event-reported-by-nothing", "EventShape", "event/node-1", "QualifiedMinCount", "reported by an osce:Document",
         "DELETE WHERE { doc:node-1 osce:reports ?e }"),
    case("event-with-no-participants", "EventShape", "event/node-1", "MinInclusive", "positive xsd:integer",
         "DELETE WHERE { event:node-1 osce:participantCount ?n } ; INSERT DATA { event:node-1 osce:participantCount 0 }"),
    case("event-located-in-a-state", "EventShape", "event/node-1", "Class", "osce:City",
         "INSERT DATA { event:node-1 schema:location country:XA }"),
    case("event-funded-by-a-structure", "EventShape", "event/node-1", "Class", "schema:funder",
         "INSERT DATA { event:node-1 schema:funder structure:secretariat }"),
    case("quotation-outside-document", "QuotationShape", "document/node-1#quote-1", "MinCount", "schema:isPartOf",
         "DELETE WHERE { <" + ID + "document/node-1#quote-1> schema:isPartOf ?d }"),
    case("quotation-text-untagged", "QuotationShape", "document/node-1#quote-1", "Datatype", "schema:text",
         "DELETE WHERE { <" + ID + "document/node-1#quote-1> schema:text ?t } ; "
         'INSERT DATA { <' + ID + 'document/node-1#quote-1> schema:text "Testing matters." }'),
    case("quotation-by-a-state", "QuotationShape", "document/node-1#quote-1", "Class", "schema:creator",
         "DELETE WHERE { <" + ID + "document/node-1#quote-1> schema:creator ?c } ; "
         "INSERT DATA { <" + ID + "document/node-1#quote-1> schema:creator country:XA }"),
    case("role-affiliated-with-person", "RoleStatementShape", "document/node-1#role-1", "Or", "osce:affiliation",
         "INSERT DATA { <" + ID + "document/node-1#role-1> osce:affiliation person:ada-tester }"),
    case("role-without-text", "RoleStatementShape", "document/node-1#role-1", "MinCount", "osce:roleText",
         "DELETE WHERE { <" + ID + "document/node-1#role-1> osce:roleText ?t }"),
    case("menu-without-date", "MenuSnapshotShape", "document/node-1#menu", "MinCount", "dct:date",
         "DELETE WHERE { <" + ID + "document/node-1#menu> dct:date ?d }"),
    case("menu-snapshot-without-version", "MenuSnapshotShape", "document/node-1#menu", "MinCount", "osce:showsMenu",
         "DELETE WHERE { <" + ID + "document/node-1#menu> osce:showsMenu ?v }"),
    case("menu-snapshot-shows-two-versions", "MenuSnapshotShape", "document/node-1#menu", "MaxCount", "osce:showsMenu",
         "INSERT DATA { <" + ID + "menu-version/fedcba9876543210> a osce:MenuVersion ; "
         "osce:menuSection <" + ID + "document/node-1#menu-states> . "
         "<" + ID + "document/node-1#menu> osce:showsMenu <" + ID + "menu-version/fedcba9876543210> }"),
    case("menu-snapshot-shows-a-section", "MenuSnapshotShape", "document/node-1#menu", "Class", "osce:MenuVersion",
         "DELETE WHERE { <" + ID + "document/node-1#menu> osce:showsMenu ?v } ; "
         "INSERT DATA { <" + ID + "document/node-1#menu> osce:showsMenu <" + ID + "document/node-1#menu-states> }"),
    case("menu-version-without-sections", "MenuVersionShape", "menu-version/0123456789abcdef", "MinCount", "osce:menuSection",
         "DELETE WHERE { <" + ID + "menu-version/0123456789abcdef> osce:menuSection ?s }"),
    case("menu-section-as-literal", "MenuVersionShape", "menu-version/0123456789abcdef", "Class", "osce:menuSection",
         'INSERT DATA { <' + ID + 'menu-version/0123456789abcdef> osce:menuSection "Participating States" }'),
    case("menu-section-without-entries", "MenuSectionShape", "document/node-1#menu-states", "MinCount", "osce:menuEntry",
         "DELETE WHERE { <" + ID + "document/node-1#menu-states> osce:menuEntry ?e }"),
    # time
    case("interval-ends-before-it-begins", "IntervalOrderRule", "structure/mission-to-arcadia#lifetime", "SPARQL", "before it begins",
         "DELETE WHERE { <" + ID + "structure/mission-to-arcadia#closed> time:inXSDDate ?d } ; "
         'INSERT DATA { <' + ID + 'structure/mission-to-arcadia#closed> time:inXSDDate "1990-01-01"^^xsd:date }'),
    case("interval-without-beginning", "IntervalShape", "membership/participating-XA#during", "MinCount", "time:hasBeginning",
         "DELETE WHERE { <" + ID + "membership/participating-XA#during> time:hasBeginning ?b }"),
    case("instant-of-unknown-unit", "InstantShape", "membership/participating-XA#start", "In", "time:unitType",
         "DELETE WHERE { <" + ID + "membership/participating-XA#start> time:unitType ?u } ; "
         "INSERT DATA { <" + ID + "membership/participating-XA#start> time:unitType time:unitWeek }"),
    case("instant-as-year", "InstantShape", "membership/participating-XA#start", "Datatype", "time:inXSDDate",
         "DELETE WHERE { <" + ID + "membership/participating-XA#start> time:inXSDDate ?d } ; "
         'INSERT DATA { <' + ID + 'membership/participating-XA#start> time:inXSDDate "1991"^^xsd:gYear }'),
]

VALID_VARIANTS = {
    "operation-hosted-by-former-participating-state":
        "INSERT DATA { structure:office-in-alphaville osce:host country:XXXX }",
    "opened-and-closed-in-one-year":
        'DELETE WHERE { structure:mission-to-arcadia schema:dissolutionDate ?d } ; '
        'INSERT DATA { structure:mission-to-arcadia schema:dissolutionDate "1993-02-15"^^xsd:date }',
    "labels-in-the-six-languages":
        'INSERT DATA { country:XA rdfs:label "Arcadia"@it , "Аркадия"@ru , "Arcadia"@es }',
    "sub-unit-of-a-unit":
        "INSERT DATA { structure:sub-unit a osce:SecretariatUnit ; rdfs:label \"Sub-unit\"@en ;\n"
        "org:subOrganizationOf structure:planning-unit ;\ndct:source <https://example.org/source/sub> }",
}


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    return Graph().parse(VALID, format="turtle")


def broken(valid: Graph, update: str) -> Graph:
    g = Graph()
    for triple in valid:
        g.add(triple)
    # One operation per request: rdflib forgets the prologue's prefixes in some operations after ';'.
    for operation in re.split(r" ; (?=INSERT|DELETE)", update):
        g.update(PROLOGUE + operation)
    return g


def owner_shapes(shapes: Graph, source_shape) -> set:
    """The node shapes a result's sh:sourceShape belongs to (itself, or those that list it as sh:property)."""
    owners = set(shapes.subjects(SH.property, source_shape))
    if (source_shape, RDF.type, SH.NodeShape) in shapes:
        owners.add(source_shape)
    return owners


def test_valid_graph_conforms(valid_graph: Graph) -> None:
    report = validate(valid_graph)
    assert report.conforms, report.text()
    assert report.violations == []


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_broken_graph_fails_as_expected(valid_graph: Graph, c: Case) -> None:
    data = broken(valid_graph, c.update)
    assert len(data) != len(valid_graph) or set(data) != set(valid_graph), "the update changed nothing"
    report = validate(data)
    assert not report.conforms
    expected_focus = c.focus_iris()
    stray = [v.line() for v in report.violations if v.focus not in expected_focus]
    assert not stray, f"violations on other nodes: {stray}"
    shapes = default_shapes()
    matching = [
        v for v in report.violations
        if v.component == c.component
        and SHAPE[c.shape] in owner_shapes(shapes, v.shape)
        and c.message in v.message
    ]
    assert matching, f"no {c.component} from {c.shape} saying {c.message!r}; got:\n{report.text()}"
    assert {v.focus for v in report.violations if v.component == c.component} >= expected_focus


@pytest.mark.parametrize("name", sorted(VALID_VARIANTS))
def test_valid_variants_conform(valid_graph: Graph, name: str) -> None:
    report = validate(broken(valid_graph, VALID_VARIANTS[name]))
    assert report.conforms, report.text()


def test_every_node_shape_has_a_negative_case() -> None:
    shapes = default_shapes()
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape)}
    covered = {SHAPE[c.shape] for c in CASES}
    assert covered <= node_shapes, f"cases name unknown shapes: {covered - node_shapes}"
    assert node_shapes - covered == set(), f"node shapes without a negative case: {node_shapes - covered}"


def test_every_sparql_constraint_has_a_negative_case() -> None:
    shapes = default_shapes()
    for node_shape in shapes.subjects(RDF.type, SH.NodeShape):
        constraints = list(shapes.objects(node_shape, SH.sparql))
        cases = [c for c in CASES if SHAPE[c.shape] == node_shape and c.component == "SPARQLConstraintComponent"]
        messages = {str(shapes.value(k, SH.message)) for k in constraints}
        hit = {m for m in messages if any(c.message in m for c in cases)}
        assert hit == messages, f"{node_shape}: SPARQL constraints without a case: {messages - hit}"


def test_every_shape_path_and_class_is_declared_in_the_ontology() -> None:
    """Shapes may only speak of terms that the ontology declares (so pyLODE documents them too)."""
    shapes, ontology = default_shapes(), default_ontology()
    declared = set(ontology.subjects(RDF.type, None))
    used = set(shapes.objects(None, SH.path)) | set(shapes.objects(None, SH.inversePath))
    used |= set(shapes.objects(None, SH["class"])) | set(shapes.objects(None, SH.targetClass))
    builtin = (str(RDF), str(RDFS), str(OWL))
    missing = {u for u in used if isinstance(u, URIRef) and u not in declared and not str(u).startswith(builtin)}
    assert not missing, f"used by shapes, not declared in osce.ttl: {sorted(missing)}"


def test_validating_the_fixture_again_gives_the_same_report(valid_graph: Graph) -> None:
    """The compiled shapes are reused (speed: benchmarks/run.py; a timed assertion here failed on a
    busy machine)."""
    first, again = validate(valid_graph), validate(valid_graph)
    assert again.conforms and again == first


# --- the report: labels, readable lines, files and graphs --------------------------------------


def test_violation_carries_label_path_value_and_reads_as_one_line(valid_graph: Graph) -> None:
    data = broken(valid_graph, 'INSERT DATA { country:XA osce:adjective "Arcadian" }')
    report = validate(data)
    [v] = report.violations
    assert v.focus == URIRef(ID + "country/XA")
    assert v.focus_label == "Arcadia"
    assert v.path == "osce:adjective"
    assert str(v.value) == "Arcadian"
    assert v.severity == "Violation"
    line = report.text().splitlines()[1]
    assert line.startswith(f"Arcadia <{ID}country/XA>: osce:adjective: osce:adjective must be")
    assert line.endswith('(value: "Arcadian")')


def test_inverse_path_is_written_with_a_caret(valid_graph: Graph) -> None:
    report = validate(broken(valid_graph, 'INSERT DATA { membership:participating-XA schema:endDate "2020-01-01"^^xsd:date }'))
    assert [v.path for v in report.violations] == ["^org:member"]


def test_concept_label_falls_back_to_preflabel(valid_graph: Graph) -> None:
    data = broken(valid_graph, "DELETE WHERE { mtype:annual-meetings rdfs:label ?l }")
    [v] = validate(data).violations
    assert v.focus_label == "Annual meetings"


def test_validate_files_names_the_graph_of_each_violation(tmp_path: Path, valid_graph: Graph) -> None:
    states = Graph()
    for s, p, o in valid_graph:
        if str(s).startswith(ID + "country/"):
            states.add((s, p, o))
    rest = Graph()
    for triple in valid_graph:
        if triple not in states:
            rest.add(triple)
    states.update(PROLOGUE + 'INSERT DATA { country:XA schema:sameAs "Q1" }')
    states_file, rest_file = tmp_path / "states.ttl", tmp_path / "rest.nt"
    states.serialize(states_file, format="turtle")
    rest.serialize(rest_file, format="nt", encoding="utf-8")

    report = validate_files([states_file, rest_file])

    assert not report.conforms
    [v] = report.violations
    assert v.graph == (URIRef(states_file.resolve().as_uri()),)
    assert f"[graph: <{states_file.resolve().as_uri()}>]" in report.text()


def test_validate_dataset_keeps_named_graphs_of_trig(tmp_path: Path, valid_graph: Graph) -> None:
    dataset = Dataset()
    data_graph = URIRef("https://w3id.org/osce-kg/graph/data/test")
    for triple in broken(valid_graph, "DELETE WHERE { territory:north-march dct:source ?s }"):
        dataset.graph(data_graph).add(triple)
    path = tmp_path / "all.trig"
    dataset.serialize(path, format="trig")

    [v] = validate_files([path]).violations

    assert v.focus == URIRef(ID + "territory/north-march")
    assert v.graph == (data_graph,)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("bad.ttl", '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', 3),
        ("bad.nq", "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> oops .\n", 2),
        ("bad.jsonld", '{\n  "@id": "http://e/a",\n  "http://e/b": [1,\n}\n', 4),
    ],
)
def test_unparsable_file_is_an_input_error_with_its_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        validate_files([path])
    assert caught.value.path == path
    assert caught.value.line == line
    assert f"{path}:{line}: not valid RDF" in str(caught.value)


def test_unknown_extension_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("a,b\n")
    with pytest.raises(InputError, match="unknown RDF file extension"):
        validate_files([path])
