"""The one interface the site is built on (like prez's repositories): run a query, bounded, and get
the answer. `embedded.EmbeddedRepository` runs it on the built store (query.bounded's workers),
`remote.RemoteRepository` on a SPARQL 1.1 endpoint; the routes never know which.

Every query, the site's own and the analysts', goes through here with the same limits: refused if
it is an update or calls a SERVICE that is not allowed (query.policy), stopped at the timeout, cut
at max_rows. The exceptions are query.bounded's, whichever backend raises them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, TypeVar

from osce_kg.query.bounded import QueryFailed, QueryRefused, QuerySyntaxError, QueryTimeout
from osce_kg.query.results import QueryResult, Solutions
from osce_kg.serve.answers import Answer, write_answer

T = TypeVar("T")

Consumer = Callable[[QueryResult, bool], T]
"""What to do with an answer and its cut flag. It runs in the thread that made the answer:
pyoxigraph's results may not cross threads (pyo3 aborts the process if they do)."""

class ServerBusy(Exception):
    """Every worker stayed busy for the queue timeout; the query did not start."""


__all__ = ["Answer", "Limits", "ServerBusy", "QueryFailed", "QueryRefused", "QuerySyntaxError", "QueryTimeout", "Repository"]


@dataclass(frozen=True)
class Limits:
    """What bounds every query: seconds before it is stopped, rows in an answer, SERVICE hosts."""

    timeout: float = 30.0
    max_rows: int = 10_000
    queue_timeout: float = 60.0
    """Seconds a query may wait for a free worker (it then has its whole `timeout` to run)."""
    allowed_service_hosts: Collection[str] = field(default_factory=frozenset)


class Repository(ABC):
    """Where the triples live. Lanes: 'site' for the site's own fixed queries, 'sparql' for the
    analysts' own, so that a heavy query in the editor does not hold up entity pages."""

    def __init__(self, limits: Limits, context: dict | None = None) -> None:
        self.limits = limits
        self.context = context
        """The JSON-LD context JSON-LD answers are compacted with."""

    async def query(self, text: str, fmt: str, *, lane: str = "sparql", context_url: str | None = None,
                    max_rows: int | None = None) -> Answer:
        """The answer to `text` written in `fmt` (answers.RESULT_FORMATS or GRAPH_FORMATS, fitting
        the query form). `max_rows` lowers the row cap (the site's own queries may raise it)."""
        rows = self.limits.max_rows if max_rows is None else max_rows

        def written(result: QueryResult, cut: bool) -> Answer:
            return write_answer(result, fmt, rows if cut else None, context=self.context, context_url=context_url)

        return await self.run(text, written, lane=lane, max_rows=rows)

    async def select(self, text: str, *, lane: str = "site", max_rows: int | None = None) -> list[dict[str, Any]]:
        """A SELECT's rows as dicts of pyoxigraph terms (unbound variables absent)."""
        def rows(result: QueryResult, cut: bool) -> list[dict[str, Any]]:
            if not isinstance(result, Solutions):
                raise QueryFailed("expected a SELECT answer")
            solutions = result.engine_solutions()
            if solutions is None:
                raise QueryFailed("the answer's solutions were read already")
            return [{n: t for n, t in zip(result.variables, row, strict=False) if t is not None} for row in solutions]

        return await self.run(text, rows, lane=lane, max_rows=self.limits.max_rows if max_rows is None else max_rows)

    async def ask(self, text: str, *, lane: str = "site") -> bool:
        return await self.run(text, lambda result, cut: bool(result), lane=lane, max_rows=1)

    @abstractmethod
    async def run(self, text: str, consume: Consumer[T], *, lane: str, max_rows: int) -> T:
        """consume(answer, cut) for the answer within the limits (cut: the row cap cut it); raises
        QueryRefused, QuerySyntaxError, QueryTimeout or QueryFailed."""

    @abstractmethod
    async def start(self) -> None:
        """Get ready to answer (start workers, open connections)."""

    @abstractmethod
    async def stop(self) -> None:
        """Release what start() took."""

    @property
    @abstractmethod
    def description(self) -> str:
        """Where the triples come from, for the page footers."""
