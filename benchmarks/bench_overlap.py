"""Benchmark: membership overlap by sparse matrix product against a naive loop over every pair.

A synthetic bipartite graph (fixed seed): ``--members`` members, ``--orgs`` organisations, each organisation
with a random number of members (1 to 2 × ``--mean``). Both methods compute the Jaccard index of every pair of
organisations that share a member; the script checks they agree and prints the time of each and their ratio.
Then it times the sparse method alone on ``--scale`` organisations (tens of thousands), where the naive loop
over n²/2 pairs is out of reach. Not a test: timings depend on the machine.

    python benchmarks/bench_overlap.py                      # 2,000 orgs compared, 20,000 and 50,000 sparse
    python benchmarks/bench_overlap.py --orgs 1000 --scale 100000
"""

from __future__ import annotations

import argparse
import itertools
import time

import numpy as np
import scipy.sparse as sp

from govgraph.analysis.overlap import similar_pairs


def synthetic(n_members: int, n_orgs: int, mean: int, seed: int) -> sp.csr_array:
    """A random binary members × organisations matrix (each organisation has 1..2*mean members)."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 2 * mean + 1, size=n_orgs)
    cols = np.repeat(np.arange(n_orgs), sizes)
    rows = np.concatenate([rng.choice(n_members, size=s, replace=False) for s in sizes])
    return sp.csr_array((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(n_members, n_orgs))


def naive(matrix: sp.csr_array) -> dict[tuple[int, int], float]:
    """Jaccard of every pair of organisations sharing a member, by a Python loop over all n²/2 pairs."""
    csc = sp.csc_array(matrix)
    members = [set(csc.indices[csc.indptr[j] : csc.indptr[j + 1]].tolist()) for j in range(csc.shape[1])]
    out = {}
    for i, j in itertools.combinations(range(len(members)), 2):
        shared = len(members[i] & members[j])
        if shared:
            out[(i, j)] = shared / len(members[i] | members[j])
    return out


def timed(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--orgs", type=int, default=2000, help="organisations for the comparison with the loop")
    parser.add_argument("--mean", type=int, default=8, help="mean members per organisation")
    parser.add_argument("--scale", type=int, nargs="*", default=[20000, 50000], help="sparse-only sizes")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    a = synthetic(args.members, args.orgs, args.mean, args.seed)
    ref, t_naive = timed(naive, a)
    pairs, t_sparse = timed(similar_pairs, a, "jaccard")
    mine = {(int(i), int(j)): float(v) for i, j, v in zip(pairs.i, pairs.j, pairs.value, strict=True)}
    assert mine.keys() == ref.keys() and all(abs(mine[k] - ref[k]) < 1e-9 for k in ref), "methods disagree"
    print(
        f"{args.orgs:,} organisations, {args.members:,} members, {a.nnz:,} memberships, "
        f"{len(mine):,} overlapping pairs of {args.orgs * (args.orgs - 1) // 2:,}"
    )
    print(f"  naive pairwise loop  {t_naive:8.3f} s")
    print(f"  sparse A^T A         {t_sparse:8.3f} s")
    print(f"  ratio naive / sparse {t_naive / t_sparse:8.1f} x  (results identical)")
    for n in args.scale:
        big = synthetic(max(args.members, n // 4), n, args.mean, args.seed)
        pairs, t = timed(similar_pairs, big, "jaccard")
        print(f"sparse only: {n:,} organisations, {big.nnz:,} memberships -> {len(pairs):,} pairs in {t:.3f} s")


if __name__ == "__main__":
    main()
