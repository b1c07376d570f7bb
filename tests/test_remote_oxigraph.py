"""The remote path on a real Oxigraph server (`oxigraph serve`, started and stopped here): push the
bundled store, every named query gives the same rows as the embedded store, pushing twice replaces,
and HTTP failures come back as clear messages."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from osce_kg.cli import main
from osce_kg.query.push import push
from osce_kg.query.remote import EndpointError, run_remote
from remote_contract import CATALOG, assert_push_matches_store, assert_pushing_twice_replaces, assert_same_answer, calls
from servers import free_port, oxigraph_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory, built_store):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        report = push(built_store, server.store_url)
        yield server, report


def test_push_sends_every_graph(built_store, oxigraph):
    server, report = oxigraph
    assert_push_matches_store(built_store, server, report)


@pytest.mark.parametrize(("name", "given"), calls(), ids=lambda v: v if isinstance(v, str) else ",".join(v.values()) or "defaults")
def test_named_query_gives_the_same_rows_remotely(built_store, oxigraph, name, given):
    server, _ = oxigraph
    assert_same_answer(built_store, server.query_url, CATALOG[name], given)


def test_pushing_twice_leaves_the_same_triples(built_store, oxigraph):
    assert_pushing_twice_replaces(built_store, oxigraph[0])


def test_cli_query_with_endpoint_prints_what_the_local_store_prints(built_store, oxigraph):
    runner = CliRunner()
    args = ["query", "states-as-of", "--param", "date=2012-11-21", "--format", "csv"]
    remote = runner.invoke(main, [*args, "--endpoint", oxigraph[0].query_url])
    local = runner.invoke(main, [*args, "--store", str(built_store.path)])
    assert remote.exit_code == 0 and remote.output == local.output
    assert "Mongolia,2012-11-21" in remote.output


def test_cli_push_dry_run_and_real(built_store, oxigraph):
    server, _ = oxigraph
    runner = CliRunner()
    dry = runner.invoke(main, ["push", "--endpoint", server.query_url, "--from", str(built_store.path), "--dry-run"])
    assert dry.exit_code == 0 and dry.output.startswith(f"would push {len(built_store.graph_names())} graphs, {built_store.count()} triples")
    real = runner.invoke(main, ["push", "--endpoint", server.query_url, "--from", str(built_store.path)])
    assert real.exit_code == 0, real.output
    assert real.stdout.startswith(f"pushed {len(built_store.graph_names())} graphs, {built_store.count()} triples to {server.store_url}")
    assert "error" not in real.output
    assert f"pushing: {len(built_store.graph_names())} of {len(built_store.graph_names())} graphs, {built_store.count():,} quads" in real.stderr


def test_long_queries_go_by_post(built_store, oxigraph):
    padding = "# " + "x" * 5000 + "\n"
    assert run_remote(oxigraph[0].query_url, padding + "ASK { ?s ?p ?o }") is True


def test_errors_are_clear(oxigraph):
    server, _ = oxigraph
    with pytest.raises(EndpointError, match="cannot reach .*(refused|Connection)"):
        run_remote(f"http://127.0.0.1:{free_port()}/query", "ASK {}", timeout=5)
    with pytest.raises(EndpointError, match="HTTP 404, no SPARQL endpoint at this URL"):
        run_remote(server.query_url.replace("/query", "/no-such-endpoint"), "ASK {}")
    with pytest.raises(EndpointError, match="HTTP 400, the endpoint says the query is malformed"):
        run_remote(server.query_url, "SELECT * WHERE { ?s ?p }")
    runner = CliRunner()
    result = runner.invoke(main, ["query", "partners", "--endpoint", f"http://127.0.0.1:{free_port()}/query"])
    assert result.exit_code == 2 and result.output.startswith("error: cannot reach")


def test_push_retries_then_names_the_failure(built_store):
    dead = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(EndpointError, match=r"PUT .* failed after 3 attempts: .*refused"):
        push(built_store, dead, attempts=3, backoff=0.01)


def test_cli_query_with_endpoint_is_cut_at_max_rows(oxigraph):
    result = CliRunner().invoke(main, ["query", "states-as-of", "--endpoint", oxigraph[0].query_url, "--format", "csv", "--max-rows", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 4
    assert "note: the answer was cut at 3 rows" in result.stderr
