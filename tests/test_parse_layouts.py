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


# --- one rule each, for the survivors of mutation testing (docs/mutation.md) -----------------------


def _layout(text: str) -> str | None:
    return detect_layout(text_blocks(text))


def test_what_marks_each_layout():
    # layout A: any one of its dash-list metadata fields
    for field in ("Date:", "Source:", "Place:", "Fields of work:"):
        assert _layout(f"Press release\nA title\n- {field}\n- x\nVIENNA, 3 May 2010 - Text.\n") == "A", field
    # layout E: an older site's breadcrumb, or the subsite's Issued on / Issued by fields
    assert _layout("Home / At a glance / Our work / Library\nA title\nText.\n") == "E"
    assert _layout("Story\nA title\nIssued by: OSCE Secretariat\nText.\n") == "E"
    assert _layout("Story\nA title\nIssued on: 3 May 2010\nText.\n") == "E"
    assert _layout("-\nSkip Links\nStory\nA title\n") == "E", "a group marker before the first line is not a line"
    # layout C: 'Newsroom' and a header date line, even with no title between them
    assert _layout("Newsroom\nSKOPJE 12 April 2001\nSKOPJE, 10 April 2001 - Text.\n") == "C"
    # a header-like line without 'Newsroom' above it is no 2000-era newsroom page
    assert _layout("A title\nSKOPJE 12 April 2001\nSKOPJE, 10 April 2001 - Text.\n") == "D"


def test_a_menu_section_is_a_group_marker_a_title_and_items():
    assert read_menu(text_blocks("Speakers\n- Ana Novak\n- Ben Smith\n")) == [], "a list under a plain line is no menu"
    menu = read_menu(text_blocks("-\nFields of work\n- Arms control\nNote\n- Policing\n-\nStructures\n- Secretariat\n"))
    assert [(s.title, s.entries) for s in menu] == [("Fields of work", ["Arms control", "Policing"]), ("Structures", ["Secretariat"])]


def test_a_page_cut_after_its_title_or_its_metadata():
    [doc], _ = split_page(text_blocks("Press release\nTitle of the release\n"), "A")
    assert (doc.content_type, doc.title, doc.paragraphs) == ("Press release", "Title of the release", [])
    [doc], _ = split_page(text_blocks("Press release\nTitle\n- Date:\n- 3 May 2010\n"), "A")
    assert (doc.title, doc.meta, doc.paragraphs) == ("Title", {"date": ["3 May 2010"]}, [])


def test_a_page_with_no_title_line_starts_at_its_first_line():
    [doc], _ = split_page(text_blocks("Skip Links\nDate: 3 May 2010\n"), "E")
    assert (doc.title, doc.line) == (None, 1)


def test_each_document_starts_at_its_title_line():
    """The line a warning about a document names."""
    [doc], _ = split_page(text_blocks(A), "A")
    assert doc.line == doc.title_line == 6
    [doc], _ = split_page(text_blocks(C), "C")
    assert doc.line == doc.title_line == 2
    [doc], _ = split_page(text_blocks("\n\nA title\nVIENNA, 12 January 2006 - Text.\n"), "D")
    assert doc.line == doc.title_line == 3
    [doc], _ = split_page(text_blocks("\nVIENNA, 12 January 2006 - Text.\n"), "D")
    assert (doc.title, doc.line, [b.text for b in doc.paragraphs]) == (None, 2, ["VIENNA, 12 January 2006 - Text."])
    [doc], _ = split_page(text_blocks("Newsroom\n"), "C")
    assert (doc.title, doc.line) == (None, 1)


