"""Browser libraries that the package's HTML inlines or serves (cytoscape.js for `osce-kg viz`).

They come from the npm project in osce_kg/viz/js: package.json pins them, package-lock.json
locks them, and its "osce-kg" -> "vendor" map names each file the package needs (a file name ->
its path under node_modules/). A wheel carries those files in osce_kg/assets/vendor/ (hatch_build.py
copies them in when the wheel is built), so end users need neither npm nor Node; a checkout
reads them from node_modules/ after `npm ci` (`make assets`). Adding a library is a dependency
and one line of that map in package.json.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

NPM_PROJECT = Path(__file__).resolve().parents[1] / "viz" / "js"
"""The npm project (in a checkout; a wheel leaves it out)."""


def vendor_map(npm_project: Path = NPM_PROJECT) -> dict[str, str]:
    """The files the package needs from node_modules/: file name -> path under node_modules/."""
    manifest = json.loads((npm_project / "package.json").read_text(encoding="utf-8"))
    vendor: dict[str, str] = manifest["osce-kg"]["vendor"]
    return vendor


def vendor_file(name: str) -> Path:
    """The file `name` of the vendor map: the wheel's copy, else node_modules/ in a checkout."""
    packaged = resources.files(__name__) / "vendor" / name
    if packaged.is_file() and isinstance(packaged, Path):
        return packaged
    if not (NPM_PROJECT / "package.json").is_file():
        raise FileNotFoundError(f"{name} is missing from this installation of osce-kg ({packaged}); reinstall it from a complete wheel")
    mapping = vendor_map()
    if name not in mapping:
        raise KeyError(f"{name} is not in the vendor map of {NPM_PROJECT / 'package.json'}")
    path = NPM_PROJECT / "node_modules" / mapping[name]
    if not path.is_file():
        raise FileNotFoundError(f"{name} not found at {path}: run 'make assets' (npm ci --prefix {NPM_PROJECT})")
    return path
