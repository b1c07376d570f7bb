"""Shared fixtures: the bundled data built once per test session.

`bundled_build` runs the real `osce_kg.build.pipeline.build` on the repository's ontology/ and
data/ (pages included) into a session temp folder, with exports to a temp dist/; it yields a
`BundledBuild` with `.store` (the published store path), `.dist` (the exports folder) and
`.summary` (the BuildSummary the build printed).

`built_store` opens that store READ-ONLY and yields a `GraphStore` (query it with
`built_store.query(...)`; `built_store.path` is its folder, e.g. for `osce-kg --store` in a
subprocess). It is shared by every test of the session, so it cannot be written to: a test that
needs to change a store builds or copies its own. If the bundled data does not build (bad input,
a shape violation), every test using these fixtures errors with the build's report.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from osce_kg import paths
from osce_kg.build.pipeline import BuildOptions, build
from osce_kg.build.progress import Steps
from osce_kg.build.summary import BuildSummary
from osce_kg.gazetteer import Gazetteer
from osce_kg.store import GraphStore

# the structure browser's small graph and cytoscape.js, for the viz and analyze tests
pytest_plugins = ["viz_fixtures"]


@dataclass(frozen=True)
class BundledBuild:
    store: Path
    dist: Path
    summary: BuildSummary


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> BundledBuild:
    """The repository's data built once, with exports (see the module docstring)."""
    root = tmp_path_factory.mktemp("bundled")
    options = BuildOptions(store=root / "store", data=paths.DATA_DIR, ontology=paths.ONTOLOGY_DIR, dist=root / "dist")
    summary = build(options, Steps(quiet=True))
    return BundledBuild(store=options.store, dist=root / "dist", summary=summary)


@pytest.fixture(scope="session")
def built_store(bundled_build: BundledBuild) -> Iterator[GraphStore]:
    """The bundled data's store, opened read-only, shared by the whole session."""
    store = GraphStore.open_read_only(bundled_build.store)
    yield store
    store.close()


@pytest.fixture(autouse=True)
def _no_workspace_left_behind() -> Iterator[None]:
    """`osce-kg --home DIR` run in-process (CliRunner) sets the workspace for the whole process;
    reset it after each test so that no later test reads another test's workspace."""
    yield
    paths.use_home(None)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The names the page reader looks up (States, structures, cities, people), from the bundled data.

    Built once per session: every reader test needs it, and building the reference store is the slow
    part. Not a part mutmut mutates (osce_kg.gazetteer), so the session scope hides no call from it."""
    from tests.pages_support import gazetteer_of, reference_store

    return gazetteer_of(reference_store())
