"""Read RDF files into one rdflib Dataset, one named graph per file, for validation.

Files are parsed by oxrdflib's parsers (pyoxigraph underneath): they are fast and their syntax
errors carry the line, which rdflib's own N-Triples and JSON-LD parsers do not report.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from osce_kg.errors import InputError

TRIPLE_FORMATS = {
    ".ttl": "ox-turtle",
    ".nt": "ox-ntriples",
    ".jsonld": "ox-json-ld",
    ".json": "ox-json-ld",
    ".rdf": "ox-xml",
    ".owl": "ox-xml",
}
QUAD_FORMATS = {".trig": "ox-trig", ".nq": "ox-nquads"}


def file_graph_name(path: Path) -> URIRef:
    """The named graph that holds a triples file's content (and a quads file's default graph)."""
    return URIRef(path.resolve().as_uri())


def load_dataset(paths: Iterable[Path]) -> Dataset:
    """Parse each file into the returned Dataset; raise InputError naming file and line on bad input.

    Triples files land in a graph named by the file's URI; quads files keep their named graphs and
    their default graph goes to the file's graph, so every triple can be traced to a file.
    """
    dataset = Dataset()
    for path in paths:
        suffix = path.suffix.lower()
        if suffix not in TRIPLE_FORMATS and suffix not in QUAD_FORMATS:
            known = ", ".join(sorted(TRIPLE_FORMATS | QUAD_FORMATS))
            raise InputError(f"unknown RDF file extension; use one of {known}", path=path, value=path.suffix)
        if not path.is_file():
            raise InputError("file not found", path=path)
        try:
            if suffix in TRIPLE_FORMATS:
                dataset.graph(file_graph_name(path)).parse(path, format=TRIPLE_FORMATS[suffix])
            else:
                _parse_quads(dataset, path, QUAD_FORMATS[suffix])
        except SyntaxError as exc:
            raise InputError(f"not valid RDF: {exc.msg}", path=path, line=exc.lineno) from None
    return dataset


def _parse_quads(dataset: Dataset, path: Path, fmt: str) -> None:
    parsed = Dataset()
    parsed.parse(path, format=fmt)
    own = file_graph_name(path)
    for s, p, o, g in parsed.quads((None, None, None, None)):
        name = own if g is None or g == DATASET_DEFAULT_GRAPH_ID else g
        dataset.graph(name).add((s, p, o))


_OX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}


def load_store(paths: Iterable[Path]) -> ox.Store:
    """The files in an in-memory pyoxigraph store, graphs named as load_dataset names them.

    For validating large files: a tenth of the memory of an rdflib Dataset, and no copy into a
    union graph. Blank nodes are renamed, so that _:b1 in two files are two nodes.
    """
    store = ox.Store()
    for path in paths:
        suffix = path.suffix.lower()
        if suffix not in _OX_FORMATS:
            known = ", ".join(sorted(_OX_FORMATS))
            raise InputError(f"unknown RDF file extension; use one of {known}", path=path, value=path.suffix)
        if not path.is_file():
            raise InputError("file not found", path=path)
        own = ox.NamedNode(str(file_graph_name(path)))
        try:
            store.extend(
                ox.Quad(q.subject, q.predicate, q.object, own if q.graph_name == ox.DefaultGraph() else q.graph_name)
                for q in ox.parse(path=path, format=_OX_FORMATS[suffix], base_iri=path.resolve().as_uri(), rename_blank_nodes=True)
            )
        except SyntaxError as exc:
            raise InputError(f"not valid RDF: {exc.msg}", path=path, line=exc.lineno) from None
    return store
