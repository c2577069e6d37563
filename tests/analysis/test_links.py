"""links, shortest paths and ego networks on tests/fixtures/analysis/net.yaml, checked by hand and against
networkx (all_shortest_paths, ego_graph)."""

from __future__ import annotations

import networkx as nx
import pytest

from govgraph.analysis.links import ego_network, links, shortest_paths
from govgraph.analysis.projections import actor_graph, graph_as_of
from govgraph.errors import UsageError


def _triples(result) -> list[tuple[str, str, str]]:
    return [(t["source"], t["type"], t["target"]) for t in result.ties]


def test_links_between_institutions_all_years(full) -> None:
    r = links(full)
    assert _triples(r) == [
        ("org-a", "partner_of", "org-b"),
        ("org-a", "runs", "prog-d"),
        ("org-b", "administers", "agr-e"),
        ("org-c", "member_of", "org-a"),
        ("org-old", "succeeded_by", "org-b"),
    ]
    doc = r.to_json()
    assert doc["count"] == 5 and doc["as_of"] is None
    assert doc["ties"][4]["status"] == "merger" and doc["ties"][4]["sources"] == ["fx"]


def test_links_as_of_drops_the_dead(full) -> None:
    assert ("org-old", "succeeded_by", "org-b") not in _triples(links(graph_as_of(full, 2019)))
    assert len(links(graph_as_of(full, 2019)).ties) == 4
    assert _triples(links(graph_as_of(full, 1985))) == [("org-a", "runs", "prog-d"), ("org-c", "member_of", "org-a")]


def test_links_of_one_actor_by_alias(full) -> None:
    r = links(full, "OA")  # org-a's alias
    assert r.actor == "org-a"
    assert _triples(r) == [
        ("org-a", "partner_of", "org-b"),
        ("org-a", "runs", "prog-d"),
        ("org-c", "member_of", "org-a"),
    ]


def test_links_of_a_state_lists_its_ties_to_institutions(full) -> None:
    r = links(full, "st-1")
    assert _triples(r) == [
        ("st-1", "funds", "org-a"),
        ("st-1", "funds", "prog-d"),
        ("st-1", "member_of", "org-a"),
        ("st-1", "member_of", "org-b"),
        ("st-1", "member_of", "org-c"),
        ("st-1", "party_to", "agr-e"),
    ]


def test_links_kind_filter(full) -> None:
    assert _triples(links(full, kinds=["organisation"])) == [
        ("org-a", "partner_of", "org-b"),
        ("org-c", "member_of", "org-a"),
        ("org-old", "succeeded_by", "org-b"),
    ]


def test_path_two_shortest_paths_with_directions(full) -> None:
    r = shortest_paths(full, "org-c", "prog-d")
    assert (r.length, r.total) == (2, 2)
    assert [p["nodes"] for p in r.paths] == [["org-c", "org-a", "prog-d"], ["org-c", "st-1", "prog-d"]]
    assert [p["text"] for p in r.paths] == [
        "org-c -member_of-> org-a -runs-> prog-d",
        "org-c <-member_of- st-1 -funds-> prog-d",
    ]
    step = r.paths[1]["steps"][0]
    assert step["relations"] == [{"id": "st-1:member_of:org-c:1955", "type": "member_of", "direction": "backward"}]
    ref = sorted(nx.all_shortest_paths(actor_graph(full), "org-c", "prog-d"))
    assert [p["nodes"] for p in r.paths] == ref


def test_path_step_with_two_ties_and_names(full) -> None:
    r = shortest_paths(full, "State One", "Organisation A")
    assert r.paths[0]["text"] == "st-1 -funds|member_of-> org-a"
    assert [x["type"] for x in r.paths[0]["steps"][0]["relations"]] == ["funds", "member_of"]


def test_path_across_a_succession(full) -> None:
    r = shortest_paths(full, "firm-x", "org-old")
    assert r.paths[0]["text"] == "firm-x -member_of-> org-b <-succeeded_by- org-old"


def test_no_path_and_same_actor(full) -> None:
    r = shortest_paths(graph_as_of(full, 2019), "st-4", "org-a")  # st-4 left org-a in 1990
    assert (r.length, r.total, r.paths) == (None, 0, [])
    assert r.to_json()["length"] is None
    same = shortest_paths(full, "org-a", "org-a")
    assert (same.length, same.paths[0]["text"]) == (0, "org-a")


