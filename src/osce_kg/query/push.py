"""Upload the store to a triplestore with the SPARQL 1.1 Graph Store Protocol.

Each named graph is sent with HTTP PUT (which replaces the graph, so pushing twice leaves one
copy), in chunks of bounded size: the first chunk is PUT, the rest are POSTed (appended). Triples
that share a blank node always travel in the same chunk, because a blank node label only means
the same node within one request. Transient failures (connection refused or reset, HTTP 429 and
5xx) are retried with exponential backoff, or after the Retry-After the server asks for.

A push can be resumed: a journal beside the store (`PushJournal`) records each graph once all of
it has arrived, with a digest of what was sent, and `push --resume` skips the graphs it names
whose content has not changed since. URLs in every message go through `redact` first, so that
credentials written into a URL are never printed.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import URIRef

from osce_kg.query.params import sparql_iri
from osce_kg.query.remote import Credentials, EndpointError, brief, redact, run_remote
from osce_kg.query.results import Solutions
from osce_kg.store import GraphStore

DEFAULT_CHUNK_BYTES = 4_000_000
_TRIPLE = re.compile(r"^(\S+) <[^>]*> (.*) \.\s*$")
def check_url(url: str, option: str, local: str = "the store to push is given with --from") -> str:
    """The URL if it is an http(s) URL with a host; an EndpointError that says what to give otherwise."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname:
        return url
    hint = ""
    if Path(url).exists():
        hint = f" ('{url}' is a local path: {local})"
    raise EndpointError(f"{option} expects an http:// or https:// URL, not {redact(url)!r}{hint}")


@dataclass
class GraphPush:
    """What was (or, in a dry run, would be) sent for one named graph."""

    name: URIRef
    triples: int
    chunks: int
    bytes: int
    retries: int = 0
    remote_triples: int | None = None
    skipped: bool = False
    """Already pushed, unchanged, by the push that --resume continues."""


@dataclass
class PushReport:
    store_url: str
    dry_run: bool
    graphs: list[GraphPush] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    def text(self) -> str:
        verb = "would push" if self.dry_run else "pushed"
        skipped = sum(g.skipped for g in self.graphs)
        resumed = f" ({skipped} of them by the push this one resumed)" if skipped else ""
        lines = [f"{verb} {len(self.graphs)} graphs, {self.triples} triples to {redact(self.store_url)} in {self.seconds:.1f} s{resumed}"]
        for g in self.graphs:
            remote = "" if g.remote_triples is None else f", {g.remote_triples} remote"
            retries = f", {g.retries} retries" if g.retries else ""
            how = "already pushed" if g.skipped else f"in {g.chunks} chunk(s), {g.bytes} bytes{retries}"
            lines.append(f"  {g.name}: {g.triples} triples {how}{remote}")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class PushProgress:
    """Where a push is: graphs done of all, quads sent (or found already pushed) so far."""

    graphs_done: int
    graphs_total: int
    quads: int

    def line(self) -> str:
        return f"{self.graphs_done:,} of {self.graphs_total:,} graphs, {self.quads:,} quads"


