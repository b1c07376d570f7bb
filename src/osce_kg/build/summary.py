"""What a build produced, in numbers a reader can check: triples per graph, entities per class."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef

from osce_kg.iri import GRAPH, OSCE, graph_kind
from osce_kg.store import GraphStore

PAGES_LISTED = 5
"""Up to this many page graphs are listed one by one; more are summarised as count + total."""


def short_graph(name: URIRef) -> str:
    text = str(name)
    return "graph/" + text[len(str(GRAPH)) :] if text.startswith(str(GRAPH)) else text


def entities_per_class(store: GraphStore) -> dict[str, int]:
    """Distinct instances of each osce: class in the data (the ontology's own axioms left out)."""
    ontology = GRAPH["ontology/osce"]
    rows = store.query(
        f"""SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
              GRAPH ?g {{ ?s a ?class }}
              FILTER(STRSTARTS(STR(?class), "{OSCE}") && ?g != <{ontology}>)
            }} GROUP BY ?class ORDER BY ?class"""
    )
    assert isinstance(rows, list)
    return {"osce:" + str(r["class"])[len(str(OSCE)) :]: int(str(r["n"])) for r in rows}


def graphs_by_kind(counts: dict[URIRef, int]) -> dict[str, int]:
    return dict(sorted(Counter(graph_kind(g) for g in counts).items()))


@dataclass
class BuildSummary:
    """The numbers printed at the end of a build (and by `osce-kg stats`)."""

    triples: dict[URIRef, int]
    entities: dict[str, int]
    validation: str = ""
    seconds: float | None = None
    warnings: list[str] = field(default_factory=list)
    carried_over: int | None = None
    """Page graphs taken from the previous store (None: not a build, or a --fresh one)."""

    @classmethod
    def of_store(cls, store: GraphStore, **kwargs: object) -> BuildSummary:
        return cls(triples=store.counts(), entities=entities_per_class(store), **kwargs)  # type: ignore[arg-type]

    @property
    def total(self) -> int:
        return sum(self.triples.values())

    def render(self) -> str:
        lines = ["Triples per graph:"]
        pages = {g: n for g, n in self.triples.items() if graph_kind(g) == "page"}
        listed = {g: n for g, n in self.triples.items() if g not in pages or len(pages) <= PAGES_LISTED}
        rows = [(short_graph(g), n) for g, n in sorted(listed.items())]
        if len(pages) > PAGES_LISTED:
            rows.append((f"graph/page/* ({len(pages)} pages)", sum(pages.values())))
        rows.append(("total", self.total))
        width = max(len(name) for name, _ in rows)
        lines += [f"  {name:<{width}}  {n:>8}" for name, n in rows]
        lines.append("Graphs by kind: " + ", ".join(f"{k} {n}" for k, n in graphs_by_kind(self.triples).items()))
        lines.append("Entities per class:")
        if self.entities:
            width = max(len(c) for c in self.entities)
            lines += [f"  {c:<{width}}  {n:>8}" for c, n in self.entities.items()]
        else:
            lines.append("  (none)")
        if self.carried_over is not None:
            lines.append(f"Pages carried over from the previous store: {self.carried_over} "
                         "(ingested from outside the data's pages/; --fresh leaves them out)")
        if self.validation:
            lines.append(f"Validation: {self.validation}")
        lines += [f"Warning: {w}" for w in self.warnings]
        if self.seconds is not None:
            lines.append(f"Time: {self.seconds:.2f} s")
        return "\n".join(lines)
