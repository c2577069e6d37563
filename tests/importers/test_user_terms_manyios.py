"""A researcher's own terms on real data: manyios imported whole, an ocean issue area and a fisheries
organisation type added in a file of their own, a few organisations tagged with them."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from govgraph.dataset import load_dataset
from tests.conftest import run_govgraph

OCEANS = """\
# Our own terms for the ocean bodies of manyios.
vocabulary:
  issue_areas:
    oceans_law: The law of the sea and the management of its living resources (fisheries, whaling).
  organisation_types:
    fisheries_commission: An intergovernmental commission that manages the fisheries of an ocean region.
sources:
  - id: fao-rfb
    type: web
    title: "FAO: Regional fishery bodies"
    url: https://www.fao.org/fishery/en/rfb
    accessed: 2026-11-30
actors:
  - id: manyios-icseaf
    kind: organisation
    name: International Commission for the South East Atlantic Fisheries
    org_type: fisheries_commission
    issue_areas: [oceans_law]
    sources: [fao-rfb]
  - {id: manyios-iwhale, kind: organisation, name: Intl Whaling Comm, org_type: intergovernmental, merge: true,
     issue_areas: [oceans_law], sources: [fao-rfb]}
  - {id: manyios-infofish, kind: organisation, name: InfoFish, org_type: intergovernmental, merge: true,
     issue_areas: [oceans_law], sources: [fao-rfb]}
"""


def tagged(manyios_import: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ios"
    shutil.copytree(manyios_import, folder)
    (folder / "oceans.yaml").write_text(OCEANS, encoding="utf-8")
    return folder


def test_manyios_with_an_ocean_issue_area_and_a_fisheries_type(manyios_import, tmp_path):
    folder = tagged(manyios_import, tmp_path)
    plain = load_dataset([manyios_import])
    ds = load_dataset([folder])
    assert len(ds.actors) == len(plain.actors) == 1076 and len(ds.relations) == len(plain.relations) == 9215
    # DIGO row 291 (ICSEAF, igoID ICSEAF): founded 1969, dead 1990, "Economic/fisheries"; our record is the plain
    # one, so its name and organisation type win and DIGO's lists and dates join it
    icseaf = ds.actor("manyios-icseaf")
    assert (icseaf.org_type, icseaf.issue_areas) == ("fisheries_commission", ["oceans_law", "economic_affairs"])
    assert (icseaf.founded.year, icseaf.dissolved.year) == (1969, 1990)
    assert [c.key for c in icseaf.sources] == ["fao-rfb", "manyios-digo"]
    # the IWC and INFOFISH: two merge records each, joined in reading order (oceans.yaml before organisations.yaml)
    assert ds.actor("manyios-iwhale").issue_areas == ["oceans_law", "social_welfare"]
    assert ds.actor("manyios-infofish").issue_areas == ["oceans_law", "economic_affairs"]
    assert ds.actor("manyios-iwhale").founded.year == 1946  # DIGO row 126 (IWhale)
    assert sorted(a for a, r in ds.actors.items() if "oceans_law" in r.issue_areas) == [
        "manyios-icseaf",
        "manyios-infofish",
        "manyios-iwhale",
    ]
    fisheries = [a for a, r in ds.actors.items() if getattr(r, "org_type", None) == "fisheries_commission"]
    assert fisheries == ["manyios-icseaf"]


def test_cli_validates_and_compares_by_the_new_issue_area(manyios_import, tmp_path):
    folder = tagged(manyios_import, tmp_path)
    ok = run_govgraph("validate", str(folder))
    assert ok.returncode == 0, ok.stderr
    assert "valid: 5 files, 1076 actors, 9215 relations, 4 sources, 0 figures" in ok.stderr
    proc = run_govgraph("overlap", "function", "--by", "issue-areas", "--data", str(folder), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    pairs = {(r["a"], r["b"]): r for r in csv.DictReader(io.StringIO(proc.stdout))}
    # INFOFISH {economic_affairs, oceans_law} and the IWC {social_welfare, oceans_law}: 1 shared of 3 terms
    pair = pairs["manyios-infofish", "manyios-iwhale"]
    assert (pair["shared"], pair["jaccard"], pair["shared issue areas"]) == ("1", "0.333", "oceans_law")
    # a typo in a record names the new term among its suggestions
    (folder / "oceans.yaml").write_text(
        OCEANS.replace(
            "issue_areas: [oceans_law], sources: [fao-rfb]}\n  - {id: manyios-infofish",
            "issue_areas: [ocean_law], sources: [fao-rfb]}\n  - {id: manyios-infofish",
        ),
        encoding="utf-8",
    )
    bad = run_govgraph("validate", str(folder))
    assert bad.returncode == 1
    line = [x for x in bad.stderr.splitlines() if "ocean_law" in x]
    assert line == [
        f"{folder / 'oceans.yaml'}:21:20: manyios-iwhale: issue_areas.0: unknown issue area 'ocean_law'; did you "
        "mean 'oceans_law' or 'oceans'?"
    ]