class PushJournal:
    """The graphs a push has delivered whole, in a file of JSON lines: a header naming the target,
    then one line per graph with the digest of the N-Triples sent. Appended and flushed graph by
    graph, so it survives the push being killed; removed when a push has finished and checked."""

    def __init__(self, path: Path, store_url: str, done: dict[str, str] | None = None) -> None:
        self.path = path
        self.store_url = redact(store_url)
        self.done = done or {}

    @classmethod
    def default_path(cls, store_dir: Path) -> Path:
        """Beside the store's folder (the store itself is opened read-only)."""
        return store_dir.with_name(store_dir.name + ".push-journal")

    @classmethod
    def start(cls, path: Path, store_url: str) -> PushJournal:
        journal = cls(path, store_url)
        try:
            path.write_text(json.dumps({"store_url": journal.store_url, "started": time.time()}) + "\n", encoding="utf-8")
        except OSError as exc:
            raise EndpointError(f"cannot write the push journal {path} ({exc.strerror}): give another with --journal FILE") from None
        return journal

    @classmethod
    def resume(cls, path: Path, store_url: str) -> PushJournal | None:
        """The journal of an unfinished push to this URL; None if there is none. A journal of a push
        to another URL is an error, not a silent fresh start."""
        if not path.exists():
            return None
        lines = path.read_text(encoding="utf-8").splitlines()
        try:
            header = json.loads(lines[0])
            done = {entry["graph"]: entry["sha256"] for entry in map(json.loads, filter(None, lines[1:]))}
        except (IndexError, ValueError, KeyError, TypeError) as exc:
            raise EndpointError(f"the push journal {path} is damaged ({exc}): push without --resume") from None
        if header.get("store_url") != redact(store_url):
            raise EndpointError(
                f"the push journal {path} is of a push to {header.get('store_url')}, not {redact(store_url)}: "
                "push without --resume, or give --journal"
            )
        return cls(path, store_url, done)

    def record(self, graph: URIRef, digest: str) -> None:
        self.done[str(graph)] = digest
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"graph": str(graph), "sha256": digest}) + "\n")

    def forget(self, graphs: Iterable[URIRef]) -> None:
        """Mark graphs as not delivered (their remote count was wrong): --resume sends them again."""
        for g in graphs:
            self.done.pop(str(g), None)
        entries = [json.dumps({"graph": g, "sha256": d}) for g, d in self.done.items()]
        header = json.dumps({"store_url": self.store_url, "started": time.time()})
        self.path.write_text("\n".join([header, *entries]) + "\n", encoding="utf-8")

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)


class PushFailed(EndpointError):
    """A push stopped part of the way; the message says how far it got and how to continue."""


def graph_store_url(endpoint: str, credentials: Credentials | None) -> str:
    """The Graph Store Protocol URL next to a query endpoint, for the two servers whose layout is known."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):
        return urlunsplit(parts._replace(path=path[: -len("query")] + "store", query=""))
    if path.endswith("/sparql"):
        crud = "sparql-graph-crud-auth" if credentials else "sparql-graph-crud"
        return urlunsplit(parts._replace(path=path[: -len("sparql")] + crud, query=""))
    raise EndpointError(f"cannot guess the Graph Store Protocol URL of {redact(endpoint)}: give it with --store URL")


def graph_url(store_url: str, graph: URIRef) -> str:
    """Indirect graph identification: ?graph=IRI (Virtuoso's CRUD endpoints name it graph-uri)."""
    key = "graph-uri" if "sparql-graph-crud" in store_url else "graph"
    sep = "&" if "?" in store_url else "?"
    return f"{store_url}{sep}{key}={quote(str(graph), safe='')}"


def chunk_ntriples(data: bytes, max_bytes: int) -> list[bytes]:
    """N-Triples split into chunks of about max_bytes, keeping blank-node-connected triples together."""
    lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    line_bnodes: list[list[str]] = []
    for line in lines:
        m = _TRIPLE.match(line)
        if not m:
            raise ValueError(f"not an N-Triples line: {line[:120]!r}")
        found = [t for t in (m.group(1), m.group(2)) if t.startswith("_:")]
        if len(found) == 2:
            parent[find(found[0])] = find(found[1])
        line_bnodes.append(found)
    units: dict[object, list[str]] = {}
    for i, (line, found) in enumerate(zip(lines, line_bnodes, strict=True)):
        units.setdefault(find(found[0]) if found else i, []).append(line)
    chunks: list[bytes] = []
    current: list[str] = []
    size = 0
    for unit in units.values():
        unit_size = sum(len(line.encode("utf-8")) + 1 for line in unit)
        if current and size + unit_size > max_bytes:
            chunks.append(("\n".join(current) + "\n").encode("utf-8"))
            current, size = [], 0
        current.extend(unit)
        size += unit_size
    if current or not chunks:
        chunks.append(("\n".join(current) + "\n").encode("utf-8") if current else b"")
    return chunks


def http_opener(credentials: Credentials | None, url: str) -> urllib.request.OpenerDirector:
    """An opener that answers basic or digest challenges from `url` with the credentials."""
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, credentials.user, credentials.password)
    handler = urllib.request.HTTPDigestAuthHandler if credentials.scheme == "digest" else urllib.request.HTTPBasicAuthHandler
    return urllib.request.build_opener(handler(passwords))


