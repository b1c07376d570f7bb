"""What an analyst reads for each bad parameter value, word for word, and the edges of each type
(the 500-character string, the 18-digit integer): the messages are the interface of a typo."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
from rdflib import XSD

from osce_kg.errors import InputError
from osce_kg.query.params import CONVERTERS, ParamSpec, bind, parse_assignments, resolve, sparql_iri, sparql_term


def message(type_: str, raw: str) -> str:
    with pytest.raises(InputError) as err:
        ParamSpec("p", type_, "required", "").convert(raw)
    assert err.value.value == raw
    return err.value.message


@pytest.mark.parametrize(("type_", "raw", "says"), [
    ("date", "21.11.2012", "expected a date as YYYY-MM-DD (or 'today')"),
    ("year", "07", "expected a year of four digits, e.g. 2007"),
    ("integer", "1.5", "expected an integer"),
    ("integer", "1" * 19, "expected an integer"),
    ("string", "a\\b", "strings may not contain backslashes or control characters"),
    ("string", "x" * 501, "strings are limited to 500 characters"),
    ("iri", "urn:a b", "expected an absolute IRI without spaces or any of <>\"{}|^`\\"),
    ("iri", "relative/path", "expected an absolute IRI without spaces or any of <>\"{}|^`\\"),
    ("state", "EN", "expected an ISO 3166-1 alpha-2 code (e.g. ES) or a former State's ISO 3166-3 code (e.g. SUHH)"),
    ("structure", "Presence", "expected a key in lower case letters, digits, '.' and '-' (e.g. presence-in-albania)"),
    ("structure", "-presence", "expected a key in lower case letters, digits, '.' and '-' (e.g. presence-in-albania)"),
    ("field", "no-such-field-at-all", "no field with this key in data/fields_of_work.csv"),
])
def test_each_refusal_says_exactly_what_is_expected(type_: str, raw: str, says: str) -> None:
    assert message(type_, raw) == f"parameter 'p' ({type_}): {says}"


def test_the_edges_of_each_type_are_accepted() -> None:
    integer, day = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.date))
    assert CONVERTERS["string"]("x" * 500) == ox.Literal("x" * 500)
    assert CONVERTERS["string"]("") == ox.Literal("")
    assert CONVERTERS["integer"]("-" + "9" * 18) == ox.Literal("-" + "9" * 18, datatype=integer)
    assert CONVERTERS["integer"]("+7") == ox.Literal("7", datatype=integer)
    assert CONVERTERS["year"]("0999") == ox.Literal("999", datatype=integer)
    assert CONVERTERS["date"]("2024-02-29") == ox.Literal("2024-02-29", datatype=day)
    assert CONVERTERS["state"](" es ") == CONVERTERS["state"]("ES")
    assert CONVERTERS["structure"]("presence-in-albania").value.endswith("/structure/presence-in-albania")


@pytest.mark.parametrize("raw", ["\x00", "\x08", "\x1f", "\x7f", "\x0b", "\x0c"])
def test_control_characters_are_refused(raw: str) -> None:
    assert message("string", f"a{raw}b").endswith("strings may not contain backslashes or control characters")


@pytest.mark.parametrize("raw", ["a\nb", "a\rb", "a\tb"])
def test_line_breaks_and_tabs_are_allowed_in_strings(raw: str) -> None:
    assert CONVERTERS["string"](raw) == ox.Literal(raw)


def refusal(call: Callable[..., object], *args: object) -> InputError:
    with pytest.raises(InputError) as err:
        call(*args)
    return err.value


def test_a_mistyped_key_gets_the_three_closest_keys() -> None:
    text = message("structure", "mission-to-moldovx")
    head, _, hint = text.partition("; did you mean ")
    assert head == "parameter 'p' (structure): no structure with this key in data/structures.csv or data/field_operations.csv"
    keys = hint.removesuffix("?").split(", ")
    # 'mission-to-' begins many keys: only the three closest are offered, the nearest first
    assert hint.endswith("?") and len(keys) == 3 and keys[0] == "mission-to-moldova"
    assert all(CONVERTERS["structure"](k) for k in keys)


def test_each_refusal_of_the_command_line_and_the_binding_names_the_value() -> None:
    err = refusal(parse_assignments, ["date"])
    assert (err.message, err.value) == ("--param expects name=value", "date")
    err = refusal(parse_assignments, ["date=1", "date=2"])
    assert (err.message, err.value) == ("parameter 'date' given twice", "date=2")
    err = refusal(resolve, [], {"year": "2007"})
    assert (err.message, err.value) == ("unknown parameter 'year' (this query takes: no parameters)", "2007")
    err = refusal(bind, "SELECT * WHERE { }", {"a b": None})
    assert (err.message, err.value) == ("invalid parameter name", "a b")
    err = refusal(sparql_iri, "urn:a> } DROP ALL { <urn:b")
    assert (err.message, err.value) == ("refusing to write an IRI with characters that are not allowed in IRIs",
                                        "urn:a> } DROP ALL { <urn:b")
    blank = ox.BlankNode("b")
    err = refusal(sparql_term, blank)
    assert (err.message, err.value) == ("only IRIs and literals can be bound to query parameters", repr(blank))


def test_carriage_returns_and_tabs_are_escaped_in_literals() -> None:
    assert sparql_term(ox.Literal("a\rb\tc\r\t")) == '"a\\rb\\tc\\r\\t"'


@pytest.mark.parametrize(("name", "type_", "says"), [
    ("a b", "date", "invalid parameter name 'a b': use letters, digits and '_'"),
    ("d", "day", "unknown parameter type 'day' (known: iri, string, date, year, integer, state, structure, field)"),
])
def test_a_bad_header_line_says_what_is_wrong(name: str, type_: str, says: str) -> None:
    with pytest.raises(ValueError) as err:
        ParamSpec(name, type_, "required", "")
    assert str(err.value) == says
