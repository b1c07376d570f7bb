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
from reviewed_list import write_or_compare

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
    return write_or_compare(LIST, read_list(), now, write=args.write, what="IRIs")


if __name__ == "__main__":
    sys.exit(main())
