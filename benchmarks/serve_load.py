#!/usr/bin/env python3
"""Load test of `osce-kg serve`: python benchmarks/serve_load.py [--clients 50] [--seconds 60] [--pages 5000].

N concurrent clients ask, for the given time, a mix of entity pages (HTML), named queries (CSV) and
SPARQL queries (JSON), and the script reports requests per second, p50/p95 latency and errors per
kind. The same mix then goes to `oxigraph serve-read-only` on the same store: an entity page
becomes the CONSTRUCT query behind the page's RDF formats, a named query its bound text, so the
two columns compare our web layer (worker processes, page queries, templates) with Oxigraph's own
server doing the bare queries. With --pages, N synthetic pages (benchmarks/generate.py) are
ingested into a copy of the built store first. Servers run one after the other on free loopback
ports, never both at once. Results go to --out (serve_load.json, serve_load.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from osce_kg.paths import DIST_DIR, default_store
from osce_kg.query.catalog import load_catalog
from osce_kg.serve.describe import rdf_query
from osce_kg.store import GraphStore

HERE = Path(__file__).resolve().parent

NAMED = [
    ("chairpersonships", lambda r: {"from": str(r.randint(1991, 2015)), "to": str(r.randint(2016, 2025))}),
    ("states-as-of", lambda r: {"date": f"{r.randint(1973, 2024)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}"}),
    ("operations-open-on", lambda r: {"date": f"{r.randint(1993, 2024)}-06-01"}),
    ("releases-per-field-year", lambda r: {"from": str(r.randint(2000, 2015))}),
    ("org-tree", lambda r: {}),
]
SPARQL = [
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?label WHERE {{ <{entity}> rdfs:label ?label }}",
    "PREFIX osce: <https://w3id.org/osce-kg/ontology#> SELECT ?field (COUNT(?doc) AS ?n) WHERE {{ ?doc osce:fieldOfWork ?field }} GROUP BY ?field ORDER BY DESC(?n) LIMIT 20",
    "PREFIX org: <http://www.w3.org/ns/org#> SELECT ?unit WHERE {{ ?unit org:subOrganizationOf+ <https://w3id.org/osce-kg/id/structure/osce> }}",
    "PREFIX schema: <https://schema.org/> SELECT ?doc WHERE {{ ?doc schema:mentions <{entity}> }} LIMIT 50",
]
MIX = (("entity", 0.5), ("named", 0.25), ("sparql", 0.25))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k, _ in MIX})
    errors: dict[str, int] = field(default_factory=dict)
    requests: int = 0

    def summary(self, seconds: float) -> dict:
        every = sorted(x for xs in self.latencies.values() for x in xs)

        def pct(xs: list[float], p: float) -> float | None:
            xs = sorted(xs)
            return round(xs[min(len(xs) - 1, int(p * len(xs)))] * 1000, 1) if xs else None

        return {
            "requests": self.requests, "requests_per_s": round(self.requests / seconds, 1),
            "p50_ms": pct(every, 0.5), "p95_ms": pct(every, 0.95), "errors": sum(self.errors.values()),
            "error_kinds": self.errors,
            "by_kind": {k: {"n": len(v), "p50_ms": pct(v, 0.5), "p95_ms": pct(v, 0.95)} for k, v in self.latencies.items()},
        }


def entities(store_path: Path, limit: int = 400) -> list[str]:
    store = GraphStore.open_read_only(store_path)
    rows = store.query("""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
      SELECT DISTINCT ?e WHERE { VALUES ?t { osce:State osce:Structure osce:FieldOperation osce:Person osce:Document
        osce:PressRelease osce:Mission osce:Institution osce:SecretariatUnit }
        ?e a ?t FILTER(STRSTARTS(STR(?e), "https://w3id.org/osce-kg/id/")) }""")
    assert isinstance(rows, list)
    found = sorted(str(r["e"]) for r in rows)
    store.close()
    random.Random(7).shuffle(found)
    return found[:limit]


def request_for(target: str, kind: str, rng: random.Random, people: list[str], catalog: dict) -> tuple[str, str, dict, dict]:
    """(method, url, params/data, headers) of one request of the mix for `target` ('osce-kg' or 'oxigraph')."""
    entity = rng.choice(people)
    if kind == "entity":
        if target == "osce-kg":
            return "GET", "/" + entity.split("https://w3id.org/osce-kg/", 1)[1], {}, {"Accept": "text/html"}
        return "POST", "/query", {"query": rdf_query(entity)}, {"Accept": "text/turtle"}
    if kind == "named":
        name, params = rng.choice(NAMED)
        given = params(rng)
        if target == "osce-kg":
            return "GET", f"/queries/{name}.csv", given, {}
        return "POST", "/query", {"query": catalog[name].bound(given)}, {"Accept": "text/csv"}
    query = rng.choice(SPARQL).format(entity=entity)
    return "POST", "/sparql" if target == "osce-kg" else "/query", {"query": query}, {"Accept": "application/sparql-results+json"}


async def load(base: str, target: str, clients: int, seconds: float, people: list[str], catalog: dict) -> dict:
    tally = Tally()
    stop = time.monotonic() + seconds
    kinds, weights = zip(*MIX, strict=True)

    async def client(number: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(number)
        while time.monotonic() < stop:
            kind = rng.choices(kinds, weights)[0]
            method, path, payload, headers = request_for(target, kind, rng, people, catalog)
            started = time.monotonic()
            try:
                if method == "GET":
                    response = await http.get(base + path, params=payload, headers=headers)
                else:
                    response = await http.post(base + path, data=payload, headers=headers)
                ok = response.status_code == 200
                reason = f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                ok, reason = False, type(exc).__name__
            tally.requests += 1
            if ok:
                tally.latencies[kind].append(time.monotonic() - started)
            else:
                tally.errors[f"{kind}: {reason}"] = tally.errors.get(f"{kind}: {reason}", 0) + 1

    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=clients)) as http:
        began = time.monotonic()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        return tally.summary(time.monotonic() - began)


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(2)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def prepared_store(store: Path, pages: int, work: Path) -> Path:
    """The built store, or a copy of it with `pages` synthetic pages ingested."""
    if not pages:
        return store
    copy = work / "store"
    shutil.copytree(store.resolve(), copy)
    folder = work / "pages"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(pages), str(folder)], check=True)
    subprocess.run([sys.executable, "-m", "osce_kg", "ingest", str(folder)], check=True,
                   env={**os.environ, "OSCE_KG_STORE": str(copy)}, stdout=subprocess.DEVNULL)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pages", type=int, default=0, help="synthetic pages to ingest into a copy of the store first")
    parser.add_argument("--store", type=Path, default=default_store())
    parser.add_argument("--workers", type=int, default=2, help="osce-kg serve --workers")
    parser.add_argument("--timeout", type=float, default=5, help="query timeout of both servers (seconds)")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--skip-oxigraph", action="store_true")
    parser.add_argument("--server-log", type=Path, help="keep osce-kg serve's output in this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="serve-load-") as tmp:
        store = prepared_store(args.store, args.pages, Path(tmp))
        people = entities(store)
        opened = GraphStore.open_read_only(store)
        quads, graphs = opened.count(), len(opened.graph_names())
        opened.close()
        catalog = load_catalog()
        results: dict[str, dict] = {}

        port = free_port()
        ours = subprocess.Popen([sys.executable, "-m", "osce_kg", "serve", "--store", str(store), "--dist", str(DIST_DIR),
                                 "--port", str(port), "--workers", str(args.workers), "--timeout", str(args.timeout)],
                                stdout=args.server_log.open("wb") if args.server_log else subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", ours)
            results["osce-kg serve"] = asyncio.run(load(f"http://127.0.0.1:{port}", "osce-kg", args.clients, args.seconds, people, catalog))
        finally:
            stop(ours)

        oxigraph = shutil.which("oxigraph")
        if oxigraph and not args.skip_oxigraph:
            port = free_port()
            theirs = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                                       "--union-default-graph", "--timeout-s", str(max(1, round(args.timeout)))], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", theirs)
                results["oxigraph serve-read-only"] = asyncio.run(load(f"http://127.0.0.1:{port}", "oxigraph", args.clients, args.seconds, people, catalog))
            finally:
                stop(theirs)

    report = {"clients": args.clients, "seconds": args.seconds, "pages": args.pages, "workers": args.workers, "timeout": args.timeout,
              "store": {"quads": quads, "graphs": graphs},
              "entities": len(people), "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
              "mix": dict(MIX), "results": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "serve_load.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [f"Load test: {args.clients} clients for {args.seconds:g} s, mix {dict(MIX)}, "
             f"store: {quads:,} quads in {graphs:,} graphs{f' (built store + {args.pages} synthetic pages)' if args.pages else ''}; "
             f"--timeout {args.timeout:g}, osce-kg serve --workers {args.workers}; {report['machine']}", "",
             "| server | requests/s | p50 ms | p95 ms | errors | entity p50/p95 ms | named p50/p95 ms | sparql p50/p95 ms |",
             "|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        kinds = " | ".join(f"{r['by_kind'][k]['p50_ms']} / {r['by_kind'][k]['p95_ms']}" for k, _ in MIX)
        lines.append(f"| {name} | {r['requests_per_s']} | {r['p50_ms']} | {r['p95_ms']} | {r['errors']} | {kinds} |")
    for name, r in results.items():
        if r["error_kinds"]:
            lines.append(f"\n{name} errors: {r['error_kinds']}")
    text = "\n".join(lines) + "\n"
    (args.out / "serve_load.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
