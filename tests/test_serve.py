"""`osce-kg serve` as users meet it: a real server process on a free loopback port over a copy of
the bundled store, asked over HTTP. The SPARQL 1.1 Protocol (each method, each format, refusals,
errors, the timeout, the row and body caps), the entity pages in every format, the named queries,
the other pages and the service description."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from osce_kg import iri
from osce_kg.iri import ORG, SCHEMA
from osce_kg.namespaces import BASE
from serve_support import XSS_LABEL, XSS_PERSON, Site, cpu_seconds, descendants, hostile_store, running_site

pytestmark = pytest.mark.server

TIMEOUT = 3.0
MAX_ROWS = 60
MONGOLIA = iri.country("MN")
ALBANIA = iri.structure("presence-in-albania")
PERSON = iri.person("elina-valtonen")
RELEASE = iri.document("file-edd890b92ae4faef")
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
STATES = """PREFIX osce: <https://w3id.org/osce-kg/ontology#>
SELECT ?s WHERE { ?s a osce:ParticipatingState } ORDER BY ?s"""


@pytest.fixture(scope="module")
def site(bundled_build, tmp_path_factory) -> Iterator[Site]:
    store = hostile_store(bundled_build.store, tmp_path_factory.mktemp("serve"))
    with running_site("--store", str(store), "--dist", str(bundled_build.dist), "--timeout", str(TIMEOUT),
                      "--max-rows", str(MAX_ROWS), "--max-body", "100000") as running:
        yield running


def get(site: Site, path: str, **kwargs) -> httpx.Response:
    return httpx.get(site.base + path, timeout=30, **kwargs)


def post(site: Site, path: str, **kwargs) -> httpx.Response:
    return httpx.post(site.base + path, timeout=30, **kwargs)


def states_from_json(body: bytes) -> list[str]:
    return [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]]


# the protocol: methods ---------------------------------------------------------------------------


def test_get_post_form_and_post_direct_give_the_same_answer(site, built_store):
    expected = [str(r["s"]) for r in built_store.query(STATES)]
    assert len(expected) == 57
    by_get = get(site, "/sparql", params={"query": STATES})
    by_form = post(site, "/sparql", data={"query": STATES})
    by_body = post(site, "/sparql", content=STATES.encode(), headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json"
        assert states_from_json(response.content) == expected


def test_a_post_in_another_content_type_is_refused_with_415(site):
    response = post(site, "/sparql", content=STATES.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert "application/sparql-query" in response.text


# the protocol: formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(("accept", "fmt", "media", "parse"), [
    ("application/sparql-results+json", "json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", "csv", "text/csv", None),
    ("text/tab-separated-values", "tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_answers_in_each_results_format_by_accept_and_by_format(site, accept, fmt, media, parse):
    for response in (get(site, "/sparql", params={"query": STATES}, headers={"Accept": accept}),
                     get(site, "/sparql", params={"query": STATES, "format": fmt})):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media)
        if parse is None:  # CSV is lossy: pyoxigraph does not read it back
            values = [row["s"] for row in csv.DictReader(io.StringIO(response.text))]
        else:
            values = [s["s"].value for s in ox.parse_query_results(response.content, parse)]
        assert len(values) == 57 and str(MONGOLIA) in values


def test_accept_with_quality_values_picks_the_preferred_format(site):
    response = get(site, "/sparql", params={"query": STATES}, headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


@pytest.mark.parametrize(("accept", "suffix", "rdflib_format"), [
    ("text/turtle", "turtle", "turtle"), ("application/ld+json", "jsonld", "json-ld"), ("application/n-triples", "nt", "nt"),
])
def test_construct_answers_in_each_rdf_format(site, accept, suffix, rdflib_format):
    query = f"CONSTRUCT {{ <{MONGOLIA}> ?p ?o }} WHERE {{ <{MONGOLIA}> ?p ?o }}"
    for response in (get(site, "/sparql", params={"query": query}, headers={"Accept": accept}),
                     get(site, "/sparql", params={"query": query, "format": suffix})):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(accept)
        g = Graph().parse(data=response.text, format=rdflib_format, publicID=site.base + "/")
        assert (MONGOLIA, RDFS.label, Literal("Mongolia", lang="en")) in g


def test_ask_answers_true_and_false(site):
    yes = get(site, "/sparql", params={"query": f"ASK {{ <{MONGOLIA}> ?p ?o }}"})
    no = get(site, "/sparql", params={"query": "ASK { <urn:nothing> ?p ?o }", "format": "xml"})
    assert json.loads(yes.content)["boolean"] is True
    assert b"<boolean>false</boolean>" in no.content


def test_a_format_that_does_not_fit_the_answer_is_406(site):
    response = get(site, "/sparql", params={"query": f"CONSTRUCT WHERE {{ <{MONGOLIA}> ?p ?o }}", "format": "csv"})
    assert response.status_code == 406
    assert "turtle" in response.text


# refusals and errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["get-query", "form-query", "form-update", "direct-update", "direct-query"])
def test_updates_are_refused_with_403_and_leave_the_store_as_it_was(site, how):
    update = f"DELETE WHERE {{ <{MONGOLIA}> ?p ?o }}"
    response = {
        "get-query": lambda: get(site, "/sparql", params={"query": update}),
        "form-query": lambda: post(site, "/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
        "form-update": lambda: post(site, "/sparql", data={"update": update}),
        "direct-update": lambda: post(site, "/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        "direct-query": lambda: post(site, "/sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-query"}),
    }[how]()
    assert response.status_code == 403, response.text
    assert "updates are not allowed" in response.text
    assert json.loads(get(site, "/sparql", params={"query": f"ASK {{ <{MONGOLIA}> ?p ?o }}"}).content)["boolean"] is True


def test_service_is_refused_and_no_connection_is_opened(site):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    accepted = []

    def watch() -> None:
        try:
            accepted.append(listener.accept())
        except OSError:
            pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    response = get(site, "/sparql", params={"query": query})
    watcher.join()
    listener.close()
    assert response.status_code == 403
    assert "SERVICE" in response.text and "--allow-service" in response.text
    assert accepted == []


def test_a_malformed_query_is_400_with_the_parsers_position(site):
    response = get(site, "/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "1:" in response.text and "syntax error" in response.text


def test_a_query_past_the_timeout_is_stopped_its_cpu_freed_while_pages_are_answered(site):
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["response"] = get(site, "/sparql", params={"query": CARTESIAN})
        outcome["seconds"] = time.monotonic() - started

    runner = threading.Thread(target=slow)
    runner.start()
    time.sleep(0.5)
    started = time.monotonic()
    page = get(site, "/id/country/MN", headers={"Accept": "text/html"})
    page_seconds = time.monotonic() - started
    fast = get(site, "/sparql", params={"query": f"ASK {{ <{MONGOLIA}> ?p ?o }}"})
    runner.join()
    response = outcome["response"]
    assert isinstance(response, httpx.Response)
    assert page.status_code == 200 and "Mongolia" in page.text
    assert page_seconds < 2, f"the entity page took {page_seconds:.2f} s while a heavy query ran"
    assert fast.status_code == 200
    assert response.status_code == 503
    assert "stopped" in response.text
    assert outcome["seconds"] < TIMEOUT + 3
    before = cpu_seconds(site.process.pid)
    time.sleep(1.5)
    assert cpu_seconds(site.process.pid) - before < 0.5, "a query process went on using the CPU after the timeout"
    again = get(site, "/sparql", params={"query": STATES})
    assert again.status_code == 200 and len(states_from_json(again.content)) == 57


def test_answers_beyond_max_rows_are_cut_with_a_marker(site):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    as_json = get(site, "/sparql", params={"query": query})
    as_csv = get(site, "/sparql", params={"query": query, "format": "csv"})
    as_turtle = get(site, "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "turtle"})
    document = json.loads(as_json.content)
    assert len(document["results"]["bindings"]) == MAX_ROWS
    assert document["truncated"]["max_rows"] == MAX_ROWS
    for response in (as_json, as_csv, as_turtle):
        assert response.headers["x-result-truncated"] == f"max-rows={MAX_ROWS}"
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == MAX_ROWS + 1
    assert as_turtle.text.startswith("# truncated")
    assert len(Graph().parse(data=as_turtle.text, format="turtle")) == MAX_ROWS


def test_a_small_answer_has_no_marker(site):
    response = get(site, "/sparql", params={"query": f"SELECT ?p WHERE {{ <{MONGOLIA}> ?p ?o }} LIMIT 3"})
    assert "x-result-truncated" not in response.headers
    assert "truncated" not in json.loads(response.content)


def test_request_bodies_beyond_the_cap_are_413(site):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000
    response = post(site, "/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    form = post(site, "/sparql", data={"query": big})
    assert form.status_code == 413


# entity pages ------------------------------------------------------------------------------------


def test_mongolia_as_turtle_has_its_joining_date(site):
    for response in (get(site, "/id/country/MN.ttl"), get(site, "/id/country/MN", headers={"Accept": "text/turtle"})):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/turtle")
        g = Graph().parse(data=response.text, format="turtle")
        memberships = [m for m in g.subjects(ORG.member, MONGOLIA) if (m, ORG.role, URIRef(str(iri.OSCE) + "participatingStateRole")) in g]
        assert len(memberships) == 1
        assert g.value(memberships[0], SCHEMA.startDate) == Literal("2012-11-21", datatype=XSD.date)


def test_mongolia_as_html_names_it_in_six_languages_with_sources_and_time_line(site):
    response = get(site, "/id/country/MN")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    for label in ("Mongolia", "Mongolie", "Mongolei", "Монголия"):
        assert label in page
    assert "2012-11-21" in page and "Time line" in page
    # one heading per property of each node shown (Mongolia and its two memberships), not one per value
    assert page.count(">same as</a></th>") == 1 and page.count(">rdfs:label</a></th>") == 3
    assert "http://osce.org/cio/84562" in page
    assert 'href="/graph/data/participating_states"' in page
    assert "data/participating_states.csv" in page


def test_mongolia_as_json_ld_uses_the_published_context(site):
    for response in (get(site, "/id/country/MN.jsonld"), get(site, "/id/country/MN", headers={"Accept": "application/ld+json"})):
        assert response.headers["content-type"].startswith("application/ld+json")
        document = json.loads(response.content)
        assert document["@context"] == site.base + "/context.jsonld"
        g = Graph().parse(data=response.text, format="json-ld")
        assert (MONGOLIA, RDFS.label, Literal("Mongolia", lang="en")) in g


@pytest.mark.parametrize("entity", [MONGOLIA, ALBANIA, PERSON, RELEASE], ids=["state", "field-operation", "person", "release"])
def test_every_kind_of_entity_in_every_format(site, built_store, entity):
    path = "/" + str(entity)[len(BASE):]
    own = {(URIRef(str(entity)), r["p"], r["o"]) for r in built_store.query(f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}")}
    assert own
    html = get(site, path)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    english = built_store.query(f'SELECT ?l WHERE {{ <{entity}> <http://www.w3.org/2000/01/rdf-schema#label>|<http://purl.org/dc/terms/title> ?l FILTER(LANG(?l) = "en") }}')
    assert str(english[0]["l"]).replace("'", "&#39;") in html.text
    named = {t for t in own if isinstance(t[2], Literal | URIRef)}
    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")):
        response = get(site, path + suffix)
        assert response.status_code == 200, response.text
        g = Graph().parse(data=response.text, format=fmt)
        missing = named - set(g)
        assert not missing, f"{suffix} lacks statements: {sorted(missing)[:3]}"


def test_a_release_page_links_its_source_page(site):
    page = get(site, "/id/document/file-edd890b92ae4faef").text
    assert "graph/page/file-edd890b92ae4faef" in page
    assert 'href="/id/structure/secretariat"' in page


def test_unknown_iris_are_404_in_every_format(site):
    for path in ("/id/country/XX", "/id/country/XX.ttl", "/id/nothing", "/graph/none", "/elsewhere"):
        response = get(site, path)
        assert response.status_code == 404, path
    assert "nothing is known" in get(site, "/id/country/XX.ttl").text


def test_a_script_in_a_label_is_shown_as_text_and_never_as_markup(site):
    person = get(site, "/id/person/xss-test").text
    linking = get(site, "/id/country/MN").text
    for page in (person, linking):
        assert "<script>window.__xss" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page
    g = Graph().parse(data=get(site, "/id/person/xss-test.ttl").text, format="turtle")
    assert g.value(XSS_PERSON, RDFS.label) == Literal(XSS_LABEL, lang="en")


# named queries, other pages ----------------------------------------------------------------------


def test_chairpersonships_as_csv_with_a_shareable_url(site, built_store):
    response = get(site, "/queries/chairpersonships.csv?from=2000&to=2003")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["year"] for r in rows} == {"2000", "2001", "2002", "2003"}
    assert {"Austria", "Romania", "Portugal", "The Netherlands"} <= {r["stateName"] for r in rows}
    page = get(site, "/queries/chairpersonships?from=2000&to=2003").text
    assert "Mircea Geoan" in page and 'href="/queries/chairpersonships.csv?from=2000&amp;to=2003"' in page


def test_a_named_query_page_shows_description_form_and_typed_errors(site):
    page = get(site, "/queries/states-as-of?date=1995-01-01")
    assert page.status_code == 200
    assert 'name="date"' in page.text and "row" in page.text
    bad = get(site, "/queries/states-as-of?date=2012-13-01")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    assert get(site, "/queries/states-as-of.csv?date=nonsense").status_code == 400
    assert get(site, "/queries/nothing-like-this").status_code == 404


def test_a_series_is_drawn_as_a_chart(site):
    page = get(site, "/queries/releases-per-field-year").text
    assert "<svg" in page and "<polyline" in page
    assert "<svg" not in get(site, "/queries/chairpersonships").text


def test_construct_and_ask_named_queries(site):
    card = get(site, f"/queries/entity-card.ttl?entity={MONGOLIA}")
    assert (MONGOLIA, RDFS.label, Literal("Mongolia", lang="en")) in Graph().parse(data=card.text, format="turtle")
    assert "Answer: <strong>yes</strong>" in get(site, "/queries/was-participating?state=MN&date=2013-01-01").text
    assert "Answer: <strong>no</strong>" in get(site, "/queries/was-participating?state=MN&date=2010-01-01").text


def test_root_describes_the_service_and_dataset_for_machines(site):
    response = get(site, "/", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    void = "http://rdfs.org/ns/void#"
    assert (URIRef(site.base + "/sparql"), URIRef(sd + "endpoint"), URIRef(site.base + "/sparql")) in g
    dumps = set(g.objects(None, URIRef(void + "dataDump")))
    assert URIRef(site.base + "/dumps/osce.ttl") in dumps
    assert "SPARQL" in get(site, "/").text
    same = Graph().parse(data=get(site, "/sparql", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert len(same) == len(g)


def test_context_dumps_ontology_structure_and_editor_pages(site, bundled_build):
    context = get(site, "/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json") and "@context" in context.json()
    assert "osce.ttl" in get(site, "/dumps").text
    dump = get(site, "/dumps/osce.ttl")
    assert dump.content == (bundled_build.dist / "osce.ttl").read_bytes()
    assert get(site, "/dumps/../../etc/passwd").status_code == 404
    assert "Chairpersonship" in get(site, "/ontology").text
    assert get(site, "/ontology", headers={"Accept": "text/turtle"}).text.startswith("@prefix") or "owl:Ontology" in get(site, "/ontology", headers={"Accept": "text/turtle"}).text
    view = get(site, "/structure/view?as_of=2005-01-01")
    assert view.status_code == 200 and "as of 2005-01-01" in view.text
    assert get(site, "/structure/view?as_of=2005-13-01").status_code == 400
    editor = get(site, "/sparql", headers={"Accept": "text/html"})
    assert "/assets/yasgui.min.js" in editor.text and "chairpersonships" in editor.text
    assert get(site, "/assets/yasgui.min.js").status_code == 200


def test_a_query_link_opened_in_a_browser_gets_the_editor_and_tools_get_results(site):
    browser = get(site, "/sparql", params={"query": STATES}, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/html") and "yasgui" in browser.text
    tool = get(site, "/sparql", params={"query": STATES}, headers={"Accept": "*/*"})
    assert tool.headers["content-type"] == "application/sparql-results+json"


def test_markup_in_the_requested_path_is_not_echoed_as_markup(site):
    for accept in ("text/html", "*/*"):
        response = get(site, "/id/<script>alert(1)</script>", headers={"Accept": accept})
        assert response.status_code == 404
        assert "<script>alert(1)" not in response.text or response.headers["content-type"].startswith("text/plain")


def test_a_server_killed_during_a_heavy_query_leaves_no_query_running(bundled_build):
    with running_site("--store", str(bundled_build.store), "--timeout", "60") as own:
        def ask() -> None:
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(own.base + "/sparql", params={"query": CARTESIAN}, timeout=10)

        heavy = threading.Thread(target=ask, daemon=True)
        heavy.start()
        time.sleep(1.5)
        workers = descendants(own.process.pid)
        assert workers, "the server has query workers"
        own.process.kill()
        own.process.wait()
        time.sleep(2)
        alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]]
        assert alive == [], f"query processes outlived the server: {alive}"
