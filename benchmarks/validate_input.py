"""A Turtle file of a given size with a given number of nodes that break the shapes, for the
memory and time of `osce-kg validate FILE` at scale (issue 14: 10,000 bad nodes in 10 MB)."""

from __future__ import annotations

from pathlib import Path

HEAD = """@prefix osce: <https://w3id.org/osce-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/bench/> .

"""


def write_bad_turtle(path: Path, *, nodes: int = 10_000, megabytes: float = 10.0) -> dict:
    """Write `nodes` Chairpersonships that each break several constraints (year not a gYear,
    two chair States that are not States, no chairperson, a start date that is not a date, an
    untagged label), padded with comments to about `megabytes`; returns what was written."""
    node = (
        'ex:c{i} a osce:Chairpersonship ;\n'
        '    rdfs:label "chairpersonship {i}" ;\n'
        '    osce:year "year {i}" ;\n'
        '    osce:chairState ex:s{i} , ex:t{i} ;\n'
        '    schema:startDate "{i}" ;\n'
        '    rdfs:comment "{pad}" .\n'
    )
    bare = len(node.format(i=nodes, pad="").encode())
    pad = "x" * max(0, int(megabytes * 1e6 / nodes) - bare)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for i in range(nodes):
            out.write(node.format(i=i, pad=pad))
    return {"file": str(path), "nodes": nodes, "megabytes": path.stat().st_size / 1e6}
