"""The ingest command's report: warnings counted by kind, menu differences grouped, detail with --verbose."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from tests.pages_support import BROKEN_PAGES, reference_store

from osce_kg import paths
from osce_kg.cli import main
from osce_kg.pages.summary import warning_kind

SEED = paths.DATA_DIR / "pages" / "000_edd890b92ae4faef.txt"


def _pages(tmp_path: Path) -> Path:
    """The seed page with three States gone from its menu, twice (two captures), and the broken files."""
    folder = tmp_path / "pages"
    shutil.copytree(BROKEN_PAGES, folder)
    text = SEED.read_text(encoding="utf-8")
    for state in ("Andorra", "Austria", "Albania"):
        text = text.replace(f"\n- {state}\n", "\n", 1)
    (folder / "seed_a.txt").write_text(text, encoding="utf-8")
    (folder / "seed_b.txt").write_text(text.replace("Press release\n", "Press release\n\n", 1), encoding="utf-8")
    return folder


def test_grouped_by_default_and_every_line_with_verbose(tmp_path):
    store_dir = tmp_path / "store"
    reference_store(store_dir).close()
    folder = _pages(tmp_path)
    runner = CliRunner()
    grouped = runner.invoke(main, ["ingest", "--store", str(store_dir), str(folder)])
    assert grouped.exit_code == 1  # the broken files
    lines = grouped.output.splitlines()
    [menu] = [line for line in lines if line.startswith("menu 'Participating States'")]
    assert "3 missing" in menu and all(s in menu for s in ("Andorra", "Austria", "Albania"))
    assert any(line.startswith("warning, 2 files: file is not valid UTF-8") or "files:" in line for line in lines)
    assert "rejected: " in grouped.output and "empty file" in grouped.output

    shutil.rmtree(store_dir)
    reference_store(store_dir).close()
    verbose = runner.invoke(main, ["ingest", "--store", str(store_dir), "--verbose", str(folder)])
    detail = verbose.output.splitlines()
    assert sum(line.startswith("menu 'Participating States': missing:") for line in detail) == 3
    assert len(detail) > len(lines)
    assert detail[-1].split(";")[0] == lines[-1].split(";")[0]


def test_warning_kind_drops_lines_and_values():
    assert warning_kind("line 12: place 'SKOPE' matches no known city; kept as text") == \
        warning_kind("line 3: place 'Nowhere' matches no known city; kept as text")