def _is_transient(exc: Exception) -> bool:
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code == 429 or exc.code >= 500
    if isinstance(exc, urllib.error.URLError):
        return isinstance(exc.reason, (ConnectionRefusedError, ConnectionResetError, TimeoutError))
    return isinstance(exc, (ConnectionError, HTTPException, TimeoutError))


def _retry_after(exc: Exception, cap: float = 60.0) -> float:
    """Seconds a 429/503 answer asks us to wait (Retry-After in seconds), capped; 0 if it says nothing."""
    value = exc.headers.get("Retry-After", "") if isinstance(exc, urllib.error.HTTPError) and exc.headers else ""
    return min(float(value), cap) if value.strip().isdigit() else 0.0


def send(
    opener: urllib.request.OpenerDirector,
    method: str,
    url: str,
    body: bytes,
    *,
    timeout: float,
    attempts: int = 5,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """One Graph Store request with retries on transient errors; returns how many retries it took."""
    for attempt in range(attempts):
        request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": "text/turtle; charset=utf-8"})
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
            return attempt
        except (urllib.error.URLError, HTTPException, ConnectionError, TimeoutError) as exc:
            if attempt + 1 < attempts and _is_transient(exc):
                sleep(max(backoff * 2**attempt, _retry_after(exc)))
                continue
            tries = f" after {attempt + 1} attempts" if attempt else ""
            if isinstance(exc, urllib.error.HTTPError):
                raise EndpointError(f"{method} {redact(url)} failed{tries}: HTTP {exc.code} {exc.reason}: {brief(exc.read())}") from None
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            raise EndpointError(f"{method} {redact(url)} failed{tries}: {reason}") from None
    raise AssertionError("unreachable: the loop returns or raises")


def push(
    store: GraphStore,
    store_url: str,
    *,
    graphs: Iterable[URIRef] | None = None,
    credentials: Credentials | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    dry_run: bool = False,
    timeout: float = 120.0,
    attempts: int = 5,
    backoff: float = 0.5,
    journal: PushJournal | None = None,
    progress: Callable[[PushProgress], None] | None = None,
) -> PushReport:
    """PUT every named graph of the store (first chunk PUT, later chunks POST) and report what was sent.

    With a journal, each graph delivered whole is recorded, and graphs it already names with the
    same content are skipped. A failure raises PushFailed saying how many graphs were delivered.
    """
    started = time.monotonic()
    report = PushReport(store_url, dry_run)
    opener = http_opener(credentials, store_url)
    names = list(graphs) if graphs is not None else store.graph_names()
    quads = 0
    for done, name in enumerate(names):
        data = store.serialize(ox.RdfFormat.N_TRIPLES, from_graph=name)
        digest = hashlib.sha256(data).hexdigest()
        if journal is not None and journal.done.get(str(name)) == digest:
            item = GraphPush(name, data.count(b"\n"), 0, 0, skipped=True)
        else:
            chunks = chunk_ntriples(data, chunk_bytes)
            item = GraphPush(name, sum(c.count(b"\n") for c in chunks), len(chunks), sum(len(c) for c in chunks))
            if not dry_run:
                url = graph_url(store_url, name)
                try:
                    for i, chunk in enumerate(chunks):
                        item.retries += send(opener, "PUT" if i == 0 else "POST", url, chunk, timeout=timeout, attempts=attempts, backoff=backoff)
                except EndpointError as exc:
                    kept = f" (journal: {journal.path}); run the same command with --resume to continue" if journal else ""
                    raise PushFailed(f"{exc}\nthe push stopped after {done:,} of {len(names):,} graphs, {quads:,} quads{kept}") from None
                if journal is not None:
                    journal.record(name, digest)
        quads += item.triples
        report.graphs.append(item)
        if progress is not None:
            progress(PushProgress(done + 1, len(names), quads))
    report.seconds = time.monotonic() - started
    return report


def remote_counts(endpoint: str, graphs: list[URIRef], credentials: Credentials | None = None) -> dict[URIRef, int]:
    """Triples per named graph as the remote endpoint sees them (graphs it lacks are absent)."""
    values = " ".join(sparql_iri(g) for g in graphs)
    query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    answer = run_remote(endpoint, query, credentials=credentials)
    assert isinstance(answer, Solutions)
    return {URIRef(str(r["g"])): int(str(r["n"])) for r in answer.rows}
