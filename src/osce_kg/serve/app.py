"""The routes: a thin layer that turns HTTP requests into repository queries and answers into pages.

/sparql       the SPARQL 1.1 Protocol (GET, POST form, POST direct), or the YASGUI editor in a browser
/id/..., /graph/...   every IRI of the graph: HTML, Turtle, JSON-LD, N-Triples (Accept or suffix)
/queries      the named queries: form, table, chart, CSV/JSON downloads, shareable URLs
/structure    the structure browser as of a date        /ontology      the pyLODE page
/context.jsonld   the JSON-LD context                   /dumps         the exports in dist/
/             a home page, or the service description and VoID for machines
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from osce_kg import __version__
from osce_kg.errors import InputError
from osce_kg.namespaces import BASE
from osce_kg.query.catalog import NamedQuery, load_catalog
from osce_kg.query.policy import UPDATE_REFUSED, is_update
from osce_kg.query.sparql_text import query_form
from osce_kg.serve import charts, describe, site
from osce_kg.serve.answers import GRAPH_FORMATS, TRUNCATED_HEADER, Answer
from osce_kg.serve.assets import asset_path
from osce_kg.serve.negotiation import GRAPH_OFFER, SELECT_OFFER, NotAcceptable, accepted, choose
from osce_kg.serve.repository import QueryFailed, QueryRefused, QuerySyntaxError, QueryTimeout, Repository, ServerBusy

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "frame-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'")
"""The pages' Content-Security-Policy: scripts only from our own files, so that markup slipping
through from the data (page titles come from the web) could not run even if escaping failed."""

SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "nt"}
"""Suffixes that ask an entity page for RDF."""
QUERY_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".xml": "xml", ".ttl": "turtle", ".jsonld": "jsonld", ".nt": "nt"}


@dataclass
class Settings:
    """What the server was started with (the CLI's options)."""

    repository: Repository
    dist: Path
    ontology: Path
    queries: Path
    max_body: int = 1 << 20
    title: str = "osce-kg"
    catalog: dict[str, NamedQuery] = field(default_factory=dict)


def create_app(settings: Settings) -> Starlette:
    """The ASGI application over the settings' repository."""
    settings.catalog = load_catalog(settings.queries)
    templates = Environment(loader=PackageLoader("osce_kg.serve", "templates"), autoescape=select_autoescape(default=True))
    handlers = Handlers(settings, templates)

    @asynccontextmanager
    async def lifespan(app: Starlette):  # noqa: ANN202 - Starlette's lifespan protocol
        await settings.repository.start()
        try:
            yield
        finally:
            await settings.repository.stop()

    routes = [
        Route("/", handlers.home),
        Route("/sparql", handlers.sparql, methods=["GET", "POST"]),
        Route("/queries", handlers.query_list),
        Route("/queries/{name}", handlers.named_query),
        Route("/structure", handlers.structure),
        Route("/structure/view", handlers.structure_view),
        Route("/ontology", handlers.ontology),
        Route("/context.jsonld", handlers.context),
        Route("/dumps", handlers.dumps),
        Route("/dumps/{name}", handlers.dump),
        Route("/assets/{name}", handlers.asset),
        Route("/{path:path}", handlers.resource),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             expose_headers=[TRUNCATED_HEADER])]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan, exception_handlers={404: handlers.not_found})


class BodyTooLarge(Exception):
    pass


