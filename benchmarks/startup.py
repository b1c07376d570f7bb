#!/usr/bin/env python3
"""How fast `osce-kg` starts: python benchmarks/startup.py [--runs 5] [--store DIR].

Times, as separate processes run in turn (so that a change in the machine's load hits each the
same way), `python -c "import click, pyoxigraph"` (the floor: the two libraries every command
needs), `osce-kg --help` and a small named query (`osce-kg query chairpersonships --format csv`)
on a built store. Prints the median wall time of the runs of each and its ratio to the floor (the
issue's target is within 3x), and the median CPU time (user + system, the process and its
children, e.g. the query worker), which a busy machine disturbs less than the wall time. Without
--store it builds the bundled data into a temporary folder first (not timed). A first run of each
command, not timed, warms the file cache and writes the bytecode, as pip does when it installs a
wheel: the commands run without PYTHONDONTWRITEBYTECODE, which would otherwise have every run
compile osce-kg's modules again while the floor's libraries have theirs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 3.0

ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def osce_kg() -> list[str]:
    """The console script installed next to this Python, else `python -m osce_kg`."""
    script = Path(sys.executable).with_name("osce-kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "osce_kg"]


def elapsed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the command."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        for cmd in commands.values():  # warm the file cache and write the bytecode once, not timed
            elapsed(cmd, work)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(elapsed(cmd, work))
        floor_name = next(iter(times))
        floor = statistics.median(wall for wall, _ in times[floor_name])
        floor_cpu = statistics.median(cpu for _, cpu in times[floor_name])
        load = os.getloadavg()[0]
        print(f"Start-up, median of {args.runs} runs (Python {sys.version.split()[0]}, load average {load:.2f}):")
        print(f"{'command':<48} {'wall s':>7} {'x floor':>8}  {'CPU s':>6} {'x floor':>8}")
        for name, values in times.items():
            wall, cpu = statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)
            verdict = "" if name == floor_name else ("  met" if wall / floor <= TARGET_RATIO else "  MISSED")
            print(f"{name:<48} {wall:>7.3f} {wall / floor:>7.2f}x  {cpu:>6.3f} {cpu / floor_cpu:>7.2f}x{verdict}")

if __name__ == "__main__":
    main()
