"""A failing case for every constraint of ontology/shapes.ttl, made from the bundled data.

Each constraint (a node shape's property shape and one of its parameters: sh:minCount, sh:datatype,
sh:class, ...; or a node shape's own sh:xone / sh:class) is listed in tests/shape_constraints.txt.
For each listed constraint, `cases` copies a real node of the shape's target class out of the
bundled data under a new IRI and breaks that one constraint (removes the values for sh:minCount,
gives a value of the wrong datatype for sh:datatype, ...). test_shape_constraints.py validates all
the copies at once and expects, for each, a violation of that constraint on that copy. So dropping
or weakening any single constraint in shapes.ttl fails the fast tests, and a constraint added to
shapes.ttl must be added to the list (with a case that this module can make):

    python tests/shape_cases.py --write

The SPARQL rules at the end of shapes.ttl (node shapes with a SPARQL target) have hand-written
cases in test_shapes.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from osce_kg import paths
from reviewed_list import write_or_compare

LIST = Path(__file__).with_name("shape_constraints.txt")
REGENERATE = "python tests/shape_cases.py --write"

# constraint parameters of a property shape -> the component a violation names
PARAMETERS = {
    SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH.datatype: "Datatype", SH["class"]: "Class",
    SH.nodeKind: "NodeKind", SH.languageIn: "LanguageIn", SH.uniqueLang: "UniqueLang", SH.hasValue: "HasValue",
    SH["in"]: "In", SH["or"]: "Or", SH.equals: "Equals", SH.pattern: "Pattern", SH.minInclusive: "MinInclusive",
    SH.qualifiedMinCount: "QualifiedMinCount",
}
NODE_PARAMETERS = {SH.xone: "Xone", SH["class"]: "Class", SH["or"]: "Or"}
UNTYPED = URIRef("https://w3id.org/osce-kg/id/untyped/value")


@dataclass(frozen=True)
class Constraint:
    shape: str  # the node shape, e.g. 'shape:StateShape'
    path: str  # the property path, e.g. 'schema:startDate' or '^org:member'; '' for a node shape's own
    component: str  # e.g. 'MinCount' (the SHACL ...ConstraintComponent)
    value: str  # the parameter's value, as written in the list
    # where it is in the shapes (None for a listed constraint the shapes no longer have)
    property_shape: Node | None = None
    parameter: Node | None = None

    @property
    def key(self) -> str:
        return f"{self.shape} | {self.path or '(node)'} | {self.component} | {self.value}"

    @classmethod
    def from_key(cls, key: str) -> Constraint:
        shape, path, component, value = (part.strip() for part in key.split(" | ", 3))
        return cls(shape, "" if path == "(node)" else path, component, value)


def _short(shapes: Graph, node: Node) -> str:
    if isinstance(node, BNode):
        items = list(Collection(shapes, node)) if (node, RDF.first, None) in shapes else []
        if items:
            return "(" + " ".join(_short(shapes, i) for i in items) + ")"
        return "[" + "; ".join(f"{_short(shapes, p)} {_short(shapes, o)}" for p, o in sorted(shapes.predicate_objects(node))) + "]"
    if isinstance(node, URIRef):
        return shapes.namespace_manager.normalizeUri(node)
    return node.n3(shapes.namespace_manager)


def _path(shapes: Graph, path: Node) -> str:
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
    return "^" + _short(shapes, inverse) if inverse is not None else _short(shapes, path)


def targeted_shapes(shapes: Graph) -> list[Node]:
    """The node shapes with a target class (the SPARQL-target rules are left out: see the docstring)."""
    return sorted(set(shapes.subjects(SH.targetClass)), key=lambda s: _short(shapes, s))


def constraints(shapes: Graph) -> list[Constraint]:
    """Every constraint of the shapes' targeted node shapes, in a stable order."""
    found = []
    for ns in targeted_shapes(shapes):
        name = _short(shapes, ns)
        for parameter, component in NODE_PARAMETERS.items():
            for value in shapes.objects(ns, parameter):
                found.append(Constraint(name, "", component, _short(shapes, value), None, parameter))
        for ps in shapes.objects(ns, SH.property):
            path = _path(shapes, shapes.value(ps, SH.path))
            for parameter, component in PARAMETERS.items():
                for value in shapes.objects(ps, parameter):
                    shown = _short(shapes, value)
                    if parameter == SH.qualifiedMinCount:
                        shown += " of " + _short(shapes, shapes.value(ps, SH.qualifiedValueShape))
                    found.append(Constraint(name, path, component, shown, ps, parameter))
    return sorted(found, key=lambda c: c.key)


