"""The page layouts (A-E, see docs/pages.md) as hints: which one a page has, and its parts.

Every layout is read from the same blocks (blocks.py), so the text rendering and the HTML of a
page give the same parts. A layout only says where the title, the metadata, the header date and the
body paragraphs are; what they mean is read by fields.py and entities.py. A page that fits none of
them is read as a generic article (content type, title, metadata fields, body): the layout is a
hint, never a reason to throw a readable page away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from osce_kg.parse.blocks import Block
from osce_kg.parse.fields import parse_dateline, parse_header_line
from osce_kg.parse.records import MenuSection

LAYOUTS = ("A", "B", "C", "D", "E")
LAYOUT_NAMES = {
    "A": "current press-release page",
    "B": "listing page",
    "C": "2000-era newsroom page",
    "D": "plain body",
    "E": "institution or newer layout",
}
CONTENT_TYPES = {
    t.lower(): t
    for t in (
        "Press release", "News", "Feature", "Story", "Statement", "Press statement", "Daily report",
        "Spot report", "News item", "Speech", "Op-ed", "Interview", "Report", "Event", "Publication",
        "Joint statement", "Article", "Blog", "Commentary", "Photo story", "Video", "Announcement",
        # translated pages
        "Communiqué de presse", "Pressemitteilung", "Comunicato stampa", "Comunicado de prensa", "Пресс-релиз",
        "Njoftim për shtyp", "Saopštenje za medije", "Саопштење за медије", "Соопштение за печат",
        "Comunicat de presă", "Прес-реліз", "Новости", "Lajme", "Vijesti", "Vesti", "Știri", "Новини",
    )
}
UNKNOWN = "?"
"""The layout recorded for a page that fits none of A-E (read as a generic article)."""
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    # The site's header words, and the same words on its translated pages (the six OSCE languages
    # and host-country languages: Albanian, Bosnian/Croatian/Serbian, Macedonian, Romanian, Ukrainian).
    "date": ("Date", "Datum", "Data", "Fecha", "Дата", "Датум", "Датa"),
    # 'Locations: Russia, Ukraine' is the plural of 'Location:' (where the matter is); the older
    # listings' 'Location(s):' names the country of an item whose dateline gives its city
    "location": ("Location", "Locations"),
    # an event page's box, its labels with a colon on the line of its value: 'Where: Vienna', 'Venue: ...'
    "place": ("Place", "Lieu", "Ort", "Luogo", "Lugar", "Место", "Vendi", "Mjesto", "Mesto",
              "Місце", "Locul", "Where", "Venue"),
    "when": ("When",),
    "organized by": ("Organized by", "Organised by"),
    "source": ("Source", "Quelle", "Fonte", "Fuente", "Источник", "Burimi", "Izvor", "Извор", "Sursa",
               "Sursă", "Джерело"),
    "fields of work": ("Fields of work", "Domaines d'activité", "Arbeitsbereiche", "Tätigkeitsbereiche",
                       "Settori di attività", "Ámbitos de trabajo", "Áreas de trabajo", "Направления деятельности",
                       "Fushat e punës", "Fushat e punes", "Oblasti rada", "Области на работа", "Oblasti djelovanja",
                       "Domenii de activitate", "Напрями діяльності", "Сфери діяльності"),
    "issued on": ("Issued on", "Published on"),
    "issued by": ("Issued by", "Published by", "Izdavač", "Издавач", "Lëshuar nga", "Выпущено"),
    "location(s)": ("Location(s)",),
    "where we are": ("Where we are",),
    "what we do": ("What we do",),
    "content type": ("Content type",),
    "report type": ("Report type",),
    "publishing date": ("Publishing date", "Published"),
}
LABELS = {word.lower(): label for label, words in LABEL_WORDS.items() for word in words}
_SENTENCE_END = re.compile(r"[.!?]\s*$")
EVENT_LABELS = {"when": "when", "where": "place", "organized by": "organized by", "organised by": "organized by"}
"""An event page's box (`When` / `Where` / `Organized by`), rendered as lines without a colon."""
META_LABEL = re.compile(
    r"^(" + "|".join(re.escape(w) for w in sorted(LABELS, key=len, reverse=True)) + r")\s*:\s*(.*)$",
    re.I,
)
LISTING_LABELS = {"publishing date", "where we are", "what we do", "location(s)", "location", "report type", "content type"}
LISTING_MARKERS = {"publishing date", "where we are", "what we do", "location(s)", "report type"}
END_OF_BODY = re.compile(r"^(For further information|Related content|Contacts?:?$|Share this|Back to top|Copyright|©)", re.I)
CONTACTS = re.compile(r"^(?:For further information|Contacts?:?$)", re.I)
"""The end markers that open a contact block: its name, post and address lines are no body text
but still name a person and a State (read by entities.py, not by the date and place readers)."""
_CONTACT_LINES = 15
"""A contact block is a name, a post, an address and phone lines: longer runs are the page's footer."""
_SKIP_LINES = re.compile(
    r"^(Skip Links|Skip navigation|Skip to (?:main )?content|Search|Menu|Main (?:menu|navigation)|Print|"
    r"Newsroom|News and press releases|About|About / Overview|Home\s*[/>»›|]\s*.*|(?-i:Home(?=[A-Z])).*|Activities|Subscribe to our newsletter|"
    # the site's top menu sections as a breadcrumb above the title, and their translations
    # a site's own sections above a page's headline
    r"Press information|Press releases|Our people|Project updates?|News and features|Latest news|"
    # an image's alt text standing in for a headline: 'Summit Declaration Banner smaller'
    r".{0,80}\b(?:Banner|Logo|Thumbnail|Icon)(?:\s+(?:small|smaller|large|larger|big|\d+))?|"
    r"Resources|Ressources|Ressourcen|Ресурсы|Materiale|Materijali|Материјали|Материалы|Who we are|"
    r"Institutions (?:&|and) Structures|Structures (?:&|and) institutions|Wer wir sind|Qui nous sommes|Кто мы|"
    r"Where we are|Wo wir sind|Où nous travaillons|Где мы работаем|What we do|Was wir tun|Nos activités|Чем мы занимаемся|Что мы делаем|"
    # a photo's credit on a line of its own: 'OSCE/Ana Novak' (CREDIT_LINE)
    r"(?:OSCE|OSZE|ОБСЕ|OSBE|OEBS|OESS|Photo|Foto)\s*/\s*[^\s/][^/]{1,40}|"
    r"Redaksia e lajmeve|Пресс-центр|Прес-центр|Новости|Вести|Vijesti|Vesti|Lajme|Știri|Actualités|Aktuelles|Notizie|Noticias)$",
    re.I,
)


