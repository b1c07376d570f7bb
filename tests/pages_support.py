"""Shared helpers for the page tests: a store holding the real reference data and the ontology."""

from __future__ import annotations

from pathlib import Path

from osce_kg import paths
from osce_kg.build.pipeline import read_ontology
from osce_kg.gazetteer import Gazetteer
from osce_kg.mapping.reference import reference_graphs
from osce_kg.pages.commit import NAMES
from osce_kg.store import GraphStore

FIXTURES = Path(__file__).parent / "fixtures"
GOOD_PAGES = FIXTURES / "pages" / "good"
BROKEN_PAGES = FIXTURES / "pages" / "broken"
LABELS = FIXTURES / "labels"


def reference_store(path: Path | None = None) -> GraphStore:
    """A store (in memory, or at `path`) with the ontology and the repository's reference data, as build loads them."""
    store = GraphStore.open(path)
    sources = [read_ontology(paths.ONTOLOGY_DIR), *reference_graphs(paths.DATA_DIR)]
    store.load_graphs({s.name: s.graph for s in sources})
    return store


def gazetteer_of(store: GraphStore) -> Gazetteer:
    return Gazetteer.from_graph(store.query(NAMES))
