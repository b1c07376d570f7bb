"""Rules of the page reader's people, States and structures, one per test (written for mutmut's
survivors in parse/entities.py: docs/mutation.md). The texts are written here, in the phrasing of
the site's releases."""

from __future__ import annotations

import pytest
from tests.pages_support import gazetteer_of, reference_store

from osce_kg import iri
from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.entities import EntityReader, _role_in_apposition, _same_person, _speaker_by_surname
from osce_kg.parse.records import PersonRef

SKOPJE = str(iri.structure("mission-to-skopje"))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return gazetteer_of(reference_store())


@pytest.fixture
def reader(gazetteer: Gazetteer) -> EntityReader:
    # a reader per test: mutmut credits a module-scoped fixture's calls to the first test only
    return EntityReader(gazetteer)


def _people(reader: EntityReader, paragraphs: list[str], title: str | None = None, issuer: str | None = None) -> list[tuple]:
    return [(p.name, p.role, p.affiliation) for p in reader.read(title, paragraphs, issuer).people]


# --- where a person comes from --------------------------------------------------------------------

@pytest.mark.parametrize("text, people", [
    ("Ana Novak from Georgia spoke.", [("Ana Novak", None, str(iri.country("GE")))]),
    ("Sintija Oskalne of the Conflict Prevention Centre spoke.",
     [("Sintija Oskalne", None, str(iri.structure("conflict-prevention-centre")))]),
    # the OSCE itself is no one's affiliation, a city is none, and the State must follow 'from' at once
    ("Ana Novak of the OSCE spoke.", []),
    ("Ana Novak from Vienna spoke.", []),
    ("Ana Novak from the capital of Georgia spoke.", []),
])
def test_a_person_from_a_state_or_structure(reader, text, people):
    assert _people(reader, [text]) == people


def test_the_osce_itself_is_no_organiser(reader):
    assert reader.read(None, ["The event was organized by the OSCE."], None).organisers == []


def test_the_issuer_is_named_by_the_mission_only_when_the_text_says_so(reader):
    found = reader.read(None, ["Ana Novak met the press."], SKOPJE)
    assert (found.people, found.structures) == ([], [])


def test_a_role_naming_the_mission_is_affiliated_to_the_issuer_before_a_state_named_later(reader):
    people = _people(reader, ['"Trust is key," said Ana Novak, Head of the Mission, seconded by Germany.'], issuer=SKOPJE)
    assert people == [("Ana Novak", "Head of the Mission, seconded by Germany", SKOPJE)]


def test_a_person_named_in_the_title_is_affiliated_to_the_issuer(reader):
    people = _people(reader, [], title="Head of the Mission Ana Novak visits Tetovo", issuer=SKOPJE)
    assert people == [("Ana Novak", "Head of the Mission", SKOPJE)]


# --- roles in brackets, credits -------------------------------------------------------------------

@pytest.mark.parametrize("text, people", [
    ("Isabel Santos (MP, Socialist Party) spoke.", [("Isabel Santos", "MP, Socialist Party", None)]),
    ("Isabel Santos (MP, Portugal) spoke.", [("Isabel Santos", "MP, Portugal", str(iri.country("PT")))]),
    # a bracket that names no post and no State is no role (a city is none)
    ("Isabel Santos (photo archive) spoke.", []),
    ("Isabel Santos (Vienna) spoke.", []),
])
def test_a_role_in_brackets_after_the_name(reader, text, people):
    assert _people(reader, [text]) == people


def test_a_photographer_credited_after_the_osce(reader):
    assert _people(reader, ["Photo: OSCE/Ana Novak"]) == [("Ana Novak", "photographer", None)]


def test_a_credit_line_is_a_person_only_when_it_is_a_name(reader):
    assert reader.credited("Ana Novak", "author") == PersonRef("Ana Novak", "author")
    assert reader.credited("OSCE", "photographer") is None


# --- names: what is cut off them ------------------------------------------------------------------

@pytest.mark.parametrize("written, name", [
    ("Prof. Ana Novak", "Ana Novak"),
    ("Sir Ana Novak", "Ana Novak"),
    ("Public Defender Paata Beltadze", "Paata Beltadze"),
    ("Defender Paata Beltadze", "Paata Beltadze"),
    ("Ana Maria Novak's", "Ana Maria Novak"),
    ("Ana Novak’s", "Ana Novak"),
    ("Ana Maria van der Berg", "Ana Maria van der Berg"),
    # six words are no name, nor a phrase that starts with a verb
    ("Ana Maria Luisa van der Berg", None),
    ("Visiting Ana Novak", None),
])
def test_the_name_left_of_a_run_of_words(reader, written, name):
    assert reader._clean_name(written) == name


def test_one_person_keeps_the_fullest_form_of_the_name_with_its_diacritics(reader):
    people: list[PersonRef] = []
    reader.add_person(people, PersonRef("Miroslav Lajčák"))
    reader.add_person(people, PersonRef("Miroslav Lajcak"))
    assert [p.name for p in people] == ["Miroslav Lajčák"]
    people = [PersonRef("Miroslav Lajcak")]
    reader.add_person(people, PersonRef("Miroslav Lajčák"))
    assert [p.name for p in people] == ["Miroslav Lajčák"]
    reader.add_person(people, PersonRef("M. Lajčák"))
    assert [p.name for p in people] == ["Miroslav Lajčák"]


@pytest.mark.parametrize("a, b, same", [
    ("Ana Novak", "Novak", True),
    ("Novak", "Ana Novak", True),
    ("A. Novak", "Ana Novak", True),
    ("Miroslav Lajcak", "Miroslav Lajčák", True),
    ("Ana Novak", "Ben Novak", False),
    ("Ana Novak", "Jana Novak", False),
])
def test_two_forms_of_one_name(a, b, same):
    assert _same_person(a, b) is same


def test_a_speaker_named_by_surname_is_the_person_of_that_surname():
    paragraph = '"Trust takes time to build," Novak said.'
    assert _speaker_by_surname(paragraph, [PersonRef("Ana Maria Novak")]) == "Ana Maria Novak"
    assert _speaker_by_surname(paragraph, [PersonRef("Ana Maria Smith")]) is None


def test_a_quotation_keeps_its_last_letters(reader):
    found = reader.read(None, ['"We support the rules of Article IX," said Ana Novak.'], None)
    assert [(q.text, q.speaker) for q in found.quotations] == [("We support the rules of Article IX", "Ana Novak")]


# --- a role in apposition: 'the Mayor of The Hague, Jan van Zanen,' -------------------------------

@pytest.mark.parametrize("before, role", [
    ("the Mayor of The Hague", "Mayor of The Hague"),
    ("He spoke. The Mayor of The Hague", "Mayor of The Hague"),
    ("Visitors met the Foreign Minister of Malta", "Foreign Minister of Malta"),
    ("Foreign Minister of Malta", "Foreign Minister of Malta"),
    ("the Director, Department of Human Rights", "Director, Department of Human Rights"),
    # 'Chief' qualifies a post, it names none
    ("the Chief of Staff", None),
    ("the first secretary", None),
])
def test_the_role_a_name_stands_in_apposition_to(before, role):
    assert _role_in_apposition(before) == role


def test_a_role_in_apposition_is_looked_for_in_the_last_160_characters():
    clause = ("Mayor" + " of the old town on the river" * 6)[:161]
    assert len(clause) == 161
    assert _role_in_apposition(clause[:160]) == clause[:160]
    assert _role_in_apposition(clause) is None, "'Mayor' is the 161st character from the end"
