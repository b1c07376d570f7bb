#!/usr/bin/env python3
"""Write N synthetic OSCE pages (layouts A and B) to a folder: python benchmarks/generate.py 5000 /tmp/pages.

The pages use the real names of data/*.csv and the real site menu of the seed page; people and
text are invented. The same seed gives the same pages. Never write them into data/pages.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from osce_kg.bench.generator import generate
from osce_kg.bench.vocabulary import load_vocabulary
from osce_kg.paths import DATA_DIR, PAGES_DIR

SEED_PAGE = PAGES_DIR / "000_edd890b92ae4faef.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of pages")
    parser.add_argument("out", type=Path, help="folder to write them to (created)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.out.resolve().is_relative_to(DATA_DIR.resolve()):
        parser.error(f"{args.out}: synthetic pages must not go into {DATA_DIR}")
    paths = generate(args.out, args.n, load_vocabulary(DATA_DIR, SEED_PAGE), seed=args.seed)
    print(f"wrote {len(paths)} pages to {args.out}")


if __name__ == "__main__":
    main()
