"""Fixtures shared by the viz tests: the hand-written mini graph (as rdflib Graph and as store)
and cytoscape.js installed from the committed lock file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from osce_kg.store import GraphStore
from osce_kg.viz.html import JS_DIR

MINI = Path(__file__).parent / "resources" / "viz" / "mini_osce.ttl"


@pytest.fixture(scope="session")
def mini_graph() -> Graph:
    return Graph().parse(MINI)


@pytest.fixture(scope="session")
def mini_store(mini_graph: Graph) -> GraphStore:
    store = GraphStore.open(None)
    store.replace_graph(URIRef("urn:test:mini"), mini_graph)
    return store


@pytest.fixture(scope="session")
def cytoscape_installed() -> Path:
    """cytoscape.js as `make` installs it (npm ci on the lock file); installed here if a checkout has not yet."""
    target = JS_DIR / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"
    if not target.is_file():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install cytoscape.js (npm ci --prefix src/osce_kg/viz/js)"
        subprocess.run([npm, "ci", "--prefix", str(JS_DIR), "--no-audit", "--no-fund"], check=True)
    return target
