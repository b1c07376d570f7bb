"""Answer formats: the SPARQL 1.1 results formats checked against independent readers (rdflib's
JSON, XML and TSV result parsers, Python's csv module) and against pyoxigraph's own serialisation of
the same query; RDF answers round-trip; and every named query runs in every format from the CLI."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from osce_kg.cli import main
from osce_kg.errors import InputError
from osce_kg.query.catalog import load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.results import FORMATS, GRAPH_FORMATS, SELECT_FORMATS, Solutions, render

TRICKY = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:name "Zürich, \\"quoted\\"\\nsecond line\\tand tab"@de ; ex:when "2007-12-12"^^xsd:date ; ex:n 50 ; ex:link [ ex:x 1 ] .
ex:b ex:name "plain" .
"""
QUERY = """PREFIX ex: <http://example.org/>
SELECT ?s ?name ?when ?n ?link WHERE { ?s ex:name ?name OPTIONAL { ?s ex:when ?when ; ex:n ?n ; ex:link ?link } } ORDER BY ?s"""


@pytest.fixture(scope="module")
def store():
    from osce_kg.store import GraphStore

    s = GraphStore.open(None)
    s.replace_graph(URIRef("urn:g"), Graph().parse(data=TRICKY, format="turtle"))
    return s


@pytest.fixture(scope="module")
def answer(store) -> Solutions:
    result = run_local(store, QUERY)
    assert isinstance(result, Solutions) and len(result.rows) == 2
    return result


def _same_rows(parsed: Result, answer: Solutions) -> None:
    assert [str(v) for v in parsed.vars] == answer.variables
    got = [{str(k): v for k, v in row.asdict().items()} for row in parsed]
    for mine, theirs in zip(answer.rows, got, strict=True):
        assert set(mine) == set(theirs)
        for var, term in mine.items():
            if isinstance(term, BNode):
                assert isinstance(theirs[var], BNode)
            else:
                assert theirs[var] == term and getattr(theirs[var], "language", None) == getattr(term, "language", None)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_results_read_back_by_rdflib_give_the_same_terms(answer, fmt):
    text = render(answer, fmt)
    _same_rows(Result.parse(io.StringIO(text), format=fmt), answer)


def test_csv_has_the_lexical_forms_and_crlf_line_ends(answer):
    text = render(answer, "csv")
    assert text.startswith("s,name,when,n,link\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == answer.variables
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["name"] == "Zürich, \"quoted\"\nsecond line\tand tab"
    assert (first["s"], first["when"], first["n"]) == ("http://example.org/a", "2007-12-12", "50")
    assert first["link"].startswith("_:")
    assert dict(zip(rows[0], rows[2], strict=True))["when"] == "", "unbound is an empty field"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml"])
def test_same_bytes_as_pyoxigraph_serialising_the_query_itself(store, answer, fmt):
    ours = render(answer, fmt).encode("utf-8")
    theirs = store.raw_query(QUERY).serialize(format=getattr(ox.QueryResultsFormat, fmt.upper()))
    assert ours == theirs


def test_json_is_the_w3c_structure(answer):
    data = json.loads(render(answer, "json"))
    assert data["head"]["vars"] == answer.variables
    name = data["results"]["bindings"][0]["name"]
    assert name == {"type": "literal", "value": "Zürich, \"quoted\"\nsecond line\tand tab", "xml:lang": "de"}
    assert data["results"]["bindings"][0]["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert data["results"]["bindings"][0]["link"]["type"] == "bnode"
    assert "when" not in data["results"]["bindings"][1]


def test_ask_answers(store):
    yes = run_local(store, "ASK { ?s ?p ?o }")
    assert json.loads(render(yes, "json")) == {"head": {}, "boolean": True}
    assert ET.fromstring(render(yes, "xml")).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
    assert Result.parse(io.StringIO(render(False, "xml")), format="xml").askAnswer is False
    assert render(yes, "table") == "true\n"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_construct_round_trips(store, fmt):
    graph = run_local(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(graph, Graph) and len(graph) == 6
    back = Graph().parse(data=render(graph, fmt), format="json-ld" if fmt == "jsonld" else "turtle")
    assert isomorphic(back, graph)


def test_describe_gives_rdf(store):
    graph = run_local(store, "DESCRIBE <http://example.org/b>")
    assert isinstance(graph, Graph)
    assert (URIRef("http://example.org/b"), URIRef("http://example.org/name"), Literal("plain")) in graph


def test_formats_that_do_not_fit_the_answer_are_refused(store, answer):
    with pytest.raises(InputError, match="turtle or jsonld"):
        render(run_local(store, "CONSTRUCT WHERE { ?s ?p ?o }"), "csv")
    with pytest.raises(InputError, match="table, csv, tsv, json or xml"):
        render(answer, "turtle")


def test_table_is_aligned_with_compact_names(answer):
    lines = render(answer, "table").splitlines()
    assert lines[0].split() == answer.variables
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == "(2 rows)"


# --- every named query, every format, through the CLI -----------------------------------------


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_named_query_runs_in_every_format(built_store, name):
    runner = CliRunner()
    query = load_catalog()[name]
    given = {"state": "MN"} if name == "was-participating" else {}
    params = [f"--param={k}={v}" for k, v in given.items()]
    answer = run_local(built_store, query.bound(given))
    formats = GRAPH_FORMATS + ("table",) if query.form in ("CONSTRUCT", "DESCRIBE") else SELECT_FORMATS
    for fmt in formats:
        result = runner.invoke(main, ["query", name, "--store", str(built_store.path), "--format", fmt, *params])
        assert result.exit_code == 0, f"{name} --format {fmt}: {result.output}"
        out = result.output
        if fmt == "json":
            assert "boolean" in json.loads(out) or "results" in json.loads(out)
        elif fmt == "xml":
            assert ET.fromstring(out.encode("utf-8")).tag == "{http://www.w3.org/2005/sparql-results#}sparql"
        elif fmt in ("csv", "tsv") and query.form == "SELECT":
            header = out.splitlines()[0].split("," if fmt == "csv" else "\t")
            assert [h.lstrip("?") for h in header] == answer.variables
            assert len(out.strip().splitlines()) == 1 + len(answer.rows) or "\n" in "".join(map(str, answer.rows))
        elif fmt in GRAPH_FORMATS:
            assert len(Graph().parse(data=out, format="json-ld" if fmt == "jsonld" else "turtle")) > 0
    assert set(formats) <= set(FORMATS)


def test_limit_cuts_the_rows(built_store):
    runner = CliRunner()
    result = runner.invoke(main, ["query", "states-as-of", "--store", str(built_store.path), "--format", "csv", "--limit", "3"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 1 + 3