CREDIT_LINE = re.compile(r"^(?:OSCE|OSZE|ОБСЕ|OSBE|OEBS|OESS|Photo|Foto)\s*/\s*(?P<name>[^\s/][^/]{1,40})$")
"""A photo's credit on a line of its own: the photographer's name."""


@dataclass
class RawDocument:
    """One document's parts as the layout places them, not yet interpreted."""

    line: int
    title: str | None = None
    title_line: int | None = None
    content_type: str | None = None
    meta: dict[str, list[str]] = field(default_factory=dict)
    header: Block | None = None
    paragraphs: list[Block] = field(default_factory=list)
    site_header: str | None = None
    """A site's own header line above the title ('OSCE Project Co-ordinator in Ukraine')."""
    listing_head: list[str] = field(default_factory=list)
    """A listing's lines above its first item (site header, heading, description), on each item."""
    credits: list[tuple[str, str]] = field(default_factory=list)
    """People credited on lines of their own (name, role): a photo's credit line, a byline."""
    cut_off: bool = False
    """The item ends the page on a metadata line: the excerpt was cut there, its last value may be cut too."""
    cut_item: Block | None = None
    """The title of a next listing item cut off before its metadata, taken off this item's excerpt."""
    contacts: list[Block] = field(default_factory=list)
    """The contact block after the body ('Contacts' / name / post / e-mail), its heading first."""


def _label(block: Block) -> tuple[str, str] | None:
    if block.kind == "group":
        return None
    m = META_LABEL.match(block.text)
    if m:
        return LABELS[m[1].lower()], m[2].strip()
    event = EVENT_LABELS.get(block.text.strip().rstrip(":").lower())
    return (event, "") if event else None


