"""Command `ingest`: read pages into the store, one named graph per document."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from osce_kg import paths
from osce_kg.build.cli import WAIT_OPTION
from osce_kg.errors import InputError
from osce_kg.pages.inputs import MAX_BYTES
from osce_kg.pages.prepare import SECONDS_PER_PAGE
from osce_kg.parse.layouts import LAYOUT_NAMES, LAYOUTS
from osce_kg.store import GraphStore
from osce_kg.store.lock import writer_lock


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--layout", type=click.Choice(LAYOUTS, case_sensitive=False), default=None,
              help="Read every page as this layout instead of recognising it (a page that fits none is read as a "
                   "generic article, with a warning): " + "; ".join(f"{k} {v}" for k, v in LAYOUT_NAMES.items()) + ".")
@click.option("--keep-going/--stop-on-error", default=True, show_default=True,
              help="--keep-going ingests every good file and reports the rejected ones (exit 1 if any); "
                   "--stop-on-error stops at the first rejected file (files before it stay ingested).")
@click.option("--max-size", type=click.FloatRange(min=0, min_open=True), default=MAX_BYTES / 1e6, show_default=True,
              metavar="MB", help="Reject a file larger than this many megabytes (10^6 bytes) without reading it.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=SECONDS_PER_PAGE, show_default=True,
              metavar="SECONDS", help="Reject a file that takes longer than this to read and map.")
@WAIT_OPTION
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $OSCE_KG_STORE, else store/ in the workspace).")
@click.option("--verbose", "-v", is_flag=True, default=False,
              help="Every warning with its file and line, and every menu difference on its own line "
                   "(default: warnings counted by kind, menu differences grouped by section).")
def ingest_command(sources: tuple[Path, ...], layout: str | None, keep_going: bool, max_size: float, time_limit: float,
                   wait: float, store: Path | None, verbose: bool) -> None:
    """Read page files, WARC archives or folders (recursively; .txt, .html, .htm, .warc, .warc.gz) into the store.

    Each document becomes its own named graph with its provenance; an unchanged file is skipped,
    a changed one replaces its graph. From a WARC archive, each URL's latest page is read, with
    its URL (WARC-Target-URI) and capture date (WARC-Date); a URL whose latest answer is 404 or
    410 keeps its graph, flagged with the day it was found gone. Every document is validated
    with SHACL before it is committed. A file that cannot be read (bad input, not a regular file,
    over --max-size or --time-limit, or an internal error, marked as a bug) is rejected with the
    reason; the others are ingested. One writer at a time: while a build or another ingest writes
    to the store, this waits --wait seconds, then stops.

    Exit 0 when nothing was rejected, 1 when some file was, 2 for a usage error, 3 when the store
    is busy, 4 for an internal error.
    """
    from osce_kg.pages.ingest import ingest_paths
    from osce_kg.pages.prepare import Limits
    from osce_kg.pages.summary import summary

    # rdflib warns on stderr of each malformed URL it is given; the page's rejection says it once, with the file
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)

    target = store or paths.default_store()
    limits = Limits(max_bytes=int(max_size * 1e6), seconds=time_limit)
    with writer_lock(target, "ingest", wait=wait):
        graph_store = GraphStore.open(target)
        try:
            report = ingest_paths(graph_store, list(sources), layout=layout.upper() if layout else None,
                                  keep_going=keep_going, limits=limits)
        except InputError as error:
            click.echo(f"rejected, stopped: {error}", err=True)
            sys.exit(1)
        finally:
            graph_store.close()
    click.echo(summary(report, verbose=verbose))
    sys.exit(0 if report.ok else 1)
