"""`osce-kg validate` on many bad nodes (issue 14, item 5): the counts per shape first, the list
of results capped (--max-violations), the full report in a file (--report), and a file read
without rdflib graphs gives the same results as the rdflib Dataset path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from osce_kg.cli import main
from osce_kg.validate.rdf_files import load_dataset
from osce_kg.validate.shacl import validate_dataset, validate_files

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from validate_input import write_bad_turtle  # noqa: E402


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "bad.ttl"
    write_bad_turtle(path, nodes=60, megabytes=0.05)
    return path


def test_counts_per_shape_come_first_and_the_list_is_capped(bad_file, tmp_path):
    full = tmp_path / "report.txt"
    result = CliRunner().invoke(main, ["validate", str(bad_file), "--max-violations", "5", "--report", str(full)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    total = len(validate_files([bad_file]).violations)
    assert lines[0] == f"The graph does not conform to the shapes: {total:,} result(s) on 60 focus node(s)."
    assert lines[1] == "By shape:"
    counts = [line for line in lines if line.startswith("  ")]
    assert sum(int(line.split()[0].replace(",", "")) for line in counts) == total
    assert any("osce:year: a Chairpersonship needs exactly one osce:year" in line and " on      60 nodes" in line for line in counts)
    assert "The first 5 results:" in lines
    listed = [line for line in lines if line.startswith("chairpersonship ")]
    assert len(listed) == 5
    assert f"... and {total - 5:,} more (all of them: --report FILE)" in lines
    assert lines[-1] == f"The full report: {full}"
    written = full.read_text().splitlines()
    assert sum(1 for line in written if line.startswith("chairpersonship ")) == total


def test_max_violations_zero_gives_the_counts_only(bad_file):
    result = CliRunner().invoke(main, ["validate", str(bad_file), "--max-violations", "0"])
    assert result.exit_code == 1
    assert not any(line.startswith("chairpersonship ") for line in result.stderr.splitlines())


def test_files_read_by_pyoxigraph_give_the_rdflib_paths_results(bad_file, tmp_path):
    # a second file reusing a blank node label: two files, two nodes
    other = tmp_path / "other.ttl"
    other.write_text(
        "@prefix osce: <https://w3id.org/osce-kg/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '_:b1 a osce:City .\n<https://example.org/x> a osce:City ; rdfs:label "x"@en .\n',
        encoding="utf-8",
    )
    files = [bad_file, other]
    ours = validate_files(files)
    reference = validate_dataset(load_dataset(files))

    def key(v):
        focus = "blank" if not str(v.focus).startswith("http") else str(v.focus)
        return (focus, v.path, v.message, str(v.value), v.focus_label, v.graph)

    assert sorted(map(key, ours.violations)) == sorted(map(key, reference.violations))
    assert any(key(v)[0] == "blank" for v in ours.violations)
