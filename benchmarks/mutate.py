"""Mutation testing of the queries and the shapes: does the fast test suite notice a wrong rule?

    python benchmarks/mutate.py queries   # flip each comparison of queries/*.rq in turn
    python benchmarks/mutate.py shapes    # drop each constraint of ontology/shapes.ttl in turn
    python benchmarks/mutate.py all --out docs/mutation-rules.md

queries: every `<`, `<=`, `>`, `>=` in a FILTER of a named query is mutated two ways, at its
boundary (`<=` -> `<`, `<` -> `<=`, ...: the off-by-one-day mutant) and reversed (`<=` -> `>=`,
...). Each mutant is written into a copy of the checkout (its src/ imported through PYTHONPATH) and the
fast tests run in it: first tests/test_boundaries.py and tests/test_queries.py, then, if
those pass, every fast test (`-m "not server and not browser"`), stopping at the first failure.

shapes: each constraint of tests/shape_constraints.txt (a parameter of a property shape, or a node
shape's own sh:xone / sh:class) is removed from the shapes, and so is each SPARQL rule's sh:sparql.
For the listed constraints the two checks of tests/test_shape_constraints.py are run in this process
on the mutated shapes (the bundled data is built once; `--pytest` runs pytest per mutant instead,
much slower); for the SPARQL rules, pytest runs tests/test_shapes.py, then every fast test.

A mutant is killed when a test fails. The report lists every mutant and the first test that failed.
Run it with `nice -n 10`: the query half takes ~10 minutes on two cores, the shapes half ~5.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-m", "not server and not browser"]
BOUNDARY = {"<=": "<", "<": "<=", ">=": ">", ">": ">="}
REVERSED = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}
# a comparison inside FILTER( ... ): an operator between two operands, not an IRI's angle brackets
COMPARISON = re.compile(r"(?<=[\s)])(<=|>=|<|>)(?=\s)")


@dataclass
class Outcome:
    kind: str
    name: str
    killed: bool
    by: str


def _home(tmp: Path) -> Path:
    """A copy of the checkout to mutate (the package reads ontology/ and queries/ next to its
    source, so the copy's src/ is imported: PYTHONPATH)."""
    home = tmp / "checkout"
    top = {".git", ".venv", "mutants", "store", "dist", "release", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n == "__pycache__" or (Path(folder) == ROOT and (n in top or n.startswith("store.")))}

    shutil.copytree(ROOT, home, symlinks=True, ignore=ignore)
    return home


def _pytest(home: Path, *args: str) -> tuple[bool, str]:
    """Run pytest in the mutated copy; (failed, the first failing test)."""
    env = {**os.environ, "PYTHONPATH": str(home / "src")}
    env.pop("OSCE_KG_HOME", None)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *FAST, *args],
                          cwd=home, env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # not "tests failed": pytest itself could not run them
        raise RuntimeError(f"pytest exited {proc.returncode} in {home}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    failed = [line.split(" ", 1)[1].split(" - ")[0] for line in proc.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    return proc.returncode == 1, (failed[0] if failed else "")


def _staged(home: Path, first: list[str]) -> tuple[bool, str]:
    killed, by = _pytest(home, *first)
    if killed:
        return killed, by
    return _pytest(home, "tests", "src")


def _filter_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each FILTER's parenthesised expression, which may span several lines."""
    spans = []
    for match in re.finditer(r"\bFILTER\s*\(", text):
        depth, i = 1, match.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        spans.append((match.end(), i))
    return spans


def query_mutants() -> list[tuple[str, str, str]]:
    """(name, query file, mutated text) for each comparison flip of each named query: every
    comparison inside a FILTER's parentheses, on its first line or on a continuation line."""
    out = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        seen: set[int] = set()
        for begin, finish in _filter_spans(text):
            for match in COMPARISON.finditer(text, begin, finish):
                line_start = text.rfind("\n", 0, match.start()) + 1
                if match.start() in seen or text[line_start:match.start()].lstrip().startswith("#"):
                    continue
                seen.add(match.start())
                op, line_no = match.group(1), text.count("\n", 0, match.start()) + 1
                for how, table in (("boundary", BOUNDARY), ("reversed", REVERSED)):
                    mutated = text[: match.start()] + table[op] + text[match.end():]
                    out.append((f"{path.name}:{line_no} {op} -> {table[op]} ({how})", path.name, mutated))
    return out


def run_queries(only: str) -> list[Outcome]:
    outcomes = []
    for name, file, mutated in query_mutants():
        if only not in name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            home = _home(Path(tmp))
            (home / "queries" / file).write_text(mutated, encoding="utf-8")
            killed, by = _staged(home, ["tests/test_boundaries.py", "tests/test_queries.py"])
        outcomes.append(Outcome("query", name, killed, by))
        print(f"{'killed  ' if killed else 'SURVIVED'} {name}  {by}", flush=True)
    return outcomes


def run_shapes(use_pytest: bool, only: str) -> list[Outcome]:
    sys.path.insert(0, str(ROOT / "tests"))
    from rdflib import Graph
    from rdflib.namespace import SH

    from shape_cases import _expand, _short, constraints, load_shapes

    shapes = load_shapes()

    def without(dropped: set) -> Graph:
        mutated = Graph()
        for prefix, namespace in shapes.namespaces():
            mutated.bind(prefix, namespace)
        for t in shapes:
            if t not in dropped:
                mutated.add(t)
        return mutated

    outcomes = []
    mutants: list[tuple[str, Graph, list[str]]] = []
    # one mutant per triple removed: a shared property shape's constraint is one triple for all
    # the node shapes that use it (named by the first of them, with the count)
    by_triple: dict[tuple, list[str]] = {}
    for c in constraints(shapes):
        subject = c.property_shape if c.property_shape is not None else _expand(shapes, c.shape)
        for o in shapes.objects(subject, c.parameter):
            if c.value.split(" of ")[0] == _short(shapes, o):
                by_triple.setdefault((subject, c.parameter, o), []).append(c.key)
    for triple, keys in by_triple.items():
        name = keys[0] + (f"  (shared by {len(keys)} node shapes)" if len(keys) > 1 else "")
        mutants.append((name, without({triple}), ["tests/test_shape_constraints.py"]))
    for rule in sorted(shapes.subjects(SH.sparql, None), key=str):
        mutants.append((f"{_short(shapes, rule)} | sh:sparql", without(set(shapes.triples((rule, SH.sparql, None)))), ["tests/test_shapes.py"]))

    mutants = [m for m in mutants if only in m[0]]
    store = None
    if not use_pytest and any(first == ["tests/test_shape_constraints.py"] for _, _, first in mutants):
        from osce_kg import paths
        from osce_kg.build.pipeline import BuildOptions, build
        from osce_kg.build.progress import Steps
        from osce_kg.store import GraphStore
        from test_shape_constraints import (
            test_each_constraint_reports_its_failing_case,
            test_the_list_names_every_constraint_of_the_shapes,
        )

        tmp_store = Path(tempfile.mkdtemp()) / "store"
        build(BuildOptions(store=tmp_store, data=paths.DATA_DIR, ontology=paths.ONTOLOGY_DIR, dist=None), Steps(quiet=True))
        store = GraphStore.open_read_only(tmp_store)

    for name, mutated, first in mutants:
        if store is not None and first == ["tests/test_shape_constraints.py"]:
            by = []
            for check in (test_the_list_names_every_constraint_of_the_shapes, test_each_constraint_reports_its_failing_case):
                try:
                    check(mutated) if check is test_the_list_names_every_constraint_of_the_shapes else check(mutated, store)
                except AssertionError:
                    by.append(check.__name__)
            killed, by_text = bool(by), " + ".join(by)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                home = _home(Path(tmp))
                mutated.serialize(home / "ontology" / "shapes.ttl", format="turtle")
                killed, by_text = _staged(home, first)
        outcomes.append(Outcome("shape", name, killed, by_text))
        print(f"{'killed  ' if killed else 'SURVIVED'} {name}  {by_text}", flush=True)
    return outcomes


def report(outcomes: list[Outcome]) -> str:
    lines = []
    for kind in ("query", "shape"):
        mine = [o for o in outcomes if o.kind == kind]
        if not mine:
            continue
        killed = sum(o.killed for o in mine)
        lines += [f"### {kind} mutants: {killed} of {len(mine)} killed", "", "| mutant | killed by |", "|---|---|"]
        lines += [f"| `{o.name}` | {o.by if o.killed else '**survived**'} |" for o in mine]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["queries", "shapes", "all"])
    parser.add_argument("--pytest", action="store_true", help="shapes: run pytest for every mutant (slow)")
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) to this file")
    parser.add_argument("--only", default="", help="only the mutants whose name contains this text (e.g. 'sh:sparql')")
    args = parser.parse_args()
    outcomes = []
    if args.what in ("queries", "all"):
        outcomes += run_queries(args.only)
    if args.what in ("shapes", "all"):
        outcomes += run_shapes(args.pytest, args.only)
    text = report(outcomes)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0 if all(o.killed for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
