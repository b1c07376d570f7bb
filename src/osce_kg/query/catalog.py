"""The catalogue of named queries: one .rq file each in queries/, described by a comment header.

Header format (comment lines at the top of the file, before the query):

    # title: Participating States as of a date
    # description: Every State that was a participating State on the given day,
    #   with the date it joined.  (an indented continuation line extends a field)
    # param: date | date | today | The day to look at (YYYY-MM-DD or 'today')
    # example: osce-kg query states-as-of --param date=1995-01-01

`param` is `name | type | default | description`; type is one of params.CONVERTERS; default is a
value, `required` or `unbound` (left unbound, the query then covers every value). Parameters are
variables of the query (`?date`) bound by params.bind.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from osce_kg import paths
from osce_kg.errors import InputError
from osce_kg.query.params import ParamSpec, bind
from osce_kg.query.params import resolve as resolve_params
from osce_kg.query.sparql_text import query_form

_FIELD = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")


@dataclass
class NamedQuery:
    """A query with its header: what it answers, which parameters it takes, how to call it."""

    name: str
    text: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    params: list[ParamSpec] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def form(self) -> str:
        return query_form(self.text)

    def bound(self, given: Mapping[str, str] | None = None) -> str:
        """The query text with the given raw values (and the defaults) validated and bound; a
        query text that cannot take them (unbalanced braces, no WHERE group) is named."""
        values = resolve_params(self.params, given or {})
        try:
            return bind(self.text, values)
        except InputError as exc:
            raise InputError(exc.message, path=self.path or self.name, value=exc.value) from None


def parse(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """A query and its header; a malformed header line is an InputError naming file and line."""
    query = NamedQuery(name=name, text=text, path=path)
    where = path or name
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _FIELD.match(line)
        cont = _CONTINUATION.match(line)
        if m:
            key, value = m.group(1), m.group(2).strip()
            last = key
            if key == "param":
                query.params.append(_param(value, where, number))
            elif key == "example":
                query.examples.append(value)
            else:
                setattr(query, key, value)
        elif cont and last in ("title", "description"):
            setattr(query, last, f"{getattr(query, last)} {cont.group(1).strip()}".strip())
        elif cont and last == "example":
            query.examples[-1] += " " + cont.group(1).strip()
        else:
            last = None
    names = [p.name for p in query.params]
    for name_ in set(names):
        if names.count(name_) > 1:
            raise InputError(f"parameter '{name_}' declared twice", path=where)
    return query


def _param(value: str, where: Path | str, line: int) -> ParamSpec:
    parts = [p.strip() for p in value.split("|")]
    if len(parts) != 4:
        raise InputError("a param line is 'name | type | default | description'", path=where, line=line, value=value)
    try:
        return ParamSpec(*parts)
    except (ValueError, InputError) as exc:
        raise InputError(str(exc), path=where, line=line, value=value) from None


def load_catalog(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in the folder (default: paths.queries_dir()), by name (the file stem)."""
    folder = folder or paths.queries_dir()
    return {p.stem: parse(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))}


def resolve(ref: str, folder: Path | None = None) -> NamedQuery:
    """A query given as a catalogue name, a file path, or '-' for standard input."""
    if ref == "-":
        return parse(sys.stdin.read(), "<stdin>")
    path = Path(ref)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise InputError("no such query file", path=path)
        return parse(path.read_text(encoding="utf-8"), path.stem, path)
    folder = folder or paths.queries_dir()
    own = folder / f"{ref}.rq"
    if Path(ref).name == ref and own.is_file():
        # only this file: the catalogue's other queries need not be read to run one
        return parse(own.read_text(encoding="utf-8"), ref, own)
    catalog = load_catalog(folder)
    close = get_close_matches(ref, list(catalog), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'osce-kg queries' lists them"
    raise InputError(f"no query named '{ref}' in {folder}{hint}", value=ref)
