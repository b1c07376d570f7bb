"""What a query on the local store may do: read it, nothing else.

The embedded engine would run an update (the store is opened read-only, but the message would be
a parser's) and would send a `SERVICE` clause's request to any host, from the analyst's machine
or from the server that runs `osce-kg serve`. Both are decided on the parsed query (rdflib's SPARQL
parser and algebra), never by matching the query text:

* `SERVICE` clauses are found in the algebra, with prefixed names resolved; a clause is allowed
  only when its IRI is a constant whose host (or host:port) is in the allow-list. Oxigraph reads
  no escape sequences in keywords (`\\u0053ERVICE` is a syntax error there), so a text without the
  letters "service" in any case has no such clause and skips the parse (10-30 ms for our queries,
  0.1 s to import the parser). Oxigraph does decode `\\uXXXX` inside IRIs, so the host is read
  after decoding them. A query that contains "service" but that rdflib cannot parse is refused:
  what cannot be checked is not run.
* An update is recognised when the engine's query parser rejects the text and rdflib's update
  parser accepts it.

Both read the text, whatever its origin: a bundled named query, a workspace's copy that its user
may have edited (osce-kg init), a file or standard input are checked alike. A query without the word
"service" that the engine parses loads neither, so a named query starts without rdflib (issue 13).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from osce_kg.errors import InputError

UPDATE_REFUSED = "updates are not allowed: use build or ingest"

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryRefused(InputError):
    """The query asks for something a local query may not do (an update, a SERVICE call)."""


@dataclass(frozen=True)
class ServiceCall:
    """A SERVICE clause: its IRI (None when it is a variable) and the host the engine would call."""

    iri: str | None
    host: str | None


_IRI_WITH_HASH = re.compile(r'<[^<>"{}|^`\\\s]*#[^<>"{}|^`\\\s]*>')


def _decoded(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _host_names(iri: str) -> set[str]:
    """The names under which an allow-list may mention the IRI's host: host, and host:port."""
    try:
        parts = urlsplit(iri)
        host, port = parts.hostname, parts.port
    except ValueError:
        return set()
    if not host:
        return set()
    names = {host.lower()}
    if port is not None:
        names.add(f"{host.lower()}:{port}")
    return names


def service_calls(query: str) -> list[ServiceCall]:
    """The SERVICE clauses of a query, read from its algebra; QueryRefused when the query mentions
    SERVICE but cannot be parsed to check it."""
    if "service" not in query.lower():
        return []
    # imported here: 0.1 s that queries without SERVICE never pay
    from rdflib.plugins.sparql.algebra import translateQuery, traverse
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    try:
        try:
            parsed = parseQuery(query)
        except Exception:  # noqa: BLE001 - retried once, below
            # rdflib's parser takes a '#' inside an IRI for a comment running to the end of the line
            # when a SERVICE follows on that line; a line break after such IRIs changes nothing else
            parsed = parseQuery(_IRI_WITH_HASH.sub(lambda m: m.group(0) + "\n", query))
        algebra = translateQuery(parsed).algebra
    except Exception as exc:  # noqa: BLE001 - any failure of the checker means "not checked"
        raise QueryRefused(
            "the query mentions SERVICE but could not be parsed to check which hosts it calls; "
            f"refused ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})"
        ) from None
    calls: list[ServiceCall] = []

    def visit(node: object) -> None:
        if getattr(node, "name", None) == "ServiceGraphPattern":
            term = node.get("term")  # type: ignore[attr-defined]
            if isinstance(term, Variable) or term is None:
                calls.append(ServiceCall(None, None))
            else:
                iri = _decoded(str(term))
                hosts = _host_names(iri)
                calls.append(ServiceCall(iri, min(hosts, key=len) if hosts else None))

    traverse(algebra, visit)
    return calls


def check_services(query: str, allowed_hosts: Iterable[str] = ()) -> None:
    """QueryRefused unless every SERVICE clause calls a host of the allow-list (names are compared
    without case; an entry may be host or host:port)."""
    allowed = {h.strip().lower() for h in allowed_hosts if h.strip()}
    for call in service_calls(query):
        if call.iri is None:
            raise QueryRefused("SERVICE with a variable is not allowed on the local store: name the endpoint's IRI")
        if not allowed or not (_host_names(call.iri) & allowed):
            how = f"allowed hosts: {', '.join(sorted(allowed))}" if allowed else "no host is allowed"
            raise QueryRefused(
                f"SERVICE calls are not made from the local store ({how}); "
                "allow one with --allow-service HOST",
                value=call.iri,
            )


def is_update(text: str) -> bool:
    """Whether rdflib's SPARQL update parser reads the text as an update (used once the engine's
    query parser has rejected it, to say why)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except Exception:  # noqa: BLE001 - not an update, whatever the parser disliked
        return False
    return bool(parsed.get("request"))
