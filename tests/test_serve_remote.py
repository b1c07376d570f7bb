"""The same site over a real Oxigraph server (`osce-kg serve --endpoint`): the bundled dataset is
loaded into `oxigraph serve` (started and stopped here), and the pages, downloads and protocol
answers are those of the embedded store."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import Iterator

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from osce_kg import iri
from osce_kg.iri import ORG, SCHEMA
from serve_support import Site, running_site
from servers import oxigraph_server

pytestmark = pytest.mark.server

MONGOLIA = iri.country("MN")


@pytest.fixture(scope="module")
def remote_site(bundled_build, tmp_path_factory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("oxigraph-serve")
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server is needed: pip install oxigraph"
    subprocess.run([binary, "load", "--location", str(folder / "data"), "--file", str(bundled_build.dist / "osce.trig")],
                   check=True, capture_output=True)
    with oxigraph_server(folder) as oxigraph, running_site(
        "--endpoint", oxigraph.query_url, "--dist", str(bundled_build.dist), "--timeout", "5", "--max-rows", "60"
    ) as site:
        yield site


def get(site: Site, path: str, **kwargs) -> httpx.Response:
    return httpx.get(site.base + path, timeout=30, **kwargs)


def test_mongolia_in_every_format_over_the_endpoint(remote_site):
    turtle = Graph().parse(data=get(remote_site, "/id/country/MN.ttl").text, format="turtle")
    joined = [turtle.value(m, SCHEMA.startDate) for m in turtle.subjects(ORG.member, MONGOLIA)
              if (m, ORG.role, URIRef(str(iri.OSCE) + "participatingStateRole")) in turtle]
    assert joined == [Literal("2012-11-21", datatype=XSD.date)]
    html = get(remote_site, "/id/country/MN").text
    assert "Mongolia" in html and "Монголия" in html and "http://osce.org/cio/84562" in html
    assert "the SPARQL endpoint" in html
    jsonld = Graph().parse(data=get(remote_site, "/id/country/MN.jsonld").text, format="json-ld")
    assert (MONGOLIA, RDFS.label, Literal("Mongolia", lang="en")) in jsonld
    assert get(remote_site, "/id/country/XX").status_code == 404


def test_pages_and_downloads_are_those_of_the_embedded_store(remote_site, bundled_build):
    path = "/queries/chairpersonships.csv?from=2000&to=2003"
    remote = get(remote_site, path).text
    with running_site("--store", str(bundled_build.store), "--dist", str(bundled_build.dist)) as local:
        assert get(local, path).text == remote
        assert get(local, "/id/country/MN.nt").text.count("\n") == get(remote_site, "/id/country/MN.nt").text.count("\n")
    assert {r["stateName"] for r in csv.DictReader(io.StringIO(remote))} >= {"Austria", "Romania", "Portugal", "The Netherlands"}
    assert "<svg" in get(remote_site, "/queries/releases-per-field-year").text
    assert get(remote_site, "/structure/view?as_of=2005-01-01").status_code == 200


def test_protocol_answers_and_refusals_over_the_endpoint(remote_site):
    query = "PREFIX osce: <https://w3id.org/osce-kg/ontology#> SELECT ?s WHERE { ?s a osce:ParticipatingState }"
    answer = get(remote_site, "/sparql", params={"query": query})
    assert len(json.loads(answer.content)["results"]["bindings"]) == 57
    cut = get(remote_site, "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "csv"})
    assert cut.headers["x-result-truncated"] == "max-rows=60"
    assert len(list(csv.reader(io.StringIO(cut.text)))) == 61
    assert get(remote_site, "/sparql", params={"query": "DROP ALL"}).status_code == 403
    assert get(remote_site, "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"}).status_code == 403
    malformed = get(remote_site, "/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert malformed.status_code == 400 and "endpoint says" in malformed.text


def test_service_to_an_allowed_host_is_run_and_others_are_refused(bundled_build, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oxigraph-service")
    subprocess.run([shutil.which("oxigraph") or "oxigraph", "load", "--location", str(folder / "data"),
                    "--file", str(bundled_build.dist / "osce.trig")], check=True, capture_output=True)
    # the PREFIX on a line of its own: rdflib, which reads the SERVICE clauses for the policy, takes
    # what follows a '#' inside an IRI on the same line for a comment when the query has a SERVICE
    query = ("PREFIX osce: <https://w3id.org/osce-kg/ontology#>\nSELECT ?s WHERE {{ SERVICE <{url}> "
             "{{ ?s a osce:ParticipatingState }} }}")
    with oxigraph_server(folder) as oxigraph, running_site("--store", str(bundled_build.store), "--allow-service", "127.0.0.1") as site:
        allowed = get(site, "/sparql", params={"query": query.format(url=oxigraph.query_url)})
        assert allowed.status_code == 200, allowed.text
        assert len(json.loads(allowed.content)["results"]["bindings"]) == 57
        other = get(site, "/sparql", params={"query": query.format(url="http://localhost:9/query")})
        assert other.status_code == 403 and "127.0.0.1" in other.text
