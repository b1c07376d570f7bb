"""Lint of the curated data itself: sourced, unique, dated correctly, resolvable, complete.

The raw files are checked with the csv module (not only through the readers), and the lists the
osce.org menu shows on the real seed page are compared with the curated names.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlparse

import pycountry
import pytest

from osce_kg import paths
from osce_kg.sources import FILES, read_reference
from osce_kg.sources.isodate import parse_iso

CSV_FILES = sorted(paths.DATA_DIR.glob("*.csv"))
SEED = paths.PAGES_DIR / "000_edd890b92ae4faef.txt"
DATE_COLUMNS = {
    "joined",
    "left",
    "since",
    "until",
    "start",
    "end",
    "founded",
    "dissolved",
    "opened",
    "closed",
    "decided",
    "date",
}
KEY_COLUMNS = {"iso2", "iso3166_3", "key", "year"}
CHAIR_SUFFIX = re.compile(r"^(?P<name>.+?) – OSCE Chairpersonship (?P<year>\d{4})$")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def menu_section(heading: str) -> list[str]:
    """The '- item' lines that follow the first line equal to `heading` in the seed page's menu."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading) + 1
    items = []
    for line in lines[start:]:
        if not line.startswith("- "):
            break
        items.append(line[2:])
    return items


@pytest.fixture(scope="module")
def ref():
    return read_reference(paths.DATA_DIR)


def listed(ref, heading: str) -> list[str]:
    """The seed page's entries under `heading` less the menu's navigation entries (menu_entries.csv)."""
    navigation = {m.entry for m in ref.menu_entries}
    return [e for e in menu_section(heading) if e not in navigation]


def test_every_reference_file_is_present_and_nothing_else() -> None:
    assert sorted(p.name for p in CSV_FILES) == sorted(FILES.values())


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_every_row_has_http_sources_and_valid_dates(path: Path) -> None:
    for line, row in enumerate(rows(path), start=2):
        sources = [s.strip() for s in row["source"].split(";") if s.strip()]
        assert sources, f"{path.name}:{line}: no source"
        for url in sources:
            parsed = urlparse(url)
            assert parsed.scheme in ("http", "https") and parsed.netloc, f"{path.name}:{line}: {url!r}"
        assert "note" in row
        for column in DATE_COLUMNS & row.keys():
            if row[column]:
                parse_iso(row[column])


# Hosts that copy osce.org pages (cite the same path on www.osce.org instead) and hosts that re-publish
# or compile other people's documents (cite the page that states the fact, or say "general knowledge").
MIRROR_HOSTS = {"shhada.ir", "azkurs.org", "ikiepewlso.tudasnich.de", "page-analytics-one.online", "d6.web.osce.org"}
AGGREGATOR_HOSTS = {
    "docslib.org",
    "dokumen.tips",
    "vdocument.in",
    "fdocuments.us",
    "cupdf.com",
    "9dok.net",
    "lawsdocbox.com",
    "scribd.com",
    "pressreader.com",
    "issuu.com",
    "image.absoluteastronomy.com",
    "encyclopedia.thefreedictionary.com",
    "research.uaposition.com",
    "vlex.co.uk",
    "reliefweb.int",
    "einpresswire.com",
    "europavarietas.org",
    "miragenews.com",
    "github.com",
    "wikipedia.org",
    "wikiclassic.com",
    "wiki.x.io",
    "kiwix.casplantje.nl",
}


