"""The graphs and matrices the analysers work on, all derived from one :func:`govgraph.graph.build_graph` graph.

* the year a report looks at (:func:`graph_as_of`, by :func:`govgraph.years.default_year`);
* simple undirected projections: the institution link graph, the full actor graph, the membership projection;
* sparse incidence matrices: members × institutions (:func:`membership_incidence`) and vocabulary terms ×
  institutions (:func:`term_incidence`), the input of :func:`govgraph.analysis.overlap.similarity`;
* their product ``A^T A`` block by block (:func:`co_occurrence_blocks`), so thresholds apply while the pairs are
  computed and memory stays bounded whatever the number of institutions.

Relation types are never spelt here: they come from the vocabulary by category. Every node list is sorted
so every algorithm sees the same graph, in the same order, on every run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from govgraph.errors import UsageError
from govgraph.graph import snapshot
from govgraph.vocab import vocabulary
from govgraph.years import default_year, observed_years

__all__ = [
    "BITSET_ELEMENTS",
    "BLOCK_WORK",
    "INSTITUTION_KINDS",
    "LINK_CATEGORIES",
    "TERM_ATTRIBUTES",
    "CoBlock",
    "Incidence",
    "Twins",
    "actor_graph",
    "check_kinds",
    "co_occurrence_blocks",
    "graph_as_of",
    "latest_year",
    "link_graph",
    "link_types",
    "membership_incidence",
    "membership_projection",
    "membership_types",
    "nodes_of_kinds",
    "shared_counts",
    "term_incidence",
    "term_incidence_of",
    "twins",
    "undirected_simple",
]

#: Kinds of actor that are institutions (states and firms are members, not institutions).
INSTITUTION_KINDS: tuple[str, ...] = ("organisation", "programme", "agreement")

#: Relation categories of the institution link graph: every category that can join two institutions.
#: (``state_action`` never does: its source is always a state.)
LINK_CATEGORIES: tuple[str, ...] = ("interaction", "hierarchy", "affiliation", "succession", "membership")

#: Node attributes holding vocabulary terms, and the vocabulary list each draws on.
TERM_ATTRIBUTES: dict[str, str] = {"functions": "functions", "issue_areas": "issue_areas"}


def check_kinds(kinds: Iterable[str] | None, default: Sequence[str] = INSTITUTION_KINDS) -> tuple[str, ...]:
    """Kinds of actor checked against the vocabulary (``default`` when none); a UsageError names a wrong one."""
    from govgraph.dataset import suggest

    chosen = tuple(dict.fromkeys(k.strip() for k in (kinds or ()) if k.strip())) or tuple(default)
    known = vocabulary().kinds
    for kind in chosen:
        if kind not in known:
            raise UsageError(f"unknown kind {kind!r}{suggest(kind, known)} (one of {', '.join(known)})")
    return chosen


def latest_year(g: nx.MultiDiGraph) -> int | None:
    """The latest year the graph records (founding, dissolution, start or end of a tie), or None if undated.

    Future years included (a planned end); the year analyses default to is :func:`govgraph.years.default_year`.
    """
    years = observed_years(g)
    return max(years) if years else None


def graph_as_of(g: nx.MultiDiGraph, as_of: int | None, default: str = "latest") -> nx.MultiDiGraph:
    """The graph a report looks at: the snapshot of ``as_of``; without it, ``default``.

    ``default="latest"`` takes the snapshot of :func:`govgraph.years.default_year`, the latest year the data
    observes that is not in the future (what holds now, as far as the data knows: ended memberships and
    dissolved bodies drop out); ``default="all"`` keeps every actor and tie ever recorded. The year used is in
    ``graph["as_of"]`` (absent for ``"all"``, or when the data observes no year up to now).
    """
    if default not in ("latest", "all"):
        raise ValueError(f"default must be 'latest' or 'all', not {default!r}")
    if as_of is None and default == "latest":
        as_of = default_year(g)
    return snapshot(g, as_of) if as_of is not None else g


def nodes_of_kinds(g: nx.MultiDiGraph, kinds: Iterable[str] = INSTITUTION_KINDS) -> list[str]:
    """Ids of the nodes of the given kinds, sorted."""
    wanted = set(kinds)
    return sorted(n for n, d in g.nodes(data=True) if d.get("kind") in wanted)


def link_types() -> list[str]:
    """Relation types of the institution link graph (the categories in :data:`LINK_CATEGORIES`), sorted."""
    return vocabulary().relation_types_in(*LINK_CATEGORIES)


def membership_types() -> list[str]:
    """Relation types that make an actor a member of an institution (``member_of``, ``party_to``), sorted."""
    return vocabulary().relation_types_in("membership")


def undirected_simple(
    g: nx.MultiDiGraph, nodes: Iterable[str] | None = None, types: Iterable[str] | None = None
) -> nx.Graph:
    """A simple undirected graph of ``g``: the given nodes, one edge wherever any tie of the given types joins two.

    Each edge carries ``types`` (sorted relation types) and ``relations`` (sorted relation ids) of the ties it
    stands for. Nodes keep their attributes and are added in sorted order.
    """
    keep = sorted(g.nodes if nodes is None else set(nodes) & set(g.nodes))
    allowed = None if types is None else set(types)
    h = nx.Graph()
    h.graph.update(g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in keep)
    merged: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        if u == v or u not in h or v not in h or (allowed is not None and d["type"] not in allowed):
            continue
        kinds, ids = merged.setdefault((min(u, v), max(u, v)), (set(), set()))
        kinds.add(d["type"])
        ids.add(k)
    for (u, v), (kinds, ids) in sorted(merged.items()):
        h.add_edge(u, v, types=sorted(kinds), relations=sorted(ids))
    return h


def link_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The institution link graph: organisations, programmes and agreements, tied by :func:`link_types`."""
    return undirected_simple(g, nodes_of_kinds(g, INSTITUTION_KINDS), link_types())


