"""osce-kg push: its own module, so that `osce-kg query` does not load the upload machinery."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from osce_kg.paths import default_store
from osce_kg.query.cli import reported
from osce_kg.query.push import DEFAULT_CHUNK_BYTES, PushJournal, PushProgress, check_url, graph_store_url, push, remote_counts
from osce_kg.query.remote import Credentials, split_credentials
from osce_kg.store import GraphStore


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL", help="The triplestore's SPARQL query endpoint (used to count what arrived).")
@click.option("--store", "store_url", metavar="URL", help="Its Graph Store Protocol URL (guessed for Oxigraph /query and Virtuoso /sparql).")
@click.option("--from", "store_dir", type=click.Path(path_type=Path, file_okay=False), help="The embedded store to push (default: $OSCE_KG_STORE, else store/ in the workspace).")
@click.option("--chunk-bytes", type=click.IntRange(min=1000), default=DEFAULT_CHUNK_BYTES, show_default=True, help="Largest request body.")
@click.option("--timeout", type=float, default=120.0, show_default=True)
@click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True, help="Retries of a request after refused/reset connections, HTTP 429 or 5xx, with exponential backoff.")
@click.option("--resume", is_flag=True, help="Continue a push that stopped: skip the graphs its journal says arrived (unchanged since).")
@click.option("--journal", "journal_path", type=click.Path(path_type=Path, dir_okay=False), help="The push journal (default: beside the store, <store>.push-journal).")
@click.option("--dry-run", is_flag=True, help="Report what would be sent without sending anything.")
def push_command(
    endpoint: str, store_url: str | None, store_dir: Path | None, chunk_bytes: int, timeout: float, retries: int,
    resume: bool, journal_path: Path | None, dry_run: bool,
) -> None:
    """Upload every named graph with the SPARQL Graph Store Protocol (PUT: pushing again replaces).

    Progress goes to stderr; at the end the remote counts are checked graph by graph. A push that
    stops (server down, network) says how far it got; --resume continues it. Exit codes: 0 pushed
    and checked, 1 pushed but some remote counts differ (--resume sends those graphs again), 2 bad
    arguments or the push stopped.
    """
    with reported():
        check_url(endpoint, "--endpoint")
        endpoint, in_url = split_credentials(endpoint)
        credentials = Credentials.from_env() or in_url
        if store_url is not None:
            check_url(store_url, "--store")
            store_url, in_store_url = split_credentials(store_url)
            credentials = credentials or in_store_url
        target = store_url or graph_store_url(endpoint, credentials)
        source = store_dir or default_store()
        store = GraphStore.open_read_only(source)
        journal = None
        if not dry_run:
            path = journal_path or PushJournal.default_path(source)
            journal = PushJournal.resume(path, target) if resume else None
            if resume and journal is None:
                click.echo(f"note: no unfinished push to resume ({path} does not exist): pushing everything", err=True)
            journal = journal or PushJournal.start(path, target)
        report = push(store, target, credentials=credentials, chunk_bytes=chunk_bytes, dry_run=dry_run, timeout=timeout,
                      attempts=retries + 1, journal=journal, progress=None if dry_run else _progress_printer())
        if dry_run or journal is None:
            click.echo(report.text(), nl=False)
            return
        counts = remote_counts(endpoint, [g.name for g in report.graphs], credentials)
        for g in report.graphs:
            g.remote_triples = counts.get(g.name, 0)
        click.echo(report.text(), nl=False)
        short = [g for g in report.graphs if g.remote_triples != g.triples]
        if not short:
            journal.finish()
            return
        journal.forget(g.name for g in short)
        for g in short[:20]:
            click.echo(f"error: {g.name} has {g.remote_triples} triples remotely, {g.triples} locally", err=True)
        more = f" (and {len(short) - 20} more)" if len(short) > 20 else ""
        click.echo(f"error: {len(short)} graphs differ remotely{more}: 'push --resume' sends them again", err=True)
        sys.exit(1)


def _progress_printer(every: float = 2.0) -> Callable[[PushProgress], None]:
    """A progress line on stderr: rewritten in place on a terminal, else one line every few seconds."""
    tty = sys.stderr.isatty()
    last = [0.0]

    def show(p: PushProgress) -> None:
        now = time.monotonic()
        final = p.graphs_done == p.graphs_total
        if tty:
            click.echo(f"\rpushing: {p.line()}", nl=final, err=True)
        elif final or now - last[0] >= every:
            last[0] = now
            click.echo(f"pushing: {p.line()}", err=True)

    return show
