"""`osce-kg viz` (draw a projection) and `osce-kg analyze` (its network figures)."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import click
import networkx as nx

from osce_kg import paths
from osce_kg.errors import InputError
from osce_kg.store import GraphStore
from osce_kg.viz import analyze as analysis
from osce_kg.viz import interchange, static
from osce_kg.viz.html import write_html
from osce_kg.viz.projections import PROJECTIONS

FORMATS = ("html", *static.FORMATS, *interchange.FORMATS)
TITLES = {
    "structure": "OSCE structure",
    "fields": "OSCE structures and their fields of work",
    "comention": "States named together in OSCE releases",
    "people": "People in the OSCE",
}


def parse_day(text: str | None) -> date | None:
    """--as-of: an ISO day (YYYY-MM-DD)."""
    if text is None:
        return None
    problem = InputError("--as-of must be a real day written YYYY-MM-DD, e.g. 2005-01-01", value=text)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise problem
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise problem from None


def parse_years(text: str | None) -> tuple[int, int] | None:
    """--years: 'A-B' (both included) or one year 'A'."""
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text.strip())
    if not match:
        raise InputError("--years must be a year or a range of years, e.g. 2005 or 2005-2010", value=text)
    first, last = int(match[1]), int(match[2] or match[1])
    if first > last:
        raise InputError(f"--years runs backwards: {first} is after {last}; write {last}-{first}", value=text)
    return first, last


def _store(path: Path | None) -> GraphStore:
    folder = path or paths.default_store()
    try:
        return GraphStore.open_read_only(folder)
    except OSError as exc:
        raise InputError(f"no readable store here ({exc}): run 'osce-kg build' first or give --store", path=folder) from None


def _check_options(name: str, years: tuple[int, int] | None, field: str | None) -> None:
    if name != "comention" and (years is not None or field is not None):
        raise click.UsageError("--years and --field apply to 'comention' only")


def project(name: str, store: GraphStore, *, as_of: date | None, years: tuple[int, int] | None,
            field: str | None, include_closed: bool = True) -> nx.Graph:
    """The named projection with the options that apply to it (others are refused)."""
    _check_options(name, years, field)
    if name == "comention":
        return PROJECTIONS[name](store, years=years, field=field, as_of=as_of)
    if name == "structure":
        return PROJECTIONS[name](store, as_of=as_of, include_closed=include_closed)
    return PROJECTIONS[name](store, as_of=as_of)


def _title(name: str, as_of: date | None, years: tuple[int, int] | None, field: str | None) -> str:
    extra = [f"as of {as_of.isoformat()}"] if as_of else []
    extra += [f"{years[0]}–{years[1]}"] if years else []
    extra += [f"field: {field}"] if field else []
    return TITLES[name] + (f" ({', '.join(extra)})" if extra else "")


_projection = click.argument("projection", type=click.Choice(list(PROJECTIONS)))
_as_of = click.option("--as-of", "as_of", metavar="DATE", help="Draw what existed on this day (YYYY-MM-DD), under that day's names.")
_years = click.option("--years", metavar="A-B", help="comention: releases dated in these years (both included).")
_field = click.option("--field", "field", metavar="KEY", help="comention: releases on this field of work (key, e.g. rule-of-law) or its sub-topics.")
_store_option = click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path),
                             help="Store folder (default: $OSCE_KG_STORE, else store/ in the workspace).")


@click.command("viz")
@_projection
@_as_of
@_years
@_field
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the -o suffix, else html).")
@click.option("--closed/--no-closed", "include_closed", default=True, show_default=True,
              help="structure: include closed field operations and past chairpersonships.")
@click.option("--show-closed", is_flag=True, help="html: start with closed structures shown (the page has a toggle).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: dist/<projection>.<format>).")
@_store_option
def viz_command(projection: str, as_of: str | None, years: str | None, field: str | None, fmt: str | None,
                include_closed: bool, show_closed: bool, output: Path | None, store_path: Path | None) -> None:
    """Draw a projection of the graph: structure (tree), fields, comention, people (networks)."""
    day, span = parse_day(as_of), parse_years(years)
    _check_options(projection, span, field)
    if fmt is None:
        suffix = output.suffix.lstrip(".").lower() if output else ""
        fmt = suffix if suffix in FORMATS else "html"
    output = output or paths.dist_dir() / f"{projection}.{fmt}"
    store = _store(store_path)
    try:
        graph = project(projection, store, as_of=day, years=span, field=field, include_closed=include_closed)
    finally:
        store.close()
    title = _title(projection, day, span, field)
    if fmt == "html":
        write_html(graph, output, title=title, show_closed=show_closed)
    elif fmt in static.FORMATS:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(static.render(graph, fmt, title=title))
    else:
        interchange.write(graph, output, fmt)
    click.echo(f"{output}: {projection}, {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges", err=True)


@click.command("analyze")
@_projection
@_as_of
@_years
@_field
@click.option("--format", "fmt", type=click.Choice(analysis.FORMATS), default="table", show_default=True)
@click.option("--top", type=click.IntRange(min=1), help="table: show only the N most central nodes.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout.")
@_store_option
def analyze_command(projection: str, as_of: str | None, years: str | None, field: str | None, fmt: str,
                    top: int | None, output: Path | None, store_path: Path | None) -> None:
    """Degree and betweenness centrality and communities of a projection, as a table or CSV."""
    day, span = parse_day(as_of), parse_years(years)
    _check_options(projection, span, field)
    store = _store(store_path)
    try:
        graph = project(projection, store, as_of=day, years=span, field=field)
    finally:
        store.close()
    rows = analysis.analyze(graph)
    text = analysis.to_csv(rows) if fmt == "csv" else analysis.to_table(rows, top)
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
