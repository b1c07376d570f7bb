"""The release files: the sdist and the wheel built from it carry everything the package reads.

Built as `make dist` builds them (python -m build: the sdist, then the wheel from the sdist), but
without build isolation so that no network is needed. `.ci/wheel-check` then runs the wheel in a
fresh virtualenv; this test says which file is missing when that fails.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import osce_kg
from osce_kg import paths
from osce_kg.assets import NPM_PROJECT, vendor_map
from viz_fixtures import cytoscape_installed  # noqa: F401  (fixture)

CHECKOUT = Path(__file__).resolve().parents[1]
BUNDLED = ("ontology", "data", "queries")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> dict[str, Path]:
    assert paths.ROOT == CHECKOUT, "the tests run on a checkout"
    request.getfixturevalue("cytoscape_installed")  # the hook copies it from node_modules/
    out = tmp_path_factory.mktemp("release")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(CHECKOUT)],
                   check=True, capture_output=True, timeout=600)
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def _source_files(folder: str) -> set[str]:
    return {p.relative_to(CHECKOUT).as_posix() for p in (CHECKOUT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_the_wheel_carries_the_ontology_data_queries_and_browser_libraries(release: dict[str, Path]) -> None:
    names = set(zipfile.ZipFile(release["wheel"]).namelist())
    for folder in BUNDLED:
        expected = {f"osce_kg/bundled/{name}" for name in _source_files(folder)}
        assert expected and expected <= names, sorted(expected - names)
    assert {f"osce_kg/assets/vendor/{name}" for name in vendor_map()} <= names
    assert "osce_kg/viz/assets/viewer.js" in names
    assert not [n for n in names if "/viz/js/" in n or "node_modules" in n]


def test_the_bundled_files_are_the_checkouts_bytes(release: dict[str, Path]) -> None:
    wheel = zipfile.ZipFile(release["wheel"])
    for folder in BUNDLED:
        for name in _source_files(folder):
            assert wheel.read(f"osce_kg/bundled/{name}") == (CHECKOUT / name).read_bytes(), name
    for name, in_node_modules in vendor_map().items():
        assert wheel.read(f"osce_kg/assets/vendor/{name}") == (NPM_PROJECT / "node_modules" / in_node_modules).read_bytes()


def test_the_sdist_can_build_a_wheel_without_npm(release: dict[str, Path]) -> None:
    names = {n.split("/", 1)[1] for n in tarfile.open(release["sdist"]).getnames() if "/" in n}
    assert {f"src/osce_kg/assets/vendor/{name}" for name in vendor_map()} <= names
    for folder in BUNDLED:
        assert _source_files(folder) <= names
    assert {"LICENSE", "LICENSE-DATA", "CHANGELOG.md", "hatch_build.py"} <= names
    assert not [n for n in names if "node_modules" in n]


def test_the_metadata_names_version_licences_and_urls(release: dict[str, Path]) -> None:
    wheel = zipfile.ZipFile(release["wheel"])
    info = f"osce_kg-{osce_kg.__version__}.dist-info"
    metadata = Parser().parsestr(wheel.read(f"{info}/METADATA").decode("utf-8"))
    assert metadata["Version"] == osce_kg.__version__
    assert metadata["License-Expression"] == "MIT AND CC-BY-4.0"
    assert {"LICENSE", "LICENSE-DATA"} <= set(metadata.get_all("License-File") or [])
    assert wheel.read(f"{info}/licenses/LICENSE-DATA").startswith(b"Attribution 4.0 International")
    assert metadata.get_all("Project-URL")
    assert "osce-kg = osce_kg.cli:main" in wheel.read(f"{info}/entry_points.txt").decode("utf-8")
