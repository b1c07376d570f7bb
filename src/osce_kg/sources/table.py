"""Rows of a curated CSV file, with typed accessors that fail with file, line, column and value.

The curated files are edited by hand, so every accessor checks what it reads and names the exact
cell when it is wrong: a reviewer must be able to fix a row from the error message alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload
from urllib.parse import urlparse

from osce_kg.errors import InputError
from osce_kg.sources.isodate import IsoDate, parse_iso

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Row:
    """One data row of a CSV file; `line` is the 1-based line where the row starts."""

    path: Path
    line: int
    cells: dict[str, str]

    def error(self, column: str, message: str, value: object = None) -> InputError:
        return InputError(f"column {column!r}: {message}", path=self.path, line=self.line, value=value)

    def text(self, column: str) -> str:
        """The cell, stripped; '' when empty."""
        return self.cells[column].strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise self.error(column, "must not be empty", value)
        return value

    def optional(self, column: str) -> str | None:
        return self.text(column) or None

    def items(self, column: str) -> list[str]:
        """A ';'-separated list cell; empty items are an error (a stray ';' hides a typo)."""
        value = self.text(column)
        if not value:
            return []
        parts = [p.strip() for p in value.split(LIST_SEPARATOR)]
        if any(not p for p in parts):
            raise self.error(column, "empty item in ';'-separated list", value)
        return parts

    @overload
    def date(self, column: str, *, required: Literal[True]) -> IsoDate: ...

    @overload
    def date(self, column: str, *, required: bool = False) -> IsoDate | None: ...

    def date(self, column: str, *, required: bool = False) -> IsoDate | None:
        value = self.text(column)
        if not value:
            if required:
                raise self.error(column, "a date is required", value)
            return None
        try:
            return parse_iso(value)
        except ValueError as exc:
            raise self.error(column, f"invalid date: {exc}", value) from None

    def flag(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in ("yes", "no"):
            raise self.error(column, "expected 'yes' or 'no'", self.text(column))
        return value == "yes"

    def choice(self, column: str, allowed: Iterable[str]) -> str:
        allowed = tuple(allowed)
        value = self.required(column)
        if value not in allowed:
            raise self.error(column, f"expected one of {', '.join(allowed)}", value)
        return value

    def urls(self, column: str = "source") -> list[str]:
        """One or more http(s) URLs (';'-separated); every row must be sourced."""
        values = self.items(column)
        if not values:
            raise self.error(column, "every row needs a source URL", self.text(column))
        for value in values:
            parsed = urlparse(value)
            if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in value:
                raise self.error(column, "not an http(s) URL", value)
        return values

    def wikidata(self, column: str = "wikidata") -> str | None:
        value = self.optional(column)
        if value is not None and not (value.startswith("Q") and value[1:].isdigit()):
            raise self.error(column, "expected a Wikidata item id like Q222", value)
        return value


def read_table(path: Path, columns: Iterable[str]) -> list[Row]:
    """Read a UTF-8 CSV whose header is exactly `columns` (in any order)."""
    expected = list(columns)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", path=path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # decoded whole: a stream decodes ahead in blocks, so the row being read is not where the bad byte is
        raise InputError(f"not UTF-8: {exc.reason}", path=path, line=data.count(b"\n", 0, exc.start) + 1) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise InputError("empty file: a header row is required", path=path, line=1)
    header = [h.strip() for h in header]
    if sorted(header) != sorted(expected):
        missing = sorted(set(expected) - set(header))
        extra = sorted(set(header) - set(expected))
        repeated = sorted({h for h in header if header.count(h) > 1})
        raise InputError(
            f"wrong column set: missing {missing}, unexpected {extra}"
            + (f", repeated {repeated}" if repeated else "")
            + f"; expected {expected}",
            path=path,
            line=1,
            value=",".join(header),
        )
    rows: list[Row] = []
    start = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) != len(header):
                    raise InputError(
                        f"row has {len(record)} cells, the header has {len(header)}",
                        path=path,
                        line=start,
                        value=",".join(record),
                    )
                rows.append(Row(path, start, dict(zip(header, record, strict=True))))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=path, line=start) from None
    return rows


def check_unique(rows: Iterable[Row], column: str, key: Callable[[Row], str] | None = None) -> None:
    """Raise on the second row that repeats a key."""
    seen: dict[str, int] = {}
    for row in rows:
        value = key(row) if key else row.required(column)
        if value in seen:
            raise row.error(column, f"duplicate key, first used on line {seen[value]}", value)
        seen[value] = row.line
