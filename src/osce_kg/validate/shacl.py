"""SHACL validation of the graph, and a report that a person can act on.

Two engines give the same reports (tests/test_shacl_engines.py checks every case of the shape test
suite, results compared on focus node, path, component, source shape, severity, value and message):

* ``turbo`` (default): pyshacl-turbo, a Rust SHACL engine with pyshacl's API. Chosen by
  measurement for issue 6: 100 pages of releases (6.4k triples) take 0.05 s in the engine against
  0.5 s in pyshacl, and the whole graph of 1,000 pages (94k quads) 1 s against 6 s. The shapes are
  compiled once per process, and the data goes in as N-Triples text, so callers that hold the data
  in the store (ingest, the build) never make rdflib graphs for validation.
* ``pyshacl``: the reference implementation. Set ``OSCE_KG_SHACL_ENGINE=pyshacl`` (or pass
  ``engine="pyshacl"``) to check a report against it.

How either engine is run, and why:

* The ontology is mixed into the data as pyshacl's ``ont_graph`` does (its ``inoculate``: the
  RDFS/OWL axioms), so that ``sh:targetClass osce:Structure`` reaches a ``osce:Mission`` and
  ``sh:class org:Organization`` accepts an ``osce:Secretariat`` through ``rdfs:subClassOf``. For
  turbo the mix-in is computed once, by pyshacl's own ``inoculate`` on an empty graph, and appended
  to the data text.
* No inference (``inference="none"``), chosen by measurement on the bundled reference data (5.4k
  triples plus the ontology): "none" took 1.8-2.5 s in pyshacl and "rdfs" 3.9-4.7 s, and RDFS
  inference also changes what is checked. It applies the ontology's ``rdfs:domain`` and
  ``rdfs:range`` axioms to the data: a value of ``osce:chairState`` becomes an ``osce:State``
  whatever the data says, so ``sh:class`` checks on such values always pass. Validation should
  judge the data as written.
* ``advanced=True`` for SHACL-AF SPARQL targets: each SPARQL rule of shapes.ttl selects its
  offending nodes with one whole-graph query (see the comment there), which cut validation of the
  reference data in pyshacl from 11 s to 0.7 s against per-focus-node SPARQL constraints.
* pyshacl is always given rdflib graphs: over a pyoxigraph store it was measured 50x slower and
  reported false violations on typed literals.

Example:
    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl_turbo
from pyshacl import validate as pyshacl_validate
from pyshacl.rdfutil.inoculate import inoculate
from rdflib import RDF, RDFS, SKOS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from osce_kg import paths
from osce_kg.namespaces import PREFIXES
from osce_kg.store.terms import from_ox, to_ox
from osce_kg.validate.rdf_files import load_store

SH = "http://www.w3.org/ns/shacl#"
ENGINES = ("turbo", "pyshacl")
ENGINE_VARIABLE = "OSCE_KG_SHACL_ENGINE"
SHAPES_FILE = "shapes.ttl"
ONTOLOGY_FILE = "osce.ttl"


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, with what a person needs to find and fix it."""

    focus: Node
    focus_label: str | None
    path: str | None
    message: str
    severity: str
    shape: Node | None
    value: Node | None
    component: str
    graph: tuple[URIRef, ...] = ()

    def line(self) -> str:
        """One readable line: label <IRI>, path, message, value (and the graphs, when known)."""
        who = f"<{self.focus}>" if isinstance(self.focus, URIRef) else str(self.focus)
        if self.focus_label:
            who = f"{self.focus_label} {who}"
        text = f"{who}: {self.path or '(node)'}: {self.message}"
        if self.value is not None:
            text += f" (value: {_show(self.value)})"
        if self.graph:
            text += " [graph: " + ", ".join(f"<{g}>" for g in self.graph) + "]"
        if self.severity != "Violation":
            text = f"{self.severity}: {text}"
        return text


