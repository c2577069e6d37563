"""The membership backbone against scipy: hypergeometric p-values, Benjamini-Hochberg over every pair, the SDSM.

Incidences are made by hand (or with a fixed numpy seed); every p-value is recomputed independently.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from scipy import stats

from govgraph.analysis.backbone import (
    backbone,
    benjamini_hochberg,
    bicm_probabilities,
    blockwise_pairs,
    membership_backbone,
)
from govgraph.dataset import load_dataset
from govgraph.errors import UsageError
from govgraph.graph import build_graph
from tests.conftest import run_govgraph


def random_incidence(members: int = 40, sets: int = 25, p: float = 0.25, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = (rng.random((members, sets)) < p).astype(np.int64)
    a[:12, :4] = 1  # four sets that share far more than chance would give
    return a


def all_pairs_hypergeom(a: np.ndarray) -> dict[tuple[int, int], float]:
    """P[X >= shared] of every pair, one scipy call per pair; p = 1 when nothing is shared."""
    n = a.shape[0]
    sizes = a.sum(axis=0)
    out = {}
    for i, j in itertools.combinations(range(a.shape[1]), 2):
        s = int((a[:, i] & a[:, j]).sum())
        out[(i, j)] = float(stats.hypergeom.sf(s - 1, n, sizes[i], sizes[j])) if s else 1.0
    return out


def test_hand_made_incidence_p_value() -> None:
    # 10 members; sets 0 and 1 share the same 5; set 2 holds the other 5. P[X >= 5] = 1 / C(10, 5) = 1/252.
    a = sp.csr_array([[1, 1, 0]] * 5 + [[0, 0, 1]] * 5)
    b = backbone(a, "hypergeom", 0.05)
    assert [(int(i), int(j), int(s)) for i, j, s in zip(b.i, b.j, b.shared, strict=True)] == [(0, 1, 5)]
    assert b.p_value[0] == pytest.approx(1 / 252)
    # Three tests (3 pairs, two sharing nothing: p = 1): q = 3 * (1/252) / 1.
    assert b.tests == 3 and b.q_value[0] == pytest.approx(3 / 252)


def test_p_and_q_values_match_scipy_over_every_pair() -> None:
    a = random_incidence()
    ref = all_pairs_hypergeom(a)
    keys = sorted(ref)
    q_all = stats.false_discovery_control(np.array([ref[k] for k in keys]), method="bh")
    q_ref = dict(zip(keys, q_all, strict=True))
    for alpha in (0.05, 0.2):
        b = backbone(sp.csr_array(a), "hypergeom", alpha)
        got = {
            (int(i), int(j)): (float(p), float(q)) for i, j, p, q in zip(b.i, b.j, b.p_value, b.q_value, strict=True)
        }
        want = {k for k in keys if q_ref[k] <= alpha}
        assert set(got) == want and len(want) >= 2
        for k, (p, q) in got.items():
            assert p == pytest.approx(ref[k], rel=1e-9)
            assert q == pytest.approx(q_ref[k], rel=1e-9)
        assert b.tests == 25 * 24 // 2


def test_benjamini_hochberg_with_a_larger_m_matches_scipy_on_the_padded_vector() -> None:
    p = np.array([0.001, 0.02, 0.004, 0.03])
    padded = np.concatenate([p, np.full(6, 0.9)])
    assert benjamini_hochberg(p, 10) == pytest.approx(stats.false_discovery_control(padded)[:4])
    assert benjamini_hochberg(p) == pytest.approx(stats.false_discovery_control(p))


def test_blockwise_product_equals_the_full_product() -> None:
    a = sp.csr_array(random_incidence(seed=5))
    full = sp.triu(a.T @ a, k=1).tocoo()
    want = sorted((int(i), int(j), int(s)) for i, j, s in zip(full.row, full.col, full.data, strict=True) if s)
    got = [
        (int(i), int(j), int(s))
        for bi, bj, bs in blockwise_pairs(a, block=7)
        for i, j, s in zip(bi, bj, bs, strict=True)
    ]
    assert got == want


def test_bicm_fits_both_degree_sequences() -> None:
    a = random_incidence(seed=9)
    a[:, 5] = 1  # a full column: probability 1 for it
    a[3, :] = 0  # an empty row: probability 0
    r, c = a.sum(axis=1), a.sum(axis=0)
    rows, cols, p = bicm_probabilities(r, c)
    ri = {int(v): k for k, v in enumerate(rows)}
    ci = {int(v): k for k, v in enumerate(cols)}
    full = np.array([[p[ri[int(x)], ci[int(y)]] for y in c] for x in r])
    assert full.sum(axis=1) == pytest.approx(r, abs=1e-6)
    assert full.sum(axis=0) == pytest.approx(c, abs=1e-6)
    assert full[:, 5] == pytest.approx(np.where(r > 0, 1.0, 0.0))


def poisson_binomial_sf(s: int, probs: np.ndarray) -> float:
    """P[X >= s] for a sum of independent Bernoullis, by the textbook recursion over every element."""
    pmf = np.zeros(len(probs) + 1)
    pmf[0] = 1.0
    for q in probs:
        pmf[1:] = pmf[1:] * (1 - q) + pmf[:-1] * q
        pmf[0] *= 1 - q
    return float(pmf[s:].sum())


def test_sdsm_p_values_against_a_brute_force_poisson_binomial() -> None:
    a = random_incidence(members=30, sets=12, seed=11)
    r, c = a.sum(axis=1), a.sum(axis=0)
    rows, cols, p = bicm_probabilities(r, c)
    ri = {int(v): k for k, v in enumerate(rows)}
    ci = {int(v): k for k, v in enumerate(cols)}
    full = np.array([[p[ri[int(x)], ci[int(y)]] for y in c] for x in r])
    b = backbone(sp.csr_array(a), "sdsm", 1.0)
    assert len(b) > 10
    for i, j, s, pv in zip(b.i, b.j, b.shared, b.p_value, strict=True):
        assert pv == pytest.approx(poisson_binomial_sf(int(s), full[:, i] * full[:, j]), abs=1e-9)


def test_bad_method_and_alpha() -> None:
    a = sp.csr_array(random_incidence())
    with pytest.raises(UsageError, match="did you mean 'sdsm'"):
        backbone(a, "sdm")
    with pytest.raises(UsageError, match="alpha"):
        backbone(a, "hypergeom", 0.0)


def _dataset(path: Path) -> Path:
    """Five institutions and twelve member states: two institutions share eight members, the rest few."""
    lines = ["sources: [{id: s, type: document, title: S}]", "actors:"]
    for k in range(5):
        lines.append(f"  - {{id: i{k}, kind: organisation, org_type: intergovernmental, name: I{k}, sources: [s]}}")
    for m in range(12):
        lines.append(f"  - {{id: m{m:02d}, kind: state, name: M{m}, sources: [s]}}")
    lines.append("relations:")
    ties = {(m, 0) for m in range(8)} | {(m, 1) for m in range(8)}
    ties |= {(8, 2), (9, 2), (10, 2), (11, 2), (0, 3), (9, 3), (5, 3), (10, 4), (11, 4), (3, 4)}
    for m, k in sorted(ties):
        lines.append(f"  - {{type: member_of, source: m{m:02d}, target: i{k}, sources: [s]}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_library_and_cli_agree_and_scipy_reproduces(tmp_path: Path) -> None:
    data = _dataset(tmp_path / "d.yaml")
    g = build_graph(load_dataset([data]))
    rep = membership_backbone(g, "hypergeom", 0.05)
    doc = rep.to_json()
    assert doc["institutions"] == 5 and doc["elements"] == 12 and doc["tests"] == 10
    [pair] = doc["pairs"]
    assert (pair["a"], pair["b"], pair["shared"], pair["size_a"], pair["size_b"]) == ("i0", "i1", 8, 8, 8)
    assert pair["p_value"] == pytest.approx(stats.hypergeom.sf(7, 12, 8, 8))  # 1 / C(12, 8) = 1/495
    out = run_govgraph("overlap", "membership", "-d", str(data), "--backbone", "hypergeom", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == json.loads(json.dumps(doc))
    bad = run_govgraph("overlap", "membership", "-d", str(data), "--backbone", "hyper")
    assert bad.returncode == 2
