"""What a harvest did, for the person who ran it (text) and for scripts (--report FILE.json)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from osce_kg.harvest.client import Politeness


@dataclass
class IngestSummary:
    runs: int = 0
    """Ingests in this harvest (one per --ingest-every pages, and one at the end)."""
    pages: int = 0
    ingested: int = 0
    warnings: int = 0
    rejected: int = 0
    unchanged: int = 0
    gone_flagged: int = 0
    rejected_pages: list[dict[str, object]] = field(default_factory=list)

    def add(self, other: IngestSummary) -> None:
        """Count in another ingest of the same run (a long crawl ingests as it goes)."""
        for name in ("runs", "pages", "ingested", "warnings", "rejected", "unchanged", "gone_flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rejected_pages += other.rejected_pages


@dataclass
class HarvestReport:
    politeness: Politeness
    discovered: int = 0
    """Page URLs the sources listed (sitemaps, listings, explicit URLs, translations)."""
    fetched: int = 0
    not_modified: int = 0
    """Pages re-requested conditionally that the server said had not changed (304)."""
    not_modified_documents: int = 0
    held: int = 0
    """Pages the archive already held and no source said had changed: not requested."""
    skipped: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """Reason (robots, language, dates) -> the URLs skipped for it."""
    failed: list[dict[str, object]] = field(default_factory=list)
    gone: list[dict[str, object]] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    bytes: int = 0
    seconds: float = 0.0
    waited: float = 0.0
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ingest: IngestSummary | None = None

    def skip(self, url: str, reason: str, detail: str) -> None:
        self.skipped.setdefault(reason, []).append({"url": url, "detail": detail})

    def fail(self, url: str, reason: str, outcome: str) -> None:
        self.failed.append({"url": url, "outcome": outcome, "reason": reason})

    @property
    def ok(self) -> bool:
        return not self.failed and (self.ingest is None or self.ingest.rejected == 0)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["politeness"] = {"delay": self.politeness.delay, "concurrency": self.politeness.concurrency,
                              "user_agent": self.politeness.user_agent(), "timeout": self.politeness.timeout,
                              "retries": self.politeness.retries, "max_bytes": self.politeness.max_bytes}
        return data

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def text(self) -> str:
        lines = [f"note: {n}" for n in self.notes]
        lines += [f"warning: {w}" for w in self.warnings]
        for failure in self.failed:
            lines.append(f"failed: {failure['url']}: {failure['reason']}")
        for gone in self.gone:
            lines.append(f"gone: {gone['url']} (HTTP {gone['status']}, found gone {gone['since']}; its graph is kept)")
        for url in self.skipped.get("robots", []):
            lines.append(f"skipped by robots.txt: {url['url']}")
        skipped = ", ".join(f"{len(v)} {k}" for k, v in sorted(self.skipped.items())) or "none"
        lines.append(
            f"{self.discovered} pages discovered: {self.fetched} fetched, {self.not_modified} not modified, "
            f"{self.held} already held, {len(self.gone)} gone, {len(self.failed)} failed; skipped: {skipped}")
        lines.append(
            f"{self.requests} requests ({self.retries} retries, {self.bytes / 1e6:.1f} MB) in {self.seconds:.1f} s, "
            f"{self.politeness.delay:g} s between requests per host, {self.waited:.1f} s spent waiting")
        if self.ingest is not None:
            i = self.ingest
            lines += [f"rejected: {r['url']}: {r['reason']}" for r in i.rejected_pages]
            lines.append(f"ingest ({i.runs} runs): {i.pages} pages: {i.ingested} ingested, {i.warnings} with warnings, "
                         f"{i.rejected} rejected, {i.unchanged} unchanged; {i.gone_flagged} graphs flagged gone")
        return "\n".join(lines)
