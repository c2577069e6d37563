"""centrality, overlap membership|function, links, path and ego through typer's runner and the installed command.

The JSON each command prints is the library result's own ``to_json()``; numbers are the hand-worked ones of
tests/analysis (fixture tests/fixtures/analysis/net.yaml).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.analysis.centrality import centrality
from govgraph.analysis.links import ego_network, links, shortest_paths
from govgraph.analysis.overlap import function_overlap, membership_overlap
from govgraph.analysis.projections import graph_as_of
from govgraph.cli import app
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from tests.conftest import FIXTURES, run_govgraph

NET = FIXTURES / "analysis" / "net.yaml"
BROKEN = FIXTURES / "analysis" / "broken"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [*args, "--data", str(NET)], env={"COLUMNS": "200"})


def as_json(*args: str) -> dict:
    res = invoke(*args, "--format", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def full():
    return build_graph(load_dataset([NET]))


def test_centrality_json_is_the_library_document(full) -> None:
    doc = as_json("centrality", "--measure", "betweenness,degree", "--projection", "links")
    assert doc == centrality(graph_as_of(full, None), ["betweenness", "degree"], "links").to_json()
    assert doc["as_of"] == 2019 and doc["sorted_by"] == "betweenness"
    assert [(r["id"], round(r["scores"]["betweenness"], 6)) for r in doc["rows"][:2]] == [
        ("org-a", round(5 / 6, 6)),
        ("org-b", 0.5),
    ]


def test_centrality_options_kind_top_as_of() -> None:
    doc = as_json("centrality", "-m", "degree", "-p", "actors", "--kind", "state,firm", "--top", "2")
    assert [(r["id"], r["scores"]["degree"]) for r in doc["rows"]] == [
        ("st-1", round(5 / 9, 10)),
        ("st-2", round(3 / 9, 10)),
    ]
    assert doc["kinds"] == ["state", "firm"]
    old = as_json("centrality", "-m", "degree", "--as-of", "1925")
    assert {r["id"] for r in old["rows"]} == {"org-a", "org-b", "org-old"}


def test_centrality_csv_and_table() -> None:
    res = invoke("centrality", "-m", "closeness", "-f", "csv")
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == ["rank", "id", "name", "kind", "closeness"]
    assert rows[1] == ["1", "org-a", "Organisation A", "organisation", "0.800"]  # three significant digits
    table = invoke("centrality", "-m", "degree").stdout
    assert "Centrality on the links projection in 2019" in table and "0.750" in table and "0.7500" not in table
    five = list(
        csv.reader(io.StringIO(invoke("centrality", "-m", "betweenness", "-f", "csv", "--precision", "5").stdout))
    )
    assert five[1][4] == "0.83333"  # 5/6
    assert as_json("centrality", "-m", "betweenness", "--precision", "1")["rows"][0]["scores"]["betweenness"] == round(
        5 / 6, 10
    )  # JSON keeps every digit


def test_overlap_membership_json(full) -> None:
    doc = as_json("overlap", "membership", "--metric", "cosine", "--min", "0.5")
    assert doc == membership_overlap(graph_as_of(full, None), "cosine", 0.5).to_json()
    assert [(p["a"], p["b"], round(p["similarity"], 6)) for p in doc["pairs"]] == [
        ("agr-e", "org-c", 1.0),
        ("agr-e", "org-b", 0.707107),
        ("org-b", "org-c", 0.707107),
        ("org-a", "org-b", 0.57735),
    ]


def test_overlap_min_shared_and_top(full) -> None:
    doc = as_json("overlap", "membership", "--min-shared", "2", "--top", "1")
    assert doc == membership_overlap(graph_as_of(full, None), min_shared=2, top=1).to_json()
    # shared >= 2 leaves agr-e/org-c, agr-e/org-b, org-b/org-c (1.0, 0.5, 0.5) and org-a/org-b (0.4); each
    # one's best: agr-e and org-c each other, org-b agr-e (the 0.5 tie by id), org-a org-b
    assert [(p["a"], p["b"]) for p in doc["pairs"]] == [("agr-e", "org-c"), ("agr-e", "org-b"), ("org-a", "org-b")]
    assert (doc["min_shared"], doc["top"]) == (2, 1)
    funcs = as_json("overlap", "function", "--by", "issue-areas", "--min-shared", "1", "--top", "1")
    assert funcs["top"] == 1 and funcs["pair_count"] <= 5
    bad = invoke("overlap", "membership", "--top", "0")
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_overlap_membership_members_side() -> None:
    doc = as_json("overlap", "membership", "--side", "members", "--min", "0.75")
    assert [(p["a"], p["b"], p["shared"], p["shared_ids"]) for p in doc["pairs"]] == [
        ("st-1", "st-3", 3, ["agr-e", "org-b", "org-c"])
    ]


def test_overlap_function_json(full) -> None:
    doc = as_json("overlap", "function", "--by", "issue-areas")
    assert doc == function_overlap(graph_as_of(full, None), "issue-areas").to_json()
    assert (doc["pair_count"], doc["linked_pairs"], doc["unlinked_pairs"]) == (7, 3, 4)
    funcs = as_json("overlap", "function")
    assert [(p["a"], p["b"], p["linked"]) for p in funcs["pairs"]] == [
        ("org-b", "org-c", False),
        ("org-a", "org-b", True),
    ]


def test_links_path_ego_json(full) -> None:
    assert as_json("links") == links(full).to_json()
    assert as_json("links", "org-a")["count"] == 3
    assert as_json("links", "--as-of", "2019")["count"] == 4
    doc = as_json("path", "org-c", "prog-d")
    assert doc == shortest_paths(full, "org-c", "prog-d").to_json()
    assert [p["text"] for p in doc["paths"]] == [
        "org-c -member_of-> org-a -runs-> prog-d",
        "org-c <-member_of- st-1 -funds-> prog-d",
    ]
    ego = as_json("ego", "org-b", "--radius", "1")
    assert ego == ego_network(full, "org-b", 1).to_json()
    assert (ego["node_count"], ego["tie_count"]) == (8, 13)


def test_ego_csv_one_table_per_file(tmp_path: Path) -> None:
    res = invoke("ego", "org-b", "-r", "0", "-f", "csv")
    assert res.exit_code == 2 and "2 tables (nodes, ties)" in res.output and "--table" in res.output
    assert invoke("ego", "org-b", "-r", "0", "-f", "csv", "--table", "nodes").stdout == (
        "distance,id,name,kind\n0,org-b,Organisation B,organisation\n"
    )
    res = invoke("ego", "org-b", "-r", "0", "-f", "csv", "--out-dir", str(tmp_path / "ego"))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "ego").iterdir()) == ["nodes.csv", "ties.csv"]
    assert (tmp_path / "ego" / "ties.csv").read_text() == "source,type,target,start,end,status/role,sources\n"


@pytest.mark.parametrize("fmt", ["latex", "markdown"])
def test_every_command_renders(fmt: str) -> None:
    for args in (
        ["centrality"],
        ["overlap", "membership"],
        ["overlap", "function"],
        ["links"],
        ["path", "org-a", "agr-e"],
        ["ego", "org-a"],
    ):
        res = invoke(*args, "-f", fmt)
        assert res.exit_code == 0, (args, res.output)
        assert res.stdout.strip()


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "c.json"
    res = invoke("centrality", "-f", "json", "--output", str(target))
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["projection"] == "links"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["centrality", "--measure", "degre"], 2, "did you mean 'degree'"),
        (["centrality", "--kind", "organization"], 2, "did you mean 'organisation'"),
        (["centrality", "--projection", "link"], 2, "link"),
        (["overlap", "membership", "--metric", "dice"], 2, "dice"),
        (["overlap", "membership", "--min", "1.5"], 2, "Invalid value for '--min'"),
        (["path", "org-a", "org-zz"], 2, "no actor 'org-zz'"),
        (["ego", "OB"], 2, "no actor 'OB'"),
        (["links", "nobody"], 2, "no actor 'nobody'"),
    ],
)
def test_bad_usage_exit_2_without_traceback(args: list[str], code: int, message: str) -> None:
    res = invoke(*args)
    assert res.exit_code == code, res.output
    assert message in res.output
    assert "Traceback" not in res.output


def test_subprocess_json_is_deterministic() -> None:
    args = ("centrality", "--data", str(NET), "--format", "json")
    first, second = run_govgraph(*args), run_govgraph(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["rows"][0]["id"] == "org-a"
    proc = run_govgraph("overlap", "membership", "--data", str(NET), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["pairs"][0]["shared_ids"] == ["st-1", "st-3"]


def test_subprocess_path_table() -> None:
    proc = run_govgraph("path", "Firm X", "org-old", "--data", str(NET))
    assert proc.returncode == 0, proc.stderr
    assert "firm-x -member_of-> org-b <-succeeded_by- org-old" in proc.stdout


def test_subprocess_invalid_data_exit_1_nothing_written(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    proc = run_govgraph("overlap", "function", "--data", str(BROKEN), "-f", "json", "-o", str(target))
    assert proc.returncode == 1
    assert "bad.yaml:8:" in proc.stderr and "unknown actor 'org-bb'; did you mean 'org-b'" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not target.exists()


def test_help_of_every_analysis_command() -> None:
    for args in (
        ["centrality"],
        ["overlap"],
        ["overlap", "membership"],
        ["overlap", "function"],
        ["links"],
        ["path"],
        ["ego"],
    ):
        res = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "200"})
        assert res.exit_code == 0, args
        assert "Usage" in res.output


def test_seed_data_paper_ties() -> None:
    """Two ties the paper names (DESIGN: the WFEO–UNFCCC partnership, ICSU -> Future Earth), on the packaged seeds."""
    proc = run_govgraph("path", "wfeo", "unfccc", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["length"] == 1
    assert "partner_of" in {r["type"] for r in doc["paths"][0]["steps"][0]["relations"]}
    proc = run_govgraph("path", "icsu", "future_earth", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["length"] is not None


# --- time as an axis (issue 11 item 3): --over START:END[:STEP], --figure -----------------------------------------


def test_centrality_over_equals_each_year_as_of(full) -> None:
    doc = as_json("centrality", "-m", "degree", "--over", "1925:2019:47")
    assert doc["years"] == [1925, 1972, 2019] and doc["analysis"] == "centrality"
    by_year: dict[int, dict[str, float]] = {}
    for row in doc["rows"]:
        assert row["measure"] == "degree"
        by_year.setdefault(row["year"], {})[row["id"]] = row["value"]
    for year in doc["years"]:
        one = as_json("centrality", "-m", "degree", "--as-of", str(year))
        assert by_year.get(year, {}) == {r["id"]: r["scores"]["degree"] for r in one["rows"]}
    assert by_year[1925] == {"org-a": 0.0, "org-b": 0.0, "org-old": 0.0}  # as tests/analysis works out
    rows = list(
        csv.reader(io.StringIO(invoke("centrality", "-m", "degree", "--over", "2019:2019", "-f", "csv").stdout))
    )
    assert rows[0] == ["year", "id", "measure", "value"]
    assert rows[1:3] == [["2019", "agr-e", "degree", "0.250"], ["2019", "org-a", "degree", "0.750"]]


def test_overlap_and_power_over(full) -> None:
    doc = as_json("overlap", "membership", "--over", "1960:2019:59")
    got = {(r["year"], r["id"], r["measure"]): r["value"] for r in doc["rows"]}
    # 1960: org-b and org-c share st-1, st-3 (jaccard 1.0); 2019: agr-e and org-c, the same (tests/analysis)
    assert got[(1960, "org-b + org-c", "jaccard")] == 1.0 and got[(1960, "org-b + org-c", "shared")] == 2.0
    assert got[(2019, "agr-e + org-c", "jaccard")] == 1.0
    assert got[(2019, "org-a + org-b", "jaccard")] == 0.4
    res = invoke("power", "--over", "2019:2019")
    assert res.exit_code == 0 and "Power over 2019-2019" in res.stdout


def test_power_over_on_the_seeds_equals_each_year() -> None:
    def seeds(*args: str) -> dict:
        res = runner.invoke(app, [*args, "-f", "json"])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    doc = seeds("power", "--over", "1950:2020:35")
    for year in (1950, 1985, 2020):
        one = seeds("power", "--as-of", str(year))
        rows = {(r["id"], r["measure"]): r["value"] for r in doc["rows"] if r["year"] == year}
        assert rows[("all", "hhi")] == one["hhi"] and rows[("all", "seats")] == one["counted"]
        assert {k[0]: v for k, v in rows.items() if k[1] == "share"} == {
            r["country"]: r["share"] for r in one["by_country"]
        }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["centrality", "--over", "2020:1990"], "START must not be after END"),
        (["centrality", "--over", "1990-2020"], "expected START:END[:STEP] in whole years"),
        (["centrality", "--over", "1990:2020", "--as-of", "2000"], "exclude each other"),
        (["centrality", "--figure", "x.svg"], "--figure needs --over"),
        (["overlap", "membership", "--over", "1990:2020", "--figure", "x.gif"], "name it .svg, .pdf or .png"),
    ],
)
def test_over_usage_errors(args: list[str], message: str) -> None:
    res = invoke(*args)
    assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output


def test_over_figure_is_the_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    outs = []
    for seed, name in (("0", "a.svg"), ("12345", "b.svg")):
        path = tmp_path / name
        res = run_govgraph(
            "centrality",
            "-m",
            "degree,pagerank",
            "--over",
            "1900:2019:17",
            "--figure",
            str(path),
            "-f",
            "csv",
            "--data",
            str(NET),
            env={"PYTHONHASHSEED": seed},
        )
        assert res.returncode == 0, res.stderr
        outs.append((res.stdout, path.read_bytes()))
    assert outs[0] == outs[1]
    svg = outs[0][1].decode()
    assert svg.startswith("<?xml") and "<dc:date>" not in svg and "org-a · degree" in svg


def test_overlap_limit_lists_the_most_similar_and_counts_all() -> None:
    """`overlap function --limit 5` on the seeds: the first five pairs of the full JSON, and its counts."""
    full = run_govgraph("overlap", "function", "--min", "0.5", "--format", "json")
    part = run_govgraph("overlap", "function", "--min", "0.5", "--limit", "5", "--format", "json")
    assert full.returncode == part.returncode == 0, part.stderr
    fj, pj = json.loads(full.stdout), json.loads(part.stdout)
    assert fj["pair_count"] == pj["pair_count"] == 95
    assert pj["pairs"] == fj["pairs"][:5]
    assert (pj["linked_pairs"], pj["unlinked_pairs"]) == (fj["linked_pairs"], fj["unlinked_pairs"]) == (16, 79)
    bad = run_govgraph("overlap", "membership", "--limit", "3", "--backbone", "hypergeom")
    assert bad.returncode == 2 and "--limit" in bad.stderr
