#!/usr/bin/env python3
"""How fast `osce-kg` starts: python benchmarks/startup.py [--runs 5] [--store DIR].

Times, as separate processes run in turn (so that a change in the machine's load hits each the
same way), `python -c "import click, pyoxigraph"` (the floor: the two libraries every command
needs), `osce-kg --help` and a small named query (`osce-kg query chairpersonships --format csv`)
on a built store. Prints the median of the runs of each and its ratio to the floor; the issue's
target is within 3x. Without --store it builds the bundled data into a temporary workspace first
(not timed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 3.0


def osce_kg() -> list[str]:
    """The console script installed next to this Python, else `python -m osce_kg`."""
    script = Path(sys.executable).with_name("osce-kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "osce_kg"]


def elapsed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (the median is reported)")
    parser.add_argument("--store", type=Path, help="a built store (default: build the bundled data into a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="osce-kg-startup-") as tmp:
        work = Path(tmp)
        store = args.store
        if store is None:
            store = work / "store"
            subprocess.run([*osce_kg(), "build", "--store", str(store), "--no-dist", "--quiet"], cwd=work, check=True,
                           stdout=subprocess.DEVNULL)
        commands = {
            'python -c "import click, pyoxigraph"': [sys.executable, "-c", "import click, pyoxigraph"],
            "osce-kg --help": [*osce_kg(), "--help"],
            "osce-kg query chairpersonships --format csv": [*osce_kg(), "query", "chairpersonships", "--format", "csv",
                                                            "--store", str(store.resolve())],
        }
        for cmd in commands.values():  # warm the file cache and the bytecode once, not timed
            elapsed(cmd, work)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(elapsed(cmd, work))
        floor = statistics.median(next(iter(times.values())))
        load = os.getloadavg()[0]
        print(f"Start-up, median of {args.runs} runs (Python {sys.version.split()[0]}, load average {load:.2f}):")
        print(f"{'command':<48} {'median s':>9} {'min s':>7} {'x floor':>8}")
        for name, values in times.items():
            median = statistics.median(values)
            ratio = median / floor
            verdict = "" if name == next(iter(times)) else ("  met" if ratio <= TARGET_RATIO else "  MISSED")
            print(f"{name:<48} {median:>9.3f} {min(values):>7.3f} {ratio:>7.2f}x{verdict}")


if __name__ == "__main__":
    main()
