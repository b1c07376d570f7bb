"""The `osce-kg` command: one click group, each feature package attaches its own commands.

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
* 130: interrupted by Ctrl-C (the shell's code for SIGINT).
"""

from __future__ import annotations

import os
import traceback

import click

from osce_kg import __version__
from osce_kg.errors import InputError, StoreBusy, ValidationFailed

INTERNAL_ERROR = 4


class Main(click.Group):
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


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osce-kg")
def main() -> None:
    """osce-kg: build, validate, query and export the OSCE knowledge graph."""


from osce_kg.build.cli import build_command, stats_command, validate_command  # noqa: E402
from osce_kg.export.cli import export_command  # noqa: E402
from osce_kg.pages.cli import ingest_command  # noqa: E402
from osce_kg.query.cli import push_command, queries_command, query_command  # noqa: E402
from osce_kg.viz.cli import analyze_command, viz_command  # noqa: E402

main.add_command(build_command)
main.add_command(stats_command)
main.add_command(validate_command)
main.add_command(export_command)
main.add_command(query_command)
main.add_command(queries_command)
main.add_command(push_command)
main.add_command(viz_command)
main.add_command(analyze_command)
main.add_command(ingest_command)
