"""The `osce-kg` command: one click group, each feature package attaches its own commands.

Errors become exit codes here, once for every command: bad input (osce_kg.errors.InputError)
prints `error: file:line: message (value: ...)` and exits 2; a graph that does not conform
(ValidationFailed) prints its report and exits 1. No traceback for either. Ctrl-C exits 130, the
shell's code for SIGINT, rather than click's 1, which here means "does not conform".
"""

from __future__ import annotations

import click

from osce_kg import __version__
from osce_kg.errors import InputError, ValidationFailed


class Main(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
        except ValidationFailed as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osce-kg")
def main() -> None:
    """osce-kg: build, validate, query and export the OSCE knowledge graph."""


from osce_kg.build.cli import build_command, stats_command, validate_command  # noqa: E402
from osce_kg.export.cli import export_command  # noqa: E402
from osce_kg.harvest.cli import harvest_command  # noqa: E402
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
main.add_command(harvest_command)
