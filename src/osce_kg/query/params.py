"""Typed query parameters: validate what the analyst typed, turn it into an RDF term, bind it.

Binding is one mechanism for every engine: a VALUES block of validated terms inserted at the
start of the top-level WHERE group. Remote endpoints only take query text, and pyoxigraph's own
`substitutions` only reach projected variables, so a VALUES block is what works everywhere. It is
safe because each value is first parsed into a typed term (a date must be a date, a State an ISO
code, an IRI an IRI) and then written by `sparql_term`, which escapes every character that could
end a literal and refuses IRIs with characters that could end an IRI.

The terms are pyoxigraph's, not rdflib's: binding the parameters of a named query is on the path
of every `osce-kg query`, and rdflib takes 40-50 ms to import (issue 13, a fast start).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import lru_cache, partial

import pyoxigraph as ox

from osce_kg import paths
from osce_kg.errors import InputError
from osce_kg.namespaces import PREFIXES
from osce_kg.query.sparql_text import where_group_start

REQUIRED = "required"
"""Header default meaning the analyst must give the parameter."""
UNBOUND = "unbound"
"""Header default meaning the parameter is left unbound (the query then covers every value)."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]+$")

_XSD_DATE = ox.NamedNode(PREFIXES["xsd"] + "date")
_XSD_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
_XSD_STRING = ox.NamedNode(PREFIXES["xsd"] + "string")

Term = ox.NamedNode | ox.Literal
"""What a parameter's value becomes."""


def _date(raw: str) -> ox.Literal:
    text = date.today().isoformat() if raw == "today" else raw
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("expected a date as YYYY-MM-DD (or 'today')")
    return ox.Literal(date.fromisoformat(text).isoformat(), datatype=_XSD_DATE)


def _year(raw: str) -> ox.Literal:
    if not re.fullmatch(r"\d{4}", raw):
        raise ValueError("expected a year of four digits, e.g. 2007")
    return ox.Literal(str(int(raw)), datatype=_XSD_INTEGER)


def _integer(raw: str) -> ox.Literal:
    if not re.fullmatch(r"[+-]?\d{1,18}", raw):
        raise ValueError("expected an integer")
    return ox.Literal(str(int(raw)), datatype=_XSD_INTEGER)


def _string(raw: str) -> ox.Literal:
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\\]", raw):
        raise ValueError("strings may not contain backslashes or control characters")
    if len(raw) > 500:
        raise ValueError("strings are limited to 500 characters")
    return ox.Literal(raw)


def _iri(raw: str) -> ox.NamedNode:
    if not _ABSOLUTE_IRI.match(raw):
        raise ValueError("expected an absolute IRI without spaces or any of <>\"{}|^`\\")
    try:
        return ox.NamedNode(raw)
    except ValueError as exc:  # e.g. a bad percent-encoding, which the engine would not parse either
        raise ValueError(f"not a valid IRI: {exc}") from None


def _state(raw: str) -> ox.NamedNode:
    # here, not at the top: loading pycountry's tables, and rdflib for iri.py, would slow the
    # start of every query, most of which take no State
    import pycountry

    from osce_kg import iri

    code = raw.strip().upper()
    known = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.historic_countries.get(alpha_4=code)
    if re.fullmatch(r"[A-Z]{2}|[A-Z]{4}", code) and known:
        return ox.NamedNode(str(iri.country(code)))
    raise ValueError("expected an ISO 3166-1 alpha-2 code (e.g. ES) or a former State's ISO 3166-3 code (e.g. SUHH)")


@lru_cache(maxsize=1)
def _known_keys() -> dict[str, tuple[frozenset[str], str]]:
    """The keys the curated data defines (the workspace's copy when there is one, as the build
    reads it), by parameter type, with the files they come from."""
    # imported here: the readers bring the country tables along, which a query without such a
    # parameter does not need at start-up
    from osce_kg.sources.reader import FILES, read_field_operations, read_fields_of_work, read_structures

    data = paths.data_dir()
    structures = {s.key for s in read_structures(data / FILES["structures"])}
    operations = {o.key for o in read_field_operations(data / FILES["field_operations"])}
    fields = {c.key for c in read_fields_of_work(data / FILES["fields_of_work"])}
    return {
        "structure": (frozenset(structures | operations), f"data/{FILES['structures']} or data/{FILES['field_operations']}"),
        "field": (frozenset(fields), f"data/{FILES['fields_of_work']}"),
    }


def _structure(key: str) -> ox.NamedNode:
    from osce_kg import iri  # see _state

    return ox.NamedNode(str(iri.structure(key)))


