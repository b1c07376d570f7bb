"""Rules of the page reader's people, States and structures, one per test (written for mutmut's
survivors in parse/entities.py: docs/mutation.md). The texts are written here, in the phrasing of
the site's releases."""

from __future__ import annotations

import pytest

from osce_kg import iri
from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.entities import (
    EntityReader,
    _is_clause,
    _is_honorific,
    _looks_personal,
    _personal_context,
    _post_line,
    _reads_as_role,
    _role_before,
    _role_in_apposition,
    _same_person,
    _speaker_by_surname,
)
from osce_kg.parse.records import PersonRef

SKOPJE = str(iri.structure("mission-to-skopje"))


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
    people = _people(reader, ["Ana Novak, Head of the Mission, a diplomat from Germany, said it."], issuer=SKOPJE)
    assert people == [("Ana Novak", "Head of the Mission, a diplomat from Germany", SKOPJE)]


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
    # a post in lower case when none is capitalised (round 7), with its qualifier
    ("the first secretary", "first secretary"),
    ("the heart of the old town", None),
])
def test_the_role_a_name_stands_in_apposition_to(before, role):
    assert _role_in_apposition(before) == role


def test_a_role_in_apposition_is_looked_for_in_the_last_160_characters():
    clause = ("Mayor" + " of the old town on the river" * 6)[:161]
    assert len(clause) == 161
    assert _role_in_apposition(clause[:160]) == clause[:160]
    assert _role_in_apposition(clause) is None, "'Mayor' is the 161st character from the end"


# --- a role written before the name ---------------------------------------------------------------

@pytest.mark.parametrize("text, people", [
    ("Moldovan Foreign Minister Ana Novak's visit was short.", [("Ana Novak", "Moldovan Foreign Minister", str(iri.country("MD")))]),
    ("Serbia's Ombudsman Ana Novak spoke.", [("Ana Novak", "Serbia's Ombudsman", str(iri.country("RS")))]),
    ("The talks with the Minister of Foreign Affairs Rashid Meredov went well.", [("Rashid Meredov", "Minister of Foreign Affairs", None)]),
    ("The Minister of Education and Science Tamar Sanikidze spoke.", [("Tamar Sanikidze", "Minister of Education and Science", None)]),
    ("Senior Adviser on Gender Issues Ana Novak spoke.", [("Ana Novak", "Senior Adviser on Gender Issues", None)]),
    ("First Deputy Minister Ana Novak spoke.", [("Ana Novak", "First Deputy Minister", None)]),
    ("Special Representative Ana Novak spoke.", [("Ana Novak", "Special Representative", None)]),
    ("They met journalist Ana Novak in Vienna.", [("Ana Novak", "journalist", None)]),
    # an excerpt cut at its start: the role is the paragraph's first words
    ("journalist Ana Novak received the award.", [("Ana Novak", "journalist", None)]),
    ("human rights defender Ana Novak received the award.", [("Ana Novak", "human rights defender", None)]),
    ("Mr. John Q. Smith opened the session.", [("John Q. Smith", None, None)]),
    ("Mr. Ana Novak spoke at the event.", [("Ana Novak", None, None)]),
    ("OSCE Secretary General Marc Perrin de Brichambaut said the plan was good.",
     [("Marc Perrin de Brichambaut", "OSCE Secretary General", str(iri.structure("secretariat")))]),
    ("The event was opened by Ambassador Ana Novak and closed by Ambassador Ben Smith.",
     [("Ana Novak", "Ambassador", None), ("Ben Smith", "Ambassador", None)]),
    ("Ambassador Ana Novak, who heads the Mission, spoke.", [("Ana Novak", "Ambassador", None)]),
])
def test_a_role_before_the_name(reader, text, people):
    assert _people(reader, [text]) == people


