"""Membership and functional overlap between institutions, from sparse incidence-matrix products.

With ``A`` a binary elements × sets incidence matrix (members × institutions, or terms × institutions), the
co-occurrence counts are ``C = A^T A``: ``C[i, j] = |S_i ∩ S_j|`` and ``C[i, i] = |S_i|``. Every similarity is
read off ``C`` for the nonzero pairs only, vectorised with numpy, so the cost grows with the number of pairs
that share something, never with all n² pairs and never in a Python loop over pairs:

* Jaccard ``|A∩B| / |A∪B|``, overlap coefficient ``|A∩B| / min(|A|, |B|)``, cosine ``|A∩B| / sqrt(|A| |B|)``.

``A A^T`` gives the other side (members' co-membership) through :meth:`Incidence.transpose`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import polars as pl
import scipy.sparse as sp

from govgraph.analysis.projections import (
    BLOCK_WORK,
    INSTITUTION_KINDS,
    CoBlock,
    Incidence,
    Twins,
    co_occurrence_blocks,
    membership_incidence,
    shared_counts,
    term_incidence,
    term_incidence_of,
    twins,
)
from govgraph.errors import UsageError
from govgraph.frames import Frames
from govgraph.incidence import MembershipSpells
from govgraph.precision import DEFAULT_PRECISION, significant
from govgraph.tables import Table

__all__ = [
    "BY",
    "METRICS",
    "SIDES",
    "OverlapPair",
    "OverlapReport",
    "PairArrays",
    "co_occurrence",
    "function_overlap",
    "function_overlap_of",
    "membership_overlap",
    "membership_overlap_of",
    "min_fractions",
    "set_sizes",
    "shared_elements",
    "similar_pairs",
    "similarity",
]

#: Similarity metrics, each a function of (shared, size_a, size_b).
METRICS: tuple[str, ...] = ("jaccard", "overlap", "cosine")
#: Sides of the membership overlap: pairs of institutions, or pairs of members.
SIDES: tuple[str, ...] = ("organisations", "members")
#: What the functional overlap compares: CLI spelling -> node attribute.
BY: dict[str, str] = {"functions": "functions", "issue-areas": "issue_areas"}

_CHUNK = 1 << 16  # pairs per chunk of shared_elements
_ROUND = 12  # digits kept, so equal values compare equal and ties fall to the ids


def _check_metric(metric: str) -> None:
    if metric not in METRICS:
        from govgraph.dataset import suggest

        raise UsageError(f"unknown metric {metric!r}{suggest(metric, METRICS)} (one of {', '.join(METRICS)})")


def co_occurrence(matrix: sp.sparray | sp.spmatrix) -> sp.csr_array:
    """``A^T A`` of a binary elements × sets matrix: shared elements of every pair of sets, sizes on the diagonal."""
    a = sp.csr_array(matrix, dtype=np.int64)
    return sp.csr_array(a.T @ a)


def set_sizes(matrix: sp.sparray | sp.spmatrix) -> np.ndarray:
    """The number of elements of each set (column sums of a binary elements × sets matrix)."""
    return np.asarray(sp.csr_array(matrix, dtype=np.int64).sum(axis=0)).ravel()


def _metric_values(metric: str, shared: np.ndarray, size_i: np.ndarray, size_j: np.ndarray) -> np.ndarray:
    shared = shared.astype(np.float64)
    if metric == "jaccard":
        values = shared / (size_i + size_j - shared)
    elif metric == "overlap":
        values = shared / np.minimum(size_i, size_j)
    else:
        values = shared / np.sqrt(size_i.astype(np.float64) * size_j)
    return np.round(values, _ROUND)


@dataclass(frozen=True)
class PairArrays(CoBlock):
    """Pairs of sets (``i < j``) that share at least one element, as parallel numpy arrays, in report order.

    Order: similarity descending, then shared count descending, then ``i``, then ``j`` (so ties fall to the
    column order, which is sorted by id).
    ``total`` counts every pair that met the thresholds, also those past ``limit`` (see :func:`similar_pairs`).
    """

    value: np.ndarray
    total: int = 0


def min_fractions(metric: str, min_value: float) -> tuple[float, float]:
    """The shares of the larger and of the smaller set that two sets must have in common to reach ``min_value``.

    With ``s`` shared, ``a <= b`` the sizes and t the threshold: Jaccard ``s / (a + b - s) >= t`` needs
    ``s >= t b`` (as ``a + b - s >= b``) and ``s >= 2t a / (1 + t)``; cosine ``s / sqrt(a b) >= t`` needs
    ``s >= t² b`` (as ``s² >= t² a b >= t² b s``) and ``s >= t a``; the overlap coefficient needs ``s >= t a``
    only (a set inside a larger one scores 1). Lowered by the final filter's tolerance, so no pair is lost to
    rounding.

    >>> min_fractions("jaccard", 0.5), min_fractions("cosine", 0.5), min_fractions("overlap", 0.5)
    ((0.499999999, 0.666666666), (0.249999999, 0.499999999), (0.0, 0.499999999))
    """
    t = min_value - 10.0**-_ROUND
    if t <= 0:
        return 0.0, 0.0
    larger = {"jaccard": t, "cosine": t * t, "overlap": 0.0}[metric]
    smaller = 2 * t / (1 + t) if metric == "jaccard" else t
    return round(max(0.0, larger - 1e-9), 9), round(max(0.0, smaller - 1e-9), 9)


def _report_order(i: np.ndarray, j: np.ndarray, shared: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The order value descending, shared descending, then ``i``, then ``j``, by two stable integer sorts.

    Equal to ``np.lexsort((j, i, -shared, -values))``, several times faster on millions of pairs: values are
    rounded to 12 digits, so ``value * 10**12`` (< 2**40) and the shared count (< 2**23) fit one int64 key.
    """
    if not len(i) or int(shared.max()) >= 1 << 23 or float(values.max()) > 1.0:
        return np.lexsort((j, i, -shared, -values))
    n = int(max(i.max(), j.max())) + 1
    by_ids = np.argsort(i * n + j, kind="stable")
    key = (np.rint(values * 10.0**_ROUND).astype(np.int64) << 23) | shared
    return by_ids[np.argsort(-key[by_ids], kind="stable")]


