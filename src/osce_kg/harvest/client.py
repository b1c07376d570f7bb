"""One polite HTTP client for the whole crawl (httpx underneath).

Every request goes through here: robots.txt is read once per host and obeyed, the host's pacing
(pacing.HostPacer) is waited for, the User-Agent names osce-kg, its version and the operator's
contact, connect and read timeouts and a total deadline bound each request, a response larger
than `max_bytes` is abandoned, 429 and 5xx are retried with doubling back-off or the server's
Retry-After, and redirects are followed one hop at a time, only to allowed hosts, each hop
paced and checked against robots.txt like any request. Every response received is handed to
`record` (the WARC archive) before anything else is done with it.
"""

from __future__ import annotations

import email.utils
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from osce_kg import __version__
from osce_kg.harvest.archive import Exchange, Written
from osce_kg.harvest.pacing import HostPacer
from osce_kg.harvest.robots import RobotsRules

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


@dataclass
class Politeness:
    """The crawl's manners, from the command line."""

    delay: float = 1.0
    concurrency: int = 1
    contact: str | None = None
    timeout: float = 30.0
    connect_timeout: float = 10.0
    retries: int = 3
    backoff: float = 5.0
    """First wait before a retry when the server gives no Retry-After; it doubles each time."""
    max_wait: float = 600.0
    """Longest Retry-After obeyed; a server asking for more fails the URL for this run."""
    max_bytes: int = 20_000_000

    def user_agent(self) -> str:
        contact = f"; {self.contact}" if self.contact else ""
        return f"osce-kg/{__version__} (+https://w3id.org/osce-kg/{contact})"


@dataclass
class Fetched:
    """What came of asking for one URL: the last response (after redirects and retries), or why none."""

    url: str
    final_url: str
    outcome: str
    """ok, not-modified, gone, robots, off-site, failed"""
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    """Decoded (no Content-Encoding)."""
    reason: str | None = None
    written: Written | None = None
    """The final response's WARC record."""
    retries: int = 0


Recorder = Callable[[Exchange, str], Written]
"""Archives an exchange durably (with its purpose: page, sitemap, listing, robots)."""


