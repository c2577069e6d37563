"""The few loops that cannot be vectorised, compiled with numba on first use (and cached on disk by numba).

Each kernel is plain Python over numpy arrays; :func:`kernel` compiles it the first time it is asked for, so
numba (about half a second to import) is loaded only by the commands that reach such a loop at scale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["kernel"]

_COMPILED: dict[str, Callable[..., Any]] = {}


def kernel(name: str) -> Callable[..., Any]:
    """The compiled kernel ``name`` (a function of this module whose name starts with ``_k_``)."""
    if name not in _COMPILED:
        import numba

        func = globals()[f"_k_{name}"]
        try:
            _COMPILED[name] = numba.njit(cache=True)(func)  # compiled once per machine, then read from the cache
        except RuntimeError:  # no folder to cache in (a read-only install and home): compile for this run only
            _COMPILED[name] = numba.njit(func)
    return _COMPILED[name]


def _k_shared_counts(indptr: np.ndarray, indices: np.ndarray, i: np.ndarray, j: np.ndarray, out: np.ndarray) -> None:
    """``out[k] = |row i[k] ∩ row j[k]|`` of a CSR matrix with sorted indices, by merging the two rows."""
    for k in range(len(i)):
        a, a_end = indptr[i[k]], indptr[i[k] + 1]
        b, b_end = indptr[j[k]], indptr[j[k] + 1]
        count = 0
        while a < a_end and b < b_end:
            x, y = indices[a], indices[b]
            if x == y:
                count += 1
                a += 1
                b += 1
            elif x < y:
                a += 1
            else:
                b += 1
        out[k] = count


def _k_louvain_moves(
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    degrees: np.ndarray,
    m: float,
    order: np.ndarray,
    node2com: np.ndarray,
    stot: np.ndarray,
) -> bool:
    """The loop of moves of networkx's Louvain ``_one_level`` (undirected), see :mod:`govgraph.analysis.louvain`.

    Visits the nodes in ``order`` until a pass moves none; each goes to the neighbouring community of best
    modularity gain (the first of equal gains, communities in the order the node's neighbours first show them, its
    own last when no neighbour is in it). Updates ``node2com`` and ``stot``; True when a node moved.
    """
    n = len(degrees)
    two_m2 = 2 * m**2
    mark = np.full(n, -1, dtype=np.int64)
    wsum = np.zeros(n, dtype=np.float64)
    seen = np.empty(n, dtype=np.int64)
    improvement = False
    nb_moves = 1
    stamp = 0
    while nb_moves > 0:
        nb_moves = 0
        for u in order:
            stamp += 1
            cu = node2com[u]
            best_com = cu
            best_mod = 0.0
            k = 0
            for p in range(indptr[u], indptr[u + 1]):  # weights by community, in first-seen order
                c = node2com[indices[p]]
                if mark[c] != stamp:
                    mark[c] = stamp
                    wsum[c] = 0.0
                    seen[k] = c
                    k += 1
                wsum[c] += weights[p]
            if mark[cu] != stamp:
                mark[cu] = stamp
                wsum[cu] = 0.0
                seen[k] = cu
                k += 1
            degree = degrees[u]
            stot[cu] -= degree
            remove_cost = -wsum[cu] / m + (stot[cu] * degree) / two_m2
            for t in range(k):
                c = seen[t]
                gain = remove_cost + wsum[c] / m - (stot[c] * degree) / two_m2
                if gain > best_mod:
                    best_mod = gain
                    best_com = c
            stot[best_com] += degree
            if best_com != cu:
                node2com[u] = best_com
                improvement = True
                nb_moves += 1
    return improvement
