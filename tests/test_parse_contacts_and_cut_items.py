"""Round 4c of the page reader: contact blocks, a listing's item cut before its metadata, and the
States that `Location:` values name (fixtures rc01-rc04 check the facts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pages_support import gazetteer_of, reference_store

from osce_kg.parse.blocks import text_blocks
from osce_kg.parse.layouts import split_page
from osce_kg.parse.page import PageReader

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


def test_a_listing_cut_inside_the_next_items_title_drops_that_title() -> None:
    docs, _ = split_page(text_blocks(LISTING + "Third item's title, cut off in the midd\n"), "B")
    assert [d.title for d in docs] == ["First item", "Second item"]
    assert [b.text for b in docs[-1].paragraphs] == ["ZAGREB, 15 May 2003 - Lead two ..."]
    assert docs[-1].cut_item is not None and docs[-1].cut_item.text.startswith("Third item")


def test_a_last_item_ending_on_a_sentence_or_as_long_as_the_others_keeps_its_text() -> None:
    sentence = "The Mission will continue its support next year."
    docs, _ = split_page(text_blocks(LISTING + sentence + "\n"), "B")
    assert docs[-1].cut_item is None and docs[-1].paragraphs[-1].text == sentence
    docs, _ = split_page(text_blocks(LISTING), "B")
    assert docs[-1].cut_item is None and len(docs[-1].paragraphs) == 1


@pytest.fixture(scope="module")
def reader() -> PageReader:
    return PageReader(gazetteer_of(reference_store()))


def test_the_cut_item_is_said_in_a_warning_and_lends_nothing_to_the_last_item(reader: PageReader) -> None:
    text = LISTING + "Chairperson meets Foreign Minister of Georgia Nino Beridze in Tbil\n"
    record = reader.read(Path("listing.txt"), text.encode("utf-8"))
    assert len(record.documents) == 2
    assert any("cut off before its metadata" in w for w in record.warnings)
    last = record.documents[-1]
    assert "GE" not in [s.iri.rsplit("/", 1)[-1] for s in last.states] and last.people == []


def test_a_location_names_its_states_where_we_are_none_and_a_cut_name_none(reader: PageReader) -> None:
    """`Where we are: OSCE Mission to Croatia` names a structure (whose host the graph knows), not a
    State mentioned; `Locations:` names States, and a cut `Tajikista` none."""
    text = LISTING.replace("Lead two ...", "Lead two.") + "Third item\nPublishing date: 16 May 2003\nLocations: Serbia, Tajikista\n"
    docs = reader.read(Path("listing.txt"), text.encode("utf-8")).documents
    assert [[s.iri.rsplit("/", 1)[-1] for s in d.states] for d in docs] == [[], [], ["RS"]]
