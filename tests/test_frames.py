"""Frames: a dataset's actors and relations in columns, the same whether it came from YAML or tables."""

from __future__ import annotations

import polars as pl
import pytest

from govgraph.dataset import load_dataset
from govgraph.frames import Frames
from govgraph.graph import build_graph, snapshot
from govgraph.synth import write_synth

NET = """
sources:
  - {id: s, type: document, title: A test page, year: 2024}
actors:
  - {id: a, kind: organisation, name: Org A, org_type: intergovernmental, founded: 1950,
     functions: [standard_setting, assessment], sources: [s]}
  - {id: b, kind: organisation, name: Org B, org_type: intergovernmental, founded: 1960, dissolved: 2000, sources: [s]}
  - {id: c, kind: organisation, name: Org C, org_type: intergovernmental, founded: 1970,
     issue_areas: [climate_change], sources: [s]}
relations:
  - {source: a, target: b, type: partner_of, start: 1965, sources: [s]}
  - {source: b, target: a, type: partner_of, start: 1970, sources: [s]}
  - {source: c, target: a, type: partner_of, start: 1980, end: 1990, sources: [s]}
  - {source: c, target: a, type: sponsors, start: 1985, sources: [s]}
"""


@pytest.fixture
def net(tmp_path):
    (tmp_path / "net.yaml").write_text(NET)
    return load_dataset([tmp_path / "net.yaml"])


def test_actor_columns_by_hand(net) -> None:
    f = Frames.of(net)
    assert f.actors["id"].to_list() == ["a", "b", "c"]
    assert f.actors["founded_y"].to_list() == [1950, 1960, 1970]
    assert f.actors["dissolved_y"].to_list() == [None, 2000, None]
    assert f.actors["functions"].to_list() == [["standard_setting", "assessment"], [], []]
    assert f.actors["issue_areas"].to_list() == [[], [], ["climate_change"]]
    assert f.alive(2005)["id"].to_list() == ["a", "c"]
    assert f.alive(None).height == 3
    assert f.names(["c", "zz", "a"]) == ["Org C", "zz", "Org A"]  # an unknown id stands for itself


def test_ties_between_by_hand(net) -> None:
    f = Frames.of(net)
    # every tie: both directions of a-b merge into one pair
    assert f.ties_between(["a", "b", "c"], None) == {
        ("a", "b"): ["partner_of"],
        ("a", "c"): ["partner_of", "sponsors"],
    }
    assert f.ties_between(["a", "c"], 1995) == {("a", "c"): ["sponsors"]}  # the 1980-1990 tie has ended
    assert f.ties_between(["a", "c"], 1982) == {("a", "c"): ["partner_of"]}
    assert f.ties_between(["a"], None) == {}


def test_tables_and_yaml_give_the_same_frames(tmp_path) -> None:
    """A folder of tables beside a YAML file: its frames equal those of the same records read as YAML."""
    write_synth(tmp_path / "t", orgs=60, states=10, memberships=300, ties=40, seed=3)
    write_synth(tmp_path / "y", orgs=60, states=10, memberships=300, ties=40, seed=3, fmt="yaml")
    t, y = Frames.of(load_dataset([tmp_path / "t"])), Frames.of(load_dataset([tmp_path / "y"]))
    assert t.actors.equals(y.actors)
    order = ["key"]
    assert t.relations.sort(order).equals(y.relations.sort(order))
    assert t.relations.height == 340


def test_ties_equal_the_snapshot_graphs(tmp_path) -> None:
    write_synth(tmp_path / "t", orgs=80, states=10, memberships=400, ties=120, seed=5)
    ds = load_dataset([tmp_path / "t"])
    f, g = Frames.of(ds), build_graph(ds)
    for year in (1950, 1990, 2024):
        h = snapshot(g, year)
        ids = sorted(h.nodes)
        expected: dict[tuple[str, str], set[str]] = {}
        for u, v, d in h.edges(data=True):
            if u != v:
                expected.setdefault((min(u, v), max(u, v)), set()).add(d["type"])
        assert f.ties_between(ids, year) == {k: sorted(v) for k, v in expected.items()}
        i, j = f.tied_pairs(ids, year)
        assert sorted((ids[a], ids[b]) for a, b in zip(i.tolist(), j.tolist(), strict=True)) == sorted(expected)
        assert f.alive(year)["id"].to_list() == ids
    assert isinstance(f.relations, pl.DataFrame)
