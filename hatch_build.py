"""Build hook: what the package reads at run time goes into the wheel, from its one copy.

* The repository's ontology/, data/ and queries/ become osce_kg/bundled/ in the wheel
  (osce_kg.paths reads them there; in a checkout it reads the top-level folders themselves).
* The browser libraries named in src/osce_kg/viz/js/package.json ("osce-kg" -> "vendor": file
  name -> path under node_modules/) go into the sdist as src/osce_kg/assets/vendor/<name>, so
  that a wheel can be built from the sdist without npm, and into the wheel as
  osce_kg/assets/vendor/<name>, from node_modules/ or, built from an sdist, from those copies.

An editable install reads the checkout's folders and node_modules/ directly, so it gets nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUNDLED = ("ontology", "data", "queries")
NPM_PROJECT = Path("src/osce_kg/viz/js")
VENDOR = Path("src/osce_kg/assets/vendor")


class PackageData(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        included: dict[str, str] = build_data["force_include"]
        if self.target_name == "wheel":
            for folder in BUNDLED:
                included[str(root / folder)] = f"osce_kg/bundled/{folder}"
        manifest = json.loads((root / NPM_PROJECT / "package.json").read_text(encoding="utf-8"))
        for name, in_node_modules in manifest["osce-kg"]["vendor"].items():
            built, vendored = root / NPM_PROJECT / "node_modules" / in_node_modules, root / VENDOR / name
            source = built if built.is_file() else vendored
            if not source.is_file():
                raise RuntimeError(f"{name}: neither {built} nor {vendored} exists; run 'make assets' (npm ci) first")
            target = VENDOR if self.target_name == "sdist" else VENDOR.relative_to("src")
            included[str(source)] = (target / name).as_posix()
