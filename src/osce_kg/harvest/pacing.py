"""Per-host pacing: at most `concurrency` requests in flight to a host, and `delay` seconds between them.

With one request in flight (the default), the delay runs from the end of one response to the start
of the next, so a slow server is never asked faster than it answers. With more, request starts are
at least `delay` apart. A host that asked us to wait (Retry-After, a robots.txt Crawl-delay) is
held for everyone, not only for the request that was told.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _Host:
    slots: threading.Semaphore
    delay: float
    next_start: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostPacer:
    """Turns to request each host, shared by the crawl's threads."""

    def __init__(self, delay: float, concurrency: int = 1, clock=time.monotonic, sleep=time.sleep) -> None:  # noqa: ANN001
        self.delay = delay
        self.concurrency = concurrency
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep
        self.waited = 0.0
        """Seconds spent waiting for turns, over all hosts (for the report)."""

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _Host(threading.Semaphore(self.concurrency), self.delay)
            return self._hosts[host]

    def slow_down(self, host: str, delay: float) -> None:
        """A longer delay for one host (its robots.txt Crawl-delay); never shorter than ours."""
        state = self._host(host)
        state.delay = max(state.delay, delay)

    def hold(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` from now (the server said Retry-After)."""
        state = self._host(host)
        with state.lock:
            state.next_start = max(state.next_start, self._clock() + seconds)

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Wait for a slot and for the host's delay; the request runs inside the block."""
        state = self._host(host)
        with state.slots:
            while True:
                with state.lock:
                    wait = state.next_start - self._clock()
                    if wait <= 0:
                        state.next_start = self._clock() + state.delay
                        break
                self.waited += wait
                self._sleep(wait)
            try:
                yield
            finally:
                if self.concurrency == 1:
                    with state.lock:
                        state.next_start = max(state.next_start, self._clock() + state.delay)
