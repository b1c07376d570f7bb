"""The harvest's progress on stderr: a rich progress bar (rate, ETA) on a terminal, plain lines otherwise.

rich rather than tqdm: it is already what the terminal output of the project's users' other
tools looks like, it draws the bar and the log lines above it without them fighting, and it
degrades to nothing when stderr is not a terminal, where we print one line per page instead
(for logs and CI, which a bar would fill with control characters).
"""

from __future__ import annotations

import sys
from typing import TextIO

from osce_kg.harvest.crawl import Progress


class PlainProgress(Progress):
    """One line per discovery source and per page: `[12/340] fetched https://...`."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.done = 0
        self.count = 0

    def discovering(self, what: str) -> None:
        print(f"discovering: {what}", file=self.stream, flush=True)

    def total(self, pages: int) -> None:
        self.count = pages

    def page_done(self, url: str, outcome: str, detail: str | None) -> None:
        self.done += 1
        print(f"[{self.done}/{self.count}] {outcome}: {url}" + (f" ({detail})" if detail else ""), file=self.stream, flush=True)


class BarProgress(Progress):
    """A rich progress bar with the pages done, their rate and the time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=False)
        self.task = self.bar.add_task("discovering", total=None, rate="")
        self.bar.start()

    def discovering(self, what: str) -> None:
        self.bar.update(self.task, description=f"discovering {what}")

    def total(self, pages: int) -> None:
        self.bar.update(self.task, total=pages, description="fetching")

    def page_done(self, url: str, outcome: str, detail: str | None) -> None:
        if outcome not in ("ok", "not-modified"):
            self.bar.console.print(f"{outcome}: {url}" + (f" ({detail})" if detail else ""))
        self.bar.advance(self.task)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:.2f} pages/s" if speed else "")

    def close(self) -> None:
        self.bar.stop()


def progress_for(stream: TextIO | None = None, quiet: bool = False) -> Progress:
    """The bar on a terminal, plain lines elsewhere, nothing when quiet."""
    if quiet:
        return Progress()
    stream = stream or sys.stderr
    if stream.isatty():
        return BarProgress()
    return PlainProgress(stream)
