"""`osce-kg serve`: the site over the embedded store (default) or a SPARQL endpoint (--endpoint)."""

from __future__ import annotations

from pathlib import Path

import click

from osce_kg import paths
from osce_kg.errors import InputError


def _web_stack() -> None:
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise click.ClickException(f"'osce-kg serve' needs the web extra ({exc.name} is missing): pip install 'osce-kg[serve]'") from None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds a query may run before it is stopped.")
@click.option("--queue-timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, help="Seconds a query may wait for a free worker before the server answers 503 (busy).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True, help="Rows (or triples) in an answer; more are cut with a marker.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Query worker processes for SPARQL and the named queries.")
@click.option("--page-workers", type=click.IntRange(min=1), default=2, show_default=True, help="Query worker processes of their own for the entity pages and the structure browser.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="HOST", help="Allow SERVICE calls to this host (repeatable); refused otherwise.")
@click.option("--max-body", type=click.IntRange(min=1024), default=1 << 20, show_default=True, help="Largest request body in bytes.")
@click.option("--endpoint", metavar="URL", help="Serve the graph of this SPARQL 1.1 endpoint instead of the embedded store.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), help="The embedded store's folder (default: $OSCE_KG_STORE, else store/ in the workspace).")
@click.option("--dist", type=click.Path(path_type=Path, file_okay=False), default=None, help="Folder of the exports served under /dumps (default: dist/ in the workspace).")
@click.option("--root-path", default="", help="The path prefix a reverse proxy serves the site under (e.g. /osce-kg).")
@click.option("--forwarded-allow-ips", default="127.0.0.1", show_default=True, help="Proxies whose X-Forwarded-* headers are trusted.")
def serve_command(host: str, port: int, timeout: float, queue_timeout: float, max_rows: int, workers: int, allow_service: tuple[str, ...],
                  page_workers: int, max_body: int, endpoint: str | None, store_dir: Path | None, dist: Path | None, root_path: str,
                  forwarded_allow_ips: str) -> None:
    """Serve the graph on the web, read-only: SPARQL endpoint, a page for every IRI, the named queries."""
    _web_stack()
    import uvicorn

    from osce_kg.export.formats import load_context
    from osce_kg.serve.app import Settings, create_app
    from osce_kg.serve.repository import Limits, Repository

    limits = Limits(timeout=timeout, queue_timeout=queue_timeout, max_rows=max_rows, allowed_service_hosts=frozenset(h.lower() for h in allow_service))
    context = load_context(paths.ONTOLOGY_DIR / "context.jsonld")
    repository: Repository
    if endpoint:
        from osce_kg.query.push import check_url
        from osce_kg.query.remote import EndpointError
        from osce_kg.serve.remote import RemoteRepository

        try:
            check_url(endpoint, "--endpoint", local="a local store is served with --store")
        except EndpointError as exc:
            raise InputError(str(exc)) from None

        repository = RemoteRepository(endpoint, limits, context=context)
    else:
        from osce_kg.serve.embedded import EmbeddedRepository

        store = store_dir or paths.default_store()
        if not Path(store).is_dir():
            raise InputError("no store here: run 'osce-kg build' first (or give --store, or --endpoint)", path=store)
        repository = EmbeddedRepository(Path(store).resolve(), limits, workers=workers, site_workers=page_workers, context=context)
    settings = Settings(repository=repository, dist=dist or paths.dist_dir(), ontology=paths.ONTOLOGY_DIR,
                        queries=paths.queries_dir(), max_body=max_body)
    app = create_app(settings)
    click.echo(f"osce-kg serve: http://{host}:{port}{root_path}/ over {repository.description} "
               f"(timeout {timeout:g} s, at most {max_rows} rows)", err=True)
    uvicorn.run(app, host=host, port=port, root_path=root_path, proxy_headers=True,
                forwarded_allow_ips=forwarded_allow_ips, log_level="warning", access_log=False,
                # longer than uvicorn's 5 s, so that a client (or proxy) reusing a connection rarely
                # meets the server closing it at that moment (2 dropped of 3,600 requests in the load test)
                timeout_keep_alive=30)
