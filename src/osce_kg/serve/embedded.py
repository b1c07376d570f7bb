"""The embedded store behind the site, queried through query.bounded's workers: processes that
hold the store open read-only, killed at the timeout (pyoxigraph cannot cancel a query; killing the
process frees its CPU at once) and started again for the next query.

Each lane ('site' for the pages' own queries, 'sparql' for the analysts') has its own workers, so
that slow queries in the editor cannot hold up entity pages. A request waits for an idle worker of
its lane for at most the queue timeout, then has the whole timeout to run: under load, waiting is
not running, and a page should not fail because others came first. A worker blocks the thread that runs it, so each runs in
a thread of the event loop's executor.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TypeVar

from osce_kg.query.bounded import QueryWorker
from osce_kg.serve.repository import Consumer, Limits, Repository, ServerBusy

T = TypeVar("T")


class EmbeddedRepository(Repository):
    """The built store (opened read-only by each worker)."""

    def __init__(self, store: Path, limits: Limits, *, workers: int = 2, site_workers: int = 1,
                 context: dict | None = None) -> None:
        super().__init__(limits, context)
        self.store = Path(store)
        self._sizes = {"sparql": workers, "site": site_workers}
        self._idle: dict[str, asyncio.Queue[QueryWorker]] = {}
        self._all: list[QueryWorker] = []

    @property
    def description(self) -> str:
        return f"the embedded store at {self.store}"

    async def start(self) -> None:
        for lane, size in self._sizes.items():
            self._idle[lane] = asyncio.Queue()
            for _ in range(size):
                # spawn: the server runs threads, and fork() would copy their held locks; and not
                # forkserver, whose process would be the workers' parent, so that a worker would
                # outlive a server killed with -9 (its query still running); as fast here (0.3 s)
                worker = QueryWorker(self.store, start_method="spawn")
                await asyncio.to_thread(worker.start)
                # a first query opens the store's files: paid here rather than by the first visitor
                await asyncio.to_thread(worker.run, "ASK { ?s ?p ?o }", timeout=max(self.limits.timeout, 60))
                self._all.append(worker)
                self._idle[lane].put_nowait(worker)

    async def stop(self) -> None:
        for worker in self._all:
            await asyncio.to_thread(worker.close)

    async def run(self, text: str, consume: Consumer[T], *, lane: str, max_rows: int) -> T:
        idle = self._idle[lane]
        try:
            worker = await asyncio.wait_for(idle.get(), self.limits.queue_timeout)
        except TimeoutError:
            raise ServerBusy(f"every query worker stayed busy for {self.limits.queue_timeout:g} s") from None
        def answered() -> T:
            answer = worker.run(text, timeout=self.limits.timeout, max_rows=max_rows,
                                allowed_service_hosts=self.limits.allowed_service_hosts)
            return consume(answer.result, answer.cut)

        running = asyncio.ensure_future(asyncio.to_thread(answered))
        # back to the idle queue only once its thread is done, even when the client has gone away
        # meanwhile (a worker stopped by the timeout or the cap starts again on its next query)
        running.add_done_callback(lambda _: idle.put_nowait(worker))
        return await asyncio.shield(running)
