"""A push to a real Oxigraph server that dies part of the way, and `push --resume` (issue 14,
item 5): the failure says how far the push got, the journal keeps what arrived, the resumed push
sends only the rest, and the final check finds the remote counts equal to the store's."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from osce_kg.cli import main
from osce_kg.query.push import PushFailed, PushJournal, push, remote_counts
from servers import oxigraph_server

pytestmark = pytest.mark.server


def _killer(server, after: int):
    """A progress callback that kills the server once `after` graphs have arrived."""

    def progress(p) -> None:
        if p.graphs_done == after:
            server.process.kill()
            server.process.wait(10)

    return progress


def test_a_push_cut_by_a_dead_server_resumes_where_it_stopped(built_store, tmp_path):
    folder = tmp_path / "oxigraph"
    folder.mkdir()
    journal_path = tmp_path / "push-journal"
    names = built_store.graph_names()
    with oxigraph_server(folder) as server:
        port = int(server.store_url.split(":")[2].split("/")[0])
        journal = PushJournal.start(journal_path, server.store_url)
        with pytest.raises(PushFailed) as failed:
            push(built_store, server.store_url, journal=journal, attempts=2, backoff=0.01, progress=_killer(server, 5))
    message = str(failed.value)
    assert f"stopped after 5 of {len(names)} graphs" in message and "--resume" in message and str(journal_path) in message
    assert len(PushJournal.resume(journal_path, server.store_url).done) == 5

    with oxigraph_server(folder, port=port) as again:
        assert len(remote_counts(again.query_url, names)) == 5, "the first five graphs survived on the server"
        result = CliRunner().invoke(main, ["push", "--endpoint", again.query_url, "--from", str(built_store.path),
                                           "--journal", str(journal_path), "--resume"])
        assert result.exit_code == 0, result.output
        assert f"({5} of them by the push this one resumed)" in result.stdout
        assert result.stdout.count("already pushed") == 5
        assert f"pushing: {len(names)} of {len(names)} graphs, {built_store.count():,} quads" in result.stderr
        local = built_store.counts()
        assert remote_counts(again.query_url, names) == {n: c for n, c in local.items() if c}
    assert not journal_path.exists(), "a push that finished and checked removes its journal"


def test_resume_refuses_a_journal_of_another_target(tmp_path, built_store):
    journal_path = tmp_path / "j"
    PushJournal.start(journal_path, "http://127.0.0.1:1/store")
    result = CliRunner().invoke(main, ["push", "--endpoint", "http://127.0.0.1:2/query", "--from", str(built_store.path),
                                       "--journal", str(journal_path), "--resume"])
    assert result.exit_code == 2 and "is of a push to http://127.0.0.1:1/store" in result.output


def test_store_must_be_a_url_and_credentials_are_never_printed(tmp_path, built_store):
    runner = CliRunner()
    folder = runner.invoke(main, ["push", "--endpoint", "http://127.0.0.1:1/query", "--store", str(built_store.path)])
    assert folder.exit_code == 2 and "Traceback" not in folder.output
    assert "--store expects an http:// or https:// URL" in folder.output and "--from" in folder.output
    assert len(folder.output.splitlines()) == 1
    secret = runner.invoke(main, ["push", "--endpoint", "http://analyst:s3cret@127.0.0.1:1/query", "--from",
                                  str(built_store.path), "--retries", "0", "--journal", str(tmp_path / "j")])
    assert secret.exit_code == 2 and "s3cret" not in secret.output and "analyst" not in secret.output
    assert "127.0.0.1:1/store" in secret.output and "stopped after 0 of" in secret.output


def test_redact_removes_userinfo_from_every_url():
    from osce_kg.query.remote import redact, split_credentials

    text = "PUT https://u:p%40ss@h.example/store?graph=x failed; see http://a@b/c and mailto:x@y"
    assert redact(text) == "PUT https://h.example/store?graph=x failed; see http://b/c and mailto:x@y"
    url, creds = split_credentials("http://ana:p%40ss@h:7878/query")
    assert url == "http://h:7878/query" and (creds.user, creds.password) == ("ana", "p@ss")
