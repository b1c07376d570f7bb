"""Run a bound query on any SPARQL 1.1 endpoint through SPARQLWrapper.

Answers come back as SPARQL JSON (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE) and are parsed
into the same objects as local answers, so every output format and every comparison works the
same on both sides. Credentials come only from the environment (OSCE_KG_ENDPOINT_USER,
OSCE_KG_ENDPOINT_PASSWORD, OSCE_KG_ENDPOINT_AUTH=basic|digest, OSCE_KG_ENDPOINT_REALM for digest,
default "SPARQL") so they never appear in a shell history or a process list.
"""

from __future__ import annotations

import os
import re
import urllib.error
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import pyoxigraph as ox

from osce_kg.query.results import QueryResult, Solutions
from osce_kg.query.sparql_text import query_form

if TYPE_CHECKING:
    from SPARQLWrapper import SPARQLWrapper

GET_LIMIT = 2000
"""Queries whose GET URL would be longer than this go by POST (servers cap URL length)."""


_REFUSALS = {
    "QueryBadFormed": "HTTP 400, the endpoint says the query is malformed",
    "Unauthorized": "HTTP 401, credentials missing or wrong (set OSCE_KG_ENDPOINT_USER and OSCE_KG_ENDPOINT_PASSWORD)",
    "EndPointNotFound": "HTTP 404, no SPARQL endpoint at this URL",
    "URITooLong": "HTTP 414, the query is too long for a GET request",
    "EndPointInternalError": "HTTP 500, the endpoint failed while answering",
}
"""SPARQLWrapper's exceptions, said the way an analyst can act on."""


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def redact(text: str) -> str:
    """The text with the user:password part of every URL in it removed."""
    return _USERINFO.sub(r"\1", text)


def split_credentials(url: str) -> tuple[str, Credentials | None]:
    """A URL without its user:password part, and those credentials (HTTP basic) if it had them."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    netloc = parts.netloc.rsplit("@", 1)[1]
    creds = Credentials(unquote(parts.username), unquote(parts.password or ""))
    return urlunsplit(parts._replace(netloc=netloc)), creds


class EndpointError(Exception):
    """The endpoint could not be reached or refused the request; the message says which and why."""


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    scheme: str = "basic"
    realm: str = "SPARQL"

    @classmethod
    def from_env(cls) -> Credentials | None:
        user = os.environ.get("OSCE_KG_ENDPOINT_USER")
        if not user:
            return None
        scheme = os.environ.get("OSCE_KG_ENDPOINT_AUTH", "basic").lower()
        if scheme not in ("basic", "digest"):
            raise EndpointError(f"OSCE_KG_ENDPOINT_AUTH must be 'basic' or 'digest', not {scheme!r}")
        realm = os.environ.get("OSCE_KG_ENDPOINT_REALM", "SPARQL")
        return cls(user, os.environ.get("OSCE_KG_ENDPOINT_PASSWORD", ""), scheme, realm)


def brief(body: object, limit: int = 400) -> str:
    """A server's error body on one line, cut to a readable length."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def run_remote(endpoint: str, query: str, *, timeout: float = 60.0, credentials: Credentials | None = None) -> QueryResult:
    """The answer of a bound query from a remote endpoint; EndpointError with a clear message otherwise.
    Credentials written into the URL are used (when none are given) and never printed."""
    # imported here: only a query sent to an endpoint needs the client (and urllib.request, 7 ms),
    # not the embedded store's
    import urllib.request

    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper

    form = query_form(query)
    endpoint, in_url = split_credentials(endpoint)
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setTimeout(int(max(1, timeout)))
    client.setReturnFormat(TURTLE if form in ("CONSTRUCT", "DESCRIBE") else JSON)
    if len(endpoint) + len(quote(query)) > GET_LIMIT:
        client.setMethod(POST)
    creds = credentials or Credentials.from_env() or in_url
    if creds:
        client.setHTTPAuth(DIGEST if creds.scheme == "digest" else BASIC)
        client.setCredentials(creds.user, creds.password, realm=creds.realm)
    try:
        return _ask(client, endpoint, form, timeout)
    finally:
        if creds and creds.scheme == "digest":
            # SPARQLWrapper installs a process-wide urllib opener for digest auth: do not let the
            # credentials ride along on later, unrelated requests
            urllib.request.install_opener(None)


def _ask(client: SPARQLWrapper, endpoint: str, form: str, timeout: float) -> QueryResult:
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    try:
        response = client.query().response
        body = response.read()
        content_type = response.headers.get("Content-Type", "")
    except SPARQLWrapperException as exc:
        what = _REFUSALS.get(type(exc).__name__, type(exc).__name__)
        detail = exc.args[0] if exc.args else exc
        raise EndpointError(f"{endpoint}: {what}: {brief(detail)}") from None
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"{endpoint} answered HTTP {exc.code} {exc.reason}: {brief(exc.read())}") from None
    except urllib.error.URLError as exc:
        raise EndpointError(f"cannot reach {endpoint}: {exc.reason}") from None
    except TimeoutError:
        raise EndpointError(f"{endpoint} did not answer within {timeout:g} s") from None
    except ValueError as exc:
        raise EndpointError(f"not a usable endpoint URL {endpoint!r}: {exc}") from None
    return _parse(body, content_type, form, endpoint)


def _parse(body: bytes, content_type: str, form: str, endpoint: str) -> QueryResult:
    try:
        if form in ("CONSTRUCT", "DESCRIBE"):
            from rdflib import Graph  # only a graph answer needs rdflib

            g = Graph()
            fmt = "json-ld" if "json" in content_type else "nt" if "n-triples" in content_type else "turtle"
            g.parse(data=body.decode("utf-8"), format=fmt)
            return g
        parsed = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(f"{endpoint} sent an answer that is not valid {content_type or 'SPARQL results'}: {exc}; first bytes: {brief(body, 200)}") from None
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    return Solutions.from_ox(parsed, again=lambda: cast(ox.QuerySolutions, ox.parse_query_results(body, ox.QueryResultsFormat.JSON)))