def _top_per_set(i: np.ndarray, j: np.ndarray, shared: np.ndarray, values: np.ndarray, top: int) -> np.ndarray:
    """Mask of the pairs ``(i, j)`` among ``i``'s ``top`` best (value, then shared, descending; ties by ``j``)."""
    order = np.lexsort((j, -shared, -values, i))
    ranked_i = i[order]
    first = np.flatnonzero(np.r_[True, ranked_i[1:] != ranked_i[:-1]])
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    keep = np.zeros(len(order), dtype=bool)
    keep[order[rank < top]] = True
    return keep


def similar_pairs(
    matrix: sp.sparray | sp.spmatrix,
    metric: str = "jaccard",
    min_value: float = 0.0,
    *,
    min_shared: int = 1,
    top: int | None = None,
    limit: int | None = None,
    max_work: int = BLOCK_WORK,
) -> PairArrays:
    """Every pair of columns of a binary elements × sets matrix sharing an element, with its similarity.

    Thresholds apply while ``A^T A`` is computed, block by block (:func:`co_occurrence_blocks`), never after all
    pairs exist: pairs below ``min_value`` or sharing fewer than ``min_shared`` elements are dropped as each
    block is made; sets too different in size to reach ``min_value`` are never multiplied, and only pairs whose
    rarest elements meet are counted (:func:`min_fractions`, the prefix filter). With ``top``, a
    pair is kept when it is among the ``top`` most similar partners of either of its two sets (ranked by
    similarity, then shared count, descending; ties by the partner's column). With ``limit``, only the first
    ``limit`` pairs in report order are returned, and ``total`` still counts them all: identical sets are then
    compared once and their pairs counted, not listed (:func:`_first_pairs`), so the cost no longer grows with
    the number of pairs. Memory is that of one block plus the pairs kept.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> a = sp.csr_array([[1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 0]])   # 4 members x 3 sets
    >>> p = similar_pairs(a, "jaccard")
    >>> [(int(i), int(j), int(s), float(v)) for i, j, s, v in zip(p.i, p.j, p.shared, p.value)]
    [(0, 1, 2, 0.5), (0, 2, 1, 0.25), (1, 2, 1, 0.25)]
    >>> p = similar_pairs(a, "jaccard", top=1)   # set 2's best partner is set 0 (a tie with set 1, by column)
    >>> [(int(i), int(j)) for i, j in zip(p.i, p.j)]
    [(0, 1), (0, 2)]
    """
    _check_metric(metric)
    if min_shared < 1:
        raise UsageError(f"--min-shared must be at least 1, not {min_shared}")
    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    if limit is not None and top is None:
        return _first_pairs(matrix, metric, min_value, min_shared, limit, max_work)
    parts: list[tuple[np.ndarray, ...]] = []
    larger, smaller = min_fractions(metric, min_value)
    blocks = co_occurrence_blocks(
        matrix,
        min_shared=min_shared,
        min_fraction=larger,
        min_fraction_smaller=smaller,
        both_ways=top is not None,
        max_work=max_work,
    )
    for b in blocks:
        values = _metric_values(metric, b.shared, b.size_i, b.size_j)
        keep = values >= min_value - 10.0**-_ROUND
        i, j, shared, values = b.i[keep], b.j[keep], b.shared[keep], values[keep]
        if top is not None:  # a set's best partners overall are among its best of each block
            keep = _top_per_set(i, j, shared, values, top)
            i, j, shared, values = i[keep], j[keep], shared[keep], values[keep]
        parts.append((i, j, shared, values))
    empty = np.zeros(0, dtype=np.int64)
    i, j, shared, values = (
        (np.concatenate(c) for c in zip(*parts, strict=True)) if parts else (empty,) * 3 + (np.zeros(0),)
    )
    if top is not None and len(i):
        keep = _top_per_set(i, j, shared, values, top)
        i, j, shared, values = i[keep], j[keep], shared[keep], values[keep]
        i, j = np.minimum(i, j), np.maximum(i, j)  # a pair chosen by both of its sets comes twice
        n = int(max(i.max(), j.max())) + 1
        _, first = np.unique(i * n + j, return_index=True)
        i, j, shared, values = i[first], j[first], shared[first], values[first]
    sizes = set_sizes(matrix)
    order = _report_order(i, j, shared, values)[:limit]
    i, j = i[order], j[order]
    return PairArrays(i, j, shared[order], sizes[i], sizes[j], values[order], total=len(shared))


