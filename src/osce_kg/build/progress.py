"""Step lines with timings on stderr, so that a long build says what it is doing."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Steps:
    """Prints one line per finished step: what it did, a short result, and how long it took."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.started = time.perf_counter()

    @contextmanager
    def step(self, what: str) -> Iterator[list[str]]:
        """Time a step; the block appends short results ('57 graphs') to the yielded list."""
        notes: list[str] = []
        t0 = time.perf_counter()
        yield notes
        if not self.quiet:
            detail = f": {', '.join(notes)}" if notes else ""
            print(f"  {what}{detail} ({time.perf_counter() - t0:.2f} s)", file=self.stream, flush=True)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started
