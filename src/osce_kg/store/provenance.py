"""The PROV-O record of each named graph: where its triples came from, when, and by what code."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from osce_kg import __version__, iri
from osce_kg.iri import OSCE, SCHEMA


def content_hash(data: bytes) -> str:
    """A content hash in the form 'sha256:<hex>' (stable across machines)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def provenance_record(
    graph_name: URIRef,
    source_path: Path | str,
    content_hash: str,
    source_url: str | None = None,
    captured: str | None = None,
    generator_version: str = __version__,
    generated_at: datetime | None = None,
) -> Graph:
    """Triples saying that `graph_name` was derived from one source file by this software.

    The source is identified by its content hash, so an unchanged file has the same source IRI
    across builds and a changed one is a new prov:Entity.
    """
    g = Graph()
    for triple in provenance_triples(graph_name, source_path, content_hash, source_url, captured, generator_version, generated_at):
        g.add(triple)
    return g


def provenance_triples(
    graph_name: URIRef,
    source_path: Path | str,
    content_hash: str,
    source_url: str | None = None,
    captured: str | None = None,
    generator_version: str = __version__,
    generated_at: datetime | None = None,
) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """provenance_record's triples as a list, for a caller that makes no rdflib graph (ingest)."""
    g: list[tuple[URIRef, URIRef, URIRef | Literal]] = []
    source = iri.source(content_hash)
    activity = URIRef(f"{graph_name}#generation")
    when = Literal((generated_at or datetime.now(UTC)).isoformat(timespec="seconds"), datatype=XSD.dateTime)
    software = iri.software(generator_version)

    g.append((graph_name, RDF.type, PROV.Entity))
    g.append((graph_name, PROV.wasDerivedFrom, source))
    g.append((graph_name, PROV.generatedAtTime, when))
    g.append((graph_name, PROV.wasGeneratedBy, activity))
    g.append((graph_name, OSCE.contentHash, Literal(content_hash)))

    g.append((activity, RDF.type, PROV.Activity))
    g.append((activity, PROV.used, source))
    g.append((activity, PROV.wasAssociatedWith, software))
    g.append((activity, PROV.endedAtTime, when))

    g.append((software, RDF.type, PROV.SoftwareAgent))
    g.append((software, SCHEMA.softwareVersion, Literal(generator_version)))
    g.append((software, DCTERMS.title, Literal("osce-kg")))

    g.append((source, RDF.type, PROV.Entity))
    g.append((source, PROV.atLocation, Literal(str(source_path))))
    g.append((source, OSCE.contentHash, Literal(content_hash)))
    if source_url:
        g.append((source, SCHEMA.url, URIRef(source_url)))
    if captured:
        g.append((source, OSCE.capturedOn, Literal(captured, datatype=XSD.date)))
    return g

