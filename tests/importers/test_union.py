"""Seeds, the COW sample, manyios and manyenviron loaded together: one actor per body, and the analysers run.

The crosswalk (``govgraph/data/org_crosswalk.csv``) names every body two of them share; each crosswalked actor
must come out as one actor citing every dataset its row names, and ``govgraph match`` must find no pair left
between COW and manyios (the sample's IGOs are all in DIGO under the same acronym, except IRENA and IIFEO).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.analysis.centrality import centrality
from govgraph.analysis.overlap import membership_overlap
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from govgraph.importers.crosswalks import org_links
from govgraph.importers.match import propose_matches
from govgraph.model import Dataset
from tests.conftest import run_govgraph

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folders(sample_import: Path, manyios_import: Path, manyenviron_import: Path) -> list[Path]:
    return [sample_import, manyios_import, manyenviron_import]


@pytest.fixture(scope="module")
def union(folders: list[Path]) -> Dataset:
    return load_dataset(["seeds", *folders])


def test_validate_the_union_through_the_command(folders: list[Path]) -> None:
    args = [a for f in folders for a in ("--data", str(f))]
    res = run_govgraph("validate", "--data", "seeds", *args)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stderr.startswith("valid: ")


def test_one_actor_per_body(union: Dataset) -> None:
    keys = {"cow_ionum": "cow-igo-v3", "manyios_id": "manyios-digo", "huggo_id": "manyenviron-huggo"}
    for link in org_links():
        cited = {c.key for c in union.actors[link.actor_id].sources}
        for attr, key in keys.items():
            if getattr(link, attr) is not None:
                assert key in cited, (link.actor_id, key)
    # the seed's values win: WMO founded 1950-03-23 (COW 1948, DIGO 1947), named as the seed names it
    wmo = union.actors["wmo"]
    assert (str(wmo.founded), wmo.name) == ("1950-03-23", "World Meteorological Organization")
    assert "cow-igo-wmo" not in union.actors and "manyios-wmo" not in union.actors
    left = [
        m
        for m in propose_matches(union, min_score=0.5).matches
        if {m.a.split("-")[0], m.b.split("-")[0]} == {"cow", "manyios"}
    ]
    assert left == []


def test_overlap_and_centrality_run_on_the_union(union: Dataset) -> None:
    g = build_graph(union, as_of=2010)
    overlap = membership_overlap(g, min_value=0.9).to_json()
    assert overlap["sets"] > 1000
    top = centrality(g, ["degree"], "membership", top=3).to_json()
    assert top["graph"]["nodes"] > 1000
