"""Typed parameters: conversion, errors that name the parameter and the value, the header format,
where the binding goes, and injection payloads (rejected, or bound as harmless literals)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import XSD, Graph, Literal, URIRef

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.errors import InputError
from osce_kg.query.catalog import parse
from osce_kg.query.local import run_local
from osce_kg.query.params import REQUIRED, UNBOUND, ParamSpec, bind, parse_assignments, resolve, sparql_iri, sparql_term
from osce_kg.query.results import Solutions
from osce_kg.query.sparql_text import where_group_start, with_limit
from osce_kg.store import GraphStore


def spec(type_: str, default: str = REQUIRED, name: str = "p") -> ParamSpec:
    return ParamSpec(name, type_, default, "")


def typed(value: str, datatype: URIRef) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(str(datatype)))


def named(node: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(node))


@pytest.mark.parametrize(
    ("type_", "raw", "term"),
    [
        ("date", "2012-11-21", typed("2012-11-21", XSD.date)),
        ("year", "2007", typed("2007", XSD.integer)),
        ("integer", "-42", typed("-42", XSD.integer)),
        ("string", "O'Brien \"the\" quoted", ox.Literal("O'Brien \"the\" quoted")),
        ("iri", "https://schema.org/startDate", ox.NamedNode("https://schema.org/startDate")),
        ("state", "es", named(iri.country("ES"))),
        ("state", "SUHH", named(iri.country("SUHH"))),
        ("structure", "presence-in-albania", named(iri.structure("presence-in-albania"))),
        ("field", "rule-of-law", named(iri.concept("field", "rule-of-law"))),
    ],
)
def test_values_become_typed_terms(type_, raw, term):
    converted = spec(type_).convert(raw)
    assert converted == term and type(converted) is type(term)


def test_today_is_a_date():
    term = spec("date").convert("today")
    assert isinstance(term, ox.Literal) and term.datatype == named(XSD.date) and len(term.value) == 10


@pytest.mark.parametrize(
    ("type_", "raw", "says"),
    [
        ("date", "2012-13-01", "month must be in 1..12"),
        ("date", "21.11.2012", "YYYY-MM-DD"),
        ("year", "07", "four digits"),
        ("integer", "1.5", "integer"),
        ("state", "XX", "ISO 3166"),
        ("state", "Spain", "ISO 3166"),
        ("structure", "Presence in Albania", "key"),
        ("structure", "mission-to-atlantis", "no structure with this key in data/structures.csv"),
        ("structure", "mision-to-moldova", "did you mean mission-to-moldova"),
        ("field", "rule-of-lw", "did you mean rule-of-law?"),
        ("iri", "not an iri", "absolute IRI"),
        ("iri", "urn:a%zz", "not a valid IRI"),
        ("string", "a\\u0022b", "backslashes"),
        ("string", "bell\x07", "control characters"),
    ],
)
def test_bad_values_name_the_parameter_type_and_value(type_, raw, says):
    with pytest.raises(InputError) as err:
        spec(type_, name="when").convert(raw)
    text = str(err.value)
    assert f"parameter 'when' ({type_})" in text and says in text and repr(raw) in text


def test_resolve_defaults_unknown_and_missing():
    specs = [spec("date", "2000-01-01", "date"), spec("state", UNBOUND, "state"), spec("year", REQUIRED, "year")]
    out = resolve(specs, {"year": "2007"})
    assert out == {"date": typed("2000-01-01", XSD.date), "state": None, "year": typed("2007", XSD.integer)}
    with pytest.raises(InputError, match="parameter 'year' \\(year\\) is required"):
        resolve(specs, {})
    with pytest.raises(InputError, match="unknown parameter 'yaer' \\(this query takes: date, state, year\\)"):
        resolve(specs, {"yaer": "2007", "year": "2007"})


def test_param_assignments():
    assert parse_assignments(["date=2000-01-01", "name=a=b"]) == {"date": "2000-01-01", "name": "a=b"}
    with pytest.raises(InputError, match="name=value"):
        parse_assignments(["date"])
    with pytest.raises(InputError, match="given twice"):
        parse_assignments(["date=1", "date=2"])


def test_header_parsing_and_its_errors():
    q = parse(
        "# title: T\n# description: first line\n#   second line\n# param: d | date | today | the day\n"
        "# example: osce-kg query x --param d=2000-01-01\nSELECT ?d WHERE { }\n",
        "x",
    )
    assert (q.title, q.description, [p.name for p in q.params], q.form) == ("T", "first line second line", ["d"], "SELECT")
    with pytest.raises(InputError) as err:
        parse("# title: T\n# param: d | date\nSELECT * WHERE {}", "bad", path="queries/bad.rq")
    assert str(err.value).startswith("queries/bad.rq:2:")
    with pytest.raises(InputError, match="unknown parameter type 'day'"):
        parse("# param: d | day | required | x\nSELECT * WHERE {}", "bad")
    with pytest.raises(InputError, match="expected a date"):
        parse("# param: d | date | yesterday | x\nSELECT * WHERE {}", "bad")


# --- where the binding goes ---------------------------------------------------------------------


def test_the_values_block_opens_the_top_level_where_group():
    query = (
        "PREFIX ex: <http://ex/>  # a comment with WHERE { braces }\n"
        'CONSTRUCT { ?s ex:p "WHERE {" } WHERE { { SELECT ?s WHERE { ?s ?p ?o } } FILTER (?s != \'}\') }'
    )
    at = where_group_start(query)
    assert query[:at].endswith('CONSTRUCT { ?s ex:p "WHERE {" } WHERE {')
    bound = bind(query, {"s": ox.NamedNode("urn:a")})
    assert bound == query[:at] + " VALUES (?s) { (<urn:a>) } " + query[at:]
    assert bind("ASK { ?s ?p ?o }", {"s": None}) == "ASK { VALUES (?s) { (UNDEF) }  ?s ?p ?o }"


def test_limit_is_added_or_lowered_never_raised():
    assert with_limit("SELECT * WHERE { ?s ?p ?o }", 5).rstrip().endswith("LIMIT 5")
    assert with_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 100", 5).endswith("LIMIT 5")
    assert with_limit("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3", 5).endswith("LIMIT 3")
    assert with_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 30 OFFSET 2", 5).endswith("LIMIT 5 OFFSET 2")
    assert with_limit("SELECT * WHERE { ?s ?p ?o } # LIMIT 2 in a comment", 5).endswith("comment\nLIMIT 5\n")


# --- injection ----------------------------------------------------------------------------------

ECHO = "# param: name | string | required | x\nSELECT ?name ?n WHERE { OPTIONAL { ?s <urn:p> ?n } }"


@pytest.fixture()
def small_store() -> GraphStore:
    store = GraphStore.open(None)
    g = Graph()
    g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("secret")))
    store.replace_graph(URIRef("urn:g"), g)
    return store


STRING_PAYLOADS = [
    '" } ; DROP ALL ; #',
    "x\") } UNION { ?s ?p ?n } #",
    '"""\n} INSERT DATA { <urn:evil> <urn:p> "1" } #',
    "') } CLEAR ALL #",
    "\n}\nDELETE WHERE { ?s ?p ?o }\n#",
]


