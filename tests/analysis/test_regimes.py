"""Regime complexes on hand-built fixtures: a pure hierarchy, a true complex, two triangles joined by a bridge.

Every expected number is worked out by hand in the comments, and the graph measures are cross-checked against
networkx's own functions.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from govgraph.analysis.projections import graph_as_of
from govgraph.analysis.regimes import elemental_units, hierarchy_parents, regime_complexes
from govgraph.dataset import load_dataset
from govgraph.errors import UsageError
from govgraph.graph import build_graph
from tests.conftest import FIXTURES

REG = FIXTURES / "regimes"


def graph(name: str, as_of: int | None = None) -> nx.MultiDiGraph:
    path = REG if name == "all" else REG / f"{name}.yaml"
    return build_graph(load_dataset([Path(path)]), as_of)


def test_pure_hierarchy_is_one_unit_and_no_complex() -> None:
    g = graph("hierarchy")
    units = elemental_units(g)
    assert set(units.values()) == {"h-parent"}  # programmes (runs) and committee (part_of: parent is the target)
    assert hierarchy_parents(g)["h-comm"] == {"h-parent"}
    assert regime_complexes(g).complexes == []  # a partnership inside one unit makes no complex


def test_true_complex_units_and_measures() -> None:
    g = graph("complex")
    res = regime_complexes(g)
    assert [c.number for c in res.complexes] == [1]
    c = res.complexes[0]
    assert c.issue_area == "climate_change"
    # c-imo (succession only) and c-un (affiliation only) are not linked in.
    assert c.institutions == ["c-cee", "c-ipcc", "c-sec", "c-unep", "c-unfccc", "c-wfeo", "c-wmo"]
    # IPCC has two parents: a unit of its own. The secretariat folds into its convention (the agent into its
    # principal, not the reverse), the committee into WFEO.
    assert c.units == {
        "c-ipcc": ["c-ipcc"],
        "c-unfccc": ["c-sec", "c-unfccc"],
        "c-unep": ["c-unep"],
        "c-wfeo": ["c-cee", "c-wfeo"],
        "c-wmo": ["c-wmo"],
    }
    # Unit links: wmo-ipcc, unep-ipcc, ipcc-unfccc, unfccc-wfeo, wmo-unep (membership Jaccard 3/4) = 5 of 10 pairs.
    assert c.density == pytest.approx(0.5)
    # Institution links: 7 of 21 pairs.
    assert c.institution_density == pytest.approx(7 / 21, abs=1e-6)
    # Ancestor pairs: wmo>ipcc, unep>ipcc, unfccc>sec, wfeo>cee = 4 of 21.
    assert c.hierarchy_score == pytest.approx(4 / 21, abs=1e-6)
    # Only wmo/unep share members: Jaccard 3/4 over 21 pairs.
    assert c.mean_membership_overlap == pytest.approx(0.75 / 21, abs=1e-6)
    # Function Jaccards: 3 x 1/4 + 3 x 1/3 + 2 x 1/2 = 2.75, over 21 pairs.
    assert c.mean_function_overlap == pytest.approx(2.75 / 21, abs=1e-6)
    # Articulation points and betweenness (pairs through each node / 15).
    assert c.articulation_points == ["c-ipcc", "c-unfccc", "c-wfeo"]
    assert c.bridging == ["c-unfccc", "c-ipcc", "c-wfeo"]
    assert c.betweenness["c-unfccc"] == pytest.approx(11 / 15, abs=1e-6)
    assert c.betweenness["c-ipcc"] == pytest.approx(8 / 15, abs=1e-6)
    assert c.betweenness["c-wfeo"] == pytest.approx(5 / 15, abs=1e-6)
    assert c.actor_types["professional_federation"] == 2 and c.actor_types["agreement"] == 1


def test_complex_measures_match_networkx() -> None:
    g = graph("complex")
    c = regime_complexes(g).complexes[0]
    h = nx.Graph()
    h.add_nodes_from(c.institutions)
    h.add_edges_from((link["source"], link["target"]) for link in c.links)
    assert sorted(nx.articulation_points(h)) == c.articulation_points
    ref = nx.betweenness_centrality(h, normalized=True)
    assert c.betweenness == pytest.approx(ref, abs=1e-6)
    assert c.institution_density == pytest.approx(nx.density(h), abs=1e-6)


def test_membership_threshold_changes_links() -> None:
    g = graph("complex")
    base = regime_complexes(g).complexes[0]
    assert any("membership_overlap" in link["kinds"] for link in base.links)
    strict = regime_complexes(g, min_membership_jaccard=0.8).complexes[0]  # 0.75 < 0.8: wmo-unep no longer tied
    assert all("membership_overlap" not in link["kinds"] for link in strict.links)
    assert strict.density == pytest.approx(0.4)  # 4 of 10 unit pairs


def test_two_triangles_joined_by_a_bridge() -> None:
    g = graph("bridge")
    [c] = regime_complexes(g).complexes
    assert c.size == 7 and len(c.units) == 7
    assert c.density == pytest.approx(8 / 21, abs=1e-6)
    assert c.bridging == ["b-x", "b-a1", "b-b1"]  # x: 9 pairs /15; a1, b1: 8 pairs /15
    assert c.betweenness["b-x"] == pytest.approx(0.6)
    assert c.hierarchy_score == 0.0


def test_large_component_is_split_by_louvain_with_a_fixed_seed() -> None:
    g = graph("bridge")
    parts = regime_complexes(g, split_above=3).complexes
    assert len(parts) == 2
    sides = [set(c.institutions) for c in parts]
    assert {"b-a2", "b-a3"} <= sides[0] or {"b-a2", "b-a3"} <= sides[1]
    assert sum("b-x" in s for s in sides) == 1
    again = regime_complexes(g, split_above=3).complexes
    assert [c.institutions for c in again] == [c.institutions for c in parts]


def test_numbers_are_stable_under_the_issue_area_filter() -> None:
    g = graph("all")
    every = regime_complexes(g)
    assert [(c.number, c.issue_area) for c in every.complexes] == [(1, "climate_change"), (2, "technical_standards")]
    only = regime_complexes(g, "technical_standards")
    assert [c.number for c in only.complexes] == [2]
    assert only.complex(2).institutions == every.complex(2).institutions
    with pytest.raises(UsageError, match="no regime complex 1"):
        only.complex(1)


def test_as_of_drops_institutions_not_yet_founded() -> None:
    # In 1987 IPCC (1988), the convention (1992) and its secretariat (1993) do not exist: wmo, unep, wfeo remain,
    # tied only by membership overlap (wmo-unep): two units linked, not three -> no complex.
    assert regime_complexes(graph("complex", 1987)).complexes == []


def test_bad_issue_area_and_threshold() -> None:
    g = graph("complex")
    with pytest.raises(UsageError, match="did you mean 'climate_change'"):
        regime_complexes(g, "climate")
    with pytest.raises(UsageError, match="between 0 and 1"):
        regime_complexes(g, min_function_jaccard=1.5)
    with pytest.raises(UsageError, match="unknown threshold"):
        regime_complexes(g, nonsense=1)


def test_json_document_is_the_result() -> None:
    doc = regime_complexes(graph("complex")).to_json()
    assert doc["count"] == 1 and doc["thresholds"]["seed"] == 42
    assert doc["complexes"][0]["size"] == 7 and doc["complexes"][0]["n_units"] == 5


def _seed_graph() -> nx.MultiDiGraph:
    ds = load_dataset()
    if not ds.relations:
        pytest.skip("the packaged seeds hold no relations yet (being written)")
    return build_graph(ds)


def test_seed_data_finds_the_papers_complexes() -> None:
    res = regime_complexes(_seed_graph())
    by_area: dict[str, set[str]] = {}
    for c in res.complexes:
        by_area.setdefault(c.issue_area, set()).update(c.institutions)
    assert {
        "climate_change",
        "intellectual_property",
        "technical_standards",
        "global_environmental_change_research",
    } <= set(by_area)
    assert {"wmo", "ipcc"} <= by_area["climate_change"]
    assert "wipo" in by_area["intellectual_property"]
    assert {"iso", "iec"} <= by_area["technical_standards"]


def test_seed_data_unesco_and_its_programmes_are_one_unit() -> None:
    g = _seed_graph()
    units = elemental_units(graph_as_of(g, None))
    assert {units[p] for p in ("ihp", "mab", "iggp", "ibsp") if p in units} == {"unesco"}
    for c in regime_complexes(g).complexes:
        assert len(c.units) >= 3
        assert set(c.units) != {"unesco"}


def test_unit_is_named_for_its_top_organisation(tmp_path) -> None:
    """A charter establishing an organisation that runs a programme: one unit, named for the organisation."""
    from govgraph.analysis.regimes import elemental_units
    from govgraph.dataset import load_dataset
    from govgraph.graph import build_graph

    (tmp_path / "d.yaml").write_text(
        """\
