"""Serialising the store's named graphs in the formats analysts' tools read.

pyoxigraph writes N-Triples, N-Quads, TriG and expanded JSON-LD (fast, streaming); rdflib writes
Turtle (grouped by subject, with our prefixes); PyLD, the JSON-LD reference implementation,
compacts pyoxigraph's JSON-LD (1.6 s on the bundled data; PyLD's own RDF reader took 7 s).
rdflib's own JSON-LD serialiser was tried and loses the triples of a blank node reached through a
property that the context types as "@id" (rdflib-jsonld issue 28, still so in rdflib 7.6): the
round-trip test caught it on the page graphs. Triple formats carry the union of the chosen
graphs; quad formats keep every graph apart.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from osce_kg.errors import InputError
from osce_kg.iri import graph_kind
from osce_kg.namespaces import PREFIXES
from osce_kg.store import GraphStore

FORMATS: dict[str, str] = {
    "turtle": "Turtle with the project's prefixes (data graphs merged)",
    "jsonld": "JSON-LD compacted with ontology/context.jsonld (data graphs merged)",
    "nt": "N-Triples (data graphs merged)",
    "nq": "N-Quads (every named graph kept)",
    "trig": "TriG with prefixes (every named graph kept)",
}
QUAD_FORMATS = frozenset({"nq", "trig"})
DATA_KINDS = frozenset({"data", "page", "menu"})
"""The graphs of facts: reference data, pages and the menu versions pages show, without the ontology
and the provenance."""

_OXIGRAPH = {"nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def data_graphs(store: GraphStore) -> list[URIRef]:
    return [g for g in store.graph_names() if graph_kind(g) in DATA_KINDS]


def default_graphs(store: GraphStore, fmt: str) -> list[URIRef]:
    """Quad formats hold the whole store (ontology and provenance too); triple formats the data."""
    return store.graph_names() if fmt in QUAD_FORMATS else data_graphs(store)


def load_context(path: Path) -> dict:
    """The JSON-LD context as a dict (never a remote URL, so that compaction works offline)."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("JSON-LD context not found", path=path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    context = document.get("@context") if isinstance(document, dict) else None
    if not isinstance(context, dict):
        raise InputError("expected an object with an '@context' object", path=path)
    return context


def merged_graph(store: GraphStore, graphs: Iterable[URIRef]) -> Graph:
    """The union of some named graphs as one rdflib Graph with our prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    data = store.dump_graphs(ox.RdfFormat.N_TRIPLES, graphs)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def export_graphs(
    store: GraphStore,
    fmt: str,
    graphs: Iterable[URIRef] | None = None,
    *,
    context_path: Path | None = None,
) -> bytes:
    """The chosen graphs (default: see default_graphs) serialised in one of FORMATS."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format; choose one of {', '.join(FORMATS)}", value=fmt)
    selected = list(graphs) if graphs is not None else default_graphs(store, fmt)
    known = set(store.graph_names())
    for name in selected:
        if name not in known:
            raise InputError("no such graph in the store (see 'osce-kg stats')", value=str(name))
    if fmt in _OXIGRAPH:
        return store.dump_graphs(_OXIGRAPH[fmt], selected, prefixes=PREFIXES)
    if fmt == "turtle":
        return merged_graph(store, selected).serialize(format="turtle", encoding="utf-8")
    if context_path is None:
        raise InputError("JSON-LD export needs a context file (ontology/context.jsonld)")
    return compact_jsonld(store.dump_graphs(ox.RdfFormat.JSON_LD, selected, merged=True), load_context(context_path))


def compact_jsonld(expanded: bytes, context: dict) -> bytes:
    """Expanded JSON-LD compacted with a context given as a dict (no network access)."""
    from pyld import jsonld

    compacted = jsonld.compact(json.loads(expanded), {"@context": context})
    return json.dumps(compacted, ensure_ascii=False, indent=2).encode("utf-8")


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


DIST_FILES = {"osce.ttl": "turtle", "osce.jsonld": "jsonld", "osce.trig": "trig"}


def render_dist(store: GraphStore, context_path: Path) -> dict[str, bytes]:
    """The contents of dist/: the data as Turtle and JSON-LD, the whole dataset as TriG."""
    return {name: export_graphs(store, fmt, context_path=context_path) for name, fmt in DIST_FILES.items()}
