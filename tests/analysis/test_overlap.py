"""Membership and functional overlap: hand-worked numbers on the fixture, and equality with networkx's bipartite
projections on small graphs.

Members in 2019 (tests/fixtures/analysis/net.yaml; st-4 left org-a in 1990):
    agr-e {st-1, st-3}   org-a {org-c, st-1, st-2}   org-b {firm-x, st-1, st-2, st-3}   org-c {st-1, st-3}
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from govgraph.analysis.overlap import (
    co_occurrence,
    function_overlap,
    function_overlap_of,
    membership_overlap,
    membership_overlap_of,
    shared_elements,
    similar_pairs,
    similarity,
)
from govgraph.analysis.projections import co_occurrence_blocks, graph_as_of, membership_incidence, term_incidence
from govgraph.dataset import load_dataset
from govgraph.errors import UsageError
from govgraph.graph import build_graph
from govgraph.synth import write_synth
from govgraph.years import default_year
from tests.analysis.conftest import NET


def _table(report) -> dict[tuple[str, str], tuple[int, float]]:
    return {(p.a, p.b): (p.shared, round(p.similarity, 9)) for p in report.pairs}


def test_incidence_matrix(now) -> None:
    inc = membership_incidence(now)
    assert inc.cols == ["agr-e", "org-a", "org-b", "org-c"]
    assert inc.rows == ["firm-x", "org-c", "st-1", "st-2", "st-3"]
    assert isinstance(inc.matrix, sp.csr_array)
    assert inc.matrix.toarray().tolist() == [
        [0, 0, 1, 0],  # firm-x
        [0, 1, 0, 0],  # org-c (a member of org-a, and an institution itself)
        [1, 1, 1, 1],  # st-1
        [0, 1, 1, 0],  # st-2
        [1, 0, 1, 1],  # st-3
    ]
    co = co_occurrence(inc.matrix).toarray()
    assert np.diag(co).tolist() == [2, 3, 4, 2]
    assert co[1, 2] == 2  # org-a and org-b share st-1 and st-2


def test_two_spells_of_membership_count_once(full) -> None:
    inc = membership_incidence(full)  # all years: st-4 in org-a 1950-1990; st-1 tied to org-a twice (member, funds)
    col = inc.cols.index("org-a")
    assert int(inc.matrix[:, [col]].sum()) == 4  # org-c, st-1, st-2, st-4
    assert set(inc.matrix.data.tolist()) == {1}


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (
            "jaccard",
            {
                ("agr-e", "org-c"): 1.0,
                ("agr-e", "org-b"): 0.5,
                ("org-b", "org-c"): 0.5,
                ("org-a", "org-b"): 0.4,
                ("agr-e", "org-a"): 0.25,
                ("org-a", "org-c"): 0.25,
            },
        ),
        (
            "overlap",
            {
                ("agr-e", "org-c"): 1.0,
                ("agr-e", "org-b"): 1.0,
                ("org-b", "org-c"): 1.0,
                ("org-a", "org-b"): 2 / 3,
                ("agr-e", "org-a"): 0.5,
                ("org-a", "org-c"): 0.5,
            },
        ),
        (
            "cosine",
            {
                ("agr-e", "org-c"): 1.0,
                ("agr-e", "org-b"): 2 / math.sqrt(8),
                ("org-b", "org-c"): 2 / math.sqrt(8),
                ("org-a", "org-b"): 2 / math.sqrt(12),
                ("agr-e", "org-a"): 1 / math.sqrt(6),
                ("org-a", "org-c"): 1 / math.sqrt(6),
            },
        ),
    ],
)
def test_membership_similarity_by_hand(now, metric: str, expected: dict) -> None:
    r = membership_overlap(now, metric)
    got = {k: v for k, (_, v) in _table(r).items()}
    assert got == pytest.approx(expected)
    assert len(r.pairs) == 6


def test_membership_pairs_order_shared_and_links(now) -> None:
    r = membership_overlap(now, "jaccard")
    assert [(p.a, p.b) for p in r.pairs] == [
        ("agr-e", "org-c"),
        ("agr-e", "org-b"),
        ("org-b", "org-c"),
        ("org-a", "org-b"),
        ("agr-e", "org-a"),
        ("org-a", "org-c"),
    ]  # value desc, then shared desc, then ids
    first = r.pairs[0]
    assert (first.shared, first.size_a, first.size_b, first.shared_ids) == (2, 2, 2, ["st-1", "st-3"])
    assert {(p.a, p.b): p.link_types for p in r.pairs if p.linked} == {
        ("agr-e", "org-b"): ["administers"],
        ("org-a", "org-b"): ["partner_of"],
        ("org-a", "org-c"): ["member_of"],
    }
    doc = r.to_json()
    assert (doc["pair_count"], doc["linked_pairs"], doc["unlinked_pairs"]) == (6, 3, 3)


def test_min_threshold(now) -> None:
    r = membership_overlap(now, "jaccard", min_value=0.5)
    assert [(p.a, p.b) for p in r.pairs] == [("agr-e", "org-c"), ("agr-e", "org-b"), ("org-b", "org-c")]
    assert membership_overlap(now, "overlap", min_value=1.0).to_json()["pair_count"] == 3


def test_members_side_is_co_membership(now) -> None:
    r = membership_overlap(now, "jaccard", side="members")
    assert _table(r) == {
        ("st-1", "st-3"): (3, 0.75),
        ("st-1", "st-2"): (2, 0.5),
        ("firm-x", "st-2"): (1, 0.5),
        ("org-c", "st-2"): (1, 0.5),
        ("firm-x", "st-3"): (1, round(1 / 3, 9)),
        ("firm-x", "st-1"): (1, 0.25),
        ("org-c", "st-1"): (1, 0.25),
        ("st-2", "st-3"): (1, 0.25),
    }
    assert r.pairs[0].shared_ids == ["agr-e", "org-b", "org-c"]
    assert "linked" not in r.to_json()["pairs"][0]  # co-membership of members is not flagged


def test_as_of_earlier_year(full) -> None:
    r = membership_overlap(graph_as_of(full, 1960), "jaccard")
    # 1960: org-a {org-c, st-1, st-4}, org-b {st-1, st-3}, org-c {st-1, st-3}
    assert _table(r) == {("org-b", "org-c"): (2, 1.0), ("org-a", "org-b"): (1, 0.25), ("org-a", "org-c"): (1, 0.25)}
    assert r.as_of == 1960


def _random_bipartite(n_members: int, n_sets: int, p: float, seed: int) -> tuple[nx.Graph, list, list]:
    b = nx.bipartite.random_graph(n_members, n_sets, p, seed=seed)
    members = [n for n, d in b.nodes(data=True) if d["bipartite"] == 0]
    sets = [n for n, d in b.nodes(data=True) if d["bipartite"] == 1]
    return b, members, sets


def _matrix(b: nx.Graph, members: list, sets: list) -> sp.csr_array:
    return sp.csr_array(nx.bipartite.biadjacency_matrix(b, members, sets, dtype=np.int64))


def _cosine(g: nx.Graph, u, v) -> float:
    nu, nv = set(g[u]), set(g[v])
    return len(nu & nv) / math.sqrt(len(nu) * len(nv))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_equals_networkx_bipartite_projections(seed: int) -> None:
    b, members, sets = _random_bipartite(30, 25, 0.15, seed)
    a = _matrix(b, members, sets)
    refs = {
        "jaccard": nx.bipartite.overlap_weighted_projected_graph(b, sets, jaccard=True),
        "overlap": nx.bipartite.overlap_weighted_projected_graph(b, sets, jaccard=False),
        "cosine": nx.bipartite.generic_weighted_projected_graph(b, sets, weight_function=_cosine),
    }
    shared = nx.bipartite.weighted_projected_graph(b, sets)
    for metric, ref in refs.items():
        p = similar_pairs(a, metric)
        mine = {frozenset((sets[i], sets[j])): v for i, j, v in zip(p.i, p.j, p.value, strict=True)}
        assert mine == pytest.approx({frozenset((u, v)): d["weight"] for u, v, d in ref.edges(data=True)}), metric
        counts = {frozenset((sets[i], sets[j])): int(s) for i, j, s in zip(p.i, p.j, p.shared, strict=True)}
        assert counts == {frozenset((u, v)): d["weight"] for u, v, d in shared.edges(data=True)}
    # the other side: members' co-membership is the projection onto the members
    p = similar_pairs(sp.csr_array(a.T), "jaccard")
    ref = nx.bipartite.overlap_weighted_projected_graph(b, members, jaccard=True)
    assert {frozenset((members[i], members[j])): v for i, j, v in zip(p.i, p.j, p.value, strict=True)} == pytest.approx(
        {frozenset((u, v)): d["weight"] for u, v, d in ref.edges(data=True)}
    )


def test_similarity_matrix_and_shared_elements() -> None:
    a = sp.csr_array([[1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 0]])
    s = similarity(a, "overlap").toarray()
    np.testing.assert_allclose(s, [[0, 2 / 3, 0.5], [2 / 3, 0, 0.5], [0.5, 0.5, 0]])
    shared = shared_elements(a, np.array([0, 0, 1]), np.array([1, 2, 2]))
    assert [x.tolist() for x in shared] == [[0, 3], [1], [2]]


def test_similar_pairs_lists_only_nonzero_pairs() -> None:
    a = sp.csr_array(np.eye(50, dtype=np.int64))  # 50 disjoint sets: no pair shares anything
    assert len(similar_pairs(a, "cosine")) == 0


def test_function_overlap_flags_links(now) -> None:
    r = function_overlap(now, "functions")
    # org-a {agenda_setting, standard_setting}, org-b {standard_setting, assessment}, org-c {assessment},
    # prog-d {research_programmes}; agr-e has no function
    assert [(p.a, p.b, p.shared_ids, p.similarity, p.linked, p.link_types) for p in r.pairs] == [
        ("org-b", "org-c", ["assessment"], 0.5, False, []),
        ("org-a", "org-b", ["standard_setting"], pytest.approx(1 / 3), True, ["partner_of"]),
    ]
    assert r.sets == 4


def test_function_overlap_by_issue_areas(now) -> None:
    r = function_overlap(now, "issue-areas")
    assert [(p.a, p.b, p.similarity, p.linked) for p in r.pairs] == [
        ("agr-e", "org-a", 1.0, False),
        ("agr-e", "prog-d", 1.0, False),
        ("org-a", "prog-d", 1.0, True),
        ("agr-e", "org-b", 0.5, True),
        ("org-a", "org-b", 0.5, True),
        ("org-b", "org-c", 0.5, False),
        ("org-b", "prog-d", 0.5, False),
    ]
    doc = r.to_json()
    assert (doc["by"], doc["linked_pairs"], doc["unlinked_pairs"]) == ("issue-areas", 3, 4)


def test_function_overlap_equals_networkx_projection(now) -> None:
    inc = term_incidence(now, "issue_areas")
    b = nx.Graph()
    b.add_nodes_from(inc.cols)
    coo = inc.matrix.tocoo()
    b.add_edges_from((("term", inc.rows[i]), inc.cols[j]) for i, j in zip(coo.row, coo.col, strict=True))
    ref = nx.bipartite.overlap_weighted_projected_graph(b, inc.cols)
    r = function_overlap(now, "issue-areas")
    assert {frozenset((p.a, p.b)): p.similarity for p in r.pairs} == pytest.approx(
        {frozenset((u, v)): d["weight"] for u, v, d in ref.edges(data=True)}
    )


def test_kind_filter(now) -> None:
    r = membership_overlap(now, kinds=["organisation"])
    assert [(p.a, p.b) for p in r.pairs] == [("org-b", "org-c"), ("org-a", "org-b"), ("org-a", "org-c")]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda g: membership_overlap(g, "jacard"), "did you mean 'jaccard'"),
        (lambda g: membership_overlap(g, side="member"), "did you mean 'members'"),
        (lambda g: function_overlap(g, by="issue_areas"), "did you mean 'issue-areas'"),
    ],
)
def test_bad_arguments(now, call, message) -> None:
    with pytest.raises(UsageError, match=message):
        call(now)


def test_empty_result_keeps_its_shape(now) -> None:
    doc = membership_overlap(now, "jaccard", min_value=1.0, kinds=["organisation"]).to_json()
    assert (doc["pair_count"], doc["linked_pairs"], doc["unlinked_pairs"]) == (0, 0, 0)
    assert membership_overlap(now, side="members", min_value=1.0).tables()[0].columns[-1] == "shared members"


# --- blockwise product (issue 9 item 4): thresholds while the product is computed ------------------------------


def _all_pairs_then_filter(matrix: sp.csr_array, metric: str, min_value: float) -> tuple[np.ndarray, ...]:
    """The former implementation, kept as the reference: the whole upper triangle of A^T A, then the threshold."""
    a = sp.csr_array(matrix, dtype=np.int64)
    sizes = np.asarray(a.sum(axis=0)).ravel()
    upper = sp.triu(sp.csr_array(a.T @ a), k=1).tocoo()
    i, j, shared = upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data.astype(np.int64)
    keep = shared > 0
    i, j, shared = i[keep], j[keep], shared[keep]
    s = shared.astype(float)
    if metric == "jaccard":
        v = s / (sizes[i] + sizes[j] - s)
    elif metric == "overlap":
        v = s / np.minimum(sizes[i], sizes[j])
    else:
        v = s / np.sqrt(sizes[i].astype(float) * sizes[j])
    v = np.round(v, 12)
    keep = v >= min_value - 1e-12
    i, j, shared, v = i[keep], j[keep], shared[keep], v[keep]
    order = np.lexsort((j, i, -shared, -v))
    return i[order], j[order], shared[order], v[order]


def _heavy_tailed(n_members: int, n_sets: int, seed: int) -> sp.csr_array:
    """Members × sets with heavy-tailed set sizes (1 .. n_members) and popular members (Zipf-like weights)."""
    rng = np.random.default_rng(seed)
    sizes = np.minimum(rng.zipf(1.8, n_sets), n_members)
    weights = 1 / np.arange(1, n_members + 1) ** 0.8
    weights /= weights.sum()
    cols = np.repeat(np.arange(n_sets), sizes)
    rows = np.concatenate([rng.choice(n_members, size=s, replace=False, p=weights) for s in sizes])
    return sp.csr_array((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(n_members, n_sets))


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("metric", ["jaccard", "overlap", "cosine"])
def test_blockwise_equals_all_pairs_then_filter(seed: int, metric: str) -> None:
    a = _heavy_tailed(12, 100, seed)
    for min_value in (0.0, 0.3, 0.5, 2 / 3, 1.0):
        ref = _all_pairs_then_filter(a, metric, min_value)
        for max_work in (1, 97, 1 << 23):  # one set per block, a few, one block
            p = similar_pairs(a, metric, min_value, max_work=max_work)
            for got, want in zip((p.i, p.j, p.shared, p.value), ref, strict=True):
                np.testing.assert_array_equal(got, want)
            np.testing.assert_array_equal(p.size_i, np.asarray(a.sum(axis=0)).ravel()[ref[0]])


@pytest.mark.parametrize("seed", range(3))
def test_merged_counts_equal_bitset_counts(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above ``BITSET_ELEMENTS`` elements the shared counts of candidate pairs come from the compiled merge of
    sorted rows: the same pairs as the bitsets and as all pairs filtered."""
    import govgraph.analysis.projections as projections

    a = _heavy_tailed(300, 400, seed)
    monkeypatch.setattr(projections, "BITSET_ELEMENTS", 0)  # every count by merging
    for metric, min_value in (("jaccard", 0.3), ("cosine", 0.5), ("overlap", 0.7)):
        ref = _all_pairs_then_filter(a, metric, min_value)
        p = similar_pairs(a, metric, min_value, max_work=5000)
        assert len(ref[0]) > 20
        for got, want in zip((p.i, p.j, p.shared, p.value), ref, strict=True):
            np.testing.assert_array_equal(got, want)


