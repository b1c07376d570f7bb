"""The one interface the site is built on (like prez's repositories): run a query, bounded, and get
the answer written in a protocol format. `embedded.EmbeddedRepository` runs it on the built store,
`remote.RemoteRepository` on a SPARQL 1.1 endpoint; the routes never know which.

Every query, the site's own and the analysts', goes through `query` with the same limits: refused
if it is an update or calls a SERVICE that is not allowed, stopped at the timeout, cut at max_rows.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from osce_kg.serve.answers import Answer
from osce_kg.serve.checks import Refused, refuse_if_forbidden

__all__ = ["Answer", "Limits", "QueryFailed", "QueryTimedOut", "Refused", "Repository", "SyntaxProblem"]


@dataclass(frozen=True)
class Limits:
    """What bounds every query: seconds before it is stopped, rows in an answer, SERVICE hosts."""

    timeout: float = 30.0
    max_rows: int = 10_000
    allowed_service_hosts: Collection[str] = field(default_factory=frozenset)


class SyntaxProblem(Exception):
    """The query does not parse; the message is the engine's, with the position."""


class QueryTimedOut(Exception):
    """The query ran past the timeout and was stopped."""


class QueryFailed(Exception):
    """The engine or the endpoint failed while answering; the message says how."""


class Repository(ABC):
    """Where the triples live. Lanes: 'site' for the site's own fixed queries, 'sparql' for the
    analysts' own, so that a heavy query in the editor does not hold up entity pages."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    async def query(self, text: str, fmt: str, *, lane: str = "sparql", context_url: str | None = None,
                    max_rows: int | None = None) -> Answer:
        """The answer to `text` in `fmt` (answers.RESULT_FORMATS or GRAPH_FORMATS, fitting the query form)."""
        refuse_if_forbidden(text, self.limits.allowed_service_hosts)
        rows = self.limits.max_rows if max_rows is None else min(max_rows, self.limits.max_rows)
        return await self._run(text, fmt, lane=lane, context_url=context_url, max_rows=rows)

    async def select(self, text: str, *, lane: str = "site", max_rows: int | None = None) -> list[dict[str, Any]]:
        """A SELECT's rows as dicts of pyoxigraph terms (unbound variables absent)."""
        answer = await self.query(text, "json", lane=lane, max_rows=max_rows)
        solutions = ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON)
        if isinstance(solutions, ox.QueryBoolean):
            raise QueryFailed("expected a SELECT answer, got a boolean")
        names = [v.value for v in solutions.variables]
        return [{n: t for n, t in zip(names, row, strict=False) if t is not None} for row in solutions]

    async def ask(self, text: str, *, lane: str = "site") -> bool:
        answer = await self.query(text, "json", lane=lane)
        return bool(json.loads(answer.body).get("boolean"))

    @abstractmethod
    async def _run(self, text: str, fmt: str, *, lane: str, context_url: str | None, max_rows: int) -> Answer:
        """Run an allowed query within the timeout; raise SyntaxProblem, QueryTimedOut or QueryFailed."""

    @abstractmethod
    async def start(self) -> None:
        """Get ready to answer (start workers, open connections)."""

    @abstractmethod
    async def stop(self) -> None:
        """Release what start() took."""

    @property
    @abstractmethod
    def description(self) -> str:
        """Where the triples come from, for the service description and the page footers."""
