#!/usr/bin/env python3
"""The page reader measured on real osce.org pages: python benchmarks/real_pages.py --split held-out --pages DIR.

The index (benchmarks/real_pages.jsonl) lists real pages of osce.org, its institutions' sites and
the Parliamentary Assembly's site with the facts labelled by hand from each page's text, and the
split (tuning / held-out) drawn before the reader was tuned on them. The page texts are not ours to
commit: they live outside the repository, one `<id>.txt` per page in the folder given by --pages
or OSCE_KG_REAL_PAGES (with an `<id>.json` sidecar holding its URL).

Each labelled document is matched to a document the reader found (by title; a one-document page
to the reader's only document). Per field: title, date, place and issuer count as right when the
reader's value equals the label (documents the reader did not find are wrong); fields of work,
States and people are scored by precision and recall over all documents. Documents the reader
found that match no label are counted apart ("extra"), rejected pages are listed with the
reader's message. Conventions of the labels: benchmarks/README.md, section "Real pages".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyascii import anyascii

HERE = Path(__file__).resolve().parent
INDEX = HERE / "real_pages.jsonl"
SPLITS = ("tuning", "held-out")
Facts = dict[str, Any]
EXACT = ("title", "date", "place", "issuer")
SETS = ("fields", "states", "people")


def load_index(path: Path = INDEX) -> list[dict]:
    """The labelled pages, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm_title(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def _norm_person(name: str) -> str:
    # A person spelt with or without diacritics is the same person; case and spacing do not matter.
    return " ".join(anyascii(name).casefold().replace(".", " ").replace("-", " ").split())


def _key(value: str) -> str:
    return value.rstrip("/").rsplit("/", 1)[-1]


def predicted(doc: Any) -> Facts:
    """The reader's document as comparable values (the shapes of tests/test_accuracy.py)."""
    from osce_kg import iri

    return {
        "title": _norm_title(doc.title) or None,
        "date": str(doc.date) if doc.date else None,
        # a city the graph does not hold by its English name where the reader gives one (`ВИЛЬНЮС`: Vilnius)
        "place": frozenset(_key(p.city) if p.city else iri.slug(p.name or p.raw) for p in doc.places),
        "issuer": _key(doc.issuer) if doc.issuer else None,
        "fields": {_key(f.iri) if f.iri else iri.slug(f.label) for f in doc.fields},
        # the labels count Kosovo among the States mentioned (key `kosovo`); the reader keeps it apart
        "states": {_key(s.iri) for s in doc.states + doc.territories},
        "people": {_norm_person(p.name) for p in doc.people},
    }


def expected(label: dict) -> Facts:
    return {
        "title": _norm_title(label["title"]) or None,
        "date": label["date"],
        "place": frozenset(label["places"]),
        "issuer": label["issuer"],
        "fields": set(label["fields"]),
        "states": set(label["states"]),
        "people": {_norm_person(p) for p in label["people"]},
    }


@dataclass
class Tally:
    """Counts for one group of documents (one page kind, or all)."""

    documents: int = 0
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    want: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    pages: int = 0
    rejected: int = 0
    extra: int = 0


def match(labels: list[dict], docs: list) -> tuple[list[tuple[Facts, Facts | None]], int]:
    """Pairs each label with the reader's document of the same title; a lone label with a lone document."""
    got = [(predicted(d), d) for d in docs]
    if len(labels) == 1 and len(got) == 1:
        return [(expected(labels[0]), got[0][0])], 0
    free = list(range(len(got)))
    pairs: list[tuple[Facts, Facts | None]] = []
    for label in labels:
        want = expected(label)
        hit = next((i for i in free if got[i][0]["title"] == want["title"]), None)
        if hit is not None:
            free.remove(hit)
        pairs.append((want, got[hit][0] if hit is not None else None))
    return pairs, len(free)


def score(pages: list[dict], texts: Path, misses: list[str]) -> dict[str, Tally]:
    from osce_kg.parse.page import PageReader

    gazetteer = _gazetteer()
    reader = PageReader(gazetteer)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for page in pages:
        path = texts / f"{page['id']}.txt"
        groups = (tallies[page["kind"]], tallies["all"])
        for t in groups:
            t.pages += 1
        sidecar = path.with_suffix(".json")
        url = json.loads(sidecar.read_text(encoding="utf-8")).get("url") if sidecar.is_file() else None
        try:
            # the URL the page was fetched from, as a harvested page carries it (its WARC record)
            docs = list(reader.read(path, url=url).documents)
        except Exception as exc:  # noqa: BLE001 - a rejection is a result to report, whatever its class
            misses.append(f"{page['id']} REJECTED ({page['kind']}, {page['language']}): {exc}")
            for t in groups:
                t.rejected += 1
            docs = []
        pairs, extra = match(page["documents"], docs)
        for t in groups:
            t.extra += extra
        for want, got in pairs:
            for t in groups:
                t.documents += 1
            for name in EXACT:
                ok = got is not None and got[name] == want[name]
                for t in groups:
                    t.right[name] += ok
                if not ok:
                    misses.append(
                        f"{page['id']} [{(want['title'] or '')[:40]}] {name}: got {got[name] if got else 'no document'!r}, expected {want[name]!r}"
                    )
            for name in SETS:
                mine = got[name] if got is not None else set()
                theirs = want[name]
                if name == "people":
                    mine = _as_labelled(mine, theirs, gazetteer)
                for t in groups:
                    t.tp[name] += len(mine & theirs)
                    t.found[name] += len(mine)
                    t.want[name] += len(theirs)
                if mine != theirs:
                    misses.append(
                        f"{page['id']} [{(want['title'] or '')[:40]}] {name}: extra {sorted(mine - theirs)}, missed {sorted(theirs - mine)}"
                    )
    return tallies


def _as_labelled(names: set[str], labels: set[str], gazetteer: Any = None) -> set[str]:
    """The reader's people with each written as the label writes them when only middle names (or a
    leading initial) differ:
    the labels take a name as written or as the data spells it ('Helga Schmid' on the page, 'Helga
    Maria Schmid' in the data), and the reader writes a person the data knows as the data does; so
    a label written as the page writes a person the data knows under another spelling (a Russian
    page's 'Маргарета Седерфельт', a page's misspelling) is the reader's name when the data
    resolves both to the same person."""
    out = set()
    for name in names:
        words = name.split()
        # a leading initial the label leaves out ('R. Spencer Oliver' labelled 'Spencer Oliver'), round 9
        core = words[1:] if len(words) > 2 and len(words[0]) == 1 else words
        same = [label for label in labels if (w := label.split()) and len(w) >= 2 and len(words) >= 2
                and (w[0], w[-1]) in ((words[0], words[-1]), (core[0], core[-1]))]
        if name not in labels and not same and gazetteer is not None and (person := gazetteer.known_person(name)):
            same = [label for label in labels - names if gazetteer.known_person(label) == person]
        out.add(name if name in labels or len(same) != 1 else same[0])
    return out


def _gazetteer() -> Any:
    from osce_kg import paths
    from osce_kg.build.pipeline import read_ontology
    from osce_kg.gazetteer import Gazetteer
    from osce_kg.mapping.reference import reference_graphs
    from osce_kg.pages.commit import NAMES
    from osce_kg.store import GraphStore

    store = GraphStore.open(None)
    sources = [read_ontology(paths.ONTOLOGY_DIR), *reference_graphs(paths.DATA_DIR)]
    store.load_graphs({s.name: s.graph for s in sources})
    try:
        return Gazetteer.from_graph(store.query(NAMES))
    finally:
        store.close()


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def table(tallies: dict[str, Tally], title: str) -> str:
    """A Markdown table: one row per page kind and one for all pages."""
    head = ["kind", "pages", "docs", "rejected", "extra", *EXACT, *(f"{s} P/R" for s in SETS)]
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for kind in sorted(k for k in tallies if k != "all") + ["all"]:
        t = tallies[kind]
        cells = [kind, str(t.pages), str(t.documents), str(t.rejected), str(t.extra)]
        cells += [_ratio(t.right[n], t.documents) for n in EXACT]
        cells += [f"{_ratio(t.tp[n], t.found[n])} / {_ratio(t.tp[n], t.want[n])}" for n in SETS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(t: Tally) -> str:
    """The issue's 'done when' on these pages: one line, each target with its figure and whether it is met."""

    def ok(flag: bool) -> str:
        return "met" if flag else "MISSED"

    def r(a: int, b: int) -> float:
        return a / b if b else 1.0

    parts = [f"rejected {t.rejected} of {t.pages} pages ({ok(t.rejected == 0)})"]
    parts += [
        f"{n} {r(t.right[n], t.documents):.2f} >= 0.95 ({ok(r(t.right[n], t.documents) >= 0.95)})"
        for n in ("title", "date", "place")
    ]
    for name, p_min, r_min in (("states", 0.93, 0.93), ("people", 0.95, 0.85)):
        p, rec = r(t.tp[name], t.found[name]), r(t.tp[name], t.want[name])
        parts.append(f"{name} P {p:.2f} >= {p_min} / R {rec:.2f} >= {r_min} ({ok(p >= p_min and rec >= r_min)})")
    return "targets: " + "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "both"], default="held-out")
    parser.add_argument(
        "--pages",
        type=Path,
        default=os.environ.get("OSCE_KG_REAL_PAGES"),
        help="folder of the page texts <id>.txt (default: $OSCE_KG_REAL_PAGES)",
    )
    parser.add_argument("--index", type=Path, default=INDEX)
    parser.add_argument(
        "--batch",
        type=int,
        action="append",
        metavar="N",
        help="only the pages of batch N (repeatable: --batch 4 --batch 5); default all batches",
    )
    parser.add_argument("--verbose", action="store_true", help="list every wrong value")
    args = parser.parse_args(argv)
    if args.pages is None:
        parser.error("no page texts: give --pages DIR or set OSCE_KG_REAL_PAGES")
    index = load_index(args.index)
    if args.batch:
        unknown = sorted(set(args.batch) - {p["batch"] for p in index})
        if unknown:
            parser.error(f"no page of batch {', '.join(map(str, unknown))} in {args.index}")
        index = [p for p in index if p["batch"] in args.batch]
    splits = SPLITS if args.split == "both" else (args.split,)
    index = [p for p in index if p["split"] in splits]
    missing = [p["id"] for p in index if not (args.pages / f"{p['id']}.txt").is_file()]
    if missing:
        print(f"{args.pages}: no text for {len(missing)} labelled pages: {', '.join(missing[:10])}", file=sys.stderr)
        return 2
    batches = f", batch {', '.join(map(str, sorted(set(args.batch))))}" if args.batch else ""
    for split in splits:
        misses: list[str] = []
        pages = [p for p in index if p["split"] == split]
        tallies = score(pages, args.pages, misses)
        print(table(tallies, f"{split}{batches}: {len(pages)} pages"))
        print()
        print(targets(tallies["all"]))
        print()
        rejected = [m for m in misses if " REJECTED " in m]
        for line in misses if args.verbose else rejected:
            print("  " + line)
        if rejected or args.verbose:
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
