"""Push mechanics that the real servers cannot be made to show on demand: chunking that keeps
blank nodes together, retries on transient HTTP errors, the Graph Store URL rules."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Graph, URIRef

from osce_kg.query.push import chunk_ntriples, graph_store_url, graph_url, http_opener, send
from osce_kg.query.remote import Credentials, EndpointError

NT = b"""<urn:a> <urn:p> "x" .
<urn:a> <urn:p> _:b1 .
_:b1 <urn:q> _:b2 .
_:b2 <urn:r> "has _:b9 in a literal" .
<urn:c> <urn:p> "y" .
_:b3 <urn:q> "1" .
"""


def test_chunks_keep_blank_node_components_together():
    chunks = chunk_ntriples(NT, max_bytes=40)
    assert b"".join(sorted(chunks)).count(b"\n") == 6
    together = [c for c in chunks if b"_:b1" in c]
    assert len(together) == 1 and b"_:b2 <urn:r>" in together[0] and b"_:b1 <urn:q> _:b2" in together[0]
    merged = Graph()
    for c in chunks:
        merged.parse(data=c.decode(), format="nt")
    assert len(merged) == 6 and len(Graph().parse(data=NT.decode(), format="nt")) == 6
    assert chunk_ntriples(NT, max_bytes=10_000) == [NT]
    assert chunk_ntriples(b"", max_bytes=10) == [b""]


def test_graph_store_urls():
    assert graph_store_url("http://h:7878/query", None) == "http://h:7878/store"
    assert graph_store_url("http://h/sparql", Credentials("u", "p", "digest")) == "http://h/sparql-graph-crud-auth"
    with pytest.raises(EndpointError, match="--store URL"):
        graph_store_url("http://h/ds/sparql-endpoint", None)
    assert graph_url("http://h/store", URIRef("https://w3id.org/osce-kg/graph/provenance")) == (
        "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fosce-kg%2Fgraph%2Fprovenance"
    )
    assert graph_url("http://h/sparql-graph-crud-auth", URIRef("urn:g")).endswith("?graph-uri=urn%3Ag")


class _Flaky(BaseHTTPRequestHandler):
    """Answers 503 (then 429) before accepting, or 400 for a body that says 'bad'."""

    failures: list[int] = []
    received: list[bytes] = []

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if b"bad" in body:
            self.send_response(400)
        elif self.failures:
            code = self.failures.pop(0)
            self.send_response(code)
            if code == 429:
                self.send_header("Retry-After", "2")
        else:
            self.received.append(body)
            self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def flaky():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()
        server.server_close()


def test_transient_errors_are_retried_with_backoff(flaky):
    _Flaky.failures[:] = [503, 429]
    _Flaky.received.clear()
    waits: list[float] = []
    retries = send(http_opener(None, flaky), "PUT", flaky, b"<urn:a> <urn:p> 1 .\n", timeout=5, backoff=0.1, sleep=waits.append)
    assert retries == 2 and waits == [0.1, 2.0], "exponential backoff, or longer when Retry-After asks"
    assert _Flaky.received == [b"<urn:a> <urn:p> 1 .\n"]


def test_client_errors_are_not_retried(flaky):
    _Flaky.failures[:] = []
    waits: list[float] = []
    with pytest.raises(EndpointError, match="failed: HTTP 400"):
        send(http_opener(None, flaky), "PUT", flaky, b"bad", timeout=5, sleep=waits.append)
    assert waits == []


def test_giving_up_after_the_last_attempt(flaky):
    _Flaky.failures[:] = [503, 503, 503]
    with pytest.raises(EndpointError, match="failed after 3 attempts: HTTP 503"):
        send(http_opener(None, flaky), "PUT", flaky, b"x", timeout=5, attempts=3, sleep=lambda s: None)
