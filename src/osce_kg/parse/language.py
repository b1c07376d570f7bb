"""The language a page's text is written in, by py3langid.

py3langid rather than lingua-language-detector: both know the OSCE's six languages and the
host-country languages (Albanian, Serbian, Bosnian, Croatian, Macedonian, Romanian, Ukrainian,
...), and both load in ~0.4 s, but py3langid classifies a page in ~20 us where lingua takes
~40 ms, which alone would be 30 times the whole reading of a page. The model is loaded once per
process, on the first page that needs it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

MIN_WORDS = 8
"""Fewer words than this are not enough to tell a language: the page's declared language stands."""
MIN_CONFIDENCE = 0.9
SAMPLE = 800
"""Characters classified: enough to tell a language, and py3langid's time grows with the text."""
SERBO_CROATIAN = {"bs", "hr", "sr"}
_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|is|with|for|on|was|has|were|said)\b")


@cache
def _identifier() -> LanguageIdentifier:
    # imported on first use: py3langid brings numpy (0.15 s), which English-only runs never need
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short or unclear."""
    sample = text[:SAMPLE]
    words = len(sample.split())
    if words < MIN_WORDS:
        return None
    # most pages are English: one in six words a function word of English settles it without the model
    if len(_ENGLISH.findall(sample)) * 6 >= words:
        return "en"
    ranked = _identifier().rank(sample)
    code, confidence = ranked[0]
    if confidence < MIN_CONFIDENCE and code in SERBO_CROATIAN:
        # Bosnian, Croatian and Serbian (in Latin script) share most words: the model splits its
        # confidence between them, yet the text is surely one of them
        confidence = sum(p for c, p in ranked[:4] if c in SERBO_CROATIAN)
    return str(code) if confidence >= MIN_CONFIDENCE else None
