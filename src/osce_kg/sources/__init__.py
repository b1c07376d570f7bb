"""Readers of the curated reference data (data/*.csv) into typed records; no RDF here."""

from osce_kg.sources.reader import FILES, read_reference
from osce_kg.sources.records import Reference

__all__ = ["FILES", "Reference", "read_reference"]