def listed() -> list[Constraint]:
    """The constraints of the reviewed list, which the cases are made from (not from the shapes:
    a constraint dropped from the shapes must still have its case checked)."""
    return [Constraint.from_key(line) for line in read_list()]


def read_list() -> list[str]:
    return [line for line in LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")] if LIST.exists() else []


def load_shapes() -> Graph:
    return Graph().parse(paths.ONTOLOGY_DIR / "shapes.ttl", format="turtle")


# --- making the cases ------------------------------------------------------------------------


def _instances(data: Graph, ontology: Graph, cls: URIRef) -> list[Node]:
    classes = {cls} | set(ontology.transitive_subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), cls))
    return sorted({s for c in classes for s in data.subjects(RDF.type, c)}, key=str)


def _values(g: Graph, focus: Node, path: tuple[bool, URIRef]) -> list[Node]:
    inverse, predicate = path
    return list(g.subjects(predicate, focus)) if inverse else list(g.objects(focus, predicate))


def _set(g: Graph, focus: Node, path: tuple[bool, URIRef], values: list[Node], *, keep: bool = False) -> None:
    inverse, predicate = path
    if not keep:
        for v in _values(g, focus, path):
            g.remove((v, predicate, focus) if inverse else (focus, predicate, v))
    for v in values:
        g.add((v, predicate, focus) if inverse else (focus, predicate, v))


def _another(value: Node | None, k: int) -> Node:
    """A value like `value` but different (k-th), for sh:maxCount and sh:equals cases."""
    if isinstance(value, Literal):
        if value.language:
            return Literal(f"{value} {k}", lang=value.language)
        if value.datatype == XSD.date:
            return Literal(f"19{k:02d}-01-01", datatype=XSD.date)
        if value.datatype == XSD.gYear:
            return Literal(f"19{k:02d}", datatype=XSD.gYear)
        if value.datatype in (XSD.integer, XSD.int, XSD.nonNegativeInteger, XSD.positiveInteger):
            return Literal(str(1000 + k), datatype=value.datatype)
        return Literal(f"{value} {k}", datatype=value.datatype)
    return URIRef(f"{value or UNTYPED}-other-{k}")


def _expand(shapes: Graph, curie: str) -> URIRef:
    return URIRef(shapes.namespace_manager.expand_curie(curie))


def _number(text: str) -> int:
    return int(re.search(r"-?\d+", text).group())  # type: ignore[union-attr]


def _breakers(c: Constraint, shapes: Graph, current: list[Node]) -> Iterator[tuple[list[Node], bool]]:
    """Candidate values that break the constraint (values, keep the current ones too), best first."""
    value: Node = _expand(shapes, c.value) if c.component in ("Datatype", "NodeKind") else Literal(c.value)
    template = current[0] if current else None
    match c.component:
        case "MinCount" | "QualifiedMinCount" | "HasValue":
            yield [], False
        case "MaxCount":
            yield [_another(template, k) for k in range(_number(c.value) + 1)], False
        case "Datatype":
            yield [Literal(7) if value in (XSD.string, RDF.langString) else Literal("not a value")], False
        case "Class" | "Or" | "In":
            yield [UNTYPED], False
            yield [Literal("not in the list")], False
        case "NodeKind":
            yield [Literal("a literal")] if value in (SH.IRI, SH.BlankNodeOrIRI, SH.BlankNode) else [UNTYPED], False
        case "LanguageIn":
            yield [Literal("x", lang="zz")], False
        case "UniqueLang":
            lang = template.language if isinstance(template, Literal) and template.language else "en"
            yield [Literal("one", lang=lang), Literal("two", lang=lang)], False
        case "Equals":
            yield [_another(template, 1)], True
        case "Pattern":
            yield [Literal("DOES NOT MATCH !")], False
        case "MinInclusive":
            yield [Literal(_number(c.value) - 1)], False


