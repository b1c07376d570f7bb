"""The ingest report as the command prints it: grouped by default, every line with --verbose.

Ingesting 60 pages used to print one line per menu entry missing from a page's menu and one per
warning of each file (75 of 104 lines were the menu's). By default, warnings of the same kind are
counted over the files that have them, and menu differences are grouped by section and kind with
their entries on one line; rejected files are always listed with their messages, because each
needs an action.
"""

from __future__ import annotations

import re
from collections import defaultdict

from osce_kg.pages.report import IngestReport

_LINE = re.compile(r"^line \d+: ")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|(?<=\s)\d{4}(?=\s)")
EXAMPLES = 3
"""Files named for each kind of warning before '...'."""


def warning_kind(message: str) -> str:
    """A warning without its line number and its quoted values: what the files have in common."""
    return _QUOTED.sub("…", _LINE.sub("", message))


def summary(report: IngestReport, *, verbose: bool = False) -> str:
    """The report's text: report.text() with verbose, else rejected files in full and the rest grouped."""
    if verbose:
        return report.text()
    lines: list[str] = []
    for outcome in report.outcomes:
        if outcome.status == "rejected":
            lines.append(f"rejected: {outcome.path}")
            lines += [f"  {m}" for m in outcome.messages]
    lines += [f"rejected: {s}" for s in report.skipped]
    grouped = grouped_warnings(report)
    lines += grouped
    lines += [f"note: {n}" for n in report.notes]
    if grouped:
        lines.append("(--verbose lists every warning and menu difference with its file and line)")
    lines.append(report.text().rsplit("\n", 1)[-1])
    return "\n".join(lines)


def grouped_warnings(report: IngestReport) -> list[str]:
    """One line per kind of warning (with how many files and a few of them) and per menu section
    and kind of difference (with its entries)."""
    lines: list[str] = []
    kinds: dict[str, list[str]] = defaultdict(list)
    for outcome in report.outcomes:
        if outcome.status == "warnings":
            for kind in dict.fromkeys(warning_kind(m) for m in outcome.messages):
                kinds[kind].append(outcome.path.name)
    for kind, files in sorted(kinds.items(), key=lambda item: -len(item[1])):
        named = ", ".join(files[:EXAMPLES]) + (", ..." if len(files) > EXAMPLES else "")
        lines.append(f"warning, {len(files)} file{'s' * (len(files) != 1)}: {kind} ({named})")
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for difference in report.menu_differences:
        groups[(difference.section, difference.kind)].append(difference.entry)
    for (section, kind), entries in groups.items():
        lines.append(f"menu '{section}': {len(entries)} {kind}: {', '.join(entries)}")
    return lines
