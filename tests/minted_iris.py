"""Every IRI the bundled data mints, as a reviewed list (tests/minted_iris.txt).

IRIs are published: a change must be a diff a reviewer sees, never an accident of a refactoring.
test_iri.py compares the list with a fresh build on every run. After a meant change (new data,
a new kind of entity), regenerate the list and commit it with the change:

    python tests/minted_iris.py --write

(builds data/ and ontology/ into a temporary store, pages included, and rewrites the list).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from osce_kg import iri, paths
from osce_kg.store import GraphStore

LIST = Path(__file__).with_name("minted_iris.txt")
REGENERATE = "python tests/minted_iris.py --write"

# the entities' and graphs' IRIs, wherever they appear (subject, object, graph name); not the
# software agent's, which names the installed version and so changes with each release by design
_MINTED = f"""SELECT DISTINCT ?x WHERE {{
  {{ GRAPH ?g {{ ?x ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p ?x }} }} UNION {{ GRAPH ?x {{ ?s ?p ?o }} }}
  FILTER(isIRI(?x) && (STRSTARTS(STR(?x), "{iri.ID}") || STRSTARTS(STR(?x), "{iri.GRAPH}"))
         && !STRSTARTS(STR(?x), "{iri.ID}software/"))
}}"""


def minted(store: GraphStore) -> list[str]:
    """The store's IRIs in our entity and graph namespaces, sorted."""
    rows = store.query(_MINTED)
    assert isinstance(rows, list)
    return sorted(str(r["x"]) for r in rows)


def read_list() -> list[str]:
    return LIST.read_text(encoding="utf-8").splitlines() if LIST.exists() else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite tests/minted_iris.txt (else: print the differences)")
    args = parser.parse_args()
    from osce_kg.build.pipeline import BuildOptions, build
    from osce_kg.build.progress import Steps

    with tempfile.TemporaryDirectory() as tmp:
        options = BuildOptions(store=Path(tmp) / "store", data=paths.DATA_DIR, ontology=paths.ONTOLOGY_DIR, dist=None)
        build(options, Steps(quiet=True))
        store = GraphStore.open_read_only(options.store)
        now = minted(store)
        store.close()
    before = read_list()
    if args.write:
        LIST.write_text("".join(f"{x}\n" for x in now), encoding="utf-8")
        print(f"{LIST}: {len(now)} IRIs ({len(set(now) - set(before))} new, {len(set(before) - set(now))} gone)")
        return 0
    gone, new = sorted(set(before) - set(now)), sorted(set(now) - set(before))
    print("\n".join([*(f"- {x}" for x in gone), *(f"+ {x}" for x in new)]) or "no change")
    return 1 if gone or new else 0


if __name__ == "__main__":
    sys.exit(main())
