"""Where things are: the sources the package carries, and the workspace a user works in.

The sources (read only): the ontology, the curated data/ and the named queries/. In a checkout
they are the repository's top-level folders, the one place they are edited; an installed wheel
carries copies of them in osce_kg/bundled/, made when the wheel is built (see hatch_build.py).

The workspace takes the outputs: the store and dist/. It is `osce-kg --home DIR`, else
$OSCE_KG_HOME, else the current folder, so that a build never writes into the installed package
or the source tree unasked. `osce-kg init` puts editable copies of data/ and queries/ into it;
when they are there, the build and the query catalogue read them instead of the bundled ones.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

HOME_VARIABLE = "OSCE_KG_HOME"
STORE_VARIABLE = "OSCE_KG_STORE"


_home: Path | None = None


def use_home(home: Path | None) -> None:
    """Make `home` the workspace for this process (`osce-kg --home`); None falls back to the default."""
    global _home
    _home = None if home is None else Path(home).absolute()


def workspace() -> Path:
    """--home, else $OSCE_KG_HOME, else the current folder."""
    if _home is not None:
        return _home
    env = os.environ.get(HOME_VARIABLE)
    return Path(env).absolute() if env else Path.cwd()


def workspace_origin() -> str:
    """Why the workspace is where it is, for the build summary and --help."""
    if _home is not None:
        return "--home"
    return f"${HOME_VARIABLE}" if os.environ.get(HOME_VARIABLE) else "the current folder"


def _sources_root() -> Path:
    """The folder holding ontology/, data/ and queries/: the wheel's bundled/ folder, else the
    checkout this module lies in, else the workspace when it is a checkout (for tools that run a
    copy of src/ elsewhere, such as mutmut: OSCE_KG_HOME=$PWD)."""
    bundled = resources.files("osce_kg") / "bundled"
    if bundled.is_dir():
        if not isinstance(bundled, Path):
            raise RuntimeError(f"osce-kg must be installed as files on disk to read its data, not in an archive ({bundled})")
        return bundled
    for checkout in (Path(__file__).resolve().parents[2], workspace()):
        if (checkout / "ontology").is_dir():
            return checkout
    # Without either, errors name the missing bundled/ files, which says what is wrong with the install.
    return Path(str(bundled))


ROOT = _sources_root()
"""The checkout's root, or osce_kg/bundled/ in an installed wheel; PROV records paths relative to it."""
ONTOLOGY_DIR = ROOT / "ontology"
DATA_DIR = ROOT / "data"
"""The bundled curated data (the build reads data_dir(), which prefers the workspace's copy)."""
PAGES_DIR = DATA_DIR / "pages"
QUERIES_DIR = ROOT / "queries"
"""The bundled named queries (the catalogue reads queries_dir(), which prefers the workspace's copy)."""


def data_dir() -> Path:
    """The workspace's data/ when there is one (`osce-kg init`), else the bundled data."""
    own = workspace() / "data"
    return own if own.is_dir() else DATA_DIR


def queries_dir() -> Path:
    """The workspace's queries/ when there is one (`osce-kg init`), else the bundled queries."""
    own = workspace() / "queries"
    return own if own.is_dir() else QUERIES_DIR


def dist_dir() -> Path:
    """Where `osce-kg build` writes its exports and `osce-kg viz` its drawings: the workspace's dist/."""
    return workspace() / "dist"


def default_store() -> Path:
    """The embedded store's folder: $OSCE_KG_STORE, else store/ in the workspace."""
    env = os.environ.get(STORE_VARIABLE)
    return Path(env) if env else workspace() / "store"


def relative_to_sources(path: Path, *also: Path) -> str:
    """A source file's path as PROV records it: relative to the bundled sources, the workspace or
    one of `also` when inside it (so that records do not depend on the machine), else absolute."""
    resolved = path.resolve()
    for base in (ROOT, workspace(), *also):
        try:
            return resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return resolved.as_posix()



def __getattr__(name: str) -> Path:
    # DIST_DIR was a constant; it now follows the workspace, so it is looked up on each use (the
    # old name still works for code written against it; new code calls dist_dir()).
    if name == "DIST_DIR":
        return dist_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
