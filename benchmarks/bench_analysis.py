"""Benchmark: overlap and centrality at Yearbook scale (issue 9), time and peak memory, with anchors.

Synthetic data of Yearbook shape (fixed seed): organisations with heavy-tailed member counts (log-normal, 1 to
200) drawn from 200 states of Zipf-like popularity; a tie graph with heavy-tailed degrees. Sizes: M = 10,000
organisations / 100,000 memberships / 10,000 ties; L = 100,000 / 1,000,000 / 100,000. Each measurement runs in a
fresh subprocess, so its peak memory (max RSS) is its own. Anchors, in the same run:

* overlap: networkx's weighted bipartite projection on a 2,000-organisation slice, checked to give identical
  pairs and shared counts, against the blockwise product (``similar_pairs``) on the same slice;
* centrality: networkx's own eigenvector iteration (Python) against ours at M, networkx's closeness against ours
  (both exact) on a 2,000-organisation tie graph.

Not a test: timings depend on the machine. Reproduce with ``python benchmarks/bench_analysis.py`` (about 10
minutes on two cores; ``--sizes M`` for a quick run).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np
import scipy.sparse as sp

SIZES = {"M": (10_000, 100_000, 10_000), "L": (100_000, 1_000_000, 100_000)}
SLICE = (2_000, 20_000, 2_000)  # the anchors' size
STATES = 200


def incidence(n_orgs: int, n_memberships: int, seed: int = 42) -> sp.csr_array:
    """States × organisations: log-normal member counts (1..200), states drawn by Zipf-like popularity."""
    rng = np.random.default_rng(seed)
    raw = rng.lognormal(0.0, 1.1, n_orgs)
    sizes = np.clip(np.rint(raw * n_memberships / raw.sum()), 1, STATES).astype(np.int64)
    log_weight = -0.9 * np.log(np.arange(1, STATES + 1))
    rows, cols = [], []
    for start in range(0, n_orgs, 5000):
        chunk = sizes[start : start + 5000]
        keys = log_weight + rng.gumbel(size=(len(chunk), STATES))  # weighted sampling without replacement
        order = np.argsort(-keys, axis=1)
        r, c = np.nonzero(np.arange(STATES)[None, :] < chunk[:, None])
        rows.append(order[r, c])
        cols.append(r + start)
    rows_a, cols_a = np.concatenate(rows), np.concatenate(cols)
    return sp.csr_array((np.ones(len(rows_a), dtype=np.int64), (rows_a, cols_a)), shape=(STATES, n_orgs))


def tie_graph(n_orgs: int, n_ties: int, seed: int = 7) -> Any:
    """A simple undirected graph of ties between organisations, heavy-tailed degrees, ids ``o000001``..."""
    import networkx as nx

    rng = np.random.default_rng(seed)
    weight = 1 / np.arange(1, n_orgs + 1) ** 0.7
    weight /= weight.sum()
    ends = rng.choice(n_orgs, size=(2 * n_ties, 2), p=weight)
    ends = ends[ends[:, 0] != ends[:, 1]][:n_ties]
    names = [f"o{k:06d}" for k in range(n_orgs)]
    h = nx.Graph()
    h.add_nodes_from(names)
    h.add_edges_from((names[u], names[v]) for u, v in ends.tolist())
    return h


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(task: str, size: str) -> dict[str, Any]:
    """One measurement in this process: build its input, then time the operation alone."""
    n_orgs, n_mem, n_ties = SIZES.get(size, SLICE)
    out: dict[str, Any] = {"task": task, "size": size}
    if task.startswith("overlap"):
        from govgraph.analysis.overlap import similar_pairs

        a = incidence(n_orgs, n_mem)
        out["memberships"] = int(a.nnz)
        if task == "overlap-slice":  # the anchor: networkx on the first 2,000 organisations
            import networkx as nx

            a = sp.csr_array(a[:, :2000])
            b = nx.Graph()
            orgs = [("o", k) for k in range(a.shape[1])]
            b.add_nodes_from(orgs)
            coo = a.tocoo()
            b.add_edges_from((("s", int(r)), orgs[int(c)]) for r, c in zip(coo.row, coo.col, strict=True))
            start = time.perf_counter()
            ref = nx.bipartite.weighted_projected_graph(b, orgs)
            out["networkx_s"] = time.perf_counter() - start
            start = time.perf_counter()
            p = similar_pairs(a, "jaccard")
            out["seconds"] = time.perf_counter() - start
            mine = {(int(i), int(j)): int(s) for i, j, s in zip(p.i, p.j, p.shared, strict=True)}
            theirs = {(min(u[1], v[1]), max(u[1], v[1])): d["weight"] for u, v, d in ref.edges(data=True)}
            out["identical"] = mine == theirs
            out["pairs"] = len(mine)
        else:
            minimum = float(task.split(":")[1])
            start = time.perf_counter()
            p = similar_pairs(a, "jaccard", minimum)
            out["seconds"] = time.perf_counter() - start
            out["pairs"] = len(p)
    else:
        from govgraph.analysis.centrality import MEASURES, method

        h = tie_graph(n_orgs, n_ties)
        out["nodes"], out["edges"] = h.number_of_nodes(), h.number_of_edges()
        measure = task.split(":")[1]
        if measure == "eigenvector-networkx":
            import networkx as nx

            start = time.perf_counter()
            nx.eigenvector_centrality(h, max_iter=10000, tol=1e-12)
        elif measure == "closeness-networkx":
            import networkx as nx

            start = time.perf_counter()
            nx.closeness_centrality(h)
        else:
            start = time.perf_counter()
            MEASURES[measure](h)
            out["method"] = method(measure, h)
        out["seconds"] = time.perf_counter() - start
    out["peak_mib"] = _peak_mib()
    return out


def measure(task: str, size: str) -> dict[str, Any]:
    """Run :func:`run_one` in a fresh interpreter, so the peak memory is this task's own."""
    res = subprocess.run(
        [sys.executable, __file__, "--one", task, size], capture_output=True, text=True, check=False, timeout=1200
    )
    if res.returncode:
        return {"task": task, "size": size, "error": res.stderr.strip().splitlines()[-1:]}
    return json.loads(res.stdout)