def test_blockwise_shared_counts_equal_networkx_weighted_projection() -> None:
    a = _heavy_tailed(20, 120, 7)
    b = nx.Graph()
    sets = [("set", k) for k in range(a.shape[1])]
    b.add_nodes_from(sets, bipartite=1)
    coo = a.tocoo()
    b.add_edges_from((("member", int(r)), sets[int(c)]) for r, c in zip(coo.row, coo.col, strict=True))
    ref = nx.bipartite.weighted_projected_graph(b, [s for s in sets if b.degree(s)])
    p = similar_pairs(a, "jaccard", max_work=50)
    assert {(int(i), int(j)): int(s) for i, j, s in zip(p.i, p.j, p.shared, strict=True)} == {
        (min(u[1], v[1]), max(u[1], v[1])): d["weight"] for u, v, d in ref.edges(data=True)
    }


def _top_reference(a: sp.csr_array, metric: str, top: int, min_value: float) -> set[tuple[int, int]]:
    """Per set, its `top` best partners by (value desc, shared desc, partner index); the union of both sides."""
    i, j, shared, v = _all_pairs_then_filter(a, metric, min_value)
    partners: dict[int, list[tuple[float, int, int]]] = {}
    for x, y, s, val in zip(i.tolist(), j.tolist(), shared.tolist(), v.tolist(), strict=True):
        partners.setdefault(x, []).append((-val, -s, y))
        partners.setdefault(y, []).append((-val, -s, x))
    return {(min(x, y), max(x, y)) for x, lst in partners.items() for *_, y in sorted(lst)[:top]}