def _first_pairs(
    matrix: sp.sparray | sp.spmatrix, metric: str, min_value: float, min_shared: int, limit: int, max_work: int
) -> PairArrays:
    """The first ``limit`` pairs of :func:`similar_pairs` in report order, and the count of all of them.

    Identical sets (twins, :func:`~govgraph.analysis.projections.twins`) are multiplied once as groups: a pair
    of groups stands for every pair of their members, which is counted, and only the few that can reach the
    first ``limit`` are listed (:func:`_group_pairs_first`). Eleven functions make at most 2,048 distinct sets
    however many institutions there are, so the function overlap of 100,000 institutions costs what that of
    a few hundred does.
    """
    tw = twins(matrix)
    distinct = sp.csc_array(matrix)[:, tw.first]
    larger, smaller = min_fractions(metric, min_value)
    total = 0
    best: tuple[np.ndarray, ...] = (np.zeros(0, dtype=np.int64),) * 3 + (np.zeros(0),)

    def take(gi: np.ndarray, gj: np.ndarray, shared: np.ndarray, values: np.ndarray) -> None:
        nonlocal best, total
        keep = values >= min_value - 10.0**-_ROUND
        gi, gj, shared, values = gi[keep], gj[keep], shared[keep], values[keep]
        n_i, n_j = tw.size[gi], tw.size[gj]
        total += int(np.where(gi == gj, n_i * (n_i - 1) // 2, n_i * n_j).sum())
        i, j, s, v = _group_pairs_first(tw, gi, gj, shared, values, limit)
        i, j, s, v = (np.concatenate(x) for x in zip(best, (i, j, s, v), strict=True))
        order = _report_order(i, j, s, v)[:limit]
        best = (i[order], j[order], s[order], v[order])

    fractions = {"min_fraction": larger, "min_fraction_smaller": smaller}
    for b in co_occurrence_blocks(distinct, min_shared=min_shared, max_work=max_work, **fractions):
        take(b.i, b.j, b.shared, _metric_values(metric, b.shared, b.size_i, b.size_j))
    sizes = set_sizes(distinct)
    groups = np.flatnonzero((tw.size > 1) & (sizes >= max(min_shared, 1)))
    if len(groups):  # twins share all their elements
        take(groups, groups, sizes[groups], _metric_values(metric, sizes[groups], sizes[groups], sizes[groups]))
    i, j, shared, values = best
    all_sizes = set_sizes(matrix)
    return PairArrays(i, j, shared, all_sizes[i], all_sizes[j], values, total=total)


def _group_pairs_first(
    tw: Twins, gi: np.ndarray, gj: np.ndarray, shared: np.ndarray, values: np.ndarray, limit: int
) -> tuple[np.ndarray, ...]:
    """Pairs of sets standing for pairs of groups, as many as can be among the first ``limit`` in report order.

    A group pair's pairs all share its similarity and shared count; within them, report order is by the lower
    and then the higher column. Ranked by (similarity, shared) descending and then by its own lowest pair, the
    first ``limit`` group pairs each put a pair ahead of every pair of any later one, so only they are expanded:
    two groups from the first ``limit`` members of each (a member further down has ``limit`` lower ones, each
    making a lower pair), a group with itself from its first ``limit + 1``.
    """
    first_i = tw.members[tw.start[gi]]
    second = tw.members[np.minimum(tw.start[gi] + 1, len(tw.members) - 1)]
    lo = np.where(gi == gj, first_i, np.minimum(first_i, tw.members[tw.start[gj]]))
    hi = np.where(gi == gj, second, np.maximum(first_i, tw.members[tw.start[gj]]))
    order = _report_order(lo, hi, shared, values)[:limit]
    out_i, out_j, out_s, out_v = [], [], [], []
    for k in order.tolist():
        wide = limit + 1 if gi[k] == gj[k] else limit  # a group's own first pairs are (m0, m1) ... (m0, m_limit)
        a = tw.members[tw.start[gi[k]] : tw.start[gi[k]] + min(int(tw.size[gi[k]]), wide)]
        b = tw.members[tw.start[gj[k]] : tw.start[gj[k]] + min(int(tw.size[gj[k]]), wide)]
        x, y = (m.ravel() for m in np.meshgrid(a, b, indexing="ij"))
        keep = x < y if gi[k] == gj[k] else np.ones(len(x), dtype=bool)  # a group with itself: each pair once
        x, y = np.minimum(x, y), np.maximum(x, y)
        out_i.append(x[keep])
        out_j.append(y[keep])
        out_s.append(np.full(int(keep.sum()), shared[k]))
        out_v.append(np.full(int(keep.sum()), values[k]))
    if not out_i:
        return (np.zeros(0, dtype=np.int64),) * 3 + (np.zeros(0),)
    return tuple(np.concatenate(x) for x in (out_i, out_j, out_s, out_v))


def similarity(matrix: sp.sparray | sp.spmatrix, metric: str = "jaccard") -> sp.csr_array:
    """The sets × sets similarity matrix (symmetric, zero diagonal), nonzero only where two sets share an element.

    For the regime-complex analyser and any other code that wants the whole matrix rather than a pair list.
    """
    p = similar_pairs(matrix, metric)
    n = sp.csr_array(matrix).shape[1]
    rows = np.concatenate([p.i, p.j])
    cols = np.concatenate([p.j, p.i])
    return sp.csr_array((np.concatenate([p.value, p.value]), (rows, cols)), shape=(n, n))


def shared_elements(matrix: sp.sparray | sp.spmatrix, i: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
    """For each pair ``(i[k], j[k])`` of columns, the sorted row indices the two columns share.

    Vectorised: the elementwise product of the two column selections, read column by column in CSC form, in
    chunks of pairs so the temporaries stay small however many pairs are asked for.
    """
    a = sp.csc_array(matrix, dtype=np.int64)
    out: list[np.ndarray] = []
    for start in range(0, len(i), _CHUNK):
        ci, cj = i[start : start + _CHUNK], j[start : start + _CHUNK]
        both = sp.csc_array(a[:, ci].multiply(a[:, cj]))
        both.eliminate_zeros()
        both.sort_indices()
        out += np.split(both.indices, both.indptr[1:-1])
    return out


@dataclass(slots=True)
class OverlapPair:
    """Two sets that share elements: their ids, what they share and how similar they are."""

    a: str
    b: str
    a_name: str
    b_name: str
    shared: int
    size_a: int
    size_b: int
    similarity: float
    shared_ids: list[str]
    linked: bool | None = None
    link_types: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {
            "a": self.a,
            "a_name": self.a_name,
            "b": self.b,
            "b_name": self.b_name,
            "shared": self.shared,
            "size_a": self.size_a,
            "size_b": self.size_b,
            "similarity": self.similarity,
            "shared_ids": self.shared_ids,
        }
        if self.linked is not None:
            data["linked"] = self.linked
            data["link_types"] = self.link_types
        return data


@dataclass
class OverlapReport:
    """Pairs of institutions (or members) that overlap, with the similarity asked for."""

    analysis: str  # "membership" or "function"
    side: str  # membership: organisations|members; function: functions|issue-areas
    metric: str
    min_value: float
    as_of: int | None
    kinds: list[str]
    sets: int
    elements: int
    pairs: list[OverlapPair]
    min_shared: int = 1
    top: int | None = None
    precision: int = DEFAULT_PRECISION  # significant digits the tables print (the JSON keeps every digit)
    limit: int | None = None  # only the first (most similar) pairs are held
    total: int | None = None  # pairs that met the thresholds, held or not (None: all are held)
    linked_total: int | None = None  # of those, the pairs tied directly (None: count the held pairs)

    @property
    def pair_count(self) -> int:
        """How many pairs met the thresholds (``pairs`` holds the first of them when ``limit`` cut the list)."""
        return len(self.pairs) if self.total is None else self.total

    @property
    def flags_links(self) -> bool:
        """True when each pair says whether the two are tied (institution pairs only)."""
        return self.analysis == "function" or self.side == "organisations"

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "analysis": self.analysis,
            "side" if self.analysis == "membership" else "by": self.side,
            "metric": self.metric,
            "min": self.min_value,
            "min_shared": self.min_shared,
            "top": self.top,
            "as_of": self.as_of,
            "kinds": self.kinds,
            "sets": self.sets,
            "elements": self.elements,
            "pair_count": self.pair_count,
            "pairs": [p.to_json() for p in self.pairs],
        }
        if self.limit is not None:
            doc["limit"] = self.limit
        if self.flags_links:
            linked, unlinked = self.link_counts()
            doc["linked_pairs"] = linked
            doc["unlinked_pairs"] = unlinked
        return doc

    def link_counts(self) -> tuple[int, int]:
        """Pairs tied directly and pairs without a tie, among all pairs that met the thresholds.

        Counted over the held pairs, or, when ``limit`` cut them, from the ties (``linked_total``); with ``top``
        and ``limit`` together, over the held pairs only.
        """
        if self.linked_total is not None:
            return self.linked_total, self.pair_count - self.linked_total
        return sum(1 for p in self.pairs if p.linked), sum(1 for p in self.pairs if p.linked is False)

    def tables(self) -> list[Table]:
        what = "shared members" if self.analysis == "membership" else f"shared {self.side.replace('-', ' ')}"
        columns = ["a", "b", "shared", "size_a", "size_b", self.metric, what]
        if self.flags_links:
            columns += ["linked", "link_types"]
        rows = []
        for p in self.pairs:
            value = significant(p.similarity, self.precision)
            row: list[Any] = [p.a, p.b, p.shared, p.size_a, p.size_b, value, p.shared_ids]
            if self.flags_links:
                row += [p.linked, p.link_types]
            rows.append(row)
        when = f" in {self.as_of}" if self.as_of is not None else " (all years)"
        if self.analysis == "membership":
            title = f"Membership overlap of {self.side}{when}: {self.metric}"
        else:
            title = f"Functional overlap by {self.side}{when}: {self.metric}"
        caption = f"{self.pair_count} pairs with {self.metric} >= {self.min_value:g} among {self.sets} {self.side_noun}"
        if self.min_shared > 1:
            caption += f", sharing at least {self.min_shared}"
        if self.top is not None:
            caption += f"; each one's top {self.top} partners"
        notes = []
        if self.flags_links:
            unlinked = self.link_counts()[1]
            plural = "s" if unlinked != 1 else ""
            cut = self.linked_total is None and self.pair_count > len(self.pairs)
            among = f" among the first {len(self.pairs)}" if cut else ""
            notes.append(
                f"linked = tied directly by any relation in either direction (cooperation); "
                f"{unlinked} overlapping pair{plural}{among} without a tie (potential competition)"
            )
        return [Table(f"{self.analysis}_overlap", title, columns, rows, caption, notes, rows_total=self.pair_count)]

    @property
    def side_noun(self) -> str:
        return "members" if self.side == "members" else "institutions"


def _names(g: nx.MultiDiGraph, ids: list[str]) -> list[str]:
    return [g.nodes[n].get("name", n) if n in g else n for n in ids]


@dataclass(frozen=True)
class _Context:
    """What a report reads besides the incidence: the year, the sets' names and the ties between them."""

    as_of: int | None
    names: Callable[[list[str]], list[str]]
    ties: Callable[[list[str]], dict[tuple[str, str], list[str]]]  # the types of the ties between two of ids
    tied: Callable[[list[str]], tuple[np.ndarray, np.ndarray]]  # the positions in ids of the tied pairs

    @classmethod
    def of_graph(cls, g: nx.MultiDiGraph) -> _Context:
        def tied(ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
            at = {n: k for k, n in enumerate(ids)}
            pairs = np.array([(at[a], at[b]) for a, b in _ties_between(g, set(ids))], dtype=np.int64).reshape(-1, 2)
            return pairs[:, 0], pairs[:, 1]

        return cls(g.graph.get("as_of"), lambda ids: _names(g, ids), lambda ids: _ties_between(g, set(ids)), tied)

    @classmethod
    def of_frames(cls, frames: Frames, year: int | None) -> _Context:
        return cls(
            year, frames.names, lambda ids: frames.ties_between(ids, year), lambda ids: frames.tied_pairs(ids, year)
        )


def _ties_between(g: nx.MultiDiGraph, nodes: set[str]) -> dict[tuple[str, str], list[str]]:
    """Relation types of the direct ties between two of ``nodes``, either direction, keyed by the sorted pair."""
    ties: dict[tuple[str, str], set[str]] = {}
    for u, v, d in g.edges(data=True):
        if u in nodes and v in nodes and u != v:
            ties.setdefault((min(u, v), max(u, v)), set()).add(d["type"])
    return {k: sorted(v) for k, v in ties.items()}


def _pairs(
    ctx: _Context,
    inc: Incidence,
    metric: str,
    thresholds: tuple[float, int, int | None, int | None],
    flag_links: bool,
) -> tuple[list[OverlapPair], int, int | None]:
    """The report rows (ids, names, shared elements, for institutions whether each pair is tied), how many pairs
    met the thresholds in all (more than the rows when ``limit`` cut them), and how many of all those are tied
    (None when every pair is a row, which then says it)."""
    min_value, min_shared, top, limit = thresholds
    p = similar_pairs(inc.matrix, metric, min_value, min_shared=min_shared, top=top, limit=limit)
    shared = shared_elements(inc.matrix, p.i, p.j)
    names = ctx.names(inc.cols)
    linked = None
    if flag_links and p.total > len(p) and top is None:  # the rows are the first few: count the tied pairs apart
        linked = _tied_pairs_meeting(inc, ctx.tied(inc.cols), metric, min_value, min_shared)
        ties = ctx.ties(sorted({inc.cols[int(k)] for k in np.r_[p.i, p.j]}))  # the types of the rows' ties
    else:
        ties = ctx.ties(inc.cols) if flag_links else {}
    out = []
    for k in range(len(p)):
        a, b = inc.cols[int(p.i[k])], inc.cols[int(p.j[k])]
        types = ties.get((a, b), [])
        out.append(
            OverlapPair(
                a=a,
                b=b,
                a_name=names[int(p.i[k])],
                b_name=names[int(p.j[k])],
                shared=int(p.shared[k]),
                size_a=int(p.size_i[k]),
                size_b=int(p.size_j[k]),
                similarity=float(p.value[k]),
                shared_ids=[inc.rows[int(r)] for r in shared[k]],
                linked=bool(types) if flag_links else None,
                link_types=types,
            )
        )
    return out, p.total, linked


def _tied_pairs_meeting(
    inc: Incidence, tied: tuple[np.ndarray, np.ndarray], metric: str, min_value: float, min_shared: int
) -> int:
    """How many tied pairs of sets (``tied``: their column positions) meet the thresholds: the linked pairs among
    all, counted from the ties alone."""
    i, j = tied
    shared = shared_counts(inc.matrix, i, j)
    sizes = set_sizes(inc.matrix)
    values = _metric_values(metric, shared, sizes[i], sizes[j])
    return int(((shared >= max(min_shared, 1)) & (values >= min_value - 10.0**-_ROUND)).sum())


def membership_overlap(
    g: nx.MultiDiGraph,
    metric: str = "jaccard",
    min_value: float = 0.0,
    side: str = "organisations",
    kinds: Iterable[str] = INSTITUTION_KINDS,
    min_shared: int = 1,
    top: int | None = None,
    limit: int | None = None,
) -> OverlapReport:
    """Shared members and similarity of every pair of institutions (or, ``side="members"``, of members).

    The institutions are those of ``kinds`` with at least one member (``member_of`` or ``party_to``).
    Institution pairs are flagged ``linked`` when a direct tie of any type joins them. ``min_value``,
    ``min_shared`` and ``top`` (per institution) are applied while the pairs are computed
    (see :func:`similar_pairs`), so memory stays bounded by what is kept; ``limit`` keeps only the first pairs
    (the most similar) and still counts them all.
    """
    _check_options(metric, side=side)
    kinds = list(kinds)
    inc = membership_incidence(g, kinds=kinds)
    return _membership(_Context.of_graph(g), inc, metric, side, kinds, (min_value, min_shared, top, limit))


def membership_overlap_of(
    dataset: Any,
    as_of: int | None = None,
    metric: str = "jaccard",
    min_value: float = 0.0,
    side: str = "organisations",
    kinds: Iterable[str] = INSTITUTION_KINDS,
    min_shared: int = 1,
    top: int | None = None,
    limit: int | None = None,
) -> OverlapReport:
    """:func:`membership_overlap` of a dataset's snapshot of ``as_of`` (default: :func:`govgraph.years.default_year`),
    read from its columns (:class:`~govgraph.frames.Frames`, :class:`~govgraph.incidence.MembershipSpells`)
    without building its graph: the same report, at a fraction of the time and memory on large data."""
    _check_options(metric, side=side)
    kinds = list(kinds)
    frames, year = _frames_at(dataset, as_of)
    inc = MembershipSpells.from_frames(frames).at(year, kinds)
    return _membership(_Context.of_frames(frames, year), inc, metric, side, kinds, (min_value, min_shared, top, limit))


def _membership(
    ctx: _Context,
    inc: Incidence,
    metric: str,
    side: str,
    kinds: list[str],
    thresholds: tuple[float, int, int | None, int | None],
) -> OverlapReport:
    if side == "members":
        inc = inc.transpose()
    return _report(ctx, ("membership", side), inc, len(inc.rows), metric, thresholds, kinds)


def _check_options(metric: str, side: str | None = None, by: str | None = None) -> None:
    _check_metric(metric)
    from govgraph.dataset import suggest

    if side is not None and side not in SIDES:
        raise UsageError(f"unknown side {side!r}{suggest(side, SIDES)} (one of {', '.join(SIDES)})")
    if by is not None and by not in BY:
        raise UsageError(f"unknown --by {by!r}{suggest(by, BY)} (one of {', '.join(BY)})")


def _frames_at(dataset: Any, as_of: int | None) -> tuple[Frames, int | None]:
    """The dataset's frames and the year to look at: ``as_of``, else the default year (None: every year)."""
    from govgraph.years import default_year

    return Frames.of(dataset), as_of if as_of is not None else default_year(dataset)


def function_overlap(
    g: nx.MultiDiGraph,
    by: str = "functions",
    metric: str = "jaccard",
    min_value: float = 0.0,
    kinds: Iterable[str] = INSTITUTION_KINDS,
    min_shared: int = 1,
    top: int | None = None,
    limit: int | None = None,
) -> OverlapReport:
    """Shared functions (or issue areas) of every pair of institutions, each pair flagged linked or not.

    A pair is ``linked`` when a direct tie of any relation type joins the two in either direction (the types
    are listed): overlap with a tie is cooperation; overlap without one is potential competition.
    """
    _check_options(metric, by=by)
    kinds = list(kinds)
    inc = term_incidence(g, BY[by], kinds=kinds)
    return _function(_Context.of_graph(g), inc, by, metric, kinds, (min_value, min_shared, top, limit))


def function_overlap_of(
    dataset: Any,
    as_of: int | None = None,
    by: str = "functions",
    metric: str = "jaccard",
    min_value: float = 0.0,
    kinds: Iterable[str] = INSTITUTION_KINDS,
    min_shared: int = 1,
    top: int | None = None,
    limit: int | None = None,
) -> OverlapReport:
    """:func:`function_overlap` of a dataset's snapshot of ``as_of`` (default: the default year), read from its
    columns without building its graph (see :func:`membership_overlap_of`)."""
    _check_options(metric, by=by)
    kinds = list(kinds)
    frames, year = _frames_at(dataset, as_of)
    alive = frames.alive(year).filter(pl.col("kind").is_in(kinds) & (pl.col(BY[by]).list.len() > 0))
    terms = alive.select("id", BY[by]).explode(BY[by])
    pairs = zip(terms[BY[by]].to_list(), terms["id"].to_list(), strict=True)
    inc = term_incidence_of(pairs, BY[by], alive["id"].to_list())
    return _function(_Context.of_frames(frames, year), inc, by, metric, kinds, (min_value, min_shared, top, limit))


def _function(
    ctx: _Context,
    inc: Incidence,
    by: str,
    metric: str,
    kinds: list[str],
    thresholds: tuple[float, int, int | None, int | None],
) -> OverlapReport:
    used = int(np.count_nonzero(set_sizes(inc.matrix.T))) if inc.cols else 0
    return _report(ctx, ("function", by), inc, used, metric, thresholds, kinds)


def _report(
    ctx: _Context,
    what: tuple[str, str],
    inc: Incidence,
    elements: int,
    metric: str,
    thresholds: tuple[float, int, int | None, int | None],
    kinds: list[str],
) -> OverlapReport:
    """The overlap report of ``inc``'s columns: ``what`` is (analysis, side or by)."""
    analysis, side = what
    flag_links = analysis == "function" or side == "organisations"
    pairs, total, linked = _pairs(ctx, inc, metric, thresholds, flag_links)
    min_value, min_shared, top, limit = thresholds
    return OverlapReport(
        analysis,
        side,
        metric,
        min_value,
        ctx.as_of,
        kinds,
        len(inc.cols),
        elements,
        pairs,
        min_shared,
        top,
        limit=limit,
        total=total,
        linked_total=linked,
    )
