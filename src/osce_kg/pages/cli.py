"""Command `ingest`: read pages into the store, one named graph per document."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from osce_kg import paths
from osce_kg.errors import InputError
from osce_kg.parse.layouts import LAYOUT_NAMES, LAYOUTS
from osce_kg.store import GraphStore


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--layout", type=click.Choice(LAYOUTS, case_sensitive=False), default=None,
              help="Force one layout instead of detecting it: " + "; ".join(f"{k} {v}" for k, v in LAYOUT_NAMES.items()) + ".")
@click.option("--keep-going/--stop-on-error", default=True, show_default=True,
              help="--keep-going ingests every good file and reports the rejected ones (exit 1 if any); "
                   "--stop-on-error stops at the first rejected file (files before it stay ingested).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $OSCE_KG_STORE, else store/ in the workspace).")
def ingest_command(sources: tuple[Path, ...], layout: str | None, keep_going: bool, store: Path | None) -> None:
    """Read page files, WARC archives or folders (recursively; .txt, .html, .htm, .warc, .warc.gz) into the store.

    Each document becomes its own named graph with its provenance; an unchanged file is skipped,
    a changed one replaces its graph. From a WARC archive, each URL's latest page is read, with
    its URL (WARC-Target-URI) and capture date (WARC-Date); a URL whose latest answer is 404 or
    410 keeps its graph, flagged with the day it was found gone. Every document is validated with SHACL before it is
    committed, each in its own transaction. Exit 0 when nothing was rejected, 1 otherwise.
    """
    from osce_kg.pages.ingest import ingest_paths

    graph_store = GraphStore.open(store or paths.default_store())
    try:
        report = ingest_paths(graph_store, list(sources), layout=layout.upper() if layout else None, keep_going=keep_going)
    except InputError as error:
        click.echo(f"rejected, stopped: {error}", err=True)
        sys.exit(1)
    finally:
        graph_store.close()
    click.echo(report.text())
    sys.exit(0 if report.ok else 1)
