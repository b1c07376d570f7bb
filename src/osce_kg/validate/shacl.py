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

import pyshacl_turbo
from pyshacl import validate as pyshacl_validate
from pyshacl.rdfutil.inoculate import inoculate
from rdflib import RDF, RDFS, SKOS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from osce_kg import paths
from osce_kg.iri import PREFIXES
from osce_kg.validate.rdf_files import load_dataset

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
    if engine == "turbo":
        text = data if isinstance(data, str) else data.serialize(format="nt")
        conforms, results, _ = _compiled(shapes).validate(
            # the engine's own input record: N-Triples text with blank node labels kept, so that a
            # result's focus node is the caller's node (pyshacl_turbo is pinned for this)
            pyshacl_turbo.rdf.Input(text + "\n" + _mixin_ntriples(ontology), "nquads", None, {}, {}, preserve_ids=True),
            allow_infos=True,
            allow_warnings=True,
            focus_nodes=focus_nodes,
        )
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
    if label is None:
        graph_of_data = data if isinstance(data, Graph) else None

        def label(node: Node) -> str | None:
            return _label(graph_of_data, node) if graph_of_data is not None else None

    violations = sorted(
        (_violation(results, r, label) for r in results.subjects(RDF.type, URIRef(SH + "ValidationResult"))),
        key=lambda v: (str(v.focus), v.path or "", v.message, str(v.value)),
    )
    return Report(conforms=bool(conforms), violations=violations)


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
    """Validate RDF files (.ttl .nt .nq .trig .jsonld .rdf) together; a parse error raises InputError."""
    return validate_dataset(load_dataset(files), shapes=shapes, ontology=ontology)


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
