"""MembershipSpells: a year's members × institutions by masking, equal to rebuilding the snapshot graph."""

from __future__ import annotations

import numpy as np
import pytest

from govgraph.analysis.projections import membership_incidence
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph, snapshot
from govgraph.incidence import MembershipSpells
from govgraph.synth import write_synth


def _same(a, b) -> None:
    assert a.rows == b.rows and a.cols == b.cols
    assert a.matrix.shape == b.matrix.shape
    assert (a.matrix != b.matrix).nnz == 0
    assert set(np.unique(a.matrix.data)) <= {1}


@pytest.fixture(scope="module")
def synth_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("inc") / "s"
    write_synth(out, orgs=200, states=25, memberships=1500, ties=100, seed=2)
    ds = load_dataset([out])
    return ds, build_graph(ds)


@pytest.mark.parametrize("year", [None, 1900, 1960, 1995, 2010, 2024])
def test_spells_equal_snapshot_incidence(synth_graph, year):
    ds, g = synth_graph
    expected = membership_incidence(g if year is None else snapshot(g, year))
    _same(MembershipSpells.from_graph(g).at(year), expected)
    _same(MembershipSpells.from_dataset(ds).at(year), expected)  # straight from the table columns


def test_seeds(mini):
    ds = load_dataset([mini])
    g = build_graph(ds)
    for year in (None, 1965, 1975, 2020):
        expected = membership_incidence(g if year is None else snapshot(g, year))
        _same(MembershipSpells.from_graph(g).at(year), expected)
        _same(MembershipSpells.from_dataset(ds).at(year), expected)  # YAML records as columns
