"""Command `export`: the built store in an RDF format, to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rdflib import URIRef

from osce_kg import paths
from osce_kg.export.formats import FORMATS, export_graphs, write_atomically
from osce_kg.namespaces import BASE
from osce_kg.store import GraphStore


def graph_iri(text: str) -> URIRef:
    """A graph named in full or in short ('graph/data/participating_states')."""
    return URIRef(BASE + text if text.startswith("graph/") else text)


@click.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)), default="turtle", show_default=True,
              help="; ".join(f"{k}: {v}" for k, v in FORMATS.items()))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: stdout).")
@click.option("-g", "--graph", "graphs", multiple=True,
              help="Only this named graph (full IRI or 'graph/data/participating_states'); repeat for several.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $OSCE_KG_STORE, else store/ in the workspace).")
def export_command(fmt: str, output: Path | None, graphs: tuple[str, ...], store: Path | None) -> None:
    """Export the store, or some of its graphs, in an RDF format. Triple formats merge the data graphs (reference data and pages);
    quad formats (nq, trig) keep every named graph, the ontology and provenance included."""
    opened = GraphStore.open_read_only(store or paths.default_store())
    try:
        data = export_graphs(
            opened,
            fmt,
            [graph_iri(g) for g in graphs] or None,
            context_path=paths.ONTOLOGY_DIR / "context.jsonld",
        )
    finally:
        opened.close()
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(output, data)
        click.echo(f"wrote {output} ({len(data)} bytes)", err=True)
