"""The common end of the importers: problems found after conversion point into the source, never the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import DataError
from govgraph.importers.pipeline import finish, located
from govgraph.importers.report import ImportReport

SRC = "data/orgs.csv"


def _files() -> dict:
    source = located({"id": "ds", "type": "dataset", "title": "A dataset"}, SRC, 1)
    good = located(
        {"id": "a", "kind": "organisation", "name": "A", "org_type": "intergovernmental", "sources": ["ds"]},
        SRC,
        2,
        {"org_type": 5},
    )
    bad = located(
        {"id": "b", "kind": "organisation", "name": "B", "org_type": "guild", "sources": ["ds"]},
        SRC,
        3,
        {"org_type": 5},
    )
    rel = located(
        {"id": "r", "type": "member_of", "source": "a", "target": "b", "sources": ["ds"]}, SRC, 7, {"target": 3}
    )
    return {"x.yaml": {"sources": [source], "actors": [good, bad], "relations": [rel]}}


def test_invalid_record_is_left_out_and_reported_at_its_source_cell(tmp_path: Path) -> None:
    report = ImportReport()
    finish(tmp_path / "out", _files(), report, head="# test\n")
    got = [(c.file, c.row, c.col, c.record, c.kind) for c in report.sorted()]
    assert got == [(SRC, 3, 5, "b", "invalid_record"), (SRC, 7, 3, "r", "invalid_record")]
    assert "unknown actor 'b'" in report.sorted()[1].why
    text = (tmp_path / "out" / "x.yaml").read_text(encoding="utf-8")
    assert "id: a" in text and "id: b" not in text and "id: r" not in text
    assert (tmp_path / "out" / "import-report.csv").read_text(encoding="utf-8").count("\n") == 3


def test_strict_raises_at_the_source_cell_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        finish(tmp_path / "out", _files(), ImportReport(), head="", strict=True)
    assert str(info.value.problems[0]).startswith(f"{SRC}:3:5: b: org_type: ")
    assert not (tmp_path / "out").exists()
