"""Network figures: weighted distances, communities, the table and the CSV, `osce-kg analyze`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
from click.testing import CliRunner
from rdflib import Graph

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.store import GraphStore
from osce_kg.viz import projections
from osce_kg.viz.analyze import analyze, to_csv, to_table


def _network(edges: list[tuple[str, str, int]]) -> nx.Graph:
    g = nx.Graph()
    for u, v, w in edges:
        g.add_edge(u, v, weight=w)
    for n in g:
        g.nodes[n].update(label=n, type="State", iri=f"urn:{n}")
    return g


def test_heavier_edges_are_shorter_paths_for_betweenness() -> None:
    # A and C are named together once, each of them often with B: the strong ties run through B.
    figures = {r.label: r for r in analyze(_network([("A", "B", 10), ("B", "C", 10), ("A", "C", 1)]))}
    assert figures["B"].betweenness > 0
    unweighted = {r.label: r for r in analyze(_network([("A", "B", 1), ("B", "C", 1), ("A", "C", 1)]))}
    assert unweighted["B"].betweenness == 0
    assert figures["B"].weighted_degree == 20


def test_two_cliques_joined_by_one_edge_are_two_communities() -> None:
    left = [(a, b, 5) for a, b in [("a1", "a2"), ("a1", "a3"), ("a2", "a3")]]
    right = [(a, b, 5) for a, b in [("b1", "b2"), ("b1", "b3"), ("b2", "b3")]]
    rows = analyze(_network([*left, *right, ("a3", "b1", 1)]))
    community = {r.label: r.community for r in rows}
    assert community["a1"] == community["a2"] == community["a3"] != community["b1"] == community["b2"] == community["b3"]
    assert rows[0].label in {"a3", "b1"}  # the bridge ends are the most between


def test_directed_projection_is_analysed_as_undirected(mini_graph: Graph) -> None:
    g = projections.structure(mini_graph)
    rows = {r.iri: r for r in analyze(g)}
    root = str(iri.structure("osce"))
    assert rows[root].degree == g.degree(root)
    assert max(rows.values(), key=lambda r: r.betweenness).iri == root


def test_csv_and_table_hold_every_node(mini_graph: Graph) -> None:
    g = projections.comention(mini_graph)
    rows = analyze(g)
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert {r["iri"] for r in parsed} == set(g)
    assert {r["label"]: int(r["degree"]) for r in parsed} == {d["label"]: g.degree(n) for n, d in g.nodes(data=True)}
    table = to_table(rows).splitlines()
    assert table[0].split()[:3] == ["label", "type", "degree"]
    assert len(table) == len(rows) + 3
    assert len(to_table(rows, top=2).splitlines()) == 2 + 3


def test_analyze_command_on_the_bundled_structure(built_store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "structure.csv"
    result = CliRunner().invoke(main, ["analyze", "structure", "--format", "csv", "-o", str(out), "--store", str(built_store.path)])
    assert result.exit_code == 0, result.output
    parsed = list(csv.DictReader(out.open(encoding="utf-8")))
    g = projections.structure(built_store)
    assert len(parsed) == g.number_of_nodes()
    assert max(parsed, key=lambda r: int(r["degree"]))["iri"] == str(iri.structure("osce"))
    table = CliRunner().invoke(main, ["analyze", "comention", "--top", "5", "--store", str(built_store.path)])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[0].startswith("label")
