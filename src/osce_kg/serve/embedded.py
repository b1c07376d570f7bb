"""The embedded store behind the site: queries run in worker processes (serve.worker) that hold the
store open read-only, one query at a time each.

pyoxigraph cannot cancel a query, so the timeout kills the worker's process (its CPU is free at
once) and a fresh worker takes its place; the other workers go on answering. Each lane ('site' for
the pages' own queries, 'sparql' for the analysts') has its own workers, so that slow queries in
the editor cannot hold up entity pages. A request waits for an idle worker of its lane for at most
the timeout as well.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from pathlib import Path

from osce_kg.serve.answers import Answer
from osce_kg.serve.repository import Limits, QueryFailed, QueryTimedOut, Repository, SyntaxProblem

START_TIMEOUT = 60.0
"""Seconds a new worker may take to open the store."""


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    async def read_reply(self) -> tuple[dict, bytes]:
        assert self.process.stdout is not None
        line = await self.process.stdout.readline()
        if not line:
            raise QueryFailed(f"the query worker stopped (exit code {await self.process.wait()})")
        header = json.loads(line)
        body = await self.process.stdout.readexactly(header["length"]) if header["length"] else b""
        return header, body

    async def ask(self, request: dict) -> tuple[dict, bytes]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
        await self.process.stdin.drain()
        return await self.read_reply()

    async def kill(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()


class _Lane:
    """The workers of one lane: a queue of idle ones; a killed one is replaced in the background."""

    def __init__(self, name: str, size: int, command: list[str]) -> None:
        self.name, self.size, self.command = name, size, command
        self.idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self.workers: set[_Worker] = set()
        self._replacing: set[asyncio.Task] = set()

    async def spawn(self) -> None:
        process = await asyncio.create_subprocess_exec(
            *self.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=1 << 20
        )
        worker = _Worker(process)
        self.workers.add(worker)
        try:
            header, _ = await asyncio.wait_for(worker.read_reply(), START_TIMEOUT)
        except (TimeoutError, QueryFailed) as exc:
            await self.retire(worker)
            raise QueryFailed(f"a query worker could not open the store: {exc}") from None
        if not header.get("ready"):
            await self.retire(worker)
            raise QueryFailed(f"a query worker could not open the store: {header.get('message')}")
        self.idle.put_nowait(worker)

    async def retire(self, worker: _Worker) -> None:
        self.workers.discard(worker)
        await worker.kill()

    def replace(self, worker: _Worker) -> None:
        async def again() -> None:
            await self.retire(worker)
            await self.spawn()

        task = asyncio.create_task(again())
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def close(self) -> None:
        for task in list(self._replacing):
            task.cancel()
        for worker in list(self.workers):
            await self.retire(worker)


class EmbeddedRepository(Repository):
    """The built store (opened read-only by each worker)."""

    def __init__(self, store: Path, limits: Limits, *, workers: int = 2, site_workers: int = 1,
                 context: Path | None = None) -> None:
        super().__init__(limits)
        self.store = Path(store)
        command = [sys.executable, "-m", "osce_kg.serve.worker", str(self.store)]
        if context is not None:
            command.append(str(context))
        self._lanes = {"sparql": _Lane("sparql", workers, command), "site": _Lane("site", site_workers, command)}

    @property
    def description(self) -> str:
        return f"the embedded store at {self.store}"

    async def start(self) -> None:
        await asyncio.gather(*(lane.spawn() for lane in self._lanes.values() for _ in range(lane.size)))

    async def stop(self) -> None:
        for lane in self._lanes.values():
            await lane.close()

    async def _run(self, text: str, fmt: str, *, lane: str, context_url: str | None, max_rows: int) -> Answer:
        workers = self._lanes[lane]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.limits.timeout
        try:
            worker = await asyncio.wait_for(workers.idle.get(), self.limits.timeout)
        except TimeoutError:
            raise QueryTimedOut(
                f"all {workers.size} query workers stayed busy for {self.limits.timeout:g} s; try again in a moment"
            ) from None
        request = {"query": text, "format": fmt, "max_rows": max_rows, "context_url": context_url}
        try:
            header, body = await asyncio.wait_for(worker.ask(request), max(0.01, deadline - loop.time()))
        except TimeoutError:
            workers.replace(worker)
            raise QueryTimedOut(
                f"the query ran longer than the server's limit of {self.limits.timeout:g} s and was stopped; "
                "narrow it (a LIMIT, more specific patterns) or run it on your own copy with 'osce-kg query'"
            ) from None
        except BaseException:
            # the client went away or the worker died mid-answer: the worker's state is unknown
            workers.replace(worker)
            raise
        workers.idle.put_nowait(worker)
        if header["ok"]:
            return Answer(body, header["media_type"], header.get("truncated_at"))
        if header["kind"] == "syntax":
            raise SyntaxProblem(header["message"])
        raise QueryFailed(header["message"])
