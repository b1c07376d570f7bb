"""Whether a run of capitalised words is a phrase of ordinary English words rather than a name.

A page capitalises the words of a body's or a committee's name ('the Agency for Identification
Documents, Data Registers and Data Exchange', 'its Africa, Global Health, ... Subcommittee'), and
cut from their context such runs look like a given name and a surname. A name of two or more words
almost never consists of common English words only, unless its first word is a given name ('Mark
Stone', 'Grace Young'); so a run whose every word is common and whose first word no list of given
names holds is a phrase, not a person.

Both lists come from kept, MIT-licensed libraries, each read once per process on first use:
pyspellchecker's English word frequencies (from OpenSubtitles; ~0.3 s) tell how common a word is,
Faker's person providers (given names of about 80 locales; ~0.2 s) which words are given names.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from anyascii import anyascii

COMMON_PER_MILLION = 1.0
"""A word is common when it is seen at least once in a million words of the corpus (Zipf 3, the
lower bound of the words wordfreq calls common): 'registers', 'regional', 'health' are;
'parry', 'nat', 'omer' (words, but rarer than the names they are) are not."""


@cache
def _frequencies() -> tuple[dict[str, int], float]:
    from spellchecker import SpellChecker

    words = SpellChecker(language="en", distance=1).word_frequency
    return words.dictionary, words.total_words * COMMON_PER_MILLION / 1_000_000


def common_word(word: str) -> bool:
    """'Health', 'Registers' (as 'register'), 'Issues': a common English word, in any case; a
    hyphenated word when each of its parts is ('Cross-Border')."""
    counts, least = _frequencies()
    key = word.lower().rstrip("’'").removesuffix("’s").removesuffix("'s")
    if "-" in key:
        return all(common_word(part) for part in key.split("-") if part)
    forms = [key]
    if key.endswith("ies"):
        forms.append(key[:-3] + "y")
    if key.endswith("es"):
        forms.append(key[:-2])
    if key.endswith("s"):
        forms.append(key[:-1])
    return bool(key) and any(counts.get(form, 0) >= least for form in forms)


@cache
def _given_names() -> frozenset[str]:
    import faker.providers.person as providers

    names: set[str] = set()
    for module in pkgutil.iter_modules(providers.__path__):
        provider = importlib.import_module(f"{providers.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            values = getattr(provider, attribute, None)
            if isinstance(values, (tuple, list, dict, set, frozenset)):
                names.update(anyascii(name).lower() for name in values)
    return frozenset(names)


def given_name(word: str) -> bool:
    """'Mark', 'Grace', 'Ömer' or 'Omer': a given name in some locale's list."""
    return anyascii(word).lower() in _given_names()


def ordinary_phrase(words: list[str]) -> bool:
    """'Global Health', 'Data Registers', 'Regional Issues': two or more common words, the first no
    given name; not 'Mark Stone' (a given name first) nor 'Ana Novak' (words no corpus knows)."""
    return len(words) >= 2 and all(common_word(w) for w in words) and not given_name(words[0])
