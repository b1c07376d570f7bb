"""Every constraint of ontology/shapes.ttl has a failing case (see tests/shape_cases.py).

Dropping or weakening any single constraint fails here: either the reviewed list
tests/shape_constraints.txt no longer matches the shapes, or a listed constraint's case is no
longer reported as a violation of that constraint.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from osce_kg.validate.shacl import default_ontology, validate
from shape_cases import LIST, REGENERATE, cases, constraints, listed, load_shapes, read_list


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def test_the_list_names_every_constraint_of_the_shapes(shapes) -> None:
    listed, present = read_list(), [c.key for c in constraints(shapes)]
    gone, new = sorted(set(listed) - set(present)), sorted(set(present) - set(listed))
    assert not gone and not new, (
        f"{LIST.name} and ontology/shapes.ttl differ: a constraint was dropped or changed "
        f"({len(gone)}: {gone[:5]}), or added ({len(new)}: {new[:5]}); if meant, run {REGENERATE}")
    assert len(listed) == len(set(listed)) and len(listed) > 300


def test_each_constraint_reports_its_failing_case(shapes, built_store) -> None:
    """Made from the list, not from the shapes: a constraint dropped from the shapes fails here too."""
    wanted = listed()
    data = built_store.union_graph()
    graph, made = cases(shapes, default_ontology(), data, wanted)
    report = validate(graph, shapes=shapes)
    # a violation of this constraint: on the copy, of the component, on the path (none for a node
    # shape's own constraint), so that another property's violation cannot count
    reported = {(str(v.focus), v.component, v.path or "") for v in report.violations}
    missing = []
    for c in wanted:
        component = f"{c.component}ConstraintComponent"
        if not any((str(focus), component, c.path) in reported for focus in made.get(c.key, [])):
            missing.append(c.key + ("" if made.get(c.key) else "  (no instance of the target class in the bundled data)"))
    assert not missing, f"{len(missing)} of {len(wanted)} constraints have no failing case:\n" + "\n".join(missing)
