"""``govgraph import manyenviron``: HUGGO agreements, HUGGO_MEM parties, ECOLEX references; oddities reported.

The fixture folder ``tests/fixtures/manyenviron`` reproduces each oddity in a few rows (header = line 1).
huggo_agreements.csv: 2 UNFCCC (the seed ``unfccc``), 3 Kyoto with End 9999-12-31, 4 OLDT with End before its
signature and entry into force before it, 5 OLDT again, 6 a signature in 2047, 7 an amendment signed
``16-12-1999.``. huggo_memberships.csv: 2 the USA in UNFCCC, 3-4 Czechoslovakia signing in 1992 and in 1995,
5-6 Canada in Kyoto twice (withdrew 2012-12-15), 7 an unknown code, 8 an agreement HUGGO lacks, 9 France signing
OLDT in 1192. ecolex_references.csv: 2-3 one pair both ways, 4-5 pairs in one direction (5 via ECOLEX only),
6 an unknown id, 7 a self-reference, 8 an unknown type.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.importers.manyenviron import import_manyenviron
from tests.conftest import FIXTURES, run_govgraph
from tests.importers.conftest import output_records

FX = FIXTURES / "manyenviron"


def _records(folder: Path, name: str, section: str) -> dict[str, dict]:
    return output_records(folder / name, section)


def _kinds(folder: Path) -> list[tuple[str, int, int, str]]:
    with (folder / "import-report.csv").open(encoding="utf-8", newline="") as fh:
        return [(Path(r["file"]).name, int(r["row"]), int(r["col"]), r["kind"]) for r in csv.DictReader(fh)]


def test_fixture(tmp_path: Path) -> None:
    out = tmp_path / "env"
    res = import_manyenviron(FX, out)
    assert _kinds(out) == [
        ("ecolex_references.csv", 4, 3, "one_direction_only"),
        ("ecolex_references.csv", 5, 3, "one_direction_only"),
        ("ecolex_references.csv", 6, 1, "unknown_agreement"),
        ("ecolex_references.csv", 7, 2, "self_reference"),
        ("ecolex_references.csv", 8, 3, "unknown_code"),
        ("huggo_agreements.csv", 3, 5, "placeholder_date"),
        ("huggo_agreements.csv", 4, 5, "end_before_start"),
        ("huggo_agreements.csv", 4, 7, "force_before_signature"),
        ("huggo_agreements.csv", 5, 1, "id_used_twice"),
        ("huggo_agreements.csv", 6, 4, "future_date"),
        ("huggo_agreements.csv", 6, 6, "future_date"),
        ("huggo_agreements.csv", 7, 6, "malformed_date"),
        ("huggo_memberships.csv", 4, 3, "state_no_longer_exists"),
        ("huggo_memberships.csv", 5, 3, "several_rows"),
        ("huggo_memberships.csv", 7, 3, "unknown_state"),
        ("huggo_memberships.csv", 8, 1, "unknown_agreement"),
        ("huggo_memberships.csv", 9, 5, "outside_life"),
    ]
    assert res.counts["parties"] == 5 and res.crosswalked == ["unfccc"]
    ags = _records(out, "agreements.yaml", "actors")
    kyoto = ags["huggo-kyoto-1997p-unfccc-1992a"]
    assert (kyoto["agreement_type"], kyoto["founded"], "dissolved" in kyoto) == ("protocol", "1997-12-11", False)
    assert "Entry into force: 2005-02-16. Multilateral. Geographic area: global." in kyoto["notes"]
    old = ags["huggo-oldt-1950a"]
    assert (old["agreement_type"], old["issue_areas"], "dissolved" in old) == (
        "treaty",
        ["environment", "water"],
        False,
    )
    assert ags["huggo-amd-1999e-oldt-1950a"]["founded"] == "1999-12-16"
    assert "founded" not in ags["huggo-fut-2047a"]
    assert ags["huggo-ecx-2001a"]["sources"][0]["key"] == "manyenviron-ecolex"
    parties = _records(out, "parties.yaml", "relations")
    ca = parties["huggo.ca.party_to.huggo-kyoto-1997p-unfccc-1992a"]
    assert (ca["start"], ca["end"], ca["status"], ca["end_reason"]) == (
        "1998-04-29",
        "2012-12-15",
        "party",
        "withdrawn",
    )
    assert parties["huggo.cow-cze.party_to.unfccc"]["status"] == "signatory"
    assert parties["huggo.fr.party_to.huggo-oldt-1950a"]["start"] == "1950-01-01"
    refs = sorted((r["source"], r["type"], r["target"]) for r in _records(out, "references.yaml", "relations").values())
    assert refs == [
        ("huggo-amd-1999e-oldt-1950a", "amends", "huggo-oldt-1950a"),
        ("huggo-ecx-2001a", "cites", "unfccc"),
        ("unfccc", "enables", "huggo-kyoto-1997p-unfccc-1992a"),
    ]
    load_dataset(["seeds", out])


def test_cli(tmp_path: Path) -> None:
    res = run_govgraph("import", "manyenviron", str(FX), "-o", str(tmp_path / "o"), "--format", "json")
    assert res.returncode == 0, res.stderr
    res = run_govgraph("import", "manyenviron", str(FX), "-o", str(tmp_path / "s"), "--strict")
    assert res.returncode == 1 and "ecolex_references.csv:4:3:" in res.stderr and not (tmp_path / "s").exists()


@pytest.mark.slow
def test_whole_manyenviron(manyenviron_import: Path) -> None:
    ags = _records(manyenviron_import, "agreements.yaml", "actors")
    # huggo_agreements.csv row 2: TRTYEC_1351A, Treaty Between England And Castile, 1351-08-01 to 1371-07-31, A, B
    e = ags["huggo-trtyec-1351a"]
    assert (e["name"], e["founded"], e["dissolved"], e["agreement_type"]) == (
        "Treaty Between England And Castile",
        "1351-08-01",
        "1371-07-31",
        "treaty",
    )
    assert "Bilateral." in e["notes"]
    parties = _records(manyenviron_import, "parties.yaml", "relations")
    # huggo_memberships.csv rows 2-3: Spain (ESP) and England (GBR) in TRTYEC_1351A, 1351-08-01 to 1371-07-31
    es = parties["huggo.es.party_to.huggo-trtyec-1351a"]
    assert (es["start"], es["end"], es["status"]) == ("1351-08-01", "1371-07-31", "party")
    assert "huggo.gb.party_to.huggo-trtyec-1351a" in parties
    refs = _records(manyenviron_import, "references.yaml", "relations")
    # ecolex_references.csv row 2: MNSDOL_2016E Amends MNSDOL_1987P (the Kigali amendment of the Montreal Protocol)
    assert any(r["type"] == "amends" and r["source"].startswith("huggo-mnsdol-2016e") for r in refs.values())
    pairs = [(r["source"], r["type"], r["target"]) for r in refs.values()]
    assert len(pairs) == len(set(pairs))  # each pair once
    load_dataset(["seeds", manyenviron_import])