def detect_layout(blocks: list[Block]) -> str | None:
    """The layout of a page, or None when it matches none of them."""
    texts = [b for b in blocks if b.kind != "group"]
    if not texts:
        return None
    labels = [lab[0] for b in texts if (lab := _label(b))]
    if any(lab in LISTING_MARKERS for lab in labels):
        return "B"
    first = texts[0].text.lower()
    if first == "skip links" or first.startswith("home / ") or first == "about / overview" or \
            any(lab in ("issued by", "issued on") for lab in labels):
        return "E"
    item_labels = {lab[0] for b in texts if b.kind == "item" and (lab := _label(b))}
    if item_labels & {"date", "source", "place", "fields of work"}:
        return "A"
    if first == "newsroom" and any(parse_header_line(b.text) for b in texts[1:5]):
        return "C"
    if not any(b.kind == "group" for b in blocks) and any(parse_dateline(b.text) for b in texts[:3]):
        return "D"
    return None


def read_menu(blocks: list[Block]) -> list[MenuSection]:
    """Menu sections: a group marker, a title line, then the section's items."""
    sections: list[MenuSection] = []
    expect_title = False
    for block in blocks:
        if block.kind == "group":
            expect_title = True
        elif block.kind == "text" and expect_title:
            sections.append(MenuSection(block.text, []))
            expect_title = False
        elif block.kind == "item" and sections:
            sections[-1].entries.append(block.text)
    return [s for s in sections if s.entries]


def _content_type_index(blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks[:-1]):
        if block.kind == "text" and block.text.lower() in CONTENT_TYPES and blocks[i + 1].kind == "text":
            return i
    return None


def _read_meta(blocks: list[Block], start: int, doc: RawDocument) -> int:
    """Read the metadata labels from `start`; return the index of the first body block."""
    current: str | None = None
    taken = 0
    i = start
    while i < len(blocks):
        block = blocks[i]
        label = _label(block)
        if label:
            current, value = label
            doc.meta.setdefault(current, [])
            if value:
                doc.meta[current].append(value)
            taken = 1 if value else 0
        elif block.kind == "group":
            pass
        # a list item is a metadata value even when it reads like a dateline ('- KAMENSK-SHAKHTINSKY')
        elif current is None or (block.kind != "item" and parse_dateline(block.text)):
            break
        elif block.kind == "item":
            doc.meta[current].append(block.text)
            taken += 1
        elif taken == 0 and current in EVENT_LABELS.values() and _SENTENCE_END.search(block.text):
            break  # an event box left empty: the sentence under it is the body
        elif taken == 0 and (len(block.text) < 200 or _long_field_list(current, block.text)):
            doc.meta[current].append(block.text)
            taken = 1
        else:
            break
        i += 1
    return i


def _long_field_list(label: str, text: str) -> bool:
    """A long list of fields of work on one line (a translated page lists them all), not a paragraph."""
    return label in ("fields of work", "what we do") and text.count(",") >= 3 and not text.rstrip().endswith(".")


def _body(blocks: list[Block], start: int, doc: RawDocument) -> list[Block]:
    """Body paragraphs from `start`, up to the boilerplate footer, repeated paragraphs dropped; a
    contact block that ends the body goes to `doc.contacts`."""
    seen: set[str] = set()
    out: list[Block] = []
    for n, block in enumerate(blocks[start:], start):
        if block.kind == "group":
            continue
        if END_OF_BODY.match(block.text):
            if CONTACTS.match(block.text):
                doc.contacts = _contact_block(blocks[n:])
            break
        if block.text in seen:
            continue
        seen.add(block.text)
        out.append(block)
    return out


def _contact_block(blocks: list[Block]) -> list[Block]:
    """The contact block from its heading, up to the next footer marker ('Related content')."""
    out = [blocks[0]]
    for block in blocks[1:_CONTACT_LINES + 1]:
        if END_OF_BODY.match(block.text) and not CONTACTS.match(block.text):
            break
        if block.kind != "group":
            out.append(block)
    return out


