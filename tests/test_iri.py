"""The IRIs minted by osce_kg.iri: published, so each rule is pinned here (and by the doctests).

A change of IRI is a reviewed change: tests/minted_iris.txt lists every IRI the bundled data mints
(test_every_minted_iri_is_in_the_reviewed_list below).
"""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef

from minted_iris import LIST, REGENERATE, minted, read_list
from osce_kg import iri
from osce_kg.namespaces import PREFIXES

ID = "https://w3id.org/osce-kg/id/"
GRAPH = "https://w3id.org/osce-kg/graph/"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presence in Albania", "presence-in-albania"),
        ("OSCE Mission to Bosnia and Herzegovina", "osce-mission-to-bosnia-and-herzegovina"),
        ("Türkiye", "turkiye"),
        ("Côte d’Ivoire", "cote-d-ivoire"),  # a typographic apostrophe separates, as an ASCII one does
        ("a  --  b", "a-b"),  # a run of separators is one hyphen
        ("a_b.c/d", "a-b-c-d"),  # anything but a letter or digit separates
        ("--a--", "a"),  # no hyphen at either end
        ("  Office, 2024 ", "office-2024"),
        ("ÆSIR", "aesir"),  # no decomposition to ASCII: transliterated (anyascii), never dropped (issue 11)
        ("Bronisław Geremek", "bronislaw-geremek"),
        ("Knut Vollebæk", "knut-vollebaek"),
        ("Москва", "moskva"),  # other scripts are romanised
        ("Ａ１", "a1"),  # compatibility forms fold (NFKD)
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert iri.slug(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "--", "!?", "…"])
def test_slug_refuses_text_without_ascii_letters_or_digits(text: str) -> None:
    with pytest.raises(ValueError, match="cannot make a slug"):
        iri.slug(text)


@given(st.text())
def test_slug_is_a_valid_key_and_idempotent(text: str) -> None:
    try:
        out = iri.slug(text)
    except ValueError:
        return
    assert out == iri.slug(out)
    assert out[0] != "-" and out[-1] != "-" and "--" not in out
    assert set(out) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert str(iri.entity("person", out)) == ID + "person/" + out


@pytest.mark.parametrize("key", ["a", "A1", "node-1.2_x", "0", "sha256-ab"])
def test_valid_keys(key: str) -> None:
    assert str(iri.entity("kind", key)) == f"{ID}kind/{key}"


@pytest.mark.parametrize("key", ["", "-a", ".a", "_a", "a b", "a/b", "a#b", "é", "a\n"])
def test_invalid_keys_are_refused_with_the_key(key: str) -> None:
    with pytest.raises(ValueError, match="invalid IRI key"):
        iri.entity("kind", key)
    with pytest.raises(ValueError, match="invalid IRI key"):
        iri.entity(key, "a")
    with pytest.raises(ValueError, match="invalid IRI key"):
        iri.graph(key, "a")
    with pytest.raises(ValueError, match="invalid IRI key"):
        iri.graph("page", key)


def test_country_codes() -> None:
    assert iri.country("al") == URIRef(ID + "country/AL")
    assert iri.country("SUHH") == URIRef(ID + "country/SUHH")
    for bad in ("A", "ALB", "AL1", "A-L", "", "ALBAN"):
        with pytest.raises(ValueError, match="invalid country code"):
            iri.country(bad)


def test_each_kind_of_entity() -> None:
    post = iri.post("secretariat", "secretary-general")
    person = iri.person("Helga Maria Schmid")
    assert str(iri.territory("kosovo")) == ID + "territory/kosovo"
    assert str(iri.structure("presence-in-albania")) == ID + "structure/presence-in-albania"
    assert str(iri.place("vienna")) == ID + "place/vienna"
    assert str(person) == ID + "person/helga-maria-schmid"
    assert str(iri.concept("field", "elections")) == ID + "field/elections"
    assert str(iri.scheme("fields-of-work")) == ID + "scheme/fields-of-work"
    assert str(iri.chairpersonship(2024)) == ID + "chairpersonship/2024"
    assert str(iri.membership("participating", "al")) == ID + "membership/participating-AL"
    assert str(post) == ID + "post/secretariat.secretary-general"
    assert str(iri.tenure(post, person, "2020-12")) == ID + "tenure/secretariat.secretary-general.helga-maria-schmid.2020-12"
    assert str(iri.document("node-1234")) == ID + "document/node-1234"
    assert str(iri.source("sha256:ab12")) == ID + "source/sha256-ab12"
    assert str(iri.software("0.1.0")) == ID + "software/osce-kg-0-1-0"
    assert str(iri.part(iri.structure("x"), "lifetime")) == ID + "structure/x#lifetime"
    assert str(iri.renaming("x", "2001-05-01")) == ID + "renaming/x.2001-05-01"
    assert str(iri.closure("x")) == ID + "closure/x"
    assert str(iri.event("node-1")) == ID + "event/node-1"
    assert str(iri.menu_section("Where we are")) == ID + "menu/where-we-are"
    assert str(iri.menu_version("abc123")) == ID + "menu-version/abc123"
    assert str(iri.organization("United Nations Development Programme")) == ID + "organization/united-nations-development-programme"


def test_parts_of_composite_keys_are_checked() -> None:
    for call in (lambda: iri.membership("a b", "AL"), lambda: iri.post("a/b", "c"), lambda: iri.post("a", "c d"),
                 lambda: iri.tenure(iri.post("a", "b"), iri.person("X"), "2020 01"), lambda: iri.part(iri.structure("x"), "a#b"),
                 lambda: iri.renaming("x", "1 May"), lambda: iri.closure("a b")):
        with pytest.raises(ValueError, match="invalid IRI key"):
            call()


def test_graphs_and_their_kinds() -> None:
    assert str(iri.graph("ontology", "osce")) == GRAPH + "ontology/osce"
    assert str(iri.PROVENANCE_GRAPH) == GRAPH + "provenance"
    for kind in ("ontology", "data", "page", "menu"):
        assert iri.graph_kind(iri.graph(kind, "k")) == kind
    assert iri.graph_kind(iri.PROVENANCE_GRAPH) == "provenance"
    assert iri.graph_kind(URIRef("urn:x:graph/page/k")) == "other"
    assert iri.graph_kind(URIRef(GRAPH[:-1])) == "other"
    # a graph another tool named in our namespace, with a deeper path: its kind is still the first segment
    assert iri.graph_kind(URIRef(GRAPH + "page/osce.org/node-1")) == "page"


def test_prefixes_name_the_namespaces_used() -> None:
    assert PREFIXES["osce"] == "https://w3id.org/osce-kg/ontology#"
    assert PREFIXES["id"] == ID
    assert len(set(PREFIXES.values())) == len(PREFIXES)


def test_every_minted_iri_is_in_the_reviewed_list(built_store) -> None:
    """The bundled data's IRIs against tests/minted_iris.txt: an IRI that changes is a diff to
    review; when the change is meant, regenerate the list (REGENERATE) and commit it."""
    now, before = minted(built_store), read_list()
    if now != before:
        diff = "\n".join(list(difflib.unified_diff(before, now, str(LIST), "the bundled data", lineterm=""))[:60])
        pytest.fail(f"the IRIs minted from the bundled data changed ({len(set(before) - set(now))} gone, "
                    f"{len(set(now) - set(before))} new); if meant, run: {REGENERATE}\n{diff}")