sources: [{id: s, type: document, title: S}]
actors:
  - {id: charter, kind: agreement, name: Charter, agreement_type: charter, sources: [s]}
  - {id: org, kind: organisation, name: Org, org_type: intergovernmental, sources: [s]}
  - {id: prog, kind: programme, name: Prog, sources: [s]}
relations:
  - {type: establishes, source: charter, target: org, sources: [s]}
  - {type: runs, source: org, target: prog, sources: [s]}
""",
        encoding="utf-8",
    )
    units = elemental_units(build_graph(load_dataset([tmp_path])))
    assert units == {"charter": "org", "org": "org", "prog": "org"}


def test_each_complex_lists_its_closest_sharers_and_counts_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the seeds, with one partner listed per complex: #1 basic_sciences (8 institutions) keeps #5
    science_cooperation (7 shared, Jaccard 7/9) and counts its three other sharers; #2 climate (14) and #3 GEC
    research (12) keep each other (11/15); #6 sustainable development (16) keeps #2 (11/19). The JSON's pairs are
    those kept by either end."""
    import govgraph.analysis.regimes as regimes
    from govgraph.dataset import load_dataset as load

    monkeypatch.setattr(regimes, "SHARED_WITH", 1)
    result = regime_complexes(graph_as_of(build_graph(load(None)), None))
    kept = {c.number: [(s["complex"], len(s["shared"]), s["jaccard"]) for s in c.shared_with] for c in result.complexes}
    assert kept[1] == [(5, 7, 7 / 9)] and kept[5] == [(1, 7, 7 / 9)]
    assert kept[2] == [(3, 11, 11 / 15)] and kept[3] == [(2, 11, 11 / 15)]
    assert kept[6] == [(2, 11, 11 / 19)] and kept[4] == kept[7] == []
    more = {c.number: c.to_json().get("shared_with_more", 0) for c in result.complexes}
    assert more == {1: 3, 2: 3, 3: 3, 4: 0, 5: 3, 6: 3, 7: 0}
    assert [(p["a"], p["b"]) for p in result.to_json()["shared_institutions"]] == [(1, 5), (2, 3), (2, 6)]