def split_page(blocks: list[Block], layout: str) -> tuple[list[RawDocument], list[MenuSection]]:
    """Cut a page into its documents (one, or one per listing item) and its menu; a page of no
    known layout (UNKNOWN) is cut as an article."""
    if layout == "B":
        return _split_listing(blocks), []
    if layout in ("A", "E", UNKNOWN):
        return _split_article(blocks, known=layout != UNKNOWN)
    if layout == "C":
        return [_split_newsroom(blocks)], []
    return [_split_plain(blocks)], []


def skip_line(text: str) -> bool:
    """A breadcrumb or site-section line ('Skip Links', 'Newsroom', 'Activities'), never a title."""
    return bool(_SKIP_LINES.match(text))


def _split_article(blocks: list[Block], *, known: bool = True) -> tuple[list[RawDocument], list[MenuSection]]:
    index = _content_type_index(blocks)
    menu = read_menu(blocks[:index]) if index is not None else []
    doc = RawDocument(line=blocks[0].line)
    if index is not None:
        doc.content_type = CONTENT_TYPES[blocks[index].text.lower()]
        title_index = index + 1
    else:
        # (on a page with metadata, a line right after a lone `-` heads a nested section of the menu: ODIHR's
        # '-' / 'Our work' / '- Elections'; a page of no known layout settles its title later, menu and all)
        title_index = next(
            (i for i, b in enumerate(blocks)
             if b.kind == "text" and not _label(b) and not _SKIP_LINES.match(b.text)
             and not (known and i and blocks[i - 1].kind == "group" and i + 1 < len(blocks) and blocks[i + 1].kind == "item")),
            len(blocks),
        )
        doc.credits += [(m["name"], "photographer") for b in blocks[:title_index] if (m := CREDIT_LINE.match(b.text))]
        if _is_kicker(blocks, title_index):
            title_index += 1
    if title_index < len(blocks):
        doc.title, doc.title_line = blocks[title_index].text, blocks[title_index].line
        doc.line = blocks[title_index].line
    start = title_index + 1
    # newer pages put a summary between the title and the metadata (Issued on / Issued by); the
    # body, after the metadata, opens with the dateline and mostly repeats it
    teaser = None
    if start + 1 < len(blocks) and blocks[start].kind == "text" and not _label(blocks[start]) \
            and _label(blocks[start + 1]) and not parse_dateline(blocks[start].text):
        teaser, start = blocks[start], start + 1
    body_start = _read_meta(blocks, start, doc)
    doc.paragraphs = _body(blocks, body_start, doc)
    if teaser and not any(teaser.text in p.text for p in doc.paragraphs):
        doc.paragraphs.append(teaser)
    return [doc], menu


def _is_kicker(blocks: list[Block], i: int) -> bool:
    """A content label above the headline that the site's list of content types lacks ('Project
    Update' / headline / metadata): a short line without a full stop, then a headline that is no
    sentence (a teaser under the title ends with one), then the metadata."""
    if i + 2 >= len(blocks) or not all(b.kind == "text" for b in blocks[i:i + 2]) or not _label(blocks[i + 2]):
        return False
    kicker, headline = blocks[i].text, blocks[i + 1].text
    return len(kicker.split()) <= 3 and not any(c.isdigit() for c in kicker) and not _SENTENCE_END.search(kicker) \
        and not _label(blocks[i + 1]) and len(headline) <= 250 and not _SENTENCE_END.search(headline)


def _split_newsroom(blocks: list[Block]) -> RawDocument:
    texts = [b for b in blocks if b.kind != "group"]
    doc = RawDocument(line=texts[0].line)
    rest = texts[1:]
    if rest:
        doc.title, doc.title_line, doc.line = rest[0].text, rest[0].line, rest[0].line
        rest = rest[1:]
    if rest and parse_header_line(rest[0].text):
        doc.header = rest[0]
        rest = rest[1:]
    doc.paragraphs = _body(rest, 0, doc)
    return doc


def _split_plain(blocks: list[Block]) -> RawDocument:
    texts = [b for b in blocks if b.kind != "group"]
    doc = RawDocument(line=texts[0].line if texts else 1)
    start = 0
    if texts and not parse_dateline(texts[0].text):
        doc.title, doc.title_line = texts[0].text, texts[0].line
        start = 1
    doc.paragraphs = _body(texts, start, doc)
    return doc


