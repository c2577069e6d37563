"""Significant overlap: the backbone of a membership projection, pair by pair against a null model.

With ``A`` a binary elements × sets incidence (members × institutions), two institutions that share ``s``
members are tied in the backbone when ``s`` is larger than chance would give. Two null models:

* ``hypergeom``: both institutions' member counts are kept and their members drawn at random from the
  projection's member universe (the rows of ``A``, ``N`` of them): ``X ~ Hypergeometric(N, size_a, size_b)``.
* ``sdsm``: the stochastic degree sequence model (Neal 2014, *Social Networks* 39: 84-97): every cell of ``A`` is
  an independent Bernoulli whose probability is fitted to both sides' degrees; the fit is the bipartite
  configuration model (Saracco et al. 2015, *Scientific Reports* 5: 10595), the estimator Neal, Domagalski & Sagan
  (2021, *Scientific Reports* 11: 23929) found best. ``X`` is then a Poisson-binomial, summed over the members.

``p_value = P[X >= shared]``. The q-value is Benjamini-Hochberg over *every* pair of the projection's ``n``
institutions, ``m = n(n-1)/2`` tests: a pair sharing no member has ``p = 1``. Only pairs with ``q <= alpha`` are kept.

Scale: p-values are computed only for pairs sharing a member, block by block over the sparse product
``A^T A`` (:func:`blockwise_pairs`), and only pairs with ``p <= alpha`` are kept (a pair with ``p > alpha`` can never
have ``q <= alpha``, since ``q >= p``). The BH q-values of the kept pairs are exact from that subset and the global
``m``: every pair left out has a larger p-value than every pair kept, so the kept pairs hold ranks ``1..k``, and for
any left-out rank ``j`` the term ``m p_(j) / j > alpha``, which never lowers a q-value that is ``<= alpha``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from govgraph.errors import UsageError
from govgraph.tables import Table

__all__ = [
    "METHODS",
    "BackbonePairs",
    "BackboneReport",
    "backbone",
    "benjamini_hochberg",
    "bicm_probabilities",
    "blockwise_pairs",
    "hypergeom_pvalues",
    "membership_backbone",
    "sdsm_pvalues",
]

#: The null models.
METHODS: tuple[str, ...] = ("hypergeom", "sdsm")

_BLOCK = 2048  # sets per block of the product: bounded memory whatever the number of sets


def blockwise_pairs(
    matrix: sp.sparray | sp.spmatrix,
    keep: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None,
    block: int = _BLOCK,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Pairs ``i < j`` of columns of a binary elements × sets matrix sharing an element, block by block.

    Yields ``(i, j, shared)`` arrays for each block of ``block`` rows of ``A^T A`` (upper triangle only), filtered
    by ``keep(i, j, shared) -> bool mask`` when given, so memory is bounded by one block of the product. Pairs come
    sorted by ``i`` then ``j``. A standalone product (the lead may swap it for the shared block iterator).
    """
    a = sp.csc_array(matrix, dtype=np.int64)
    at = sp.csr_array(a.T)
    n = a.shape[1]
    for start in range(0, n, block):
        stop = min(start + block, n)
        prod = sp.csr_array(at[start:stop] @ a).tocoo()
        i = prod.row.astype(np.int64) + start
        j = prod.col.astype(np.int64)
        shared = prod.data.astype(np.int64)
        mask = (j > i) & (shared > 0)
        i, j, shared = i[mask], j[mask], shared[mask]
        if keep is not None and len(i):
            mask = keep(i, j, shared)
            i, j, shared = i[mask], j[mask], shared[mask]
        order = np.lexsort((j, i))
        yield i[order], j[order], shared[order]


def hypergeom_pvalues(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray, universe: int) -> np.ndarray:
    """``P[X >= shared]`` for ``X ~ Hypergeometric(universe, size_a, size_b)`` (scipy's survival function)."""
    from scipy import stats  # here: scipy.stats takes most of a second to import, and regimes need only the product

    return stats.hypergeom.sf(np.asarray(shared) - 1, universe, size_a, size_b)


