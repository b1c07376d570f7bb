"""Text renderings and HTML become the same blocks, so one extractor reads both."""

from __future__ import annotations

import pytest
from tests.pages_support import GOOD_PAGES

from osce_kg.parse.blocks import text_blocks
from osce_kg.parse.html import html_blocks

PAIRS = sorted(GOOD_PAGES.glob("*.txt"))


def test_text_rendering_conventions():
    blocks = text_blocks("-\nFields of work\n- Arms control\n\nPress release\n-   Date:  \n")
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("group", "", 1), ("text", "Fields of work", 2), ("item", "Arms control", 3),
        ("text", "Press release", 5), ("item", "Date:", 6),
    ]
    # non-breaking and thin spaces are spaces: an item and a group marker written with them
    assert [(b.kind, b.text) for b in text_blocks("Rule\xa0of\u2009law\n-\xa0\xa0Policing\n\xa0-\xa0\n")] == [
        ("text", "Rule of law"), ("item", "Policing"), ("group", "")]


def test_html_lists_headings_and_inline_markup():
    page = html_blocks("""<html lang="de"><head><link rel="canonical" href="https://www.osce.org/de/node/1">
        <script>ignored()</script></head><body><nav><ul><li><span>Countries</span><ul><li><a>Albania</a></li></ul></li></ul></nav>
        <h1>A&nbsp;title</h1><p><strong>VIENNA, 1 May 2010</strong> - The <a href="x">OSCE</a><br>next line</p>
        <footer><p>Copyright</p></footer></body></html>""")
    assert [(b.kind, b.text) for b in page.blocks] == [
        ("group", ""), ("text", "Countries"), ("item", "Albania"), ("text", "A title"),
        ("text", "VIENNA, 1 May 2010 - The OSCE"), ("text", "next line"),
    ]
    assert page.canonical_url == "https://www.osce.org/de/node/1"
    assert page.language == "de"
    assert all(b.line > 0 for b in page.blocks)


@pytest.mark.parametrize("text_page", PAIRS, ids=[p.stem for p in PAIRS])
def test_html_version_gives_the_same_blocks_as_the_text(text_page):
    html_page = text_page.with_suffix(".html")
    from_text = [(b.kind, b.text) for b in text_blocks(text_page.read_text(encoding="utf-8"))]
    from_html = [(b.kind, b.text) for b in html_blocks(html_page.read_text(encoding="utf-8")).blocks]
    assert from_html == from_text


def test_the_declared_language_of_html_and_xhtml():
    assert html_blocks('<html lang=" DE-AT "><body><p>Text</p></body></html>').language == "de-at"
    # an XHTML page may declare its language only as xml:lang
    xhtml = '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="sq"><body><p>Teksti</p></body></html>'
    assert html_blocks(xhtml).language == "sq"
    assert html_blocks("<html><body><p>Text</p></body></html>").language is None


def test_the_page_url_from_the_canonical_link_else_og_url():
    both = html_blocks("""<html><head><meta property="OG:URL" content=" https://www.osce.org/sq/presence-in-albania/7 ">
        <link rel="stylesheet" href="/style.css"><link rel="Canonical"><link rel="CANONICAL" href=" https://www.osce.org/sq/node/7 ">
        </head><body><p>Text</p></body></html>""")
    assert both.canonical_url == "https://www.osce.org/sq/node/7"
    assert both.urls == ["https://www.osce.org/sq/node/7", "https://www.osce.org/sq/presence-in-albania/7"]
    og_only = html_blocks("""<html><head><meta property="og:title" content="A title"><meta property="og:url">
        <meta property="og:url" content="https://www.osce.org/node/8"></head><body><p>Text</p></body></html>""")
    assert og_only.canonical_url == "https://www.osce.org/node/8"
    assert og_only.urls == ["https://www.osce.org/node/8", "https://www.osce.org/node/8"]
    assert html_blocks("<html><body><p>Text</p></body></html>").urls == []


def test_text_around_scripts_comments_and_line_breaks_is_kept_in_place():
    page = html_blocks("""<html><body>
<p>TIRANA, 3 May 2010 -<script>track()</script> The Presence<!-- a note --> opened<br>
a <b>new</b> office.</p>
<ul><li></li><li> Policing </li>
<li><div>Fields of work</div><ul><li>Rule of law</li></ul></li></ul>
</body></html>""")
    assert [(b.kind, b.text) for b in page.blocks] == [
        ("text", "TIRANA, 3 May 2010 - The Presence opened"), ("text", "a new office."),
        ("item", "Policing"), ("group", ""), ("text", "Fields of work"), ("item", "Rule of law"),
    ]
    # the line a warning names: where the paragraph, the item, the list item holding a block start
    assert [page.blocks[i].line for i in (0, 2, 3)] == [2, 4, 5]


def test_a_fragment_without_body_is_read_whole():
    assert [(b.kind, b.text) for b in html_blocks("<div>VIENNA, 3 May 2010 - <i>Text</i> here.</div>").blocks] == [
        ("text", "VIENNA, 3 May 2010 - Text here.")]
    assert html_blocks("").blocks == []


def test_nested_inline_markup_is_one_run_of_text():
    page = html_blocks('<p>The <a href="/x">OSCE <b>Mission</b> to Skopje</a> opened <span><i>an</i> office</span>.</p>')
    assert [b.text for b in page.blocks] == ["The OSCE Mission to Skopje opened an office."]


def test_only_link_and_meta_elements_give_the_page_url():
    page = html_blocks("""<html><head></head><body><p>See <a rel="canonical" href="https://www.osce.org/node/2">the
        original</a> and <span property="og:url" content="https://www.osce.org/node/3">this</span>.</p></body></html>""")
    assert page.canonical_url is None and page.urls == []


def test_a_page_of_only_a_head_has_no_blocks():
    assert html_blocks("<html><head><title>OSCE</title></head></html>").blocks == []


def test_each_block_has_the_line_it_starts_on():
    """The line a warning names: where a run of text starts, not where its paragraph or an inline tag is."""
    page = html_blocks("""<div>VIENNA, 3 May 2010 - The
<b>OSCE</b> opened<br>
an office.<ul>
<li>Policing</li>
</ul><b>After</b> the list
<p>A paragraph</p>
Tail text</div>""")
    assert [b.text for b in page.blocks] == [
        "VIENNA, 3 May 2010 - The OSCE opened", "an office.", "Policing", "After the list", "A paragraph", "Tail text"]
    lines = [b.line for b in page.blocks]
    assert lines[0] == 1, "the paragraph starts on line 1, its bold word on line 2"
    assert lines[1] in (2, 3), "after the break on line 2"
    assert lines[2] == 4
    assert lines[3] == 5, "the run after the list starts where the list ends"
    assert lines[4] == 6
    assert lines[5] in (6, 7), "after the paragraph"
