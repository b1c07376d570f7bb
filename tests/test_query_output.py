"""What `osce-kg query` prints is what pyoxigraph's own serialisers write for the same query text
(byte for byte, every named query on the bundled data, every results and RDF format), and the lazy
answers behind it keep their rdflib side: rows and graphs built on first use, also after the
engine's result was written out."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from osce_kg.cli import main
from osce_kg.namespaces import PREFIXES
from osce_kg.query.catalog import load_catalog
from osce_kg.query.local import run_local
from osce_kg.query.rdf_answer import RdfAnswer
from osce_kg.query.results import Solutions, from_ox_result, render, write

CATALOG = load_catalog()
GIVEN = {"was-participating": {"state": "MN"}}
RESULTS_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


def engine_bytes(store, text: str, fmt: str) -> bytes:
    """pyoxigraph alone: the store's engine runs the text and its serialiser writes the answer."""
    answer = store.raw_query(text)
    if isinstance(answer, ox.QueryTriples):
        return ox.serialize(answer, format=RDF_FORMATS[fmt], prefixes=dict(PREFIXES) if fmt == "turtle" else None)
    return answer.serialize(format=RESULTS_FORMATS[fmt])


def eager(store, text: str):
    """The answer converted at once (what run_local returned before answers were lazy)."""
    return from_ox_result(store.raw_query(text))


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_cli_prints_what_pyoxigraph_writes(built_store, name):
    query = CATALOG[name]
    given = GIVEN.get(name, {})
    text = query.bound(given)
    formats = RDF_FORMATS if query.form in ("CONSTRUCT", "DESCRIBE") else RESULTS_FORMATS
    runner = CliRunner()
    params = [f"--param={k}={v}" for k, v in given.items()]
    for fmt in formats:
        result = runner.invoke(main, ["query", name, "--store", str(built_store.path), "--format", fmt, *params])
        assert result.exit_code == 0, result.output
        theirs = engine_bytes(built_store, text, fmt)
        assert result.stdout_bytes == (theirs if theirs.endswith(b"\n") else theirs + b"\n"), f"{name} --format {fmt}"


@pytest.mark.parametrize("name", sorted(n for n, q in CATALOG.items() if q.form == "SELECT"))
def test_rows_read_first_change_nothing_in_what_is_written(built_store, name):
    text = CATALOG[name].bound(GIVEN.get(name, {}))
    for fmt in ("table", *RESULTS_FORMATS):
        streamed = render(run_local(built_store, text), fmt)
        read_first = run_local(built_store, text)
        assert len(read_first.rows) == len(eager(built_store, text).rows)
        assert render(read_first, fmt) == streamed, f"{name} --format {fmt}"


@pytest.mark.parametrize("name", ["states-as-of", "chairpersonships", "releases-per-field-year"])
def test_given_rows_are_written_like_the_engines_answer(built_store, name):
    # rows as rdflib terms (an endpoint's answer cut by --limit, rows made in Python) go through
    # the standard JSON to pyoxigraph's serialisers; these queries' literals are in canonical form,
    # which rdflib keeps
    text = CATALOG[name].bound({})
    converted = eager(built_store, text)
    given = Solutions(converted.variables, converted.rows)
    for fmt in RESULTS_FORMATS:
        assert write(given, fmt) == engine_bytes(built_store, text, fmt), f"{name} --format {fmt}"
    assert render(given, "table") == render(run_local(built_store, text), "table")


def test_rows_are_still_there_after_the_answer_was_written(built_store):
    text = CATALOG["states-as-of"].bound({"date": "2012-11-21"})
    answer = run_local(built_store, text)
    csv = write(answer, "csv")
    assert b"Mongolia" in csv
    rows = answer.rows  # the engine's result was consumed by the CSV writer: the rows are fetched again
    assert rows == eager(built_store, text).rows and len(rows) == csv.count(b"\r\n") - 1
    assert write(answer, "csv") == csv, "written again from the rows, the same bytes"


