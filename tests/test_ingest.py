"""`ingest` end to end: mixed folders, broken files, re-ingest, changed pages, identity, SHACL, interruption."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import DCTERMS
from tests.pages_support import BROKEN_PAGES, GOOD_PAGES, gazetteer_of, reference_store

from osce_kg import iri
from osce_kg.cli import main
from osce_kg.errors import InputError
from osce_kg.pages.ingest import ingest_paths
from osce_kg.parse.page import PageReader

REJECTED = {"binary.txt", "blank_lines.html", "empty.txt", "garbled.txt"}
# readable pages are never rejected: a page of no known layout or without a date is read with a warning
WITH_WARNINGS = {"bom_page.txt", "cp1252_page.txt", "latin1_page.txt", "truncated.html", "truncated_page.txt", "utf16_page.txt",
                 "no_date.txt", "unknown_layout.txt"}


def page_graphs(store) -> list:
    return [g for g in store.graph_names() if iri.graph_kind(g) == "page"]


def dump(store) -> bytes:
    import pyoxigraph as ox
    return b"\n".join(sorted(store.serialize(ox.RdfFormat.N_QUADS).splitlines()))


@pytest.fixture
def store():
    s = reference_store()
    yield s
    s.close()


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder mixing all five layouts in text and HTML (one page each) with the broken files."""
    folder = tmp_path / "pages"
    shutil.copytree(BROKEN_PAGES, folder / "broken")
    for stem in ("a01_border_police_tirana", "b01_newsroom_closed", "c01_municipal_assemblies_skopje",
                 "d02_plain_multicity", "e02_hcnm_issued_by"):
        for suffix in (".txt", ".html"):
            (folder / "good").mkdir(exist_ok=True)
            shutil.copy(GOOD_PAGES / (stem + suffix), folder / "good" / (stem + suffix))
    return folder


def test_mixed_folder_ingests_the_good_and_explains_each_reject(store, mixed):
    report = ingest_paths(store, [mixed])
    status = {o.path.name: o.status for o in report.outcomes}
    assert {n for n, s in status.items() if s == "rejected"} == REJECTED
    assert {n for n, s in status.items() if s == "warnings"} == WITH_WARNINGS
    # the listing's HTML copy states the same three items as its text copy: nothing new to write
    assert report.count("ingested") == 9
    assert {status["b01_newsroom_closed.html"], status["b01_newsroom_closed.txt"]} == {"ingested", "unchanged"}
    for outcome in report.outcomes:
        if outcome.status == "rejected":
            [message] = outcome.messages
            assert message.startswith(f"{outcome.path}:"), message
            assert message.split(":")[1].strip().isdigit(), f"no line number in {message!r}"
    by_name = {o.path.name: o for o in report.outcomes}
    assert "decoded as cp1252" in by_name["cp1252_page.txt"].messages[0]
    assert "byte-order mark" in by_name["bom_page.txt"].messages[0]
    assert "decoded as utf-16" in by_name["utf16_page.txt"].messages[0]
    assert any("truncated" in m for m in by_name["truncated_page.txt"].messages)
    documents = {d for o in report.outcomes for d in o.documents}
    # the listing's text and HTML copies hold the same three items: one document each, not two
    assert report.documents == len(documents) + 3
    assert len(page_graphs(store)) == len(documents)
    assert not report.ok
    assert "4 rejected" in report.text()
    assert any("no date on the page" in m for m in by_name["no_date.txt"].messages)
    assert by_name["unknown_layout.txt"].layout == "?"
    assert any("layout not recognised" in m for m in by_name["unknown_layout.txt"].messages)


def test_same_folder_twice_leaves_the_store_unchanged(store):
    ingest_paths(store, [GOOD_PAGES, BROKEN_PAGES])
    before = dump(store)
    again = ingest_paths(store, [GOOD_PAGES, BROKEN_PAGES])
    assert again.count("ingested") == again.count("warnings") == 0
    assert again.count("rejected") == len(REJECTED)
    assert dump(store) == before


