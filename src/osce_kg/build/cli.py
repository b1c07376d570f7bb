"""Commands `build`, `stats` and `validate`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from osce_kg import __version__, paths
from osce_kg.build.pipeline import DIST_FILE_NAMES, ONTOLOGY_GRAPH, BuildOptions, build, read_ontology
from osce_kg.build.progress import Steps
from osce_kg.build.summary import BuildSummary
from osce_kg.build.validation import MAX_VIOLATIONS, Outcome, read_rdf, validate_store
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
    help="Store folder (default: $OSCE_KG_STORE, else store/ in the workspace).",
)


@click.command("build")
@STORE_OPTION
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of reference CSVs and pages/ (default: the workspace's data/ if there is one, else the bundled data).")
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the exports (default: dist/ in the workspace).")
@click.option("--no-dist", is_flag=True, help="Do not write exports and documentation.")
@click.option("--no-pages", is_flag=True, help="Leave out the pages of data/pages/.")
@click.option("--fresh", is_flag=True,
              help="Build from ontology/ and data/ only: do not carry over the pages ingested from elsewhere.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines on stderr.")
@WAIT_OPTION
def build_command(store: Path | None, data: Path | None, dist: Path | None, no_dist: bool, no_pages: bool,
                  fresh: bool, quiet: bool, wait: float) -> None:
    """Build the store from ontology/ and data/, validate it, publish it atomically, write dist/.

    The store and dist/ go to the workspace (osce-kg --home DIR, else $OSCE_KG_HOME, else the
    current folder); the data is the workspace's data/ when it has one (osce-kg init), else the
    data bundled with osce-kg. The page graphs of the previous store that came from outside data/pages/ (`osce-kg ingest`)
    are carried over and validated with the rest, unless --fresh. A build that fails (bad input:
    exit 2; data not conforming to the shapes: exit 1) or is interrupted leaves the previously
    published store as it was. One writer at a time: while another build or an ingest writes to
    the store, the build waits --wait seconds, then stops with exit 3.
    """
    options = BuildOptions(
        store=store or paths.default_store(),
        data=data or paths.data_dir(),
        dist=None if no_dist else (dist or paths.dist_dir()),
        pages=not no_pages,
        fresh=fresh,
        wait=wait,
    )
    summary = build(options, Steps(quiet=quiet))
    click.echo(summary.render())
    click.echo(f"Workspace: {paths.workspace()} ({paths.workspace_origin()}; osce-kg --home DIR or $OSCE_KG_HOME to change)")
    click.echo(f"Data: {options.data} ({_data_origin(data)})")
    click.echo(f"Store: {options.store}")
    if options.dist is not None:
        click.echo(f"Exports: {options.dist}{os.sep}{', '.join(DIST_FILE_NAMES)}")


def _data_origin(given: Path | None) -> str:
    if given is not None:
        return "--data"
    if paths.data_dir() == paths.DATA_DIR:
        return f"bundled with osce-kg {__version__}; 'osce-kg init' makes an editable copy in the workspace"
    return "the workspace's copy"


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
              help="SHACL shapes (default: the bundled ontology/shapes.ttl).")
@click.option("--max-violations", type=click.IntRange(min=0), default=MAX_VIOLATIONS, show_default=True,
              help="Results listed after the counts per shape (0: the counts only).")
@click.option("--report", "report_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the full report (every result) to this file.")
def validate_command(files: tuple[Path, ...], store: Path | None, shapes: Path | None, max_violations: int,
                     report_file: Path | None) -> None:
    """Validate the built store (default) or the given RDF FILES against the SHACL shapes.

    Exit 1 when not conforming, with the number of results per shape first, then the first
    results (focus node, path, message, source graph or file); --report FILE keeps them all.
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
    if report_file is not None:
        report_file.write_text(outcome.report.render(None) + "\n", encoding="utf-8")
    text = outcome.report.render(max_violations)
    if report_file is not None:
        text += f"\nThe full report: {report_file}"
    if not outcome.conforms:
        raise ValidationFailed(text)
    if outcome.violations:
        click.echo(text, err=True)
    click.echo(f"Validation: {outcome.headline()} ({what})")
