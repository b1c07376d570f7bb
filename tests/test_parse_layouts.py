"""Layout detection from blocks, and cutting a page into documents."""

from __future__ import annotations

from osce_kg.parse.blocks import text_blocks
from osce_kg.parse.layouts import detect_layout, read_menu, split_page

A = """-
Participating States
- Albania
- Finland – OSCE Chairpersonship 2025
Press release
Title of the release
- Date:
- Place:
- VIENNA
- Source:
- OSCE Secretariat
- Fields of work:
- Rule of law, Policing
VIENNA, 12 December 2007 - Text of the release.
"""
B = """Newsroom
News and press releases
First item
Publishing date: 14 May 2003
What we do: Policing
ZAGREB, 14 May 2003 - Lead one ...
Second item
Publishing date: 15 May 2003
Location(s): Croatia
ZAGREB, 15 May 2003 - Lead two ...
"""
C = "Newsroom\nA title\nSKOPJE 12 April 2001\nSKOPJE, 10 April 2001 - Text.\nMore.\nMore.\nFor further information contact:\nPress office\n"
D = "A title\nVIENNA, 12 January 2006 - Text.\n"
E = "Skip Links\nStory\nA title\nDate:\nSource:\nOSCE Office for Democratic Institutions and Human Rights\nWARSAW, 1 May 2016 - Text.\n"


def test_each_layout_is_recognised():
    assert {name: detect_layout(text_blocks(text)) for name, text in zip("ABCDE", (A, B, C, D, E), strict=True)} == {
        "A": "A", "B": "B", "C": "C", "D": "D", "E": "E"}
    assert detect_layout(text_blocks("Welcome\nPlease log in.\n")) is None
    assert detect_layout(text_blocks("")) is None


def test_article_parts_and_menu():
    [doc], menu = split_page(text_blocks(A), "A")
    assert doc.content_type == "Press release" and doc.title == "Title of the release"
    assert doc.meta == {"date": [], "place": ["VIENNA"], "source": ["OSCE Secretariat"], "fields of work": ["Rule of law, Policing"]}
    assert [b.text for b in doc.paragraphs] == ["VIENNA, 12 December 2007 - Text of the release."]
    assert [(s.title, s.entries) for s in menu] == [("Participating States", ["Albania", "Finland – OSCE Chairpersonship 2025"])]
    assert read_menu(text_blocks(D)) == []


def test_listing_items_are_documents():
    docs, _ = split_page(text_blocks(B), "B")
    assert [(d.title, d.meta) for d in docs] == [
        ("First item", {"publishing date": ["14 May 2003"], "what we do": ["Policing"]}),
        ("Second item", {"publishing date": ["15 May 2003"], "location(s)": ["Croatia"]}),
    ]
    assert [[b.text for b in d.paragraphs] for d in docs] == [["ZAGREB, 14 May 2003 - Lead one ..."], ["ZAGREB, 15 May 2003 - Lead two ..."]]


def test_newsroom_header_and_boilerplate():
    [doc], _ = split_page(text_blocks(C), "C")
    assert doc.title == "A title" and doc.header is not None and doc.header.text == "SKOPJE 12 April 2001"
    assert [b.text for b in doc.paragraphs] == ["SKOPJE, 10 April 2001 - Text.", "More."], "the repeated paragraph and the contact block are dropped"


def test_forcing_a_layout_on_a_page_it_does_not_detect():
    blocks = text_blocks("-\nA title\nVIENNA, 3 May 2010 - Text.\n")
    assert detect_layout(blocks) is None
    [doc], _ = split_page(blocks, "D")
    assert doc.title == "A title" and doc.paragraphs[0].text.startswith("VIENNA")
