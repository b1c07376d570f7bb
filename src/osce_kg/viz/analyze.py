"""Network figures of a projection: who is central, who bridges, which groups form.

Degree centrality (share of the other nodes a node touches), betweenness centrality (share of
shortest paths through it; on weighted networks a heavier edge is a shorter distance, so
States named together often sit close) and communities by Louvain modularity with a fixed seed,
so the same graph always gives the same groups.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

import networkx as nx

FORMATS = ("table", "csv")
SEED = 42


@dataclass(frozen=True)
class NodeFigures:
    label: str
    type: str
    degree: int
    weighted_degree: float
    degree_centrality: float
    betweenness: float
    community: int
    iri: str


def _weighted_undirected(graph: nx.Graph) -> nx.Graph:
    """A plain undirected copy: weights summed over both directions, distance = 1 / weight."""
    out = nx.Graph()
    out.add_nodes_from(graph)
    for u, v, w in graph.edges(data="weight", default=1):
        w = float(w or 1)
        if out.has_edge(u, v):
            out.edges[u, v]["weight"] += w
        else:
            out.add_edge(u, v, weight=w)
    for _, _, d in out.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return out


def analyze(graph: nx.Graph) -> list[NodeFigures]:
    """Figures of every node, most central (betweenness, then degree) first."""
    plain = _weighted_undirected(graph)
    betweenness = nx.betweenness_centrality(plain, weight="distance", normalized=True)
    degree_centrality = nx.degree_centrality(plain) if len(plain) > 1 else {n: 0.0 for n in plain}
    groups = nx.community.louvain_communities(plain, weight="weight", seed=SEED)
    ranked = sorted(groups, key=lambda g: (-len(g), min(g)))
    community = {n: i + 1 for i, members in enumerate(ranked) for n in members}
    rows = [
        NodeFigures(
            label=str(d.get("label", n)), type=str(d.get("type", "")), degree=plain.degree(n),
            weighted_degree=float(plain.degree(n, weight="weight")),
            degree_centrality=round(degree_centrality[n], 6), betweenness=round(betweenness[n], 6),
            community=community[n], iri=str(d.get("iri", n)),
        )
        for n, d in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r.betweenness, -r.degree, r.label))


def to_csv(rows: list[NodeFigures]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(NodeFigures.__dataclass_fields__), lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(r) for r in rows)
    return out.getvalue()


def to_table(rows: list[NodeFigures], top: int | None = None) -> str:
    """A fixed-width table for the terminal (the IRI column is left to the CSV)."""
    shown = rows[:top] if top else rows
    head = ("label", "type", "degree", "weighted", "deg.centr.", "betweenness", "community")
    body = [(r.label, r.type, str(r.degree), f"{r.weighted_degree:g}", f"{r.degree_centrality:.3f}",
             f"{r.betweenness:.3f}", str(r.community)) for r in shown]
    widths = [min(max(len(x[i]) for x in [head, *body]), 60) for i in range(len(head))]
    numeric = set(range(2, len(head)))

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join((c[:w].rjust(w) if i in numeric else c[:w].ljust(w)) for i, (c, w) in enumerate(zip(cells, widths, strict=False))).rstrip()

    communities = len({r.community for r in rows})
    footer = f"{len(rows)} nodes, {communities} communities" + (f"; top {len(shown)} shown" if len(shown) < len(rows) else "")
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, body), footer]) + "\n"
