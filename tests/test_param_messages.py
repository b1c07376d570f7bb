"""What an analyst reads for each bad parameter value, word for word, and the edges of each type
(the 500-character string, the 18-digit integer): the messages are the interface of a typo."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import XSD

from osce_kg.errors import InputError
from osce_kg.query.params import CONVERTERS, ParamSpec


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
