"""The HTML viewer in a real headless Chromium (Debian's, driven by Playwright) with no network.

Every request the page tries other than its own file is aborted and recorded; the tests assert
there were none. Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from browser_support import launched_browser
from osce_kg import iri, paths
from osce_kg.cli import main
from osce_kg.iri import ORG, OSCE, SCHEMA
from osce_kg.store import GraphStore
from osce_kg.viz import projections
from osce_kg.viz.html import write_html

pytestmark = pytest.mark.browser

ARTIFACTS = paths.ROOT / "test-artifacts"
ALBANIA = str(iri.structure("presence-in-albania"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launched_browser()


@pytest.fixture(scope="module")
def pages(built_store: GraphStore, cytoscape_installed: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The viewer files written by the real command."""
    folder = tmp_path_factory.mktemp("viz-html")
    jobs = {
        "structure": ["structure"],
        "structure-2005": ["structure", "--as-of", "2005-01-01"],
        "people": ["people"],
    }
    out = {}
    for name, args in jobs.items():
        out[name] = folder / f"{name}.html"
        result = CliRunner().invoke(main, ["viz", *args, "-o", str(out[name]), "--store", str(built_store.path)])
        assert result.exit_code == 0, result.output
    return out


class Viewer:
    """One page opened offline, with every network attempt and script error recorded."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        self.attempts: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []

        def guard(route):  # noqa: ANN001 (playwright's Route)
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                self.attempts.append(route.request.url)
                route.abort()

        self.context.route("**/*", guard)
        self.page: Page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='true']", timeout=30_000)

    def shown(self) -> int:
        return int(self.page.get_attribute("#count", "data-shown"))

    def total(self) -> int:
        return self.page.evaluate("cy.nodes().length")

    def hidden(self, node: str) -> bool:
        return self.page.evaluate("id => cy.$id(id).hasClass('hidden')", node)

    def search(self, text: str) -> list[str]:
        self.page.fill("#search", text)
        return [t.strip() for t in self.page.locator("#results li").all_inner_texts()]

    def offline_checks(self) -> None:
        assert self.attempts == []
        assert all(u.startswith(("file:", "data:", "blob:")) for u in self.requests), self.requests
        assert self.errors == []

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def open_viewer(browser: Browser) -> Iterator:
    opened: list[Viewer] = []

    def _open(path: Path) -> Viewer:
        opened.append(Viewer(browser, path))
        return opened[-1]

    yield _open
    for v in opened:
        v.close()


def test_structure_opens_offline_with_the_projections_nodes(open_viewer, pages, built_store) -> None:
    viewer = open_viewer(pages["structure"])
    everything = projections.structure(built_store)
    current = projections.structure(built_store, include_closed=False)
    assert viewer.total() == everything.number_of_nodes()
    assert viewer.page.evaluate("cy.edges().length") == everything.number_of_edges()
    assert viewer.shown() == current.number_of_nodes()  # closed structures start hidden
    assert viewer.page.locator("#count").inner_text() == f"{current.number_of_nodes()} of {everything.number_of_nodes()} nodes shown"
    assert viewer.page.evaluate("cy.zoom()") * 11 >= 6  # labels are drawn at the opening zoom
    legend = viewer.page.locator("#legend").inner_text()
    assert "Field operation" in legend and "State" in legend
    viewer.screenshot("viz-structure-current")
    viewer.offline_checks()


def test_closed_toggle_shows_and_hides_closed_operations(open_viewer, pages, built_store) -> None:
    viewer = open_viewer(pages["structure"])
    everything = projections.structure(built_store)
    closed_ops = [n for n, d in everything.nodes(data=True) if d["closed"] and d["kind"] == "Field operation"]
    assert closed_ops, "the bundled data has closed field operations"
    before = viewer.shown()
    assert all(viewer.hidden(n) for n in closed_ops)
    viewer.page.check("#show-closed")
    after = viewer.shown()
    assert after == everything.number_of_nodes()
    assert after - before == len(projections.closed_nodes(everything)) >= len(closed_ops)
    assert not any(viewer.hidden(n) for n in closed_ops)
    viewer.screenshot("viz-structure-with-closed")
    viewer.page.uncheck("#show-closed")
    assert viewer.shown() == before
    viewer.offline_checks()


def test_search_finds_presence_in_albania_and_opens_its_panel(open_viewer, pages, built_store) -> None:
    viewer = open_viewer(pages["structure"])
    node = projections.structure(built_store).nodes[ALBANIA]
    results = viewer.search("Presence in Albania")
    assert any(r.startswith(node["label"]) for r in results), results
    viewer.page.locator("#results li", has_text=node["label"]).first.click()
    assert viewer.page.is_visible("#panel")
    assert viewer.page.inner_text("#panel-label") == node["label"]
    assert viewer.page.inner_text("#panel-iri") == ALBANIA
    assert viewer.page.inner_text("#panel-type") == node["type"]
    links = viewer.page.locator("#panel-sources a").evaluate_all("as => as.map(a => a.href)")
    assert links and set(links) == set(node["sources"])
    viewer.screenshot("viz-structure-search")
    viewer.offline_checks()


def test_a_click_on_the_node_opens_its_panel(open_viewer, pages, built_store) -> None:
    viewer = open_viewer(pages["structure"])
    label = projections.structure(built_store).nodes[ALBANIA]["label"]
    viewer.page.evaluate("id => { cy.center(cy.$id(id)); }", ALBANIA)
    box = viewer.page.locator("#cy").bounding_box()
    at = viewer.page.evaluate("id => cy.$id(id).renderedPosition()", ALBANIA)
    assert viewer.page.is_hidden("#panel")
    viewer.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    assert viewer.page.is_visible("#panel")
    assert viewer.page.inner_text("#panel-label") == label
    assert viewer.page.inner_text("#panel-iri") == ALBANIA
    viewer.offline_checks()


def test_as_of_page_shows_that_days_structure(open_viewer, pages, built_store) -> None:
    viewer = open_viewer(pages["structure-2005"])
    that_day = projections.structure(built_store, as_of=date(2005, 1, 1))
    assert viewer.total() == viewer.shown() == that_day.number_of_nodes()
    assert any(r.startswith("OSCE Mission to Croatia") for r in viewer.search("Mission to Croatia"))
    # found by its later name, shown under that day's
    assert [r.split(" Programme office")[0] for r in viewer.search("Programme Office in Astana")] == ["OSCE Centre in Almaty"]
    assert not viewer.page.evaluate("cy.nodes().some(n => n.data('label').includes('Programme Office in Astana'))")
    viewer.screenshot("viz-structure-2005")
    viewer.offline_checks()


def test_network_page_has_a_force_layout(open_viewer, pages, built_store) -> None:
    viewer = open_viewer(pages["people"])
    graph: nx.Graph = projections.people(built_store)
    assert viewer.total() == viewer.shown() == graph.number_of_nodes()
    positions = viewer.page.evaluate("cy.nodes().map(n => [Math.round(n.position('x')), Math.round(n.position('y'))].join(','))")
    assert len(set(positions)) == graph.number_of_nodes()  # placed apart, not stacked
    assert viewer.page.is_disabled("#show-closed")  # nothing closed in this projection
    viewer.screenshot("viz-people")
    viewer.offline_checks()


def _large_graph(operations: int = 330, states: int = 320, releases: int = 700) -> Graph:
    """A made-up OSCE far larger than the real one: many operations, many States named together."""
    rng = random.Random(5)
    g = Graph()
    root = iri.structure("osce")
    g.add((root, RDF.type, OSCE.Organization))
    g.add((root, RDFS.label, Literal("Organization for Security and Co-operation in Europe", lang="en")))
    state = [URIRef(f"urn:test:state-{i}") for i in range(states)]
    for i, s in enumerate(state):
        g.add((s, RDF.type, OSCE.State))
        g.add((s, RDFS.label, Literal(f"Stateland {i}", lang="en")))
    for i in range(operations):
        op = URIRef(f"urn:test:operation-{i}")
        g.add((op, RDF.type, OSCE.Mission))
        g.add((op, RDFS.label, Literal(f"Test Mission number {i}", lang="en")))
        g.add((op, ORG.subOrganizationOf, root))
        g.add((op, OSCE.host, state[i % 40]))
    for i in range(releases):
        doc = URIRef(f"urn:test:doc-{i}")
        g.add((doc, RDF.type, OSCE.PressRelease))
        g.add((doc, DCTERMS.date, Literal(f"{2000 + i % 20}-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))))
        for s in rng.sample(state, 3):
            g.add((doc, SCHEMA.mentions, s))
    return g


@pytest.mark.parametrize("name", ["structure", "comention"])
def test_300_plus_nodes_open_quickly_and_stay_readable(open_viewer, cytoscape_installed, tmp_path, name) -> None:
    graph = projections.PROJECTIONS[name](_large_graph())
    assert graph.number_of_nodes() > 300
    path = write_html(graph, tmp_path / f"{name}.html", title=f"{graph.number_of_nodes()} nodes")
    started = time.monotonic()
    viewer = open_viewer(path)
    assert time.monotonic() - started < 30
    assert viewer.total() == viewer.shown() == graph.number_of_nodes()
    positions = viewer.page.evaluate("cy.nodes().map(n => [Math.round(n.position('x')), Math.round(n.position('y'))].join(','))")
    assert len(set(positions)) == graph.number_of_nodes()
    labelled_now = viewer.page.evaluate(
        "cy.nodes().filter(n => cy.zoom() * n.numericStyle('font-size') >= n.numericStyle('min-zoomed-font-size')).length")
    assert labelled_now >= 30  # names readable without zooming in
    viewer.screenshot(f"viz-large-{name}")
    viewer.offline_checks()
