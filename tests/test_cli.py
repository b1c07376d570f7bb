"""The `osce-kg` command: help everywhere, exit codes, errors without tracebacks, a real subprocess."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from osce_kg import iri
from osce_kg.cli import COMMANDS, Command, load, main
from osce_kg.export.formats import data_graphs
from osce_kg.namespaces import BASE
from osce_kg.query.catalog import load_catalog
from osce_kg.query.results import SELECT_FORMATS
from osce_kg.store import GraphStore


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += _all_commands(command, prefix + (name,))
        else:
            found.append(prefix + (name,))
    return found


@pytest.mark.parametrize("command", _all_commands(main), ids=lambda c: " ".join(c) or "osce-kg")
def test_help_on_every_command(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_the_spine_commands_are_attached() -> None:
    assert {"build", "stats", "validate", "export"} <= set(main.list_commands(click.Context(main)))


def _first_sentence(text: str) -> str:
    paragraph = " ".join(text.split("\n\n", 1)[0].split())
    return paragraph.split(". ", 1)[0].rstrip(".") + "."


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_listed_help_is_the_commands_own(name: str) -> None:
    """--help lists each command from the table without importing it; the table must say what
    the command's own help says first."""
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.help
    assert COMMANDS[name].short_help == _first_sentence(command.help)
    listing = " ".join(CliRunner().invoke(main, ["--help"]).output.split())
    assert f"{name} {COMMANDS[name].short_help}" in listing


IMPORTED = (
    "import sys; from osce_kg.cli import main\n"
    "for args in {runs!r}:\n    main(args, standalone_mode=False)\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
)


def _modules_after(*runs: list[str]) -> tuple[set[str], str]:
    """The modules a fresh Python has loaded after running the commands in turn, and what they printed."""
    run = subprocess.run([sys.executable, "-c", IMPORTED.format(runs=list(runs))], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return set(run.stderr.splitlines()[-1].split()), run.stdout


def test_help_imports_no_command_module() -> None:
    loaded, _ = _modules_after(["--help"])
    commands = {entry.target.partition(":")[0] for entry in COMMANDS.values()}
    assert not loaded & commands
    assert not loaded & {"rdflib", "networkx", "pyshacl", "pyoxigraph"}


PLAIN_TYPES = {"year", "date", "integer", "string", "iri"}
"""Parameter types checked without the curated data or iri.py (a State, a structure or a field
is a key of the curated data, minted into an IRI by iri.py, which makes rdflib terms)."""


def test_a_query_on_the_store_imports_neither_rdflib_nor_the_build_the_drawing_or_the_endpoint_libraries(
        built_store: GraphStore) -> None:
    """Issue 13, a fast start: rdflib takes 40-50 ms to import, more than the rest of a query's
    start; a SELECT answer goes from the engine to pyoxigraph's writers and needs none of it. Every
    SELECT named query with plain parameters, in every format: fails as soon as a module on that
    path imports rdflib, the build's, the drawing's or the endpoint's libraries at its top."""
    names = [n for n, q in load_catalog().items() if q.form == "SELECT" and {p.type for p in q.params} <= PLAIN_TYPES]
    assert "chairpersonships" in names and len(names) >= 5
    loaded, printed = _modules_after(
        *(["query", name, "--format", fmt, "--store", str(built_store.path)] for name in names for fmt in SELECT_FORMATS))
    assert printed.count("year,state,stateName,chairperson,chairpersonName\n1991,") == 1  # the answers were written
    assert "osce_kg.query.bounded" in loaded
    assert not {m.partition(".")[0] for m in loaded} & {"rdflib", "networkx", "pyshacl", "pyshacl_turbo", "pylode", "pyld"}
    assert not loaded & {"osce_kg.build.pipeline", "osce_kg.query.rdf_answer", "osce_kg.store.terms"}
    # the endpoint client and the upload command are for --endpoint and push, not the embedded store
    assert not loaded & {"SPARQLWrapper", "osce_kg.query.push", "osce_kg.query.push_cli"}


def test_a_command_missing_its_extra_names_the_extra() -> None:
    with pytest.raises(click.UsageError, match=r"pip install 'osce-kg\[serve\]'"):
        load("serve", Command("osce_kg_no_such_module:serve", "Serve.", extra="serve"))


def test_export_help_example_graph_exists(built_store: GraphStore) -> None:
    text = CliRunner().invoke(main, ["export", "--help"]).output
    examples = set(re.findall(r"'(graph/[a-z_/]+)'", " ".join(text.split())))
    assert examples
    assert {BASE + e for e in examples} <= {str(g) for g in built_store.graph_names()}


def test_missing_store_says_to_build(tmp_path: Path) -> None:
    for args in (["stats"], ["export", "--format", "nt"], ["validate"]):
        result = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "none")])
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("error: ") and "osce-kg build" in result.stderr
        assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "yaml"])
    assert result.exit_code == 2
    assert "yaml" in result.stderr