def bicm_probabilities(
    row_degrees: np.ndarray, col_degrees: np.ndarray, tol: float = 1e-12, max_iter: int = 10_000
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The bipartite configuration model fitted to two degree sequences, on their distinct degrees.

    Returns ``(rows, cols, P)``: the distinct row degrees, the distinct column degrees, and ``P[r, c]`` the
    probability that a row of degree ``rows[r]`` and a column of degree ``cols[c]`` are tied, with
    ``P = x y / (1 + x y)`` so that every row's and every column's expected degree equals its observed degree.
    Nodes of equal degree have equal probabilities, so the fit runs on the (few) distinct degrees, not on every
    cell. A degree of 0 gives probability 0; a full degree (tied to every node of the other side) gives 1.
    """
    row_degrees = np.asarray(row_degrees, dtype=np.int64)
    col_degrees = np.asarray(col_degrees, dtype=np.int64)
    # Empty rows and columns take no part: "full" means tied to every non-empty node of the other side.
    n_rows, n_cols = int(np.count_nonzero(row_degrees)), int(np.count_nonzero(col_degrees))
    rows, row_mult = np.unique(row_degrees, return_counts=True)
    cols, col_mult = np.unique(col_degrees, return_counts=True)
    r_free = (rows > 0) & (rows < n_cols)
    c_free = (cols > 0) & (cols < n_rows)
    # Fixed cells: full rows/columns are 1, empty ones 0; fit the rest with the fixed contribution removed.
    p_fixed = np.zeros((len(rows), len(cols)))
    p_fixed[rows == n_cols, :] = 1.0
    p_fixed[:, cols == n_rows] = 1.0
    p_fixed[rows == 0, :] = 0.0
    p_fixed[:, cols == 0] = 0.0
    fixed_mask = ~(r_free[:, None] & c_free[None, :])
    total = float(row_degrees.sum()) or 1.0
    x = np.where(r_free, rows / np.sqrt(total), 0.0)
    y = np.where(c_free, cols / np.sqrt(total), 0.0)
    r_target = rows - (p_fixed * fixed_mask) @ col_mult
    c_target = cols - row_mult @ (p_fixed * fixed_mask)
    for _ in range(max_iter):
        xy = x[:, None] * y[None, :]
        denom_x = ((y[None, :] / (1.0 + xy)) * ~fixed_mask) @ col_mult
        x_new = np.where(r_free & (denom_x > 0), r_target / np.where(denom_x > 0, denom_x, 1.0), 0.0)
        xy = x_new[:, None] * y[None, :]
        denom_y = row_mult @ ((x_new[:, None] / (1.0 + xy)) * ~fixed_mask)
        y_new = np.where(c_free & (denom_y > 0), c_target / np.where(denom_y > 0, denom_y, 1.0), 0.0)
        done = np.allclose(x_new, x, rtol=tol, atol=0) and np.allclose(y_new, y, rtol=tol, atol=0)
        x, y = x_new, y_new
        if done:
            break
    xy = x[:, None] * y[None, :]
    p = np.where(fixed_mask, p_fixed, xy / (1.0 + xy))
    return rows, cols, p


def _poisson_binomial_sf(s: int, probs: np.ndarray, mult: np.ndarray, length: int) -> float:
    """``P[X >= s]`` for ``X`` = a sum of independent Bernoullis, ``mult[k]`` of them with probability ``probs[k]``.

    The pmf is built up to ``length`` values (enough for every ``s`` asked) by convolving one binomial per
    distinct probability.
    """
    from scipy import stats

    pmf = np.zeros(length)
    pmf[0] = 1.0
    support = np.arange(length)
    for q, m in zip(probs, mult, strict=True):
        if q <= 0.0 or m == 0:
            continue
        pmf = np.convolve(pmf, stats.binom.pmf(support, int(m), min(q, 1.0)))[:length]
    return float(min(1.0, max(0.0, 1.0 - pmf[:s].sum())))


def sdsm_pvalues(
    matrix: sp.sparray | sp.spmatrix, i: np.ndarray, j: np.ndarray, shared: np.ndarray, fit=None
) -> np.ndarray:
    """``P[X >= shared]`` under the SDSM for the column pairs ``(i, j)`` of a binary elements × sets matrix.

    ``X = sum over elements k of Bernoulli(P[k, i] P[k, j])``; with the BiCM fit, ``P[k, i]`` depends only on the
    degrees of ``k`` and ``i``, so the distribution depends only on the two sets' sizes and is computed once per
    distinct pair of sizes (``fit`` is :func:`bicm_probabilities` of the matrix, computed when not given).
    """
    a = sp.csr_array(matrix, dtype=np.int64)
    row_deg = np.asarray(a.sum(axis=1)).ravel()
    col_deg = np.asarray(a.sum(axis=0)).ravel()
    _, cols, p = fit if fit is not None else bicm_probabilities(row_deg, col_deg)
    _, row_mult = np.unique(row_deg, return_counts=True)
    col_index = {int(c): k for k, c in enumerate(cols)}
    out = np.ones(len(i))
    if not len(i):
        return out
    da, db = col_deg[i], col_deg[j]
    lo, hi = np.minimum(da, db), np.maximum(da, db)
    keys = np.stack([lo, hi], axis=1)
    uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    for u, (d1, d2) in enumerate(uniq):
        members = np.flatnonzero(inverse == u)
        q = p[:, col_index[int(d1)]] * p[:, col_index[int(d2)]]
        need = int(shared[members].max())
        sf = {s: _poisson_binomial_sf(s, q, row_mult, need + 1) for s in np.unique(shared[members]).tolist()}
        out[members] = [sf[int(s)] for s in shared[members]]
    return out


def benjamini_hochberg(p_values: np.ndarray, m: int | None = None) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values) of ``p_values`` among ``m`` tests (default: their number).

    With ``m`` larger than ``len(p_values)``, the tests not given are taken to have larger p-values than every
    one given (the pairs left out of a backbone); the q-values returned are then exact wherever they are at most
    the largest p-value's threshold, see the module docstring.
    """
    p = np.asarray(p_values, dtype=np.float64)
    k = len(p)
    m = k if m is None else m
    if k == 0:
        return p
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, k + 1)
    q_sorted = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    q = np.empty(k)
    q[order] = q_sorted
    return q


