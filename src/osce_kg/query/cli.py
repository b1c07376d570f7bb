"""`osce-kg query`, `osce-kg queries` and `osce-kg push`."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from osce_kg.errors import InputError
from osce_kg.paths import default_store
from osce_kg.query.catalog import load_catalog, resolve
from osce_kg.query.local import run_local
from osce_kg.query.params import parse_assignments
from osce_kg.query.push import DEFAULT_CHUNK_BYTES, graph_store_url, push, remote_counts
from osce_kg.query.remote import Credentials, EndpointError, run_remote
from osce_kg.query.results import FORMATS, TABLE_WIDTH, Solutions, write
from osce_kg.query.sparql_text import with_limit
from osce_kg.store import GraphStore


@contextmanager
def _reported() -> Iterator[None]:
    """Bad input and endpoint failures end the command with 'error: ...' on stderr and exit 2."""
    try:
        yield
    except (InputError, EndpointError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def output(result: object, fmt: str, max_width: int = TABLE_WIDTH) -> bytes:
    """What `osce-kg query` prints: the answer in the format, ending with a line end."""
    data = write(result, fmt, max_width=max_width)
    return data if data.endswith(b"\n") else data + b"\n"


@click.command("query")
@click.argument("ref", metavar="NAME|FILE|-")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable); typed and validated.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="csv/tsv/json/xml are the SPARQL 1.1 results formats; CONSTRUCT/DESCRIBE give turtle, ntriples or jsonld.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N rows (rewrites the query's LIMIT).")
@click.option("--max-width", type=click.IntRange(min=0), default=TABLE_WIDTH, show_default=True, metavar="N", help="table: cut longer cells to N characters with '…' (0: never cut).")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the embedded store (credentials from OSCE_KG_ENDPOINT_USER/OSCE_KG_ENDPOINT_PASSWORD).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for a remote endpoint.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), help="The embedded store's folder (default: $OSCE_KG_STORE, else store/ in the workspace).")
@click.option("--show-query", is_flag=True, help="Print the query as sent, with its parameters bound, and stop.")
def query_command(ref: str, params: tuple[str, ...], fmt: str, limit: int | None, max_width: int, endpoint: str | None, timeout: float, store_dir: Path | None, show_query: bool) -> None:
    """Run a named query (see 'osce-kg queries'), a .rq file, or '-' (standard input)."""
    with _reported():
        named = resolve(ref)
        text = named.bound(parse_assignments(list(params)))
        if limit is not None:
            text = with_limit(text, limit)
        if show_query:
            click.echo(text)
            return
        if endpoint:
            result = run_remote(endpoint, text, timeout=timeout)
            if limit is not None and isinstance(result, Solutions):
                # the embedded store honours the rewritten LIMIT; an endpoint is not trusted to
                result.rows = result.rows[:limit]
        else:
            result = run_local(GraphStore.open_read_only(store_dir or default_store()), text)
        click.echo(output(result, fmt, max_width), nl=False)


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
@click.option("--dry-run", is_flag=True, help="Report what would be sent without sending anything.")
def push_command(endpoint: str, store_url: str | None, store_dir: Path | None, chunk_bytes: int, timeout: float, retries: int, dry_run: bool) -> None:
    """Upload every named graph with the SPARQL Graph Store Protocol (PUT: pushing again replaces)."""
    with _reported():
        credentials = Credentials.from_env()
        target = store_url or graph_store_url(endpoint, credentials)
        store = GraphStore.open_read_only(store_dir or default_store())
        report = push(store, target, credentials=credentials, chunk_bytes=chunk_bytes, dry_run=dry_run, timeout=timeout, attempts=retries + 1)
        if not dry_run:
            counts = remote_counts(endpoint, [g.name for g in report.graphs], credentials)
            for g in report.graphs:
                g.remote_triples = counts.get(g.name, 0)
        click.echo(report.text(), nl=False)
        short = [g for g in report.graphs if g.remote_triples is not None and g.remote_triples != g.triples]
        for g in short:
            click.echo(f"warning: {g.name} has {g.remote_triples} triples remotely, {g.triples} locally", err=True)
