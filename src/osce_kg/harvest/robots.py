"""robots.txt as RFC 9309 says to read it, with Protego (Scrapy's parser) doing the parsing.

A robots.txt that is missing (4xx) allows everything; one that cannot be fetched (5xx, network
error, too large) disallows everything until the next run, because the site may be in trouble
and its rules are unknown. Crawl-delay is honoured as a floor under the crawl's own delay.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

ROBOTS_AGENT = "osce-kg"
"""The product token that robots.txt groups are matched against."""


@dataclass
class RobotsRules:
    """The rules of one host."""

    parser: Protego | None
    allow_all: bool = False
    reason: str | None = None
    """Why everything is disallowed, when robots.txt could not be read."""

    @classmethod
    def from_response(cls, status: int | None, body: bytes, error: str | None = None) -> RobotsRules:
        if status == 200:
            return cls(Protego.parse(body.decode("utf-8", errors="replace")))
        if status is not None and 400 <= status < 500:
            return cls(None, allow_all=True)
        return cls(None, reason=f"robots.txt could not be read ({error or f'HTTP {status}'}): the host is not crawled")

    def allowed(self, url: str) -> bool:
        if self.allow_all:
            return True
        if self.parser is None:
            return False
        return bool(self.parser.can_fetch(url, ROBOTS_AGENT))

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        rate = self.parser.request_rate(ROBOTS_AGENT)
        per_request = rate.seconds / rate.requests if rate and rate.requests else None
        found = [float(d) for d in (delay, per_request) if d]
        return max(found) if found else None
