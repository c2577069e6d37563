"""COW as published: contradictions inside the file are imported or adjusted and reported, never refused.

The fixture ``tests/fixtures/cow/oddities.csv`` reproduces each kind in a few rows (header = line 1):
lines 2-5 AEO (ionum 30, deaddate 1971) codes the USA a full member 1970-1973 and the UK from 1972, like ACCT in
the official file (deaddate 2005, members coded later); line 6 repeats AEO's 1972; lines 7-8 EBS has deaddate 1975
before its sdate 1980; line 9 gives EBS's ionum 40 to another IGO (XXX); lines 10-11 PHD has deaddate 9999;
lines 12-13 PHS has sdate 9999.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from govgraph.errors import DataError
from govgraph.importers import import_cow_igo
from tests.conftest import FIXTURES, run_govgraph
from tests.importers.conftest import output_records

ODD = FIXTURES / "cow" / "oddities.csv"


def _yaml(path: Path, section: str) -> dict[str, dict]:
    return output_records(path, section)


def test_each_oddity_is_located_adjusted_and_listed(tmp_path: Path) -> None:
    out = tmp_path / "odd"
    res = import_cow_igo(ODD, out)
    assert res.oddities == {"after_end": 2, "end_before_start": 1, "id_used_twice": 2, "placeholder_date": 2}
    with (out / "import-report.csv").open(encoding="utf-8", newline="") as fh:
        rows = [(int(r["row"]), int(r["col"]), r["kind"], r["record"], r["action"]) for r in csv.DictReader(fh)]
    assert rows == [
        (2, 4, "after_end", "AEO/usa", "membership ended at 1971"),  # usa is column 4
        (4, 5, "after_end", "AEO/uk", "membership left out"),  # uk first coded 1 on line 4 (1972)
        (6, 3, "id_used_twice", "AEO", "row left out; the first row of that year is imported"),
        (8, 11, "end_before_start", "EBS", "dissolved read as 1981, its last row"),
        (9, 16, "id_used_twice", "XXX", "row left out"),
        (11, 11, "placeholder_date", "PHD", "dissolved read as 1991, its last row"),
        (12, 10, "placeholder_date", "PHS", "founded read as 1995, its first row"),
    ]
    orgs = _yaml(out / "organisations.yaml", "actors")
    assert orgs["cow-igo-aeo"]["dissolved"] == 1971
    assert (orgs["cow-igo-ebs"]["founded"], orgs["cow-igo-ebs"]["dissolved"]) == (1980, 1981)
    assert orgs["cow-igo-phd"]["dissolved"] == 1991
    assert orgs["cow-igo-phs"]["founded"] == 1995 and "dissolved" not in orgs["cow-igo-phs"]
    assert "cow-igo-xxx" not in orgs
    rels = _yaml(out / "memberships.yaml", "relations")
    usa = rels["cow.us.member_of.cow-igo-aeo.1970"]
    assert (usa["start"], usa["end"]) == (1970, 1971)
    assert "until 1973, after the organisation's end in 1971" in usa["notes"]
    assert not [k for k in rels if k.startswith("cow.gb.member_of.cow-igo-aeo")]
    assert "end" not in rels["cow.de.member_of.cow-igo-phs.1995"]  # alive, observed in the last year


def test_strict_refuses_with_every_case_located_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        import_cow_igo(ODD, tmp_path / "out", strict=True)
    assert [(p.line, p.col, p.field) for p in info.value.problems][:2] == [(2, 4, "after_end"), (4, 5, "after_end")]
    assert all(p.file == str(ODD) for p in info.value.problems)
    assert not (tmp_path / "out").exists()


def test_cli_reports_and_strict_exits_1(tmp_path: Path) -> None:
    res = run_govgraph("import", "cow-igo", str(ODD), "-o", str(tmp_path / "ok"))
    assert res.returncode == 0, res.stderr
    assert "after_end" in res.stdout and "import-report.csv" in res.stdout
    assert run_govgraph("validate", "--data", str(tmp_path / "ok")).returncode == 0
    res = run_govgraph("import", "cow-igo", str(ODD), "-o", str(tmp_path / "strict"), "--strict")
    assert res.returncode == 1
    assert f"{ODD}:2:4: AEO/usa: after_end: coded as full member until 1973" in res.stderr
    assert not (tmp_path / "strict").exists()


def test_nul_anywhere_is_refused_where_it_is(tmp_path: Path) -> None:
    lines = ODD.read_text(encoding="utf-8").splitlines()
    filler = lines[2].replace("Not applicable,,", "Not applicable," + "x" * 70_000 + ",")  # line 3 > 64 KiB
    bad = lines[3].replace("After End Org", "After\x00End Org")  # line 4, column 10 of the row
    src = tmp_path / "nul.csv"
    src.write_text("\n".join([lines[0], lines[1], filler, bad]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        import_cow_igo(src, tmp_path / "out")
    (p,) = info.value.problems
    assert (p.line, p.col, p.message) == (4, 10, "not a CSV text file (contains NUL bytes)")
    assert not (tmp_path / "out").exists()


def test_control_characters_in_names_are_refused_where_they_are(tmp_path: Path) -> None:
    lines = ODD.read_text(encoding="utf-8").splitlines()
    lines[7] = lines[7].replace("End Before Start Org", "End\x1b[31mBefore")
    src = tmp_path / "esc.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        import_cow_igo(src, tmp_path / "out")
    (p,) = info.value.problems
    assert (p.line, p.col, p.id, p.field) == (8, 15, "EBS", "longorgname")
    assert "control character U+001B" in p.message