def _on(host: str, domains: set[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_sources_are_neither_mirrors_nor_aggregators_nor_bare_home_pages(path: Path) -> None:
    bad = []
    for line, row in enumerate(rows(path), start=2):
        for url in (s.strip() for s in row["source"].split(";") if s.strip()):
            parsed = urlparse(url)
            host = (parsed.hostname or "").lower()
            if _on(host, MIRROR_HOSTS):
                bad.append(f"{path.name}:{line}: {url} is a mirror: cite the same path on https://www.osce.org")
            elif _on(host, AGGREGATOR_HOSTS):
                bad.append(f"{path.name}:{line}: {url} is an aggregator: cite the page that states the fact")
            elif parsed.path.strip("/") == "" and not parsed.query:
                bad.append(f"{path.name}:{line}: {url} is a home page: cite the page that states the fact")
    assert not bad, "\n".join(bad)


def test_tenures_of_a_post_follow_each_other_and_one_at_most_is_open(ref) -> None:
    """A post held 'until now' must end where its successor begins: no overlap, no second open tenure."""
    by_post: dict[str, list] = {}
    for t in ref.tenures:
        by_post.setdefault(f"{t.structure}.{t.post}", []).append(t)
    for post, tenures in by_post.items():
        tenures.sort(key=lambda t: t.start.first)
        for before, after in pairwise(tenures):
            assert before.end is not None, f"{post}: {before.person} is still in office although {after.person} followed"
            assert before.end.first <= after.start.first, f"{post}: {before.person} overlaps {after.person}"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_keys_are_unique(path: Path) -> None:
    table = rows(path)
    for column in KEY_COLUMNS & table[0].keys():
        counts = Counter(r[column] for r in table)
        assert [k for k, n in counts.items() if n > 1] == [], f"{path.name}: duplicate {column}"


def test_structure_and_operation_keys_share_one_namespace_without_clashes(ref) -> None:
    keys = [s.key for s in ref.structures] + [o.key for o in ref.field_operations]
    assert len(keys) == len(set(keys))


def test_iso_codes_exist_in_pycountry() -> None:
    for name in ("participating_states.csv", "partners.csv"):
        for row in rows(paths.DATA_DIR / name):
            assert pycountry.countries.get(alpha_2=row["iso2"]) is not None, row["iso2"]
    for row in rows(paths.DATA_DIR / "former_states.csv"):
        assert pycountry.historic_countries.get(alpha_4=row["iso3166_3"]) is not None, row["iso3166_3"]


def test_periods_do_not_end_before_they_start(ref) -> None:
    spans = [(o.key, o.opened, o.closed) for o in ref.field_operations]
    spans += [(s.key, s.founded, s.dissolved) for s in ref.structures]
    spans += [(f"{t.post}/{t.person}", t.start, t.end) for t in ref.tenures]
    spans += [(p.code, p.since, p.until) for p in ref.partners]
    for key, start, end in spans:
        if start and end:
            assert start.first <= end.first, key


def test_all_references_resolve(ref) -> None:
    """read_reference raises on a dangling key; here the whole data set passed it."""
    assert ref.field_operations and ref.renamings and ref.tenures


def test_57_participating_states_as_the_menu_names_them(ref) -> None:
    menu = []
    for entry in listed(ref, "Participating States"):
        match = CHAIR_SUFFIX.match(entry)
        menu.append(match["name"] if match else entry)
    assert len(ref.states) == 57
    assert sorted(s.osce_name for s in ref.states) == sorted(menu)


def test_the_chairpersonship_the_menu_marks_is_in_the_data(ref) -> None:
    marked = [CHAIR_SUFFIX.match(e) for e in menu_section("Participating States") if CHAIR_SUFFIX.match(e)]
    assert marked
    by_year = {c.year: c.state for c in ref.chairpersonships}
    names = {s.code: s.osce_name for s in ref.states}
    for match in marked:
        assert names[by_year[int(match["year"])]] == match["name"]


def test_eleven_current_partners_six_mediterranean_five_asian(ref) -> None:
    current = [p for p in ref.partners if p.until is None]
    assert len(current) == 11
    assert Counter(p.group for p in current) == {"mediterranean": 6, "asian": 5}
    participating = {s.code for s in ref.states}
    assert not participating & {p.code for p in current}


def test_former_partner_ends_when_participation_begins(ref) -> None:
    joined = {s.code: s.joined for s in ref.states}
    for p in ref.partners:
        if p.until is not None and p.code in joined:
            assert p.until == joined[p.code]


def test_one_chairpersonship_per_year_1991_to_2026(ref) -> None:
    assert sorted(c.year for c in ref.chairpersonships) == list(range(1991, 2027))


def test_23_top_level_fields_of_work_as_in_the_menu(ref) -> None:
    menu = listed(ref, "Fields of work")
    top = [f.label for f in ref.fields_of_work if f.top]
    assert len(top) == 23
    assert sorted(top) == sorted(menu)


def test_meeting_types_as_in_the_menu(ref) -> None:
    menu = listed(ref, "Meetings and conferences")
    assert sorted(m.label for m in ref.meeting_types) == sorted(menu)


def test_every_secretariat_unit_of_the_menu_is_a_structure(ref) -> None:
    units = {s.name for s in ref.structures if s.kind == "SecretariatUnit"}
    menu = listed(ref, "Secretariat")
    assert len(menu) == 11
    assert set(menu) <= units


def test_the_menus_field_operations_are_the_open_ones(ref) -> None:
    # the flattened list ends with structures of the enclosing menu (Parliamentary Assembly, ...)
    structures = {name for s in ref.structures for name in (s.name, *s.alt_names)}
    menu = [e for e in listed(ref, "Field operations") if e not in structures]
    open_ops = [o.short_name for o in ref.field_operations if o.closed is None]
    assert len(menu) == 12
    assert sorted(open_ops) == sorted(menu)


def test_menu_entries_link_to_classes_of_the_ontology_and_nest_in_one_tree(ref) -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF

    from osce_kg.iri import OSCE

    ontology = Graph().parse(paths.ONTOLOGY_DIR / "osce.ttl")
    for m in ref.menu_entries:
        if m.links_to == "class":
            assert (URIRef(OSCE[m.target]), RDF.type, OWL.Class) in ontology, f"{m.entry}: {m.target}"
    parent = {m.entry: m.section for m in ref.menu_entries if m.links_to == "section"}
    for section in {m.section for m in ref.menu_entries}:
        chain = [section]
        while chain[-1] in parent:
            chain.append(parent[chain[-1]])
            assert len(chain) == len(set(chain)), f"menu sections nest in a cycle: {chain}"
        assert chain[-1] == "Main menu"


def test_every_heading_of_the_seed_menu_is_a_reference_menu_section(ref) -> None:
    from osce_kg.parse.blocks import text_blocks
    from osce_kg.parse.layouts import read_menu

    sections = {m.entry for m in ref.menu_entries if m.links_to == "section"}
    headings = {s.title for s in read_menu(text_blocks(SEED.read_text(encoding="utf-8")))}
    assert headings and headings <= sections
