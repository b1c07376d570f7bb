"""GraphML and GEXF for Gephi, Cytoscape desktop and yEd users.

Both formats take only strings, numbers and booleans, so missing values become "" and lists are
joined with " | ". In GEXF the `start`/`end` dates are kept as GEXF spells (ISO dates), so Gephi's
timeline can replay the organisation; absent ones are left out rather than written empty.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx

FORMATS = ("graphml", "gexf")
_SPELLS = ("start", "end")


def _plain(value: object) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return " | ".join(str(_plain(v)) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value))
    return str(value)


def interchangeable(graph: nx.Graph, fmt: str) -> nx.Graph:
    """A copy of the projection whose attributes every reader of `fmt` accepts."""
    out = graph.__class__()
    out.graph.update({k: _plain(v) for k, v in graph.graph.items()})
    for n, d in graph.nodes(data=True):
        attrs = {k: _plain(v) for k, v in d.items() if not (fmt == "gexf" and k in _SPELLS and v is None)}
        out.add_node(n, **attrs)
    for u, v, d in graph.edges(data=True):
        out.add_edge(u, v, **{k: _plain(x) for k, x in d.items()})
    return out


def write(graph: nx.Graph, path: Path, fmt: str) -> Path:
    """Write the projection to `path` as GraphML or GEXF."""
    if fmt not in FORMATS:
        raise ValueError(f"interchange format must be one of {FORMATS}, not {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    plain = interchangeable(graph, fmt)
    if fmt == "graphml":
        nx.write_graphml(plain, path)
    else:
        nx.write_gexf(plain, path)
    return path
