"""What an ingest tells its user: an outcome per page, notes, and the menu's differences."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from osce_kg.pages.inputs import printable
from osce_kg.pages.menu import MenuDifference


@dataclass
class PageOutcome:
    """What happened to one file: ingested, warnings, unchanged or rejected."""

    path: Path
    status: str
    layout: str | None = None
    documents: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    outcomes: list[PageOutcome] = field(default_factory=list)
    menu_differences: list[MenuDifference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Archives and archive records that could not be read, each with its reason: input refused
    like a rejected file (the command exits 1), though no page file stands for it."""
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        """True when nothing was rejected or skipped (the command's exit status 0)."""
        return self.count("rejected") == 0 and not self.skipped

    @property
    def documents(self) -> int:
        return sum(len(o.documents) for o in self.outcomes)

    @property
    def warnings(self) -> list[str]:
        """Warnings of the ingested files, then the menu's differences with the reference data."""
        return [f"{printable(str(o.path))}: {m}" for o in self.outcomes if o.status == "warnings" for m in o.messages] + [
            str(d) for d in self.menu_differences]

    def text(self) -> str:
        lines = []
        for o in self.outcomes:
            if o.status in ("rejected", "warnings"):
                lines.append(f"{o.status}: {printable(str(o.path))}")
                lines += [f"  {m}" for m in o.messages]
        lines += [str(d) for d in self.menu_differences]
        lines += [f"rejected: {s}" for s in self.skipped]
        lines += [f"note: {n}" for n in self.notes]
        lines.append(
            f"{len(self.outcomes)} files: {self.count('ingested')} ingested, {self.count('warnings')} ingested with warnings, "
            f"{self.count('rejected')} rejected, {self.count('unchanged')} unchanged; {self.documents} documents; "
            f"{self.seconds:.2f} s"
        )
        return "\n".join(lines)
