"""Where outputs go and which data is read: the workspace (--home, $OSCE_KG_HOME, the current
folder) takes the store and dist/; `osce-kg init` gives it editable copies of data/ and queries/,
which the build and the query catalogue then read instead of the bundled ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from osce_kg import iri, paths
from osce_kg.cli import main
from osce_kg.store import GraphStore


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, no workspace variables set: where a new user starts."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv(paths.HOME_VARIABLE, raising=False)
    monkeypatch.delenv(paths.STORE_VARIABLE, raising=False)
    yield folder
    paths.use_home(None)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_the_workspace_is_home_else_the_variable_else_the_current_folder(elsewhere: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert (paths.workspace(), paths.workspace_origin()) == (elsewhere, "the current folder")
    assert paths.default_store() == elsewhere / "store" and paths.dist_dir() == elsewhere / "dist"
    assert paths.data_dir() == paths.DATA_DIR and paths.queries_dir() == paths.QUERIES_DIR
    monkeypatch.setenv(paths.HOME_VARIABLE, str(tmp_path / "env"))
    assert (paths.workspace(), paths.workspace_origin()) == (tmp_path / "env", "$OSCE_KG_HOME")
    paths.use_home(tmp_path / "flag")
    assert (paths.workspace(), paths.workspace_origin()) == (tmp_path / "flag", "--home")
    monkeypatch.setenv(paths.STORE_VARIABLE, str(tmp_path / "elsewhere-store"))
    assert paths.default_store() == tmp_path / "elsewhere-store"


def test_help_says_where_the_workspace_is(elsewhere: Path) -> None:
    text = " ".join(run("--help").output.split())
    assert "--home DIR" in text and "$OSCE_KG_HOME" in text
    assert f"Workspace now: {elsewhere} (the current folder)" in text
    assert f"Workspace now: {elsewhere / 'w'} (--home)" in " ".join(run("--home", str(elsewhere / "w"), "--help").output.split())


def test_init_copies_data_and_queries_and_never_overwrites(elsewhere: Path) -> None:
    result = run("init", "ws")
    assert result.exit_code == 0, result.output
    for name, bundled in (("data", paths.DATA_DIR), ("queries", paths.QUERIES_DIR)):
        assert _files(elsewhere / "ws" / name) == _files(bundled), name
    (elsewhere / "ws" / "queries" / "partners.rq").write_text("# title: mine\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    again = run("init", "ws")
    assert again.exit_code == 2 and "already exists" in again.stderr and str(elsewhere / "ws" / "data") in again.stderr
    assert (elsewhere / "ws" / "queries" / "partners.rq").read_text(encoding="utf-8").startswith("# title: mine")


def test_init_without_a_folder_fills_the_workspace(elsewhere: Path) -> None:
    assert run("--home", "ws", "init").exit_code == 0
    assert (elsewhere / "ws" / "data" / "participating_states.csv").is_file()
    assert (elsewhere / "ws" / "queries" / "chairpersonships.rq").is_file()


def test_the_catalogue_reads_the_workspaces_queries(elsewhere: Path) -> None:
    assert run("init", "ws").exit_code == 0
    (elsewhere / "ws" / "queries" / "my-question.rq").write_text(
        "# title: My question\n# description: Something of my own.\nSELECT ?s WHERE { ?s a ?c } LIMIT 1\n", encoding="utf-8")
    assert "my-question" in run("--home", "ws", "queries").output
    assert "my-question" not in run("queries").output
    shown = run("--home", "ws", "query", "my-question", "--show-query")
    assert shown.exit_code == 0 and "LIMIT 1" in shown.output


def test_a_workspace_copy_of_a_named_query_is_checked_like_any_query(elsewhere: Path, built_store: GraphStore) -> None:
    """The copies `init` writes are the user's to edit: a SERVICE clause or an update written into
    one is refused as in any other query text; no query is trusted for where it comes from."""
    assert run("init", "ws").exit_code == 0
    copy = elsewhere / "ws" / "queries" / "chairpersonships.rq"
    text = copy.read_text(encoding="utf-8")
    store = ["--store", str(built_store.path)]
    assert run("--home", "ws", "query", "chairpersonships", "--format", "csv", *store).output.startswith("year,state,")
    copy.write_text(text.replace("WHERE {", "WHERE {\n  SERVICE <http://127.0.0.1:9/sparql> { ?x ?y ?z }", 1), encoding="utf-8")
    called = run("--home", "ws", "query", "chairpersonships", *store)
    assert called.exit_code == 2 and "SERVICE calls are not made from the local store" in called.output
    copy.write_text("# title: Chairpersonships, edited\nDELETE WHERE { ?s ?p ?o }\n", encoding="utf-8")
    updated = run("--home", "ws", "query", "chairpersonships", *store)
    assert updated.exit_code == 2 and "updates are not allowed" in updated.output


def test_build_in_a_workspace_reads_its_data_and_writes_only_there(elsewhere: Path, tmp_path: Path) -> None:
    """A workspace's own data (here: without the saved page) is what gets built, the store goes
    into the workspace, the summary says so, and nothing lands in the current folder."""
    ws = tmp_path / "ws"
    assert run("init", str(ws)).exit_code == 0
    for page in (ws / "data" / "pages").iterdir():
        page.unlink()
    result = run("--home", str(ws), "build", "--no-dist", "-q")
    assert result.exit_code == 0, result.output
    assert f"Workspace: {ws} (--home;" in result.output
    assert f"Data: {ws / 'data'} (the workspace's copy)" in result.output
    assert f"Store: {ws / 'store'}" in result.output
    assert list(elsewhere.iterdir()) == []
    store = GraphStore.open_read_only(ws / "store")
    try:
        assert not [g for g in store.graph_names() if iri.graph_kind(g) == "page"]
        locations = {str(r["loc"]) for r in store.query(
            f"SELECT ?loc WHERE {{ GRAPH <{iri.PROVENANCE_GRAPH}> {{ ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . "
            "?s <http://www.w3.org/ns/prov#atLocation> ?loc } }")}
    finally:
        store.close()
    assert "data/chairpersonships.csv" in locations  # relative to the workspace, not this machine's path


def test_build_without_a_workspace_copy_uses_the_bundled_data(elsewhere: Path, built_store: GraphStore) -> None:
    result = run("build", "--no-dist", "-q")
    assert result.exit_code == 0, result.output
    assert f"Data: {paths.DATA_DIR} (bundled with osce-kg" in result.output
    assert f"Workspace: {elsewhere} (the current folder;" in result.output
    assert sorted(p.name for p in elsewhere.iterdir() if not p.name.startswith(".")) == ["store", "store.d"]
    store = GraphStore.open_read_only(elsewhere / "store")
    try:
        assert store.counts() == built_store.counts()
    finally:
        store.close()


def test_init_where_nothing_can_be_written_is_a_clear_error(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(blocked / "workspace")])
    assert result.exit_code == 2, result.output
    assert f"{blocked / 'workspace' / 'data'}: cannot write the copy here" in result.output and "internal error" not in result.output
