"""One self-contained HTML file per projection: cytoscape.js, the viewer and the graph inlined.

The file loads nothing at view time (its Content-Security-Policy forbids it), so it can be
mailed, archived or opened on a machine without network. cytoscape.js comes from the npm
package pinned in viz/js/package-lock.json, through osce_kg.assets (inside the wheel).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

from osce_kg.assets import vendor_file

ASSETS = Path(__file__).parent / "assets"

COLOURS: dict[str, str] = {
    "OSCE": "#1f3a93",
    "Decision-making body": "#7b4fc9",
    "Chairpersonship": "#c98a1a",
    "Secretariat": "#2f86c9",
    "Institution": "#16a39a",
    "Parliamentary Assembly": "#8a5a44",
    "Field operation": "#e0523a",
    "Other structure": "#9aa0a6",
    "State": "#5cb85c",
    "Territory": "#b5d96b",
    "Person": "#e377c2",
    "Field of work": "#f2c94c",
    "Other": "#cccccc",
}
"""Colour of each node kind (the legend); distinguishable for the common colour-vision deficiencies."""

TREE_PROJECTIONS = {"structure"}


def cytoscape_js() -> str:
    """The minified cytoscape.js (osce_kg.assets: the wheel's copy, or node_modules/ in a checkout)."""
    return vendor_file("cytoscape.min.js").read_text(encoding="utf-8")


def _plain(value: object) -> object:
    return sorted(value) if isinstance(value, set) else value


def graph_json(graph: nx.Graph, *, title: str, show_closed: bool = False) -> dict[str, object]:
    """The viewer's data: cytoscape elements plus layout, colours and a note on the projection."""
    nodes = [
        {"data": {"id": n, **{k: _plain(v) for k, v in d.items()}, "degree": graph.degree(n)}}
        for n, d in graph.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"e{i}", "source": u, "target": v, **{k: _plain(x) for k, x in d.items()}}}
        for i, (u, v, d) in enumerate(graph.edges(data=True))
    ]
    meta = {k: v for k, v in graph.graph.items() if v}
    note = "; ".join(f"{k}: {v}" for k, v in meta.items())
    return {
        "title": title,
        "layout": "tree" if graph.graph.get("projection") in TREE_PROJECTIONS else "force",
        "nodes": nodes,
        "edges": edges,
        "colours": COLOURS,
        "show_closed": show_closed,
        "note": f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; {note}. Source: osce-kg.",
    }


def _script_safe(text: str, what: str) -> str:
    if "</script" in text.lower():
        raise ValueError(f"{what} contains '</script' and cannot be inlined")
    return text


def render_html(graph: nx.Graph, *, title: str, show_closed: bool = False) -> str:
    """The whole page as text. `show_closed` sets the initial state of the closed-structures toggle."""
    template = (ASSETS / "viewer.html").read_text(encoding="utf-8")
    # No "<" at all inside the JSON script element (escaped as \u003c, still the same JSON), so
    # neither "</script" nor "<!--<script" in a label can change where the element ends.
    data = json.dumps(graph_json(graph, title=title, show_closed=show_closed), ensure_ascii=False).replace("<", "\\u003c")
    parts = {
        "{{TITLE}}": html.escape(title),
        "/*{{STYLE}}*/": (ASSETS / "viewer.css").read_text(encoding="utf-8"),
        "/*{{VIEWER}}*/": _script_safe((ASSETS / "viewer.js").read_text(encoding="utf-8"), "viewer.js"),
        "{{DATA}}": data,
        "/*{{CYTOSCAPE}}*/": _script_safe(cytoscape_js(), "cytoscape.js"),
    }
    # Replace in order and only in the template's own text, so no inlined part is scanned again.
    out, rest = [], template
    while rest:
        positions = [(rest.find(k), k) for k in parts if rest.find(k) >= 0]
        if not positions:
            out.append(rest)
            break
        at, key = min(positions)
        out.append(rest[:at])
        out.append(parts[key])
        rest = rest[at + len(key):]
    return "".join(out)


def write_html(graph: nx.Graph, path: Path, *, title: str, show_closed: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph, title=title, show_closed=show_closed), encoding="utf-8")
    return path
