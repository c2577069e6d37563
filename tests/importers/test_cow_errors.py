"""Bad COW files: a clear located message, exit code 1 through the CLI, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import DataError, UsageError
from govgraph.importers import import_cow_igo
from tests.importers.conftest import FIVE_YEARLY, STATE_COLUMNS, needs_sample


def _write(tmp_path: Path, text: str, name: str = "igo.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(src: Path, out: Path) -> list:
    with pytest.raises(DataError) as info:
        import_cow_igo(src, out)
    assert not out.exists(), "nothing may be written from a bad file"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")], "no temporary left behind"
    return info.value.problems


def test_damaged_rows_are_located(tmp_path: Path) -> None:
    lines = FIVE_YEARLY.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("TIO,Test Intl Org,1950,1,", "TIO,Test Intl Org,1950,7,")  # usa = 7 on line 3
    lines[4] = ",".join(lines[4].split(",")[:-2])  # line 5 lost two fields
    lines[6] = lines[6].replace(",1945,,0,0,0,", ",19x5,,0,0,0,")  # sdate not an integer on line 7
    src = _write(tmp_path, "\n".join(lines) + "\n")
    found = _problems(src, tmp_path / "out")
    assert [(p.line, p.col, p.id, p.field) for p in found] == [
        (3, 4, "TIO", "usa"),
        (5, 1, "TIO", "row"),
        (7, 10, "TIO", "sdate"),
    ]
    assert "'7' is not a COW membership code (0, 1, 2, 3, -9 or -1)" in found[0].message
    assert found[1].message == "damaged row: 22 fields, the header has 24"
    assert str(found[0]).startswith(f"{src}:3:4: TIO: usa: ")


def test_missing_column_suggests_the_near_one(tmp_path: Path) -> None:
    text = FIVE_YEARLY.read_text(encoding="utf-8").replace(",ionum,", ",io_num,", 1)
    found = _problems(_write(tmp_path, text), tmp_path / "out")
    messages = {(p.field, p.message.split(";")[0]) for p in found}
    assert ("ionum", "missing required column") in messages
    assert any("did you mean 'io_num'" in p.message for p in found if p.field == "ionum")
    assert any(p.field == "io_num" and p.col == 16 and "did you mean 'ionum'" in p.message for p in found)


def test_other_layouts_are_named(tmp_path: Path) -> None:
    state_year = _write(tmp_path, "ccode,year,state,aaaid\n2,1816,usa,-1\n", "state_year.csv")
    (p,) = _problems(state_year, tmp_path / "out")
    assert "state-year layout" in p.message
    (p,) = _problems(_write(tmp_path, "a,b,c\n1,2,3\n", "other.csv"), tmp_path / "out")
    assert p.message.startswith("not the COW igo_year_formatv3.csv layout: missing columns ioname, orgname, year")


@needs_sample
def test_state_list_given_as_the_igo_file(tmp_path: Path) -> None:
    (p,) = _problems(STATE_COLUMNS, tmp_path / "out")
    assert "give it with --states" in p.message


def test_duplicate_year_is_reported_and_empty_file_refused(tmp_path: Path) -> None:
    lines = FIVE_YEARLY.read_text(encoding="utf-8").splitlines()
    res = import_cow_igo(_write(tmp_path, "\n".join([*lines, lines[1]]) + "\n"), tmp_path / "dup")
    assert res.oddities == {"id_used_twice": 1}
    report = (tmp_path / "dup" / "import-report.csv").read_text(encoding="utf-8").splitlines()
    assert report[1].split(",")[1:5] == ["12", "3", "id_used_twice", "TIO"]
    assert report[1].endswith("a second row for ionum 10 in 1945 (first at line 2)")
    (p,) = _problems(_write(tmp_path, "", "empty.csv"), tmp_path / "out")
    assert p.message == "file is empty"


def test_existing_folder_needs_force_and_keeps_foreign_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    import_cow_igo(FIVE_YEARLY, out)
    with pytest.raises(UsageError, match="use --force"):
        import_cow_igo(FIVE_YEARLY, out)
    import_cow_igo(FIVE_YEARLY, out, force=True)  # a previous import is replaced
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="refusing to replace"):
        import_cow_igo(FIVE_YEARLY, out, force=True)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        import_cow_igo(tmp_path / "nope.csv", tmp_path / "out")
