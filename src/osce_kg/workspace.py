"""`osce-kg init`: a workspace with editable copies of the bundled data/ and queries/.

An analyst adds rows and queries of their own there; osce_kg.paths then makes the build and the
query catalogue read those copies instead of the ones inside the package.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import click

from osce_kg import paths
from osce_kg.errors import InputError

COPIED = {"data": paths.DATA_DIR, "queries": paths.QUERIES_DIR}


def init_workspace(folder: Path) -> list[Path]:
    """Copy the bundled data/ and queries/ into `folder` (made if missing); an existing copy is
    never overwritten: nothing is written then, and the error says which folder is in the way."""
    targets = {folder / name: source for name, source in COPIED.items()}
    for target in targets:
        if target.exists():
            raise InputError("already exists; osce-kg init does not overwrite it (move it away to start afresh)", path=target)
    for target, source in targets.items():
        try:
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        except OSError as exc:
            raise InputError(f"cannot write the copy here: {exc.strerror or exc}", path=target) from None
    return list(targets)


@click.command("init")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
def init_command(folder: Path | None) -> None:
    """Write editable copies of data/ and queries/ into a workspace (default: the current one).

    The build and `osce-kg query` then read the workspace's copies: add rows to the CSVs (each
    with its source URL), pages to data/pages/ or .rq files to queries/, and run `osce-kg build`
    there (or `osce-kg --home FOLDER build` from anywhere).
    """
    folder = (folder or paths.workspace()).absolute()
    written = init_workspace(folder)
    for path in written:
        click.echo(f"wrote {path}/")
    where = shlex.quote(str(folder))
    click.echo("next: osce-kg build" if folder == Path.cwd() else f"next: cd {where} && osce-kg build   (or: osce-kg --home {where} build)")
