"""The SPARQL client's own behaviour, seen from a small local HTTP server that records what it gets:
GET for short queries and POST for long ones, the timeout, credentials only from the environment."""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from osce_kg.query.remote import GET_LIMIT, Credentials, EndpointError, run_remote

ANSWER = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}).encode()


class _Recorder(BaseHTTPRequestHandler):
    seen: list[dict] = []
    delay = 0.0

    def _answer(self, query: str) -> None:
        self.seen.append({"method": self.command, "query": query, "auth": self.headers.get("Authorization")})
        time.sleep(self.delay)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(ANSWER)))
            self.end_headers()
            self.wfile.write(ANSWER)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def do_GET(self) -> None:
        self._answer(parse_qs(urlsplit(self.path).query)["query"][0])

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self._answer(parse_qs(body)["query"][0])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def endpoint():
    _Recorder.seen = []
    _Recorder.delay = 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_short_queries_go_by_get_and_long_ones_by_post(endpoint):
    short = "SELECT ?x WHERE { }"
    long = "# " + "padding " * (GET_LIMIT // 8) + "\nSELECT ?x WHERE { }"
    assert run_remote(endpoint, short).rows[0]["x"].toPython() == "1"
    run_remote(endpoint, long)
    assert [(s["method"], s["query"]) for s in _Recorder.seen] == [("GET", short), ("POST", long)]


def test_timeout_gives_a_clear_message(endpoint):
    _Recorder.delay = 3.0
    started = time.monotonic()
    with pytest.raises(EndpointError, match="did not answer within 1 s|timed out"):
        run_remote(endpoint, "ASK {}", timeout=1)
    assert time.monotonic() - started < 2.5


def test_credentials_come_from_the_environment(endpoint, monkeypatch):
    monkeypatch.delenv("OSCE_KG_ENDPOINT_USER", raising=False)
    assert Credentials.from_env() is None
    monkeypatch.setenv("OSCE_KG_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("OSCE_KG_ENDPOINT_PASSWORD", "s3cret")
    assert Credentials.from_env() == Credentials("analyst", "s3cret", "basic")
    run_remote(endpoint, "SELECT ?x WHERE { }")
    assert _Recorder.seen[-1]["auth"] == "Basic " + base64.b64encode(b"analyst:s3cret").decode()
    monkeypatch.setenv("OSCE_KG_ENDPOINT_AUTH", "kerberos")
    with pytest.raises(EndpointError, match="must be 'basic' or 'digest'"):
        Credentials.from_env()


def test_the_cli_has_no_credential_options():
    from osce_kg.query.cli import query_command
    from osce_kg.query.push_cli import push_command

    options = {o for cmd in (query_command, push_command) for p in cmd.params for o in p.opts}
    assert not {o for o in options if "user" in o or "pass" in o or "auth" in o or "cred" in o}
