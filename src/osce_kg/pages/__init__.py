"""Ingest OSCE web pages into the store: one named graph per document, validated, with provenance."""
