"""The reader gives each row of data/*.csv as a record holding exactly that row's cells, converted.

The expected record is built from the raw file with the csv module (not through the reader's own
accessors): lists split on ';', empty cells as None, dates parsed, yes/no as booleans, and the
row's provenance (file, line, source URLs, note). A reader that swaps, drops or misreads a column
gives a record that differs from its row.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from osce_kg import paths
from osce_kg.errors import InputError
from osce_kg.iri import slug
from osce_kg.sources import FILES, Reference, read_reference
from osce_kg.sources.isodate import parse_iso


def _text(cell: str) -> str:
    return cell.strip()


def _optional(cell: str) -> str | None:
    return cell.strip() or None


def _items(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";")) if cell.strip() else ()


def _date(cell: str) -> object:
    return parse_iso(cell.strip()) if cell.strip() else None


def _flag(cell: str) -> bool:
    assert cell.strip().lower() in ("yes", "no"), cell
    return cell.strip().lower() == "yes"


Convert = Callable[[str], object]
COLUMNS: dict[str, dict[str, tuple[str, Convert]]] = {
    # record attribute -> (column, conversion), per Reference attribute
    "states": {
        "code": ("iso2", _text), "osce_name": ("osce_name", _text), "former_names": ("former_names", _items),
        "adjectives": ("adjectives", _items), "wikidata": ("wikidata", _optional), "joined": ("joined", _date),
        "founding": ("founding", _flag),
    },
    "former_states": {
        "code": ("iso3166_3", _text), "name": ("name", _text), "other_names": ("other_names", _items),
        "wikidata": ("wikidata", _optional), "joined": ("joined", _date), "left": ("left", _date),
        "successors": ("successors", _items),
    },
    "partners": {
        "code": ("iso2", _text), "osce_name": ("osce_name", _text), "group": ("group", _text),
        "since": ("since", _date), "until": ("until", _date), "adjectives": ("adjectives", _items),
        "wikidata": ("wikidata", _optional),
    },
    "territories": {
        "key": ("key", _text), "name": ("name", _text), "code": ("code", _optional),
        "alt_names": ("alt_names", _items), "adjectives": ("adjectives", _items), "wikidata": ("wikidata", _optional),
    },
    "places": {
        "key": ("key", _text), "name": ("name", _text), "within": ("within", _text),
        "alt_names": ("alt_names", _items), "wikidata": ("wikidata", _optional),
    },
    "people": {
        "key": ("name", lambda cell: slug(cell.strip())), "name": ("name", _text),
        "alt_names": ("alt_names", _items), "nationality": ("nationality", _optional),
    },
    "chairpersonships": {
        "year": ("year", lambda cell: int(cell)), "state": ("state", _text),
        "chairpersons": ("chairpersons", _items), "title": ("title", _text),
    },
    "tenures": {
        "structure": ("structure", _text), "post": ("post", _text), "post_label": ("post_label", _text),
        "role": ("role", _text), "person": ("person", _text), "start": ("start", _date), "end": ("end", _date),
    },
    "structures": {
        "key": ("key", _text), "name": ("name", _text), "kind": ("class", _text),
        "abbreviations": ("abbreviations", _items), "alt_names": ("alt_names", _items), "parent": ("parent", _optional),
        "seat": ("seat", _optional), "founded": ("founded", _date), "dissolved": ("dissolved", _date),
        "successor": ("successor", _optional), "fields": ("fields", _items),
    },
    "field_operations": {
        "key": ("key", _text), "name": ("name", _text), "short_name": ("short_name", _text), "kind": ("class", _text),
        "abbreviations": ("abbreviations", _items), "hosts": ("hosts", _items), "seat": ("seat", _optional),
        "opened": ("opened", _date), "closed": ("closed", _date), "decided": ("decided", _date),
        "predecessor": ("predecessor", _optional), "successor": ("successor", _optional), "fields": ("fields", _items),
    },
    "renamings": {
        "operation": ("operation", _text), "date": ("date", _date), "old_name": ("old_name", _text),
        "new_name": ("new_name", _text),
    },
    "fields_of_work": {
        "key": ("key", _text), "label": ("label", _text), "alt_labels": ("alt_labels", _items),
        "broader": ("broader", _optional), "top": ("broader", lambda cell: not cell.strip()),
        "translated_labels": ("translated_labels", lambda cell: tuple(
            (item.split(":", 1)[0], item.split(":", 1)[1].strip()) for item in _items(cell))),
    },
    "meeting_types": {
        "key": ("key", _text), "label": ("label", _text), "alt_labels": ("alt_labels", _items),
        "broader": ("key", lambda cell: None), "top": ("key", lambda cell: True),
    },
    "content_types": {
        "key": ("key", _text), "label": ("label", _text), "alt_labels": ("alt_labels", _items),
        "broader": ("key", lambda cell: None), "top": ("key", lambda cell: True),
    },
    "menu_entries": {
        "section": ("section", _text), "entry": ("entry", _text), "links_to": ("links_to", _text),
        "target": ("target", _optional),
    },
}  # fmt: skip


def raw_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line where the row starts, cells) for each row with any content, read with the csv module."""
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        start = 2
        for row in reader:
            if any(cell.strip() for cell in row.values()):
                out.append((start, row))
            start = reader.line_num + 1
    return out