class BadRequest(Exception):
    """A protocol request the server cannot take (400 unless said otherwise); the message says why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused past `limit` bytes without reading the rest."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def answer_response(answer: Answer, *, filename: str | None = None) -> Response:
    headers = {"Vary": "Accept"}
    if answer.truncated_at is not None:
        headers[TRUNCATED_HEADER] = f"max-rows={answer.truncated_at}"
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def problem(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


async def bounded(run: Callable[[], Awaitable[Response]], timeout: float) -> Response:
    """A query's failures as the protocol's statuses, each with a message a person can act on."""
    try:
        return await run()
    except QueryRefused as exc:
        return problem(403, str(exc))
    except QuerySyntaxError as exc:
        return problem(400, f"malformed query: {exc}")
    except (InputError, NotAcceptable) as exc:
        return problem(406 if isinstance(exc, NotAcceptable) else 400, str(exc))
    except QueryTimeout:
        return problem(503, f"the query ran longer than the server's limit of {timeout:g} s and was stopped; "
                            "narrow it (a LIMIT, more specific patterns) or run it on your own copy with 'osce-kg query'")
    except QueryFailed as exc:
        return problem(502, f"the query failed: {exc}")
    except ServerBusy as exc:
        response = problem(503, f"the server is busy: {exc}; try again in a moment")
        response.headers["Retry-After"] = "5"
        return response


class Handlers:
    def __init__(self, settings: Settings, templates: Environment) -> None:
        self.settings = settings
        self.repo = settings.repository
        self.templates = templates
        self._structures: OrderedDict[str, str] = OrderedDict()
        self._data_store: Any = None
        self._lock = asyncio.Lock()
        self._ontology_html: bytes | None = None

    # helpers ----------------------------------------------------------------------------------

    def page(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        links = site.Links(request.scope.get("root_path", ""))
        text = self.templates.get_template(template).render(
            links=links, title=self.settings.title, version=__version__, backend=self.repo.description, **values
        )
        return HTMLResponse(text, status_code=status, headers={"Vary": "Accept", "Content-Security-Policy": PAGE_POLICY})

    # root -------------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        try:
            fmt = choose(["html", *GRAPH_OFFER], request.query_params.get("format"), request.headers.get("accept"))
        except NotAcceptable as exc:
            return problem(406, str(exc))
        if fmt == "html":
            return self.page(request, "home.html", catalog=self.settings.catalog, dumps=site.dumps(self.settings.dist))
        return self.service_description(request, fmt)

    def service_description(self, request: Request, fmt: str) -> Response:
        base = str(request.base_url)
        triples = site.service_description(base, self.settings.dist, self.settings.catalog)
        media_type, ox_format = GRAPH_FORMATS[fmt]
        if fmt == "jsonld":
            body = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
        else:
            body = ox.serialize(triples, format=ox_format, prefixes=site.SD_PREFIXES if fmt == "turtle" else None)
        return Response(body, media_type=media_type, headers={"Vary": "Accept"})

    # /sparql ----------------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        try:
            text, extra = await self._protocol_query(request)
        except BodyTooLarge:
            return problem(413, f"the request body is larger than the server's limit of {self.settings.max_body} bytes")
        except QueryRefused as exc:
            return problem(403, str(exc))
        except BadRequest as exc:
            return problem(exc.status, str(exc))
        if text is None:
            try:
                fmt = choose(["html", *GRAPH_OFFER], request.query_params.get("format"), request.headers.get("accept"))
            except NotAcceptable as exc:
                return problem(406, str(exc))
            if fmt == "html":
                return self.page(request, "sparql.html", examples=site.examples(self.settings.catalog))
            return self.service_description(request, fmt)
        if request.method == "GET" and "format" not in extra and accepted(request.headers.get("accept"))[:1] == ["text/html"]:
            # a link to a query opened in a browser (the editor's own share links): the editor, which
            # reads the query from the URL and runs it
            return self.page(request, "sparql.html", examples=site.examples(self.settings.catalog))

        async def run() -> Response:
            try:
                form = query_form(text)
            except InputError:
                if is_update(text):
                    raise QueryRefused(UPDATE_REFUSED + " (this endpoint is read-only)") from None
                form = "SELECT"  # not recognisable as a query: the engine's parser says where it fails
            offer = GRAPH_OFFER if form in ("CONSTRUCT", "DESCRIBE") else SELECT_OFFER
            fmt = choose(offer, extra.get("format"), request.headers.get("accept"))
            answer = await self.repo.query(text, fmt, context_url=str(request.url_for("context")))
            return answer_response(answer)

        return await bounded(run, self.repo.limits.timeout)

    async def _protocol_query(self, request: Request) -> tuple[str | None, dict[str, str]]:
        """The query text of a protocol request (None: no query given) and its other parameters."""
        params = dict(request.query_params)
        for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
            if name in request.query_params:
                raise BadRequest(f"'{name}' is not supported: the default graph is the union of all named graphs; use GRAPH in the query")
        if request.method == "GET":
            if len(request.query_params.getlist("query")) > 1:
                raise BadRequest("give one 'query' parameter, not several")
            if "update" in request.query_params:
                raise QueryRefused("updates are not allowed: this endpoint is read-only")
            return request.query_params.get("query"), params
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await read_body(request, self.settings.max_body)
        if content_type == "application/x-www-form-urlencoded":
            from urllib.parse import parse_qs

            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                raise BadRequest("the form is not UTF-8") from None
            if "update" in form:
                raise QueryRefused("updates are not allowed: this endpoint is read-only; change the graph with 'osce-kg build' or 'osce-kg ingest'")
            queries = form.get("query", [])
            if len(queries) != 1:
                raise BadRequest("a form POST needs exactly one 'query' field")
            params.update({k: v[0] for k, v in form.items() if k != "query" and v})
            return queries[0], params
        if content_type == "application/sparql-query":
            try:
                return body.decode("utf-8"), params
            except UnicodeDecodeError:
                raise BadRequest("the query is not UTF-8") from None
        if content_type == "application/sparql-update":
            raise QueryRefused("updates are not allowed: this endpoint is read-only; change the graph with 'osce-kg build' or 'osce-kg ingest'")
        raise BadRequest(f"unsupported content type {content_type or '(none)'!r}: POST a query as "
                         "application/x-www-form-urlencoded or application/sparql-query", status=415)

    # entity pages -----------------------------------------------------------------------------

    async def resource(self, request: Request) -> Response:
        path = request.path_params["path"]
        fmt_from_suffix = None
        for suffix, fmt in SUFFIXES.items():
            if path.endswith(suffix):
                path, fmt_from_suffix = path[: -len(suffix)], fmt
                break
        if path.split("/", 1)[0] not in ("id", "graph"):
            return await self.not_found(request)
        target = BASE + path
        if not describe.valid_iri(target):
            return await self.not_found(request)
        try:
            fmt = fmt_from_suffix or choose(["html", *GRAPH_OFFER], request.query_params.get("format"), request.headers.get("accept"))
        except NotAcceptable as exc:
            return problem(406, str(exc))

        async def run() -> Response:
            if fmt == "html":
                found = await describe.describe(self.repo, target)
                if found is None:
                    return await self.not_found(request)
                return self.page(request, "entity.html", d=found, languages=describe.LANGUAGES,
                                 alternates={f: f"{request.url.path}{s}" for s, f in SUFFIXES.items()})
            if not await describe.exists(self.repo, target):
                return await self.not_found(request)
            answer = await self.repo.query(describe.rdf_query(target), fmt, lane="site",
                                           context_url=str(request.url_for("context")), max_rows=100_000)
            return answer_response(answer)

        return await bounded(run, self.repo.limits.timeout)

    async def not_found(self, request: Request, exc: Exception | None = None) -> Response:
        target = BASE + request.url.path.lstrip("/")
        if "html" in (request.headers.get("accept") or ""):
            return self.page(request, "not_found.html", status=404, target=target)
        return problem(404, f"nothing is known about {target}")

    # named queries ----------------------------------------------------------------------------

    async def query_list(self, request: Request) -> Response:
        return self.page(request, "queries.html", catalog=self.settings.catalog)

    async def named_query(self, request: Request) -> Response:
        name, fmt = request.path_params["name"], None
        for suffix, f in QUERY_SUFFIXES.items():
            if name.endswith(suffix):
                name, fmt = name[: -len(suffix)], f
                break
        named = self.settings.catalog.get(name)
        if named is None:
            return await self.not_found(request)
        given = {k: v for k, v in request.query_params.items() if k != "format" and v != ""}
        graph = named.form in ("CONSTRUCT", "DESCRIBE")
        try:
            text = named.bound(given)
        except InputError as exc:
            if fmt is not None:
                return problem(400, str(exc))
            return self.page(request, "query.html", status=400, q=named, given=given, error=str(exc), result=None, links_for=site.query_links(name, given, graph))

        if fmt is not None:
            async def download() -> Response:
                answer = await self.repo.query(text, fmt, context_url=str(request.url_for("context")))
                return answer_response(answer, filename=f"{name}.{'ttl' if fmt == 'turtle' else fmt}")

            if fmt in (GRAPH_OFFER if graph else SELECT_OFFER):
                return await bounded(download, self.repo.limits.timeout)
            return problem(406, f"{name} gives {'RDF' if graph else 'a table'}: ask for {', '.join(GRAPH_OFFER if graph else SELECT_OFFER)}")

        async def show() -> Response:
            result = await site.run_for_page(self.repo, text, named.form)
            chart = charts.series_chart(result) if isinstance(result, site.Table) else None
            return self.page(request, "query.html", q=named, given=given, error=None, result=result, chart=Markup(chart) if chart else None,
                             links_for=site.query_links(name, given, graph))

        response = await bounded(show, self.repo.limits.timeout)
        if response.status_code >= 400 and not isinstance(response, HTMLResponse):
            return self.page(request, "query.html", status=response.status_code, q=named, given=given,
                             error=bytes(response.body).decode().strip(), result=None, links_for=site.query_links(name, given, graph))
        return response

    # structure, ontology, context, dumps, assets ---------------------------------------------

    async def structure(self, request: Request) -> Response:
        as_of = request.query_params.get("as_of") or ""
        error = None
        if as_of:
            try:
                date.fromisoformat(as_of)
            except ValueError:
                error, as_of = f"not a day written YYYY-MM-DD: {as_of!r}", ""
        view = str(request.url_for("structure_view")) + (f"?{urlencode({'as_of': as_of})}" if as_of else "")
        return self.page(request, "structure.html", as_of=as_of, view=view, error=error, status=400 if error else 200)

    async def structure_view(self, request: Request) -> Response:
        as_of = request.query_params.get("as_of") or ""
        try:
            day = date.fromisoformat(as_of) if as_of else None
        except ValueError:
            return problem(400, f"as_of must be a day written YYYY-MM-DD, not {as_of!r}")

        async def run() -> Response:
            key = day.isoformat() if day else ""
            if key not in self._structures:
                async with self._lock:
                    if self._data_store is None:
                        self._data_store = await site.data_store(self.repo)
                text = await asyncio.to_thread(site.structure_html, self._data_store, day)
                self._structures[key] = text
                while len(self._structures) > 32:
                    self._structures.popitem(last=False)
            return HTMLResponse(self._structures[key])

        return await bounded(run, self.repo.limits.timeout)

    async def ontology(self, request: Request) -> Response:
        try:
            fmt = choose(["html", "turtle"], request.query_params.get("format"), request.headers.get("accept"))
        except NotAcceptable as exc:
            return problem(406, str(exc))
        if fmt == "turtle":
            return FileResponse(self.settings.ontology / "osce.ttl", media_type="text/turtle; charset=utf-8")
        built = self.settings.dist / "ontology.html"
        if built.is_file():
            return FileResponse(built, media_type="text/html; charset=utf-8")
        if self._ontology_html is None:
            from osce_kg.build.pipeline import render_docs

            self._ontology_html = await asyncio.to_thread(render_docs, self.settings.ontology / "osce.ttl")
        return HTMLResponse(self._ontology_html)

    async def context(self, request: Request) -> Response:
        return FileResponse(self.settings.ontology / "context.jsonld", media_type="application/ld+json")

    async def dumps(self, request: Request) -> Response:
        return self.page(request, "dumps.html", dumps=site.dumps(self.settings.dist))

    async def dump(self, request: Request) -> Response:
        name = request.path_params["name"]
        for d in site.dumps(self.settings.dist):
            if d.name == name:
                return FileResponse(d.path, media_type=d.media_type, filename=name)
        return await self.not_found(request)

    async def asset(self, request: Request) -> Response:
        try:
            path = asset_path(request.path_params["name"])
        except FileNotFoundError as exc:
            return problem(404, str(exc))
        media = "text/css" if path.suffix == ".css" else "text/javascript" if path.suffix == ".js" else None
        return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=86400"})