def actor_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The full actor graph: every actor, one edge wherever a tie of any type joins two."""
    return undirected_simple(g)


@dataclass(frozen=True)
class Incidence:
    """A binary sparse incidence matrix: ``matrix[i, j] == 1`` when row element ``rows[i]`` belongs to set ``cols[j]``.

    For membership, rows are members and columns institutions; for functional overlap, rows are vocabulary
    terms and columns institutions. ``matrix`` is a ``scipy.sparse.csr_array`` of ``int64``.
    """

    matrix: sp.csr_array
    rows: list[str]
    cols: list[str]

    def transpose(self) -> Incidence:
        """The same incidence seen from the other side (sets become elements)."""
        return Incidence(sp.csr_array(self.matrix.T), self.cols, self.rows)


def _incidence(pairs: set[tuple[str, str]], rows: list[str], cols: list[str]) -> Incidence:
    """A binary CSR matrix from (row id, column id) pairs; pairs outside ``rows``/``cols`` are dropped."""
    ri = {r: i for i, r in enumerate(rows)}
    ci = {c: j for j, c in enumerate(cols)}
    kept = sorted((ri[r], ci[c]) for r, c in pairs if r in ri and c in ci)
    i = np.fromiter((p[0] for p in kept), dtype=np.int64, count=len(kept))
    j = np.fromiter((p[1] for p in kept), dtype=np.int64, count=len(kept))
    data = np.ones(len(kept), dtype=np.int64)
    return Incidence(sp.csr_array((data, (i, j)), shape=(len(rows), len(cols))), rows, cols)


def membership_incidence(
    g: nx.MultiDiGraph,
    institutions: Iterable[str] | None = None,
    kinds: Iterable[str] = INSTITUTION_KINDS,
) -> Incidence:
    """Members × institutions from the membership ties (``member_of``, ``party_to``) of ``g``.

    Columns are ``institutions`` when given (in sorted order, kept even if they have no member), otherwise every
    institution of ``kinds`` that has at least one member. Rows are every actor that is a member of one of those
    columns, sorted. A member tied twice to one institution (two spells of membership) counts once.
    """
    types = set(membership_types())
    pairs = {(u, v) for u, v, d in g.edges(data=True) if d["type"] in types}
    if institutions is None:
        wanted = set(kinds)
        cols = sorted({v for _, v in pairs if g.nodes[v].get("kind") in wanted})
    else:
        cols = sorted(set(institutions))
    colset = set(cols)
    rows = sorted({u for u, v in pairs if v in colset})
    return _incidence(pairs, rows, cols)


def term_incidence(
    g: nx.MultiDiGraph,
    attribute: str = "functions",
    institutions: Iterable[str] | None = None,
    kinds: Iterable[str] = INSTITUTION_KINDS,
) -> Incidence:
    """Vocabulary terms × institutions: which institution serves which function or issue area.

    ``attribute`` is ``functions`` or ``issue_areas``. Rows are the vocabulary's terms in sorted order (all of
    them, so row indices are stable); columns are ``institutions`` when given, otherwise every institution of
    ``kinds`` with at least one term.
    """
    if attribute not in TERM_ATTRIBUTES:
        raise UsageError(f"unknown attribute {attribute!r} (one of {', '.join(TERM_ATTRIBUTES)})")
    if institutions is None:
        wanted = set(kinds)
        cols = sorted(n for n, d in g.nodes(data=True) if d.get("kind") in wanted and d.get(attribute))
    else:
        cols = sorted(set(institutions))
    return term_incidence_of(((t, n) for n in cols for t in g.nodes[n].get(attribute, [])), attribute, cols)


def term_incidence_of(pairs: Iterable[tuple[str, str]], attribute: str, cols: list[str]) -> Incidence:
    """Vocabulary terms × ``cols`` (sorted ids) from (term, institution) pairs, rows as :func:`term_incidence`'s."""
    rows = sorted(vocabulary().terms(TERM_ATTRIBUTES[attribute]))
    return _incidence(set(pairs), rows, cols)