def test_a_metadata_value_after_its_label_and_where_the_body_starts():
    [doc], _ = split_page(text_blocks(
        "Story\nA title\nDate: 3 May 2010\nSource: OSCE Secretariat\nThe Secretariat opened an office.\nMore.\n"), "E")
    assert doc.meta == {"date": ["3 May 2010"], "source": ["OSCE Secretariat"]}
    assert [b.text for b in doc.paragraphs] == ["The Secretariat opened an office.", "More."]
    # the subsite's fields as list items holding a block: a group marker, the label, its value
    [doc], _ = split_page(text_blocks(
        "Story\nA title\n-\nIssued on:\n-\nIssued by:\nOSCE Office for Democratic Institutions and Human Rights\n"
        "WARSAW, 1 May 2016 - Text.\n"), "E")
    assert doc.meta == {"issued on": [], "issued by": ["OSCE Office for Democratic Institutions and Human Rights"]}
    assert [b.text for b in doc.paragraphs] == ["WARSAW, 1 May 2016 - Text."]


def test_a_list_item_is_a_metadata_value_even_when_it_reads_like_a_dateline():
    [doc], _ = split_page(text_blocks("Press release\nA title\n- Place:\n- KAMENSK-SHAKHTINSKY\nThe Observer Mission said.\n"), "A")
    assert doc.meta == {"place": ["KAMENSK-SHAKHTINSKY"]}


LONG_FIELDS = ("Kontrolli i armëve, Menaxhimi i kufijve, Luftimi i trafikimit të qenieve njerëzore, Demokratizimi, "
               "Aktivitetet ekonomike dhe mjedisore, Zgjedhjet, Barazia gjinore, Të drejtat e njeriut, Liria dhe "
               "zhvillimi i medias")


def test_a_translated_page_lists_all_its_fields_of_work_on_one_long_line():
    assert len(LONG_FIELDS) > 200
    [doc], _ = split_page(text_blocks(f"Story\nA title\nFushat e punës:\n{LONG_FIELDS}\nTIRANË, 3 tetor 2011 – Teksti.\n"), "E")
    assert doc.meta["fields of work"] == [LONG_FIELDS]
    [doc], _ = split_page(text_blocks(f"Story\nA title\nWhat we do:\n{LONG_FIELDS}\n"), "E")
    assert doc.meta["what we do"] == [LONG_FIELDS]
    # a long paragraph that ends like a sentence, or under another label, is the body
    sentence = LONG_FIELDS + "."
    [doc], _ = split_page(text_blocks(f"Story\nA title\nFields of work:\n{sentence}\n"), "E")
    assert (doc.meta["fields of work"], [b.text for b in doc.paragraphs]) == ([], [sentence])
    [doc], _ = split_page(text_blocks(f"Story\nA title\nSource:\n{LONG_FIELDS}\n"), "E")
    assert (doc.meta["source"], [b.text for b in doc.paragraphs]) == ([], [LONG_FIELDS])
    four = "Kontrolli i armëve të vogla dhe i municioneve konvencionale, Menaxhimi i kufijve dhe i sigurisë kufitare, " \
           "Luftimi i trafikimit të qenieve njerëzore dhe i krimit të organizuar, Aktivitetet ekonomike dhe mjedisore"
    assert len(four) > 200 and four.count(",") == 3
    [doc], _ = split_page(text_blocks(f"Story\nA title\nFushat e punës:\n{four}\n"), "E")
    assert doc.meta["fields of work"] == [four], "four fields are a list"


def test_the_body_goes_past_nested_blocks_and_repeated_paragraphs():
    [doc], _ = split_page(text_blocks(
        "Press release\nA title\n- Date:\nVIENNA, 3 May 2010 - First.\n-\nA boxed quote.\nFirst.\nVIENNA, 3 May 2010 - First.\n"
        "Last.\n"), "A")
    assert [b.text for b in doc.paragraphs] == ["VIENNA, 3 May 2010 - First.", "A boxed quote.", "First.", "Last."]


