"""Publishing a store atomically, so that readers never see a half-built graph.

The store path (e.g. `store`) is a symbolic link to one build folder (`store.d/<build-id>`).
A build writes a fresh folder next to the others; publishing points a temporary link at it
and renames that link over the store path with os.replace, which is atomic on POSIX. Whatever
goes wrong before that rename (an exception, a failed validation, Ctrl-C) leaves the link, and
so the previous store, untouched; the unfinished folder is removed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path


def builds_dir(target: Path) -> Path:
    """The folder that holds the build folders of a store path: `store` -> `store.d`."""
    return target.parent / f"{target.name}.d"


def new_build_dir(target: Path) -> Path:
    """A fresh, empty build folder next to the published ones, named by time and process."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = builds_dir(target) / f"{stamp}-{os.getpid()}"
    folder.mkdir(parents=True)
    return folder


def published_dir(target: Path) -> Path | None:
    """The build folder the store path points at now, or None when nothing is published."""
    return target.resolve() if target.is_symlink() and target.exists() else None


def publish(target: Path, build: Path) -> None:
    """Point `target` at `build` in one atomic rename, then remove the older builds."""
    if target.exists() and not target.is_symlink():
        # A plain folder from elsewhere (an older layout, a hand copy): keep it as an old build
        # so that the link can take its place; it is removed with the other old builds.
        target.rename(builds_dir(target) / f"replaced-{os.getpid()}")
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(os.path.relpath(build, target.parent))
    os.replace(link, target)
    for old in builds_dir(target).iterdir():
        if old.resolve() != build.resolve():
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_build(target: Path) -> Iterator[Path]:
    """A fresh build folder that is removed unless the block publishes it without error.

    The block writes the store into the folder and calls publish(target, folder) when the
    result may be seen; any exception, KeyboardInterrupt included, removes the folder and
    leaves the published store as it was.
    """
    folder = new_build_dir(target)
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
