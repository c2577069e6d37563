"""Evolution on the timeline fixture: every count worked out by hand from tests/fixtures/regimes/timeline.yaml."""

from __future__ import annotations

import pytest

from govgraph.analysis.evolution import decade_of, evolution
from govgraph.dataset import load_dataset
from govgraph.errors import UsageError
from govgraph.graph import build_graph
from tests.conftest import FIXTURES

TIMELINE = FIXTURES / "regimes" / "timeline.yaml"


def result(as_of: int | None = None, kinds: list[str] | None = None):
    return evolution(build_graph(load_dataset([TIMELINE]), as_of), kinds)


def test_decade_of() -> None:
    assert [decade_of(y) for y in (1652, 1919, 1987, 2000)] == [1650, 1910, 1980, 2000]


def test_foundings_per_decade_and_cumulative() -> None:
    rows = {d["decade"]: d for d in result().decades}
    assert min(rows) == 1660 and max(rows) == 2010 and len(rows) == 36  # every decade, empty ones included
    assert rows[1980]["founded"] == {"organisation": 0, "state": 0, "firm": 1, "programme": 1, "agreement": 0}
    assert rows[1960]["founded"]["agreement"] == 1
    # By the 1940s: society 1660, institute 1905, union ~1931, agency 1946 = 4; the institute dissolved 1946.
    assert (rows[1940]["cumulative"], rows[1940]["dissolved"], rows[1940]["alive"]) == (4, 1, 3)
    # 10 dated actors in all (the state has no founding year).
    assert (rows[2010]["cumulative"], rows[2010]["alive"]) == (10, 9)
    assert result().undated == {"organisation": 0, "state": 1, "firm": 0, "programme": 0, "agreement": 0}


def test_stages_from_the_vocabulary() -> None:
    stages = {s["stage"]: s for s in result().stages}
    assert (stages["single_internal"]["start"], stages["single_internal"]["end"]) == (1652, 1918)
    assert (stages["multilateral"]["start"], stages["multilateral"]["end"]) == (1919, 1979)
    assert stages["single_internal"]["total"] == 2  # 1660, 1905
    assert stages["multilateral"]["founded"]["organisation"] == 2 and stages["multilateral"]["total"] == 3
    assert stages["composite"]["total"] == 5  # 1987 x2, 1999, 2001, 2010
    assert sum(s["total"] for s in stages.values()) == 10


def test_dissolutions_successions_and_figures() -> None:
    r = result()
    assert r.dissolutions == [
        {"id": "t-old", "name": "Old Institute", "kind": "organisation", "dissolved": 1946, "successors": ["t-new"]}
    ]
    assert [(s["source"], s["target"], s["year"], s["status"]) for s in r.successions] == [
        ("t-old", "t-new", 1946, "replacement")
    ]
    assert [f["id"] for f in r.figures] == ["t-fig-orgs"]  # counts of organisations only
    assert r.figures[0]["value"] == 3290 and r.figures[0]["sources"] == ["fx-t"]


def test_kinds_filter_and_snapshot() -> None:
    only = result(kinds=["organisation"])
    assert only.kinds == ["organisation"]
    assert only.decades[-1]["cumulative"] == 7
    snap = result(as_of=1950)  # alive in 1950: society, union, agency (the institute ended 1946)
    assert snap.decades[-1]["cumulative"] == 3 and snap.dissolutions == []
    with pytest.raises(UsageError, match="unknown kind"):
        result(kinds=["organization"])
