"""The gazetteer reads names from a graph's labels and finds them on word boundaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDFS, Graph, Literal
from rdflib.namespace import SKOS

from osce_kg import iri
from osce_kg.gazetteer import Gazetteer
from osce_kg.iri import OSCE


def small_graph() -> Graph:
    g = Graph()
    spain, albania, nl = iri.country("ES"), iri.country("AL"), iri.country("NL")
    g.add((spain, RDFS.label, Literal("Spain", lang="en")))
    g.add((spain, RDFS.label, Literal("Espagne", lang="fr")))
    g.add((spain, OSCE.adjective, Literal("Spanish", lang="en")))
    g.add((albania, RDFS.label, Literal("Albania", lang="en")))
    g.add((albania, OSCE.adjective, Literal("Albanian", lang="en")))
    g.add((nl, RDFS.label, Literal("The Netherlands", lang="en")))
    presence = iri.structure("presence-in-albania")
    g.add((presence, RDFS.label, Literal("OSCE Presence in Albania", lang="en")))
    g.add((presence, SKOS.altLabel, Literal("Presence in Albania", lang="en")))
    odihr = iri.structure("odihr")
    g.add((odihr, RDFS.label, Literal("Office for Democratic Institutions and Human Rights", lang="en")))
    g.add((odihr, SKOS.altLabel, Literal("ODIHR", lang="en")))
    g.add((iri.structure("summit"), RDFS.label, Literal("Summit", lang="en")))
    g.add((iri.place("skopje"), RDFS.label, Literal("Skopje", lang="en")))
    g.add((iri.concept("field", "policing"), SKOS.prefLabel, Literal("Policing", lang="en")))
    g.add((iri.person("kevin-carty"), RDFS.label, Literal("Kevin Carty", lang="en")))
    return g


def test_names_adjectives_and_possessives_on_word_boundaries():
    gaz = Gazetteer.from_graph(small_graph())
    found = gaz.find("Head of Spain's Mission met Albanian and Spanish experts; Spainish is no word.")
    assert [(m.text, m.iri) for m in found] == [
        ("Spain", str(iri.country("ES"))), ("Albanian", str(iri.country("AL"))), ("Spanish", str(iri.country("ES"))),
    ]


def test_only_english_and_untagged_labels_are_matched_in_bodies():
    gaz = Gazetteer.from_graph(small_graph())
    assert gaz.find("La délégation de l'Espagne") == []


def test_longest_match_within_a_kind_and_kinds_kept_apart():
    gaz = Gazetteer.from_graph(small_graph())
    found = gaz.find("The OSCE Presence in Albania opened")
    assert {(m.kind, m.text) for m in found} == {("structure", "OSCE Presence in Albania"), ("state", "Albania")}


def test_capitals_and_abbreviations_must_be_written_so():
    gaz = Gazetteer.from_graph(small_graph())
    assert gaz.find("a summit of odihr experts") == []
    assert [m.text for m in gaz.find("the Summit asked ODIHR")] == ["Summit", "ODIHR"]


def test_leading_the_is_optional_mid_sentence():
    gaz = Gazetteer.from_graph(small_graph())
    assert [m.iri for m in gaz.find("funded by the Netherlands")] == [str(iri.country("NL"))]


def test_fuzzy_lookup_keeps_misspelt_cities_but_not_strangers():
    gaz = Gazetteer.from_graph(small_graph())
    assert gaz.lookup_scored("SKOPE", "city")[0] == str(iri.place("skopje"))
    assert gaz.lookup_scored("BUCHAREST", "city") == (None, 0.0)
    assert gaz.lookup("policing", "field") == str(iri.concept("field", "policing"))


def test_new_reference_data_extends_the_gazetteer():
    g = small_graph()
    assert Gazetteer.from_graph(g).find("Montenegrin authorities") == []
    g.add((iri.country("ME"), OSCE.adjective, Literal("Montenegrin", lang="en")))
    assert [m.iri for m in Gazetteer.from_graph(g).find("Montenegrin authorities")] == [str(iri.country("ME"))]


def test_people_are_not_gazetteer_entities():
    assert Gazetteer.from_graph(small_graph()).find("Kevin Carty said") == []


def _longest_by_pairs(matches):
    """The plain definition of _longest (every match against every kept one), to check the one-pass version."""
    matches = sorted(matches, key=lambda m: (m.start, -(m.end - m.start)))
    kept = []
    for m in matches:
        if any(k.kind == m.kind and k.start <= m.start and m.end <= k.end and (k.start, k.end) != (m.start, m.end)
               for k in kept):
            continue
        if any(k.kind == m.kind and k.start == m.start and k.end == m.end and k.iri == m.iri for k in kept):
            continue
        kept.append(m)
    return kept


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 6), st.sampled_from("ab"), st.sampled_from("xyz")), max_size=40))
def test_longest_keeps_what_the_pairwise_definition_keeps(spans):
    from osce_kg.gazetteer import Match, _longest

    matches = [Match(iri, kind, "t", start, start + length) for start, length, kind, iri in spans]
    assert _longest(list(matches)) == _longest_by_pairs(matches)