@pytest.mark.parametrize("seed", range(4))
def test_top_k_per_set_equals_brute_force(seed: int) -> None:
    a = _heavy_tailed(15, 80, seed)
    for metric, top, min_value, max_work in [
        ("jaccard", 1, 0.0, 1),
        ("cosine", 3, 0.2, 40),
        ("overlap", 2, 0.0, 10**9),
    ]:
        p = similar_pairs(a, metric, min_value, top=top, max_work=max_work)
        got = [(int(x), int(y)) for x, y in zip(p.i, p.j, strict=True)]
        assert len(got) == len(set(got))
        assert set(got) == _top_reference(a, metric, top, min_value)


def test_min_shared_and_top_by_hand(now) -> None:
    # shared >= 2: agr-e/org-c, agr-e/org-b, org-b/org-c {st-1, st-3}; org-a/org-b {st-1, st-2}
    r = membership_overlap(now, "jaccard", min_shared=2)
    assert [(p.a, p.b, p.shared) for p in r.pairs] == [
        ("agr-e", "org-c", 2),
        ("agr-e", "org-b", 2),
        ("org-b", "org-c", 2),
        ("org-a", "org-b", 2),
    ]
    # best partner of each: agr-e -> org-c (1.0), org-c -> agr-e (1.0), org-a -> org-b (0.4),
    # org-b -> agr-e or org-c (0.5, 2 shared each): the tie goes to the id, agr-e
    r = membership_overlap(now, "jaccard", top=1)
    assert [(p.a, p.b) for p in r.pairs] == [("agr-e", "org-c"), ("agr-e", "org-b"), ("org-a", "org-b")]
    doc = r.to_json()
    assert (doc["min_shared"], doc["top"]) == (1, 1)
    assert "each one's top 1 partners" in r.tables()[0].caption
    with pytest.raises(UsageError, match="--top must be at least 1"):
        membership_overlap(now, top=0)
    with pytest.raises(UsageError, match="--min-shared must be at least 1"):
        function_overlap(now, min_shared=0)


