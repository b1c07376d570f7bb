"""The build: sources -> map -> validate -> store, published atomically, then dist/ exports.

Every source becomes one named graph (the ontology, each reference CSV, each page) with a PROV
record: in graph/provenance for the ontology and the CSVs, inside the page's own graph for a page
(the pages package writes both in one transaction, so re-ingesting a page stays atomic). The new store is written into a fresh folder and published only when
the data conforms to the shapes, so a failed or interrupted build never replaces a good store.
Pages ingested earlier from outside data/pages/ are no source of the build: their graphs are
carried over from the previous store (unless `fresh`) and validated with the rest.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from osce_kg import iri, paths
from osce_kg.build.atomic import publish, published_dir, remove_abandoned, staged_build
from osce_kg.build.progress import Steps
from osce_kg.build.summary import BuildSummary
from osce_kg.build.validation import read_rdf, validate_store
from osce_kg.errors import InputError, ValidationFailed
from osce_kg.export.formats import DIST_FILES, render_dist, write_atomically
from osce_kg.mapping import SourceGraph
from osce_kg.store import GraphStore
from osce_kg.store.graph_store import bulk_journal
from osce_kg.store.lock import writer_lock
from osce_kg.store.provenance import content_hash, provenance_record

ONTOLOGY_GRAPH = iri.graph("ontology", "osce")
DOCS_FILE = "ontology.html"
DIST_FILE_NAMES = [*DIST_FILES, DOCS_FILE]
"""What a build writes to dist/."""


@dataclass
class BuildOptions:
    """Where a build reads and writes; the defaults are those of osce_kg.paths (the workspace's
    store and dist/, its data/ if it has one, else the bundled data)."""

    store: Path = field(default_factory=paths.default_store)
    data: Path = field(default_factory=paths.data_dir)
    ontology: Path = paths.ONTOLOGY_DIR
    dist: Path | None = field(default_factory=paths.dist_dir)
    pages: bool = True
    fresh: bool = False
    """Build from the sources only: leave out the pages the previous store holds from elsewhere."""
    wait: float = 0.0
    """Seconds to wait for another writer (build or ingest) to finish before giving up (StoreBusy)."""


def repo_relative(path: Path, data_dir: Path) -> str:
    """A source's path as recorded in PROV: relative to the bundled sources or the workspace (or
    to the data folder's parent, for a data folder outside both), so that records do not depend
    on the machine."""
    return paths.relative_to_sources(path, data_dir.resolve().parent)


def read_ontology(ontology_dir: Path) -> SourceGraph:
    path = ontology_dir / "osce.ttl"
    return SourceGraph(name=ONTOLOGY_GRAPH, graph=read_rdf(path), source_path=path)


def provenance_of(sources: list[SourceGraph], data_dir: Path) -> Graph:
    g = Graph()
    for s in sources:
        g += provenance_record(
            s.name,
            repo_relative(s.source_path, data_dir),
            content_hash(Path(s.source_path).read_bytes()),
            source_url=s.source_url,
            captured=s.captured,
        )
    return g


def ingest_pages(store: GraphStore, folder: Path) -> tuple[int, list[str]]:
    """Ingest the saved pages through the pages package, which writes each page's graph with its
    PROV record; a rejected page stops the build. Returns the number of files and the warnings
    (including the differences between the pages' menu and the reference data), grouped by kind."""
    from osce_kg.pages.ingest import ingest_paths
    from osce_kg.pages.summary import grouped_warnings

    report = ingest_paths(store, [folder], keep_going=False)
    return len(report.outcomes), grouped_warnings(report)


PAGE_LOCATIONS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?prefix ?g ?loc WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?src . OPTIONAL { ?src prov:atLocation ?loc } }
  FILTER(STRSTARTS(STR(?g), STR(?prefix))) }"""


def carried_pages(previous: GraphStore, produced: set[URIRef], pages_dir: Path) -> list[URIRef]:
    """The page graphs of the previous store that this build must carry over: every one it did
    not produce itself and that does not come from its own pages folder (whose files the build
    has just ingested again, so that a page graph of a removed or changed file there is gone)."""
    from osce_kg.pages.inputs import recorded_path

    own = recorded_path(pages_dir) + "/"
    rows = previous.query(PAGE_LOCATIONS, {"prefix": Literal(str(iri.graph("page", "x"))[:-1])})
    assert isinstance(rows, list)
    locations: dict[URIRef, set[str]] = {}
    for row in rows:
        locations.setdefault(URIRef(str(row["g"])), set()).update([str(row["loc"])] if "loc" in row else [])
    return sorted(g for g, locs in locations.items() if g not in produced and not any(loc.startswith(own) for loc in locs))


def carry_over_pages(store: GraphStore, previous_dir: Path | None, pages_dir: Path) -> int:
    """Copy the previous store's page graphs that this build does not produce (see carried_pages)."""
    if previous_dir is None:
        return 0
    produced = {g for g in store.graph_names() if iri.graph_kind(g) == "page"}
    previous = GraphStore.open_read_only(previous_dir)
    try:
        carried = carried_pages(previous, produced, pages_dir)
        from osce_kg.pages.commit import menus_shown

        store.copy_graphs(previous, carried + menus_shown(previous, carried))
    finally:
        previous.close()
    return len(carried)


