#!/usr/bin/env python3
"""The benchmark at OSCE scale: python benchmarks/run.py [--sizes 5000,50000] [--seed 1] [--out benchmarks/results].

For each size N it generates N synthetic pages and measures, each phase in its own subprocess so
that the peak RSS is the phase's own: (a) the end-to-end ingest into a fresh on-disk store with the
reference data loaded first, as the build does; (b) raw pyoxigraph bulk-loading the same quads, and
the same ingest pipeline on the rdflib stack (rdflib's in-memory Dataset, pyshacl); (c) SHACL validation of the whole graph and
of a 100-page increment; (d) every named query on our store against raw pyoxigraph with the same
SPARQL text and parameter values. Once, independent of N: (e) `osce-kg validate FILE` on 10 MB of
Turtle with 10,000 nodes that break the shapes (benchmarks/validate_input.py): time and peak RSS.
Writes results.md and results.json to --out and prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PHASE_TIMEOUT_S = 15 * 60
INCREMENT = 100
QUERY_RUNS = 20


# phases (each runs in a child process) -----------------------------------------------------------

def phase_generate(n: int, seed: int, pages: str, start: int = 0) -> dict:
    from osce_kg.bench.generator import generate
    from osce_kg.bench.vocabulary import load_vocabulary
    from osce_kg.paths import DATA_DIR, PAGES_DIR

    t0 = time.perf_counter()
    vocabulary = load_vocabulary(DATA_DIR, PAGES_DIR / "000_edd890b92ae4faef.txt")
    paths = generate(Path(pages), n, vocabulary, seed=seed)
    return {"seconds": time.perf_counter() - t0, "pages": len(paths),
            "megabytes": sum(p.stat().st_size for p in paths) / 1e6}


def _page_paths(pages: str, limit: int | None = None) -> list[Path]:
    return sorted(Path(pages).glob("*.txt"))[:limit]


def _load_reference(store) -> None:
    """Load the ontology and the reference graphs with their PROV records, as `osce-kg build` does
    before any page (its step "loading the store")."""
    from osce_kg import iri
    from osce_kg.build.pipeline import provenance_of, read_ontology
    from osce_kg.mapping.reference import reference_graphs
    from osce_kg.paths import DATA_DIR, ONTOLOGY_DIR

    sources = [read_ontology(ONTOLOGY_DIR), *reference_graphs(DATA_DIR)]
    store.load_graphs({s.name: s.graph for s in sources})
    store.add_triples(iri.PROVENANCE_GRAPH, provenance_of(sources, DATA_DIR))


def _time_validation() -> list[float]:
    """Accumulate the seconds ingest spends in SHACL (wraps the validate that ingest calls)."""
    import osce_kg.pages.commit as ingest

    spent = [0.0]
    real = ingest.validate

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    ingest.validate = timed
    return spent


def phase_ingest(pages: str, store: str, limit: int | None = None) -> dict:

    from osce_kg.pages.ingest import ingest_paths
    from osce_kg.store import GraphStore

    paths = _page_paths(pages, limit)
    shacl = _time_validation()
    t0 = time.perf_counter()
    gs = GraphStore.open(Path(store))
    _load_reference(gs)
    t1 = time.perf_counter()
    report = ingest_paths(gs, paths)
    gs.flush()
    t2 = time.perf_counter()
    quads = gs.count()
    graphs = len(gs.graph_names())
    gs.close()
    return {"reference_s": t1 - t0, "ingest_s": t2 - t1, "seconds": t2 - t0, "shacl_s": shacl[0], "quads": quads,
            "graphs": graphs, "pages": len(paths), "report": _report_summary(report)}


def _report_summary(report) -> dict:
    """The counts of an IngestReport, and the first rejects (a benchmark page should have none)."""
    rejected = [o for o in report.outcomes if o.status == "rejected"]
    return {"ingested": report.count("ingested") + report.count("warnings"), "with_warnings": report.count("warnings"),
            "rejected": len(rejected), "unchanged": report.count("unchanged"), "documents": report.documents,
            "first_rejects": [f"{o.path.name}: {'; '.join(o.messages)}" for o in rejected[:3]]}


def phase_dump(store: str, dump: str) -> dict:
    """The built store as N-Quads, for the raw-load baseline (its own phase: not in ingest's RSS),
    streamed to the file by pyoxigraph (in memory it took 2 GB at 50,000 pages)."""
    import pyoxigraph as ox

    ox.Store.read_only(store).dump(dump, format=ox.RdfFormat.N_QUADS)
    return {"megabytes": Path(dump).stat().st_size / 1e6}


def phase_oxigraph_load(dump: str, store: str) -> dict:
    import pyoxigraph as ox

    t0 = time.perf_counter()
    s = ox.Store(store)
    s.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    s.flush()
    seconds = time.perf_counter() - t0
    quads = len(s)
    del s
    return {"seconds": seconds, "quads": quads}


def phase_rdflib_pipeline(pages: str, limit: int | None = None) -> dict:
    """The same ingest on the rdflib stack: rdflib's Dataset as the store, pyshacl as the SHACL
    engine (this phase runs in its own process, so the engine setting stays here)."""
    os.environ["OSCE_KG_SHACL_ENGINE"] = "pyshacl"
    from osce_kg.pages.ingest import ingest_paths
    from rdflib_store import RdflibGraphStore

    paths = _page_paths(pages, limit)
    t0 = time.perf_counter()
    gs = RdflibGraphStore()
    _load_reference(gs)
    t1 = time.perf_counter()
    report = ingest_paths(gs, paths)
    t2 = time.perf_counter()
    return {"reference_s": t1 - t0, "ingest_s": t2 - t1, "seconds": t2 - t0, "quads": gs.count(),
            "pages": len(paths), "report": _report_summary(report)}


def phase_shacl_full(store: str) -> dict:
    """Whole-graph SHACL exactly as `osce-kg build` runs it (build.validation.validate_store)."""
    from osce_kg.build.pipeline import ONTOLOGY_GRAPH, read_ontology
    from osce_kg.build.validation import read_rdf, validate_store
    from osce_kg.paths import ONTOLOGY_DIR
    from osce_kg.store import GraphStore

    gs = GraphStore.open_read_only(Path(store))
    shapes, ontology = read_rdf(ONTOLOGY_DIR / "shapes.ttl"), read_ontology(ONTOLOGY_DIR).graph
    data = [g for g in gs.graph_names() if g != ONTOLOGY_GRAPH]
    t0 = time.perf_counter()
    outcome = validate_store(gs, shapes, ontology, data)
    seconds = time.perf_counter() - t0
    from osce_kg.build.shards import SHARD_PAGES
    pages = sum(1 for g in data if iri_kind(g) == "page")
    return {"seconds": seconds, "graphs": len(data), "conforms": outcome.conforms, "violations": outcome.violations,
            "shards": -(-pages // SHARD_PAGES) if pages > SHARD_PAGES else 1,
            "first_violations": outcome.text.splitlines()[1:4]}


def iri_kind(graph) -> str:
    from osce_kg import iri

    return iri.graph_kind(graph)


def phase_shacl_increment(store: str, pages: str) -> dict:
    """Ingest INCREMENT new pages into the built store: what `ingest` validates per batch."""
    from osce_kg.pages.ingest import ingest_paths
    from osce_kg.store import GraphStore

    paths = _page_paths(pages)
    shacl = _time_validation()
    gs = GraphStore.open(Path(store))
    t0 = time.perf_counter()
    report = ingest_paths(gs, paths)
    seconds = time.perf_counter() - t0
    gs.close()
    return {"seconds": seconds, "increment_validate_s": shacl[0], "pages": len(paths), "report": _report_summary(report)}


def phase_queries(store: str, runs: int = QUERY_RUNS) -> dict:
    """Each named query with its default parameters (required ones from the query's own example),
    end to end as `osce-kg query NAME --format F` runs it once its query worker (query.bounded) has
    the store open and the catalogue is read: bind the parameters, run in the worker with the
    command's bounds (time limit, row cap), write the answer (query.cli.output). Against raw
    pyoxigraph on the same store: Store.query of the bound text and pyoxigraph's own serialiser of
    that answer in the same format. F is csv for SELECT and ASK (the analyst's export) and turtle
    for CONSTRUCT and DESCRIBE (the default output for RDF answers); the two outputs are compared
    byte for byte once. The default `table` output of SELECT answers is timed too (ours only:
    pyoxigraph has no such writer), beside raw csv. The worker's start (fork, open the store, first
    answer), which the command pays once, is timed apart."""
    import pyoxigraph as ox

    from osce_kg.namespaces import PREFIXES
    from osce_kg.query.bounded import QueryWorker
    from osce_kg.query.catalog import NamedQuery, load_catalog
    from osce_kg.query.cli import DEFAULT_MAX_ROWS, output

    starts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        with QueryWorker(Path(store)) as probe:
            probe.run("ASK {}", timeout=60)
        starts.append(time.perf_counter() - t0)
    worker = QueryWorker(Path(store)).start()
    raw = ox.Store.read_only(store)
    prefixes = dict(PREFIXES)
    results = {}
    for name, named in load_catalog().items():
        given = _required_from_example(named)
        text = named.bound(given)
        rdf = named.form in ("CONSTRUCT", "DESCRIBE")
        fmt = "turtle" if rdf else "csv"

        def ours(fmt: str = fmt, named: NamedQuery = named, given: dict[str, str] = given) -> bytes:
            return output(worker.run(named.bound(given), timeout=60, max_rows=DEFAULT_MAX_ROWS).result, fmt)

        def engine(text: str = text) -> bytes:
            answer = raw.query(text, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryTriples):
                return ox.serialize(answer, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
            return answer.serialize(format=ox.QueryResultsFormat.CSV)

        t0 = time.perf_counter()
        mine, theirs = ours(), engine()
        same = mine == (theirs if theirs.endswith(b"\n") else theirs + b"\n")
        # a slow query gets fewer runs so that the phase stays within minutes; the JSON says how many
        n = runs if time.perf_counter() - t0 < 1.0 else max(5, runs // 4)
        entry = {"rows": _answer_size(raw, text), "runs": n, "format": fmt, "same_bytes": same,
                 **_paired_timings(ours, engine, n)}
        if not rdf and named.form != "ASK":
            entry["ours_table"] = _paired_timings(lambda: ours("table"), engine, n)["ours"]
        results[name] = entry
    worker.close()
    return {"queries": results, "worker_start_ms": {"p50": statistics.median(starts) * 1000, "p95": sorted(starts)[-1] * 1000}}


def phase_validate_scale(path: str, nodes: int = 10_000, megabytes: float = 10.0) -> dict:
    """`osce-kg validate FILE` on a Turtle file of `megabytes` with `nodes` bad nodes (issue 14):
    read, validate, and the command's report (counts per shape, the first results)."""
    sys.path.insert(0, str(HERE))
    from osce_kg.build.validation import MAX_VIOLATIONS
    from osce_kg.validate.shacl import validate_files
    from validate_input import write_bad_turtle

    written = write_bad_turtle(Path(path), nodes=nodes, megabytes=megabytes)
    t0 = time.perf_counter()
    report = validate_files([Path(path)])
    text = report.render(MAX_VIOLATIONS)
    return {"seconds": time.perf_counter() - t0, **written, "violations": len(report.violations),
            "report_lines": text.count("\n") + 1}


def _answer_size(raw, text: str) -> int | None:
    """Rows of a SELECT answer, triples of a CONSTRUCT or DESCRIBE answer, None for ASK."""
    import pyoxigraph as ox

    answer = raw.query(text, use_default_graph_as_union=True)
    return None if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer)


def _required_from_example(named) -> dict[str, str]:
    """Values for the required parameters, taken from the query's own first example call."""
    from osce_kg.query.params import REQUIRED

    required = {p.name for p in named.params if p.default == REQUIRED}
    for example in named.examples:
        given = {k: v.strip("'\"") for k, v in re.findall(r"--param\s+(\w+)=(\S+)", example)}
        if required <= set(given):
            return {k: v for k, v in given.items() if k in required}
    return {}


def _paired_timings(ours: Callable[[], object], raw: Callable[[], object], runs: int) -> dict:
    """Runs alternate between the two engines, so that a change of machine load hits both alike."""
    times: dict[str, list[float]] = {"ours": [], "raw": []}
    for _ in range(runs):
        for name, fn in (("ours", ours), ("raw", raw)):
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: {"p50": statistics.median(ts), "p95": sorted(ts)[min(len(ts) - 1, round(0.95 * (len(ts) - 1)))]}
            for name, ts in times.items()}