def test_blocks_stay_within_their_work_bound() -> None:
    a = _heavy_tailed(30, 400, 3)
    a = sp.csr_array((np.ones(a.nnz, dtype=np.int64), a.indices, a.indptr), shape=a.shape)
    a.sum_duplicates()
    t = sp.csr_array(a.T)
    work = t @ np.diff(a.indptr)
    for max_work in (1, 200, 5000):
        blocks = list(co_occurrence_blocks(a, max_work=max_work))
        assert len(blocks) > 1
        assert max(len(b) for b in blocks) <= max(max_work, int(work.max()))
        pairs = np.concatenate([b.i * 400 + b.j for b in blocks])
        assert len(pairs) == len(np.unique(pairs)) and all((b.i < b.j).all() for b in blocks)
    both = list(co_occurrence_blocks(a, both_ways=True))
    assert sum(len(b) for b in both) == 2 * sum(len(b) for b in co_occurrence_blocks(a))


# --- limit: the first pairs, and the count of all ------------------------------------------------------------


def test_limit_lists_the_first_pairs_and_counts_all_by_hand() -> None:
    """Sets A = B = C = {m1, m2} (twins), D = {m3}, E = {m1}: Jaccard >= 0.5 holds for AB, AC, BC (1.0, two shared)
    and AE, BE, CE (1/2, one shared); D meets nobody. The first two are AB and AC; six in all."""
    a = sp.csr_array(
        [  # A  B  C  D  E
            [1, 1, 1, 0, 1],  # m1
            [1, 1, 1, 0, 0],  # m2
            [0, 0, 0, 1, 0],  # m3
        ]
    )
    p = similar_pairs(a, "jaccard", 0.5, limit=2)
    assert [(int(i), int(j), int(s), float(v)) for i, j, s, v in zip(p.i, p.j, p.shared, p.value, strict=True)] == [
        (0, 1, 2, 1.0),
        (0, 2, 2, 1.0),
    ]
    assert p.total == 6
    p = similar_pairs(a, "jaccard", 0.5, limit=5)
    assert [(int(i), int(j)) for i, j in zip(p.i, p.j, strict=True)] == [(0, 1), (0, 2), (1, 2), (0, 4), (1, 4)]
    assert (p.size_i.tolist(), p.size_j.tolist()) == ([2, 2, 2, 2, 2], [2, 2, 2, 1, 1])


