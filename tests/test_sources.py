"""The CSV readers reject broken rows with the file, the line and the value that is wrong.

Each case copies the real data folder into tmp_path, breaks one cell of one file, and checks
that reading it fails where the break is, not somewhere else.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from osce_kg import paths
from osce_kg.errors import InputError
from osce_kg.sources import read_reference
from osce_kg.sources.isodate import parse_iso
from osce_kg.sources.table import read_table


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    for path in paths.DATA_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    return target


def edit(data: Path, file: str, match: dict[str, str], column: str, value: str) -> int:
    """Set `column` to `value` in the first row matching `match`; return that row's line number."""
    path = data / file
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        header = list(rows[0].keys())
    for index, row in enumerate(rows):
        if all(row[k] == v for k, v in match.items()):
            row[column] = value
            line = index + 2  # header is line 1; the rows have no embedded newlines
            break
    else:
        raise AssertionError(f"no row of {file} matches {match}")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


def failure(data: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_reference(data)
    return info.value


def test_real_data_reads(data: Path) -> None:
    ref = read_reference(data)
    assert {s.code for s in ref.states} >= {"AL", "MN", "ES", "TR"}


@pytest.mark.parametrize(
    ("file", "match", "column", "value", "words"),
    [
        ("participating_states.csv", {"iso2": "MN"}, "joined", "2012-21-11", "invalid date"),
        ("participating_states.csv", {"iso2": "MN"}, "joined", "21 Nov 2012", "invalid date"),
        ("field_operations.csv", {"key": "mission-to-estonia"}, "opened", "1993-02-30", "invalid date"),
        ("participating_states.csv", {"iso2": "ES"}, "source", "", "source URL"),
        ("participating_states.csv", {"iso2": "ES"}, "source", "www.osce.org/spain", "not an http(s) URL"),
        ("participating_states.csv", {"iso2": "ES"}, "iso2", "XY", "ISO 3166-1"),
        ("participating_states.csv", {"iso2": "ES"}, "iso2", "AL", "duplicate key"),
        ("participating_states.csv", {"iso2": "ES"}, "founding", "maybe", "'yes' or 'no'"),
        ("chairpersonships.csv", {"year": "2007"}, "state", "XK", "chairing State"),
        ("chairpersonships.csv", {"year": "2007"}, "chairpersons", "Nobody Known", "person"),
        ("chairpersonships.csv", {"year": "2007"}, "year", "2006", "duplicate key"),
        ("field_operations.csv", {"key": "presence-in-albania"}, "seat", "atlantis", "place"),
        ("field_operations.csv", {"key": "presence-in-albania"}, "hosts", "AL;narnia", "host"),
        ("field_operations.csv", {"key": "presence-in-albania"}, "class", "Embassy", "expected one of"),
        ("field_operations.csv", {"key": "mission-to-estonia"}, "closed", "1992-12-31", "ends before opened"),
        ("field_operations.csv", {"key": "office-in-zagreb"}, "predecessor", "mission-to-atlantis", "field operation"),
        ("field_operations.csv", {"key": "office-in-zagreb"}, "key", "mission-to-croatia", "duplicate key"),
        ("field_operations.csv", {"key": "office-in-zagreb"}, "key", "secretariat", "already used in structures.csv"),
        ("field_operations.csv", {"key": "office-in-zagreb"}, "key", "Office in Zagreb", "lower-case slug"),
        ("structures.csv", {"key": "hcnm"}, "parent", "united-nations", "parent structure"),
        ("structures.csv", {"key": "hcnm"}, "fields", "national-minority-issues;minorities", "field of work"),
        ("structures.csv", {"key": "hcnm"}, "fields", "national-minority-issues;", "empty item"),
        ("places.csv", {"key": "tirana"}, "within", "XX", "State or territory"),
        ("places.csv", {"key": "tirana"}, "wikidata", "19689", "Wikidata item id"),
        ("posts.csv", {"person": "Ján Kubiš"}, "role", "kingRole", "expected one of"),
        ("posts.csv", {"person": "Ján Kubiš"}, "structure", "ministry", "structure"),
        ("partners.csv", {"iso2": "JP"}, "group", "pacific", "expected one of"),
        (
            "renamings.csv",
            {"operation": "programme-office-in-astana", "date": "2015-01"},
            "old_name",
            "OSCE Centre in Almaty",
            "does not continue",
        ),
        ("renamings.csv", {"operation": "mission-to-skopje"}, "new_name", "OSCE Mission in Skopje", "last renaming"),
        ("renamings.csv", {"operation": "mission-to-skopje"}, "date", "1990", "outside the operation's lifetime"),
        ("fields_of_work.csv", {"key": "media-laws"}, "broader", "media-laws", "top-level field of work"),
        ("fields_of_work.csv", {"key": "youth"}, "translated_labels", "Rinia", "'xx:label'"),
        ("fields_of_work.csv", {"key": "youth"}, "translated_labels", "en:Young people", "'xx:label'"),
        ("fields_of_work.csv", {"key": "youth"}, "translated_labels", "sq:Rinia;sq:Të rinjtë", "one label per language"),
        ("former_states.csv", {"iso3166_3": "CSHH"}, "successors", "CZ;SK;XX", "successor"),
    ],
)
def test_broken_cell_is_reported_with_file_line_and_value(
    data: Path, file: str, match: dict[str, str], column: str, value: str, words: str
) -> None:
    line = edit(data, file, match, column, value)
    error = failure(data)
    assert Path(error.path).name == file
    assert error.line == line
    assert words in error.message
    assert value.split(";")[-1] in str(error.value) or value == ""
    assert f"{file}:{line}" in str(error)


def test_wrong_column_set_names_the_missing_and_unexpected_columns(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("key,name,country,source,note\ntirana,Tirana,AL,https://example.org/,\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path, ["key", "name", "within", "source", "note"])
    assert info.value.line == 1
    assert "missing ['within']" in info.value.message and "unexpected ['country']" in info.value.message


def test_row_with_too_many_cells_is_reported_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("key,name\nvienna,Vienna\ntirana,Tirana,AL\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path, ["key", "name"])
    assert info.value.line == 3
    assert "3 cells" in info.value.message


def test_a_quoted_multi_line_cell_keeps_later_line_numbers_right(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('key,note\na,"two\nlines"\nb,x\n', encoding="utf-8")
    rows = read_table(path, ["key", "note"])
    assert [(r.cells["key"], r.line) for r in rows] == [("a", 2), ("b", 4)]


def test_a_file_that_is_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("key,name\nzurich,Z\xfcrich\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_table(path, ["key", "name"])


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file") as info:
        read_reference(tmp_path)
    assert Path(info.value.path).name == "participating_states.csv"


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("1997", "1997-01-01", "1997-12-31", "year"),
        ("2012-02", "2012-02-01", "2012-02-29", "month"),
        ("1993-02-15", "1993-02-15", "1993-02-15", "day"),
    ],
)
def test_iso_dates_keep_their_precision(text: str, first: str, last: str, precision: str) -> None:
    value = parse_iso(text)
    assert (value.first.isoformat(), value.last.isoformat(), value.precision) == (first, last, precision)


@pytest.mark.parametrize("text", ["97", "1997-13", "1997-02-29", "1997/02/01", "1997-2-1", ""])
def test_malformed_iso_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso(text)


def test_translated_field_labels_are_read_with_their_language(data: Path) -> None:
    ref = read_reference(data)
    labels = {c.key: dict(c.translated_labels) for c in ref.fields_of_work}
    assert labels["human-rights"]["ru"] == "Права человека"
    assert labels["youth"] == {"sq": "Rinia"}
