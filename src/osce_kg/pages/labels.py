"""One English label per minted entity: what the store already calls the people, sub-topics and
partner organisations that pages mint, remembered across the batches of an ingest.

An entity minted from pages that another graph already names keeps that English label; a page's
other spelling becomes an skos:altLabel ('Jiri Dienstbier' for 'Jiří Dienstbier'), so the union of
all graphs has one English label per entity, as the shapes require. The label kept is the first
in code point order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDFS
from rdflib.namespace import SKOS

from osce_kg.iri import ORG, OSCE
from osce_kg.store import GraphStore

if TYPE_CHECKING:
    from osce_kg.pages.prepare import Prepared

MINTED_TYPES = (OSCE.Person, OSCE.FieldOfWork, ORG.Organization)

FIRST_LABELS = """SELECT ?e ?p (MIN(STR(?label)) AS ?first) WHERE {
  VALUES ?e { %s } VALUES ?p { <%s> <%s> }
  ?e ?p ?label FILTER(LANG(?label) = "en") } GROUP BY ?e ?p"""
KNOWN_LABELS = """SELECT ?label WHERE { GRAPH ?g { %s <%s> ?label } FILTER(LANG(?label) = "en" && ?g != %s) }"""

Changes = dict[tuple[str, str, str], str]
"""(entity, predicate, label) to change -> the label to keep."""


@dataclass
class BatchLabels:
    """The first English label of each entity a batch mints: as stored before the batch, then as
    committed by the batch's files."""

    stored: dict[tuple[str, str], str]
    committed: dict[tuple[str, str], str] = field(default_factory=dict)
    exact: bool = False
    """Set once a commit replaced or dropped graphs: later files ask the store for each label."""

    def first(self, entity: str, predicate: str) -> str | None:
        known = [x for x in (self.stored.get((entity, predicate)), self.committed.get((entity, predicate))) if x is not None]
        return min(known, default=None)

    def note(self, prepared: Prepared, changes: Changes) -> None:
        """A file's labels, once committed."""
        for _, entity, predicate, label in prepared.labels:
            kept = changes.get((entity, predicate, label), label)
            key = (entity, predicate)
            self.committed[key] = min(kept, self.committed.get(key, kept))


class LabelMemory:
    """The labels the store gives minted entities, asked once per entity in a run.

    Remembered across batches (and updated with each batch's commits) because the query reads
    every graph that restates the entity's label: a person named by thousands of pages made it
    cost 2 s per batch at 50,000 pages, growing with the store (issue 6)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.known: dict[tuple[str, str], str] = {}
        self.asked: set[str] = set()

    def for_batch(self, batch: Iterable[Prepared]) -> BatchLabels:
        """The first (in code point order) English label that the store gives each entity the batch
        mints, per label predicate: one query for the entities not asked about before in this run."""
        entities = sorted({entity for p in batch for _, entity, _, _ in p.labels} - self.asked)
        for start in range(0, len(entities), 2000):
            rows = self.store.raw_query(FIRST_LABELS % (" ".join(entities[start:start + 2000]), RDFS.label, SKOS.prefLabel))
            for row in rows:
                self.known[(str(row["e"]), row["p"].value)] = row["first"].value
        self.asked.update(entities)
        return BatchLabels(dict(self.known))

    def remember(self, batch: BatchLabels) -> None:
        """After a batch: its labels join the remembered ones; if it replaced or dropped graphs, a
        remembered label may be gone, so the store is asked again next time."""
        if batch.exact:
            self.known, self.asked = {}, set()
            return
        for key, label in batch.committed.items():
            self.known[key] = min(label, self.known.get(key, label))

    def changes(self, prepared: Prepared, batch: BatchLabels, *, ask_store: bool) -> Changes:
        """The labels of this file to change, with the label to keep: from the batch's knowledge, or
        (ask_store) from the store's other graphs, which must then hold the batch's earlier files."""
        changes: Changes = {}
        for graph, entity, predicate, label in prepared.labels:
            if ask_store:
                rows = self.store.raw_query(KNOWN_LABELS % (entity, predicate, graph))
                known = min((row["label"].value for row in rows), default=None)
            else:
                known = batch.first(entity, predicate)
            if known is not None and known != label:
                changes[(entity, predicate, label)] = known
        return changes


def apply_labels(graphs: dict[ox.NamedNode, list[ox.Triple]], changes: Changes) -> None:
    """Keep the known English label of each changed entity; the page's own becomes an skos:altLabel."""
    if not changes:
        return
    alt = ox.NamedNode(str(SKOS.altLabel))
    for triples in graphs.values():
        kept = []
        for t in triples:
            label = t.object
            known = changes.get((str(t.subject), t.predicate.value, label.value)) if isinstance(label, ox.Literal) else None
            if known is not None and isinstance(label, ox.Literal) and label.language == "en":
                kept += [ox.Triple(t.subject, t.predicate, ox.Literal(known, language="en")), ox.Triple(t.subject, alt, label)]
            else:
                kept.append(t)
        triples[:] = list(dict.fromkeys(kept))
