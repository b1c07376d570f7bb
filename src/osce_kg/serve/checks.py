"""What the server refuses before a query runs: updates (the store is read-only) and SERVICE calls
to hosts it was not told to trust (a query must not make the server fetch from anywhere).

Both are read off the query's tokens (query.sparql_text), so strings, IRIs and comments that
merely contain the words do not count. Malformed queries are left to the engine, whose message
says where the error is.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

from osce_kg.query.sparql_text import tokens

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_QUERY_KEYWORDS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})


class Refused(Exception):
    """A query the server will not run; the message says why and what to do instead."""


def refuse_if_forbidden(query: str, allowed_service_hosts: Collection[str] = ()) -> None:
    """Raise Refused for an update, or for a SERVICE whose host is not in `allowed_service_hosts`."""
    try:
        toks = tokens(query)
    except Exception:  # noqa: BLE001 - unbalanced braces etc.: the engine reports the syntax error
        return
    for tok in toks:
        if tok.depth == 0 and tok.kind == "word":
            word = tok.text.upper()
            if word in _QUERY_KEYWORDS:
                break
            if word in UPDATE_KEYWORDS:
                raise Refused(f"updates are not allowed ({word}): this endpoint is read-only; change the graph with 'osce-kg build' or 'osce-kg ingest'")
    for tok, after in zip(toks, [*toks[1:], None], strict=False):
        if tok.kind != "word" or tok.text.upper() != "SERVICE":
            continue
        target = after
        if target is not None and target.kind == "word" and target.text.upper() == "SILENT":
            target = toks[toks.index(target) + 1] if toks.index(target) + 1 < len(toks) else None
        if target is None or target.kind != "iri":
            raise Refused("SERVICE with a variable or prefixed name is not allowed: name the endpoint as a full <IRI> on an allowed host")
        host = urlsplit(target.text[1:-1]).hostname or ""
        if host.lower() not in {h.lower() for h in allowed_service_hosts}:
            hint = f" (allowed: {', '.join(sorted(allowed_service_hosts))})" if allowed_service_hosts else " (the server was started without --allow-service)"
            raise Refused(f"SERVICE calls to {host or target.text} are not allowed{hint}")
