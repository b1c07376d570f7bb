"""`osce-kg query` and `osce-kg queries` (`osce-kg push` is in push_cli)."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from osce_kg.errors import InputError
from osce_kg.paths import default_store
from osce_kg.query.bounded import QueryFailed, QueryTimeout, QueryWorker
from osce_kg.query.catalog import load_catalog, resolve
from osce_kg.query.params import parse_assignments
from osce_kg.query.remote import EndpointError, redact, run_remote
from osce_kg.query.results import FORMATS, TABLE_WIDTH, QueryResult, Solutions, write
from osce_kg.query.sparql_text import with_limit

TIMED_OUT = 124
"""Exit code of a query stopped at its time limit (the code of coreutils' `timeout`)."""
DEFAULT_MAX_ROWS = 1_000_000
DEFAULT_MAX_MEMORY_MB = 4096


@contextmanager
def reported() -> Iterator[None]:
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
    with reported():
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
    with reported():
        catalog = load_catalog()
    for name, q in catalog.items():
        click.echo(f"{name}  ({q.form})  {q.title}")
        for line in textwrap.wrap(q.description, 96):
            click.echo(f"    {line}")
        for p in q.params:
            click.echo(f"    --param {p.name}=<{p.type}>  default: {p.default}  {p.description}")
        for example in q.examples:
            click.echo(f"    e.g. {example}")
