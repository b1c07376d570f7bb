"""Each promise of docs/DESIGN.md ("Provenance") about where the graph's statements come from.

- every named graph G has `G a prov:Entity; prov:wasDerivedFrom <source>; prov:generatedAtTime;
  osce:contentHash "sha256:..."; prov:wasGeneratedBy [a prov:Activity; prov:wasAssociatedWith
  <software osce-kg version>]`;
- source files are `prov:Entity` with `prov:atLocation` (repo-relative path) and, for pages,
  `schema:url` and capture date;
- every row-derived entity has `dct:source` (the row's URL);
- a page keeps its PROV record in its own graph, never in graph/provenance;
- people minted from a page take `dct:source` the page's canonical URL, or the document IRI when
  the page has no URL.
"""

from __future__ import annotations

import csv
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from tests.pages_support import GOOD_PAGES, reference_store

from osce_kg import __version__, iri, paths
from osce_kg.iri import OSCE, SCHEMA
from osce_kg.pages.ingest import ingest_paths
from osce_kg.store.provenance import content_hash

ROOT = paths.ROOT


def record(store, graph: URIRef) -> dict[str, list]:
    """The PROV record of a graph, wherever it is stated: property -> values."""
    rows = store.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?p ?o WHERE {{ GRAPH ?where {{ <{graph}> ?p ?o }} FILTER(?where IN (<{iri.PROVENANCE_GRAPH}>, <{graph}>)) }}""")
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(str(r["p"]), []).append(r["o"])
    return out


def test_every_graph_has_its_prov_record(built_store) -> None:
    graphs = [g for g in built_store.graph_names() if g != iri.PROVENANCE_GRAPH]
    assert len(graphs) > 15
    for g in graphs:
        rec = record(built_store, g)
        assert PROV.Entity in rec.get(str(RDF.type), []), g
        [source] = [s for s in rec[str(PROV.wasDerivedFrom)] if str(s).startswith(str(iri.ID) + "source/")]
        if iri.graph_kind(g) == "menu":
            # a menu version's record names the document of the page that first showed it (DESIGN.md, "Pages")
            assert [d for d in rec[str(PROV.wasDerivedFrom)] if str(d).startswith(str(iri.ID) + "document/")], g
            continue
        [when] = rec[str(PROV.generatedAtTime)]
        assert when.datatype == XSD.dateTime and datetime.fromisoformat(str(when)) <= datetime.now(datetime.fromisoformat(str(when)).tzinfo)
        [hash_] = rec[str(OSCE.contentHash)]
        assert str(source) == str(iri.source(str(hash_))), g
        [activity] = rec[str(PROV.wasGeneratedBy)]
        agents = built_store.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/>
            SELECT ?agent ?version WHERE {{ <{activity}> a prov:Activity ; prov:used <{source}> ; prov:wasAssociatedWith ?agent .
              ?agent a prov:SoftwareAgent ; schema:softwareVersion ?version }}""")
        assert agents and all(str(a["version"]).split("+")[0] == __version__ for a in agents), g


def test_source_files_are_located_in_the_repository_with_their_hash(built_store) -> None:
    rows = built_store.query("""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT DISTINCT ?g ?loc ?hash WHERE { ?g prov:wasDerivedFrom ?s . ?s a prov:Entity ; prov:atLocation ?loc ; osce:contentHash ?hash }""")
    located = {str(r["g"]): (str(r["loc"]), str(r["hash"])) for r in rows}
    for g in built_store.graph_names():
        if g == iri.PROVENANCE_GRAPH:
            continue
        loc, hash_ = located[str(g)]
        assert not Path(loc).is_absolute(), f"{g}: {loc} is not repo-relative"
        assert content_hash((ROOT / loc).read_bytes()) == hash_, f"{g}: {loc} is not the file its hash names"


def test_a_pages_record_is_in_its_own_graph_only(built_store) -> None:
    pages = [g for g in built_store.graph_names() if iri.graph_kind(g) == "page"]
    assert pages
    provenance = built_store.graph(iri.PROVENANCE_GRAPH)
    for g in pages:
        assert not set(provenance.triples((g, None, None))), f"{g}: its record must not be in graph/provenance"
        own = built_store.graph(g)
        [source] = own.objects(g, PROV.wasDerivedFrom)
        assert (g, OSCE.contentHash, None) in own and (source, PROV.atLocation, None) in own