def test_changed_page_replaces_its_graph_without_leftovers(store, tmp_path):
    page = tmp_path / "release.txt"
    shutil.copy(GOOD_PAGES / "d01_plain_vienna_forum.txt", page)
    ingest_paths(store, [page])
    [first] = page_graphs(store)
    page.write_text(page.read_text(encoding="utf-8").replace("discusses small arms", "debates small arms"), encoding="utf-8")
    report = ingest_paths(store, [page])
    assert report.count("ingested") == 1
    [second] = page_graphs(store)
    titles = {str(t) for s, t in store.graph(second).subject_objects(DCTERMS.title) if "/document/" in str(s)}
    assert titles == {"Forum for Security Co-operation debates small arms"}
    assert first != second, "a page without URL is keyed by its content; the old key's graph must be gone"
    assert first not in store.graph_names()


def test_listing_items_are_documents_with_the_listing_as_provenance(store, tmp_path):
    listing = tmp_path / "listing.txt"
    shutil.copy(GOOD_PAGES / "b01_newsroom_closed.txt", listing)
    ingest_paths(store, [listing])
    graphs = page_graphs(store)
    assert len(graphs) == 3
    rows = store.query("""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?g ?loc WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?s . ?s prov:atLocation ?loc } }""")
    assert {r["g"] for r in rows} == set(graphs)
    assert {str(r["loc"]) for r in rows} == {listing.resolve().as_posix()}
    text = listing.read_text(encoding="utf-8")
    listing.write_text(text[: text.index("Estonian language courses")], encoding="utf-8")
    ingest_paths(store, [listing])
    assert len(page_graphs(store)) == 2, "the item that left the listing leaves the store"


def test_a_document_that_fails_shacl_is_rejected_and_the_store_untouched(store, tmp_path):
    page = tmp_path / "future.txt"
    page.write_text("Conference planned\nVIENNA, 1 January 2999 - The OSCE will hold a conference.\n", encoding="utf-8")
    before = dump(store)
    report = ingest_paths(store, [page])
    [outcome] = report.outcomes
    assert outcome.status == "rejected"
    assert any("SHACL" in m and "future" in m for m in outcome.messages), outcome.messages
    assert dump(store) == before


def english_page(url: str, lang: str = "en", title: str = "Chairperson visits Albania",
                 body: str = "TIRANA, 5 March 2007 - The OSCE Chairperson-in-Office visited Albania today and met the Prime Minister.") -> str:
    return f"""<!DOCTYPE html><html lang="{lang}"><head><link rel="canonical" href="{url}"></head><body>
<div>Press release</div><h1>{title}</h1><ul><li>Date:</li><li>Place:</li><li>TIRANA</li><li>Source:</li>
<li>OSCE Presence in Albania</li><li>Fields of work:</li><li>Democratization</li></ul><p>{body}</p></body></html>"""


def test_url_variants_are_one_document_and_translations_are_linked(store, tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    for n, url in enumerate(["https://www.osce.org/cio/86290", "http://osce.org/node/86290?fbclid=x",
                             "https://www.osce.org/de/CIO/86290/", "https://osce.org/sq/node/86290#top"]):
        (folder / f"copy{n}.html").write_text(english_page(url), encoding="utf-8")
    (folder / "german.html").write_text(english_page(
        "https://www.osce.org/de/cio/86290", "de", "Amtierender Vorsitzender besucht Albanien",
        "TIRANA, 5 March 2007 - Der Amtierende Vorsitzende der OSZE besuchte heute Albanien und traf den Ministerpräsidenten."),
        encoding="utf-8")
    report = ingest_paths(store, [folder])
    assert report.ok
    assert sorted(page_graphs(store)) == [iri.graph("page", "node-86290"), iri.graph("page", "node-86290.de")]
    rows = store.query("""PREFIX schema: <https://schema.org/> PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?t ?lang WHERE { ?t schema:translationOfWork ?o ; schema:inLanguage ?lang }""")
    assert [(r["t"], str(r["lang"])) for r in rows] == [(iri.document("node-86290.de"), "de")]
    german = store.graph(iri.graph("page", "node-86290.de"))
    assert Literal("Amtierender Vorsitzender besucht Albanien", lang="de") in set(german.objects())
    assert ingest_paths(store, [folder]).count("ingested") == 0


def test_interrupted_run_keeps_what_was_committed(store, tmp_path, monkeypatch):
    for name in ("d01_plain_vienna_forum.txt", "d02_plain_multicity.txt", "d03_plain_valletta.txt"):
        shutil.copy(GOOD_PAGES / name, tmp_path / name)
    ingest_paths(store, [tmp_path / "d01_plain_vienna_forum.txt"])
    before = dump(store)
    real_read = PageReader.read

    def read(self, path, *args, **kwargs):
        if path.name.startswith("d02"):
            raise KeyboardInterrupt
        return real_read(self, path, *args, **kwargs)

    monkeypatch.setattr(PageReader, "read", read)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [tmp_path])
    assert dump(store) == before, "an interrupted run leaves what was committed, and nothing half-written"
    monkeypatch.undo()
    report = ingest_paths(store, [tmp_path])
    assert [o.status for o in report.outcomes] == ["unchanged", "ingested", "ingested"]
    assert len(page_graphs(store)) == 3