@dataclass(frozen=True)
class BackbonePairs:
    """The pairs of a backbone (``i < j`` column indices), in column order, with their test results."""

    i: np.ndarray
    j: np.ndarray
    shared: np.ndarray
    size_i: np.ndarray
    size_j: np.ndarray
    p_value: np.ndarray
    q_value: np.ndarray
    sets: int
    elements: int
    tests: int

    def __len__(self) -> int:
        return len(self.i)


def backbone(matrix: sp.sparray | sp.spmatrix, method: str = "hypergeom", alpha: float = 0.05) -> BackbonePairs:
    """The pairs of columns of a binary elements × sets matrix whose shared elements are significant.

    ``method`` is ``hypergeom`` or ``sdsm``; ``alpha`` the false discovery rate (Benjamini-Hochberg over all
    ``n(n-1)/2`` pairs). Cost: one pass over the nonzero pairs of ``A^T A``, block by block.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> a = sp.csr_array([[1, 1, 0]] * 5 + [[0, 0, 1]] * 5)   # 10 members: sets 0 and 1 share 5, set 2 none
    >>> b = backbone(a, "hypergeom", 0.05)
    >>> [(int(i), int(j), int(s)) for i, j, s in zip(b.i, b.j, b.shared)], round(float(b.p_value[0]), 6)
    ([(0, 1, 5)], 0.003968)
    """
    if method not in METHODS:
        from govgraph.dataset import suggest

        raise UsageError(f"unknown backbone {method!r}{suggest(method, METHODS)} (one of {', '.join(METHODS)})")
    if not 0.0 < alpha <= 1.0:
        raise UsageError(f"alpha (--alpha) must be in (0, 1], not {alpha}")
    a = sp.csr_array(matrix, dtype=np.int64)
    n_elements, n_sets = a.shape
    sizes = np.asarray(a.sum(axis=0)).ravel()
    fit = None
    if method == "sdsm":
        fit = bicm_probabilities(np.asarray(a.sum(axis=1)).ravel(), sizes)
    parts: list[tuple[np.ndarray, ...]] = []
    for i, j, shared in blockwise_pairs(a):
        if not len(i):
            continue
        if method == "hypergeom":
            p = hypergeom_pvalues(shared, sizes[i], sizes[j], n_elements)
        else:
            p = sdsm_pvalues(a, i, j, shared, fit)
        keep = p <= alpha
        parts.append((i[keep], j[keep], shared[keep], p[keep]))
    tests = n_sets * (n_sets - 1) // 2
    if parts:
        i, j, shared, p = (np.concatenate(x) for x in zip(*parts, strict=True))
    else:
        i = j = shared = np.zeros(0, dtype=np.int64)
        p = np.zeros(0)
    q = benjamini_hochberg(p, tests)
    keep = q <= alpha
    i, j, shared, p, q = i[keep], j[keep], shared[keep], p[keep], q[keep]
    return BackbonePairs(i, j, shared, sizes[i], sizes[j], p, q, n_sets, n_elements, tests)


