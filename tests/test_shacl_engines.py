"""The turbo SHACL engine gives pyshacl's reports (pyshacl stays the reference; issue 6).

Every case of the shape test suite (the valid graph, each broken graph, each valid variant) and the
bundled data with whole graphs left out (hundreds of results of many components) are validated
by both engines; the results must be the same set: focus node, path, constraint component, the
node shape the result comes from, severity, value and message.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from osce_kg import iri
from osce_kg.build.pipeline import ONTOLOGY_GRAPH
from osce_kg.store import GraphStore
from osce_kg.validate.shacl import ENGINES, Report, default_shapes, validate
from test_shapes import CASES, VALID, VALID_VARIANTS, broken, owner_shapes


def results(report: Report) -> set[tuple]:
    shapes = default_shapes()
    return {
        (v.focus, v.path, v.component, frozenset(owner_shapes(shapes, v.shape)), v.severity, v.value, v.message)
        for v in report.violations
    }


def same_reports(data: Graph) -> tuple[Report, Report]:
    turbo, reference = (validate(data, engine=e) for e in ENGINES)
    assert turbo.conforms == reference.conforms
    only_turbo, only_pyshacl = results(turbo) - results(reference), results(reference) - results(turbo)
    assert not only_turbo and not only_pyshacl, f"only turbo: {only_turbo}\nonly pyshacl: {only_pyshacl}"
    return turbo, reference


@pytest.fixture(scope="module")
def valid() -> Graph:
    return Graph().parse(VALID)


UPDATES = {"valid": None} | {f"broken:{c.name}": c.update for c in CASES} | {f"variant:{n}": u for n, u in VALID_VARIANTS.items()}


@pytest.mark.parametrize("name", list(UPDATES))
def test_engines_agree_on_the_shape_suite(valid: Graph, name: str) -> None:
    update = UPDATES[name]
    same_reports(broken(valid, update) if update else valid)


@pytest.mark.parametrize("left_out", ["data/structures", "data/places", "data/people"])
def test_engines_agree_on_the_bundled_data_with_a_graph_left_out(built_store: GraphStore, left_out: str) -> None:
    names = [g for g in built_store.graph_names() if g not in (ONTOLOGY_GRAPH, iri.graph(*left_out.split("/")))]
    assert len(names) < len(built_store.graph_names()) - 1
    turbo, _ = same_reports(built_store.union_graph(names))
    assert len(turbo.violations) >= 10, "the case should break many links"


def test_text_input_gives_the_graph_inputs_report(built_store: GraphStore) -> None:
    """N-Triples text (what the store writes) and an rdflib Graph of it give the same results."""
    names = [g for g in built_store.graph_names() if g not in (ONTOLOGY_GRAPH, iri.graph("data", "places"))]
    text = b"".join(built_store.serialize(ox.RdfFormat.N_TRIPLES, from_graph=n) for n in names).decode()
    graph = Graph().parse(data=text, format="nt")
    from_text = validate(text)
    assert from_text.violations
    assert results(from_text) == results(validate(graph))


def test_an_unknown_engine_is_named_in_the_error(valid: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSCE_KG_SHACL_ENGINE", "fast")
    with pytest.raises(ValueError, match="'fast'.*turbo, pyshacl"):
        validate(valid)


def test_the_reference_engine_is_chosen_by_the_environment(valid: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    data = broken(valid, CASES[0].update)
    monkeypatch.setenv("OSCE_KG_SHACL_ENGINE", "pyshacl")
    by_environment = validate(data)
    assert results(by_environment) == results(validate(data, engine="pyshacl"))
    assert not by_environment.conforms


def test_engines_agree_on_focus_nodes(built_store: GraphStore) -> None:
    """`focus` keeps the results on the given nodes, and both engines give the same ones."""
    names = [g for g in built_store.graph_names() if g not in (ONTOLOGY_GRAPH, iri.graph("data", "places"))]
    graph = built_store.union_graph(names)
    everything = validate(graph)
    some = sorted({str(v.focus) for v in everything.violations if isinstance(v.focus, URIRef)})[:5]
    assert len(some) == 5
    reports = [validate(graph, engine=e, focus=some) for e in ENGINES]
    assert results(reports[0]) == results(reports[1]) == {r for r in results(everything) if str(r[0]) in some}
