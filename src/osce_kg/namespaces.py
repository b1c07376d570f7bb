"""The project's base IRI and prefixes, as plain strings.

Kept apart from iri.py (which mints rdflib terms) so that what only writes or reads IRIs as text,
such as a named query's answer written as CSV, does not load rdflib (40-50 ms of start-up).
"""

from __future__ import annotations

BASE = "https://w3id.org/osce-kg/"
"""Every IRI the project mints starts with this."""

PREFIXES: dict[str, str] = {
    "osce": BASE + "ontology#",
    "id": BASE + "id/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}
"""The prefixes of queries, Turtle, JSON-LD contexts and compact names in tables."""
