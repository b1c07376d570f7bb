"""Benchmarking at OSCE scale: a synthetic page generator (the runner lives in benchmarks/run.py)."""
