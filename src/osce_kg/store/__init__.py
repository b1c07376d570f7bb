"""The embedded store: named graphs on pyoxigraph, with a PROV record per graph."""

from osce_kg.store.graph_store import GraphStore

__all__ = ["GraphStore"]