def test_a_newsroom_page_with_a_group_marker_and_without_header():
    [doc], _ = split_page(text_blocks("Newsroom\n-\nA title\nSKOPJE 12 April 2001\nSKOPJE, 10 April 2001 - Text.\n"), "C")
    assert doc.title == "A title" and doc.header is not None and doc.header.text == "SKOPJE 12 April 2001"
    [doc], _ = split_page(text_blocks("Newsroom\nA title\nSKOPJE, 10 April 2001 - Text.\n"), "C")
    assert doc.header is None and [b.text for b in doc.paragraphs] == ["SKOPJE, 10 April 2001 - Text."]


def test_listing_items_start_at_their_titles():
    docs, _ = split_page(text_blocks(
        "First item\nPublishing date: 14 May 2003\nZAGREB, 14 May 2003 - Lead one ...\n"
        "Second item\n-\nPublishing date: 15 May 2003\n-\nContent type: Press release\n"), "B")
    assert [(d.title, d.line, d.meta) for d in docs] == [
        ("First item", 1, {"publishing date": ["14 May 2003"]}),
        ("Second item", 4, {"publishing date": ["15 May 2003"], "content type": ["Press release"]}),
    ]
    assert [[b.text for b in d.paragraphs] for d in docs] == [["ZAGREB, 14 May 2003 - Lead one ..."], []]


def test_a_listing_excerpt_that_starts_inside_an_item():
    docs, _ = split_page(text_blocks(
        "Publishing date: 14 May 2003\nZAGREB, 14 May 2003 - Lead one ...\nSecond item\nPublishing date: 15 May 2003\n"
        "Content type: News\n"), "B")
    assert [(d.title, d.line) for d in docs] == [(None, 1), ("Second item", 3)]


def test_a_field_with_its_first_value_on_the_label_line_and_more_as_items():
    [doc], _ = split_page(text_blocks("Press release\nA title\n- Place: VIENNA\n- WARSAW\nA short first paragraph.\n"), "A")
    assert doc.meta == {"place": ["VIENNA", "WARSAW"]}
    assert [b.text for b in doc.paragraphs] == ["A short first paragraph."]


def test_a_content_label_the_site_list_lacks_stands_above_the_headline():
    # 'Project Update' / headline / metadata: the label is no title (round 4, i11-dateplace)
    page = "Feature Story\nYoung drivers design a campaign\n- Issued on:\n- Issued by:\n- OSCE Mission to Skopje\nSkopje, 3 March 2025 – Text.\n"
    [doc], _ = split_page(text_blocks(page), "E")
    assert (doc.title, doc.meta["issued by"]) == ("Young drivers design a campaign", ["OSCE Mission to Skopje"])
    # a short title over its teaser (a sentence) keeps its title, and the teaser is kept at the body's end
    page = "Safer roads\nStudents designed a road safety campaign.\n- Issued on:\nSkopje, 3 March 2025 – Text.\n"
    [doc], _ = split_page(text_blocks(page), "E")
    assert (doc.title, [b.text for b in doc.paragraphs]) == (
        "Safer roads", ["Skopje, 3 March 2025 – Text.", "Students designed a road safety campaign."])


def test_a_resources_page_is_its_own_document_and_items_with_glued_metadata():
    from osce_kg.parse.layouts import split_resource_items

    page = ("Skip Links\nSpecial Meeting of the Forum\nDelegations met.\nStatement / speech\nStatement by Norway\n"
            "DateDate 4 March 2016LocationLocation Austria\nJournal of the meeting\nDateDateLocationLocation Austria\n")
    own, first, second = split_resource_items(text_blocks(page))
    assert (own.title, [b.text for b in own.paragraphs]) == ("Special Meeting of the Forum", ["Delegations met."])
    assert (first.title, first.content_type, first.meta) == ("Statement by Norway", "Statement / speech",
                                                             {"date": ["4 March 2016"], "location": ["Austria"]})
    assert (second.title, second.content_type, second.meta) == ("Journal of the meeting", None, {"location": ["Austria"]})
    # one such line is no list
    assert split_resource_items(text_blocks("Skip Links\nA title\nStatement / speech\nA statement\nDateDateLocationLocation Austria\n")) == []
