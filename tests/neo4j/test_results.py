"""``write_results`` / ``govgraph neo4j write-results``: centrality scores and :RegimeComplex nodes in Neo4j.

The fixture (written below, not real data) in its latest year, 2001, has the link graph
``p-r - o-a - o-b - o-c`` plus ``t-x - t-y - t-z`` (o-d dissolved in 2000; the states are members, not in the
links projection). By hand: degree = ties / 6, so o-a, o-b, t-y 1/3 and the others 1/6; betweenness o-a and o-b
2/15 (each on two of the 15 pairs), t-y 1/15; closeness (Wasserman-Faust) o-a 3/4 * 3/6 = 0.375, o-c 0.25, t-y
1/3. Two regime complexes: climate change with units o-a (with its programme p-r), o-b, o-c: density 2/3,
hierarchy 1/6 (o-a over p-r among 6 pairs), function overlap 0.5 / 6 (o-a and o-b share one of two functions),
bridging o-a, o-b; and technical standards t-x, t-y, t-z, bridged by t-y. In 1990 o-d (partner of o-c) is alive
and the t-* are not founded yet: one complex of four units and five institutions.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import networkx as nx
import pytest
import yaml
from typer.testing import CliRunner

from govgraph.analysis.centrality import centrality
from govgraph.analysis.projections import graph_as_of
from govgraph.analysis.regimes import regime_complexes
from govgraph.cli import app
from govgraph.dataset import load_dataset
from govgraph.errors import DatabaseUnavailable, UsageError
from govgraph.graph import build_graph
from govgraph.neo4j.connection import ConnectionSettings
from govgraph.neo4j.loader import load
from govgraph.neo4j.reader import read_dataset
from govgraph.neo4j.results import complex_ids, write_results
from govgraph.neo4j.run_query import run_query
from tests.conftest import run_govgraph
from tests.neo4j.helpers import label_counts, snapshot

runner = CliRunner()
MEASURES = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")


def _org(aid: str, founded: int, areas: list[str], functions: list[str] = (), **more) -> dict:
    return {
        "id": aid,
        "kind": "organisation",
        "name": aid.upper(),
        "org_type": more.pop("org_type", "intergovernmental"),
        "founded": founded,
        "issue_areas": areas,
        **({"functions": list(functions)} if functions else {}),
        "sources": ["fx-r"],
        **more,
    }


def _rel(rtype: str, source: str, target: str, start: int) -> dict:
    return {"type": rtype, "source": source, "target": target, "start": start, "sources": ["fx-r"]}


DATA = {
    "sources": [{"id": "fx-r", "type": "document", "title": "Results fixture", "year": 2024}],
    "actors": [
        _org("o-a", 1950, ["climate_change"], ["assessment", "advisory"]),
        _org("o-b", 1960, ["climate_change"], ["assessment"], org_type="scientific_council"),
        _org("o-c", 1970, ["climate_change"], org_type="professional_federation"),
        _org("o-d", 1940, ["climate_change"], dissolved=2000),
        {
            "id": "p-r",
            "kind": "programme",
            "name": "P-R",
            "founded": 1980,
            "issue_areas": ["climate_change"],
            "sources": ["fx-r"],
        },
        _org("t-x", 1995, ["technical_standards"], org_type="standards_body"),
        _org("t-y", 1995, ["technical_standards"], org_type="standards_body"),
        _org("t-z", 1995, ["technical_standards"], org_type="standards_body"),
        {"id": "s-1", "kind": "state", "name": "State One", "iso2": "FR", "sources": ["fx-r"]},
        {"id": "s-2", "kind": "state", "name": "State Two", "iso2": "DE", "sources": ["fx-r"]},
    ],
    "relations": [
        _rel("partner_of", "o-a", "o-b", 1965),
        _rel("partner_of", "o-b", "o-c", 1975),
        _rel("partner_of", "o-d", "o-c", 1975),
        _rel("runs", "o-a", "p-r", 1980),
        _rel("liaison_with", "t-x", "t-y", 2000),
        _rel("liaison_with", "t-y", "t-z", 2001),
        _rel("member_of", "s-1", "o-a", 1990),
        _rel("member_of", "s-2", "o-a", 1990),
    ],
}


def write_data(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def fixture_file(tmp_path: Path) -> Path:
    return write_data(tmp_path / "results.yaml", DATA)


@pytest.fixture
def loaded(clean_db, settings, fixture_file):
    """The fixture loaded into an emptied database; yields the dataset."""
    ds = load_dataset([fixture_file])
    load(ds, settings)
    return ds


def actor_props(driver) -> dict[str, dict]:
    rows = driver.execute_query("MATCH (n:Actor) RETURN n.id AS id, properties(n) AS p").records
    return {r["id"]: dict(r["p"]) for r in rows}


def scores_in_db(driver) -> dict[str, dict]:
    """Actor id -> its centrality_* properties (actors without any left out)."""
    out = {}
    for aid, props in actor_props(driver).items():
        res = {k: v for k, v in props.items() if k.startswith("centrality_")}
        if res:
            out[aid] = res
    return out


def complexes_in_db(driver) -> dict[str, dict]:
    """Complex id -> properties, issue areas and {institution: IN_COMPLEX properties}."""
    rows = driver.execute_query(
        "MATCH (c:RegimeComplex) RETURN c.id AS id, properties(c) AS p, "
        "[(a:Actor)-[m:IN_COMPLEX]->(c) | [a.id, properties(m)]] AS members, "
        "[(c)-[:IN_ISSUE_AREA]->(t:IssueArea) | t.id] AS areas"
    ).records
    return {
        r["id"]: {"props": dict(r["p"]), "areas": r["areas"], "members": {a: dict(m) for a, m in r["members"]}}
        for r in rows
    }


# ------------------------------------------------------------------------------------ scores on actors


def test_scores_are_the_centrality_of_the_links_projection(loaded, settings, clean_db):
    summary = write_results(None, settings)
    assert summary.as_of == 2001  # the latest year the fixture records
    got = scores_in_db(clean_db)
    assert sorted(got) == ["o-a", "o-b", "o-c", "p-r", "t-x", "t-y", "t-z"]  # no state, not the dissolved o-d
    assert {p["centrality_as_of"] for p in got.values()} == {2001}
    # by hand (see the module docstring)
    assert got["o-a"]["centrality_links_degree"] == pytest.approx(1 / 3)
    assert got["o-c"]["centrality_links_degree"] == pytest.approx(1 / 6)
    assert got["o-b"]["centrality_links_betweenness"] == pytest.approx(2 / 15)
    assert got["t-y"]["centrality_links_betweenness"] == pytest.approx(1 / 15)
    assert got["p-r"]["centrality_links_betweenness"] == 0.0
    assert got["o-a"]["centrality_links_closeness"] == pytest.approx(0.375)
    assert got["o-c"]["centrality_links_closeness"] == pytest.approx(0.25)
    assert got["t-y"]["centrality_links_closeness"] == pytest.approx(1 / 3)
    # networkx on the link graph drawn by hand, and the library on the graph built from the YAML
    hand = nx.Graph([("o-a", "o-b"), ("o-b", "o-c"), ("o-a", "p-r"), ("t-x", "t-y"), ("t-y", "t-z")])
    pagerank = nx.pagerank(hand, alpha=0.85, tol=1e-12, max_iter=1000)
    direct = centrality(graph_as_of(build_graph(loaded), None), list(MEASURES))
    for row in direct.rows:
        props = got[row["id"]]
        assert props["centrality_links_pagerank"] == pytest.approx(pagerank[row["id"]], abs=1e-9)
        for m in MEASURES:
            assert props[f"centrality_links_{m}"] == pytest.approx(row["scores"][m], abs=1e-12), (row["id"], m)
    assert pagerank["o-a"] > pagerank["p-r"]  # the numbers are not all alike
    assert (summary.scores.written, summary.scores.created, summary.scores.removed) == (7, 7, 0)


def test_scores_of_another_year_replace_the_old_ones(loaded, settings, clean_db):
    write_results(None, settings)
    summary = write_results(None, settings, as_of=1990)
    got = scores_in_db(clean_db)
    assert sorted(got) == ["o-a", "o-b", "o-c", "o-d", "p-r"]  # the t-* were not founded yet: scores cleared
    assert {p["centrality_as_of"] for p in got.values()} == {1990}
    direct = centrality(graph_as_of(build_graph(loaded), 1990), ["pagerank"])
    assert {r["id"]: r["scores"]["pagerank"] for r in direct.rows} == pytest.approx(
        {a: p["centrality_links_pagerank"] for a, p in got.items()}
    )
    s = summary.scores
    assert (s.written, s.created, s.updated, s.unchanged, s.removed) == (5, 1, 4, 0, 3)  # o-d new; t-x, t-y, t-z


def test_a_stale_score_property_of_any_name_is_cleared(loaded, settings, clean_db):
    clean_db.execute_query("MATCH (n:Actor {id: 's-1'}) SET n.centrality_actors_degree = 0.5")
    clean_db.execute_query("MATCH (n:Actor {id: 'o-a'}) SET n.centrality_old_measure = 1.0")
    summary = write_results(None, settings)
    props = actor_props(clean_db)
    assert not any(k.startswith("centrality_") for k in props["s-1"])
    assert "centrality_old_measure" not in props["o-a"] and props["o-a"]["centrality_links_degree"] > 0
    assert props["o-a"]["name"] == "O-A"  # the data is left alone
    assert summary.scores.removed == 1


# ------------------------------------------------------------------------------------ regime complexes


def test_complexes_are_the_regime_analysis(loaded, settings, clean_db):
    summary = write_results(None, settings)
    expected = regime_complexes(graph_as_of(build_graph(loaded), None))
    ids = complex_ids(expected)
    assert ids == {1: "regime-climate_change-2001", 2: "regime-technical_standards-2001"}
    got = complexes_in_db(clean_db)
    assert sorted(got) == sorted(ids.values())
    for c in expected.complexes:
        node = got[ids[c.number]]
        p = node["props"]
        assert (p["number"], p["issue_area"], p["as_of"], p["size"], p["n_units"]) == (
            c.number,
            c.issue_area,
            2001,
            c.size,
            len(c.units),
        )
        assert (p["density"], p["hierarchy"], p["bridging"]) == (c.density, c.hierarchy_score, c.bridging)
        assert (p["mean_membership_overlap"], p["mean_function_overlap"]) == (
            c.mean_membership_overlap,
            c.mean_function_overlap,
        )
        assert node["areas"] == [c.issue_area]
        assert sorted(node["members"]) == c.institutions
        for unit, insts in c.units.items():
            for inst in insts:
                assert node["members"][inst] == {"unit": unit, "betweenness": c.betweenness[inst]}
    # by hand (see the module docstring)
    climate = got["regime-climate_change-2001"]
    assert climate["props"]["institutions"] == ["o-a", "o-b", "o-c", "p-r"]
    assert climate["props"]["units"] == ["o-a", "o-b", "o-c"]
    assert climate["props"]["density"] == pytest.approx(2 / 3, abs=1e-6)
    assert climate["props"]["hierarchy"] == pytest.approx(1 / 6, abs=1e-6)
    assert climate["props"]["mean_function_overlap"] == pytest.approx(0.5 / 6, abs=1e-6)
    assert climate["props"]["mean_membership_overlap"] == 0.0
    assert climate["props"]["bridging"] == ["o-a", "o-b"]
    assert climate["members"]["p-r"]["unit"] == "o-a"
    assert climate["members"]["o-a"]["betweenness"] == pytest.approx(2 / 3, abs=1e-6)
    assert got["regime-technical_standards-2001"]["props"]["bridging"] == ["t-y"]
    assert (summary.complexes.written, summary.complexes.created, summary.in_complex) == (2, 2, 7)
    assert [c["id"] for c in summary.complex_list] == sorted(ids.values())


def test_complexes_of_another_year_replace_the_old_ones(loaded, settings, clean_db):
    write_results(None, settings)
    summary = write_results(None, settings, as_of=1990)
    got = complexes_in_db(clean_db)
    assert list(got) == ["regime-climate_change-1990"]
    assert sorted(got["regime-climate_change-1990"]["members"]) == ["o-a", "o-b", "o-c", "o-d", "p-r"]
    assert got["regime-climate_change-1990"]["props"]["n_units"] == 4
    c = summary.complexes
    assert (c.written, c.created, c.updated, c.unchanged, c.removed) == (1, 1, 0, 0, 2)
    assert label_counts(clean_db)["RegimeComplex"] == 1


def test_a_complex_edited_in_browser_is_written_again(loaded, settings, clean_db):
    write_results(None, settings)
    before = snapshot(clean_db)
    clean_db.execute_query("MATCH (c:RegimeComplex {id: 'regime-climate_change-2001'}) SET c.density = 0.0")
    clean_db.execute_query("MATCH (:Actor {id: 'p-r'})-[m:IN_COMPLEX]->() DELETE m")
    summary = write_results(None, settings)
    assert (summary.complexes.updated, summary.complexes.unchanged) == (1, 1)
    assert snapshot(clean_db) == before


# ------------------------------------------------------------------------------------ idempotency, stale


def test_running_twice_changes_nothing(loaded, settings, clean_db):
    first = write_results(None, settings)
    before = snapshot(clean_db)
    second = write_results(None, settings)
    assert snapshot(clean_db) == before
    assert (second.scores.written, second.scores.unchanged, second.scores.created, second.scores.updated) == (
        first.scores.written,
        first.scores.written,
        0,
        0,
    )
    assert (second.complexes.written, second.complexes.unchanged, second.complexes.removed) == (2, 2, 0)
    assert second.complex_list == first.complex_list


def test_replace_load_of_a_smaller_dataset_then_write_results(loaded, settings, clean_db, tmp_path):
    write_results(None, settings)
    smaller = copy.deepcopy(DATA)
    smaller["actors"] = [a for a in smaller["actors"] if a["id"] != "o-c"]
    smaller["relations"] = [r for r in smaller["relations"] if "o-c" not in (r["source"], r["target"])]
    small_ds = load_dataset([write_data(tmp_path / "smaller.yaml", smaller)])
    load(small_ds, settings, replace=True)
    # the loader removed o-c (and its IN_COMPLEX tie) but left the results' nodes alone
    assert set(complexes_in_db(clean_db)) == {"regime-climate_change-2001", "regime-technical_standards-2001"}
    assert "o-c" not in complexes_in_db(clean_db)["regime-climate_change-2001"]["members"]
    summary = write_results(None, settings)
    got = complexes_in_db(clean_db)
    assert list(got) == ["regime-technical_standards-2001"]  # o-a (with p-r) and o-b: two units, no complex
    c = summary.complexes
    assert (c.written, c.created, c.updated, c.unchanged, c.removed) == (1, 0, 1, 0, 1)
    assert got["regime-technical_standards-2001"]["props"]["number"] == 1  # the same id; its number moved up
    scores = scores_in_db(clean_db)
    assert sorted(scores) == ["o-a", "o-b", "p-r", "t-x", "t-y", "t-z"]
    direct = centrality(graph_as_of(build_graph(small_ds), None), ["degree"])
    assert {r["id"]: r["scores"]["degree"] for r in direct.rows} == {
        a: p["centrality_links_degree"] for a, p in scores.items()
    }
    assert scores["o-a"]["centrality_links_degree"] == pytest.approx(2 / 5)  # one institution fewer: n - 1 = 5


def test_a_load_keeps_the_complexes_and_rewrites_actors_from_the_data(loaded, settings, clean_db):
    write_results(None, settings)
    after_results = snapshot(clean_db)
    again = load(loaded, settings)
    assert again.updated == 7  # the seven scored actors: their nodes are the data's again, without scores
    assert scores_in_db(clean_db) == {} and label_counts(clean_db)["RegimeComplex"] == 2
    rerun = write_results(None, settings)
    assert (rerun.scores.created, rerun.complexes.unchanged) == (7, 2)
    assert snapshot(clean_db) == after_results


def test_the_round_trip_ignores_the_results(loaded, settings, clean_db):
    write_results(None, settings)
    back = read_dataset(settings)
    assert back.actors == loaded.actors and back.relations == loaded.relations and back.sources == loaded.sources
    expected, got = build_graph(loaded), build_graph(back)
    assert sorted(got.nodes(data=True)) == sorted(expected.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_a_graph_that_is_not_the_database_writes_nothing(loaded, settings, clean_db, tmp_path):
    write_results(None, settings)
    before = snapshot(clean_db)
    other = copy.deepcopy(DATA)
    other["actors"].append(_org("o-new", 1990, ["climate_change"]))
    other["relations"].append(_rel("partner_of", "o-new", "o-a", 1995))
    g = build_graph(load_dataset([write_data(tmp_path / "other.yaml", other)]))
    with pytest.raises(UsageError, match=r"1 actors of the graph are not in the database \(o-new\)"):
        write_results(g, settings)
    assert snapshot(clean_db) == before


def test_an_empty_database_gets_no_results(clean_db, settings):
    summary = write_results(None, settings)
    assert (summary.scores.written, summary.complexes.written, summary.as_of) == (0, 0, None)
    assert label_counts(clean_db) == {}


def test_the_regime_complex_constraint_exists(loaded, settings, clean_db):
    write_results(None, settings)
    names = {r["name"] for r in clean_db.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert "regimecomplex_id" in names


# ------------------------------------------------------------------------------------ the two queries


def test_the_two_queries_show_the_results(loaded, settings):
    write_results(None, settings)
    central = run_query(settings, "most_central", {"top": 3}).to_json()["rows"]
    direct = centrality(graph_as_of(build_graph(loaded), None), ["pagerank"], top=3)
    assert [r["id"] for r in central] == [r["id"] for r in direct.rows]
    assert [r["pagerank"] for r in central] == [r["scores"]["pagerank"] for r in direct.rows]
    rows = run_query(settings, "regime_complexes").to_json()["rows"]
    assert [(r["number"], r["complex"], r["issue_area"], r["size"]) for r in rows] == [
        (1, "regime-climate_change-2001", "climate_change", 4),
        (2, "regime-technical_standards-2001", "technical_standards", 3),
    ]
    assert rows[0]["institutions"] == ["o-a@o-a", "p-r@o-a", "o-b@o-b", "o-c@o-c"]


# ------------------------------------------------------------------------------------------- the CLI


def test_cli_through_the_runner(loaded, settings, cli_env):
    res = runner.invoke(app, ["neo4j", "write-results", "--format", "json"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert (doc["as_of"], doc["actors"]["created"], doc["regime_complexes"]["created"]) == (2001, 7, 2)
    assert doc["properties"] == [*(f"centrality_links_{m}" for m in MEASURES), "centrality_as_of"]
    assert "written: 7 actors scored and 2 regime complexes (as of 2001)" in res.stderr
    again = runner.invoke(app, ["neo4j", "write-results", "--format", "json"], env={"COLUMNS": "200"})
    assert json.loads(again.stdout) == write_results(None, settings).to_json()  # the library's own document
    assert json.loads(again.stdout)["actors"]["unchanged"] == 7
    base = ["neo4j", "write-results", "--as-of", "1990", "--format", "csv"]
    refused = runner.invoke(app, base)  # two tables and one CSV stream: refused before anything is written
    assert refused.exit_code == 2 and "--table NAME" in refused.output and "written" not in refused.output
    csv_out = runner.invoke(app, [*base, "--table", "write_results"])  # one table per CSV
    assert csv_out.exit_code == 0, csv_out.output
    assert csv_out.stdout.splitlines() == [
        "result,written,created,updated,unchanged,removed",
        "centrality scores (:Actor),5,1,4,0,3",
        ":RegimeComplex,1,1,0,0,2",
    ]
    nodes = runner.invoke(app, [*base, "--table", "regime_complex_nodes"])
    assert nodes.exit_code == 0, nodes.output
    assert "regime-climate_change-1990,1,climate_change,5,4," in nodes.stdout


def test_cli_as_a_real_subprocess(loaded, cli_env):
    proc = run_govgraph("neo4j", "write-results", env=cli_env)
    assert proc.returncode == 0, proc.stderr
    assert "Results written to" in proc.stdout and "regime-climate_change-2001" in proc.stdout
    assert "centrality scores (:Actor)" in proc.stdout
    one = run_govgraph("neo4j", "write-results", "--format", "json", env=cli_env)
    two = run_govgraph("neo4j", "write-results", "--format", "json", env=cli_env)
    assert one.returncode == 0 and one.stdout == two.stdout


def test_server_down_is_exit_3():
    proc = run_govgraph(
        "neo4j", "write-results", "--uri", "bolt://127.0.0.1:1", env={"NEO4J_PASSWORD": "s3cret-never-shown"}
    )
    assert proc.returncode == 3, proc.stderr
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in proc.stderr
    assert "Traceback" not in proc.stderr and "s3cret-never-shown" not in proc.stdout + proc.stderr
    with pytest.raises(DatabaseUnavailable):
        write_results(None, ConnectionSettings(uri="bolt://127.0.0.1:1"))
    res = runner.invoke(app, ["neo4j", "write-results", "--uri", "bolt://127.0.0.1:1"])
    assert res.exit_code == 3 and "cannot reach Neo4j" in res.stderr


def test_a_database_broken_in_browser_is_exit_1(loaded, clean_db, cli_env):
    clean_db.execute_query("MATCH (n:Actor {id: 'o-b'}) SET n.org_type = 'scientific_councl'")
    proc = run_govgraph("neo4j", "write-results", env=cli_env)
    assert proc.returncode == 1, proc.stderr
    assert "o-b: org_type" in proc.stderr and "did you mean 'scientific_council'" in proc.stderr
    assert "RegimeComplex" not in label_counts(clean_db)
