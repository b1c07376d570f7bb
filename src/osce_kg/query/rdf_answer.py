"""A CONSTRUCT or DESCRIBE answer as an rdflib Graph that the engine's triples fill on first use.

A module of its own so that only graph answers load rdflib: a SELECT or ASK answer is written
from the engine's own result (results.py) and never needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from osce_kg.store.terms import from_ox, serialized


class RdfAnswer(Graph):
    """A CONSTRUCT or DESCRIBE answer: an rdflib Graph filled from the engine's triples on first use.

    `engine_triples` hands the engine's triples to pyoxigraph's serialisers untouched (fetched
    again if they were read already), until the graph is changed. Every rdflib access goes through
    `triples`, `__len__`, `add`, `addN`, `remove` or `store`, which fill the graph first.
    """

    def __init__(self, triples: Iterable[ox.Triple], again: Callable[[], Iterable[ox.Triple]]) -> None:
        self._pending: Iterable[ox.Triple] | None = triples
        self._again: Callable[[], Iterable[ox.Triple]] | None = again
        self._filled = False
        super().__init__()

    def _fill(self) -> None:
        if self._filled:
            return
        self._filled = True
        if self._pending is not None:
            source = self._pending
        else:
            assert self._again is not None, "an answer either has triples or can fetch them"
            source = self._again()
        self._pending = None
        seen: dict[object, Node] = {}

        def term(t: object) -> Node:
            converted = seen.get(t)
            if converted is None:
                converted = seen[t] = from_ox(t)
            return converted

        super().addN((term(t.subject), term(t.predicate), term(t.object), self) for t in source)

    def engine_triples(self) -> Iterable[ox.Triple] | None:
        """pyoxigraph's triples, unread (fetched again if read already); None once the graph was
        changed (add, remove): the graph is then the answer."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return pending
        return self._again() if self._again is not None else None

    def _changed(self) -> None:
        self._fill()
        self._again = None

    def triples(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - rdflib's signature
        self._fill()
        return super().triples(*args, **kwargs)

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def add(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        self._changed()
        return super().add(*args, **kwargs)

    def addN(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201, N802
        self._changed()
        return super().addN(*args, **kwargs)

    def remove(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        self._changed()
        return super().remove(*args, **kwargs)

    @property
    def store(self):  # noqa: ANN201
        self._fill()
        return super().store


def graph_answer(result: ox.QueryTriples, again: Callable[[], Iterable[ox.Triple]] | None = None) -> Graph:
    """The engine's triples as a Graph: an RdfAnswer when `again` can fetch them afresh, otherwise
    a plain Graph filled now."""
    if again is not None:
        return RdfAnswer(result, again)
    g = Graph()
    data = serialized(result, ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g
