"""The remote path on a real Virtuoso (Debian virtuoso-opensource, our own process with a private
ini and database, every port on 127.0.0.1): push through the digest-authenticated Graph Store
endpoint, every named query gives the same rows as the embedded store, pushing twice replaces,
and refusals come back as clear messages."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from osce_kg.cli import main
from osce_kg.query.push import push
from osce_kg.query.remote import EndpointError, run_remote
from remote_contract import CATALOG, assert_push_matches_store, assert_pushing_twice_replaces, assert_same_answer, calls
from servers import virtuoso_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, built_store):
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        report = push(built_store, server.store_url, credentials=server.credentials)
        yield server, report


def test_push_sends_every_graph(built_store, virtuoso):
    server, report = virtuoso
    assert_push_matches_store(built_store, server, report)


@pytest.mark.parametrize(("name", "given"), calls(), ids=lambda v: v if isinstance(v, str) else ",".join(v.values()) or "defaults")
def test_named_query_gives_the_same_rows_remotely(built_store, virtuoso, name, given):
    server, _ = virtuoso
    assert_same_answer(built_store, server.query_url, CATALOG[name], given)


def test_pushing_twice_leaves_the_same_triples(built_store, virtuoso):
    assert_pushing_twice_replaces(built_store, virtuoso[0])


def test_cli_push_takes_credentials_from_the_environment(built_store, virtuoso, monkeypatch):
    server, _ = virtuoso
    runner = CliRunner()
    anonymous = runner.invoke(main, ["push", "--endpoint", server.query_url, "--from", str(built_store.path), "--retries", "1"])
    assert anonymous.exit_code == 2
    # without credentials the guessed Graph Store URL is the anonymous one, where Virtuoso refuses writes
    assert "/sparql-graph-crud?" in anonymous.output and "failed: HTTP 403 Forbidden" in anonymous.output
    assert "Permission denied" in anonymous.output
    monkeypatch.setenv("OSCE_KG_ENDPOINT_USER", server.credentials.user)
    monkeypatch.setenv("OSCE_KG_ENDPOINT_PASSWORD", server.credentials.password)
    monkeypatch.setenv("OSCE_KG_ENDPOINT_AUTH", "digest")
    pushed = runner.invoke(main, ["push", "--endpoint", server.query_url, "--from", str(built_store.path)])
    assert pushed.exit_code == 0, pushed.output
    assert f"to {server.store_url}" in pushed.output and "warning" not in pushed.output


def test_cli_query_with_endpoint_matches_local_rows(built_store, virtuoso):
    runner = CliRunner()
    args = ["query", "chairpersonships", "--param", "from=2007", "--param", "to=2008", "--format", "csv"]
    remote = runner.invoke(main, [*args, "--endpoint", virtuoso[0].query_url])
    local = runner.invoke(main, [*args, "--store", str(built_store.path)])
    assert remote.exit_code == 0
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())


def test_digest_credentials_reach_the_authenticated_query_endpoint(virtuoso):
    server, _ = virtuoso
    secured = server.query_url.replace("/sparql", "/sparql-auth")
    assert run_remote(secured, "ASK { ?s ?p ?o }", credentials=server.credentials) is True
    with pytest.raises(EndpointError, match="HTTP 401, credentials missing or wrong"):
        run_remote(secured, "ASK { ?s ?p ?o }")


def test_errors_are_clear(virtuoso):
    server, _ = virtuoso
    with pytest.raises(EndpointError, match="HTTP 400, the endpoint says the query is malformed: .*SP030"):
        run_remote(server.query_url, "SELECT * WHERE { ?s ?p }")
    with pytest.raises(EndpointError, match="HTTP 404"):
        run_remote(server.query_url.replace("/sparql", "/no-such-endpoint"), "ASK {}")