def render_docs(ontology_path: Path) -> bytes:
    """The ontology's HTML documentation, made by pyLODE (through the validate package)."""
    from osce_kg.validate.docs import generate_docs

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        import pylode  # noqa: F401  its loader module calls logging.basicConfig(DEBUG) on import
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ontology.html"
        try:
            generate_docs(ontology_path, out)
        except InputError:
            raise
        except Exception as exc:  # pyLODE's own failures: say so, with the file it choked on
            raise InputError(f"pyLODE could not document the ontology: {type(exc).__name__}: {exc}", path=ontology_path) from exc
        return out.read_bytes()


def build(options: BuildOptions, steps: Steps | None = None) -> BuildSummary:
    """Build the store at options.store from the sources; raise ValidationFailed or InputError
    (the published store, if any, is then left as it was), or StoreBusy when another writer holds
    the store longer than options.wait.

    The build holds the store's writer lock from start to publication: an ingest into the
    previous store while the build copies its pages would be lost when the build publishes."""
    steps = steps or Steps()
    target = Path(options.store)
    target.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(target, "build", wait=options.wait):
        remove_abandoned(target)
        if bulk_journal(target).exists():
            GraphStore.open(target).close()  # an interrupted ingest's half-written graphs go before they are copied
        return _build(options, steps, target)


def _build(options: BuildOptions, steps: Steps, target: Path) -> BuildSummary:
    with steps.step("reading the ontology") as notes:
        ontology = read_ontology(options.ontology)
        shapes = read_rdf(options.ontology / "shapes.ttl")
        notes.append(f"{len(ontology.graph)} triples, {len(shapes)} shape triples")
    with steps.step("mapping the reference data") as notes:
        from osce_kg.mapping.reference import reference_graphs

        references = reference_graphs(options.data)
        notes.append(f"{len(references)} files, {sum(len(s.graph) for s in references)} triples")
    pages = options.data / "pages" if options.pages and (options.data / "pages").is_dir() else None
    warnings = [w for s in references for w in s.warnings]
    previous = None if options.fresh else published_dir(target)

    with staged_build(target) as folder:
        store = GraphStore.open(folder)
        try:
            with steps.step("loading the store") as notes:
                sources = [ontology, *references]
                store.load_graphs({s.name: s.graph for s in sources})
                store.add_triples(iri.PROVENANCE_GRAPH, provenance_of(sources, options.data))
                notes.append(f"{len(sources)} graphs")
            if pages is not None:
                with steps.step("ingesting data/pages/") as notes:
                    files, page_warnings = ingest_pages(store, pages)
                    warnings += page_warnings
                    page_graphs = sum(1 for g in store.graph_names() if iri.graph_kind(g) == "page")
                    notes.append(f"{files} files, {page_graphs} page graphs")
            carried: int | None = None
            if not options.fresh:
                with steps.step("carrying over the pages ingested from elsewhere") as notes:
                    carried = carry_over_pages(store, previous, options.data / "pages")
                    notes.append(f"{carried} page graphs")
            with steps.step("validating with SHACL") as notes:
                data = [g for g in store.graph_names() if g != ONTOLOGY_GRAPH]
                outcome = validate_store(store, shapes, ontology.graph, data)
                notes.append(outcome.headline())
            if not outcome.conforms:
                raise ValidationFailed(outcome.text)
            exports: dict[str, bytes] = {}
            if options.dist is not None:
                with steps.step("rendering exports") as notes:
                    exports = render_dist(store, options.ontology / "context.jsonld")
                    exports[DOCS_FILE] = render_docs(options.ontology / "osce.ttl")
                    notes.append(", ".join(exports))
            summary = BuildSummary.of_store(store, validation=outcome.headline(), warnings=warnings, carried_over=carried)
        finally:
            store.close()
        publish(target, folder)

    if options.dist is not None:
        for name, content in exports.items():
            write_atomically(Path(options.dist) / name, content)
    summary.seconds = steps.elapsed
    return summary