@pytest.mark.parametrize("seed", range(4))
def test_limit_equals_the_head_of_the_full_list(seed: int) -> None:
    """On random incidences with planted twins, every metric and threshold: the first ``limit`` pairs of the
    full list, field by field, and its length as ``total``."""
    rng = np.random.default_rng(seed)
    for _ in range(40):
        n_el, n_sets = int(rng.integers(1, 8)), int(rng.integers(2, 40))
        dense = (rng.random((n_el, n_sets)) < rng.random()).astype(int)
        for _ in range(int(rng.integers(0, 10))):
            x, y = rng.integers(0, n_sets, 2)
            dense[:, y] = dense[:, x]
        m = sp.csr_array(dense)
        for metric in ("jaccard", "overlap", "cosine"):
            min_value, min_shared = float(rng.choice([0, 0.3, 0.5, 1.0])), int(rng.integers(1, 3))
            limit, work = int(rng.integers(1, 30)), int(rng.integers(1, 50))
            full = similar_pairs(m, metric, min_value, min_shared=min_shared)
            part = similar_pairs(m, metric, min_value, min_shared=min_shared, limit=limit, max_work=work)
            assert part.total == full.total == len(full)
            for f in ("i", "j", "shared", "size_i", "size_j", "value"):
                assert getattr(part, f).tolist() == getattr(full, f)[:limit].tolist()