def cases(shapes: Graph, ontology: Graph, data: Graph, wanted: list[Constraint]) -> tuple[Graph, dict[str, list[Node]]]:
    """One graph holding, for each constraint, copies of a real node each breaking that constraint
    one way; the copies' IRIs by constraint key. Constraints with no instance in the data get none."""
    out = Graph()
    made: dict[str, list[Node]] = {}
    for n, c in enumerate(wanted):
        targets = sorted(shapes.objects(_expand(shapes, c.shape), SH.targetClass), key=str)
        inverse = c.path.startswith("^")
        path = (inverse, _expand(shapes, c.path.lstrip("^"))) if c.path else (False, RDF.type)
        instances = [i for t in targets for i in _instances(data, ontology, t)]
        if not instances:
            continue
        # a node that has values for the path when the case needs one to imitate
        with_values = [i for i in instances if not c.path or _values(data, i, path)]
        original = (with_values or instances)[0]
        copies = made.setdefault(c.key, [])
        required = _required_paths(shapes, c)
        candidates: list[tuple[list[Node], bool] | str] = (
            list(_breakers(c, shapes, _values(data, original, path))) if c.path
            else ["without-paths"] if required else ["only-target", "every-kind"])
        for k, candidate in enumerate(candidates):
            focus: Node = URIRef(f"{original}-case-{n}-{k}") if isinstance(original, URIRef) else BNode(f"case{n}x{k}")
            copies.append(focus)
            for p, o in data.predicate_objects(original):
                out.add((focus, p, o))
                for t in data.objects(o, RDF.type):
                    out.add((o, RDF.type, t))
            for s, p in data.subject_predicates(original):
                out.add((s, p, focus))
                for t in data.objects(s, RDF.type):
                    out.add((s, RDF.type, t))
            if candidate == "without-paths":  # 'one of these properties' (sh:or of sh:minCount): none of them
                for predicate in required:
                    out.remove((focus, predicate, None))
            elif isinstance(candidate, str):  # a node shape's own constraint: its kind
                for t in list(out.objects(focus, RDF.type)):
                    out.remove((focus, RDF.type, t))
                if candidate == "only-target":
                    out.add((focus, RDF.type, targets[0]))
                else:
                    for alternative in _alternative_classes(shapes, c):
                        out.add((focus, RDF.type, alternative))
                    out.add((focus, RDF.type, targets[0]))
            else:
                values, keep = candidate
                _set(out, focus, path, values, keep=keep)
    return out, made


def _required_paths(shapes: Graph, c: Constraint) -> list[URIRef]:
    """The paths of a node shape's sh:or whose members each require a property ('a dct:date or an
    osce:undatedReason'): its failing case has none of them. Empty for an sh:or of kinds (sh:class)."""
    if c.path or c.component != "Or" or "sh:minCount" not in c.value:
        return []
    return [_expand(shapes, name) for name in re.findall(r"sh:path ([^\]\s;]+)", c.value)]


def _alternative_classes(shapes: Graph, c: Constraint) -> list[Node]:
    if c.component == "Class":
        return [_expand(shapes, c.value)]
    return [_expand(shapes, name) for name in re.findall(r"sh:class ([^\]\s;]+)", c.value)]


def main() -> int:
    parser = argparse.ArgumentParser(description="the list of shapes.ttl's constraints (tests/shape_constraints.txt)")
    parser.add_argument("--write", action="store_true", help="rewrite the list from ontology/shapes.ttl")
    args = parser.parse_args()
    now = [c.key for c in constraints(load_shapes())]
    header = f"# every constraint of ontology/shapes.ttl with a failing case (tests/shape_cases.py); regenerate: {REGENERATE}\n"
    return write_or_compare(LIST, read_list(), now, write=args.write, what="constraints", header=header)


if __name__ == "__main__":
    sys.exit(main())
