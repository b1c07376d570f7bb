"""Bad and odd page files made from the fixtures, for the fuzz test and for runs by hand.

    python tests/fuzz_pages.py OUT_FOLDER COUNT [SEED]

Each file is one of the fixture pages damaged in one way: cut short, bytes changed, inserted or
removed, re-encoded, NULs, a name that is not UTF-8 or holds a line break, deep or huge HTML, a
long line full of known names, a listing of too many items, a damaged canonical URL, markup that
parses to nothing; and a FIFO among them. The same seed gives the same files.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
NAMES = "Albania, Austria, Montenegro, Switzerland, Georgia, Spain, OSCE Presence in Albania, Ambassador Eugen Wollfarth, "


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        at = rng.randrange(len(out) or 1)
        what = rng.random()
        if what < 0.4 and out:
            out[at % len(out)] = rng.randrange(256)
        elif what < 0.7:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:
            del out[at:at + rng.randint(1, 30)]
    return bytes(out)


def _encode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp500", "shift_jis", "koi8-r"])
    return text.encode(encoding, "replace")


def _nuls(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        out.insert(rng.randrange(len(out) + 1), 0)
    return bytes(out)


def _deep(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([1000, 10_000, 100_000])
    return b"<html><body>" + b"<div>" * depth + data + b"</div>" * depth + b"</body></html>"


def _huge(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"</body>", b"<p>Some text in a paragraph.</p>\n" * rng.choice([10_000, 60_000]) + b"</body>")


def _names(rng: random.Random, data: bytes) -> bytes:
    line = (NAMES * rng.choice([200, 1000, 3000])).encode("utf-8")
    at = data.find(b"\n", len(data) // 2)
    return data[:at] + b"\n" + line + data[at:]


def _canonical(rng: random.Random, data: bytes) -> bytes:
    bad = rng.choice([b"https://www.osce.org/a>b", b"https://www.osce.org/ x y", b"http://[::1", b"javascript:alert(1)",
                      b"https://www.osce.org/\x01", b"//", b"https://www.osce.org/" + b"a" * 5000])
    return data.replace(b'<link rel="canonical" href="', b'<link rel="canonical" href="' + bad + b'" data-x="')


def _empty_markup(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"<html></html>", b"<!-- only a comment -->", b"<?xml version='1.0'?>", b"<html><body>\x00</body></html>",
                       b"\xef\xbb\xbf", b"\xff\xfe", b"<", b"<html>" + b" " * 1000])


DAMAGE: list[Callable[[random.Random, bytes], bytes]] = [_truncate, _mutate, _mutate, _encode, _nuls, _deep, _huge, _names,
                                                          _canonical, _empty_markup]


def _listing(rng: random.Random, data: bytes) -> bytes:
    """A listing page with more items than one page may hold."""
    head, _, rest = data.partition(b"Head of Mission visits")
    item = b"Head of Mission visits" + rest.split(b"Returnees receive")[0]
    return head + b"".join(item.replace(b"Head of Mission visits", b"Item %d: Head of Mission visits" % i)
                           for i in range(rng.choice([1100, 3000])))


def _name(rng: random.Random, index: int, source: Path) -> bytes:
    """A file name, odd one time in four: bytes that are not UTF-8, a line break, a tab, a leading dash."""
    stem = f"{index:05d}_{source.stem}".encode()
    odd = rng.choice([b"", b"", b"", b"\xff\xfe", b"\nline", b"\ttab", b" space", b"\xe9t\xe9", "ü-€".encode()])
    if odd and rng.random() < 0.2:
        return b"-" + stem + odd + source.suffix.encode()
    return stem + odd + source.suffix.encode()


def generate(out: Path, count: int, seed: int = 14) -> list[Path]:
    """`count` damaged files in `out` (one of them a FIFO), the same for the same seed."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html"))
    listing = (FIXTURES / "good" / "b01_newsroom_closed.txt").read_bytes()
    made = []
    for index in range(count - 1):
        source = rng.choice(sources)
        data = source.read_bytes()
        damaged = _listing(rng, listing) if index % 97 == 0 else rng.choice(DAMAGE)(rng, data)
        path = Path(os.fsdecode(os.path.join(os.fsencode(out), _name(rng, index, source))))
        path.write_bytes(damaged)
        made.append(path)
    fifo = out / "zz_fifo.html"
    os.mkfifo(fifo)
    return [*made, fifo]


if __name__ == "__main__":
    folder, number = Path(sys.argv[1]), int(sys.argv[2])
    files = generate(folder, number, int(sys.argv[3]) if len(sys.argv) > 3 else 14)
    print(f"{len(files)} files in {folder}")
