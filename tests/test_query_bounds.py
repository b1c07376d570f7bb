"""Local queries are bounded and stay local (issue 14, item 3): a time limit that stops the work,
a row cap with a note, updates refused, SERVICE refused unless the host is allowed (no connection
opened: a real listening socket counts them), syntax errors naming file, line and column."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from osce_kg.cli import main
from osce_kg.query.bounded import (
    QueryFailed,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    QueryWorker,
    run_bounded,
)
from osce_kg.query.policy import service_calls
from osce_kg.query.results import Solutions, write

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    it = Listener()
    yield it
    it.sock.close()


@pytest.fixture(scope="module")
def store_path(bundled_build) -> Path:
    return bundled_build.store


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_a_query_over_its_time_limit_is_stopped_and_its_process_is_gone(store_path):
    worker = QueryWorker(store_path).start()
    pid = worker.pid
    assert pid is not None and _alive(pid)
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        worker.run(CARTESIAN, timeout=1)
    assert time.monotonic() - t0 < 5
    assert not _alive(pid), "the worker still runs the query after the timeout"
    # the next query gets a fresh worker
    answer = worker.run("ASK { ?s ?p ?o }", timeout=10)
    assert answer.result is True and worker.pid != pid
    worker.close()


def test_the_row_cap_cuts_the_answer_and_says_so(store_path, built_store):
    total = built_store.count()
    answer = run_bounded(store_path, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=7, timeout=30)
    assert answer.cut and len(answer.result.rows) == 7 and "cut at 7 rows" in answer.note
    whole = run_bounded(store_path, "SELECT ?s WHERE { ?s a ?t } LIMIT 5", max_rows=5, timeout=30)
    assert not whole.cut and len(whole.result.rows) == 5 and whole.note is None
    triples = run_bounded(store_path, "CONSTRUCT WHERE { ?s ?p ?o }", max_rows=3, timeout=30)
    assert triples.cut and len(triples.result) == 3 and total > 3


def test_bounded_answers_equal_the_engines_own(store_path, built_store):
    query = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?s ?label"
    answer = run_bounded(store_path, query, timeout=30)
    assert isinstance(answer.result, Solutions)
    for fmt in ("csv", "tsv", "json", "xml"):
        assert write(answer.result, fmt) == built_store.raw_query(query).serialize(format=_fmt(fmt))
    assert answer.result.rows == built_store.query(query)


def _fmt(name: str) -> ox.QueryResultsFormat:
    return {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
            "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}[name]


def test_bindings_are_substituted_by_the_engine(store_path):
    query = "SELECT ?s ?p WHERE { ?s ?p ?o } LIMIT 1"
    answer = run_bounded(store_path, query, bindings={"s": ox.NamedNode("urn:nothing")}, timeout=30)
    assert answer.result.rows == []


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "PREFIX x: <urn:x#>\nDROP GRAPH x:g",
        "LOAD <http://127.0.0.1:1/data.ttl>",
    ],
)
def test_updates_are_refused_with_a_message_that_says_what_to_use(store_path, built_store, update):
    before = built_store.count()
    with pytest.raises(QueryRefused, match="updates are not allowed: use build or ingest"):
        run_bounded(store_path, update, timeout=30, source="u.rq")
    assert built_store.count() == before


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "PREFIX e: <http://127.0.0.1:{port}/>\nASK {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?x ?p ?o }} }} }} LIMIT 1",
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?s ?p ?o }} }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ SERVICE <http:\\u002F\\u002F127.0.0.1:{port}/q> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_service_calls_are_refused_and_no_connection_is_opened(store_path, listener, template):
    query = template.format(port=listener.port)
    with pytest.raises(QueryRefused, match="SERVICE calls are not made from the local store"):
        run_bounded(store_path, query, timeout=30)
    # allowing another host changes nothing
    with pytest.raises(QueryRefused, match="allowed hosts: example.org"):
        run_bounded(store_path, query, timeout=30, allowed_service_hosts=["example.org"])
    time.sleep(0.2)
    assert listener.connections == 0


def test_service_with_a_variable_is_refused(store_path):
    with pytest.raises(QueryRefused, match="SERVICE with a variable"):
        run_bounded(store_path, "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:1/> } SERVICE ?e { ?s ?p ?o } }", timeout=30)


def test_an_allowed_host_is_called_and_its_failure_is_a_clear_error(store_path, listener):
    """The control for the test above: with the host allowed, the engine does connect, and the
    dropped connection is an error message, not a traceback."""
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryFailed):
        run_bounded(store_path, query, timeout=30, allowed_service_hosts=[f"127.0.0.1:{listener.port}"])
    time.sleep(0.2)
    assert listener.connections >= 1


def test_service_calls_are_read_from_the_parsed_query_not_the_text():
    # the word in a string, an IRI and a comment is not a SERVICE clause
    assert service_calls('SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" } # service <http://y/>') == []
    assert service_calls("SELECT * WHERE { ?s <http://example.org/service> ?o }") == []
    [call] = service_calls("PREFIX e: <http://Example.ORG:8890/>\nSELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }")
    assert call.iri == "http://Example.ORG:8890/sparql" and call.host == "example.org"


def test_an_iri_with_a_hash_before_service_on_one_line_is_still_read():
    # rdflib's parser took the '#' for a comment to the end of the line and refused a valid query
    one_line = ("PREFIX ex: <http://x.org/a#> SELECT * WHERE { ?s a <http://x.org/a#B> . "
                "SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } FILTER(?o >= 3) }")
    [call] = service_calls(one_line)
    assert call.iri == "http://127.0.0.1:9/s" and call.host == "127.0.0.1"
    assert service_calls("PREFIX ex: <http://x.org/a#> SELECT * WHERE { ?s ?p ?o }") == []


def test_a_service_query_that_cannot_be_checked_is_refused(store_path, listener):
    with pytest.raises(QueryRefused, match="could not be parsed"):
        run_bounded(store_path, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p }} }}", timeout=30)
    assert listener.connections == 0


def test_a_syntax_error_names_file_line_and_column(store_path):
    with pytest.raises(QuerySyntaxError) as caught:
        run_bounded(store_path, "SELECT ?s\nWHERE {\n  ?s ?p\n}", timeout=30, source="q.rq")
    # the position is the engine's (where its parser stopped)
    assert str(caught.value).startswith("q.rq:4:2: SPARQL syntax error: expected")
    assert (caught.value.line, caught.value.column) == (4, 2)


# the command --------------------------------------------------------------------------------


def test_query_file_with_a_syntax_error_names_the_file_even_with_parameters_bound(store_path, tmp_path):
    rq = tmp_path / "broken.rq"
    text = "# param: x | iri | unbound | anything\nSELECT ?x WHERE {\n  ?x ?p ?o .\n  ?x ?p\n}\n"
    rq.write_text(text)
    with pytest.raises(SyntaxError) as engine:
        ox.Store().query(text)
    line, column = str(engine.value).split()[2].rstrip(":").split(":")
    result = CliRunner().invoke(main, ["query", str(rq), "--store", str(store_path), "-p", "x=urn:a"])
    assert result.exit_code == 2
    assert f"error: {rq}:{line}:{column}: SPARQL syntax error" in result.output
    assert "Traceback" not in result.output


def test_query_command_notes_a_cut_answer(store_path):
    result = CliRunner().invoke(main, ["query", "-", "--store", str(store_path), "--max-rows", "4", "-f", "csv"],
                                input="SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 5
    assert "note: the answer was cut at 4 rows" in result.stderr


def test_query_command_refuses_an_update_and_service(store_path, listener):
    runner = CliRunner()
    update = runner.invoke(main, ["query", "-", "--store", str(store_path)], input="DELETE WHERE { ?s ?p ?o }")
    assert update.exit_code == 2 and "updates are not allowed: use build or ingest" in update.output
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    service = runner.invoke(main, ["query", "-", "--store", str(store_path)], input=query)
    assert service.exit_code == 2 and "--allow-service" in service.output and "Traceback" not in service.output
    assert listener.connections == 0


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_query_command_timeout_stops_the_query_and_frees_its_process(store_path, tmp_path):
    rq = tmp_path / "cartesian.rq"
    rq.write_text(CARTESIAN)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "osce_kg", "query", str(rq), "--store", str(store_path), "--timeout", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    workers: set[int] = set()
    while proc.poll() is None and time.monotonic() - t0 < 30:
        workers.update(_children(proc.pid))
        time.sleep(0.1)
    _, err = proc.communicate(timeout=30)
    elapsed = time.monotonic() - t0
    assert proc.returncode == 124, err
    assert b"longer than 2 s and was stopped" in err and b"Traceback" not in err
    assert elapsed < 15
    assert workers and not any(_alive(pid) for pid in workers)


def test_a_syntax_error_keeps_the_worker(store_path):
    with QueryWorker(store_path) as worker:
        pid = worker.pid
        with pytest.raises(QuerySyntaxError):
            worker.run("SELECT * WHERE {", timeout=30)
        assert worker.run("ASK { ?s ?p ?o }", timeout=30).result is True and worker.pid == pid


def test_a_forkserver_worker_for_threaded_servers_is_bounded_too(store_path):
    with QueryWorker(store_path, start_method="forkserver") as worker:
        assert len(worker.run("SELECT * WHERE { ?s ?p ?o } LIMIT 3", timeout=30).result.rows) == 3
        pid = worker.pid
        with pytest.raises(QueryTimeout):
            worker.run(CARTESIAN, timeout=1)
        assert pid is not None and not _alive(pid)


def test_a_query_over_its_memory_limit_is_stopped_with_a_clear_message(store_path):
    sorted_product = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g LIMIT 1"
    with QueryWorker(store_path, max_memory_mb=600) as worker:
        with pytest.raises(QueryFailed, match="needed more than 600 MB of memory and was stopped"):
            worker.run(sorted_product, timeout=120)
        assert worker.run("ASK { ?s ?p ?o }", timeout=30).result is True
