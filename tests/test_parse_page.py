"""The page reader on small pages written in the site's layouts: what a user reads in the graph
(date, place, title, issuer, language, key) and the message a bad file gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg.errors import InputError
from osce_kg.parse.page import decode

PAGE = Path("pages/page.txt")


@pytest.mark.parametrize("data, message, line", [
    (b"", "empty file: nothing to read", 1),
    (b"  \n\t\n", "empty file: only white space", 1),
    (b"Title\nText\x00more", "binary file (NUL bytes): not a text or HTML page", 2),
    (b"\xff\xfeT\x00\x00\xd8", "file starts with a UTF-16 byte-order mark but is not UTF-16: unexpected end of data", 1),
])
def test_unreadable_files_are_rejected_naming_the_file_the_line_and_the_reason(data, message, line):
    with pytest.raises(InputError) as caught:
        decode(data, PAGE)
    assert (caught.value.message, caught.value.path, caught.value.line) == (message, PAGE, line)


def test_a_garbled_file_is_rejected_at_its_first_odd_character():
    text = "A title\nVIENNA, 3 May 2010 - Text.\n" + "\x01\x02" * 10 + "\n"
    with pytest.raises(InputError) as caught:
        decode(text.encode("utf-8"), PAGE)
    assert caught.value.message == "garbled file: 20 control or unassigned characters (decoded as utf-8)"
    assert caught.value.line == 3


def test_encodings_other_than_utf8_are_read_and_said():
    assert decode("Tiranë\n".encode(), PAGE) == ("Tiranë\n", "utf-8", [])
    assert decode("Tiranë – a text\n".encode("cp1252"), PAGE) == (
        "Tiranë – a text\n", "cp1252", ["file is not valid UTF-8; decoded as cp1252"])
    assert decode(b"\xef\xbb\xbfTitle\n", PAGE) == (
        "Title\n", "utf-8-sig", ["file starts with a UTF-8 byte-order mark (decoded as utf-8-sig)"])
    assert decode("Title\n".encode("utf-16"), PAGE) == ("Title\n", "utf-16", ["file is UTF-16 (byte-order mark); decoded as utf-16"])
