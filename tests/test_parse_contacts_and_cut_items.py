"""Round 4c of the page reader: contact blocks, a listing's item cut before its metadata, and the
States that `Location:` and `Where we are:` values name (fixtures rc01-rc04 check the facts)."""

from __future__ import annotations

from osce_kg.parse.blocks import text_blocks
from osce_kg.parse.layouts import split_page

RELEASE = """Newsroom
A title
SKOPJE 12 April 2001
SKOPJE, 10 April 2001 - Text of the release.
Contacts
Ana Novak
Spokesperson
1010 Vienna, Austria
Related content
Another story in Moldova
"""

LISTING = """Newsroom
News and press releases
First item
Publishing date: 14 May 2003
Where we are: OSCE Mission to Croatia
ZAGREB, 14 May 2003 - Lead one ...
Second item
Publishing date: 15 May 2003
Where we are: OSCE Mission to Croatia
ZAGREB, 15 May 2003 - Lead two ...
"""


def test_a_contact_block_is_kept_apart_from_the_body_up_to_the_next_footer_line() -> None:
    [doc], _ = split_page(text_blocks(RELEASE), "C")
    assert [b.text for b in doc.paragraphs] == ["SKOPJE, 10 April 2001 - Text of the release."]
    assert [b.text for b in doc.contacts] == ["Contacts", "Ana Novak", "Spokesperson", "1010 Vienna, Austria"]


def test_a_please_contact_line_opens_a_contact_block() -> None:
    text = RELEASE.replace("Contacts\n", "For further information, please contact Ana Novak, Spokesperson.\n")
    [doc], _ = split_page(text_blocks(text), "C")
    assert doc.contacts[0].text.startswith("For further information, please contact Ana Novak")
    assert len(doc.paragraphs) == 1

