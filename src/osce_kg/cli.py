"""The `osce-kg` command: one click group, each feature package attaches its own commands."""

from __future__ import annotations

import click

from osce_kg import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osce-kg")
def main() -> None:
    """osce-kg: build, validate, query and export the OSCE knowledge graph."""
