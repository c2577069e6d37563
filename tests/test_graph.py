"""Dataset -> MultiDiGraph: every attribute carried, sources included; snapshots by year."""

from __future__ import annotations

from pathlib import Path

from govgraph.dataset import load_dataset
from govgraph.graph import build_graph, snapshot


def test_nodes_and_edges_carry_everything(mini: Path) -> None:
    g = build_graph(load_dataset([mini]))
    assert sorted(g.nodes) == ["org-a", "org-b", "prog-c", "st"]
    a = g.nodes["org-a"]
    assert a["kind"] == "organisation" and a["name"] == "Organisation A" and a["name_zh"] == "甲组织"
    assert a["aliases"] == ["OA"] and a["founded"] == "1950" and a["founded_year"] == 1950
    assert (a["hq_country"], a["hq_city"]) == ("CH", "Geneva")
    assert a["functions"] == ["agenda_setting", "standard_setting"] and a["sources"] == ["fx"]
    assert g.nodes["org-b"]["citations"] == [{"key": "fx", "at": "p. 3"}]
    assert g.nodes["org-b"]["dissolved_year"] == 2018
    assert g.number_of_edges() == 4
    e = g.edges["org-b", "prog-c", "org-b:sponsors:prog-c:1980"]
    assert e["type"] == "sponsors" and e["category"] == "interaction" and e["start_year"] == 1980
    assert e["sources"] == ["fx", "fx-web"]
    assert g.edges["org-a", "org-b", "a-b-partner"]["id"] == "a-b-partner"
    assert set(g.graph["bibliography"]) == {"fx", "fx-web"}
    assert g.graph["figures"]["fig-one"]["value"] == 42


def test_snapshot_keeps_what_held_that_year(mini: Path) -> None:
    g = build_graph(load_dataset([mini]))
    s1965 = snapshot(g, 1965)
    assert sorted(s1965.nodes) == ["org-a", "org-b", "st"]  # prog-c founded 1980; st has no dates
    assert [k for *_, k in s1965.edges(keys=True)] == ["st:member_of:org-a:1960"]
    s1975 = build_graph(load_dataset([mini]), as_of=1975)
    assert s1975.number_of_edges() == 0  # the first membership ended 1970, the second starts 1990
    s2019 = snapshot(g, 2019)
    assert "org-b" not in s2019  # dissolved 2018
    assert [k for *_, k in s2019.edges(keys=True)] == ["st:member_of:org-a:1990"]
    assert snapshot(g, 2018).has_edge("org-a", "org-b")  # the end year itself still counts
    assert s2019.graph["as_of"] == 2019


def test_with_relations_keeps_every_actor_and_only_the_chosen_ties(tmp_path) -> None:
    """For YAML records and for table columns alike: the relations of the chosen types, every actor and source."""
    from govgraph.graph import of_types, with_relations
    from govgraph.synth import write_synth

    write_synth(tmp_path / "t", orgs=50, states=8, memberships=200, ties=40, seed=11)
    for ds in (load_dataset(None), load_dataset([tmp_path / "t"])):
        types = sorted({r.type for r in ds.relations} - {"member_of"})
        view = with_relations(ds, of_types(types))
        g, whole = build_graph(view), build_graph(ds)
        assert sorted(g.nodes) == sorted(whole.nodes) and g.graph["bibliography"] == whole.graph["bibliography"]
        kept = [(u, v, k) for u, v, k, d in whole.edges(keys=True, data=True) if d["type"] in types]
        assert sorted(g.edges(keys=True)) == sorted(kept) and len(kept) > 10
        assert all(g.edges[e] == whole.edges[e] for e in kept)
