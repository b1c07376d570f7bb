"""The osce.org menu against the reference data: the seed page's menu is known entry by entry
(entities plus the navigation entries of data/menu_entries.csv), so only real drift is reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.pages_support import gazetteer_of, reference_store

from osce_kg import paths
from osce_kg.errors import InputError
from osce_kg.pages.ingest import ingest_paths
from osce_kg.pages.menu import compare_menu
from osce_kg.parse.page import PageReader
from osce_kg.parse.records import MenuSection
from osce_kg.sources import read_reference

SEED = paths.DATA_DIR / "pages" / "000_edd890b92ae4faef.txt"


@pytest.fixture(scope="module")
def store():
    s = reference_store()
    yield s
    s.close()


def differences(store, menu: list[MenuSection]) -> set[tuple[str, str, str]]:
    return {(d.section, d.kind, d.entry) for d in compare_menu(menu, gazetteer_of(store), store)}


def seed_menu(store, text: str | None = None, tmp_path: Path | None = None) -> list[MenuSection]:
    path = SEED
    if text is not None and tmp_path is not None:
        path = tmp_path / SEED.name
        path.write_text(text, encoding="utf-8")
    return PageReader(gazetteer_of(store)).read(path, path.read_bytes()).menu


def test_the_seed_pages_menu_gives_no_difference(store) -> None:
    menu = seed_menu(store)
    assert {s.title for s in menu} >= {"Participating States", "Secretariat", "Field operations"}
    assert differences(store, menu) == set()


def test_a_drifted_menu_reports_exactly_its_changes(store, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    for old, new in [
        ("- Czechia\n", "- Czech Republic\n"),
        ("- Gender Issues Programme\n", "- Gender Issues Programme\n- Office for Digital Affairs\n"),
        ("- Mission to Skopje\n", ""),
        ("Finland – OSCE Chairpersonship 2025", "Finland – OSCE Chairpersonship 2024"),
        ("- Court of Conciliation and Arbitration\n", "- Court of Conciliation and Arbitration\n- Partner Forum\n"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    found = differences(store, seed_menu(store, text, tmp_path))
    assert found == {
        ("Participating States", "renamed", "Czech Republic"),
        ("Participating States", "chairpersonship", "Finland 2024"),
        ("Secretariat", "new", "Office for Digital Affairs"),
        ("Field operations", "missing", "OSCE Mission to Skopje"),  # the reference data's label
        ("Field operations", "unplaced", "Partner Forum"),
    }


def test_entries_after_a_nested_list_belong_to_the_enclosing_section(store) -> None:
    operations = ["Presence in Albania", "Mission to Serbia"]
    tail = ["Parliamentary Assembly", "Court of Conciliation and Arbitration", "Organizational structure", "About us"]
    assert not any(entry in tail for _, _, entry in differences(store, [MenuSection("Field operations", operations + tail)]))
    # the same entries before the section's last field operation are not the enclosing menu's: they are out of place
    found = differences(store, [MenuSection("Field operations", ["Organizational structure", *operations])])
    assert ("Field operations", "new", "Organizational structure") in found


def test_a_navigation_entry_counts_only_in_its_own_section(store) -> None:
    # "Secretary General" links to a post from the Secretariat list, not from the Participating States
    found = differences(store, [MenuSection("Participating States", ["Albania", "Secretary General", "Andorra"])])
    assert ("Participating States", "new", "Secretary General") in found


def test_ingesting_the_seed_page_reports_no_menu_difference(tmp_path: Path) -> None:
    store = reference_store()
    try:
        report = ingest_paths(store, [SEED])
        assert report.ok and report.menu_differences == []
    finally:
        store.close()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Sidebar,Projects,overview,,https://www.osce.org/,", "unknown menu section"),
        ("Secretariat,Deputy,post,secretariat.deputy,https://www.osce.org/,", "unknown post"),
        ("Secretariat,Archive,overview,Archive,https://www.osce.org/,", "takes no target"),
        ("Countries,All,overview,,https://www.osce.org/,", "duplicate key"),
    ],
)
def test_a_bad_menu_entry_row_names_file_line_and_value(tmp_path: Path, row: str, message: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data, ignore=shutil.ignore_patterns("pages"))
    menu = data / "menu_entries.csv"
    lines = menu.read_text(encoding="utf-8").splitlines()
    menu.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_reference(data)
    assert message in str(error.value) and f"menu_entries.csv:{len(lines) + 1}" in str(error.value)
