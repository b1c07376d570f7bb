"""Where the site's static files come from: our own (serve/static/) and the npm packages installed
beside cytoscape.js (viz/js/node_modules, `npm ci --prefix src/osce_kg/viz/js`). One function, so
that packaging can move the files without touching the routes."""

from __future__ import annotations

from pathlib import Path

from osce_kg.viz.html import JS_DIR

STATIC = Path(__file__).parent / "static"

PACKAGED: dict[str, Path] = {
    "yasgui.min.js": JS_DIR / "node_modules" / "@zazuko" / "yasgui" / "build" / "yasgui.min.js",
    "yasgui.min.css": JS_DIR / "node_modules" / "@zazuko" / "yasgui" / "build" / "yasgui.min.css",
}
"""Files of npm packages the pages load, by the name they are served under (/assets/NAME)."""


def asset_path(name: str) -> Path:
    """The file served as /assets/NAME; FileNotFoundError (saying how to install it) when missing."""
    path = PACKAGED.get(name) or STATIC / name
    if name not in PACKAGED and (path.parent != STATIC or not path.is_file()):
        raise FileNotFoundError(f"no asset named {name!r}")
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run 'npm ci --prefix {JS_DIR}' (the YASGUI query editor comes from npm)")
    return path
