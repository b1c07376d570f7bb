"""Fixtures shared by the viz tests: the hand-written mini graph (as rdflib Graph and as store)
and cytoscape.js installed from the committed lock file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from osce_kg.assets import NPM_PROJECT, vendor_file
from osce_kg.store import GraphStore

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
    """cytoscape.js as the package finds it (`make assets`: npm ci on the lock file); installed
    here if a checkout has not yet."""
    try:
        return vendor_file("cytoscape.min.js")
    except FileNotFoundError:
        npm = shutil.which("npm")
        assert npm, f"npm is needed to install cytoscape.js (make assets, or npm ci --prefix {NPM_PROJECT})"
        subprocess.run([npm, "ci", "--prefix", str(NPM_PROJECT), "--no-audit", "--no-fund"], check=True)
        return vendor_file("cytoscape.min.js")
