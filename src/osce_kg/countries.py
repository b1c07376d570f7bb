"""Names and codes of States from pycountry (ISO 3166) and babel (Unicode CLDR).

Names in the six OSCE languages come from CLDR rather than a hand-typed table, so they are
maintained upstream and stay consistent with what other software shows.
"""

from __future__ import annotations

from functools import cache

import pycountry
from babel import Locale

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
