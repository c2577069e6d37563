"""stats_of: the counts of ``stats`` read off a dataset's columns, equal to those of its graph."""

from __future__ import annotations

import pytest

from govgraph.dataset import load_dataset
from govgraph.describe import stats, stats_of
from govgraph.graph import build_graph
from govgraph.synth import write_synth
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    out = tmp_path_factory.mktemp("st") / "t"
    write_synth(out, orgs=90, states=12, memberships=500, ties=60, seed=8)
    return load_dataset([ROOT / "seeds", out])


@pytest.mark.parametrize("as_of", [None, 1919, 1975, 2024])
def test_stats_of_equals_the_graphs(mixed, as_of) -> None:
    expected = stats(build_graph(mixed, as_of)).to_json()
    got = stats_of(mixed, as_of).to_json()
    assert got == expected
    assert got["actors"] > 0 and got["as_of"] == as_of


def test_seeds_by_count() -> None:
    got = stats_of(load_dataset(None)).to_json()
    assert (got["actors"], got["relations"]) == (71, 118)  # what `govgraph report` prints on the seeds
