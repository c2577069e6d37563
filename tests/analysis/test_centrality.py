"""Centrality on the three projections, with numbers worked out by hand on tests/fixtures/analysis/net.yaml.

In 2019 (the latest year the fixture records) the links projection is the tree

    org-c - org-a - org-b - agr-e
              |
            prog-d

(org-c member_of org-a, org-a runs prog-d, org-a partner_of org-b, org-b administers agr-e; the succession
org-old -> org-b is gone with org-old, dissolved 1930).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from govgraph.analysis.centrality import MEASURES, centrality, project
from govgraph.analysis.projections import (
    graph_as_of,
    latest_year,
    link_graph,
    membership_incidence,
    membership_projection,
)
from govgraph.errors import UsageError


def _scores(result, measure: str) -> dict[str, float]:
    return {r["id"]: r["scores"][measure] for r in result.rows}


def test_latest_year_and_default_snapshot(full, now) -> None:
    assert latest_year(full) == 2019  # st-2 sanctions firm-x, 2019
    assert now.graph["as_of"] == 2019
    assert "org-old" not in now  # dissolved 1930
    assert not now.has_edge("st-4", "org-a")  # membership 1950-1990
    assert graph_as_of(full, None, default="all") is full
    assert graph_as_of(full, 1960).graph["as_of"] == 1960


def test_links_projection_edges(now) -> None:
    h = link_graph(now)
    assert sorted(h.nodes) == ["agr-e", "org-a", "org-b", "org-c", "prog-d"]
    assert sorted(tuple(sorted(e)) for e in h.edges) == [
        ("agr-e", "org-b"),
        ("org-a", "org-b"),
        ("org-a", "org-c"),
        ("org-a", "prog-d"),
    ]
    assert h.edges["org-a", "org-c"]["types"] == ["member_of"]


def test_degree_betweenness_closeness_by_hand(now) -> None:
    r = centrality(now, ["degree", "betweenness", "closeness"], "links")
    assert [row["id"] for row in r.rows] == ["org-a", "org-b", "agr-e", "org-c", "prog-d"]  # ties by id
    assert _scores(r, "degree") == {"org-a": 0.75, "org-b": 0.5, "agr-e": 0.25, "org-c": 0.25, "prog-d": 0.25}
    # betweenness / C(4,2)=6: org-a lies on (b,c) (b,d) (e,c) (e,d) (c,d); org-b on (e,a) (e,c) (e,d)
    assert _scores(r, "betweenness") == pytest.approx(
        {"org-a": 5 / 6, "org-b": 3 / 6, "agr-e": 0, "org-c": 0, "prog-d": 0}
    )
    # closeness = 4 / sum of distances
    assert _scores(r, "closeness") == pytest.approx(
        {"org-a": 4 / 5, "org-b": 4 / 6, "agr-e": 4 / 9, "org-c": 4 / 8, "prog-d": 4 / 8}
    )
    assert r.nodes == 5 and r.edges == 4 and r.as_of == 2019


def test_eigenvector_closed_form(now) -> None:
    # lambda^4 - 4 lambda^2 + 2 = 0 -> lambda = sqrt(2 + sqrt 2); x_a = 1, x_c = x_d = 1/lambda,
    # x_b = lambda / (lambda^2 - 1), x_e = x_b / lambda; then scaled to unit length (as networkx does).
    lam = math.sqrt(2 + math.sqrt(2))
    xb = lam / (lam**2 - 1)
    x = {"org-a": 1.0, "org-b": xb, "org-c": 1 / lam, "prog-d": 1 / lam, "agr-e": xb / lam}
    norm = math.sqrt(sum(v * v for v in x.values()))
    r = centrality(now, ["eigenvector"], "links")
    assert _scores(r, "eigenvector") == pytest.approx({k: v / norm for k, v in x.items()}, abs=1e-9)
    assert _scores(r, "eigenvector")["org-b"] == pytest.approx(0.5, abs=1e-9)


def test_pagerank_solves_its_linear_system(now) -> None:
    # Independent check: PR = (1 - a)/n + a * M PR with M[i, j] = 1/deg(j) for each edge, solved directly.
    h = link_graph(now)
    nodes = sorted(h)
    idx = {n: i for i, n in enumerate(nodes)}
    n, a = len(nodes), 0.85
    m = np.zeros((n, n))
    for u, v in h.edges:
        m[idx[u], idx[v]] = 1 / h.degree(v)
        m[idx[v], idx[u]] = 1 / h.degree(u)
    pr = np.linalg.solve(np.eye(n) - a * m, np.full(n, (1 - a) / n))
    r = centrality(now, ["pagerank"], "links")
    assert _scores(r, "pagerank") == pytest.approx({k: pr[idx[k]] for k in nodes}, abs=1e-9)
    assert sum(_scores(r, "pagerank").values()) == pytest.approx(1.0)


@pytest.mark.parametrize("projection", ["links", "actors", "membership"])
def test_every_measure_equals_networkx_reference(now, projection: str) -> None:
    h = project(now, projection)
    # eigenvector_centrality_numpy refuses disconnected graphs: on the actors projection (st-4 isolated in 2019)
    # the reference is the principal eigenvector of the largest component, and 0 elsewhere.
    giant = h.subgraph(max(nx.connected_components(h), key=len))
    ref = {
        "degree": nx.degree_centrality(h),
        "betweenness": nx.betweenness_centrality(h),
        "closeness": nx.closeness_centrality(h),
        "eigenvector": {n: 0.0 for n in h} | nx.eigenvector_centrality_numpy(giant),
        "pagerank": nx.pagerank(h),
    }
    assert (len(giant) < len(h)) == (projection == "actors")
    r = centrality(now, list(MEASURES), projection)
    for m in MEASURES:
        assert _scores(r, m) == pytest.approx(ref[m], abs=1e-6), m


def test_actors_projection_degree_and_tie_break(now) -> None:
    r = centrality(now, ["degree"], "actors", top=3)
    # org-b ties to org-a, agr-e, st-1, st-2, st-3, firm-x: 6 of 9; org-a and st-1 both 5 of 9 -> by id
    assert [(row["id"], row["scores"]["degree"]) for row in r.rows] == [
        ("org-b", round(6 / 9, 10)),
        ("org-a", round(5 / 9, 10)),
        ("st-1", round(5 / 9, 10)),
    ]
    assert r.nodes == 10 and r.edges == 16  # st-4 is alive but isolated in 2019


def test_membership_projection_is_networkx_bipartite_projection(now) -> None:
    inc = membership_incidence(now)
    # members and institutions are distinct node sets (org-c is both: a member of org-a, and an institution)
    b = nx.Graph()
    b.add_nodes_from((("member", m) for m in inc.rows), bipartite=0)
    b.add_nodes_from(inc.cols, bipartite=1)
    coo = inc.matrix.tocoo()
    b.add_edges_from((("member", inc.rows[i]), inc.cols[j]) for i, j in zip(coo.row, coo.col, strict=True))
    ref = nx.bipartite.weighted_projected_graph(b, inc.cols)
    mine = membership_projection(now)
    assert sorted(mine.nodes) == sorted(ref.nodes) == ["agr-e", "org-a", "org-b", "org-c"]
    assert {tuple(sorted((u, v))): d["weight"] for u, v, d in mine.edges(data=True)} == {
        tuple(sorted((u, v))): d["weight"] for u, v, d in ref.edges(data=True)
    }
    assert mine.edges["org-a", "org-b"]["weight"] == 2  # st-1, st-2


def test_membership_projection_all_equal_ties_by_id(now) -> None:
    r = centrality(now, ["degree", "closeness"], "membership")
    assert [row["id"] for row in r.rows] == ["agr-e", "org-a", "org-b", "org-c"]  # K4: every score equal
    assert {row["scores"]["degree"] for row in r.rows} == {1.0}


def test_kind_filter_selects_rows_not_graph(now) -> None:
    r = centrality(now, ["betweenness"], "links", kinds=["organisation"])
    assert [row["id"] for row in r.rows] == ["org-a", "org-b", "org-c"]
    assert r.rows[0]["scores"]["betweenness"] == pytest.approx(5 / 6)  # paths through programmes still count
    assert r.nodes == 5


def test_as_of_changes_the_answer(full) -> None:
    r = centrality(graph_as_of(full, 1925), ["degree"], "links")
    # 1925: org-a (1900), org-b (1920), org-old (1890-1930); no institution tie holds yet (partner_of from 2000,
    # the succession only in 1930)
    assert {row["id"]: row["scores"]["degree"] for row in r.rows} == {"org-a": 0.0, "org-b": 0.0, "org-old": 0.0}
    r_all = centrality(full, ["degree"], "links")
    assert _scores(r_all, "degree")["org-old"] == 0.2  # succeeded_by org-b, of 5 neighbours possible


def test_json_document_shape_and_ranks(now) -> None:
    doc = centrality(now, ["closeness", "degree"], "links", top=2).to_json()
    assert doc["sorted_by"] == "closeness" and doc["graph"] == {"nodes": 5, "edges": 4}
    assert [(r["id"], r["ranks"]) for r in doc["rows"]] == [
        ("org-a", {"closeness": 1, "degree": 1}),
        ("org-b", {"closeness": 2, "degree": 2}),
    ]


def test_empty_projection(now) -> None:
    empty = nx.MultiDiGraph()
    r = centrality(empty, None, "links")
    assert r.rows == [] and r.nodes == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"measures": ["pagernak"]}, "did you mean 'pagerank'"),
        ({"kinds": ["organization"]}, "did you mean 'organisation'"),
        ({"projection": "link"}, "did you mean 'links'"),
        ({"top": 0}, "--top must be at least 1"),
    ],
)
def test_bad_arguments_are_usage_errors(now, kwargs, message) -> None:
    with pytest.raises(UsageError, match=message):
        centrality(now, **kwargs)


# --- scale (issue 9 item 3): scipy where identical, estimates above EXACT_WORK, said in the output -------------


def _random_graph(n: int, m: int, seed: int) -> nx.Graph:
    """A sparse random graph with several components, string ids (as govgraph's), nodes in sorted order."""
    g = nx.gnm_random_graph(n, m, seed=seed)
    h = nx.Graph()
    h.add_nodes_from(sorted(f"n{v:05d}" for v in g))
    h.add_edges_from((f"n{u:05d}", f"n{v:05d}") for u, v in g.edges)
    return h


@pytest.mark.parametrize("seed", [1, 2])
def test_closeness_equals_networkx_exactly(seed: int) -> None:
    h = _random_graph(300, 280, seed)  # a forest-like graph: many components, isolated nodes
    assert nx.number_connected_components(h) > 5
    assert MEASURES["closeness"](h) == nx.closeness_centrality(h)


@pytest.mark.parametrize("seed", [1, 2])
def test_eigenvector_equals_networkx_power_iteration(seed: int) -> None:
    h = _random_graph(400, 1200, seed)
    ref = nx.eigenvector_centrality(h, max_iter=10000, tol=1e-13)
    assert MEASURES["eigenvector"](h) == pytest.approx(ref, abs=1e-9)
    two = nx.Graph([("a", "b"), ("c", "d")])  # two equal components: the uniform start splits evenly
    assert MEASURES["eigenvector"](two) == pytest.approx(nx.eigenvector_centrality(two, tol=1e-12), abs=1e-9)
    lone = nx.Graph()
    lone.add_nodes_from("xyz")
    assert MEASURES["eigenvector"](lone) == pytest.approx(nx.eigenvector_centrality(lone))


@pytest.mark.slow
def test_above_exact_work_estimates_are_made_and_said() -> None:
    from govgraph.analysis.centrality import EXACT_WORK, PIVOTS, SEED, method

    h = _random_graph(4600, 4600, 3)
    assert h.number_of_nodes() * h.number_of_edges() > EXACT_WORK
    g = nx.MultiDiGraph()
    g.add_nodes_from((n, {"kind": "organisation", "name": n}) for n in h)
    g.add_edges_from((u, v, f"r{k}", {"type": "partner_of"}) for k, (u, v) in enumerate(h.edges))
    r = centrality(g, ["betweenness", "closeness", "degree"], "links")
    ref = nx.betweenness_centrality(h, k=PIVOTS, seed=SEED)
    assert _scores(r, "betweenness") == {n: round(v, 10) + 0.0 for n, v in ref.items()}
    est = _scores(r, "closeness")
    giant = sorted(max(nx.connected_components(h), key=len))
    errors = np.array([abs(est[n] - nx.closeness_centrality(h, u=n)) / est[n] for n in giant[::60]])
    assert np.median(errors) < 0.05 and errors.max() < 0.15  # Eppstein-Wang: a few percent with 100 pivots
    small = [n for n in h if n not in set(giant)][::20]
    assert all(est[n] == round(nx.closeness_centrality(h, u=n), 10) for n in small)  # small components: exact
    estimated = {"backend": "scipy", "exact": False, "pivots": PIVOTS, "seed": SEED}
    assert r.to_json()["methods"] == {
        "betweenness": estimated,  # networkx's sample and formula, Brandes' sums level by level on scipy
        "closeness": estimated,
        "degree": {"backend": "networkx", "exact": True},
    }
    assert method("eigenvector", h) == {"backend": "scipy", "exact": True}
    assert r.tables()[0].notes[0].startswith("betweenness estimated from 100 sampled sources (seed 0)")
    small_graph = centrality(g.subgraph(list(h)[:50]).copy(), ["betweenness"], "links")  # exact, summed by numpy
    assert small_graph.to_json()["methods"] == {"betweenness": {"backend": "scipy", "exact": True}}
    assert small_graph.tables()[0].notes == []
    tiny = centrality(g.subgraph(list(h)[:20]).copy(), ["betweenness"], "links")  # 30 nodes or fewer: networkx
    assert tiny.to_json()["methods"] == {"betweenness": {"backend": "networkx", "exact": True}}


@pytest.mark.parametrize("seed", range(3))
def test_numpy_betweenness_equals_networkx(seed: int) -> None:
    """Exact and sampled betweenness summed with numpy equal networkx's own to 1e-12 on random graphs (some
    disconnected, some with isolated nodes), with the same sampled sources."""
    import random

    from govgraph.analysis.centrality import exact_betweenness, sampled_betweenness

    rng = random.Random(seed)
    for trial in range(15):
        n = rng.randint(1, 70)
        g = nx.relabel_nodes(nx.gnp_random_graph(n, rng.random() * 0.25, seed=trial), lambda i: f"n{i:03d}")
        want, got = nx.betweenness_centrality(g, normalized=True), exact_betweenness(g)
        assert list(got) == list(want)
        assert all(abs(got[k] - want[k]) < 1e-12 for k in want)
        if n > 3:
            k = rng.randint(2, n)
            want, got = nx.betweenness_centrality(g, k=k, normalized=True, seed=0), sampled_betweenness(g, k, 0)
            assert all(abs(got[x] - want[x]) < 1e-12 for x in want)
    star = nx.star_graph(4)  # by hand: the centre lies on all C(4, 2) = 6 paths between leaves; 6 / C(4, 2) = 1
    assert exact_betweenness(star) == {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}


@pytest.mark.parametrize("projection", ["links", "actors", "membership"])
@pytest.mark.parametrize("as_of", [None, 1990])
def test_centrality_of_a_dataset_equals_the_graphs(tmp_path, projection: str, as_of: int | None) -> None:
    """Read on a graph of only the ties the projection needs (lean), the result is the whole snapshot's."""
    from govgraph.analysis.centrality import centrality_of
    from govgraph.dataset import load_dataset
    from govgraph.graph import build_graph
    from govgraph.synth import write_synth
    from govgraph.years import default_year
    from tests.conftest import ROOT

    write_synth(tmp_path / "t", orgs=120, states=15, memberships=700, ties=150, seed=9)
    ds = load_dataset([ROOT / "seeds", tmp_path / "t"])
    year = as_of if as_of is not None else default_year(ds)
    expected = centrality(build_graph(ds, year), projection=projection).to_json()
    got = centrality_of(ds, as_of, projection=projection).to_json()
    assert got == expected
    assert len(got["rows"]) > 20
