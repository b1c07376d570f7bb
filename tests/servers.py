"""Start and stop real SPARQL servers for the remote tests: Oxigraph and Virtuoso.

Each server runs as our own child process on free loopback ports with its data in a temporary
folder, and is always stopped when the `with` block ends, whether the tests passed or not.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from osce_kg.query.remote import Credentials


@dataclass(frozen=True)
class Server:
    name: str
    query_url: str
    store_url: str
    credentials: Credentials | None
    process: subprocess.Popen
    log: Path


def free_port() -> int:
    """A TCP port that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_answers(server: Server, timeout: float) -> None:
    url = f"{server.query_url}?query={quote('ASK {}')}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}: {server.log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer within {timeout} s: {server.log.read_text(errors='replace')[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def _running(server: Server, timeout: float) -> Iterator[Server]:
    try:
        _wait_until_answers(server, timeout)
        yield server
    finally:
        _stop(server.process)


@contextmanager
def oxigraph_server(folder: Path, port: int | None = None) -> Iterator[Server]:
    """`oxigraph serve` (from the oxigraph pip package) with the union of graphs as default graph,
    as the embedded store queries it. `port` restarts a stopped server where it was (same data)."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is not installed: pip install oxigraph")
    port = port or free_port()
    log = folder / f"oxigraph-{port}-{time.monotonic_ns()}.log"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    with _running(Server("oxigraph", f"{base}/query", f"{base}/store", None, process, log), timeout=30) as server:
        yield server


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
CaseMode = 2
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}/www
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Server]:
    """Debian's virtuoso-t with a private ini and database folder, every port on 127.0.0.1.

    A fresh database has the account dba/dba; writes go through the digest-authenticated
    Graph Store endpoint /sparql-graph-crud-auth.
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.fail("Virtuoso is not installed: apt-get install virtuoso-opensource (listed in .ci/apt-packages.txt)")
    db = folder / "virtuoso"
    (db / "www").mkdir(parents=True)
    http_port, sql_port = free_port(), free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=db, sql_port=sql_port, http_port=http_port))
    log = db / "stdout.log"
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)], cwd=db, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{http_port}"
    server = Server("virtuoso", f"{base}/sparql", f"{base}/sparql-graph-crud-auth", Credentials("dba", "dba", "digest"), process, log)
    with _running(server, timeout=60) as running:
        yield running
