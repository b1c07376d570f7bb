"""One writer at a time: the lock that `build` and `ingest` hold on a store path for their whole run.

Without it an ingest that finished while a build ran was lost in silence: the build copied the old
store's page graphs, the ingest committed to the old store, and the build published its copy (issue
14: 399 documents reported as ingested were gone). The lock is an flock on `.<store>.lock` beside
the store path, so the kernel releases it when its holder dies, even by kill -9: no stale lock to
remove by hand. The file says who holds it, for the busy message. Readers take no lock: a query
reads the published build folder, which a writer never changes in place (a build publishes a new
folder; an ingest commits transactions).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from osce_kg.errors import StoreBusy

POLL_SECONDS = 0.2


def lock_path(target: Path) -> Path:
    """The lock file of a store path: `store` -> `.store.lock` (hidden, like the publishing link)."""
    return target.parent / f".{target.name}.lock"


@contextmanager
def writer_lock(target: Path, command: str, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the store's writer lock for the block; wait up to `wait` seconds for another writer,
    then raise StoreBusy naming it (command, start time, pid)."""
    path = lock_path(Path(target))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy(Path(target), *_holder(path)) from None
                time.sleep(POLL_SECONDS)
        holder = {"command": command, "since": datetime.now(UTC).isoformat(timespec="seconds"), "pid": os.getpid()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(path: Path) -> tuple[str, str | None, int | None]:
    """Who holds the lock, as its holder wrote it (it may not have written it yet)."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        return str(holder["command"]), str(holder["since"]), int(holder["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return "another writer", None, None
