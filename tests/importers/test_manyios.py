"""``govgraph import manyios``: DIGO/IIGO organisations, MIGO/IIGO memberships, oddities reported.

The fixture folder ``tests/fixtures/manyios`` reproduces each oddity in a few rows (header = line 1):
DIGO line 2 WMO founded 1947 (the seed says 1950-03-23), line 3 XIO 1950-1960 ended by desuetude, line 4 BAD with
End 1980 before Begin 1990; IIGO lines 2-3 two bodies with the id G11, line 4 Quint without an id; MIGO lines 2-5
France in XIO full 1955-1956 then associate 1957 and 1962 (after XIO's end), line 6 Czechoslovakia (cowID 315),
line 7 an unknown state, lines 8-9 NET (in MIGO only), lines 10-11 the USA in WMO before it existed; IIGO
memberships line 3 with no stateID and an igoID (Q5) that is not Quint's, line 4 End before Begin, line 5 an
unknown body.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.importers.manyios import import_manyios
from tests.conftest import FIXTURES, run_govgraph
from tests.importers.conftest import output_records

FX = FIXTURES / "manyios"


def _records(folder: Path, name: str, section: str) -> dict[str, dict]:
    return output_records(folder / name, section)


def _report(folder: Path) -> list[tuple[str, int, int, str, str]]:
    with (folder / "import-report.csv").open(encoding="utf-8", newline="") as fh:
        return [
            (Path(r["file"]).name, int(r["row"]), int(r["col"]), r["kind"], r["record"]) for r in csv.DictReader(fh)
        ]


def test_fixture_oddities_are_listed_where_they_are(tmp_path: Path) -> None:
    out = tmp_path / "ios"
    res = import_manyios(FX, out)
    assert _report(out) == [
        ("digo_organizations.csv", 2, 3, "conflict", "wmo"),
        ("digo_organizations.csv", 4, 4, "end_before_start", "BAD"),
        ("iigo_memberships.csv", 3, 1, "state_by_name", "Democratic Republic of the Congo"),
        ("iigo_memberships.csv", 3, 3, "id_mismatch", "Q5"),
        ("iigo_memberships.csv", 4, 6, "end_before_start", "us in manyios-iigo-g11-cartagena-group"),
        ("iigo_memberships.csv", 5, 3, "unknown_organisation", "ZZZ"),
        ("iigo_organizations.csv", 2, 1, "id_used_twice", "G11"),
        ("iigo_organizations.csv", 3, 1, "id_used_twice", "G11"),
        ("iigo_organizations.csv", 4, 1, "missing_id", "Quint"),
        ("migo_memberships.csv", 4, 5, "outside_life", "fr in manyios-xio"),
        ("migo_memberships.csv", 7, 2, "unknown_state", "XIO/XXX"),
        ("migo_memberships.csv", 8, 1, "unknown_organisation", "NET"),
        ("migo_memberships.csv", 10, 5, "outside_life", "us in wmo"),
    ]
    assert res.counts["memberships (MIGO)"] == 4 and res.counts["memberships (IIGO)"] == 3
    orgs = _records(out, "organisations.yaml", "actors")
    assert orgs["wmo"]["founded"] == "1950-03-23" and orgs["wmo"]["org_type"] == "un_specialised_agency"
    xio = orgs["manyios-xio"]
    assert (xio["founded"], xio["dissolved"], xio["issue_areas"]) == (1950, 1960, ["economic_affairs"])
    assert "Scope (DIGO): narrow. Region (DIGO): Europe. End (DIGO Death DES): fell into desuetude" in xio["notes"]
    assert "dissolved" not in orgs["manyios-bad"]
    assert orgs["manyios-iigo-quint"]["org_type"] == "informal_intergovernmental"
    assert orgs["manyios-net"]["name"] == "NET"
    rels = _records(out, "memberships.yaml", "relations")
    fr = [(r["start"], r.get("end"), r["status"]) for k, r in sorted(rels.items()) if k.startswith("migo.fr.")]
    assert fr == [(1955, 1956, "full"), (1957, 1960, "associate")]  # 1962 clipped at XIO's end (1960)
    assert rels["migo.fr.member_of.manyios-xio.1957"]["end_reason"] == "desuetude"
    assert (rels["migo.cow-cze.member_of.manyios-xio.1955"]["end"]) == 1955  # 1956 observed without it
    assert "end" not in rels["migo.us.member_of.manyios-net.2009"]  # observed in MIGO's last year, 2010
    assert (rels["iigo.cd.member_of.manyios-iigo-quint.1999"]["end"]) == 2001
    assert rels["migo.fr.member_of.manyios-xio.1955"]["sources"] == [
        {"key": "manyios-migo", "at": "migo_memberships.csv row 2 (XIO, 1955-1956)"}
    ]
    load_dataset([out])  # valid alone
    load_dataset(["seeds", out])  # and with the seeds: one wmo


def test_strict_and_unreadable_input(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        import_manyios(FX, tmp_path / "strict", strict=True)
    assert len(info.value.problems) == 13 and not (tmp_path / "strict").exists()
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in FX.iterdir():
        (bad / f.name).write_bytes(f.read_bytes())
    (bad / "iigo_organizations.csv").write_bytes(FX.joinpath("iigo_organizations.csv").read_bytes() + b"X,Y\x07,1\n")
    with pytest.raises(DataError) as info:
        import_manyios(bad, tmp_path / "out")
    (p,) = info.value.problems
    assert (Path(p.file).name, p.line, p.col, p.field) == ("iigo_organizations.csv", 5, 2, "Title")
    assert "control character U+0007" in p.message and not (tmp_path / "out").exists()


def test_cli(tmp_path: Path) -> None:
    res = run_govgraph("import", "manyios", str(FX), "-o", str(tmp_path / "o"))
    assert res.returncode == 0, res.stderr
    assert "id_used_twice" in res.stdout
    assert run_govgraph("import", "manyios", str(FX), "-o", str(tmp_path / "o")).returncode == 2  # no --force
    res = run_govgraph("import", "manyios", str(FX), "-o", str(tmp_path / "s"), "--strict")
    assert res.returncode == 1 and "iigo_organizations.csv:2:1: G11: id_used_twice" in res.stderr


@pytest.mark.slow
def test_whole_manyios(manyios_import: Path) -> None:
    ds = load_dataset(["seeds", manyios_import])
    orgs = _records(manyios_import, "organisations.yaml", "actors")
    # 561 DIGO rows, 149 IIGO rows, and the MIGO igoIDs neither describes
    assert sum(1 for o in orgs.values() if o["sources"][0]["key"] == "manyios-digo") == 561
    assert sum(1 for o in orgs.values() if o["sources"][0]["key"] == "manyios-iigo") == 149
    # digo_organizations.csv row 2: CCNR, Central Commission For The Navigation Of The Rhine, 1815, living
    ccnr = orgs["manyios-ccnr"]
    assert (ccnr["name"], ccnr["founded"], "dissolved" in ccnr) == (
        "Central Commission For The Navigation Of The Rhine",
        1815,
        False,
    )
    # row 3: SCH, Superior Council Of Health, 1838-1923, DISS, social_welf
    sch = orgs["manyios-sch"]
    assert (sch["founded"], sch["dissolved"], sch["issue_areas"]) == (1838, 1923, ["social_welfare"])
    # row 65: LoN -> the seed league_of_nations; the seed's end (1946-04-20) wins over DIGO's 1945
    assert orgs["league_of_nations"]["dissolved"] == "1946-04-20"
    # migo_memberships.csv rows 2-8: ACD, ARE, full, 2004..2010 -> one open membership from 2004
    ae = ds.actors["ae"]
    acd = [r for r in ds.relations if r.source == ae.id and r.target == "manyios-iigo-acd" and r.id.startswith("migo.")]
    assert [(r.start.year, r.end, r.status) for r in acd] == [(2004, None, "full")]
    report = _report(manyios_import)
    assert ("iigo_organizations.csv", 50, 1, "id_used_twice", "BP") in report
    assert ("iigo_organizations.csv", 95, 1, "id_used_twice", "BP") in report
