"""The --write / compare step shared by the reviewed lists (tests/minted_iris.txt,
tests/shape_constraints.txt): a change of the list is a reviewed diff, never an accident."""

from __future__ import annotations

from pathlib import Path


def write_or_compare(path: Path, before: list[str], now: list[str], *, write: bool, what: str, header: str = "") -> int:
    """Rewrite `path` with `now` (after `header`), or print what differs from `before`; the exit code
    is 1 when they differ and nothing was written."""
    if write:
        path.write_text(header + "".join(f"{x}\n" for x in now), encoding="utf-8")
        print(f"{path}: {len(now)} {what} ({len(set(now) - set(before))} new, {len(set(before) - set(now))} gone)")
        return 0
    gone, new = sorted(set(before) - set(now)), sorted(set(now) - set(before))
    print("\n".join([*(f"- {x}" for x in gone), *(f"+ {x}" for x in new)]) or "no change")
    return 1 if gone or new else 0
