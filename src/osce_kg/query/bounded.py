"""Queries on the local store with bounds: a time limit that really stops the work, a row cap, no
updates, no SERVICE calls outside an allow-list, syntax errors that say file, line and column.

pyoxigraph cannot cancel a query in the process that runs it, so the query runs in a worker
process that holds the store open read-only; on timeout the worker is killed, which frees its CPU
and memory at once. The worker is forked (from a process that has the modules loaded already:
a few ms, paid once per QueryWorker) and answers any number of queries, so a server keeps one and
pays only the round trip per query; a killed worker is replaced on the next query.

The worker streams the answer as SPARQL TSV (SELECT) or N-Triples (CONSTRUCT, DESCRIBE): one line
per row or triple, so the row cap is a count of line ends, and both parse back into the engine's
own terms without loss. When the cap is reached the rest of the work is stopped the same way.

>>> from pathlib import Path
>>> answer = run_bounded(Path("store"), "SELECT * WHERE { ?s ?p ?o }", timeout=5, max_rows=10)  # doctest: +SKIP
>>> answer.cut, len(answer.result.rows)  # doctest: +SKIP
(True, 10)
"""

from __future__ import annotations

import ctypes
import faulthandler
import io
import multiprocessing
import multiprocessing.connection
import os
import re
import resource
import signal
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from osce_kg.errors import InputError
from osce_kg.query.policy import UPDATE_REFUSED, QueryRefused, check_services, is_update
from osce_kg.query.results import QueryResult, Solutions

__all__ = [
    "BoundedAnswer",
    "QueryFailed",
    "QueryRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "QueryWorker",
    "run_bounded",
]

CHUNK_BYTES = 1 << 16
"""Size of the pieces in which the worker sends an answer."""

_PR_SET_PDEATHSIG = 1

_POSITION = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.DOTALL)


@dataclass
class QuerySyntaxError(InputError):
    """The engine could not parse the query; printed as 'file:line:column: message'."""

    column: int | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        return f"{where}: SPARQL syntax error: {self.message}" if where else f"SPARQL syntax error: {self.message}"


class QueryTimeout(Exception):
    """The query ran longer than its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query ran longer than {seconds:g} s and was stopped (raise the limit with --timeout)")
        self.seconds = seconds


class QueryFailed(Exception):
    """The engine failed while answering (an evaluation error, the worker killed from outside)."""


@dataclass
class BoundedAnswer:
    """An answer (results.Solutions, bool or results.RdfAnswer) and whether the row cap cut it."""

    result: QueryResult
    cut: bool = False
    max_rows: int | None = None

    @property
    def note(self) -> str | None:
        """What to tell the reader when the answer was cut."""
        if not self.cut:
            return None
        return f"the answer was cut at {self.max_rows:,} rows (--max-rows); the query has more"


Binding = ox.NamedNode | ox.BlankNode | ox.Literal
"""A term bound to a variable by the engine: pyoxigraph's terms are sent to the worker as they are
(they pickle), so neither side needs rdflib."""


class _Sender(io.RawIOBase):
    """The worker's end of the pipe as a file, so pyoxigraph's serialisers stream into it: sent in
    parts of CHUNK_BYTES, and the rest with the closing message (a small answer is one message).
    Messages are (tag, kind, payload): tag 'part' or 'end', kind 'solutions' or 'triples'."""

    def __init__(self, conn: multiprocessing.connection.Connection, kind: str) -> None:
        self._conn = conn
        self._kind = kind
        self._buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += data
        if len(self._buffer) >= CHUNK_BYTES:
            self._conn.send(("part", self._kind, bytes(self._buffer)))
            self._buffer.clear()
        return len(data)

    def finish(self) -> None:
        self._conn.send(("end", self._kind, bytes(self._buffer)))
        self._buffer.clear()


def _die_with_parent() -> None:
    """Ask Linux to kill the worker when its parent dies, so that a parent killed by a signal
    (no chance to clean up) leaves no query running."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the daemon flag still ends the worker when the parent exits normally


