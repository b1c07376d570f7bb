"""A curated CSV file is read row by row with the line each row starts on, and a file that cannot
be read as one (missing, not UTF-8, empty, wrong header, a row of the wrong width, malformed) is
refused with a message naming the file, the line and what is wrong."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from osce_kg.errors import InputError
from osce_kg.sources.table import check_unique, read_table

COLUMNS = ["key", "name", "note"]


def refusal(path: Path, columns: list[str] = COLUMNS) -> InputError:
    with pytest.raises(InputError) as info:
        read_table(path, columns)
    assert info.value.path == path
    return info.value


def test_rows_keep_their_cells_and_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        ' name , key ,note\nvienna-name,vienna,\n\n , ,\ntirana-name,tirana,"two\nlines"\nbaku-name,baku,x\n',
        encoding="utf-8",
    )
    rows = read_table(path, COLUMNS)
    assert [(r.line, r.cells) for r in rows] == [
        (2, {"name": "vienna-name", "key": "vienna", "note": ""}),
        (5, {"name": "tirana-name", "key": "tirana", "note": "two\nlines"}),
        (7, {"name": "baku-name", "key": "baku", "note": "x"}),
    ]
    assert all(r.path == path for r in rows)


def test_a_missing_file(tmp_path: Path) -> None:
    error = refusal(tmp_path / "absent.csv")
    assert (error.message, error.line) == ("cannot read file: No such file or directory", None)


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("", encoding="utf-8")
    error = refusal(path)
    assert (error.message, error.line) == ("empty file: a header row is required", 1)


def test_a_large_file_not_utf8_deep_inside_is_reported_on_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    rows = "".join(f"key-{n},Name {n},\n" for n in range(2, 3000))  # lines 2..2999, beyond any read-ahead
    path.write_bytes(("key,name,note\n" + rows + "zurich,Z\xfcrich,\n").encode("latin-1"))
    error = refusal(path)
    assert (error.message, error.line) == ("not UTF-8: invalid start byte", 3000)


def test_a_header_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("key,n\xe4me,note\n".encode("latin-1"))
    error = refusal(path)
    assert (error.message, error.line) == ("not UTF-8: invalid continuation byte", 1)


def test_a_row_that_is_not_utf8_is_reported_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("key,name,note\nvienna,Vienna,\nzurich,Z\xfcrich,\n".encode("latin-1"))
    error = refusal(path)
    assert (error.message, error.line) == ("not UTF-8: invalid start byte", 3)


def test_a_wrong_header_names_the_missing_and_unexpected_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("key,title,note,extra\nvienna,Vienna,,\n", encoding="utf-8")
    error = refusal(path)
    assert error.message == (
        "wrong column set: missing ['name'], unexpected ['extra', 'title']; expected ['key', 'name', 'note']"
    )
    assert (error.line, error.value) == (1, "key,title,note,extra")


def test_a_repeated_column_is_a_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("key,name,note,name\nvienna,Vienna,,Wien\n", encoding="utf-8")
    error = refusal(path)
    assert error.message == (
        "wrong column set: missing [], unexpected [], repeated ['name']; expected ['key', 'name', 'note']"
    )
    assert (error.line, error.value) == (1, "key,name,note,name")


@pytest.mark.parametrize("row", ["tirana,Tirana,,AL", "tirana,Tirana"])
def test_a_row_of_the_wrong_width(tmp_path: Path, row: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f'key,name,note\nvienna,Vienna,"a\nnote"\n{row}\n', encoding="utf-8")
    error = refusal(path)
    cells = row.count(",") + 1
    assert (error.message, error.line, error.value) == (f"row has {cells} cells, the header has 3", 4, row)


def test_a_malformed_row_is_reported_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    huge = "x" * (csv.field_size_limit() + 1)
    path.write_text(f"key,name,note\nvienna,Vienna,\ntirana,{huge},\n", encoding="utf-8")
    error = refusal(path)
    assert (error.message, error.line) == (f"malformed CSV: field larger than field limit ({csv.field_size_limit()})", 3)


def test_a_repeated_key_names_the_line_that_first_used_it(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("key,name,note\nvienna,Vienna,\ntirana,Tirana,\n\nvienna,Wien,\n", encoding="utf-8")
    rows = read_table(path, COLUMNS)
    with pytest.raises(InputError) as info:
        check_unique(rows, "key")
    error = info.value
    assert (error.message, error.line, error.value) == ("column 'key': duplicate key, first used on line 2", 5, "vienna")
    check_unique(rows, "name")
    with pytest.raises(InputError) as info:
        check_unique(rows, "name", key=lambda r: r.cells["key"])
    error = info.value
    assert (error.message, error.line, error.value) == ("column 'name': duplicate key, first used on line 2", 5, "vienna")


def test_a_bad_byte_after_a_leading_blank_line_is_counted_from_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("\nkey,name,note\nzurich,Z\xfcrich,\n".encode("latin-1"))
    error = refusal(path)
    assert (error.message, error.line) == ("not UTF-8: invalid start byte", 3)


def test_a_quoted_cell_is_read_as_written_in_a_windows_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b'key,name,note\r\nvienna,Vienna,"two\r\nlines"\r\nbaku,Baku,x\r\n')
    rows = read_table(path, COLUMNS)
    assert [(r.line, r.cells["note"]) for r in rows] == [(2, "two\r\nlines"), (4, "x")]
