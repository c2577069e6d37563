"""Benchmark: govgraph at Yearbook scale, every operation on synthetic data, with the anchors in the same run.

Generates the data with ``govgraph synth`` (tables and YAML, fixed seed), then runs each operation as a subprocess of
the installed command under ``/usr/bin/time`` and prints wall time, CPU time (user + system, all threads), peak
memory (maximum resident set) and rate. Anchors, measured in this run: networkx's weighted bipartite projection on a
2,000-organisation slice against govgraph's sparse product (the pairs must be identical), and ``json.load`` of the
same records against ``validate``. Neo4j loading is benchmarked by ``benchmarks/bench_load.py`` (called when present
with ``--run-load``). Not a test: timings depend on the machine and on what else runs on it.

    python benchmarks/bench_scale.py --size S            # 1,000 orgs / 10,000 memberships / 1,000 ties
    python benchmarks/bench_scale.py --size M --skip yaml
    python benchmarks/bench_scale.py --size L --timeout 900
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = {  # organisations, states, memberships, ties
    "S": (1_000, 200, 10_000, 1_000),
    "M": (10_000, 200, 100_000, 10_000),
    "L": (100_000, 200, 1_000_000, 100_000),
}
HERE = Path(__file__).resolve().parent
GOVGRAPH = (
    str(Path(sys.executable).parent / "govgraph") if (Path(sys.executable).parent / "govgraph").exists() else "govgraph"
)


def measured(argv: list[str], timeout: float, env: dict | None = None) -> dict:
    """Run ``argv`` under /usr/bin/time; wall, cpu (user + sys) seconds, peak MiB, exit code, last stderr line."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        proc = subprocess.Popen(
            ["/usr/bin/time", "-f", "%U %S %M", "-o", report.name, *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            start_new_session=True,  # so a timeout ends the command too, not only /usr/bin/time
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return {"wall": time.perf_counter() - start, "cpu": float("nan"), "peak": float("nan"), "rc": "timeout"}
        wall = time.perf_counter() - start
        fields = report.read().split()[-3:]
    user, system, kb = (float(x) for x in fields) if len(fields) == 3 else (float("nan"),) * 3
    tail = (stderr.strip().splitlines() or [""])[-1]
    return {
        "wall": wall,
        "cpu": user + system,
        "peak": kb / 1024,
        "rc": proc.returncode,
        "out": stdout,
        "msg": tail,
    }


def row(op: str, size: str, m: dict, records: int | None) -> list[str]:
    """A table row; rates are records per second of wall time and of CPU time (the machine may be shared)."""
    ok = records and m["rc"] == 0
    rate = f"{records / m['wall']:,.0f}" if ok else ""
    cpu_rate = f"{records / m['cpu']:,.0f}" if ok and m["cpu"] > 0 else ""
    status = "" if m["rc"] == 0 else f" (exit {m['rc']})"
    return [op + status, size, f"{m['wall']:.1f}", f"{m['cpu']:.1f}", rate, cpu_rate, f"{m['peak']:,.0f}"]


PY_GRAPH = """
import time, json, sys
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
t = time.perf_counter(); ds = load_dataset([sys.argv[1]]); load = time.perf_counter() - t
t = time.perf_counter(); g = build_graph(ds, lean=sys.argv[2] == 'lean'); graph = time.perf_counter() - t
print(json.dumps({"load": load, "graph": graph, "edges": g.number_of_edges()}))
"""

PY_ANCHOR_PROJECTION = """
import json, sys, time
import networkx as nx
import numpy as np
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from govgraph.analysis.projections import membership_incidence
from govgraph.analysis.overlap import similar_pairs
g = build_graph(load_dataset([sys.argv[1]]), lean=True)
inc = membership_incidence(g)
orgs = [c for c in inc.cols if c.startswith("org-")][:2000]   # a slice: the first 2,000 organisations with members
sub = membership_incidence(g, institutions=orgs)
b = nx.Graph()
b.add_nodes_from(orgs, bipartite=1)
b.add_nodes_from((("member", r) for r in sub.rows), bipartite=0)  # an organisation can be a member too
coo = sub.matrix.tocoo()
b.add_edges_from((("member", sub.rows[i]), sub.cols[j]) for i, j in zip(coo.row.tolist(), coo.col.tolist()))
t = time.perf_counter(); ref = nx.bipartite.weighted_projected_graph(b, orgs); t_nx = time.perf_counter() - t
t = time.perf_counter(); pairs = similar_pairs(sub.matrix, "jaccard"); t_gg = time.perf_counter() - t
shared = (sub.matrix.T @ sub.matrix).tocsr()
mine = {(sub.cols[i], sub.cols[j], int(shared[i, j])) for i, j in zip(pairs.i.tolist(), pairs.j.tolist())}
theirs = {(*sorted((u, v)), d["weight"]) for u, v, d in ref.edges(data=True)}
print(json.dumps({"pairs": len(mine), "same": mine == theirs, "networkx": t_nx, "govgraph": t_gg}))
"""

PY_ANCHOR_JSON = """
import json, sys, time
import polars as pl
from pathlib import Path
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
records = []
for p in sorted(folder.glob("*.csv")):
    records += pl.read_csv(p, infer_schema=False).to_dicts()
out.write_text(json.dumps(records))
t = time.perf_counter(); n = len(json.load(open(out))); took = time.perf_counter() - t
print(json.dumps({"records": n, "seconds": took}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where the data goes (default: a temporary folder, removed)")
    parser.add_argument("--skip", nargs="*", default=[], help="operations to skip (e.g. yaml report)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per operation")
    parser.add_argument("--run-load", action="store_true", help="also run benchmarks/bench_load.py (Neo4j)")
    args = parser.parse_args()
    orgs, states, members, ties = SIZES[args.size]
    records = orgs + states + members + ties + 8
    work = args.workdir or Path(tempfile.mkdtemp(prefix="govgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    size = args.size
    rows: list[list[str]] = []
    notes: list[str] = []
    try:
        synth = [GOVGRAPH, "synth", "--orgs", str(orgs), "--states", str(states), "--memberships", str(members)]
        synth += ["--ties", str(ties), "--seed", str(args.seed), "--force"]
        tables, yaml_dir = work / f"{size}-csv", work / f"{size}-yaml"
        m = measured([*synth, "-o", str(tables)], args.timeout)
        rows.append(row("synth (csv)", size, m, records))
        if "yaml" not in args.skip:
            m = measured([*synth, "-f", "yaml", "-o", str(yaml_dir)], args.timeout)
            rows.append(row("synth (yaml)", size, m, records))
        data = ["--data", str(tables)]
        ops = [
            ("validate (tables)", [GOVGRAPH, "validate", *data]),
            ("validate (yaml)", [GOVGRAPH, "validate", "--data", str(yaml_dir)]),
            ("stats", [GOVGRAPH, "stats", *data]),
            ("overlap membership --min 0.5", [GOVGRAPH, "overlap", "membership", "--min", "0.5", *data]),
            ("centrality", [GOVGRAPH, "centrality", "--top", "20", *data]),
            ("regimes", [GOVGRAPH, "regimes", "--format", "json", *data]),
            ("report", [GOVGRAPH, "report", "-o", str(work / "report"), *data]),
            ("export json", [GOVGRAPH, "export", "--format", "json", "-o", str(work / "export.json"), *data]),
        ]
        for name, argv in ops:
            if any(s in name for s in args.skip):
                continue
            m = measured(argv, args.timeout)
            rows.append(row(name, size, m, records))
            if m["rc"] not in (0,):
                notes.append(f"{name}: exit {m['rc']}: {m.get('msg', '')}")
        if "graph" not in args.skip:
            for mode in ("full", "lean"):
                m = measured([sys.executable, "-c", PY_GRAPH, str(tables), mode], args.timeout)
                if m["rc"] == 0:
                    inner = json.loads(m["out"])
                    edges, took = inner["edges"], inner["graph"]
                    if mode == "full":
                        notes.append(
                            f"validate in process (tables, no start-up): {inner['load']:.1f} s, "
                            f"{records / inner['load']:,.0f} records/s"
                        )
                    notes.append(
                        f"graph build ({mode}): load {inner['load']:.1f} s, build {took:.1f} s for {edges:,} edges "
                        f"({edges / took:,.0f} edges/s), peak {m['peak']:,.0f} MiB"
                    )
                rows.append(row(f"load + graph build ({mode}, in process)", size, m, records))
        m = measured([sys.executable, "-c", PY_ANCHOR_PROJECTION, str(tables)], args.timeout)
        if m["rc"] == 0:
            a = json.loads(m["out"])
            notes.append(
                f"anchor: networkx weighted_projected_graph on a 2,000-organisation slice {a['networkx']:.2f} s, "
                f"govgraph similar_pairs {a['govgraph']:.3f} s: {a['networkx'] / a['govgraph']:,.0f}x; "
                f"{a['pairs']:,} pairs, identical: {a['same']}"
            )
        else:
            notes.append(f"anchor projection failed: {m.get('msg')}")
        m = measured([sys.executable, "-c", PY_ANCHOR_JSON, str(tables), str(work / "records.json")], args.timeout)
        if m["rc"] == 0:
            a = json.loads(m["out"])
            rate = a["records"] / a["seconds"]
            validate = next((r for r in rows if r[0] == "validate (tables)"), None)
            ratio = ""
            if validate and validate[4]:
                ratio = (
                    f"; validate (tables) reaches {float(validate[4].split()[0].replace(',', '')) / rate:.2f}x of it"
                )
            notes.append(f"anchor: json.load of the same {a['records']:,} records: {rate:,.0f} records/s{ratio}")
        bench_load = HERE / "bench_load.py"
        if args.run_load and bench_load.exists():
            m = measured([sys.executable, str(bench_load), "--size", size], args.timeout * 2)
            notes.append(f"bench_load.py: exit {m['rc']}\n{m.get('out', '')}")
        elif args.run_load:
            notes.append("bench_load.py not present: Neo4j load not measured here")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    header = ["operation", "size", "wall s", "cpu s", "records/s (wall)", "records/s (cpu)", "peak MiB"]
    print(f"| {' | '.join(header)} |")
    print(f"|{'---|' * len(header)}")
    for r in rows:
        print(f"| {' | '.join(r)} |")
    print()
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
