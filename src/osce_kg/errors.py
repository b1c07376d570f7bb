"""Errors that carry where the problem is, so the CLI can say what, where and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """Bad input: a file, a row, a parameter. Printed as 'path:line: message (value: ...)'."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    value: object = None

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else ""
        if where and self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            text += f" (value: {self.value!r})"
        return text


class ValidationFailed(Exception):
    """SHACL validation failed; the report is in the message."""


@dataclass
class StoreBusy(Exception):
    """Another writer (build or ingest) holds the store: the command exits 3."""

    store: Path
    command: str
    since: str | None = None
    pid: int | None = None

    def __str__(self) -> str:
        who = self.command + (f" since {self.since}" if self.since else "") + (f", pid {self.pid}" if self.pid is not None else "")
        return f"the store is busy: {who} ({self.store}); wait for it or pass --wait SECONDS"
