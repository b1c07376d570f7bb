"""Names and codes of States from pycountry (ISO 3166), babel (Unicode CLDR) and country_converter.

Names in the six OSCE languages come from CLDR rather than a hand-typed table, so they are
maintained upstream and stay consistent with what other software shows; the variants texts use
("the US", "Russia", "Kyrgyz Republic") and the rule that tells a State's name from a longer name
containing it come from country_converter's table.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError

OSCE_LANGUAGES = ("en", "fr", "de", "it", "ru", "es")
"""The six official languages of the OSCE."""


def is_current_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code of an existing country."""
    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def is_former_code(code: str) -> bool:
    """True for an ISO 3166-3 alpha-4 code of a country that no longer exists."""
    return len(code) == 4 and pycountry.historic_countries.get(alpha_4=code) is not None


def iso_name(code: str) -> str:
    """pycountry's name: the official name when ISO gives one, else the short name.

    For former States (alpha-4) the ISO 3166-3 name.
    """
    country = pycountry.historic_countries.get(alpha_4=code) if len(code) == 4 else pycountry.countries.get(alpha_2=code)
    if country is None:
        raise ValueError(f"not an ISO 3166 code: {code!r}")
    if len(code) == 4:
        return country.name
    return getattr(country, "official_name", None) or country.name


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale(language).territories)


def territory_name(code: str, language: str) -> str | None:
    """The CLDR name of a territory in any language babel knows ('AL', 'sq' -> 'Shqipëri'), or None."""
    try:
        return _territories(language).get(code)
    except (ValueError, UnknownLocaleError):
        return None


def cldr_names(code: str) -> dict[str, str]:
    """The CLDR short name of a territory code in each OSCE language (missing ones left out).

    Former States (alpha-4 codes) get none: their alpha-2 parts are reused (CS was both
    Czechoslovakia and Serbia and Montenegro), so any CLDR name would be a guess.
    """
    if len(code) != 2:
        return {}
    names: dict[str, str] = {}
    for language in OSCE_LANGUAGES:
        name = _territories(language).get(code)
        if name:
            names[language] = name
    return names


# --- names as journalists write them -------------------------------------------------------------

PRESS_NAMES = {"GB": ("Britain", "Great Britain"), "BA": ("BiH",)}
"""Short names in common use that neither CLDR nor country_converter lists as names."""
OWN_NAMES = {("ru", "KG"): ("Кыргызстан", "Кыргызская Республика"), ("ru", "RU"): ("Российская Федерация",)}
"""Names a State gives itself in a language whose CLDR name differs ('Киргизия') or that CLDR leaves out
(the official 'Российская Федерация' beside 'Россия'): the OSCE's own pages in that language write these."""


def territory_names(code: str, language: str) -> list[str]:
    """The CLDR name of a territory in a language and the State's own names in it."""
    name = territory_name(code, language)
    return ([name] if name else []) + list(OWN_NAMES.get((language, code), ()))
_ANCHORED = re.compile(r"\^((?:[a-z]\\\.\?)+|[a-z]+)\$")


@cache
def _country_converter_rows() -> dict[str, dict[str, str]]:
    """country_converter's table by ISO code, read from its data file (its class needs pandas and
    misreads Namibia's code 'NA' as a missing value; the United Kingdom's code is written '^GB$|^UK$')."""
    # found, not imported: importing country_converter imports pandas (0.85 s)
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("country_converter is not installed: pip install country-converter")
    path = Path(list(spec.submodule_search_locations)[0]) / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {codes[0]: row for row in csv.DictReader(handle, delimiter="\t")
                if (codes := re.findall(r"[A-Z]{2}", row["ISO2"]))}


def _abbreviations(regex: str) -> list[str]:
    """The whole-name abbreviations in a country_converter regex ('^u\\.?s\\.?a\\.?$' -> USA, U.S.A.)."""
    out: list[str] = []
    for m in _ANCHORED.finditer(regex):
        letters = m[1].replace("\\.?", "")
        if len(letters) <= 5:
            out += [letters.upper(), ".".join(letters.upper()) + "." if "\\.?" in m[1] else letters.upper()]
    return out


def name_variants(code: str) -> list[str]:
    """Other names of a current State as texts write them: country_converter's short and official
    names and whole-name abbreviations (US, U.S., UK, FYROM), the CLDR English name ('Bosnia &
    Herzegovina') and PRESS_NAMES. Variants of 'and' are added by the gazetteer."""
    if len(code) != 2:
        return []
    names: list[str] = []
    row = _country_converter_rows().get(code)
    if row:
        names += [row["name_short"], row["name_official"], *_abbreviations(row["regex"])]
    if cldr := _territories("en").get(code):
        names.append(cldr)
    names += PRESS_NAMES.get(code, ())
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


@cache
def country_pattern(code: str) -> re.Pattern[str] | None:
    """country_converter's regex for a State: it tells a name of the State from a longer name that
    contains it ('Northern Ireland' is not Ireland, 'South Georgia' not Georgia)."""
    row = _country_converter_rows().get(code)
    return re.compile(row["regex"], re.IGNORECASE) if row and row["regex"] else None
