"""The ontology's human-readable HTML page, made by pyLODE (its OntPub profile).

pyLODE reads the OWL file itself, so the page always shows what osce.ttl declares: classes,
properties, named individuals, each with its label, definition, domain and range. Terms are listed
in file order rather than sorted by IRI, so that our own terms, grouped by topic, come before the
reused ones (sorting by IRI would put every http:// vocabulary ahead of https://w3id.org/).
"""

from __future__ import annotations

from pathlib import Path

from osce_kg.errors import InputError


def generate_docs(ontology_path: Path, out_html: Path) -> Path:
    """Write the HTML documentation of the ontology at `ontology_path` to `out_html` and return it."""
    from pylode import OntPub

    if not ontology_path.is_file():
        raise InputError("ontology file not found", path=ontology_path)
    out_html.parent.mkdir(parents=True, exist_ok=True)
    html = OntPub(ontology=str(ontology_path), sort_subjects=False).make_html()
    out_html.write_text(html, encoding="utf-8")
    return out_html