@dataclass
class Report:
    """The outcome of a validation: conforms, and every result sorted by focus node and path."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        if self.conforms:
            return "The graph conforms to the shapes."
        head = f"The graph does not conform to the shapes: {len(self.violations)} violation(s)."
        return "\n".join([head, *(v.line() for v in self.violations)])

    def by_shape(self) -> list[ShapeCount]:
        """Violations counted per shape constraint (severity, path, component, message), most first."""
        counts: dict[tuple[str, str, str, str, str], tuple[int, set[Node]]] = {}
        for v in self.violations:
            shape = v.shape.n3(_NAMES) if isinstance(v.shape, URIRef) else ""
            key = (v.severity, shape, v.path or "(node)", v.component.removesuffix("ConstraintComponent"), v.message)
            n, nodes = counts.get(key, (0, set()))
            nodes.add(v.focus)
            counts[key] = (n + 1, nodes)
        rows = [ShapeCount(n, len(nodes), *key) for key, (n, nodes) in counts.items()]
        return sorted(rows, key=lambda r: (-r.violations, r.path, r.message))

    def render(self, max_violations: int | None = None) -> str:
        """For people: the count per shape first, then at most `max_violations` results (None:
        all of them), and what was left out."""
        if not self.violations:
            return self.text()
        nodes = len({v.focus for v in self.violations})
        verdict = "conforms to the shapes, with" if self.conforms else "does not conform to the shapes:"
        lines = [f"The graph {verdict} {len(self.violations):,} result(s) on {nodes:,} focus node(s).", "By shape:"]
        lines += [f"  {c.line()}" for c in self.by_shape()]
        shown = self.violations if max_violations is None else self.violations[:max_violations]
        if shown:
            lines.append("Results:" if len(shown) == len(self.violations) else f"The first {len(shown):,} results:")
            lines += [v.line() for v in shown]
        if len(shown) < len(self.violations):
            lines.append(f"... and {len(self.violations) - len(shown):,} more (all of them: --report FILE)")
        return "\n".join(lines)


@dataclass(frozen=True)
class ShapeCount:
    """How many results one shape constraint gave, on how many focus nodes."""

    violations: int
    focus_nodes: int
    severity: str
    shape: str
    path: str
    component: str
    message: str

    def line(self) -> str:
        severity = "" if self.severity == "Violation" else f"{self.severity}: "
        shape = f" {self.shape}" if self.shape else ""
        return f"{self.violations:>9,} on {self.focus_nodes:>7,} nodes  {severity}{self.path}: {self.message} [{self.component}{shape}]"


def validate(
    data: Graph | str,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    inplace: bool = False,
    engine: str | None = None,
    label: Callable[[Node], str | None] | None = None,
    focus: Iterable[str] | None = None,
) -> Report:
    """Validate `data` against the shapes (default ontology/shapes.ttl) with the ontology (default ontology/osce.ttl).

    `data` is an rdflib Graph or N-Quads text (N-Triples is N-Quads too; what the store writes: no
    rdflib graph is made for the turbo engine), whose named graphs are validated as one union. Each violation's focus node is labelled from the Graph, or by `label`
    for text. inplace=True lets pyshacl mix the ontology into `data` itself rather than into a copy,
    for callers whose graph is already a copy made for validation (the copy took a third of
    pyshacl's time on 300 pages); turbo never changes `data`. `focus` (IRIs) limits the results
    to those nodes: the engine validates them only (both engines' `focus_nodes`).
    """
    focus_nodes = sorted(focus) if focus is not None else None
    engine = engine or os.environ.get(ENGINE_VARIABLE) or ENGINES[0]
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r} (from ${ENGINE_VARIABLE}?): use one of {', '.join(ENGINES)}")
    shapes = shapes if shapes is not None else default_shapes()
    ontology = ontology if ontology is not None else default_ontology()
    if label is None:
        graph_of_data = data if isinstance(data, Graph) else None

        def label(node: Node) -> str | None:
            return _label(graph_of_data, node) if graph_of_data is not None else None

    if engine == "turbo":
        text = data if isinstance(data, str) else data.serialize(format="nt")
        conforms, report = _turbo(_compiled(shapes), text + "\n" + _mixin_ntriples(ontology), focus_nodes)
        return Report(conforms=conforms, violations=_sorted(_read_turbo_report(report, label)))
    else:
        graph = data if isinstance(data, Graph) else _union(data)
        conforms, results, _ = pyshacl_validate(
            graph,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            inplace=inplace,
            advanced=True,
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            focus_nodes=[URIRef(f) for f in focus_nodes] if focus_nodes is not None else None,
        )
    violations = (_violation(results, r, label) for r in results.subjects(RDF.type, URIRef(SH + "ValidationResult")))
    return Report(conforms=bool(conforms), violations=_sorted(violations))


def _sorted(violations: Iterable[Violation]) -> list[Violation]:
    return sorted(violations, key=lambda v: (str(v.focus), v.path or "", v.message, str(v.value)))


def _turbo(compiled: pyshacl_turbo.CompiledShapes, text: str, focus_nodes: list[str] | None) -> tuple[bool, str]:
    """Run the turbo engine on N-Triples text; its report as the N-Triples text it writes.

    CompiledShapes.validate would turn that text into an rdflib graph: 8 triples per result, 5 of
    the 9 s and most of the 470 MB that 24,000 results took (2,000 bad nodes); 10,000 bad nodes
    needed 2.2 GB. So the engine's native call is made here as CompiledShapes.validate makes it
    (pyshacl_turbo is pinned for this, and for its Input record), and the report is read by
    pyoxigraph (_read_turbo_report). Blank node labels are kept both ways, so that a result's
    focus node is the caller's node.
    """
    record = pyshacl_turbo.rdf.Input(text, "nquads", None, {}, {}, preserve_ids=True)
    data = pyshacl_turbo._input(record, None, direct=True)
    conforms, report, _, _, recursion_warnings = compiled._native.validate(
        data.source, data.format, data.base,
        False, 100, 15,  # no rules to iterate, pyshacl's defaults for iterations and depth
        False, True, True, False,  # not in place; infos and warnings reported; all results
        list(focus_nodes or []), [], [],
    )
    pyshacl_turbo._emit_recursion_warnings(recursion_warnings)
    return bool(conforms), report


_RESULTS = f"""SELECT ?r ?focus ?path ?severity ?shape ?component ?value ?message WHERE {{
  ?r a <{SH}ValidationResult> ; <{SH}focusNode> ?focus .
  OPTIONAL {{ ?r <{SH}resultPath> ?path }} OPTIONAL {{ ?r <{SH}resultSeverity> ?severity }}
  OPTIONAL {{ ?r <{SH}sourceShape> ?shape }} OPTIONAL {{ ?r <{SH}sourceConstraintComponent> ?component }}
  OPTIONAL {{ ?r <{SH}value> ?value }} OPTIONAL {{ ?r <{SH}resultMessage> ?message }}
}}"""


def _read_turbo_report(report: str, label: Callable[[Node], str | None]) -> Iterable[Violation]:
    """The violations of a report in N-Triples, read with pyoxigraph (one query for all results)."""
    store = ox.Store()
    store.bulk_extend(ox.parse(report, ox.RdfFormat.N_TRIPLES))
    del report
    rows: dict[object, list] = {}
    solutions = store.query(_RESULTS)
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        r, *fields, message = solution
        found = rows.get(r)
        if found is None:
            rows[r] = [*fields, [message] if message is not None else []]
        elif message is not None and message not in found[6]:
            found[6].append(message)
    labels: dict[Node, str | None] = {}
    paths: dict[object, str] = {}
    for focus, path, severity, shape, component, value, messages in rows.values():
        node = from_ox(focus)
        if node not in labels:
            labels[node] = label(node)
        english = [m for m in messages if m.language in (None, "en")]
        chosen = (english or messages or [None])[0]
        yield Violation(
            focus=node,
            focus_label=labels[node],
            path=None if path is None else paths.get(path) or paths.setdefault(path, _ox_path_text(store, path)),
            message=chosen.value if chosen is not None else "(no message)",
            severity=severity.value.removeprefix(SH) if severity is not None else "Violation",
            shape=from_ox(shape) if shape is not None else None,
            value=from_ox(value) if value is not None else None,
            component=component.value.removeprefix(SH) if component is not None else "",
        )


def _ox_path_text(store: ox.Store, path: object) -> str:
    """_path_text for a path in the report read by pyoxigraph."""
    if isinstance(path, ox.NamedNode):
        return URIRef(path.value).n3(_NAMES)

    def one(subject: object, predicate: str) -> object | None:
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            return None
        for quad in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, None):
            return quad.object
        return None

    inverse = one(path, SH + "inversePath")
    if inverse is not None:
        return "^" + _ox_path_text(store, inverse)
    steps = []
    node = path
    while node is not None and node != ox.NamedNode(str(RDF.nil)):
        first = one(node, str(RDF.first))
        if first is None:
            break
        steps.append(_ox_path_text(store, first))
        node = one(node, str(RDF.rest))
    return "/".join(steps) if steps else str(path)


def _union(nquads: str) -> Graph:
    """N-Quads text as one rdflib graph (the union of its graphs), for pyshacl."""
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


_COMPILED: dict[int, tuple[Graph, pyshacl_turbo.CompiledShapes]] = {}
_MIXINS: dict[int, tuple[Graph, str]] = {}


def _compiled(shapes: Graph) -> pyshacl_turbo.CompiledShapes:
    """The shapes compiled once per shapes graph (keyed by the object, which is kept alive)."""
    cached = _COMPILED.get(id(shapes))
    if cached is None or cached[0] is not shapes:
        cached = _COMPILED[id(shapes)] = (shapes, pyshacl_turbo.CompiledShapes(shapes, advanced=True))
    return cached[1]


def _mixin_ntriples(ontology: Graph) -> str:
    """What pyshacl's ont_graph adds to the data (its inoculate: the RDFS and OWL axioms), as
    N-Triples, computed once per ontology graph."""
    cached = _MIXINS.get(id(ontology))
    if cached is None or cached[0] is not ontology:
        cached = _MIXINS[id(ontology)] = (ontology, inoculate(Graph(), ontology).serialize(format="nt"))  # type: ignore[arg-type]  # pyshacl's ont_graph passes a Graph too
    return cached[1]


def validate_dataset(dataset: Dataset, *, shapes: Graph | None = None, ontology: Graph | None = None) -> Report:
    """Validate the union of the dataset's graphs; each violation names the graph(s) stating its focus node."""
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    report = validate(union, shapes=shapes, ontology=ontology, inplace=True)
    report.violations = [_with_graphs(v, dataset) for v in report.violations]
    return report


def validate_files(files: Iterable[Path], *, shapes: Graph | None = None, ontology: Graph | None = None) -> Report:
    """Validate RDF files (.ttl .nt .nq .trig .jsonld .rdf) together; a parse error raises InputError.

    The files are read into a pyoxigraph store (rdf_files.load_store), which labels the focus
    nodes and says which file states each: 10 MB of Turtle with 10,000 bad nodes took 2.2 GB and
    142 s through rdflib graphs."""
    store = load_store(files)
    text = (store.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
    labels = _StoreLabels(store)
    report = validate(text, shapes=shapes, ontology=ontology, label=labels.label)
    report.violations = [replace(v, graph=labels.graphs(v.focus)) for v in report.violations]
    return report


class _StoreLabels:
    """_label and _with_graphs for data in a pyoxigraph store, each focus node looked up once."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._graphs: dict[Node, tuple[URIRef, ...]] = {}

    def label(self, node: Node) -> str | None:
        subject = to_ox(node)
        if isinstance(subject, ox.Literal):
            return None
        for prop in (RDFS.label, SKOS.prefLabel):
            labels = [q.object for q in self._store.quads_for_pattern(subject, ox.NamedNode(str(prop)), None, None)
                      if isinstance(q.object, ox.Literal)]
            if labels:
                english = [lab for lab in labels if lab.language == "en"]
                return sorted(lab.value for lab in (english or labels))[0]
        return None

    def graphs(self, node: Node) -> tuple[URIRef, ...]:
        found = self._graphs.get(node)
        if found is None:
            subject = to_ox(node)
            quads = self._store.quads_for_pattern(subject, None, None, None) if not isinstance(subject, ox.Literal) else []
            names = {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
            found = self._graphs[node] = tuple(URIRef(n) for n in sorted(names))
        return found


@lru_cache(maxsize=1)
def default_shapes() -> Graph:
    return Graph().parse(paths.ONTOLOGY_DIR / SHAPES_FILE, format="turtle")


@lru_cache(maxsize=1)
def default_ontology() -> Graph:
    return Graph().parse(paths.ONTOLOGY_DIR / ONTOLOGY_FILE, format="turtle")


def _violation(results: Graph, result: Node, label: Callable[[Node], str | None]) -> Violation:
    def one(prop: str) -> Node | None:
        return results.value(result, URIRef(SH + prop))

    focus = one("focusNode")
    assert focus is not None, "pyshacl returned a validation result without a focus node"
    messages = [m for m in results.objects(result, URIRef(SH + "resultMessage")) if isinstance(m, Literal)]
    english = [m for m in messages if m.language in (None, "en")]
    path = one("resultPath")
    severity = one("resultSeverity")
    component = one("sourceConstraintComponent")
    return Violation(
        focus=focus,
        focus_label=label(focus),
        path=_path_text(results, path) if path is not None else None,
        message=str(english[0]) if english else str(messages[0]) if messages else "(no message)",
        severity=str(severity).removeprefix(SH) if severity is not None else "Violation",
        shape=one("sourceShape"),
        value=one("value"),
        component=str(component).removeprefix(SH) if component is not None else "",
    )


def _label(data: Graph, node: Node) -> str | None:
    """The English (else any) rdfs:label, else skos:prefLabel, of a node in the data."""
    for prop in (RDFS.label, SKOS.prefLabel):
        labels = [lab for lab in data.objects(node, prop) if isinstance(lab, Literal)]
        if labels:
            english = [lab for lab in labels if lab.language == "en"]
            return str(sorted(english or labels)[0])
    return None


_NAMES = NamespaceManager(Graph(), bind_namespaces="none")
for _prefix, _ns in PREFIXES.items():
    _NAMES.bind(_prefix, _ns, override=True)
_NAMES.bind("shape", "https://w3id.org/osce-kg/shapes#", override=True)  # as shapes.ttl writes its shapes


def _path_text(results: Graph, path: Node) -> str:
    """A SHACL path as a reader writes it: `org:member`, `^org:member`, `time:hasEnd/time:inXSDDate`."""
    if isinstance(path, URIRef):
        return path.n3(_NAMES)
    inverse = results.value(path, URIRef(SH + "inversePath"))
    if inverse is not None:
        return "^" + _path_text(results, inverse)
    if isinstance(path, BNode) and results.value(path, RDF.first) is not None:
        return "/".join(_path_text(results, step) for step in Collection(results, path))
    return str(path)


def _show(value: Node) -> str:
    if isinstance(value, URIRef):
        return value.n3(_NAMES)
    if isinstance(value, Literal):
        return value.n3(_NAMES)
    return str(value)


def _with_graphs(violation: Violation, dataset: Dataset) -> Violation:
    graphs = sorted(
        {g for _, _, _, g in dataset.quads((violation.focus, None, None, None)) if g is not None and g != DATASET_DEFAULT_GRAPH_ID}
    )
    return replace(violation, graph=tuple(URIRef(g) for g in graphs))
