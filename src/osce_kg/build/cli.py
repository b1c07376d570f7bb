"""Commands `build`, `stats` and `validate`."""

from __future__ import annotations

from pathlib import Path

import click

from osce_kg import paths
from osce_kg.build.pipeline import ONTOLOGY_GRAPH, BuildOptions, build, read_ontology
from osce_kg.build.progress import Steps
from osce_kg.build.summary import BuildSummary
from osce_kg.build.validation import Outcome, read_rdf, validate_store
from osce_kg.errors import ValidationFailed
from osce_kg.store import GraphStore

WAIT_OPTION = click.option(
    "--wait", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SECONDS",
    help="When another build or ingest is writing to the store, wait this long for it; then stop with exit 3.",
)

STORE_OPTION = click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store folder (default: $OSCE_KG_STORE or ./store in the project).",
)


@click.command("build")
@STORE_OPTION
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of reference CSVs and pages/ (default: the project's data/).")
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the exports (default: the project's dist/).")
@click.option("--no-dist", is_flag=True, help="Do not write exports and documentation.")
@click.option("--no-pages", is_flag=True, help="Leave out the pages of data/pages/.")
@click.option("--fresh", is_flag=True,
              help="Build from ontology/ and data/ only: do not carry over the pages ingested from elsewhere.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines on stderr.")
@WAIT_OPTION
def build_command(store: Path | None, data: Path | None, dist: Path | None, no_dist: bool, no_pages: bool,
                  fresh: bool, quiet: bool, wait: float) -> None:
    """Build the store from ontology/ and data/, validate it, publish it atomically, write dist/.

    The page graphs of the previous store that came from outside data/pages/ (`osce-kg ingest`)
    are carried over and validated with the rest, unless --fresh. A build that fails (bad input:
    exit 2; data not conforming to the shapes: exit 1) or is interrupted leaves the previously
    published store as it was. One writer at a time: while another build or an ingest writes to
    the store, the build waits --wait seconds, then stops with exit 3.
    """
    options = BuildOptions(
        store=store or paths.default_store(),
        data=data or paths.DATA_DIR,
        dist=None if no_dist else (dist or paths.DIST_DIR),
        pages=not no_pages,
        fresh=fresh,
        wait=wait,
    )
    summary = build(options, Steps(quiet=quiet))
    click.echo(summary.render())
    click.echo(f"Store: {options.store}")
    if options.dist is not None:
        click.echo(f"Exports: {options.dist}/osce.ttl, osce.jsonld, osce.trig, ontology.html")


@click.command("stats")
@STORE_OPTION
def stats_command(store: Path | None) -> None:
    """Triples per graph, graphs by kind and entities per class of the built store."""
    opened = GraphStore.open_read_only(store or paths.default_store())
    try:
        click.echo(BuildSummary.of_store(opened).render())
    finally:
        opened.close()


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--shapes", type=click.Path(path_type=Path), default=None,
              help="SHACL shapes (default: ontology/shapes.ttl).")
def validate_command(files: tuple[Path, ...], store: Path | None, shapes: Path | None) -> None:
    """Validate the built store (default) or the given RDF FILES against the SHACL shapes.

    Exit 1 with a report (focus node, path, message, source graph or file) when not conforming.
    """
    shapes_graph = read_rdf(shapes or paths.ONTOLOGY_DIR / "shapes.ttl")
    if files:
        from osce_kg.validate.shacl import validate_files

        ontology = read_ontology(paths.ONTOLOGY_DIR).graph
        outcome = Outcome.of(validate_files([Path(f) for f in files], shapes=shapes_graph, ontology=ontology))
        what = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    else:
        opened = GraphStore.open_read_only(store or paths.default_store())
        try:
            data = [g for g in opened.graph_names() if g != ONTOLOGY_GRAPH]
            outcome = validate_store(opened, shapes_graph, opened.graph(ONTOLOGY_GRAPH), data)
        finally:
            opened.close()
        what = f"{len(data)} graphs"
    if not outcome.conforms:
        raise ValidationFailed(outcome.text)
    if outcome.violations:
        click.echo(outcome.text, err=True)
    click.echo(f"Validation: {outcome.headline()} ({what})")