def _split_listing(blocks: list[Block]) -> list[RawDocument]:
    """Each run of listing fields starts an item; its title is the line before the run."""
    texts = [b for b in blocks if b.kind != "group"]
    runs: list[int] = []
    for i, block in enumerate(texts):
        label = _label(block)
        is_field = label is not None and label[0] in LISTING_LABELS
        previous = _label(texts[i - 1]) if i else None
        if is_field and not (previous and previous[0] in LISTING_LABELS):
            runs.append(i)
    docs: list[RawDocument] = []
    head = [b.text for b in texts[: runs[0] - 1]] if runs else []
    for n, start in enumerate(runs):
        title_block = texts[start - 1] if start > 0 else None
        doc = RawDocument(line=title_block.line if title_block else texts[start].line)
        if title_block is not None:
            doc.title, doc.title_line = title_block.text, title_block.line
        i = start
        while i < len(texts) and (label := _label(texts[i])) and label[0] in LISTING_LABELS:
            if label[1]:
                doc.meta.setdefault(label[0], []).append(label[1])
            i += 1
        end = runs[n + 1] - 1 if n + 1 < len(runs) else len(texts)
        doc.paragraphs = _body(texts[i:end], 0, doc)
        doc.listing_head = head
        doc.cut_off = i == len(texts)
        docs.append(doc)
    _drop_cut_item(docs)
    return docs


def _drop_cut_item(docs: list[RawDocument]) -> None:
    """A listing whose excerpt ends inside the next item's title, before its metadata: that title
    is the last item's last paragraph, one more than any other item's excerpt has, and reads as a
    headline. It is no part of the last item (its names and States are another story's) and is
    too little to be a document: it is taken off and kept as `cut_item`, for a warning."""
    if len(docs) < 2:
        return
    last = docs[-1]
    most = max(len(d.paragraphs) for d in docs[:-1])
    if len(last.paragraphs) > max(most, 1) and _is_cut_title(last.paragraphs[-1].text):
        last.cut_item = last.paragraphs.pop()


def _is_cut_title(text: str) -> bool:
    return len(text) <= 250 and not _SENTENCE_END.search(text) and not text.endswith("...") \
        and parse_dateline(text) is None


# the metadata of a resources.osce.org item, its labels doubled and glued by the text rendering:
# 'DateDateLocationLocation Ukraine' (an empty date and the location), 'DateDate 3 May 2016'
_GLUED_META = re.compile(r"^(?:Date){1,2}(?P<date>.*?)(?:(?:Location){1,2}\s*(?P<location>.*))?$")


def split_resource_items(blocks: list[Block]) -> list[RawDocument]:
    """A resources page: the page's own document (its heading and description), then items that
    each read content type ('Statement / speech'), title and glued metadata ('DateDateLocationLocation
    Ukraine'); [] when the page has fewer than two such items."""
    texts = [b for b in blocks if b.kind == "text" and not _SKIP_LINES.match(b.text)]
    found = [(i, m) for i, b in enumerate(texts) if i >= 1 and b.text.startswith("DateDate") and (m := _GLUED_META.match(b.text))]
    if len(found) < 2:
        return []
    metas = [i for i, _ in found]
    starts = [i - 2 if i >= 2 and _is_content_label(texts[i - 2].text) else i - 1 for i in metas]
    page = RawDocument(line=texts[0].line, title=texts[0].text, title_line=texts[0].line, paragraphs=texts[1:starts[0]])
    docs = [page] if starts[0] > 0 else []
    for n, (start, (meta, fields)) in enumerate(zip(starts, found, strict=True)):
        title = texts[meta - 1]
        doc = RawDocument(line=title.line, title=title.text, title_line=title.line,
                          content_type=texts[start].text if start < meta - 1 else None)
        doc.meta = {label: [value.strip()] for label, value in (("date", fields["date"]), ("location", fields["location"] or ""))
                    if value and value.strip()}
        end = starts[n + 1] if n + 1 < len(starts) else len(texts)
        doc.paragraphs = texts[meta + 1:end]
        docs.append(doc)
    return docs


def _is_content_label(text: str) -> bool:
    """A resource's kind above its title: 'Statement / speech', 'Conference / meeting document'."""
    return text.lower() in CONTENT_TYPES or (len(text.split()) <= 5 and " / " in text and not _SENTENCE_END.search(text))
