"""Round 9 of the page reader's people (issue 11): the kinds behind the misses of batches 12 and 13,
each on a sentence written here in the phrasing of the site's releases (invented names and bodies)."""

from __future__ import annotations

import pytest

from osce_kg.gazetteer import Gazetteer
from osce_kg.parse.entities import EntityReader


@pytest.fixture
def reader(gazetteer: Gazetteer) -> EntityReader:
    return EntityReader(gazetteer)


def _people(reader: EntityReader, *paragraphs: str, title: str | None = None) -> list[str]:
    return [p.name for p in reader.read(title, list(paragraphs), None).people]


def _roles(reader: EntityReader, *paragraphs: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.role) for p in reader.read(None, list(paragraphs), None).people]


# holders of a post named in the plural before them ------------------------------------------------

@pytest.mark.parametrize("text, people", [
    # the Representative's releases list jailed or released journalists without posts of their own
    ("It follows the release of journalists Tomas Vrbenko and Ilir Kastrati earlier this year.",
     ["Tomas Vrbenko", "Ilir Kastrati"]),
    ("She welcomed the lifting of charges against journalists Tomas Vrbenko of Dnevni Glas, Ilir Kastrati of "
     "Radio Vala and Mirela Dushku of the Courier as well as the release of a blogger.",
     ["Tomas Vrbenko", "Ilir Kastrati", "Mirela Dushku"]),
    ("She met the Speaker and parliamentarians Tomas Vrbenko, Ilir Kastrati and Mirela Dushku and other politicians.",
     ["Tomas Vrbenko", "Ilir Kastrati", "Mirela Dushku"]),
    ("I call on the authorities to release other jailed journalists, including Tomas Vrbenko and Ilir (Ilo) Kastrati.",
     ["Tomas Vrbenko", "Ilir Kastrati"]),
])
def test_holders_listed_after_a_plural_post_are_people(reader, text, people):
    assert _people(reader, text) == people


def test_a_plural_post_s_body_is_no_part_of_the_first_holder_s_name(reader):
    text = ("The Representative met the Justice Minister and members of the board of the Public Radio Tomas "
            "Vrbenko and Ilir Kastrati.")
    assert _roles(reader, text)[-2:] == [("Tomas Vrbenko", "member of the board of the Public Radio"),
                                         ("Ilir Kastrati", "member")]


def test_a_plural_post_before_a_body_s_name_names_no_one(reader):
    text = ("The meeting brought together centre representatives, National Focal Points to the Convention and "
            "members of the Council of Europe.")
    assert _people(reader, text) == []


def test_items_under_a_heading_naming_the_holders_of_a_post_are_people(reader):
    paragraphs = ["In particular, the Representative noted the cases involving the following journalists:",
                  "Tomas Vrbenko of dnevniglas.ut news website was attacked at a polling station;",
                  "Ilir Kastrati of Radio Vala was obstructed at the headquarters of a party;",
                  "Reportedly, the police have started investigations."]
    assert _roles(reader, *paragraphs) == [("Tomas Vrbenko", "journalist"), ("Ilir Kastrati", "journalist")]


# a body's words before a name --------------------------------------------------------------------

def test_a_body_s_common_word_is_no_part_of_the_name_after_it(reader):
    text = ("The Representative met the Foreign Minister Tomas Vrbenko and the Head of the Police Headquarters "
            "Ilir Kastrati.")
    assert _people(reader, text) == ["Tomas Vrbenko", "Ilir Kastrati"]


def test_a_post_s_body_may_hang_on_under(reader):
    text = ("She met members of the Parliament and the Head of the Committee on Radio under the Government of "
            "Utopia Ilir Kastrati.")
    assert _roles(reader, text) == [("Ilir Kastrati", "Head of the Committee on Radio under the Government of Utopia")]


# posts and ranks ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("They met with Cardinal Tomas Vrbenko, Secretary of the Council.", "Tomas Vrbenko"),
    ("They met with Archbishop Ilir Kastrati, Secretary for Relations with States.", "Ilir Kastrati"),
    ("(OSCE)Presenter Mirela Dushku during the first of a series of radio talk shows.", "Mirela Dushku"),
    ("Ilir Kastrati, an assistant to Utopian reporters, was detained in June.", "Ilir Kastrati"),
])
def test_church_ranks_and_occupations_are_posts(reader, text, name):
    assert _people(reader, text) == [name]
