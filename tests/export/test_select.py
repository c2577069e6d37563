"""Selections, worked out by hand on the small fixture and cross-checked with networkx's ego_graph."""

from __future__ import annotations

import networkx as nx
import pytest

from govgraph.errors import UsageError
from govgraph.select import select

from .conftest import N_EDGES, N_NODES


def test_no_filter_is_the_whole_graph(small_graph):
    h = select(small_graph)
    assert (h.number_of_nodes(), h.number_of_edges()) == (N_NODES, N_EDGES)
    assert "selection" not in h.graph
    assert h.graph["bibliography"] == small_graph.graph["bibliography"]


def test_ego_radius_1_by_alias(small_graph):
    # UNESCO's ties: un (agency of), ihp (runs), fr/cn (members), us (2 memberships + withheld funding).
    h = select(small_graph, ego="UNESCO", radius=1)
    assert sorted(h.nodes) == ["cn", "fr", "ihp", "un", "unesco", "us"]
    assert h.number_of_edges() == 7
    assert sorted(k for *_, k in h.edges(keys=True) if k.startswith("us-")) == ["us-unesco-1", "us-unesco-2"]
    assert h.graph["selection"] == {"ego": "unesco", "radius": 1}
    assert h.nodes["unesco"] == small_graph.nodes["unesco"]


def test_ego_radius_2_matches_networkx_ego_graph(small_graph):
    h = select(small_graph, ego="unesco", radius=2)
    # by hand: + wmo (via un, fr, us) and huawei (sanctioned by us)
    assert sorted(h.nodes) == ["cn", "fr", "huawei", "ihp", "un", "unesco", "us", "wmo"]
    # 7 + wmo->un, fr->wmo, us->wmo, us->huawei
    assert h.number_of_edges() == 11
    ref = nx.ego_graph(small_graph, "unesco", radius=2, undirected=True)
    assert set(h.nodes) == set(ref.nodes)
    assert set(h.edges(keys=True)) == set(ref.edges(keys=True))


def test_radius_0_is_the_actor_alone(small_graph):
    h = select(small_graph, ego="wmo", radius=0)
    assert list(h.nodes) == ["wmo"] and h.number_of_edges() == 0


def test_issue_area_keeps_tagged_actors_and_their_ties(small_graph):
    h = select(small_graph, issue_area="climate_change")
    assert sorted(h.nodes) == ["icsu", "ipcc", "unep", "unfccc", "wcrp", "wfeo", "wmo"]
    assert sorted(d["type"] for *_, d in h.edges(data=True)) == [
        "participates_in",
        "partner_of",
        "sponsors",
        "sponsors",
        "sponsors",
        "sponsors",
    ]


def test_kinds_and_relation_category(small_graph):
    h = select(small_graph, kinds=["state", "organisation"], relations=["membership"])
    assert h.number_of_nodes() == 3 + 9
    # memberships between states and organisations: fr, us x2, cn -> unesco; fr, us -> wmo (huawei is a firm)
    assert h.number_of_edges() == 6
    assert {d["type"] for *_, d in h.edges(data=True)} == {"member_of"}


def test_relation_type_and_ego_combine(small_graph):
    h = select(small_graph, ego="wmo", relations=["sponsors"])
    assert sorted(h.nodes) == ["ipcc", "wcrp", "wmo"]
    assert h.number_of_edges() == 2


def test_regime_complex_institutions(small_graph):
    pytest.importorskip("govgraph.analysis.regimes")
    from govgraph.analysis.regimes import regime_complexes

    number = regime_complexes(small_graph).complexes[0].number
    h = select(small_graph, regime=number)
    # climate regime in the latest year (ICSU dissolved in 2018 drops out)
    assert sorted(h.nodes) == ["ipcc", "unep", "unfccc", "wcrp", "wfeo", "wmo"]
    assert h.number_of_edges() == 5
    assert h.graph["selection"] == {"regime": number}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kinds": ["stat"]}, "did you mean 'state'"),
        ({"issue_area": "climate"}, "unknown issue area 'climate'"),
        ({"relations": ["membershp"]}, "did you mean 'membership'"),
        ({"ego": "unescoo"}, "did you mean 'unesco'"),
        ({"ego": "fr", "kinds": ["organisation"]}, "is not in the selection"),
        ({"ego": "fr", "radius": -1}, "--radius"),
    ],
)
def test_bad_selection_is_a_usage_error(small_graph, kwargs, message):
    with pytest.raises(UsageError, match=message):
        select(small_graph, **kwargs)


def test_selection_after_snapshot(small_graph):
    from govgraph.graph import snapshot

    h = select(snapshot(small_graph, 1990), ego="us")
    # in 1990 the US had left UNESCO (1946-1984): only its WMO membership remains; huawei not yet sanctioned
    assert sorted(h.nodes) == ["us", "wmo"]