def _serve(conn: multiprocessing.connection.Connection, store_path: str, max_memory_mb: int | None = None) -> None:
    """The worker: open the store read-only, then answer queries until the pipe closes.

    With `max_memory_mb`, its address space is capped (RLIMIT_AS) once the store is open: a
    query that needs more ends the worker (the engine aborts when an allocation fails), not the
    machine's memory."""
    _die_with_parent()
    try:
        store: ox.Store | None = ox.Store.read_only(store_path)
        opened = ""
    except OSError as exc:
        store, opened = None, f"cannot open the store {store_path}: {exc}"
    if max_memory_mb is not None:
        limit = max_memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        # the engine's own words when an allocation fails (a Rust panic message, a backtrace)
        # would come before the parent's clear one: the worker says everything through the pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        faulthandler.disable()
    while True:
        try:
            query, bindings = conn.recv()
        except (EOFError, OSError):
            return
        if store is None:
            conn.send(("failed", None, opened))
            continue
        try:
            subs = {ox.Variable(k): v for k, v in bindings.items()} or None
            result = store.query(query, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            conn.send(("syntax", None, str(exc)))
            continue
        try:
            if isinstance(result, ox.QueryBoolean):
                conn.send(("boolean", None, bool(result)))
            elif isinstance(result, ox.QuerySolutions):
                out = _Sender(conn, "solutions")
                result.serialize(cast(IO[bytes], out), format=ox.QueryResultsFormat.TSV)
                out.finish()
            else:
                out = _Sender(conn, "triples")
                ox.serialize(result, cast(IO[bytes], out), format=ox.RdfFormat.N_TRIPLES)
                out.finish()
        except (OSError, ValueError, RuntimeError) as exc:
            conn.send(("failed", None, str(exc)))


class QueryWorker:
    """A worker process holding the store open read-only, answering bounded queries one at a time.

    Not for use by two threads at once (a server keeps one per concurrent request). `close()`, or
    leaving a `with` block, ends the process.
    """

    def __init__(self, store_path: Path, *, start_method: str | None = None, max_memory_mb: int | None = None) -> None:
        """start_method: 'fork' (default on Linux: cheap, the modules are loaded already) or
        'forkserver' for a process that runs threads holding locks (a web server).
        max_memory_mb: the worker's address space at most (None: no limit but the time limit's)."""
        path = Path(store_path)
        if not path.is_dir():
            raise InputError("no store here: run 'osce-kg build' first", path=path)
        self.store_path = path
        self.max_memory_mb = max_memory_mb
        self._context: Any = multiprocessing.get_context(start_method or _default_start_method())
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: multiprocessing.connection.Connection | None = None

    def start(self) -> QueryWorker:
        """Start the process now (it opens the store while the caller prepares the query)."""
        if self._process is None or not self._process.is_alive():
            self._stop()
            ours, theirs = self._context.Pipe()
            self._process = self._context.Process(target=_serve, args=(theirs, str(self.store_path), self.max_memory_mb), daemon=True, name="osce-kg-query")
            self._process.start()
            theirs.close()
            self._conn = ours
        return self

    @property
    def pid(self) -> int | None:
        """The worker process's id while it runs."""
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    def close(self) -> None:
        self._stop()

    def __enter__(self) -> QueryWorker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _stop(self) -> None:
        """Kill the process (it may be in the middle of a query: that is the point) and reap it."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
            self._process = None

    def run(
        self,
        query: str,
        *,
        bindings: Mapping[str, Binding] | None = None,
        timeout: float = 60.0,
        max_rows: int | None = None,
        allowed_service_hosts: Iterable[str] = (),
        source: str | Path | None = None,
    ) -> BoundedAnswer:
        """The answer of a query, within `timeout` seconds and `max_rows` rows (or triples).

        `bindings` are substituted by the engine (pyoxigraph substitutions: projected variables
        only). `source` names where the text came from, for syntax errors. Raises QueryRefused
        (update, SERVICE outside the allow-list), QuerySyntaxError, QueryTimeout, QueryFailed.
        """
        check_services(query, allowed_service_hosts)
        for name, term in (bindings or {}).items():
            if not isinstance(term, Binding):
                raise InputError("only IRIs, blank nodes and literals can be bound", value=f"{name}={term!r}")
        deadline = time.monotonic() + timeout
        self.start()
        assert self._conn is not None
        try:
            self._conn.send((query, dict(bindings or {})))
            tag, kind, value = self._receive(deadline, timeout)
            data, cut = (b"", False) if tag in ("syntax", "failed", "boolean") else self._read_lines(tag, kind, value, deadline, timeout, max_rows)
        except BaseException:
            # timed out, interrupted, or the worker died: whatever it is doing is stopped
            self._stop()
            raise
        if cut:
            self._stop()
        # a query the engine refused or failed at once leaves the worker waiting for the next one
        if tag == "syntax":
            raise _syntax_error(query, value, source)
        if tag == "failed":
            raise QueryFailed(value)
        if tag == "boolean":
            return BoundedAnswer(bool(value), False, max_rows)
        return BoundedAnswer(_answer(kind, data), cut, max_rows)

    def _receive(self, deadline: float, timeout: float) -> tuple[str, str | None, Any]:
        assert self._conn is not None
        if not self._conn.poll(max(0.0, deadline - time.monotonic())):
            raise QueryTimeout(timeout)
        try:
            message: tuple[str, str | None, Any] = self._conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            if self._process is not None and code is None:
                self._process.join(1)
                code = self._process.exitcode
            if code == -signal.SIGABRT and self.max_memory_mb is not None:
                raise QueryFailed(f"the query needed more than {self.max_memory_mb:,} MB of memory and was stopped (raise the limit with --max-memory)") from None
            raise QueryFailed(f"the query process ended without an answer (exit code {code})") from None
        return message

    def _read_lines(
        self, tag: str, kind: str | None, value: bytes, deadline: float, timeout: float, max_rows: int | None
    ) -> tuple[bytes, bool]:
        """The answer's bytes up to the end, or up to `max_rows` lines after the header (cut=True).
        One line per row or triple; the TSV of solutions starts with the variables' line."""
        keep = None if max_rows is None else max_rows + (1 if kind == "solutions" else 0)
        chunks: list[bytes] = []
        lines = 0
        while True:
            if tag == "failed":
                raise QueryFailed(value)
            chunks.append(value)
            lines += value.count(b"\n")
            if keep is not None and lines > keep:
                data = b"".join(chunks)
                end = -1
                for _ in range(keep):
                    end = data.index(b"\n", end + 1)
                return data[: end + 1], True
            if tag == "end":
                return b"".join(chunks), False
            tag, _, value = self._receive(deadline, timeout)


def _default_start_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _answer(kind: str | None, data: bytes) -> QueryResult:
    """The worker's TSV or N-Triples as the lazy answers of results.py (parsed again on demand)."""
    if kind == "solutions":

        def solutions() -> ox.QuerySolutions:
            parsed = ox.parse_query_results(data, ox.QueryResultsFormat.TSV)
            assert isinstance(parsed, ox.QuerySolutions), "the worker wrote solutions"
            return parsed

        return Solutions.from_ox(solutions(), again=solutions)

    from osce_kg.query.rdf_answer import RdfAnswer  # rdflib: only for graph answers

    def triples() -> Iterable[ox.Triple]:
        return (q.triple for q in ox.parse(data, ox.RdfFormat.N_TRIPLES))

    return RdfAnswer(triples(), triples)


def _syntax_error(query: str, message: str, source: str | Path | None) -> InputError:
    """The engine's parse error as QuerySyntaxError, or QueryRefused when the text is an update."""
    if is_update(query):
        return QueryRefused(UPDATE_REFUSED, path=source)
    m = _POSITION.match(message)
    if m is None:
        return QuerySyntaxError(message, path=source)
    return QuerySyntaxError(m.group(3), path=source, line=int(m.group(1)), column=int(m.group(2)))


def run_bounded(
    store_path: Path,
    query: str,
    *,
    bindings: Mapping[str, Binding] | None = None,
    timeout: float = 60.0,
    max_rows: int | None = None,
    allowed_service_hosts: Iterable[str] = (),
    source: str | Path | None = None,
    max_memory_mb: int | None = None,
) -> BoundedAnswer:
    """One bounded query in a worker of its own (see QueryWorker.run)."""
    with QueryWorker(store_path, max_memory_mb=max_memory_mb) as worker:
        return worker.run(
            query, bindings=bindings, timeout=timeout, max_rows=max_rows,
            allowed_service_hosts=allowed_service_hosts, source=source,
        )
