"""The hand-made network of tests/fixtures/analysis/net.yaml, shared by the analyser tests."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from govgraph.analysis.projections import graph_as_of
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph

NET = Path(__file__).resolve().parents[1] / "fixtures" / "analysis" / "net.yaml"


@pytest.fixture(scope="module")
def full() -> nx.MultiDiGraph:
    """Every actor and tie the fixture records."""
    return build_graph(load_dataset([NET]))


@pytest.fixture(scope="module")
def now(full: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The fixture in its latest year (2019)."""
    return graph_as_of(full, None)