def test_limit_in_the_reports_keeps_counts_of_all_pairs(now) -> None:
    """A limited report holds the first pairs of the full one, and the same counts: pairs, linked, unlinked."""
    for run in (membership_overlap, function_overlap):
        full = run(now, min_value=0.0)
        part = run(now, min_value=0.0, limit=1)
        assert len(full.pairs) > 1
        assert [p.to_json() for p in part.pairs] == [p.to_json() for p in full.pairs[:1]]
        fj, pj = full.to_json(), part.to_json()
        assert pj["limit"] == 1 and "limit" not in fj
        for key in ("pair_count", "linked_pairs", "unlinked_pairs"):
            assert pj[key] == fj[key], key
        assert part.tables()[0].caption == full.tables()[0].caption
        assert part.tables()[0].rows_total == len(full.pairs)
        assert part.tables()[0].notes == full.tables()[0].notes
    with pytest.raises(UsageError, match="--limit must be at least 1"):
        membership_overlap(now, limit=0)


OF_OPTIONS = [
    {},
    {"min_value": 0.5, "limit": 3},
    {"side": "members", "min_value": 0.3},
    {"top": 2},
    {"metric": "cosine", "min_shared": 2},
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Synthetic tables beside the analysis fixture's YAML: one dataset from both formats."""
    out = tmp_path_factory.mktemp("of") / "t"
    write_synth(out, orgs=150, states=20, memberships=1200, ties=150, seed=4)
    return load_dataset([out, NET])


@pytest.mark.parametrize("options", OF_OPTIONS)
@pytest.mark.parametrize("as_of", [None, 1925, 1995])
def test_membership_overlap_of_a_dataset_equals_the_graphs(mixed, options, as_of) -> None:
    """Read from the columns without a graph, the report is the graph's, field by field."""
    year = as_of if as_of is not None else default_year(mixed)
    expected = membership_overlap(build_graph(mixed, year), **options).to_json()
    got = membership_overlap_of(mixed, as_of, **options).to_json()
    assert got == expected
    assert got["as_of"] == year and (got["pair_count"] > 0 or options)


@pytest.mark.parametrize(
    "options", [{}, {"min_value": 0.5, "limit": 3}, {"by": "issue-areas", "top": 2}, {"kinds": ["organisation"]}]
)
@pytest.mark.parametrize("as_of", [None, 1960])
def test_function_overlap_of_a_dataset_equals_the_graphs(mixed, options, as_of) -> None:
    year = as_of if as_of is not None else default_year(mixed)
    expected = function_overlap(build_graph(mixed, year), **options).to_json()
    assert function_overlap_of(mixed, as_of, **options).to_json() == expected
    assert expected["pair_count"] > 0 or options


def test_overlap_of_the_fixture_by_hand() -> None:
    """The fixture read as a dataset: the pairs and links the graph tests work out by hand."""
    ds = load_dataset([NET])
    report = membership_overlap_of(ds)
    assert report.as_of == 2019
    assert report.to_json() == membership_overlap(graph_as_of(build_graph(ds), None)).to_json()
    assert function_overlap_of(ds, 2019).to_json() == function_overlap(graph_as_of(build_graph(ds), 2019)).to_json()