@dataclass
class BackboneReport:
    """The significant pairs of a membership projection, with today's overlap fields and their p- and q-values."""

    method: str
    alpha: float
    side: str
    as_of: int | None
    kinds: list[str]
    institutions: int
    elements: int
    tests: int
    pairs: list[dict[str, Any]]
    precision: int = 3

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "analysis": "membership",
            "side": self.side,
            "backbone": self.method,
            "alpha": self.alpha,
            "as_of": self.as_of,
            "kinds": self.kinds,
            "sets": self.institutions,
            "institutions": self.institutions,
            "elements": self.elements,
            "tests": self.tests,
            "pair_count": len(self.pairs),
            "pairs": self.pairs,
        }
        if self.side == "organisations":
            doc["linked_pairs"] = sum(1 for p in self.pairs if p["linked"])
            doc["unlinked_pairs"] = sum(1 for p in self.pairs if not p["linked"])
        return doc

    def tables(self) -> list[Table]:
        from govgraph.precision import significant

        d = self.precision
        orgs = self.side == "organisations"
        columns = ["a", "b", "shared", "size_a", "size_b", "jaccard", "p_value", "q_value", "shared members"]
        if orgs:
            columns += ["linked", "link_types"]
        rows = []
        for p in self.pairs:
            row: list[Any] = [
                p["a"],
                p["b"],
                p["shared"],
                p["size_a"],
                p["size_b"],
                significant(p["similarity"], d, trim=True),
            ]
            row += [significant(p["p_value"], d, trim=True), significant(p["q_value"], d, trim=True), p["shared_ids"]]
            if orgs:
                row += [p["linked"], p["link_types"]]
            rows.append(row)
        when = f" in {self.as_of}" if self.as_of is not None else " (all years)"
        noun = "institutions" if orgs else "members"
        null = {
            "hypergeom": "hypergeometric null (both member counts kept, members drawn from the projection's universe)",
            "sdsm": "stochastic degree sequence model (Neal 2014; BiCM fit to both sides' degrees)",
        }[self.method]
        return [
            Table(
                "membership_backbone",
                f"Significant membership overlap of {self.side}{when}: {self.method}",
                columns,
                rows,
                caption=(
                    f"{len(self.pairs)} pairs with q <= {self.alpha:g} among {self.institutions} {noun} "
                    f"({self.tests} pairs tested, {self.elements} in the member universe)"
                ),
                notes=[
                    f"p_value = P[X >= shared] under the {null};",
                    "q_value: Benjamini-Hochberg over every pair (a pair sharing nothing has p = 1).",
                ],
            )
        ]


def membership_backbone(
    g: Any,
    method: str = "hypergeom",
    alpha: float = 0.05,
    side: str = "organisations",
    kinds: Iterable[str] | None = None,
) -> BackboneReport:
    """The backbone of the membership projection of ``g``: pairs whose shared members are significant.

    The projection is that of :func:`govgraph.analysis.overlap.membership_overlap` (institutions of ``kinds``
    with at least one member; ``side="members"`` compares members instead). Each pair carries today's overlap
    fields (``shared``, ``size_a``, ``size_b``, ``similarity`` = Jaccard, ``shared_ids``, ``linked``) and its
    ``p_value`` and ``q_value``.
    """
    from govgraph.analysis.overlap import SIDES, shared_elements
    from govgraph.analysis.projections import INSTITUTION_KINDS, membership_incidence

    if side not in SIDES:
        raise UsageError(f"unknown side {side!r} (one of {', '.join(SIDES)})")
    kinds = list(kinds or INSTITUTION_KINDS)
    inc = membership_incidence(g, kinds=kinds)
    if side == "members":
        inc = inc.transpose()
    b = backbone(inc.matrix, method, alpha)
    order = np.lexsort((b.j, b.i, -b.shared, b.p_value))
    i, j = b.i[order], b.j[order]
    shared_ids = shared_elements(inc.matrix, i, j)
    cols = inc.cols
    ties: dict[tuple[str, str], set[str]] = {}
    if side == "organisations":
        wanted = {(cols[int(x)], cols[int(y)]) for x, y in zip(i, j, strict=True)}
        for u, v, d in g.edges(data=True):
            key = (min(u, v), max(u, v))
            if u != v and key in wanted:
                ties.setdefault(key, set()).add(d["type"])
    pairs = []
    for k, o in enumerate(order):
        a, c = cols[int(i[k])], cols[int(j[k])]
        s, sa, sb = int(b.shared[o]), int(b.size_i[o]), int(b.size_j[o])
        pair: dict[str, Any] = {
            "a": a,
            "a_name": g.nodes[a].get("name", a) if a in g else a,
            "b": c,
            "b_name": g.nodes[c].get("name", c) if c in g else c,
            "shared": s,
            "size_a": sa,
            "size_b": sb,
            "similarity": s / (sa + sb - s),
            "p_value": float(b.p_value[o]),
            "q_value": float(b.q_value[o]),
            "shared_ids": [inc.rows[int(r)] for r in shared_ids[k]],
        }
        if side == "organisations":
            types = sorted(ties.get((a, c), set()))
            pair["linked"] = bool(types)
            pair["link_types"] = types
        pairs.append(pair)
    return BackboneReport(method, alpha, side, g.graph.get("as_of"), kinds, b.sets, b.elements, b.tests, pairs)
