"""osce-kg: an open knowledge graph of the OSCE."""

__version__ = "0.1.0"
"""The one place the version is written (pyproject.toml reads it from here); PROV records it."""
