"""`osce-kg query`, `osce-kg queries` and `osce-kg push`."""

from __future__ import annotations

import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from osce_kg.errors import InputError
from osce_kg.paths import default_store
from osce_kg.query.bounded import QueryFailed, QueryTimeout, QueryWorker
from osce_kg.query.catalog import load_catalog, resolve
from osce_kg.query.params import parse_assignments
from osce_kg.query.push import DEFAULT_CHUNK_BYTES, PushJournal, PushProgress, check_url, graph_store_url, push, remote_counts
from osce_kg.query.remote import Credentials, EndpointError, redact, run_remote, split_credentials
from osce_kg.query.results import FORMATS, TABLE_WIDTH, QueryResult, Solutions, write
from osce_kg.query.sparql_text import with_limit
from osce_kg.store import GraphStore

TIMED_OUT = 124
"""Exit code of a query stopped at its time limit (the code of coreutils' `timeout`)."""
DEFAULT_MAX_ROWS = 1_000_000
DEFAULT_MAX_MEMORY_MB = 4096


@contextmanager
def _reported() -> Iterator[None]:
    """Bad input, refused queries and endpoint or engine failures end the command with
    'error: ...' on stderr and exit 2; a query stopped at its time limit exits 124."""
    try:
        yield
    except QueryTimeout as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(TIMED_OUT)
    except (InputError, EndpointError, QueryFailed) as exc:
        click.echo(f"error: {redact(str(exc))}", err=True)
        sys.exit(2)


def output(result: QueryResult, fmt: str, max_width: int = TABLE_WIDTH) -> bytes:
    """What `osce-kg query` prints: the answer in the format, ending with a line end."""
    data = write(result, fmt, max_width=max_width)
    return data if data.endswith(b"\n") else data + b"\n"


@click.command("query")
@click.argument("ref", metavar="NAME|FILE|-")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable); typed and validated.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="csv/tsv/json/xml are the SPARQL 1.1 results formats; CONSTRUCT/DESCRIBE give turtle, ntriples or jsonld.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N rows (rewrites the query's LIMIT).")
@click.option("--max-width", type=click.IntRange(min=0), default=TABLE_WIDTH, show_default=True, metavar="N", help="table: cut longer cells to N characters with '…' (0: never cut).")
@click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_ROWS, show_default=True, help="Stop after N rows (triples for CONSTRUCT/DESCRIBE) and say on stderr that the answer was cut.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True, help="Seconds the query may run; on the embedded store the work is then stopped (exit code 124).")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=256), default=DEFAULT_MAX_MEMORY_MB, show_default=True, metavar="MB", help="Memory the query may take on the embedded store; it is stopped beyond.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="HOST", help="Let SERVICE clauses call this host (or host:port) from the embedded store (repeatable); none is called otherwise.")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the embedded store (credentials from OSCE_KG_ENDPOINT_USER/OSCE_KG_ENDPOINT_PASSWORD).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), help="The embedded store's folder (default: $OSCE_KG_STORE, else store/ in the workspace).")
@click.option("--show-query", is_flag=True, help="Print the query as sent, with its parameters bound, and stop.")
def query_command(
    ref: str, params: tuple[str, ...], fmt: str, limit: int | None, max_width: int, max_rows: int, timeout: float,
    max_memory: int,
    allow_service: tuple[str, ...], endpoint: str | None, store_dir: Path | None, show_query: bool,
) -> None:
    """Run a named query (see 'osce-kg queries'), a .rq file, or '-' (standard input).

    On the embedded store the query runs in a worker process that is stopped at --timeout,
    --max-rows or --max-memory; updates are refused, and so are SERVICE calls unless
    --allow-service names the host.
    """
    with _reported():
        named = resolve(ref)
        source = named.path or named.name
        # started before the binding: the worker opens the store meanwhile
        worker = QueryWorker(store_dir or default_store(), max_memory_mb=max_memory).start() if not (endpoint or show_query) else None
        try:
            text = named.bound(parse_assignments(list(params)))
            if limit is not None:
                text = with_limit(text, limit)
            if show_query:
                click.echo(text)
                return
            cut = False
            if worker is None:
                result = run_remote(endpoint or "", text, timeout=timeout)
                if isinstance(result, Solutions):
                    # the embedded store honours the rewritten LIMIT; an endpoint is not trusted to
                    keep = min(limit if limit is not None else max_rows, max_rows)
                    cut = len(result.rows) > max_rows
                    result.rows = result.rows[:keep]
            else:
                answer = worker.run(text, timeout=timeout, max_rows=max_rows, allowed_service_hosts=allow_service, source=source)
                result, cut = answer.result, answer.cut
        finally:
            if worker is not None:
                worker.close()
        click.echo(output(result, fmt, max_width), nl=False)
        if cut:
            click.echo(f"note: the answer was cut at {max_rows:,} rows (--max-rows); the query has more", err=True)


@click.command("queries")
def queries_command() -> None:
    """List the named queries with their descriptions and parameters."""
    with _reported():
        catalog = load_catalog()
    for name, q in catalog.items():
        click.echo(f"{name}  ({q.form})  {q.title}")
        for line in textwrap.wrap(q.description, 96):
            click.echo(f"    {line}")
        for p in q.params:
            click.echo(f"    --param {p.name}=<{p.type}>  default: {p.default}  {p.description}")
        for example in q.examples:
            click.echo(f"    e.g. {example}")


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
    with _reported():
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