@pytest.mark.parametrize("text, people", [
    ("The Maltese Foreign Minister, George Vella, opened the meeting.", [("George Vella", "Maltese Foreign Minister", str(iri.country("MT")))]),
    ("The meeting was chaired by Terhi Hakala, Head of the OSCE Mission to Georgia.",
     [("Terhi Hakala", "Head of the OSCE Mission to Georgia", str(iri.structure("mission-to-georgia")))]),
    ("Dunja Mijatovic, OSCE Representative on Freedom of the Media said today that the law was bad.",
     [("Dunja Mijatović", "OSCE Representative on Freedom of the Media", str(iri.structure("rfom")))]),
    ("The Mayor of The Hague, Jan van Zanen, opened the meeting.", [("Jan van Zanen", "Mayor of The Hague", None)]),
    ("..., the Speaker of Parliament, Mr. Matti Vanhanen, opened the session.", [("Matti Vanhanen", "Speaker of Parliament", None)]),
])
def test_a_role_beside_the_name_between_commas(reader, text, people):
    assert _people(reader, [text]) == people


@pytest.mark.parametrize("text, people", [
    ("The Head of Mission met with Ana Novak, Ben Smith and Carla Jones.", ["Ana Novak", "Ben Smith", "Carla Jones"]),
    ("The students met Ana Novak and Ben Smith.", ["Ana Novak", "Ben Smith"]),
    ("Thomas Greminger (Svizzera): luglio 2017 - luglio 2020", ["Thomas Greminger"]),
])
def test_names_listed_after_a_meeting_verb_or_on_a_roster_line(reader, text, people):
    assert [p[0] for p in _people(reader, [text])] == people


# --- States, funders, organisers, partners, participants -------------------------------------------

@pytest.mark.parametrize("text", [
    "Tribunal for the former Yugoslavia ruled.",
    "Northern Ireland hosted the talks.",
])
def test_a_state_inside_a_longer_proper_name_at_the_start_of_a_text_is_not_named(reader, text):
    assert reader.read(None, [text], None).states == []


def test_funders_are_the_states_of_the_funding_clause(reader):
    found = reader.read(None, ["The project, funded by Germany and supported by Vienna, ended."], None)
    assert found.funders == [str(iri.country("DE"))]


@pytest.mark.parametrize("text, organisers", [
    ("The course was organized by the ODIHR in Vienna.", ["odihr"]),
    ("The ODIHR organized a course.", ["odihr"]),
])
def test_organisers_are_structures(reader, text, organisers):
    assert reader.read(None, [text], None).organisers == [str(iri.structure(o)) for o in organisers]


@pytest.mark.parametrize("text, partners", [
    ("The course was held in co-operation with the Council of Europe and UNDP.", ["Council of Europe and UNDP"]),
    ("The course was held in partnership with Local Police Academy of Tirana.", ["Local Police Academy of Tirana"]),
    ("The course was held in partnership with the OSCE Presence in Albania.", [str(iri.structure("presence-in-albania"))]),
])
def test_partners_are_structures_or_named_organisations(reader, text, partners):
    assert reader.read(None, [text], None).partners == partners


@pytest.mark.parametrize("text, participants", [
    ("More than fifty-five officers attended.", 55),
    ("Some 1,200 students took part.", 1200),
])
def test_the_number_of_participants(reader, text, participants):
    assert reader.read(None, [text], None).participants == participants


def test_a_person_in_a_paragraph_named_after_a_role_naming_the_mission_is_the_issuers(reader):
    people = _people(reader, ["Head of the Mission Ana Novak visited Tetovo."], issuer=SKOPJE)
    assert people == [("Ana Novak", "Head of the Mission", SKOPJE)]


# --- the small rules, on text ---------------------------------------------------------------------

@pytest.mark.parametrize("text, role", [
    ("the host of the event", True),
    ("a host of the event", True),
    ("an organiser of the event", True),
    ("former host of the event", True),
    ("Kazakh national", True),
    ("current deputy head", True),
    # a clause, not a role; a role word past the third word does not make one
    ("met today in Belgrade", False),
    ("who met the minister", False),
])
def test_what_reads_as_a_role_after_a_name(text, role):
    assert _reads_as_role(text) is role


def test_an_honorific_prefix():
    assert _is_honorific("Mr.") and _is_honorific("Ms")
    assert not _is_honorific("Foreign Minister")