class Fetcher:
    """The crawl's HTTP client; thread-safe (one httpx client, per-host locks in the pacer)."""

    def __init__(self, politeness: Politeness, allowed_hosts: set[str], record: Recorder,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.politeness = politeness
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.record = record
        self.pacer = HostPacer(politeness.delay, politeness.concurrency)
        self.client = httpx.Client(
            headers={"User-Agent": politeness.user_agent(), "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(politeness.timeout, connect=politeness.connect_timeout),
            follow_redirects=False, transport=transport)
        self.robots: dict[str, RobotsRules] = {}
        self._robots_lock = threading.Lock()
        self.requests = 0
        """Requests sent, answered or not (for the report)."""
        self._count_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def host_allowed(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return host in self.allowed_hosts or host.removeprefix("www.") in self.allowed_hosts

    def rules(self, url: str) -> RobotsRules:
        """The robots.txt rules of the URL's host, fetched on first use (and archived)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin not in self.robots:
                got = self._get(origin + "/robots.txt", "robots", {}, robots=False)
                rules = RobotsRules.from_response(got.status if got.outcome != "failed" else None, got.body, got.reason)
                if (delay := rules.crawl_delay()) is not None:
                    self.pacer.slow_down(parts.netloc, delay)
                    self.pacer.hold(parts.netloc, delay)
                self.robots[origin] = rules
            return self.robots[origin]

    def get(self, url: str, purpose: str, conditional: dict[str, str] | None = None) -> Fetched:
        """GET a URL politely (see the module docstring); never raises for the URL's own failures."""
        return self._get(url, purpose, conditional or {}, robots=True)

    def _get(self, url: str, purpose: str, conditional: dict[str, str], *, robots: bool) -> Fetched:
        result = Fetched(url, url, "failed")
        current = url
        attempt = 0
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.host_allowed(current):
                return _end(result, "off-site", f"redirect to {urlsplit(current).hostname}, which is not an allowed host")
            if robots:
                rules = self.rules(current)
                if not rules.allowed(current):
                    return _end(result, "robots", rules.reason or "disallowed by robots.txt")
            while True:
                exchange, error, transient = self._request(current, conditional)
                result.final_url = current
                if exchange is None:
                    if transient and attempt < self.politeness.retries:
                        attempt += 1
                        result.retries += 1
                        self.pacer.hold(_host(current), self.politeness.backoff * 2 ** (attempt - 1))
                        continue
                    return _end(result, "failed", error)
                written = self.record(exchange, purpose)
                result.written, result.status = written, exchange.status
                result.headers = {k.lower(): v for k, v in exchange.response_headers}
                if exchange.status in RETRY_STATUSES:
                    wait = retry_after(result.headers.get("retry-after"), self.politeness.backoff * 2 ** attempt)
                    if attempt >= self.politeness.retries:
                        return _end(result, "failed", f"HTTP {exchange.status} after {attempt + 1} attempts")
                    if wait > self.politeness.max_wait:
                        return _end(result, "failed", f"HTTP {exchange.status}: Retry-After {wait:.0f} s is longer than "
                                                      f"--max-wait {self.politeness.max_wait:.0f} s")
                    attempt += 1
                    result.retries += 1
                    self.pacer.hold(_host(current), wait)
                    continue
                break
            if exchange.status in REDIRECTS and "location" in result.headers:
                current = urljoin(current, result.headers["location"])
                conditional = {}
                continue
            return self._finish(result, exchange)
        return _end(result, "failed", f"more than {MAX_REDIRECTS} redirects")

    def _finish(self, result: Fetched, exchange: Exchange) -> Fetched:
        status = exchange.status
        if status == 304:
            return _end(result, "not-modified", None)
        if status in (404, 410):
            return _end(result, "gone", f"HTTP {status}")
        if status != 200:
            return _end(result, "failed", f"HTTP {status} {exchange.reason}".strip())
        try:
            result.body = decoded(exchange.body, result.headers.get("content-encoding", ""), self.politeness.max_bytes)
        except ValueError as error:
            return _end(result, "failed", str(error))
        return _end(result, "ok", None)

    def _request(self, url: str, conditional: dict[str, str]) -> tuple[Exchange | None, str, bool]:
        """One paced GET; the exchange as sent and received, or None, why, and whether trying
        again may help (a timeout or a network error; not a response over the size cap)."""
        limit = self.politeness.max_bytes
        deadline = 4 * self.politeness.timeout
        with self.pacer.turn(_host(url)):
            with self._count_lock:
                self.requests += 1
            started = datetime.now(UTC)
            clock = time.monotonic()
            try:
                with self.client.stream("GET", url, headers=conditional) as response:
                    length = response.headers.get("content-length")
                    if length and length.isdigit() and int(length) > limit:
                        return None, f"response of {int(length):,} bytes is larger than the cap of {limit:,} bytes", False
                    chunks, size = [], 0
                    for chunk in response.iter_raw():
                        size += len(chunk)
                        if size > limit:
                            return None, f"response larger than the cap of {limit:,} bytes", False
                        if time.monotonic() - clock > deadline:
                            return None, f"response took longer than {deadline:.0f} s", True
                        chunks.append(chunk)
                    # the body is stored de-chunked, so the header that announced chunks is not kept
                    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "transfer-encoding"]
                    return Exchange(url, list(response.request.headers.multi_items()), response.status_code,
                                    response.reason_phrase, headers, b"".join(chunks), started,
                                    response.http_version, _peer(response)), "", False
            except httpx.TimeoutException as error:
                return None, f"timeout ({type(error).__name__}: no answer within {self.politeness.timeout:g} s)", True
            except httpx.HTTPError as error:
                return None, f"{type(error).__name__}: {error}", True


def _end(result: Fetched, outcome: str, reason: str | None) -> Fetched:
    result.outcome, result.reason = outcome, reason
    return result


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _peer(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    try:
        address = stream.get_extra_info("server_addr") if stream is not None else None
    except Exception:  # noqa: BLE001 - the address is a nicety of the WARC record, never worth a failure
        return None
    return str(address[0]) if address else None


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else `default`."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def decoded(body: bytes, encoding: str, limit: int) -> bytes:
    """The body without its Content-Encoding (gzip, deflate), at most `limit` bytes once inflated."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    return inflate(body, limit, 47 if encoding != "deflate" else 15)


def inflate(data: bytes, limit: int, wbits: int = 47) -> bytes:
    """Decompress gzip/zlib data, refusing more than `limit` bytes of output (a decompression bomb)."""
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise ValueError(f"corrupt compressed body: {error}") from error
    if len(out) > limit:
        raise ValueError(f"body inflates to more than the cap of {limit:,} bytes")
    return out
