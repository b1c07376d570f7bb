"""The output formats of `osce-kg viz`: self-contained HTML, Graphviz SVG/PNG, GraphML/GEXF,
and the command's handling of bad parameters."""

from __future__ import annotations

import json
import re
import struct
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree
from rdflib import Graph

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.store import GraphStore
from osce_kg.viz import interchange, projections, static
from osce_kg.viz.html import render_html

SVG = "{http://www.w3.org/2000/svg}"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_html_is_self_contained(mini_graph: Graph, cytoscape_installed: Path) -> None:
    graph = projections.structure(mini_graph)
    page = render_html(graph, title="mini <structure>")
    tree = etree.HTML(page)
    assert not tree.xpath("//script[@src] | //link | //img | //iframe")
    assert "cytoscape" in tree.xpath("//script[not(@type)]")[0].text[:2000].lower()
    assert "default-src 'none'" in tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    data = json.loads(tree.xpath("//script[@id='graph-data']")[0].text)
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    assert data["layout"] == "tree"
    assert "mini &lt;structure&gt;" in page


def test_html_data_cannot_close_its_script_element(mini_graph: Graph, cytoscape_installed: Path) -> None:
    graph = nx.Graph(projection="comention")
    graph.add_node("x", label="</script><script>alert(1)</script>", kind="State")
    page = render_html(graph, title="t")
    assert page.lower().count("</script>") == page.lower().count("<script")
    data = etree.HTML(page).xpath("//script[@id='graph-data']")[0].text
    assert json.loads(data)["nodes"][0]["data"]["label"] == "</script><script>alert(1)</script>"


def test_svg_has_one_drawn_node_per_projection_node(built_store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "structure.svg"
    code, output = run("viz", "structure", "--format", "svg", "-o", str(out), "--store", str(built_store.path))
    assert code == 0, output
    svg = etree.parse(str(out))
    drawn = svg.findall(f".//{SVG}g[@class='node']")
    expected = projections.structure(built_store)
    assert len(drawn) == expected.number_of_nodes()
    assert len(svg.findall(f".//{SVG}g[@class='edge']")) == expected.number_of_edges()
    texts = {t.text for t in svg.iter(f"{SVG}text")}
    assert "OSCE Presence in Albania" in texts


def test_png_is_a_picture_of_reasonable_size(mini_graph: Graph) -> None:
    png = static.render(projections.comention(mini_graph), "png", title="comention")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 100 and height > 100


@pytest.mark.parametrize("fmt", interchange.FORMATS)
def test_interchange_round_trip_keeps_counts_and_attributes(built_store: GraphStore, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"structure.{fmt}"
    code, output = run("viz", "structure", "-o", str(out), "--store", str(built_store.path))
    assert code == 0, output
    original = projections.structure(built_store)
    again = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert again.number_of_nodes() == original.number_of_nodes()
    assert again.number_of_edges() == original.number_of_edges()
    croatia = str(iri.structure("mission-to-croatia"))
    assert again.nodes[croatia]["label"] == original.nodes[croatia]["label"]
    assert again.nodes[croatia]["iri"] == croatia
    assert again.nodes[croatia]["closed"] is True
    assert again.nodes[croatia]["end"] == original.nodes[croatia]["end"]


def test_graphml_writes_missing_values_and_lists_as_text(mini_graph: Graph, tmp_path: Path) -> None:
    graph = projections.people(mini_graph)
    path = interchange.write(graph, tmp_path / "people.graphml", "graphml")
    again = nx.read_graphml(path)
    for u, v, roles in graph.edges(data="roles"):
        assert again.edges[u, v]["roles"] == " | ".join(roles)
    person = next(n for n, k in graph.nodes(data="kind") if k == "Person")
    assert graph.nodes[person]["start"] is None and again.nodes[person]["start"] == ""


def test_as_of_output_shows_that_days_names(built_store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "s2005.graphml"
    code, output = run("viz", "structure", "--as-of", "2005-01-01", "-o", str(out), "--store", str(built_store.path))
    assert code == 0, output
    names = set(nx.get_node_attributes(nx.read_graphml(out), "label").values())
    assert {"OSCE Mission to Croatia", "OSCE Centre in Almaty"} <= names
    assert "OSCE Programme Office in Astana" not in names
    assert nx.read_graphml(out).number_of_nodes() == projections.structure(built_store, as_of=date(2005, 1, 1)).number_of_nodes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["viz", "structure", "--as-of", "2005-13-01"], r"--as-of .*'2005-13-01'"),
        (["viz", "structure", "--as-of", "1 Jan 2005"], r"YYYY-MM-DD"),
        (["viz", "comention", "--years", "2010-2005"], r"runs backwards.*2010.*2005"),
        (["viz", "comention", "--years", "20-30"], r"--years must be"),
        (["viz", "structure", "--years", "2005"], r"apply to 'comention' only"),
        (["analyze", "comention", "--as-of", "2005-02-30"], r"real day"),
    ],
)
def test_bad_parameters_exit_2_with_a_clear_message(args: list[str], message: str, tmp_path: Path) -> None:
    code, output = run(*args, "--store", str(tmp_path / "no-store-needed"))
    assert code == 2
    assert re.search(message, output), output
    assert "Traceback" not in output


def test_missing_store_is_an_input_error(tmp_path: Path) -> None:
    code, output = run("viz", "structure", "-o", str(tmp_path / "x.html"), "--store", str(tmp_path / "absent"))
    assert code == 2 and "absent" in output