def _field(key: str) -> ox.NamedNode:
    from osce_kg import iri  # see _state

    return ox.NamedNode(str(iri.concept("field", key)))


def _known_key(kind: str, mint: Callable[[str], ox.NamedNode], raw: str) -> ox.NamedNode:
    """A key of the curated data: an unknown key would match nothing and give an empty answer
    that looks like a fact, so it is an error with the closest known keys."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", raw):
        raise ValueError("expected a key in lower case letters, digits, '.' and '-' (e.g. presence-in-albania)")
    known, where = _known_keys()[kind]
    if raw not in known:
        close = get_close_matches(raw, sorted(known), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"no {kind} with this key in {where}{hint}")
    return mint(raw)


CONVERTERS: dict[str, Callable[[str], Term]] = {
    "iri": _iri,
    "string": _string,
    "date": _date,
    "year": _year,
    "integer": _integer,
    "state": _state,
    # partial, not a factory function: the check runs at each call, so mutmut's mutants of it are reachable
    "structure": partial(_known_key, "structure", _structure),
    "field": partial(_known_key, "field", _field),
}
"""Parameter types: what an analyst types -> the RDF term the query sees."""


@dataclass(frozen=True)
class ParamSpec:
    """One declared parameter of a query (from its header)."""

    name: str
    type: str
    default: str
    description: str

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"invalid parameter name {self.name!r}: use letters, digits and '_'")
        if self.type not in CONVERTERS:
            raise ValueError(f"unknown parameter type {self.type!r} (known: {', '.join(CONVERTERS)})")
        if self.default not in (REQUIRED, UNBOUND):
            self.convert(self.default)

    def convert(self, raw: str) -> Term:
        """The RDF term for a raw value; InputError naming the parameter and the value otherwise."""
        try:
            return CONVERTERS[self.type](raw)
        except ValueError as exc:
            raise InputError(f"parameter '{self.name}' ({self.type}): {exc}", value=raw) from None


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """'name=value' strings from --param into a dict; a repeated name is an error."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not _NAME.match(name):
            raise InputError("--param expects name=value", value=pair)
        if name in out:
            raise InputError(f"parameter '{name}' given twice", value=pair)
        out[name] = value
    return out


def resolve(specs: list[ParamSpec], given: Mapping[str, str]) -> dict[str, Term | None]:
    """Typed values for every declared parameter (None = unbound); unknown or missing ones are errors."""
    known = {s.name: s for s in specs}
    for name, value in given.items():
        if name not in known:
            takes = ", ".join(known) or "no parameters"
            raise InputError(f"unknown parameter '{name}' (this query takes: {takes})", value=value)
    out: dict[str, Term | None] = {}
    for spec in specs:
        raw = given.get(spec.name, spec.default)
        if raw == REQUIRED:
            raise InputError(f"parameter '{spec.name}' ({spec.type}) is required: --param {spec.name}=...")
        out[spec.name] = None if raw == UNBOUND else spec.convert(raw)
    return out


def sparql_iri(text: str) -> str:
    """An IRI in SPARQL syntax, refused when it has a character that could end it early."""
    if not _ABSOLUTE_IRI.match(text):
        raise InputError("refusing to write an IRI with characters that are not allowed in IRIs", value=text)
    return f"<{text}>"


def sparql_term(term: Term) -> str:
    """A term in SPARQL syntax, escaped so that no value can end the literal or IRI early."""
    if isinstance(term, ox.NamedNode):
        return sparql_iri(term.value)
    if isinstance(term, ox.Literal):
        body = (
            term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        )
        if term.language:  # pyoxigraph refuses to make a literal with a malformed language tag
            return f'"{body}"@{term.language}'
        if term.datatype != _XSD_STRING:
            return f'"{body}"^^{sparql_term(term.datatype)}'
        return f'"{body}"'
    raise InputError("only IRIs and literals can be bound to query parameters", value=repr(term))


def values_block(values: Mapping[str, Term | None]) -> str:
    """A one-row VALUES block for the given bindings (None becomes UNDEF)."""
    names = " ".join(f"?{n}" for n in values)
    row = " ".join("UNDEF" if v is None else sparql_term(v) for v in values.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def bind(query: str, values: Mapping[str, Term | None]) -> str:
    """The query with its parameters bound by a VALUES block at the start of the WHERE group,
    on the line of its '{', so that the engine's syntax errors keep the file's line numbers."""
    if not values:
        return query
    for name in values:
        if not _NAME.match(name):
            raise InputError("invalid parameter name", value=name)
    at = where_group_start(query)
    return f"{query[:at]} {values_block(values)} {query[at:]}"
