"""Where the project's inputs and outputs live.

The ontology, curated data and queries are top-level folders of the repository (not package
data) so that analysts can read and edit them; OSCE_KG_HOME points elsewhere when needed.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("OSCE_KG_HOME")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


ROOT = project_root()
ONTOLOGY_DIR = ROOT / "ontology"
DATA_DIR = ROOT / "data"
PAGES_DIR = DATA_DIR / "pages"
QUERIES_DIR = ROOT / "queries"
DIST_DIR = ROOT / "dist"


def default_store() -> Path:
    """The embedded store's folder: $OSCE_KG_STORE, else ./store in the project root."""
    return Path(os.environ.get("OSCE_KG_STORE", ROOT / "store"))