def test_rows_read_first_then_written(built_store):
    text = CATALOG["partners"].bound({})
    answer = run_local(built_store, text)
    names = sorted(str(r["name"]) for r in answer.rows)
    assert len(names) == 11 and "Japan" in names
    assert write(answer, "json") == built_store.raw_query(text).serialize(format=ox.QueryResultsFormat.JSON)


def test_an_answer_parsed_from_an_endpoint_is_written_like_a_local_one(built_store):
    text = CATALOG["chairpersonships"].bound({"from": "2007", "to": "2008"})
    body = built_store.raw_query(text).serialize(format=ox.QueryResultsFormat.JSON)
    remote = Solutions.from_ox(ox.parse_query_results(body, ox.QueryResultsFormat.JSON),
                               again=lambda: ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
    for fmt in ("table", *RESULTS_FORMATS):
        assert render(remote, fmt) == render(run_local(built_store, text), fmt)
    assert remote.rows == eager(built_store, text).rows


def test_a_construct_answer_is_an_rdflib_graph_filled_on_first_use(built_store):
    text = CATALOG["entity-card"].bound({})
    card = run_local(built_store, text)
    assert isinstance(card, RdfAnswer) and isinstance(card, Graph)
    presence = URIRef("https://w3id.org/osce-kg/id/structure/presence-in-albania")
    assert (presence, URIRef("https://w3id.org/osce-kg/ontology#host"), URIRef("https://w3id.org/osce-kg/id/country/AL")) in card
    assert len(card) == len(eager(built_store, text)) and isomorphic(card, eager(built_store, text))
    # once filled, it is written from rdflib's triples: the same graph
    back = Graph().parse(data=render(card, "turtle"), format="turtle")
    assert isomorphic(back, card)


def test_a_construct_answer_written_first_is_still_a_graph(built_store):
    text = CATALOG["entity-card"].bound({})
    card = run_local(built_store, text)
    turtle = write(card, "turtle")
    assert turtle == engine_bytes(built_store, text, "turtle")
    assert isomorphic(Graph().parse(data=turtle.decode("utf-8"), format="turtle"), card)
    assert (URIRef("https://w3id.org/osce-kg/id/country/AL"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("Albania", lang="en")) in card


def test_ntriples_is_refused_for_a_table_and_table_gives_turtle_for_a_graph(built_store):
    runner = CliRunner()
    refused = runner.invoke(main, ["query", "partners", "--store", str(built_store.path), "--format", "ntriples"])
    assert refused.exit_code == 2 and "table, csv, tsv, json or xml" in refused.output
    table = runner.invoke(main, ["query", "entity-card", "--store", str(built_store.path)])
    assert table.exit_code == 0 and table.output.startswith("@prefix")


def test_a_changed_construct_answer_is_written_from_the_graph(built_store):
    card = run_local(built_store, CATALOG["entity-card"].bound({}))
    extra = (URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("added"))
    card.add(extra)
    back = Graph().parse(data=render(card, "turtle"), format="turtle")
    assert extra in back and len(back) == len(card)


def test_max_width_sets_where_table_cells_are_cut(built_store):
    """The table cuts long cells at 60 characters; --max-width N moves that, 0 never cuts."""
    query = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY DESC(STRLEN(?label)) ?label LIMIT 1"
    longest = str(built_store.query(query)[0]["label"])
    assert len(longest) > 60

    def cell(*options: str) -> str:
        result = CliRunner().invoke(main, ["query", "-", "--store", str(built_store.path), *options], input=query)
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[2].rstrip()

    assert cell() == longest[:59] + "…"
    assert cell("--max-width", "20") == longest[:19] + "…"
    assert cell("--max-width", "0") == longest
    refused = CliRunner().invoke(main, ["query", "-", "--store", str(built_store.path), "--max-width", "-1"], input=query)
    assert refused.exit_code == 2
