"""Exports of the store: Turtle, JSON-LD, N-Triples, N-Quads, TriG."""
