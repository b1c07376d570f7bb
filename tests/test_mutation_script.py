"""The query half of the mutation script (benchmarks/mutate.py) must flip every ordering
comparison the named queries make: one it cannot see would never be tested by it."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from osce_kg.paths import QUERIES_DIR

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import mutate  # noqa: E402

ORDERINGS = {"<", "<=", ">", ">="}


def _orderings(node: object) -> int:
    """Ordering comparisons in a parsed query, wherever they are (FILTER, BIND, nested)."""
    if isinstance(node, CompValue):
        own = 1 if node.name == "RelationalExpression" and str(node.get("op")) in ORDERINGS else 0
        return own + sum(_orderings(v) for v in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return sum(_orderings(v) for v in node)
    return 0


def test_every_ordering_comparison_of_every_named_query_is_mutated_both_ways() -> None:
    mutants = Counter(file for _, file, _ in mutate.query_mutants())
    expected = {p.name: 2 * _orderings(parseQuery(p.read_text(encoding="utf-8"))) for p in sorted(QUERIES_DIR.glob("*.rq"))}
    assert {k: v for k, v in expected.items() if v} == dict(mutants)
    assert sum(mutants.values()) >= 30
