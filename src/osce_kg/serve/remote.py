"""A SPARQL 1.1 endpoint behind the site (Oxigraph server, Fuseki, Virtuoso, QLever, ...).

The query goes to the endpoint by POST (form-encoded, so long queries fit) asking for SPARQL JSON
or N-Triples; the answer is read up to a byte cap, parsed by pyoxigraph and written by the same
code as the embedded store's (serve.answers), so the site looks the same on both. At the timeout
the connection is closed: whether the endpoint then stops the query is up to it (Oxigraph and
Fuseki do; set the endpoint's own query timeout too). Credentials come from the environment, as
for `osce-kg query --endpoint` (query.remote.Credentials).
"""

from __future__ import annotations

import asyncio
import io
from typing import Any

import httpx
import pyoxigraph as ox
from anyio import to_thread

from osce_kg.query.remote import Credentials, brief
from osce_kg.query.sparql_text import query_form
from osce_kg.serve import answers
from osce_kg.serve.answers import Answer
from osce_kg.serve.repository import Limits, QueryFailed, QueryTimedOut, Repository, SyntaxProblem

MAX_ANSWER_BYTES = 256 * 1024 * 1024
"""Largest answer read from the endpoint (the row cap applies after parsing)."""


class RemoteRepository(Repository):
    def __init__(self, endpoint: str, limits: Limits, *, context: dict | None = None,
                 credentials: Credentials | None = None, max_connections: int = 16) -> None:
        super().__init__(limits)
        self.endpoint = endpoint
        self.context = context
        creds = credentials or Credentials.from_env()
        auth: httpx.Auth | None = None
        if creds:
            auth = httpx.DigestAuth(creds.user, creds.password) if creds.scheme == "digest" else httpx.BasicAuth(creds.user, creds.password)
        self._auth = auth
        self._limits = httpx.Limits(max_connections=max_connections)
        self._client: httpx.AsyncClient | None = None

    @property
    def description(self) -> str:
        return f"the SPARQL endpoint {self.endpoint}"

    async def start(self) -> None:
        self._client = httpx.AsyncClient(auth=self._auth, limits=self._limits, timeout=self.limits.timeout)

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def _run(self, text: str, fmt: str, *, lane: str, context_url: str | None, max_rows: int) -> Answer:
        assert self._client is not None, "start() first"
        graph = query_form(text) in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        try:
            body, status = await asyncio.wait_for(self._fetch(text, accept), self.limits.timeout)
        except TimeoutError:
            raise QueryTimedOut(f"the endpoint did not answer within the server's limit of {self.limits.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise QueryFailed(f"cannot reach the endpoint {self.endpoint}: {type(exc).__name__}: {exc}") from None
        if status == 400:
            raise SyntaxProblem(f"the endpoint says: {brief(body)}")
        if status != 200:
            raise QueryFailed(f"the endpoint answered HTTP {status}: {brief(body)}")
        return await to_thread.run_sync(self._write, body, graph, fmt, max_rows, context_url)

    async def _fetch(self, text: str, accept: str) -> tuple[bytes, int]:
        assert self._client is not None
        async with self._client.stream("POST", self.endpoint, data={"query": text}, headers={"Accept": accept}) as response:
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_ANSWER_BYTES:
                    raise QueryFailed(f"the endpoint's answer is larger than {MAX_ANSWER_BYTES // 2**20} MB; add a LIMIT")
                chunks.append(chunk)
            return b"".join(chunks), response.status_code

    def _write(self, body: bytes, graph: bool, fmt: str, max_rows: int, context_url: str | None) -> Answer:
        try:
            result: Any = (
                (q.triple for q in ox.parse(io.BytesIO(body), format=ox.RdfFormat.N_TRIPLES))
                if graph
                else ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            )
            return answers.write(result, fmt, max_rows, prefixes=answers.TURTLE_PREFIXES, context=self.context, context_url=context_url)
        except (SyntaxError, ValueError) as exc:
            raise QueryFailed(f"the endpoint sent an answer that does not parse: {exc}; first bytes: {brief(body, 200)}") from None
