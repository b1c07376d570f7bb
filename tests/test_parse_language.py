"""The language of a page's text: English by its function words, others by py3langid, none when
the text is too short to tell (the page's declared language then stands)."""

from __future__ import annotations

from osce_kg.parse.language import detect_language


def test_english_text_is_english():
    assert detect_language("The OSCE Mission to Skopje opened a training course for police officers on Monday.") == "en"


def test_texts_in_other_languages():
    assert detect_language("Misioni i OSBE-së në Shkup hapi sot një kurs trajnimi për zyrtarët e policisë nga e gjithë vendi.") == "sq"
    assert detect_language("Миссия ОБСЕ в Скопье открыла сегодня учебный курс для сотрудников полиции со всей страны.") == "ru"
    assert detect_language("La Mission de l'OSCE a ouvert aujourd'hui un cours de formation pour les policiers du pays entier.") == "fr"


def test_too_few_words_tell_no_language():
    assert detect_language("Misioni i OSBE-së në Shkup hapi sot") is None  # seven words
    assert detect_language("Misioni i OSBE-së në Shkup hapi sot kursin") == "sq"  # eight
    assert detect_language("") is None


def test_one_english_function_word_in_six_is_enough():
    # 12 words, 'and' and 'in': English, though the model alone is unsure of a list of names
    assert detect_language("Ana Novak, Ben Smith, Carla Jones and Dario Rossi met in Tirana.") == "en"


def test_a_text_the_model_is_unsure_of_tells_no_language():
    # 14 words, two function words (fewer than one in six), and no language the model is sure of:
    # the page's declared language stands
    assert detect_language("Ana Novak, Ben Smith, Carla Jones, Dario Rossi and Eva Berg met in Tirana.") is None