def _rows(file: str) -> list[dict[str, str]]:
    with (paths.DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("file", "entity"), [
    ("participating_states.csv", lambda r: iri.country(r["iso2"])),
    ("former_states.csv", lambda r: iri.country(r["iso3166_3"])),
    ("structures.csv", lambda r: iri.structure(r["key"])),
    ("field_operations.csv", lambda r: iri.structure(r["key"])),
    ("places.csv", lambda r: iri.place(r["key"])),
    ("people.csv", lambda r: iri.person(r["name"])),
    ("renamings.csv", lambda r: iri.renaming(r["operation"], r["date"])),
    ("chairpersonships.csv", lambda r: iri.chairpersonship(int(r["year"]))),
])
def test_every_row_derived_entity_cites_the_rows_urls(built_store, file, entity) -> None:
    rows = _rows(file)
    assert rows and "source" in rows[0]
    for row in rows:
        cited = {str(o) for o in built_store.union_graph([iri.graph("data", file.removesuffix(".csv"))]).objects(entity(row), DCTERMS.source)}
        assert set(row["source"].split(";")) <= cited, f"{file}: {entity(row)} does not cite {row['source']}"


def test_people_of_a_page_without_url_cite_the_document(built_store) -> None:
    for g in [g for g in built_store.graph_names() if iri.graph_kind(g) == "page"]:
        own = built_store.graph(g)
        [source] = own.objects(g, PROV.wasDerivedFrom)
        assert (source, SCHEMA.url, None) not in own, "the bundled page is a crawl file without URL"
        people = set(own.subjects(RDF.type, OSCE.Person))
        assert people
        documents = set(own.subjects(RDF.type, OSCE.PressRelease)) | set(own.subjects(RDF.type, OSCE.Document))
        for person in people:
            assert set(own.objects(person, DCTERMS.source)) <= documents and set(own.objects(person, DCTERMS.source)), person


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The good fixture pages, each saved on a known day, ingested into the reference data."""
    folder = tmp_path_factory.mktemp("pages")
    saved = {}
    for n, page in enumerate(sorted(p for p in GOOD_PAGES.iterdir() if p.is_file())):
        copy = folder / page.name
        shutil.copy(page, copy)
        day = date(2024, 1 + n % 12, 1 + n % 28)
        os.utime(copy, (datetime(day.year, day.month, day.day, 12).timestamp(),) * 2)
        saved[copy.as_posix()] = day
    store = reference_store()
    report = ingest_paths(store, [folder])
    assert report.count("rejected") == 0, report.text()
    yield store, saved
    store.close()


def test_page_sources_carry_the_url_and_the_capture_date(ingested) -> None:
    store, saved = ingested
    rows = store.query("""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        PREFIX schema: <https://schema.org/>
        SELECT ?g ?loc ?day ?url WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?s . ?s prov:atLocation ?loc ; osce:capturedOn ?day .
          OPTIONAL { ?s schema:url ?url } } FILTER(STRSTARTS(STR(?g), "https://w3id.org/osce-kg/graph/page/")) }""")
    pages = [g for g in store.graph_names() if iri.graph_kind(g) == "page"]
    assert {r["g"] for r in rows} == set(pages)
    for r in rows:
        assert date.fromisoformat(str(r["day"])) == saved[Path(str(r["loc"])).resolve().as_posix()], r
        assert r["day"].datatype == XSD.date
    with_url = [r for r in rows if "url" in r]
    assert with_url, "the HTML fixtures have a canonical URL"
    for r in with_url:
        assert str(r["url"]).startswith(("https://www.osce.org/", "https://osce.org/")), r


def test_people_of_a_page_cite_its_url_else_its_document(ingested) -> None:
    """The page's canonical URL; a page without one (a crawl file), or an item of a listing (which
    has no page of its own), is cited by its document's IRI."""
    store, _ = ingested
    checked = with_url = 0
    for g in [g for g in store.graph_names() if iri.graph_kind(g) == "page"]:
        own = store.graph(g)
        documents = {s for s in own.subjects() if isinstance(s, URIRef) and str(s).startswith(str(iri.ID) + "document/")}
        [source] = own.objects(g, PROV.wasDerivedFrom)
        page_url = own.value(source, SCHEMA.url)
        # the page's canonical URL (the source's schema:url), else the document
        citable = {page_url} if page_url is not None and not str(g).rsplit("/", 1)[1].startswith("item-") else documents
        for person in own.subjects(RDF.type, OSCE.Person):
            cited = set(own.objects(person, DCTERMS.source))
            assert cited and cited <= citable, (g, person, cited, citable)
            checked += 1
            with_url += any(not str(c).startswith(str(iri.ID)) for c in cited)
    assert checked >= 3 and with_url >= 1


def test_a_literal_capture_date_is_never_in_the_future(ingested) -> None:
    store, _ = ingested
    for r in store.query("PREFIX osce: <https://w3id.org/osce-kg/ontology#> SELECT ?d WHERE { ?s osce:capturedOn ?d }"):
        assert isinstance(r["d"], Literal) and date.fromisoformat(str(r["d"])) <= date.today()