def membership_projection(g: nx.MultiDiGraph, kinds: Iterable[str] = INSTITUTION_KINDS) -> nx.Graph:
    """The one-mode projection of institutions through shared members (``A^T A`` of the membership incidence).

    Nodes are the institutions of ``kinds`` with at least one member; an edge joins two that share a member,
    with ``weight`` = the number of members they share (as ``networkx.bipartite.weighted_projected_graph``).
    """
    inc = membership_incidence(g, kinds=kinds)
    blocks = list(co_occurrence_blocks(inc.matrix))
    i, j, w = (
        np.concatenate([getattr(b, f) for b in blocks]) if blocks else np.zeros(0, int) for f in ("i", "j", "shared")
    )
    h = nx.Graph()
    h.graph.update(g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in inc.cols)
    order = np.lexsort((j, i))
    h.add_edges_from((inc.cols[i[k]], inc.cols[j[k]], {"weight": int(w[k])}) for k in order.tolist())
    return h


#: Default bound on the multiply-adds of one block of :func:`co_occurrence_blocks` (each can become one stored
#: pair, 12 bytes, plus scipy's temporaries: about 0.5 GiB at most per block).
BLOCK_WORK = 1 << 23


@dataclass(frozen=True)
class CoBlock:
    """One block of pairs of columns from :func:`co_occurrence_blocks`, as parallel numpy arrays.

    ``i`` and ``j`` are column indices of the incidence matrix, ``shared = (A^T A)[i, j]`` the number of elements
    the two sets share, ``size_i`` and ``size_j`` the sizes of the two sets (column sums).
    """

    i: np.ndarray
    j: np.ndarray
    shared: np.ndarray
    size_i: np.ndarray
    size_j: np.ndarray

    def __len__(self) -> int:
        return len(self.i)


def _window(sorted_sizes: np.ndarray, lo: int, hi: int, ratio: float) -> tuple[int, int]:
    """Positions ``[start, stop)`` of the sorted sizes within ``[lo / ratio, hi * ratio]``."""
    if math.isinf(ratio):
        return 0, len(sorted_sizes)
    start = int(np.searchsorted(sorted_sizes, lo / ratio * (1 - 1e-12), side="left"))
    stop = int(np.searchsorted(sorted_sizes, hi * ratio * (1 + 1e-12), side="right"))
    return start, stop