@pytest.fixture
def reference() -> Reference:
    """Read in each test, not once per module: mutation testing runs only the tests that call the reader."""
    return read_reference(paths.DATA_DIR)


def test_every_reference_file_is_described() -> None:
    assert set(COLUMNS) == set(FILES)


@pytest.mark.parametrize("attribute", sorted(FILES))
def test_each_record_holds_its_rows_cells(reference: Reference, attribute: str) -> None:
    path = paths.DATA_DIR / FILES[attribute]
    rows = raw_rows(path)
    records = getattr(reference, attribute)
    assert len(records) == len(rows) > 0
    for record, (line, cells) in zip(records, rows, strict=True):
        where = f"{path.name}:{line}"
        for name, (column, convert) in COLUMNS[attribute].items():
            assert getattr(record, name) == convert(cells[column]), f"{where} {name}"
        prov = record.prov
        assert (prov.file, prov.line) == (path.name, line), where
        assert prov.sources == _items(cells["source"]), where
        assert prov.note == cells["note"].strip(), where


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the real data folder to break."""
    target = tmp_path / "data"
    target.mkdir()
    for path in paths.DATA_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    return target


def edit(data: Path, file: str, match: dict[str, str], changes: dict[str, str]) -> int:
    """Apply `changes` to the first row of `file` matching `match`; return the line it starts on."""
    path = data / file
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    index = next(i for i, row in enumerate(rows) if all(row[k] == v for k, v in match.items()))
    rows[index].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return raw_rows(path)[index][0]  # quoted multi-line notes shift the lines of later rows


ASTANA = {"operation": "programme-office-in-astana"}
CASES = [
    # (file, row, changes, column and message, value reported)
    ("field_operations.csv", {"key": "office-in-zagreb"}, {"key": "Office in Zagreb"},
     "column 'key': a key must be a lower-case slug such as 'office-in-zagreb'", "Office in Zagreb"),
    ("posts.csv", {"person": "Wilhelm Höynck"}, {"post": "Secretary General"},
     "column 'post': a key must be a lower-case slug such as 'secretary-general'", "Secretary General"),
    ("participating_states.csv", {"iso2": "ES"}, {"iso2": "XY"},
     "column 'iso2': not an ISO 3166-1 alpha-2 code known to pycountry", "XY"),
    ("partners.csv", {"iso2": "JP"}, {"iso2": "JA"},
     "column 'iso2': not an ISO 3166-1 alpha-2 code known to pycountry", "JA"),
    ("former_states.csv", {"iso3166_3": "CSHH"}, {"iso3166_3": "CSZZ"},
     "column 'iso3166_3': not an ISO 3166-3 alpha-4 code known to pycountry", "CSZZ"),
    ("former_states.csv", {"iso3166_3": "CSHH"}, {"left": "1975-07"},
     "column 'left': ends before joined 1975-08-01", "1975-07"),
    ("partners.csv", {"iso2": "JP"}, {"until": "1991"}, "column 'until': ends before since 1992", "1991"),
    ("posts.csv", {"person": "Wilhelm Höynck"}, {"end": "1993-05"}, "column 'end': ends before start 1993-06", "1993-05"),
    ("structures.csv", {"key": "osce"}, {"dissolved": "1974"}, "column 'dissolved': ends before founded 1975-08-01", "1974"),
    ("field_operations.csv", {"key": "mission-to-estonia"}, {"closed": "1992-12-31"},
     "column 'closed': ends before opened 1993-02-15", "1992-12-31"),
    ("chairpersonships.csv", {"year": "2007"}, {"year": "20070"}, "column 'year': expected a four-digit year", "20070"),
    ("chairpersonships.csv", {"year": "2007"}, {"year": "2O07"}, "column 'year': expected a four-digit year", "2O07"),
    ("chairpersonships.csv", {"year": "2007"}, {"chairpersons": ""},
     "column 'chairpersons': at least one Chairperson-in-Office is required", ""),
    ("field_operations.csv", {"key": "presence-in-albania"}, {"hosts": ""},
     "column 'hosts': a field operation needs at least one host", ""),
    ("menu_entries.csv", {"entry": "Our work"}, {"target": "our-work"},
     "column 'target': a section entry takes no target", "our-work"),
    ("menu_entries.csv", {"entry": "About us"}, {"target": "about"},
     "column 'target': an overview entry takes no target", "about"),
    ("menu_entries.csv", {"entry": "Secretary General"}, {"target": ""}, "column 'target': a post entry needs a target", None),
    ("menu_entries.csv", {"entry": "Institutions"}, {"target": ""}, "column 'target': a class entry needs a target", None),
    # each kind of cell: required text, list, date, yes/no, choice, source URLs, Wikidata id
    ("places.csv", {"key": "tirana"}, {"name": " "}, "column 'name': must not be empty", ""),
    ("structures.csv", {"key": "hcnm"}, {"fields": "national-minority-issues;"},
     "column 'fields': empty item in ';'-separated list", "national-minority-issues;"),
    ("participating_states.csv", {"iso2": "MN"}, {"joined": "2012-21-11"},
     "column 'joined': invalid date: month must be in 1..12", "2012-21-11"),
    ("participating_states.csv", {"iso2": "MN"}, {"joined": "2012-13"},
     "column 'joined': invalid date: month out of range in '2012-13'", "2012-13"),
    ("participating_states.csv", {"iso2": "MN"}, {"joined": "2012-00"},
     "column 'joined': invalid date: month out of range in '2012-00'", "2012-00"),
    ("participating_states.csv", {"iso2": "MN"}, {"joined": "21 Nov 2012"},
     "column 'joined': invalid date: not an ISO date YYYY, YYYY-MM or YYYY-MM-DD: '21 Nov 2012'", "21 Nov 2012"),
    ("participating_states.csv", {"iso2": "ES"}, {"founding": " Maybe "}, "column 'founding': expected 'yes' or 'no'", "Maybe"),
    ("partners.csv", {"iso2": "JP"}, {"group": "pacific"}, "column 'group': expected one of asian, mediterranean", "pacific"),
    ("places.csv", {"key": "tirana"}, {"source": " "}, "column 'source': every row needs a source URL", ""),
    ("places.csv", {"key": "tirana"}, {"source": "www.osce.org/albania"}, "column 'source': not an http(s) URL",
     "www.osce.org/albania"),
    ("places.csv", {"key": "tirana"}, {"source": "https://www.osce.org/a;ftp://www.osce.org/b"},
     "column 'source': not an http(s) URL", "ftp://www.osce.org/b"),
    ("places.csv", {"key": "tirana"}, {"source": "https:///albania"}, "column 'source': not an http(s) URL",
     "https:///albania"),
    ("places.csv", {"key": "tirana"}, {"source": "https://www.osce.org/al bania"}, "column 'source': not an http(s) URL",
     "https://www.osce.org/al bania"),
    ("places.csv", {"key": "tirana"}, {"wikidata": "19689"}, "column 'wikidata': expected a Wikidata item id like Q222",
     "19689"),
    ("places.csv", {"key": "tirana"}, {"wikidata": "QQ19689"}, "column 'wikidata': expected a Wikidata item id like Q222",
     "QQ19689"),
    # a date every row must have
    ("participating_states.csv", {"iso2": "MN"}, {"joined": ""}, "column 'joined': a date is required", ""),
    ("partners.csv", {"iso2": "JP"}, {"since": ""}, "column 'since': a date is required", ""),
    ("posts.csv", {"person": "Wilhelm Höynck"}, {"start": ""}, "column 'start': a date is required", ""),
    ("field_operations.csv", {"key": "mission-to-estonia"}, {"opened": ""}, "column 'opened': a date is required", ""),
    ("renamings.csv", {"operation": "mission-to-skopje"}, {"date": ""}, "column 'date': a date is required", ""),
    # references between files: "unknown <what>", the value as written
    ("former_states.csv", {"iso3166_3": "CSHH"}, {"successors": "CZ;SK;XX"},
     "column 'successors': unknown successor (not in participating_states.csv)", "XX"),
    ("places.csv", {"key": "tirana"}, {"within": "XX"},
     "column 'within': unknown State or territory (not in any States file or territories.csv)", "XX"),
    ("people.csv", {"name": "Hans-Dietrich Genscher"}, {"nationality": "XX"},
     "column 'nationality': unknown State (not in any States file)", "XX"),
    ("chairpersonships.csv", {"year": "2007"}, {"state": "XK"},
     "column 'state': unknown chairing State (not a participating or former State)", "XK"),
    ("chairpersonships.csv", {"year": "2007"}, {"chairpersons": "Nobody Known"},
     "column 'chairpersons': unknown person (not in people.csv)", "Nobody Known"),
    ("posts.csv", {"person": "Wilhelm Höynck"}, {"structure": "ministry"},
     "column 'structure': unknown structure (not in structures.csv)", "ministry"),
    ("posts.csv", {"person": "Wilhelm Höynck"}, {"person": "Nobody Known"},
     "column 'person': unknown person (not in people.csv)", "Nobody Known"),
    ("field_operations.csv", {"key": "office-in-zagreb"}, {"key": "secretariat"},
     "column 'key': key already used in structures.csv", "secretariat"),
    ("structures.csv", {"key": "hcnm"}, {"parent": "united-nations"},
     "column 'parent': unknown parent structure (not in structures.csv)", "united-nations"),
    ("structures.csv", {"key": "hcnm"}, {"seat": "atlantis"}, "column 'seat': unknown place (not in places.csv)", "atlantis"),
    ("structures.csv", {"key": "hcnm"}, {"successor": "atlantis"},
     "column 'successor': unknown successor structure (not in structures.csv)", "atlantis"),
    ("structures.csv", {"key": "hcnm"}, {"fields": "minorities"},
     "column 'fields': unknown field of work (not in fields_of_work.csv)", "minorities"),
    ("field_operations.csv", {"key": "presence-in-albania"}, {"hosts": "AL;narnia"},
     "column 'hosts': unknown host (not a participating or former State or territory)", "narnia"),
    ("field_operations.csv", {"key": "presence-in-albania"}, {"seat": "atlantis"},
     "column 'seat': unknown place (not in places.csv)", "atlantis"),
    ("field_operations.csv", {"key": "office-in-zagreb"}, {"predecessor": "mission-to-atlantis"},
     "column 'predecessor': unknown field operation (not in field_operations.csv)", "mission-to-atlantis"),
    ("field_operations.csv", {"key": "mission-to-estonia"}, {"successor": "mission-to-atlantis"},
     "column 'successor': unknown field operation (not in field_operations.csv)", "mission-to-atlantis"),
    ("field_operations.csv", {"key": "presence-in-albania"}, {"fields": "minorities"},
     "column 'fields': unknown field of work (not in fields_of_work.csv)", "minorities"),
    ("fields_of_work.csv", {"key": "media-laws"}, {"broader": "media-laws"},
     "column 'broader': unknown top-level field of work (not a top row of fields_of_work.csv)", "media-laws"),
    ("renamings.csv", {"operation": "mission-to-skopje"}, {"operation": "mission-to-atlantis"},
     "column 'operation': unknown field operation (not in field_operations.csv)", "mission-to-atlantis"),
    ("menu_entries.csv", {"entry": "Secretary General"}, {"section": "Nowhere"},
     "column 'section': unknown menu section (neither 'Main menu' nor a section row's entry)", "Nowhere"),
    ("menu_entries.csv", {"entry": "Secretary General"}, {"target": "secretariat.nobody"},
     "column 'target': unknown post (no structure.post of posts.csv)", "secretariat.nobody"),
    # renamings: a chain from the first old name to the current name, inside the operation's lifetime
    ("renamings.csv", {**ASTANA, "date": "2015-01"}, {"old_name": "OSCE Centre in Almaty"},
     "column 'old_name': does not continue the renaming of 2007-06-21 (new name 'OSCE Centre in Astana')",
     "OSCE Centre in Almaty"),
    ("renamings.csv", {"operation": "mission-to-skopje"}, {"new_name": "OSCE Mission in Skopje"},
     "column 'new_name': the last renaming must give the name in field_operations.csv ('OSCE Mission to Skopje')",
     "OSCE Mission in Skopje"),
    ("renamings.csv", {"operation": "mission-to-skopje"}, {"date": "1990"},
     "column 'date': outside the operation's lifetime 1992-09..", "1990"),
    ("renamings.csv", {"operation": "centre-in-tashkent"}, {"date": "2006-07"},
     "column 'date': outside the operation's lifetime 1995..2006-06-30", "2006-07"),
    # the second row with a key; people, posts and renamings have keys made of several cells
    ("people.csv", {"name": "Jiří Dienstbier"}, {"name": "Hans Dietrich Genscher"},
     "column 'name': duplicate key, first used on line 2", "hans-dietrich-genscher"),
    ("posts.csv", {"person": "Giancarlo Aragona"}, {"person": "Wilhelm Höynck", "start": "1993-06"},
     "column 'start': duplicate key, first used on line 2", "secretariat|secretary-general|wilhelm-hoynck|1993-06"),
    ("renamings.csv", {**ASTANA, "date": "2019"}, {"date": "2015-01"},
     "column 'date': duplicate key, first used on line 6", "programme-office-in-astana|2015-01"),
    ("fields_of_work.csv", {"key": "border-management"}, {"label": "Arms control"},
     "column 'label': duplicate key, first used on line 2", "Arms control"),
    ("menu_entries.csv", {"entry": "Countries"}, {"entry": "our WORK"},
     "column 'entry': duplicate key, first used on line 2", "main menu|our work"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "match", "changes", "message", "value"), CASES)
def test_a_broken_row_is_reported_in_full(
    data: Path, file: str, match: dict[str, str], changes: dict[str, str], message: str, value: str | None
) -> None:
    line = edit(data, file, match, changes)
    with pytest.raises(InputError) as info:
        read_reference(data)
    error = info.value
    assert (error.message, error.value) == (message, value)
    assert (error.path, error.line) == (data / file, line)


def test_renamings_chain_by_date_whatever_the_row_order(data: Path) -> None:
    path = data / "renamings.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8")
    names = [(r.date.text, r.new_name) for r in read_reference(data).renamings if r.operation == ASTANA["operation"]]
    assert names == [
        ("2022-09-23", "OSCE Programme Office in Astana"),
        ("2019", "OSCE Programme Office in Nur-Sultan"),
        ("2015-01", "OSCE Programme Office in Astana"),
        ("2007-06-21", "OSCE Centre in Astana"),
    ]


@pytest.mark.parametrize(
    ("file", "match", "column", "value", "attribute"),
    [
        # "any States file": participating, former and partner States alike
        ("people.csv", {"name": "Hans-Dietrich Genscher"}, "nationality", "DDDE", "people"),
        ("people.csv", {"name": "Hans-Dietrich Genscher"}, "nationality", "JP", "people"),
        ("places.csv", {"key": "tirana"}, "within", "DZ", "places"),
        ("places.csv", {"key": "tirana"}, "within", "CSHH", "places"),
        ("places.csv", {"key": "tirana"}, "within", "kosovo", "places"),
    ],
)
def test_a_reference_to_any_kind_of_state_is_accepted(
    data: Path, file: str, match: dict[str, str], column: str, value: str, attribute: str
) -> None:
    line = edit(data, file, match, {column: value})
    [record] = [r for r in getattr(read_reference(data), attribute) if r.prov.line == line]
    assert getattr(record, column) == value


@pytest.mark.parametrize(
    ("file", "match", "changes"),
    [
        # the edges of a lifetime or period belong to it
        ("renamings.csv", {"operation": "mission-to-skopje"}, {"date": "1992-09"}),  # the opening month
        ("renamings.csv", {"operation": "centre-in-tashkent"}, {"date": "2006-06-30"}),  # the closing day
        ("posts.csv", {"person": "Wilhelm Höynck"}, {"end": "1993-06"}),  # ends the month it starts
        ("partners.csv", {"iso2": "JP"}, {"until": "1992"}),
    ],
)
def test_a_period_may_end_on_the_day_it_starts(data: Path, file: str, match: dict[str, str], changes: dict[str, str]) -> None:
    line = edit(data, file, match, changes)
    reference = read_reference(data)
    [record] = [r for r in getattr(reference, file_attribute(file)) if r.prov.line == line]
    assert all(str(getattr(record, column)) == value for column, value in changes.items())


def file_attribute(file: str) -> str:
    return next(attribute for attribute, name in FILES.items() if name == file)
