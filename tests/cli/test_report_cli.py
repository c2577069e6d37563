"""regimes, evolution, power and report through typer's runner and the installed command; JSON parsed and checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.analysis.power import power
from govgraph.analysis.regimes import regime_complexes
from govgraph.cli import app
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from tests.conftest import FIXTURES, run_govgraph

REG = FIXTURES / "regimes"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_regimes_json_is_the_result_document() -> None:
    res = invoke("regimes", "--data", str(REG), "--format", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc == json.loads(json.dumps(regime_complexes(build_graph(load_dataset([REG]))).to_json()))
    assert [(c["number"], c["issue_area"], c["size"]) for c in doc["complexes"]] == [
        (1, "climate_change", 7),
        (2, "technical_standards", 7),
    ]


def test_regimes_issue_area_and_thresholds() -> None:
    res = invoke(
        "regimes", "--data", str(REG), "--issue-area", "technical_standards", "--split-above", "3", "-f", "json"
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert [c["number"] for c in doc["complexes"]] == [2, 3] and doc["thresholds"]["split_above"] == 3
    res = invoke("regimes", "--data", str(REG / "complex.yaml"), "--min-membership-jaccard", "0.8", "-f", "json")
    assert json.loads(res.stdout)["complexes"][0]["density"] == 0.4


def test_regimes_bad_issue_area_is_a_usage_error() -> None:
    res = invoke("regimes", "--data", str(REG), "--issue-area", "climate")
    assert res.exit_code == 2
    assert "did you mean 'climate_change'" in res.output and "Traceback" not in res.output


def test_evolution_json_and_csv() -> None:
    res = invoke("evolution", "--data", str(REG / "timeline.yaml"), "-f", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert {s["stage"]: s["total"] for s in doc["stages"]} == {"single_internal": 2, "multilateral": 3, "composite": 5}
    assert doc["decades"][-1]["cumulative"] == 10
    args = ("evolution", "--data", str(REG / "timeline.yaml"), "-f", "csv", "--kind", "organisation")
    res = invoke(*args, "--table", "foundings_by_decade")
    assert res.exit_code == 0 and res.stdout.startswith("decade,organisation,total,cumulative,dissolved,alive\n")


def test_power_json_matches_the_library() -> None:
    res = invoke("power", "--data", str(REG / "timeline.yaml"), "-f", "json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["hhi"] == pytest.approx(8 / 36, rel=1e-12) and doc["top_country"] == "US"
    assert doc["hhi_10000"] == pytest.approx(80000 / 36, rel=1e-12)  # JSON keeps full precision
    assert doc == json.loads(json.dumps(power(build_graph(load_dataset([REG / "timeline.yaml"]))).to_json()))
    assert len(doc["ended_by_state_action"]) == 2


def test_power_bad_kind() -> None:
    res = invoke("power", "--data", str(REG), "--kind", "orgs")
    assert res.exit_code == 2 and "unknown kind 'orgs'" in res.output


def test_report_through_the_installed_command(tmp_path: Path) -> None:
    out = tmp_path / "rep"
    proc = run_govgraph("report", "--data", str(REG), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out / 'report.html'}" in proc.stderr.replace("\n", "")
    assert "2 regime complexes: climate_change, technical_standards" in proc.stderr
    assert (out / "report.md").is_file() and (out / "report.html").is_file()
    again = run_govgraph("report", "--data", str(REG), "-o", str(tmp_path / "rep2"))
    assert again.returncode == 0
    assert (out / "report.html").read_bytes() == (tmp_path / "rep2" / "report.html").read_bytes()


def test_regimes_through_the_installed_command() -> None:
    proc = run_govgraph("regimes", "--data", str(REG / "complex.yaml"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["complexes"][0]["bridging"] == ["c-unfccc", "c-ipcc", "c-wfeo"]


def test_report_into_a_file_path_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    res = invoke("report", "--data", str(REG), "-o", str(target))
    assert res.exit_code == 2 and "is a file" in res.output


def test_report_gives_robustness_and_skips_it_above_the_limit(tmp_path: Path) -> None:
    """The robustness fixture's shares in report.md (hand-worked in its comments); 1,200 synthetic
    organisations (1,107 alive in the latest year) are above the limit of 1,000: skipped, with the command."""
    out = tmp_path / "rep"
    proc = run_govgraph("report", "--data", str(FIXTURES / "regime_rules" / "robust.yaml"), "--out-dir", str(out))
    assert proc.returncode == 0, proc.stderr
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| 1 | climate_change | 4 | 4 | 0.5 | 0 | 0.0833 | 0 | r-b; r-c |  |  | 1 |" in md
    assert "| 2 | technical_standards | 3 | 3 | 0.667 | 0 | 0.167 | 0 | r-f |  |  | 0.667 |" in md
    assert "| 1 | r-d | 0.667 |" in md and "| 1 | r-a | 1 |" in md
    syn = tmp_path / "syn"
    made = run_govgraph("synth", "--out-dir", str(syn), "--orgs", "1200", "--states", "20", "--memberships", "1500")
    assert made.returncode == 0, made.stderr
    big = run_govgraph("report", "--data", str(syn), "--out-dir", str(tmp_path / "big"))
    assert big.returncode == 0, big.stderr
    md = (tmp_path / "big" / "report.md").read_text(encoding="utf-8")
    assert "is skipped: 1107 institutions, above the report's limit of 1000; `govgraph regimes --sensitivity`" in md
