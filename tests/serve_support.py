"""Start `osce-kg serve` for the tests: a real server process on a free loopback port, stopped
(with its query workers) when the `with` block ends; and the copy of the bundled store the serve
tests use, with one hostile label added (an entity whose name is a <script>)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from osce_kg import iri
from osce_kg.iri import OSCE, SCHEMA
from osce_kg.store import GraphStore
from servers import free_port

XSS_LABEL = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
XSS_PERSON = iri.person("xss-test")


@dataclass(frozen=True)
class Site:
    base: str
    process: subprocess.Popen
    log: Path


def hostile_store(source: Path, folder: Path) -> Path:
    """A copy of a built store with a person whose label is markup, linked from Mongolia's page."""
    target = folder / "store"
    shutil.copytree(Path(source).resolve(), target)
    store = GraphStore.open(target)
    g = Graph()
    g.add((XSS_PERSON, RDF.type, OSCE.Person))
    g.add((XSS_PERSON, RDFS.label, Literal(XSS_LABEL, lang="en")))
    g.add((XSS_PERSON, SCHEMA.nationality, iri.country("MN")))
    g.add((XSS_PERSON, DCTERMS.source, URIRef("https://www.osce.org/xss-test")))
    store.replace_graph(iri.graph("data", "xss_test"), g)
    store.close()
    return target


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (the query workers, their fork server), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the processes below `pid`."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for child in descendants(pid):
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


@contextmanager
def running_site(*args: str, cwd: Path | None = None, timeout: float = 60) -> Iterator[Site]:
    """`osce-kg serve ARGS --port P` until the block ends; fails with the log if it does not answer."""
    port = free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"osce-kg-serve-{port}.log"
    process = subprocess.Popen([sys.executable, "-m", "osce_kg", "serve", "--port", str(port), *args],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"osce-kg serve exited with {process.returncode}: {log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"osce-kg serve did not answer within {timeout} s: {log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield Site(base, process, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