def test_stop_on_error_stops_at_the_first_reject(store, tmp_path):
    shutil.copy(GOOD_PAGES / "d01_plain_vienna_forum.txt", tmp_path / "1_good.txt")
    shutil.copy(BROKEN_PAGES / "empty.txt", tmp_path / "2_empty.txt")
    shutil.copy(GOOD_PAGES / "d02_plain_multicity.txt", tmp_path / "3_good.txt")
    with pytest.raises(InputError, match="2_empty.txt"):
        ingest_paths(store, [tmp_path], keep_going=False)
    assert len(page_graphs(store)) == 1


def test_forced_layout_reads_a_page_detection_does_not_recognise(store, tmp_path):
    page = tmp_path / "odd.txt"
    page.write_text("-\nExperts meet on border security\nVIENNA, 3 May 2010 - Experts from Austria met today.\n", encoding="utf-8")
    generic = PageReader(gazetteer_of(store)).read(page)
    assert generic.layout == "?" and generic.documents[0].date == "2010-05-03"
    report = ingest_paths(store, [page], layout="D")
    assert report.ok and report.outcomes[0].layout == "D"


def test_cli_exit_codes(tmp_path, mixed):
    store_dir = tmp_path / "store"
    reference_store(store_dir).close()
    runner = CliRunner()
    good = runner.invoke(main, ["ingest", "--store", str(store_dir), str(mixed / "good")])
    assert good.exit_code == 0, good.output
    assert "9 ingested" in good.output
    bad = runner.invoke(main, ["ingest", "--store", str(store_dir), str(mixed)])
    assert bad.exit_code == 1
    assert "empty file" in bad.output and "10 unchanged" in bad.output
    stopped = runner.invoke(main, ["ingest", "--stop-on-error", "--store", str(store_dir), str(mixed / "broken")])
    assert stopped.exit_code == 1 and "binary file" in stopped.output


def test_menu_differences_with_the_reference_data(store):
    from osce_kg.pages.menu import compare_menu
    from osce_kg.parse.records import MenuSection

    states = ["Albania", "Atlantis", "Czech Republic", "Finland – OSCE Chairpersonship 2024",
              "Switzerland – OSCE Chairpersonship 2026", "Asian Partners for Co-operation", "Pacific Partners for Co-operation"]
    menu = [MenuSection("Participating States", states),
            MenuSection("Meetings and conferences", ["Gender Equality Review Conferences"])]
    found = {(d.kind, d.entry) for d in compare_menu(menu, gazetteer_of(store), store)}
    assert ("renamed", "Czech Republic") in found
    assert ("new", "Atlantis") in found
    # a navigation entry of the enclosing Countries menu (data/menu_entries.csv); an unknown one is unplaced
    assert not any(entry == "Asian Partners for Co-operation" for _, entry in found)
    assert ("unplaced", "Pacific Partners for Co-operation") in found
    assert ("chairpersonship", "Finland 2024") in found
    assert not any(kind == "chairpersonship" and entry.startswith("Switzerland") for kind, entry in found)
    assert ("missing", "Spain") in found and ("missing", "Albania") not in found
    assert ("renamed", "Gender Equality Review Conferences") in found