@pytest.mark.parametrize("payload", STRING_PAYLOADS)
def test_string_payloads_are_bound_as_one_harmless_literal(small_store, payload):
    q = parse(ECHO, "echo")
    text = q.bound({"name": payload})
    result = run_local(small_store, text)
    assert isinstance(result, Solutions)
    # the query kept its shape: one row, the payload came back whole as a literal, nothing else ran
    assert [row["name"] for row in result.rows] == [Literal(payload)]
    assert small_store.count() == 1
    at = where_group_start(q.text)
    line = f"VALUES (?name) {{ ({sparql_term(ox.Literal(payload))}) }}"
    assert "\n" not in line and text == f"{q.text[:at]} {line} {q.text[at:]}"


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        ("iri", "http://x> } DROP ALL { <http://y"),
        ("iri", "urn:a>\"} ; CLEAR ALL #"),
        ("state", "ES } ; DROP ALL"),
        ("structure", "osce> . } DROP ALL #"),
        ("date", '2000-01-01"^^xsd:date) } DROP ALL #'),
        ("year", "2007 } DROP ALL"),
        ("integer", "1) } #"),
        ("string", "\\\" } DROP ALL #"),
    ],
)
def test_payloads_that_do_not_fit_the_type_are_rejected(type_, payload):
    with pytest.raises(InputError, match=f"parameter 'p' \\({type_}\\)"):
        spec(type_).convert(payload)


def test_terms_built_in_code_are_still_checked_before_writing():
    with pytest.raises(InputError, match="not allowed in IRIs"):
        sparql_iri("urn:a> } DROP ALL { <urn:b")
    assert sparql_term(ox.Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    assert sparql_term(ox.Literal("x", language="de-at")) == '"x"@de-at'
    assert sparql_term(typed("7", XSD.integer)) == f'"7"^^<{XSD.integer}>'
    with pytest.raises(InputError, match="only IRIs and literals"):
        sparql_term(ox.BlankNode("b"))


def test_cli_reports_bad_parameters_with_exit_2(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["query", "states-as-of", "--param", "date=2012-13-01", "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert "parameter 'date' (date)" in result.output and "2012-13-01" in result.output
    result = runner.invoke(main, ["query", "states-as-off"])
    assert result.exit_code == 2 and "did you mean states-as-of" in result.output
    result = runner.invoke(main, ["query", "co-mentioned-states", "-p", "state=ES } DROP ALL", "--show-query"])
    assert result.exit_code == 2 and "ISO 3166" in result.output


def test_cli_refuses_an_unknown_structure_key_like_an_unknown_state(tmp_path):
    """Issue 14, item 8: an unknown key used to give 0 rows and exit 0."""
    result = CliRunner().invoke(main, ["query", "operation-timeline", "-p", "operation=mission-to-atlantis", "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert "parameter 'operation' (structure)" in result.output and "'mission-to-atlantis'" in result.output
    assert "did you mean mission-to-" in result.output and "Traceback" not in result.output


def test_cli_runs_a_query_file_and_standard_input(built_store, tmp_path):
    runner = CliRunner()
    rq = tmp_path / "members.rq"
    rq.write_text(
        "# title: Members on a day\n# param: day | date | required | the day\n"
        "PREFIX org: <http://www.w3.org/ns/org#>\nPREFIX schema: <https://schema.org/>\n"
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m org:member ?s ; schema:startDate ?d FILTER (STR(?d) <= STR(?day)) }\n"
    )
    store = ["--store", str(built_store.path)]
    early = runner.invoke(main, ["query", str(rq), "-p", "day=1975-08-01", "-f", "csv", *store])
    later = runner.invoke(main, ["query", str(rq), "-p", "day=2012-11-21", "-f", "csv", *store])
    assert early.exit_code == 0 and later.exit_code == 0
    assert 0 < int(early.output.split()[1]) < int(later.output.split()[1])
    described = runner.invoke(main, ["query", "-", "-f", "turtle", *store], input="DESCRIBE <https://w3id.org/osce-kg/id/country/MN>")
    assert described.exit_code == 0 and "Mongolia" in described.output
