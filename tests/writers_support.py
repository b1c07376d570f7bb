"""Writers (build, ingest) run as real processes and held at a point of the test's choosing.

`paused(args, module, function, where)` starts `osce-kg ARGS` in a new Python process in which
`module.function` first writes `where/paused` (holding its pid) and then waits until the test
creates `where/go`. The test then knows exactly what the writer has done (kill -9 it there, or
run another command against the store) without sleeping and hoping.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from osce_kg import paths

WRAPPER = """
import importlib, os, sys, time
from pathlib import Path

module = importlib.import_module(sys.argv[1])
function = sys.argv[2]
where = Path(sys.argv[3])


def hold(*args, **kwargs):
    hold.calls += 1
    if hold.calls == int(os.environ.get("PAUSE_AT_CALL", "1")):
        (where / "paused").write_text(str(os.getpid()))
        while not (where / "go").exists():
            time.sleep(0.02)
    return real(*args, **kwargs)


hold.calls = 0
if "." in function:
    owner, name = function.split(".")
    real = getattr(getattr(module, owner), name)
    setattr(getattr(module, owner), name, hold)
else:
    real = getattr(module, function)
    setattr(module, function, hold)

from osce_kg.cli import main

main(sys.argv[4:], prog_name="osce-kg")
"""


@dataclass
class Paused:
    process: subprocess.Popen
    where: Path

    def wait_until_paused(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not (self.where / "paused").exists():
            if self.process.poll() is not None:
                out, err = self.process.communicate()
                raise AssertionError(f"the writer ended (exit {self.process.returncode}) before pausing:\n{out}\n{err}")
            if time.monotonic() > deadline:
                raise AssertionError("the writer did not pause in time")
            time.sleep(0.02)

    def go(self) -> None:
        (self.where / "go").write_text("")

    def finish(self, timeout: float = 300) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err


def paused(args: list[str], module: str, function: str, where: Path, *, at_call: int = 1) -> Paused:
    where.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PAUSE_AT_CALL": str(at_call), "PYTHONPATH": str(paths.ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, module, function, str(where), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return Paused(process, where)


def osce_kg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """`osce-kg ARGS` in its own process: what a user sees, tracebacks included."""
    return subprocess.run([sys.executable, "-m", "osce_kg", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(paths.ROOT / "src")})
