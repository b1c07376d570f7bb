"""Static pictures (SVG, PNG) through Graphviz, for reports and slides.

The `graphviz` package writes DOT and runs Debian's Graphviz binaries: `dot` draws the structure
as a left-to-right tree, `sfdp` places the networks by force. Colours are the viewer's.
"""

from __future__ import annotations

import html
import math

import graphviz
import networkx as nx

from osce_kg.viz.html import COLOURS, TREE_PROJECTIONS

FORMATS = ("svg", "png")


def _text_colour(fill: str) -> str:
    """White on dark fills, black on light ones (relative luminance of the sRGB hex colour)."""
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else "#000000"


def _legend(graph: nx.Graph, title: str) -> str:
    """The title and colour legend as the graph's own HTML-like label (adds no node to the picture)."""
    kinds = sorted({d.get("kind", "Other") for _, d in graph.nodes(data=True)})
    cells = "".join(
        f'<TD BGCOLOR="{c}"><FONT COLOR="{_text_colour(c)}">{html.escape(k)}</FONT></TD>'
        for k in kinds for c in [COLOURS.get(k, COLOURS["Other"])]
    )
    return f'<<TABLE BORDER="0" CELLSPACING="4"><TR><TD COLSPAN="{max(len(kinds), 1)}"><B>{html.escape(title)}</B></TD></TR><TR>{cells}</TR></TABLE>>'


def to_dot(graph: nx.Graph, *, title: str) -> graphviz.Graph | graphviz.Digraph:
    """The projection as a Graphviz graph: labelled, coloured by kind, closed ones dashed."""
    tree = graph.graph.get("projection") in TREE_PROJECTIONS
    cls = graphviz.Digraph if graph.is_directed() else graphviz.Graph
    dot = cls(engine="dot" if tree else "sfdp")
    dot.attr(label=_legend(graph, title), labelloc="t", fontname="Helvetica", overlap="prism",
             outputorder="edgesfirst", rankdir="LR" if tree else "TB", ranksep="1.2" if tree else "0.3")
    dot.attr("node", style="filled", fontname="Helvetica", fontsize="10", shape="box" if tree else "ellipse",
             margin="0.08,0.03", height="0.2")
    dot.attr("edge", color="#8a93a3", arrowsize="0.5")
    ids = {n: f"n{i}" for i, n in enumerate(graph.nodes)}
    for n, d in graph.nodes(data=True):
        fill = COLOURS.get(d.get("kind", "Other"), COLOURS["Other"])
        dot.node(ids[n], label=str(d.get("label", n)), fillcolor=fill, fontcolor=_text_colour(fill),
                 style="filled,dashed" if d.get("closed") else "filled", tooltip=str(d.get("iri", n)),
                 URL=str(d.get("iri", n)))
    heaviest = max((w for _, _, w in graph.edges(data="weight", default=1)), default=1) or 1
    for u, v, w in graph.edges(data="weight", default=1):
        width = 0.6 + 5 * math.sqrt((w or 1) / heaviest) if heaviest > 1 else 1.0
        dot.edge(ids[u], ids[v], penwidth=f"{width:.2f}")
    return dot


def render(graph: nx.Graph, fmt: str, *, title: str) -> bytes:
    """SVG or PNG bytes of the projection."""
    if fmt not in FORMATS:
        raise ValueError(f"static format must be one of {FORMATS}, not {fmt!r}")
    return to_dot(graph, title=title).pipe(format=fmt)