def test_a_person_keeps_one_english_label_across_pages(store, tmp_path):
    first = tmp_path / "first.txt"
    first.write_text("Envoy visits Prague\nPRAGUE, 4 May 2004 - Ambassador Jiří Novák, Head of the OSCE Mission to Serbia, visited Prague today.\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Envoy visits Belgrade\nBELGRADE, 5 May 2004 - Ambassador Jiri Novak, Head of the OSCE Mission to Serbia, returned to Belgrade today.\n", encoding="utf-8")
    assert ingest_paths(store, [first, second]).ok
    person = iri.person("Jiří Novák")
    assert person == iri.person("Jiri Novak")
    labels = store.query("""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?p ?l ?alt WHERE { ?p rdfs:label ?l . OPTIONAL { ?p skos:altLabel ?alt } }""", {"p": person})
    assert {str(r["l"]) for r in labels} == {"Jiří Novák"}
    assert {str(r["alt"]) for r in labels if "alt" in r} == {"Jiri Novak"}


def test_a_new_sub_topic_keeps_one_label_across_pages(store, tmp_path):
    def page(n: int, subtopic: str) -> str:
        return (f"Skip Links\nNews\nRelease {n}\nDate:\n{n} May 2015\nSource:\nODIHR\nFields of work:\n"
                f"Tolerance and non-discrimination, {subtopic}\nWARSAW, {n} May 2015 - ODIHR published data.\n")
    (tmp_path / "one.txt").write_text(page(1, "Hate crime reporting"), encoding="utf-8")
    (tmp_path / "two.txt").write_text(page(2, "Hate Crime Reporting"), encoding="utf-8")
    assert ingest_paths(store, [tmp_path]).ok
    concept = iri.concept("field", "hate-crime-reporting")
    rows = store.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?c ?l ?b WHERE { ?c skos:prefLabel ?l ; skos:broader ?b }""", {"c": concept})
    assert {str(r["l"]) for r in rows} == {"Hate crime reporting"}
    assert {r["b"] for r in rows} == {iri.concept("field", "tolerance-and-non-discrimination")}


def test_worker_processes_give_what_one_process_gives(tmp_path, mixed):
    """Reading in two worker processes (as big runs do) gives the same outcomes, in file order, and
    the same graphs as reading in the ingesting process."""
    from rdflib import Graph
    from rdflib.compare import isomorphic
    from rdflib.namespace import PROV

    folder = mixed / "all"
    shutil.copytree(GOOD_PAGES, folder)
    results = {}
    for workers in (1, 2):
        store = reference_store()
        report = ingest_paths(store, [mixed], workers=workers)
        graphs = {}
        for name in page_graphs(store) + [g for g in store.graph_names() if iri.graph_kind(g) == "menu"]:
            g = Graph()
            g += ((s, p, o) for s, p, o in store.graph(name) if p not in (PROV.generatedAtTime, PROV.endedAtTime))
            graphs[name] = g
        results[workers] = ([(o.path, o.status, o.layout, o.documents, o.messages) for o in report.outcomes],
                            report.menu_differences, graphs)
        store.close()
    one, two = results[1], results[2]
    assert len(one[0]) > 130 and {s for _, s, *_ in one[0]} == {"ingested", "warnings", "rejected", "unchanged"}
    assert one[0] == two[0]
    assert one[1] == two[1]
    assert one[2].keys() == two[2].keys()
    assert all(isomorphic(one[2][n], two[2][n]) for n in one[2])


def test_the_date_evidence_and_its_precision_are_in_the_graph(store, tmp_path):
    """A page stating no date is dated by its capture, and says so; a story by its bare date line."""
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(BROKEN_PAGES / "no_date.txt", folder / "no_date.txt")
    shutil.copy(GOOD_PAGES / "n01_story_bare_date_skopje.txt", folder / "story.txt")
    assert ingest_paths(store, [folder]).ok
    rows = store.query("""PREFIX osce: <https://w3id.org/osce-kg/ontology#> PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?title ?date ?evidence ?precision WHERE { ?d a osce:Document ; dct:title ?title ; dct:date ?date ;
        osce:dateEvidence ?evidence ; osce:datePrecision ?precision }""")
    got = {str(r["title"]): (str(r["date"]), str(r["evidence"]).rsplit("#", 1)[1], str(r["precision"]).rsplit("#", 1)[1]) for r in rows}
    captured = date.fromtimestamp((folder / "no_date.txt").stat().st_mtime).isoformat()
    assert got == {
        "A release whose date field is empty and whose body has no dateline": (captured, "CaptureDate", "unitDay"),
        "Young mediators from the region meet in Skopje": ("2016-05-12", "BareLineDate", "unitDay"),
    }


def test_a_translated_text_page_is_linked_to_its_english_original(store):
    reader = PageReader(gazetteer_of(store))
    page = GOOD_PAGES / "n02_albanian_release_tirane.txt"
    [doc] = reader.read(page, url="https://www.osce.org/sq/albania/95137").documents
    assert (doc.language, doc.key, doc.translation_of) == ("sq", "node-95137.sq", "node-95137")
    [english] = reader.read(GOOD_PAGES / "a01_border_police_tirana.txt", url="https://www.osce.org/albania/95137").documents
    assert (english.language, english.key, english.translation_of) == ("en", "node-95137", None)


def test_a_document_without_title_or_any_date_says_so_in_the_graph():
    from pathlib import Path as P

    from rdflib.namespace import DCTERMS as DCT

    from osce_kg.iri import OSCE
    from osce_kg.mapping.pages import PageSource, document_graph
    from osce_kg.parse.records import DocumentRecord

    doc = DocumentRecord(P("page.txt"), "?", 1, body=" ".join(f"word{n}" for n in range(20)), key="file-0000000000000000")
    _, triples = document_graph(doc, PageSource("page.txt", "sha256:00"))
    d = iri.document("file-0000000000000000")
    facts = {(p, str(o)) for s, p, o in triples if s == d}
    assert (DCT.title, " ".join(f"word{n}" for n in range(12)) + " …") in facts
    assert not any(p == DCT.date for p, _ in facts)
    assert any(p == OSCE.undatedReason for p, _ in facts)


def test_damaged_links_and_empty_markup_are_the_pages_problem_not_a_bug(store, tmp_path):
    """Found by the fuzz run: markup that parses to nothing and damaged canonical links were
    internal errors; they are the page's problem, said as such."""
    source = (GOOD_PAGES / "a01_border_police_tirana.html").read_text(encoding="utf-8")
    reader = PageReader(gazetteer_of(store))
    empty = tmp_path / "empty-markup.html"
    empty.write_bytes(b"<!-- nothing but a comment -->")
    with pytest.raises(InputError, match="no readable text"):
        reader.read(empty)
    for damaged in ("https://www.osce.org/odihr/1 2", "https://www.osce.org/a>b", "//", "https://[::1/x"):
        page = tmp_path / "damaged.html"
        page.write_text(re.sub(r'(rel="canonical" href=")[^"]*', lambda m, d=damaged: m.group(1) + d, source), encoding="utf-8")
        record = reader.read(page)
        assert record.documents and any("canonical link is not a usable URL" in w for w in record.warnings), damaged
        assert not [u for d in record.documents for u in d.urls if " " in u or ">" in u]
    # a relative canonical link is resolved against the URL the page was fetched from
    relative = tmp_path / "relative.html"
    relative.write_text(re.sub(r'(rel="canonical" href=")[^"]*', r"\1/node/86290", source), encoding="utf-8")
    record = reader.read(relative, url="https://www.osce.org/albania/86290")
    assert record.documents[0].key == "node-86290"
    report = ingest_paths(store, [empty, page, relative])
    assert [o.status for o in report.outcomes].count("rejected") == 1
    assert not [m for o in report.outcomes for m in o.messages if "internal error" in m]
