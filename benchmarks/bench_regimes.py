"""Benchmark: regime-complex detection on a synthetic graph (fixed seed), e.g. 100,000 organisations.

Organisations get one or two issue areas, one to four functions, a few random partnerships and a few
``part_of``/``sponsors`` ties; ``--memberships`` member ties come from ``--members`` states. Prints the time of
``regime_complexes`` and the number of complexes. Not a test: timings depend on the machine.

    python benchmarks/bench_regimes.py --orgs 10000 --memberships 100000
    python benchmarks/bench_regimes.py --orgs 100000 --memberships 1000000
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np

from govgraph.analysis.regimes import regime_complexes
from govgraph.vocab import vocabulary


def synthetic(n_orgs: int, n_members: int, n_memberships: int, ties_per_org: float, seed: int) -> nx.MultiDiGraph:
    rng = np.random.default_rng(seed)
    v = vocabulary()
    areas = sorted(v.issue_areas)
    functions = sorted(v.functions)
    g = nx.MultiDiGraph()
    g.graph["as_of"] = 2020
    for k in range(n_orgs):
        a = rng.choice(len(areas), size=rng.integers(1, 3), replace=False)
        f = rng.choice(len(functions), size=rng.integers(1, 5), replace=False)
        g.add_node(
            f"o{k:06d}",
            kind="organisation",
            org_type="intergovernmental",
            name=f"O{k}",
            issue_areas=[areas[i] for i in sorted(a)],
            functions=[functions[i] for i in sorted(f)],
        )
    for m in range(n_members):
        g.add_node(f"s{m:04d}", kind="state", name=f"S{m}")
    cats = {t: r.category for t, r in v.relation_types.items()}
    src = rng.integers(0, n_members, size=n_memberships)
    dst = rng.integers(0, n_orgs, size=n_memberships)
    for k, (s, d) in enumerate(zip(src, dst, strict=True)):
        g.add_edge(f"s{s:04d}", f"o{d:06d}", key=f"m{k}", id=f"m{k}", type="member_of", category=cats["member_of"])
    n_ties = int(n_orgs * ties_per_org)
    a, b = rng.integers(0, n_orgs, size=n_ties), rng.integers(0, n_orgs, size=n_ties)
    types = rng.choice(["partner_of", "partner_of", "liaison_with", "part_of", "sponsors"], size=n_ties)
    for k, (x, y, t) in enumerate(zip(a, b, types, strict=True)):
        if x != y:
            g.add_edge(f"o{x:06d}", f"o{y:06d}", key=f"t{k}", id=f"t{k}", type=str(t), category=cats[str(t)])
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=10000)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--memberships", type=int, default=100000)
    parser.add_argument("--ties", type=float, default=1.0, help="institution ties per organisation")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sensitivity", action="store_true", help="also time the 27 settings of --sensitivity")
    args = parser.parse_args()
    start = time.perf_counter()
    g = synthetic(args.orgs, args.members, args.memberships, args.ties, args.seed)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges in {time.perf_counter() - start:.1f} s")
    start, cpu = time.perf_counter(), time.process_time()
    res = regime_complexes(g)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"regime_complexes: {len(res.complexes)} complexes in {wall:.1f} s ({cpu:.1f} s of CPU)")
    if args.sensitivity:
        start, cpu = time.perf_counter(), time.process_time()
        res = regime_complexes(g, sensitivity=True)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"with --sensitivity ({res.sensitivity['settings']} settings): {wall:.1f} s ({cpu:.1f} s of CPU)")


if __name__ == "__main__":
    main()
