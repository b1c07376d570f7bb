"""Where the site's static files come from: our own (serve/static/) and the browser libraries of
the npm project (YASGUI), found through osce_kg.assets: the wheel's copies, or node_modules/ in a
checkout. One function, so that the routes never know where a file lives."""

from __future__ import annotations

from pathlib import Path

from osce_kg.assets import vendor_file

STATIC = Path(__file__).parent / "static"

PACKAGED = ("yasgui.min.js", "yasgui.min.css")
"""Files of npm packages the pages load, by the name they are served under (/assets/NAME)."""


def asset_path(name: str) -> Path:
    """The file served as /assets/NAME; FileNotFoundError (saying how to install it) when missing."""
    if name in PACKAGED:
        return vendor_file(name)
    path = STATIC / name
    if path.parent != STATIC or not path.is_file():
        raise FileNotFoundError(f"no asset named {name!r}")
    return path
