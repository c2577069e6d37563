"""The small export fixture (tests/fixtures/export/small.yaml) and what is known about it by hand.

16 actors: 9 organisations (un, unesco, wmo, unep, ipcc, icsu, isc, wfeo, wfa), 2 programmes (wcrp, ihp),
1 agreement (unfccc), 3 states (fr, us, cn), 1 firm (huawei). 19 relations, two of them parallel
(us -> unesco member_of, keys us-unesco-1 and us-unesco-2). Sources: 5 in the bibliography, 4 cited
(paper, ref20, unesco-web, ipcc-book); ``unused`` is cited by nothing.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from govgraph.dataset import load_dataset
from govgraph.graph import build_graph

SMALL = Path(__file__).resolve().parent.parent / "fixtures" / "export" / "small.yaml"
N_NODES = 16
N_EDGES = 19
CITED = ["ipcc-book", "paper", "ref20", "unesco-web"]


@pytest.fixture(scope="session")
def small_graph() -> nx.MultiDiGraph:
    """The whole fixture graph (no snapshot)."""
    return build_graph(load_dataset([SMALL]))