def test_path_limit_keeps_total(full) -> None:
    r = shortest_paths(full, "org-c", "prog-d", limit=1)
    assert r.total == 2 and len(r.paths) == 1 and r.to_json()["shown"] == 1


def test_ego_radius_one(full) -> None:
    e = ego_network(full, "org-b", 1)
    assert [(n["distance"], n["id"]) for n in e.nodes] == [
        (0, "org-b"),
        (1, "agr-e"),
        (1, "firm-x"),
        (1, "org-a"),
        (1, "org-old"),
        (1, "st-1"),
        (1, "st-2"),
        (1, "st-3"),
    ]
    assert len(e.ties) == 13  # every tie among the eight, including st-2 sanctions firm-x and st-1 funds org-a
    assert ("st-2", "sanctions", "firm-x") in _triples(e)
    ref = nx.ego_graph(actor_graph(full), "org-b", radius=1)
    assert sorted(ref) == sorted(n["id"] for n in e.nodes)
    assert len(e.ties) == full.subgraph(ref.nodes).number_of_edges()


@pytest.mark.parametrize("radius", [0, 1, 2, 3])
def test_ego_matches_networkx(full, radius: int) -> None:
    e = ego_network(full, "prog-d", radius)
    ref = nx.ego_graph(actor_graph(full), "prog-d", radius=radius)
    assert sorted(n["id"] for n in e.nodes) == sorted(ref)
    dist = nx.single_source_shortest_path_length(actor_graph(full), "prog-d")
    assert all(n["distance"] == dist[n["id"]] for n in e.nodes)
    assert len(e.ties) == full.subgraph(ref.nodes).number_of_edges()


def test_ego_radius_two_distances(full) -> None:
    e = ego_network(full, "prog-d", 2)
    assert {n["id"]: n["distance"] for n in e.nodes} == {
        "prog-d": 0,
        "org-a": 1,
        "st-1": 1,
        "org-b": 2,
        "org-c": 2,
        "st-2": 2,
        "agr-e": 2,
        "st-4": 2,
    }
    # st-4 is there only because all years are used: it left org-a in 1990
    assert "st-4" not in {n["id"] for n in ego_network(graph_as_of(full, 2019), "prog-d", 2).nodes}


def test_unknown_actor_suggests(full) -> None:
    with pytest.raises(UsageError, match="did you mean 'org-a'"):
        shortest_paths(full, "org-aa", "org-b")
    with pytest.raises(UsageError, match="no actor 'org-old' in 2019"):
        ego_network(graph_as_of(full, 2019), "org-old")
    with pytest.raises(UsageError, match="--radius"):
        ego_network(full, "org-a", -1)


def _diamonds(k: int) -> nx.MultiDiGraph:
    """k diamonds in a row: a0 -> {b0, c0} -> a1 -> ... -> ak, so 2**k shortest paths from a0 to ak."""
    g = nx.MultiDiGraph()
    for i in range(k):
        for mid in (f"b{i:02d}", f"c{i:02d}"):
            g.add_edge(f"a{i:02d}", mid, key=f"{mid}-in", id=f"{mid}-in", type="partner_of")
            g.add_edge(f"a{i + 1:02d}", mid, key=f"{mid}-out", id=f"{mid}-out", type="partner_of")  # against the path
    for n in g:
        g.nodes[n].update(kind="organisation", name=n.upper())
    return g


def test_paths_are_counted_not_listed_and_ordered_as_networkx() -> None:
    small = _diamonds(5)
    ref = sorted(nx.all_shortest_paths(small.to_undirected(), "a00", "a05"))
    r = shortest_paths(small, "a00", "a05", limit=None)
    assert [p["nodes"] for p in r.paths] == ref and r.total == 32 and r.length == 10
    assert shortest_paths(small, "a00", "a05", limit=3).to_json()["paths"] == r.to_json()["paths"][:3]
    assert r.paths[0]["steps"][1]["text"] == "<-partner_of-"
    big = shortest_paths(_diamonds(40), "a00", "a40", limit=2)  # 2**40 paths: counted, two walked
    assert (big.total, big.length, len(big.paths)) == (2**40, 80, 2)
    assert big.paths[1]["nodes"][-3:] == ["a39", "c39", "a40"]
    same = shortest_paths(small, "b02", "b02")
    assert (same.total, same.length, same.paths[0]["nodes"]) == (1, 0, ["b02"])
