"""The site in a real headless Chromium (Debian's, driven by Playwright), served by `osce-kg serve`
on a free loopback port: an entity page and a followed link, a named query run from its form and
its CSV downloaded, a query run in the YASGUI editor. Every request to another host is aborted and
recorded (the tests assert there were none: the site works offline), and so are script errors.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page

from browser_support import launched_browser
from osce_kg import paths
from serve_support import Site, hostile_store, running_site

pytestmark = [pytest.mark.browser, pytest.mark.server]

ARTIFACTS = paths.ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def site(bundled_build, tmp_path_factory) -> Iterator[Site]:
    store = hostile_store(bundled_build.store, tmp_path_factory.mktemp("serve-browser"))
    with running_site("--store", str(store), "--dist", str(bundled_build.dist), "--timeout", "10") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launched_browser()


class Visit:
    """A browser context on the site: requests elsewhere aborted and kept, script errors kept."""

    def __init__(self, browser: Browser, site: Site) -> None:
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 900})
        self.elsewhere: list[str] = []
        self.errors: list[str] = []

        def guard(route):  # noqa: ANN001 (playwright's Route)
            if route.request.url.startswith(site.base):
                route.continue_()
            else:
                self.elsewhere.append(route.request.url)
                route.abort()

        self.context.route("**/*", guard)
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"serve-{name}.png"), full_page=False)

    def checks(self) -> None:
        assert self.elsewhere == [], f"the page asked other hosts: {self.elsewhere}"
        assert self.errors == [], self.errors

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def visit(browser: Browser, site: Site) -> Iterator[Visit]:
    v = Visit(browser, site)
    yield v
    v.close()


def test_an_entity_page_and_a_followed_link(visit, site):
    page = visit.page
    page.goto(site.base + "/id/country/MN")
    assert page.locator("h1#label").inner_text() == "Mongolia"
    assert "2012-11-21" in page.locator(".timeline").inner_text()
    visit.screenshot("mongolia")
    page.click("table.facts a[href='/id/structure/osce']")
    page.wait_for_url(site.base + "/id/structure/osce")
    assert "Organization for Security and Co-operation in Europe" in page.locator("h1#label").inner_text()
    page.go_back()
    page.click("a.graph[href='/graph/data/participating_states'] >> nth=0")
    page.wait_for_url(site.base + "/graph/data/participating_states")
    assert "data/participating_states.csv" in page.content()
    visit.checks()


def test_a_label_with_a_script_does_not_run(visit, site):
    page = visit.page
    page.goto(site.base + "/id/person/xss-test")
    assert "<script>window.__xss = 1</script>" in page.locator("h1#label").inner_text()
    page.goto(site.base + "/id/country/MN")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert visit.dialogs == []
    visit.checks()


def test_a_named_query_from_its_form_and_its_csv(visit, site):
    page = visit.page
    page.goto(site.base + "/queries/states-as-of")
    page.fill("input[name=date]", "1995-01-01")
    page.click("button#run")
    page.wait_for_url("**/queries/states-as-of?date=1995-01-01")
    rows = page.locator("table.results tbody tr")
    assert 40 < rows.count() < 57
    assert "Mongolia" not in page.locator("table.results").inner_text()
    visit.screenshot("states-as-of-1995")
    with page.expect_download() as download:
        page.click("a#download-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(text)))
    assert download.value.suggested_filename == "states-as-of.csv"
    assert len(table) == rows.count()
    assert "Mongolia" not in text and any(r.get("name") == "Austria" for r in table)
    visit.checks()


def test_a_query_in_the_yasgui_editor(visit, site):
    page = visit.page
    page.goto(site.base + "/sparql")
    page.wait_for_function("window.osceKgYasgui !== undefined")
    assert "chairpersonships" in page.evaluate("window.osceKgYasgui.getTab().getQuery()").lower() or page.locator("#examples option").count() > 10
    page.evaluate("""void window.osceKgYasgui.getTab().setQuery(
        'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?label WHERE { <https://w3id.org/osce-kg/id/country/MN> rdfs:label ?label } ORDER BY ?label')""")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table.dataTable td", timeout=30_000)
    results = page.locator(".yasr").inner_text()
    assert "Монголия" in results and "Mongolei" in results
    visit.screenshot("yasgui")
    page.select_option("#examples", label="Chairpersonships by year, with the Chairpersons-in-Office")
    assert "osce:chairState" in page.evaluate("window.osceKgYasgui.getTab().getQuery()")
    visit.checks()


def test_a_link_to_a_query_opens_the_editor_and_runs_it(visit, site):
    page = visit.page
    query = "SELECT ?code WHERE { <https://w3id.org/osce-kg/id/country/MN> <http://www.w3.org/2004/02/skos/core#notation> ?code }"
    page.goto(site.base + "/sparql?" + urlencode({"query": query}))
    page.wait_for_selector(".yasr table.dataTable td", timeout=30_000)
    assert '"MN"' in page.locator(".yasr").inner_text() or "MN" in page.locator(".yasr table.dataTable").inner_text()
    visit.checks()
