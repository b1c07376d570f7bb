"""Just enough of the SPARQL grammar's lexer to find where a query's WHERE group opens and
where its solution modifiers start, skipping comments, strings and IRIs.

Parameters are bound by inserting a VALUES block of validated terms at the start of the
top-level WHERE group (the same text works for the embedded store and for any remote endpoint),
and --limit by rewriting the top-level LIMIT; both need those two positions and nothing more.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from osce_kg.errors import InputError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<long_string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<string>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<word>[?$]?[A-Za-z_][\w\-.]*:?[\w\-.:%]*)
  | (?P<number>\d+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int


def tokens(query: str) -> list[Token]:
    """The query's tokens with the brace depth at which each starts (comments dropped)."""
    return list(_tokens(query))


@lru_cache(maxsize=128)
def _tokens(query: str) -> tuple[Token, ...]:
    """tokens(), kept for the texts seen last: a named query is bound from the same text each time."""
    out: list[Token] = []
    depth = 0
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind == "comment" or (kind == "other" and m.group().isspace()):
            continue
        if kind == "close":
            depth -= 1
        out.append(Token(kind, m.group(), m.start(), m.end(), depth))
        if kind == "open":
            depth += 1
    if depth != 0:
        raise InputError("unbalanced braces in the query", value=f"{depth:+d} unclosed")
    return tuple(out)


def _is_keyword(tok: Token, word: str) -> bool:
    return tok.kind == "word" and tok.text.upper() == word


def query_form(query: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first query-form keyword at the top level."""
    for tok in _tokens(query):
        if tok.depth == 0 and tok.kind == "word" and tok.text.upper() in {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}:
            return tok.text.upper()
    raise InputError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK found")


def where_group_start(query: str) -> int:
    """The offset just after the '{' that opens the top-level WHERE group."""
    toks = _tokens(query)
    form = query_form(query)
    after_where = False
    seen_form = False
    for tok in toks:
        if tok.depth != 0:
            continue
        if tok.kind == "word" and tok.text.upper() == form:
            seen_form = True
        elif _is_keyword(tok, "WHERE"):
            after_where = True
        elif tok.kind == "open" and seen_form and (after_where or form != "CONSTRUCT"):
            return tok.end
    raise InputError("cannot find the query's WHERE group", value=query[:80])


def solution_modifiers_start(query: str) -> int:
    """The offset just after the '}' that closes the top-level WHERE group."""
    closes = [t for t in _tokens(query) if t.kind == "close" and t.depth == 0]
    if not closes:
        raise InputError("cannot find the end of the query's WHERE group", value=query[:80])
    return closes[-1].end


def with_limit(query: str, limit: int) -> str:
    """The query with a top-level LIMIT of at most `limit` (an existing smaller LIMIT is kept)."""
    tail_at = solution_modifiers_start(query)
    toks = [t for t in _tokens(query) if t.start >= tail_at]
    for keyword, number in itertools.pairwise(toks):
        if _is_keyword(keyword, "LIMIT") and number.text.isdigit():
            kept = min(int(number.text), limit)
            return f"{query[: keyword.start]}LIMIT {kept}{query[number.end:]}"
    return query.rstrip() + f"\nLIMIT {limit}\n"