def _prefixes(sets: sp.csr_array, sizes: np.ndarray, need: np.ndarray) -> sp.csr_array:
    """Each set's prefix: its ``size - need + 1`` rarest elements (rarest = fewest sets, ties by index).

    Two sets sharing at least ``need`` elements (``need`` the larger of their two values) have prefixes that
    meet: the prefix filter of all-pairs similarity search (Bayardo, Ma and Srikant, WWW 2007). Columns of the
    result are elements renumbered by rarity.
    """
    degree = np.bincount(sets.indices, minlength=sets.shape[1])
    rank = np.empty(sets.shape[1], dtype=np.int64)
    rank[np.lexsort((np.arange(sets.shape[1]), degree))] = np.arange(sets.shape[1])
    ranked = sp.csr_array((sets.data, rank[sets.indices], sets.indptr), shape=sets.shape)
    ranked.sort_indices()
    length = np.clip(sizes - need + 1, 1, sizes)
    position = np.arange(ranked.nnz) - np.repeat(ranked.indptr[:-1], sizes)
    keep = position < np.repeat(length, sizes)
    indptr = np.concatenate([[0], np.cumsum(length)])
    return sp.csr_array((ranked.data[keep], ranked.indices[keep], indptr), shape=sets.shape)


#: Up to this many elements, candidate pairs are counted on bitsets (one bit per element) rather than merged.
BITSET_ELEMENTS = 4096


