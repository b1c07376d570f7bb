"""HTML -> the same blocks as a text rendering, so there is one extractor and not two.

lxml is used (not selectolax) because it reports the source line of every element, which the
error messages need. Block-level elements become text blocks, `<li>` elements become items, and an
`<li>` that holds nested blocks becomes a group marker followed by its content, exactly as the
text renderings write it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from osce_kg.parse.blocks import Block, normalise_space

_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "form", "button", "footer"}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "blockquote",
    "pre", "figure", "figcaption", "address", "body",
}


@dataclass
class HtmlPage:
    """The blocks of an HTML page plus what only HTML carries: canonical URL and language."""

    blocks: list[Block]
    canonical_url: str | None = None
    language: str | None = None
    urls: list[str] = field(default_factory=list)


def html_blocks(text: str) -> HtmlPage:
    """Parse HTML text into blocks, reading the canonical link, og:url and the html lang."""
    try:
        root = lxml.html.document_fromstring(text)
    except etree.ParserError:  # markup that parses to nothing: the reader says "no readable text"
        return HtmlPage(blocks=[])
    page = HtmlPage(blocks=[])
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            page.canonical_url = link.get("href").strip()
    for meta in root.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            page.urls.append(meta.get("content").strip())
            page.canonical_url = page.canonical_url or meta.get("content").strip()
    if page.canonical_url:
        page.urls.insert(0, page.canonical_url)
    # the HTML parser keeps an XHTML page's `xml:lang` as a plain attribute of that name
    lang = root.get("lang") or root.get("xml:lang")
    page.language = lang.strip().lower() if lang else None
    _walk(root, page.blocks)  # the head is skipped like a script: only the body gives blocks
    return page


def _is_block(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() in _BLOCK


def _walk(el: etree._Element, out: list[Block]) -> None:
    """Emit the blocks of `el`'s children; inline runs between block children become text blocks."""
    run: list[str] = []
    run_line = el.sourceline or 0

    def flush() -> None:
        text = normalise_space("".join(run))
        if text:
            out.append(Block("text", text, run_line))
        run.clear()

    if el.text:
        run.append(el.text)
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _SKIP or not isinstance(child.tag, str):
            if child.tail:
                run.append(child.tail)
            continue
        if tag == "br":
            flush()
            run_line = child.sourceline or run_line
        elif _is_block(child):
            flush()
            if tag == "li":
                _emit_item(child, out)
            else:
                _walk(child, out)
            run_line = child.sourceline or run_line
        else:
            if not run:
                run_line = child.sourceline or run_line
            run.append(_inline_text(child))
        if child.tail:
            run.append(child.tail)
    flush()


def _inline_text(el: etree._Element) -> str:
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _emit_item(li: etree._Element, out: list[Block]) -> None:
    if any(_is_block(c) for c in li):
        out.append(Block("group", "", li.sourceline or 0))
        _walk(li, out)
    else:
        text = normalise_space(_inline_text(li))
        if text:
            out.append(Block("item", text, li.sourceline or 0))