def test_without_links_the_complexes_are_the_same() -> None:
    """``links=False`` (what the report asks for) changes nothing but the empty link lists."""
    from govgraph.dataset import load_dataset as load

    now = graph_as_of(build_graph(load(None)), None)
    full, lean = regime_complexes(now), regime_complexes(now, links=False)
    assert all(c.links for c in full.complexes) and not any(c.links for c in lean.complexes)
    strip = [{**c.to_json(), "links": []} for c in full.complexes]
    assert strip == [c.to_json() for c in lean.complexes]


@pytest.mark.parametrize("seed", range(5))
def test_ancestor_pairs_by_bitsets_equal_the_walks(seed: int) -> None:
    """The hierarchy score's count of (ancestor, descendant) pairs inside a complex: bitsets over a random DAG with
    shared ancestors (several parents) equal one walk up from each node."""
    import random

    from govgraph.analysis.regimes import _ancestor_pairs, _ancestor_pairs_walked

    rng = random.Random(seed)
    names = [f"n{k:03d}" for k in range(300)]
    tree = nx.DiGraph()
    tree.add_nodes_from(names)
    for k in range(1, len(names)):  # parents come earlier: acyclic
        for p in rng.sample(range(k), min(k, rng.choice([1, 1, 2, 3]))):
            tree.add_edge(names[p], names[k])
    nodes = sorted(rng.sample(names, 120))
    assert _ancestor_pairs(tree, nodes) == _ancestor_pairs_walked(tree, nodes) > 100
    chain = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    assert _ancestor_pairs(chain, ["a", "c", "d"]) == 3  # (a, c), (a, d), (c, d): b lies between but is outside