def test_export_unknown_graph_exits_2(built_store: GraphStore) -> None:
    result = CliRunner().invoke(main, ["export", "--store", str(built_store.path), "--graph", "graph/data/nothing"])
    assert result.exit_code == 2
    assert "no such graph" in result.stderr and "graph/data/nothing" in result.stderr


def test_export_one_graph_to_a_file(built_store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "states.ttl"
    result = CliRunner().invoke(
        main,
        ["export", "--store", str(built_store.path), "-f", "turtle", "-g", "graph/data/participating_states", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    parsed = Graph().parse(out, format="turtle")
    assert isomorphic(parsed, built_store.graph(iri.graph("data", "participating_states")))


def test_stats_lists_every_graph_with_its_count(built_store: GraphStore) -> None:
    result = CliRunner().invoke(main, ["stats", "--store", str(built_store.path)])
    assert result.exit_code == 0, result.output
    numbers = {line.split()[0]: int(line.split()[-1]) for line in result.output.splitlines() if line.startswith("  graph/")}
    total = next(int(line.split()[-1]) for line in result.output.splitlines() if line.strip().startswith("total"))
    assert total == built_store.count()
    for name, n in built_store.counts().items():
        if iri.graph_kind(name) != "page" or "graph/page/*" not in result.output:
            assert numbers["graph/" + str(name).split("/graph/", 1)[1]] == n
    assert "osce:ParticipatingState" in result.output
    assert "Graphs by kind:" in result.output


def test_validate_store_conforms(built_store: GraphStore) -> None:
    result = CliRunner().invoke(main, ["validate", "--store", str(built_store.path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validate_file_with_violation_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "unlabelled.ttl"
    bad.write_text(
        "@prefix osce: <https://w3id.org/osce-kg/ontology#> .\n"
        "<https://w3id.org/osce-kg/id/structure/unlabelled-council> a osce:DecisionMakingBody .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1, result.output
    assert "unlabelled-council" in result.stderr
    assert "unlabelled.ttl" in result.stderr  # the graph is named after the file


def test_validate_file_with_syntax_error_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\n\nex:a ex:b ex:c ;\n  ex:d .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:")
    assert "Traceback" not in result.stderr


def test_installed_entry_point_runs(built_store: GraphStore) -> None:
    exe = shutil.which("osce-kg")
    assert exe, "the osce-kg console script is not installed (pip install -e .)"
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "osce-kg" in version.stdout
    export = subprocess.run(
        [exe, "export", "--store", str(built_store.path), "--format", "nt"], capture_output=True, timeout=120
    )
    assert export.returncode == 0, export.stderr
    parsed = Graph().parse(data=export.stdout.decode("utf-8"), format="nt")
    assert isomorphic(parsed, built_store.union_graph(data_graphs(built_store)))
    missing = subprocess.run([exe, "stats", "--store", "/nonexistent/store"], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "osce-kg build" in missing.stderr and "Traceback" not in missing.stderr
