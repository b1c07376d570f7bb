"""The `osce-kg` command: one click group; each feature package owns its commands, loaded on use.

COMMANDS says where each command lives and what it does in one line, so that `osce-kg --help`
lists them all without importing any, and running one imports only its own module (importing
every command's module at start-up, with the build pipeline, the SHACL engines and networkx,
took 0.3 s). A new command is one line there; a command that needs an optional extra names it,
and running it without the extra installed says what to install.

Errors become exit codes here, once for every command, and none prints a traceback:

* 0: all fine.
* 1: something was rejected: a graph that does not conform (ValidationFailed, its report
  printed), or a page that `ingest` could not read (each one named with the reason).
* 2: usage or bad input (osce_kg.errors.InputError): `error: file:line: message (value: ...)`,
  as for click's own usage errors.
* 3: the store is busy (StoreBusy): another build or ingest is writing to it; `--wait SECONDS`
  waits for it.
* 4: an internal error: a bug in osce-kg. The message names the exception; OSCE_KG_DEBUG=1
  prints the traceback to report with it.
* 124: a query stopped at its --timeout (osce_kg.query.cli).
* 130: interrupted by Ctrl-C (the shell's code for SIGINT).
"""

from __future__ import annotations

import importlib
import os
import traceback
from pathlib import Path
from typing import NamedTuple

import click

from osce_kg import __version__
from osce_kg.errors import InputError, StoreBusy, ValidationFailed

INTERNAL_ERROR = 4


class Command(NamedTuple):
    target: str
    """module:attribute of the click command."""
    short_help: str
    """What `osce-kg --help` shows; a test checks it against the command's own help."""
    extra: str | None = None
    """The optional dependencies (pip install 'osce-kg[extra]') the command needs, if any."""


COMMANDS: dict[str, Command] = {
    "init": Command("osce_kg.workspace:init_command", "Write editable copies of data/ and queries/ into a workspace (default: the current one)."),
    "build": Command("osce_kg.build.cli:build_command", "Build the store from ontology/ and data/, validate it, publish it atomically, write dist/."),
    "ingest": Command("osce_kg.pages.cli:ingest_command", "Read page files, WARC archives or folders (recursively; .txt, .html, .htm, .warc, .warc.gz) into the store."),
    "harvest": Command("osce_kg.harvest.cli:harvest_command", "Fetch osce.org pages politely, archive every request and response as WARC, and ingest the pages.", "harvest"),
    "stats": Command("osce_kg.build.cli:stats_command", "Triples per graph, graphs by kind and entities per class of the built store."),
    "validate": Command("osce_kg.build.cli:validate_command", "Validate the built store (default) or the given RDF FILES against the SHACL shapes."),
    "queries": Command("osce_kg.query.cli:queries_command", "List the named queries with their descriptions and parameters."),
    "query": Command("osce_kg.query.cli:query_command", "Run a named query (see 'osce-kg queries'), a .rq file, or '-' (standard input)."),
    "export": Command("osce_kg.export.cli:export_command", "Export the store, or some of its graphs, in an RDF format."),
    "push": Command("osce_kg.query.push_cli:push_command", "Upload every named graph with the SPARQL Graph Store Protocol (PUT: pushing again replaces)."),
    "viz": Command("osce_kg.viz.cli:viz_command", "Draw a projection of the graph: structure (tree), fields, comention, people (networks)."),
    "serve": Command("osce_kg.serve.cli:serve_command", "Serve the graph on the web, read-only: SPARQL endpoint, a page for every IRI, the named queries.", "serve"),
    "analyze": Command("osce_kg.viz.cli:analyze_command", "Degree and betweenness centrality and communities of a projection, as a table or CSV."),
}


def load(name: str, entry: Command) -> click.Command:
    """The command object, importing its module; a missing optional dependency is a usage error
    that names the extra to install."""
    module_name, _, attribute = entry.target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if entry.extra is None or (exc.name or "").partition(".")[0] == "osce_kg":
            raise
        raise click.UsageError(
            f"'osce-kg {name}' needs {exc.name}, an optional dependency: pip install 'osce-kg[{entry.extra}]'"
        ) from None
    command = getattr(module, attribute)
    assert isinstance(command, click.Command), entry.target
    return command


class Main(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        return None if entry is None else load(cmd_name, entry)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry.short_help) for name, entry in COMMANDS.items()])

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from osce_kg import paths

        formatter.write_paragraph()
        # not wrapped: a path broken at a hyphen could not be copied
        formatter.write(f"Workspace now: {paths.workspace()} ({paths.workspace_origin()}).\n")

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
        except ValidationFailed as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)
        except StoreBusy as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(3)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - a bug: say so, in one line, with what to report
            if os.environ.get("OSCE_KG_DEBUG"):
                traceback.print_exc()
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                       "This is a bug in osce-kg: please report it with the command you ran "
                       "(OSCE_KG_DEBUG=1 prints the traceback).", err=True)
            ctx.exit(INTERNAL_ERROR)


def _use_home(ctx: click.Context, param: click.Parameter, home: Path | None) -> None:
    from osce_kg import paths

    paths.use_home(home)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osce-kg")
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), metavar="DIR", is_eager=True,
              expose_value=False, callback=_use_home,
              help="The workspace: where the store and dist/ go, and where 'osce-kg init' puts editable "
                   "copies of data/ and queries/ that the build and queries then read "
                   "(default: $OSCE_KG_HOME, else the current folder).")
def main() -> None:
    """osce-kg: build, validate, query and export the OSCE knowledge graph."""
