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
    """Point `target` at `build` in one atomic rename, then remove the build it superseded.

    Only that one: another folder in store.d may be a build in progress (issue 14), which the
    writer lock forbids but a folder on a shared disk cannot rule out."""
    superseded = published_dir(target)
    if target.exists() and not target.is_symlink():
        # A plain folder from elsewhere (an older layout, a hand copy): keep it as an old build
        # so that the link can take its place, and remove it as the superseded one.
        superseded = builds_dir(target) / f"replaced-{os.getpid()}"
        target.rename(superseded)
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(os.path.relpath(build, target.parent))
    os.replace(link, target)
    if superseded is not None and superseded.resolve() != build.resolve():
        shutil.rmtree(superseded, ignore_errors=True)


def remove_abandoned(target: Path) -> list[Path]:
    """Remove the build folders that builds killed before publishing left (their process is gone).

    Called with the writer lock held: no other build can be running then, but a folder is
    removed only when the process named in it has ended, in case one runs without the lock."""
    folders = builds_dir(target)
    if not folders.is_dir():
        return []
    published = published_dir(target)
    removed = []
    for folder in folders.iterdir():
        pid = folder.name.rsplit("-", 1)[-1]
        if folder.resolve() != published and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
