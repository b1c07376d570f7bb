"""Which format to answer in: the `format` parameter first, then the Accept header (with q-values),
then the protocol's defaults (SPARQL JSON for tables, Turtle for graphs, HTML for people)."""

from __future__ import annotations

from osce_kg.serve.answers import GRAPH_FORMATS, RESULT_FORMATS

ALIASES: dict[str, str] = {
    "json": "json", "srj": "json", "application/sparql-results+json": "json", "application/json": "json",
    "xml": "xml", "srx": "xml", "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "csv": "csv", "text/csv": "csv",
    "tsv": "tsv", "text/tab-separated-values": "tsv",
    "turtle": "turtle", "ttl": "turtle", "text/turtle": "turtle", "application/x-turtle": "turtle",
    "jsonld": "jsonld", "json-ld": "jsonld", "application/ld+json": "jsonld",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt", "application/n-triples": "nt", "text/plain": "nt",
    "html": "html", "text/html": "html", "application/xhtml+xml": "html",
}
"""Names and media types a client may use, to our format names."""


class NotAcceptable(ValueError):
    """No format the client accepts fits the answer; the message lists those that do."""


def accepted(header: str | None) -> list[str]:
    """The media ranges of an Accept header, most preferred first (q=0 dropped, order kept on ties)."""
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, position, media.lower()))
    return [media for _, _, media in sorted(ranges)]


def choose(offered: list[str], format_param: str | None, accept: str | None) -> str:
    """The first of `offered` (format names, default first) the client asked for."""
    if format_param:
        name = ALIASES.get(format_param.strip().lower())
        if name not in offered:
            raise NotAcceptable(f"format {format_param!r} does not fit this answer; use one of {', '.join(offered)}")
        return name
    ranges = accepted(accept)
    if not ranges:
        return offered[0]
    for media in ranges:
        if media in ("*/*", "application/*", "text/*"):
            kinds = offered if media == "*/*" else [o for o in offered if _media(o).startswith(media[:-1])]
            if kinds:
                return kinds[0]
            continue
        name = ALIASES.get(media)
        if name in offered:
            return name
    raise NotAcceptable(f"none of the accepted types ({accept}) fits this answer; it can be {', '.join(_media(o) for o in offered)}")


def _media(name: str) -> str:
    if name == "html":
        return "text/html"
    media = RESULT_FORMATS[name] if name in RESULT_FORMATS else GRAPH_FORMATS[name][0]
    return media.split(";")[0]


SELECT_OFFER = list(RESULT_FORMATS)
GRAPH_OFFER = list(GRAPH_FORMATS)