@pytest.mark.parametrize("before, prefix, role", [
    ("visited the king ", "", "king"),
    ("with visiting journalist ", "", "journalist"),
    ("Interviewed by journalist ", "", "journalist"),
    ("Mr Minister ", "", "Minister"),
    ("", "Mr Minister", "Minister"),
    ("Head of the Minister ", "", "Head of the Minister"),
    # 'Chief' qualifies a post, it names none
    ("the Chief ", "", None),
])
def test_the_role_written_before_a_name(before, prefix, role):
    assert _role_before(before, prefix) == role


@pytest.mark.parametrize("paragraph, start, personal", [
    ("Ana Novak said it.", 0, True),
    ("Yes. Ana Novak said it.", 5, True),
    ('"Ana Novak said it."', 1, False),
    ("The Ana Novak said", 4, False),
])
def test_a_bare_name_before_said_counts_at_a_sentence_or_clause_start(paragraph, start, personal):
    assert _looks_personal("Ana Novak", paragraph, start) is personal


@pytest.mark.parametrize("text", ["Ana Novak, North Macedonia", "• Ana Novak, North Macedonia"])
def test_a_line_opening_with_a_name_and_a_state(reader, text):
    assert _people(reader, [text]) == [("Ana Novak", "North Macedonia", str(iri.country("MK")))]


@pytest.mark.parametrize("before, role", [
    ("the Mayor of Tirana,", "Mayor of Tirana"),
    ("the Director of Unit X", "Director of Unit X"),
])
def test_a_role_in_apposition_keeps_its_words_but_not_a_comma(before, role):
    assert _role_in_apposition(before) == role


@pytest.mark.parametrize("line, post", [
    ("Head of Mission", True),
    ("National Political and Press Affairs Officer", True),
    # the post must come within the first six words, and the line is no sentence
    ("National Press and Public Information Unit Officer", False),
    ("Head of Mission.", False),
])
def test_a_line_naming_a_post(line, post):
    assert _post_line(line) is post


@pytest.mark.parametrize("length, post", [(120, True), (121, False)])
def test_a_post_line_is_at_most_120_characters(length, post):
    line = ("Head of the Department for Security Co-operation and Border Management and Police Reform and Training in the Region " * 2)[: length - 1] + "s"
    assert _post_line(line) is post


@pytest.mark.parametrize("paragraph, name, personal", [
    ("Ana Novak's release was demanded.", "Ana Novak's", True),
    ("The Ana Novak trial began.", "Ana Novak", False),
    ("release of Ana Novak", "Ana Novak", True),
    ("chaired by Ana Novak", "Ana Novak", True),
    # a sentence's subject with a verb and a pronoun later
    ("It rained. Ana Novak arrived and she spoke.", "Ana Novak", True),
    ("It rained! Ana Novak arrived and she spoke.", "Ana Novak", True),
    ("It rained, Ana Novak arrived and she spoke.", "Ana Novak", False),
])
def test_a_name_the_text_treats_as_a_persons(paragraph, name, personal):
    start = paragraph.index(name)
    assert _personal_context(paragraph, start, start + len(name)) is personal


@pytest.mark.parametrize("text, ends", [
    ("President Ana Novak", True),
    ("the President Ana Novak", True),
    ("Minister of Education and Science Tamar Sanikidze", True),
    ("and Ana Novak", False),
    ("Head of Mission", False),
])
def test_a_text_ending_in_a_post_and_its_holders_name(reader, text, ends):
    assert reader._ends_in_named_post(text) is ends


def test_a_question_ends_a_sentence_before_a_subject():
    paragraph = "Why? Ana Novak arrived and she spoke."
    assert _personal_context(paragraph, 5, 14)


@pytest.mark.parametrize("role, clause", [
    ("the newly appointed Head of Mission", False),
    ("Head of Mission asked for help", True),
])
def test_a_verb_after_the_post_makes_a_clause_not_a_post(role, clause):
    assert _is_clause(role) is clause