def _line(r: dict[str, Any]) -> str:
    if "error" in r:
        return f"{r['task']:<34} {r['size']:<3} failed: {r['error']}"
    extra = ""
    if "pairs" in r:
        extra += f"  {r['pairs']:,} pairs"
    if r.get("method", {}).get("exact") is False:
        extra += f"  (estimated, {r['method']['pivots']} pivots)"
    return f"{r['task']:<34} {r['size']:<3} {r['seconds']:9.2f} s  {r['peak_mib']:8.0f} MiB{extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["M", "L"], choices=list(SIZES))
    parser.add_argument("--one", nargs=2, metavar=("TASK", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one)))
        return
    anchor = measure("overlap-slice", "S")
    print(_line(anchor))
    print(
        f"  networkx weighted_projected_graph {anchor['networkx_s']:.2f} s on the same 2,000 organisations; "
        f"ratio {anchor['networkx_s'] / anchor['seconds']:.1f}x; identical pairs: {anchor['identical']}"
    )
    for size in args.sizes:
        for task in ("overlap:0.5", "overlap:0.8"):
            print(_line(measure(task, size)))
        timed = {}
        for m in ("degree", "pagerank", "eigenvector", "closeness", "betweenness"):
            timed[m] = measure(f"centrality:{m}", size)
            print(_line(timed[m]))
        if size == "M":
            ref = measure("centrality:eigenvector-networkx", size)
            print(_line(ref))
            print(f"  ratio networkx / ours for eigenvector: {ref['seconds'] / timed['eigenvector']['seconds']:.1f}x")
    ours, ref = measure("centrality:closeness", "S"), measure("centrality:closeness-networkx", "S")
    print(_line(ours))
    print(_line(ref))
    print(f"  ratio networkx / ours for exact closeness: {ref['seconds'] / ours['seconds']:.1f}x")


if __name__ == "__main__":
    main()
