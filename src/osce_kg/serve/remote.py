"""A SPARQL 1.1 endpoint behind the site (Oxigraph server, Fuseki, Virtuoso, QLever, ...).

The query goes to the endpoint by POST (form-encoded, so long queries fit) asking for SPARQL TSV
or N-Triples: one line per row or triple, so the row cap is a count of line ends, as in
query.bounded, and the rest of the answer is not read. The lines parse into the same answers as
the embedded store's, written by the same code (serve.answers). At the timeout the connection is
closed: whether the endpoint then stops the query is up to it (set the endpoint's own query
timeout too). The same policy applies as on the embedded store (query.policy): SERVICE outside
the allow-list and updates are refused. Credentials come from the environment, as for `osce-kg
query --endpoint` (query.remote.Credentials).
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

import httpx
import pyoxigraph as ox

from osce_kg.query.bounded import QueryFailed, QueryRefused, QuerySyntaxError, QueryTimeout
from osce_kg.query.policy import UPDATE_REFUSED, check_services, is_update
from osce_kg.query.rdf_answer import RdfAnswer
from osce_kg.query.remote import Credentials, brief
from osce_kg.query.results import QueryResult, Solutions
from osce_kg.query.sparql_text import query_form
from osce_kg.serve.repository import Consumer, Limits, Repository

T = TypeVar("T")


def _lines(data: bytes, count: int) -> bytes:
    """The first `count` lines of data."""
    end = -1
    for _ in range(count):
        end = data.index(b"\n", end + 1)
    return data[: end + 1]


class RemoteRepository(Repository):
    def __init__(self, endpoint: str, limits: Limits, *, context: dict | None = None,
                 credentials: Credentials | None = None, max_connections: int = 16) -> None:
        super().__init__(limits, context)
        self.endpoint = endpoint
        creds = credentials or Credentials.from_env()
        auth: httpx.Auth | None = None
        if creds:
            auth = httpx.DigestAuth(creds.user, creds.password) if creds.scheme == "digest" else httpx.BasicAuth(creds.user, creds.password)
        self._auth = auth
        self._pool = httpx.Limits(max_connections=max_connections)
        self._client: httpx.AsyncClient | None = None

    @property
    def description(self) -> str:
        return f"the SPARQL endpoint {self.endpoint}"

    async def start(self) -> None:
        self._client = httpx.AsyncClient(auth=self._auth, limits=self._pool, timeout=self.limits.timeout)

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def run(self, text: str, consume: Consumer[T], *, lane: str, max_rows: int) -> T:
        check_services(text, self.limits.allowed_service_hosts)
        try:
            form = query_form(text)
        except Exception:  # noqa: BLE001 - not readable as a query: the endpoint's parser says why
            form = "SELECT"
        graph = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json" if form == "ASK" else "text/tab-separated-values"
        header = 0 if graph or form == "ASK" else 1
        try:
            status, data, cut = await asyncio.wait_for(self._fetch(text, accept, max_rows + header), self.limits.timeout)
        except TimeoutError:
            raise QueryTimeout(self.limits.timeout) from None
        except httpx.HTTPError as exc:
            raise QueryFailed(f"cannot reach the endpoint {self.endpoint}: {type(exc).__name__}: {exc}") from None
        if status == 400:
            if is_update(text):
                raise QueryRefused(UPDATE_REFUSED)
            raise QuerySyntaxError(f"the endpoint says: {brief(data)}")
        if status != 200:
            raise QueryFailed(f"the endpoint answered HTTP {status}: {brief(data)}")
        try:
            return await asyncio.to_thread(lambda: consume(self._parse(data, graph, form == "ASK"), cut))
        except (SyntaxError, ValueError) as exc:
            raise QueryFailed(f"the endpoint sent an answer that does not parse: {exc}; first bytes: {brief(data, 200)}") from None

    async def _fetch(self, text: str, accept: str, lines: int) -> tuple[int, bytes, bool]:
        """The status and the answer's bytes, up to `lines` lines (cut: there were more)."""
        assert self._client is not None, "start() first"
        async with self._client.stream("POST", self.endpoint, data={"query": text}, headers={"Accept": accept}) as response:
            chunks: list[bytes] = []
            seen = 0
            async for chunk in response.aiter_bytes():
                chunks.append(chunk)
                seen += chunk.count(b"\n")
                if response.status_code == 200 and seen > lines:
                    return response.status_code, _lines(b"".join(chunks), lines), True
            return response.status_code, b"".join(chunks), False

    @staticmethod
    def _parse(data: bytes, graph: bool, ask: bool) -> QueryResult:
        if graph:
            def triples() -> list[ox.Triple]:
                return [q.triple for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)]

            return RdfAnswer(triples(), triples)
        if ask:
            return bool(ox.parse_query_results(data, ox.QueryResultsFormat.JSON))
        parsed = ox.parse_query_results(data, ox.QueryResultsFormat.TSV)
        if isinstance(parsed, ox.QueryBoolean):
            return bool(parsed)

        def again() -> ox.QuerySolutions:
            solutions = ox.parse_query_results(data, ox.QueryResultsFormat.TSV)
            assert isinstance(solutions, ox.QuerySolutions)
            return solutions

        return Solutions.from_ox(parsed, again=again)
