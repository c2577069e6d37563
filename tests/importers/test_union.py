"""Seeds, the COW sample, manyios and manyenviron loaded together: one actor per body, and the analysers run.

The crosswalk (``govgraph/data/org_crosswalk.csv``) names every body two of them share; each crosswalked actor
must come out as one actor citing every dataset its row names, and ``govgraph match`` must find no pair left
between COW and manyios (the sample's IGOs are all in DIGO under the same acronym, except IRENA and IIFEO).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.importers.crosswalks import org_links
from govgraph.importers.match import propose_matches
from tests.conftest import run_govgraph

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def union(sample_import: Path, manyios_import: Path, manyenviron_import: Path) -> list[str]:
    return [
        "--data",
        "seeds",
        "--data",
        str(sample_import),
        "--data",
        str(manyios_import),
        "--data",
        str(manyenviron_import),
    ]


def test_one_actor_per_body(
    sample_import: Path, manyios_import: Path, manyenviron_import: Path, union: list[str]
) -> None:
    res = run_govgraph("validate", *union)
    assert res.returncode == 0, res.stderr[-2000:]
    ds = load_dataset(["seeds", sample_import, manyios_import, manyenviron_import])
    keys = {"cow_ionum": "cow-igo-v3", "manyios_id": "manyios-digo", "huggo_id": "manyenviron-huggo"}
    for link in org_links():
        cited = {c.key for c in ds.actors[link.actor_id].sources}
        for attr, key in keys.items():
            if getattr(link, attr) is not None:
                assert key in cited, (link.actor_id, key)
    # the seed's values win: WMO founded 1950-03-23 (COW 1948, DIGO 1947), named as the seed names it
    wmo = ds.actors["wmo"]
    assert (str(wmo.founded), wmo.name) == ("1950-03-23", "World Meteorological Organization")
    assert "cow-igo-wmo" not in ds.actors and "manyios-wmo" not in ds.actors
    left = [
        m
        for m in propose_matches(ds, min_score=0.5).matches
        if {m.a.split("-")[0], m.b.split("-")[0]} == {"cow", "manyios"}
    ]
    assert left == []


def test_overlap_and_centrality_run_on_the_union(union: list[str]) -> None:
    res = run_govgraph("overlap", "membership", *union, "--as-of", "2010", "--min", "0.9", "--format", "json")
    assert res.returncode == 0, res.stderr[-2000:]
    doc = json.loads(res.stdout)
    assert doc["as_of"] == 2010 and doc["sets"] > 1000
    res = run_govgraph("centrality", *union, "--as-of", "2010", "--format", "json")
    assert res.returncode == 0, res.stderr[-2000:]
    assert json.loads(res.stdout)["graph"]["nodes"] > 1000
