"""Validation of the graph against ontology/shapes.ttl (SHACL), and the ontology's HTML documentation."""

from osce_kg.validate.shacl import Report, Violation, validate, validate_dataset, validate_files

__all__ = ["Report", "Violation", "validate", "validate_dataset", "validate_files"]
