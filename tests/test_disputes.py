"""A disputed founding date: the paper's year is kept and counted, ties inside the range are valid, outputs mark it.

The fixture (tests/fixtures/disputes/founding.yaml) is shaped like WIPO: founded 1974 in the paper, 1970-04-26 in
public sources; a predecessor's succession and a membership start in 1970, inside the range.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.analysis.evolution import evolution
from govgraph.analysis.regimes_over import regimes_over
from govgraph.analysis.timeline import power_over
from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.graph import build_graph
from govgraph.report import build_report
from tests.conftest import FIXTURES, run_govgraph

FOUNDING = FIXTURES / "disputes" / "founding.yaml"
MARK = "disputed founding: d-office is counted under 1974 (the paper); public sources date it 1970-04-26."


def test_tie_inside_the_disputed_range_is_valid_and_one_before_it_is_not(tmp_path: Path) -> None:
    ds = load_dataset([FOUNDING])
    office = ds.actors["d-office"]
    assert (str(office.founded), str(office.founded_disputed), str(office.earliest_founded)) == (
        "1974",
        "1970-04-26",
        "1970-04-26",
    )
    bad = tmp_path / "bad.yaml"
    text = FOUNDING.read_text(encoding="utf-8").replace("start: 1975,", "start: 1969,")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset([bad])
    assert [p.message for p in err.value.problems] == ["starts 1969, before d-office was founded (1970-04-26)"]


def test_disputed_date_needs_the_papers_date(tmp_path: Path) -> None:
    bad = tmp_path / "alone.yaml"
    bad.write_text(
        FOUNDING.read_text(encoding="utf-8").replace("founded: 1974,\n     founded_disputed", "founded_disputed")
    )
    with pytest.raises(DataError) as err:
        load_dataset([bad])
    assert [(p.field, p.message) for p in err.value.problems] == [
        ("founded_disputed", "a disputed founding date needs founded (the paper's date, which is kept)")
    ]


def test_tables_accept_the_range_too(tmp_path: Path) -> None:
    """The same rule through the table door: a CSV actor with founded_disputed, CSV ties at 1970 and 1969."""
    d = tmp_path / "t"
    d.mkdir()
    (d / "sources.yaml").write_text("sources:\n  - {id: fx, type: document, title: T, year: 2024}\n")
    (d / "actors.csv").write_text(
        "id,kind,name,org_type,founded,founded_disputed,sources\n"
        "office,organisation,Office,intergovernmental,1974,1970-04-26,fx\n"
        "north,state,Northland,,1900,,fx\n"
        "lone,organisation,Lone,intergovernmental,,1960,fx\n"
    )
    (d / "relations.csv").write_text("source,target,type,start,sources\nnorth,office,member_of,1970,fx\n")
    done = run_govgraph("validate", "--data", str(d))
    assert done.returncode == 1
    assert f"{d}/actors.csv:4:6: lone: founded_disputed: a disputed founding date needs founded" in done.stderr
    assert "office" not in done.stderr  # the 1970 tie is inside the range
    (d / "actors.csv").write_text("\n".join((d / "actors.csv").read_text().splitlines()[:3]) + "\n")
    assert run_govgraph("validate", "--data", str(d)).returncode == 0
    (d / "relations.csv").write_text("source,target,type,start,sources\nnorth,office,member_of,1969,fx\n")
    done = run_govgraph("validate", "--data", str(d))
    assert done.returncode == 1
    assert "relations.csv:2:4: north:member_of:office: start: starts 1969, before office was founded (1970-04-26)" in (
        done.stderr
    )


def test_evolution_counts_the_papers_year_and_marks_it() -> None:
    evo = evolution(build_graph(load_dataset([FOUNDING])))
    assert evo.disputed_foundings == [
        {"id": "d-office", "founded": "1974", "founded_disputed": "1970-04-26", "year": 1974, "disputed_year": 1970}
    ]
    # 1893 (bureau), 1900 twice (states), 1974 (office): the office counts in the 1970s under the multilateral stage.
    assert [(r["decade"], r["total"]) for r in evo.decades if r["total"]] == [(1890, 1), (1900, 2), (1970, 1)]
    tables = {t.name: t for t in evo.tables()}
    for name in ("foundings_by_decade", "stages", "foundings_by_type_and_stage", "type_shares_by_stage"):
        assert MARK in tables[name].notes, name
    assert not any("disputed" in n for n in tables["dissolutions"].notes)


def test_snapshots_say_which_years_the_dispute_changes() -> None:
    g = build_graph(load_dataset([FOUNDING]))
    note = "disputed founding: d-office is left out of 1970, 1972 (founded 1974 in the paper; 1970-04-26 in public "
    assert power_over(g, [1968, 1970, 1972, 1974]).notes == [note + "sources)."]
    assert power_over(g, [1960, 1975]).notes == []  # no year inside 1970-1973
    assert regimes_over(g, [1970, 1980]).notes == [note.replace("1970, 1972", "1970") + "sources)."]


def test_report_summary_names_the_disputed_founding() -> None:
    built = build_report(build_graph(load_dataset([FOUNDING])))
    assert built.headline["disputed_foundings"] == ["d-office"]
    assert "founding dates disputed by public sources: d-office (the paper's kept; see the evolution section)" in (
        built.summary()
    )


def test_seeds_keep_the_papers_wipo_year_and_mark_it_through_the_cli(tmp_path: Path) -> None:
    shown = run_govgraph("show", "wipo", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    wipo = json.loads(shown.stdout)
    assert (wipo["founded"], wipo["founded_disputed"], wipo["founded_year"]) == ("1974", "1970-04-26", 1974)
    assert run_govgraph("validate").returncode == 0  # the 1970 ties (BIRPI, the Convention, US, DE) are in range
    evo = json.loads(run_govgraph("evolution", "--format", "json").stdout)
    assert [r["id"] for r in evo["disputed_foundings"]] == ["wipo"]
    text = run_govgraph("evolution", env={"COLUMNS": ""}).stdout  # TSV, notes as # lines
    assert (
        text.count("# disputed founding: wipo is counted under 1974 (the paper); public sources date it 1970-04-26.")
        == 5
    )
    over = run_govgraph("power", "--over", "1960:1980:5", "--format", "json")
    assert json.loads(over.stdout)["notes"] == [
        "disputed founding: wipo is left out of 1970 (founded 1974 in the paper; 1970-04-26 in public sources)."
    ]
    rep = run_govgraph("report", "--out-dir", str(tmp_path / "rep"))
    assert "founding dates disputed by public sources: wipo" in rep.stderr
    md = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "- disputed founding: wipo is counted under 1974 (the paper); public sources date it 1970-04-26." in md


def test_a_later_public_date_changes_nothing_in_the_checks_and_is_noted_the_other_way() -> None:
    """Paper 1960, public sources 1963: ties from 1960 are valid anyway; snapshots of 1960-1962 hold the actor."""
    from govgraph.disputes import snapshot_notes
    from govgraph.model import Organisation

    org = Organisation(
        id="x", kind="organisation", name="X", org_type="intergovernmental", founded=1960, founded_disputed=1963,
        sources=["s"],
    )  # fmt: skip
    assert str(org.earliest_founded) == "1960"
    row = {"id": "x", "founded": "1960", "founded_disputed": "1963", "year": 1960, "disputed_year": 1963}
    assert snapshot_notes([row], range(1958, 1966)) == [
        "disputed founding: x is counted in 1960, 1961, 1962 (founded 1960 in the paper; 1963 in public sources)."
    ]
