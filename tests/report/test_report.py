"""The full report through the library: sections, numbers carried from the analysers, files written whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import UsageError
from govgraph.graph import build_graph
from govgraph.report import build_report, write_report
from tests.conftest import FIXTURES, ROOT

REG = FIXTURES / "regimes"


@pytest.fixture
def built():
    return build_report(build_graph(load_dataset([REG])))


def test_sections_and_headline(built) -> None:
    assert [s.key for s in built.sections] == [
        "stats",
        "centrality",
        "regimes",
        "evolution",
        "power",
        "membership_overlap",
        "function_overlap",
    ]
    h = built.headline
    # 4 fixture files: 36 actors, 34 relations; complexes in climate_change and technical_standards.
    assert (h["actors"], h["relations"], h["complexes"]) == (36, 34, 2)
    assert h["complex_areas"] == ["climate_change", "technical_standards"]
    # Seats in 2019 (latest year): 13 organisations with a seat, CH 3 of 13 on top.
    assert (h["seats"], h["top_country"]) == (13, "CH")
    assert h["top_share"] == pytest.approx(3 / 13, abs=1e-6)
    assert "2 regime complexes: climate_change, technical_standards" in built.summary()


def test_written_files_markdown_html_and_figures(built, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    paths = write_report(built, out)
    assert sorted(p.name for p in paths) == [
        "foundings_per_decade.svg",
        "hq_by_country.svg",
        "report.html",
        "report.md",
    ]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## Regime complexes (as of 2019)" in md and "![foundings per decade](foundings_per_decade.svg)" in md
    assert "| 1 | climate_change | 7 | 5 | 0.5 |" in md  # the complex fixture's numbers (3 significant digits)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 2 and "<?xml" not in html
    assert 'src="' not in html and "<link" not in html  # self-contained
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_same_bytes_on_every_run(tmp_path: Path) -> None:
    g = build_graph(load_dataset([REG]))
    write_report(build_report(g), tmp_path / "a")
    write_report(build_report(build_graph(load_dataset([REG]))), tmp_path / "b")
    for name in ("report.md", "report.html", "foundings_per_decade.svg", "hq_by_country.svg"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_output_that_is_a_file_is_refused(built, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("keep me")
    with pytest.raises(UsageError, match="is a file"):
        write_report(built, target)
    assert target.read_text() == "keep me"


def test_centrality_section_lists_the_ten_most_central() -> None:
    from govgraph.analysis.centrality import centrality
    from govgraph.analysis.projections import graph_as_of

    g = build_graph(load_dataset())
    section = {s.key: s for s in build_report(g).sections}["centrality"]
    (table,) = section.result.tables()
    full = centrality(graph_as_of(g, None, "latest")).tables()[0]
    assert len(full.rows) > 10
    assert table.rows == full.rows[:10]


def test_every_cited_command_runs(built, tmp_path: Path) -> None:
    import re
    import shlex

    from tests.conftest import run_govgraph

    write_report(built, tmp_path / "r")
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    commands = sorted(set(re.findall(r"`(govgraph [^`]+)`", md)))
    assert "govgraph overlap membership --min 0.5" in commands and len(commands) >= 7
    for command in commands:
        proc = run_govgraph(*shlex.split(command)[1:], "--data", str(REG))
        assert proc.returncode == 0, (command, proc.stderr)


def test_html_renders_markdown_and_aligns_numbers(built, tmp_path: Path) -> None:
    write_report(built, tmp_path / "r")
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "`" not in html  # code spans became <code>
    assert "<code>govgraph stats</code>" in html
    assert '<th class="num">count</th>' in html or '<th class="num">' in html
    assert "td.num { text-align: right;" in html


def test_cut_keeps_the_most_recent_rows_of_time_tables() -> None:
    from govgraph.report.tables import cut
    from govgraph.tables import Table

    decades = Table("d", "Foundings per decade", ["decade", "total"], [[1650 + 10 * i, i] for i in range(38)])
    short = cut(decades, 25, "govgraph evolution")
    assert [r[0] for r in short.rows] == [1650 + 10 * i for i in range(13, 38)]  # ... 2010, 2020
    assert short.notes[-1] == "the 25 most recent of 38 rows; `govgraph evolution` prints them all."
    pairs = Table("p", "Pairs", ["a", "b"], [[str(i), "x"] for i in range(30)])
    assert [r[0] for r in cut(pairs, 25, "govgraph links").rows] == [str(i) for i in range(25)]


ROBUST = FIXTURES / "regime_rules" / "robust.yaml"


def test_regimes_section_gives_the_robustness_share() -> None:
    """Shares worked by hand in the fixture: complex 1 found in 27/27 settings, complex 2 in 18/27; r-d in 18/27."""
    built = build_report(build_graph(load_dataset([ROBUST])))
    sec = next(s for s in built.sections if s.key == "regimes")
    assert sec.command == "govgraph regimes --sensitivity" and "share of 27 threshold settings" in sec.intro
    assert [c.robustness for c in sec.result.complexes] == [1.0, pytest.approx(18 / 27)]
    shares = {r["institution"]: r["share"] for r in sec.result.sensitivity["institutions"]}
    assert shares == {"r-a": 1.0, "r-b": 1.0, "r-c": 1.0} | {n: 18 / 27 for n in ("r-d", "r-e", "r-f", "r-g")}


def test_regimes_section_skips_robustness_above_the_limit(tmp_path: Path) -> None:
    """Seven institutions, limit six: no sensitivity run, and the intro says so with the command that computes it."""
    g = build_graph(load_dataset([ROBUST]))
    built = build_report(g, robustness_limit=6)
    sec = next(s for s in built.sections if s.key == "regimes")
    assert sec.result.sensitivity is None and sec.command == "govgraph regimes"
    assert "skipped: 7 institutions, above the report's limit of 6; `govgraph regimes --sensitivity`" in sec.intro
    write_report(built, tmp_path / "rep")
    md = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "found in" not in md and "report's limit of 6" in md
    assert build_report(g, robustness_limit=7).sections[2].result.sensitivity is not None  # at the limit: computed


@pytest.mark.parametrize("data", ["regimes", "seeds", "seeds and tables"])
@pytest.mark.parametrize("as_of", [None, 2010])
def test_report_of_a_dataset_equals_the_report_of_its_graph(tmp_path: Path, as_of: int | None, data: str) -> None:
    """``build_report_of`` (what the command runs: stats counted in the columns, evolution and power on the ties they
    read, overlaps from the columns, the year's snapshot built from the dataset) writes the same files as
    ``build_report`` of the whole graph, with and without a year; the seeds hold successions and state actions, and
    beside synthetic tables they make a dataset of both formats."""
    from govgraph.graph import snapshot
    from govgraph.report import build_report_of
    from govgraph.synth import write_synth

    if data == "seeds and tables":
        write_synth(tmp_path / "tables", orgs=120, states=15, memberships=900, ties=120, seed=6)
    paths = {"regimes": [REG], "seeds": None, "seeds and tables": [ROOT / "seeds", tmp_path / "tables"]}[data]
    ds = load_dataset(paths)
    g = build_graph(ds)
    write_report(build_report(g if as_of is None else snapshot(g, as_of)), tmp_path / "graph")
    write_report(build_report_of(ds, as_of), tmp_path / "dataset")
    names = sorted(p.name for p in (tmp_path / "graph").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "dataset").iterdir()) and "report.md" in names
    for name in names:
        assert (tmp_path / "graph" / name).read_bytes() == (tmp_path / "dataset" / name).read_bytes(), name