class _SharedCounter:
    """``|S_i ∩ S_j|`` for pairs of rows of a sets × elements matrix, in chunks so temporaries stay small.

    With few elements, each set is a row of 64-bit words and a pair costs a few ``and`` + popcount; otherwise a
    pair costs a merge of its two sorted rows (compiled, :mod:`govgraph.compiled`).
    """

    def __init__(self, sets: sp.csr_array) -> None:
        sets.sort_indices()  # the merge walks each row in order
        self.sets = sets
        n_elem = sets.shape[1]
        self.bits = None
        if n_elem <= BITSET_ELEMENTS and hasattr(np, "bitwise_count"):
            words = (n_elem + 63) // 64
            rows = np.repeat(np.arange(sets.shape[0]), np.diff(sets.indptr))
            flat = rows * words + sets.indices // 64
            bits = np.zeros(sets.shape[0] * words, dtype=np.uint64)
            np.add.at(bits, flat, np.left_shift(np.uint64(1), (sets.indices % 64).astype(np.uint64)))
            self.bits = np.ascontiguousarray(bits.reshape(sets.shape[0], words).T)  # one row per word

    def __call__(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        out = np.empty(len(i), dtype=np.int64)
        if self.bits is not None:
            chunk = 1 << 20
            for s in range(0, len(i), chunk):
                ci, cj = i[s : s + chunk], j[s : s + chunk]
                total = np.zeros(len(ci), dtype=np.uint8 if self.bits.shape[0] < 4 else np.int64)
                for word in self.bits:
                    total += np.bitwise_count(word[ci] & word[cj])
                out[s : s + chunk] = total
            return out
        from govgraph.compiled import kernel

        sets = self.sets
        kernel("shared_counts")(
            sets.indptr.astype(np.int64), sets.indices.astype(np.int64), i.astype(np.int64), j.astype(np.int64), out
        )
        return out


def shared_counts(matrix: sp.sparray | sp.spmatrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """How many elements columns ``i[k]`` and ``j[k]`` of a binary elements × sets matrix share, pair by pair."""
    return _SharedCounter(sp.csr_array(sp.csr_array(matrix).T))(np.asarray(i), np.asarray(j))


@dataclass(frozen=True)
class _Groups:
    """Sets with identical elements (twins), found by hashing rows and then checked exactly.

    Positions refer to the size-sorted rows; ``first`` holds the first row of each group, ``members`` the
    columns of every row grouped, ``start``/``size`` each group's slice of ``members``.
    """

    first: np.ndarray
    members: np.ndarray
    start: np.ndarray
    size: np.ndarray
    both_ways: bool
    max_work: int

    @classmethod
    def of(cls, ts: sp.csr_array, order: np.ndarray, both_ways: bool, max_work: int) -> _Groups | None:
        rng = np.random.default_rng(0)
        keys = []
        lengths = np.diff(ts.indptr)
        filled = lengths > 0  # reduceat cannot start a segment at the end: empty sets keep the key 0
        for _ in range(2):
            weights = rng.integers(0, 2**63, size=ts.shape[1], dtype=np.uint64)
            key = np.zeros(len(lengths), dtype=np.uint64)
            if filled.any():
                key[filled] = np.add.reduceat(weights[ts.indices], ts.indptr[:-1][filled])
            keys.append(key)
        by_key = np.lexsort((np.arange(len(order)), keys[1], keys[0], lengths))
        k0, k1, ln = keys[0][by_key], keys[1][by_key], lengths[by_key]
        new = np.r_[True, (k0[1:] != k0[:-1]) | (k1[1:] != k1[:-1]) | (ln[1:] != ln[:-1])]
        if new.all():
            return None
        label = np.cumsum(new) - 1
        starts = np.flatnonzero(new)
        first_of = by_key[starts][label]  # every row's group representative (its lowest position)
        rep = np.empty(len(order), dtype=np.int64)
        rep[by_key] = first_of
        if (ts != ts[rep]).nnz:  # a hash collision: give up grouping, stay exact
            return None
        first = np.sort(by_key[starts])
        group_of_first = np.empty(len(order), dtype=np.int64)
        group_of_first[first] = np.arange(len(first))
        grp = group_of_first[rep]
        by_group = np.lexsort((order, grp))
        size = np.bincount(grp, minlength=len(first))
        start = np.concatenate([[0], np.cumsum(size)[:-1]])
        return cls(first, order[by_group], start, size, both_ways, max_work)

    def _pairs(self, g_a: np.ndarray, g_b: np.ndarray, counts: np.ndarray) -> Iterator[tuple[np.ndarray, ...]]:
        """Every (member of group a, member of group b) for each pair of groups, in chunks of ~max_work."""
        ends = np.cumsum(counts)
        lo = 0
        while lo < len(counts):
            hi = max(lo + 1, int(np.searchsorted(ends, ends[lo] - counts[lo] + self.max_work, side="right")))
            c = counts[lo:hi]
            k = np.repeat(np.arange(lo, hi), c)
            off = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
            nb = self.size[g_b[k]]
            a = self.members[self.start[g_a[k]] + off // nb]
            b = self.members[self.start[g_b[k]] + off % nb]
            yield k, a, b
            lo = hi

    def expand(self, block: CoBlock, sizes: np.ndarray) -> Iterator[CoBlock]:
        """A block of pairs of distinct sets, copied to every pair of their twins."""
        g_i = self._group_of_column(block.i)
        g_j = self._group_of_column(block.j)
        counts = self.size[g_i] * self.size[g_j]
        if (counts == 1).all():
            yield block
            return
        for k, a, b in self._pairs(g_i, g_j, counts):
            if not self.both_ways:
                a, b = np.minimum(a, b), np.maximum(a, b)
            yield CoBlock(a, b, block.shared[k], sizes[a], sizes[b])

    def _group_of_column(self, cols: np.ndarray) -> np.ndarray:
        if not hasattr(self, "_lookup"):
            lookup = np.full(int(self.members.max()) + 1, -1, dtype=np.int64)
            lookup[self.members] = np.repeat(np.arange(len(self.size)), self.size)
            object.__setattr__(self, "_lookup", lookup)
        return self._lookup[cols]

    def twins(self, sizes: np.ndarray, need_all: int) -> Iterator[CoBlock]:
        """Every pair of twins: they share all their elements."""
        groups = np.flatnonzero(self.size > 1)
        if not len(groups):
            return
        for _, a, b in self._pairs(groups, groups, self.size[groups] ** 2):
            keep = (a != b) if self.both_ways else (a < b)
            a, b = a[keep], b[keep]
            shared = sizes[a]
            keep = shared >= need_all
            if keep.any():
                yield CoBlock(a[keep], b[keep], shared[keep], sizes[a[keep]], sizes[b[keep]])


@dataclass(frozen=True)
class Twins:
    """The sets of a binary elements × sets matrix grouped by their elements (identical sets form one group).

    Group ``g`` holds columns ``members[start[g] : start[g] + size[g]]`` in ascending order; ``first[g]`` is its
    lowest column, and groups are numbered in the order of their first columns.
    """

    first: np.ndarray
    members: np.ndarray
    start: np.ndarray
    size: np.ndarray


def twins(matrix: sp.sparray | sp.spmatrix) -> Twins:
    """Group the columns of ``matrix`` that hold the same elements (hashed, then checked exactly).

    >>> t = twins(sp.csr_array([[1, 0, 1], [0, 1, 0]]))   # columns 0 and 2 are the same set
    >>> t.first.tolist(), t.members.tolist(), t.size.tolist()
    ([0, 1], [0, 2, 1], [2, 1])
    """
    a = sp.csr_array(matrix)
    a = sp.csr_array((np.ones(a.nnz, dtype=np.int32), a.indices, a.indptr), shape=a.shape)
    a.sum_duplicates()
    t = sp.csr_array(a.T)
    t.sort_indices()
    n = t.shape[0]
    groups = _Groups.of(t, np.arange(n), both_ways=False, max_work=BLOCK_WORK) if n > 1 else None
    if groups is None:
        cols = np.arange(n)
        return Twins(cols, cols, cols, np.ones(n, dtype=np.int64))
    return Twins(groups.first, groups.members, groups.start, groups.size)


def co_occurrence_blocks(
    matrix: sp.sparray | sp.spmatrix,
    *,
    min_shared: int = 1,
    min_fraction: float = 0.0,
    min_fraction_smaller: float = 0.0,
    both_ways: bool = False,
    max_work: int = BLOCK_WORK,
) -> Iterator[CoBlock]:
    """The nonzero entries of ``A^T A`` off the diagonal, block by block, for a binary elements × sets matrix ``A``.

    Yields :class:`CoBlock` s holding exactly the pairs of sets (columns) that share at least ``min_shared``
    elements, at least ``min_fraction`` of the larger set's and at least ``min_fraction_smaller`` of the smaller
    set's (``shared >= min_fraction * max(size_i, size_j)`` and ``>= min_fraction_smaller * min(...)``; a
    similarity threshold implies both, see :func:`govgraph.analysis.overlap.min_fractions`). Each unordered pair
    comes once with ``i < j``; with
    ``both_ways`` it comes twice, as ``(i, j)`` and ``(j, i)``, so every set's partners can be ranked (top K).

    How: sets are ordered by size; a block is a run of consecutive sets whose work (products of the sparse
    multiplication) stays within ``max_work``. Each block is multiplied only by the sets whose sizes can reach
    the fraction (``max / min <= 1 / min_fraction``), and, when a threshold is set, only through each set's
    prefix of rarest elements (the prefix filter: two sets sharing enough elements share one of those; Bayardo,
    Ma and Srikant 2007); a candidate whose prefix overlap plus the tail of the prefix that ends first cannot
    reach the threshold is dropped (the tail filter), the rest are counted exactly (bitsets when there are at
    most :data:`BITSET_ELEMENTS` elements). Sets with identical elements are multiplied once and their pairs
    copied to every twin. Pairs below the thresholds are dropped block by block. Peak memory is
    that of one block (about ``max_work`` products, or one set's own), whatever the number of sets. The order
    of pairs within and across blocks is an implementation detail: sort them.

    Examples
    --------
    >>> a = sp.csr_array([[1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 0]])   # 4 elements x 3 sets
    >>> pairs = sorted(
    ...     (int(i), int(j), int(s), int(si), int(sj))
    ...     for b in co_occurrence_blocks(a, max_work=1)
    ...     for i, j, s, si, sj in zip(b.i, b.j, b.shared, b.size_i, b.size_j)
    ... )
    >>> pairs   # (i, j, shared, size_i, size_j): sets 0 and 1 share elements 0 and 3
    [(0, 1, 2, 3, 3), (0, 2, 1, 3, 2), (1, 2, 1, 3, 2)]
    >>> [(int(b.i[0]), int(b.j[0])) for b in co_occurrence_blocks(a, min_shared=2)]
    [(0, 1)]
    """
    if not (0 <= min_fraction <= 1 and 0 <= min_fraction_smaller <= 1):
        raise ValueError(f"fractions must be between 0 and 1, not {min_fraction}, {min_fraction_smaller}")
    a = sp.csr_array(matrix)
    a = sp.csr_array((np.ones(a.nnz, dtype=np.int32), a.indices, a.indptr), shape=a.shape)
    a.sum_duplicates()
    t = sp.csr_array(a.T)  # sets × elements
    sizes = np.diff(t.indptr).astype(np.int64)
    need_all = max(min_shared, 1)
    eligible = np.flatnonzero(sizes >= need_all)
    order = eligible[np.lexsort((eligible, sizes[eligible]))]
    if len(order) < 2:
        return
    ts = sp.csr_array(t[order])  # sets in size order
    ts.sort_indices()
    groups = _Groups.of(ts, order, both_ways, max_work)
    if groups is not None:  # identical sets: pairs among distinct ones, then copied to every twin
        order, ts = order[groups.first], sp.csr_array(ts[groups.first])
    for block in _distinct_blocks(
        ts, order, sizes, need_all, (min_fraction, min_fraction_smaller), both_ways, max_work
    ):
        if groups is None:
            yield block
        else:
            yield from groups.expand(block, sizes)
    if groups is not None:
        yield from groups.twins(sizes, need_all)


def _distinct_blocks(
    ts: sp.csr_array,
    order: np.ndarray,
    sizes: np.ndarray,
    need_all: int,
    fractions: tuple[float, float],
    both_ways: bool,
    max_work: int,
) -> Iterator[CoBlock]:
    """The blocks of :func:`co_occurrence_blocks` over sets ``ts`` (rows, in size order; columns ``order``)."""
    min_fraction, min_fraction_smaller = fractions
    sorted_sizes = sizes[order]

    def needed(fraction: float) -> np.ndarray:
        return np.maximum(np.ceil(fraction * sorted_sizes - 1e-9).astype(np.int64), need_all)

    # a set meets a larger partner through its short prefix (it must share more of itself), a smaller one
    # through its long prefix; both_ways meets partners of either size, so it uses the long one on both sides
    need_long = needed(min_fraction)
    need_short = need_long if both_ways else needed(max(min_fraction, min_fraction_smaller))
    exact = bool((need_short <= 1).all())  # prefixes are whole sets: the product counts are the shared counts
    pre = ts if exact else _prefixes(ts, sorted_sizes, need_long)
    short = pre if exact or both_ways else _prefixes(ts, sorted_sizes, need_short)
    count = None if exact else _SharedCounter(ts)
    long_end, short_end = (m.indices[m.indptr[1:] - 1] for m in (pre, short))  # rarity rank of each prefix's end
    pre_t = sp.csr_array(short.T)  # elements × sets, to slice blocks as columns
    work = short @ np.diff(sp.csr_array(pre.T).indptr).astype(np.int64)
    cum = np.concatenate([[0], np.cumsum(work)])
    ratio = 1 / min_fraction if min_fraction > 0 else math.inf
    n = len(order)
    start = 0
    while start < n:
        stop = min(n, max(start + 1, int(np.searchsorted(cum, cum[start] + max_work, side="right")) - 1))
        lo, hi = _window(sorted_sizes, int(sorted_sizes[start]), int(sorted_sizes[stop - 1]), ratio)
        if not both_ways:
            lo = max(lo, start)  # partners later in the order only: each pair once
        if hi > lo:
            prod = (pre[lo:hi] @ pre_t[:, start:stop]).tocoo()  # window × block
            pos_j = prod.row.astype(np.int64) + lo
            pos_i = prod.col.astype(np.int64) + start
            keep = (pos_j != pos_i) if both_ways else (pos_j > pos_i)
            pos_i, pos_j, met = pos_i[keep], pos_j[keep], prod.data[keep].astype(np.int64)
            del prod
            small = np.minimum(sorted_sizes[pos_i], sorted_sizes[pos_j])
            large = np.maximum(sorted_sizes[pos_i], sorted_sizes[pos_j])
            wanted = np.maximum(np.ceil(large * min_fraction - 1e-9), np.ceil(small * min_fraction_smaller - 1e-9))
            wanted = np.maximum(wanted.astype(np.int64), need_all)
            if count is None:
                shared = met
            else:  # the tail filter: past the prefix that ends first (by rarity), only its own tail can match
                end_i, end_j = short_end[pos_i], long_end[pos_j]
                tail_i, tail_j = need_short[pos_i] - 1, need_long[pos_j] - 1
                tail = np.where(end_i < end_j, tail_i, np.where(end_j < end_i, tail_j, np.minimum(tail_i, tail_j)))
                keep = met + tail >= wanted
                pos_i, pos_j, wanted = pos_i[keep], pos_j[keep], wanted[keep]
                shared = count(pos_i, pos_j)
            keep = shared >= wanted
            i, j, shared = order[pos_i[keep]], order[pos_j[keep]], shared[keep]
            if not both_ways:
                i, j = np.minimum(i, j), np.maximum(i, j)
            if len(i):
                yield CoBlock(i, j, shared, sizes[i], sizes[j])
        start = stop
