"""The parts of `osce-kg serve` that need no server: format negotiation, the series chart, links."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_kg.serve.charts import series, series_chart
from osce_kg.serve.negotiation import GRAPH_OFFER, SELECT_OFFER, NotAcceptable, accepted, choose
from osce_kg.serve.site import Links, Table

INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def test_accept_header_order_follows_quality_then_position():
    assert accepted("text/csv;q=0.4, application/json, text/html;q=0") == ["application/json", "text/csv"]
    assert accepted("") == []


@pytest.mark.parametrize(("offer", "fmt", "accept", "expected"), [
    (SELECT_OFFER, None, None, "json"),
    (SELECT_OFFER, None, "*/*", "json"),
    (SELECT_OFFER, None, "text/*", "csv"),
    (SELECT_OFFER, "tsv", "text/csv", "tsv"),
    (SELECT_OFFER, None, "application/sparql-results+xml;q=0.9, text/csv", "csv"),
    (GRAPH_OFFER, None, "application/ld+json", "jsonld"),
    (GRAPH_OFFER, "ttl", None, "turtle"),
    (["html", *GRAPH_OFFER], None, "text/html,application/xhtml+xml,*/*;q=0.8", "html"),
])
def test_choose_picks_what_the_client_asked_for(offer, fmt, accept, expected):
    assert choose(offer, fmt, accept) == expected


def test_choose_refuses_what_does_not_fit():
    with pytest.raises(NotAcceptable, match="turtle"):
        choose(GRAPH_OFFER, "csv", None)
    with pytest.raises(NotAcceptable, match="text/turtle"):
        choose(GRAPH_OFFER, None, "image/png")


def _table(rows: list[tuple[str, int, int]]) -> Table:
    return Table(["fieldName", "year", "releases"], [
        {"fieldName": ox.Literal(name, language="en"), "year": ox.Literal(str(year), datatype=INTEGER),
         "releases": ox.Literal(str(n), datatype=INTEGER)} for name, year, n in rows], None)


def test_a_count_per_year_per_field_is_a_series_and_gets_a_chart():
    table = _table([("Policing", 2007, 3), ("Policing", 2008, 1), ("Rule of law", 2007, 2)])
    found = series(table)
    assert found is not None
    assert found[3] == {"Policing": {2007: 3.0, 2008: 1.0}, "Rule of law": {2007: 2.0}}
    svg = series_chart(table)
    assert svg is not None and svg.count("<polyline") == 2 and "Rule of law" in svg


def test_a_table_without_years_or_counts_gets_no_chart():
    plain = Table(["name"], [{"name": ox.Literal("Austria")}], None)
    assert series_chart(plain) is None
    names = Table(["year", "name"], [{"year": ox.Literal("2000", datatype=INTEGER), "name": ox.Literal("x")}], None)
    assert series_chart(names) is None


def test_a_series_label_with_markup_is_escaped_in_the_chart():
    svg = series_chart(_table([("<script>x</script>", 2007, 1)]))
    assert svg is not None and "<script>" not in svg and "&lt;script&gt;" in svg


def test_links_keep_our_iris_on_the_site_under_the_proxy_prefix():
    links = Links("/osce-kg")
    assert links("/sparql") == "/osce-kg/sparql"
    assert links.href(ox.NamedNode("https://w3id.org/osce-kg/id/country/MN")) == "/osce-kg/id/country/MN"
    assert links.href("https://w3id.org/osce-kg/ontology#Mission") == "/osce-kg/ontology#Mission"
    assert links.href("https://www.osce.org/x") == "https://www.osce.org/x"
    assert Links.compact("https://w3id.org/osce-kg/graph/data/states") == "graph/data/states"
    assert Links.compact("http://www.w3.org/2000/01/rdf-schema#label") == "rdfs:label"


@pytest.mark.parametrize(("endpoint", "says"), [
    ("ftp://example.org/sparql", "expects an http:// or https:// URL, not 'ftp://example.org/sparql'"),
    (".", "is a local path: a local store is served with --store"),
])
def test_serve_refuses_an_endpoint_that_is_not_a_web_url_before_starting(endpoint, says):
    from click.testing import CliRunner

    from osce_kg.cli import main

    result = CliRunner().invoke(main, ["serve", "--endpoint", endpoint, "--port", "0"])
    assert result.exit_code == 2 and says in result.output, result.output