PHASES: dict[str, Callable[..., dict]] = {
    "generate": phase_generate,
    "ingest": phase_ingest,
    "dump": phase_dump,
    "oxigraph_load": phase_oxigraph_load,
    "rdflib_pipeline": phase_rdflib_pipeline,
    "shacl_full": phase_shacl_full,
    "shacl_increment": phase_shacl_increment,
    "queries": phase_queries,
    "validate_scale": phase_validate_scale,
}


def _child(phase: str, params: str) -> None:
    result = PHASES[phase](**json.loads(params))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # ingest's worker processes
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    result["worker_peak_rss_mb"] = children.ru_maxrss / 1024
    result["cpu_s"] = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    print(json.dumps(result))


def run_phase(phase: str, **params: object) -> dict:
    """Run one phase in a fresh interpreter; its peak RSS is its own, not the runner's."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--params", json.dumps(params)],
        capture_output=True, text=True, timeout=PHASE_TIMEOUT_S,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise RuntimeError(f"phase {phase} failed (exit {proc.returncode})")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - t0
    print(f"  {phase}: {result.get('seconds', result['wall_s']):.1f} s (process CPU {result['cpu_s']:.1f} s), "
          f"peak RSS {result['peak_rss_mb']:.0f} MB, load {os.getloadavg()[0]:.1f}",
          file=sys.stderr, flush=True)
    return result


# the benchmark ---------------------------------------------------------------------------------

def bench_size(n: int, seed: int, work: Path, rdflib_max: int) -> dict:
    pages, extra = work / "pages", work / "increment"
    store, dump, raw = work / "store", work / "all.nq", work / "raw-store"
    print(f"N = {n}", file=sys.stderr, flush=True)
    out: dict = {"n": n}
    out["generate"] = run_phase("generate", n=n, seed=seed, pages=str(pages))
    # the increment is a different seed: new documents, not re-ingested ones
    run_phase("generate", n=INCREMENT, seed=seed + 1000, pages=str(extra))
    out["ingest"] = run_phase("ingest", pages=str(pages), store=str(store))
    run_phase("dump", store=str(store), dump=str(dump))
    out["oxigraph_load"] = run_phase("oxigraph_load", dump=str(dump), store=str(raw))
    shutil.rmtree(raw)
    if n <= rdflib_max:
        out["rdflib_pipeline"] = run_phase("rdflib_pipeline", pages=str(pages))
    else:
        # rdflib is too slow for N pages: both pipelines on the first rdflib_max pages, labelled so
        out["rdflib_pipeline"] = run_phase("rdflib_pipeline", pages=str(pages), limit=rdflib_max)
        out["ingest_on_rdflib_subset"] = run_phase("ingest", pages=str(pages), store=str(work / "subset-store"),
                                                   limit=rdflib_max)
        shutil.rmtree(work / "subset-store")
    out["queries"] = run_phase("queries", store=str(store))
    out["shacl_full"] = run_phase("shacl_full", store=str(store))
    out["shacl_increment"] = run_phase("shacl_increment", store=str(store), pages=str(extra))
    return out


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pyoxigraph
    import pyshacl
    import rdflib

    return {
        "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_avg": [round(x, 2) for x in os.getloadavg()], "os": platform.platform(),
        "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__, "pyshacl": pyshacl.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000", help="comma-separated page counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--rdflib-max", type=int, default=5000,
                        help="pages given to the rdflib-only pipeline at most (it is slow); above, both pipelines run on that many")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--validate-only", action="store_true",
                        help="measure only `osce-kg validate` on 10 MB of Turtle with 10,000 bad nodes, print the JSON")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        _child(args.phase, args.params)
        return

    from report import markdown_table

    sizes = [int(s) for s in args.sizes.split(",") if s]
    results = {"started": datetime.now(UTC).isoformat(timespec="seconds"),
               "machine": machine(), "seed": args.seed, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="osce-bench-validate-", dir=args.work) as tmp:
        print("validate at scale", file=sys.stderr, flush=True)
        results["validate_scale"] = run_phase("validate_scale", path=str(Path(tmp) / "bad.ttl"))
    if args.validate_only:
        print(json.dumps(results["validate_scale"], indent=2))
        return
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"osce-bench-{n}-", dir=args.work) as tmp:
            results["sizes"].append(bench_size(n, args.seed, Path(tmp), args.rdflib_max))
    results["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown_table(results)
    (args.out / "results.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
