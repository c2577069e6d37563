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


def test_foundings_by_organisation_type_per_stage_and_decade() -> None:
    """Institutions only (the firm and the state are left out), typed by org_type, or kind for the rest.

    Stage single_internal (1652-1918): t-soc 1660 learned_society, t-old 1905 intergovernmental.
    multilateral (1919-1979): t-union ~1931 scientific_council, t-new 1946 un_specialised_agency, t-treaty 1967.
    composite (1980-): t-prog 1987 programme, t-alliance-1 1999 and -2 2001 industry_alliance, t-cn 2010
    national_association (the firm, 1987, is not an institution).
    """
    r = result()
    assert r.types == [
        "agreement",
        "industry_alliance",
        "intergovernmental",
        "learned_society",
        "national_association",
        "programme",
        "scientific_council",
        "un_specialised_agency",
    ]
    stages = {s["stage"]: s for s in r.types_by_stage}
    assert stages["single_internal"]["founded"]["learned_society"] == 1
    assert stages["single_internal"]["shares"]["intergovernmental"] == pytest.approx(1 / 2)
    assert stages["multilateral"]["total"] == 3
    assert stages["multilateral"]["shares"]["agreement"] == pytest.approx(1 / 3)
    assert stages["composite"]["founded"]["industry_alliance"] == 2 and stages["composite"]["total"] == 4
    assert stages["composite"]["shares"]["industry_alliance"] == pytest.approx(0.5)
    assert sum(s["total"] for s in r.types_by_stage) == 9  # 10 dated actors minus the firm
    decades = {d["decade"]: d for d in r.types_by_decade}
    assert decades[1990]["founded"]["industry_alliance"] == 1 and decades[1980]["founded"]["programme"] == 1
    shares = next(t for t in r.tables() if t.name == "type_shares_by_stage")
    assert shares.columns == ["type", "single_internal", "multilateral", "composite"]
    assert ["learned_society", "0.5", "0", "0"] in shares.rows  # three significant digits, as text


def test_precision_in_tables_only() -> None:
    r = result()
    r.precision = 5
    shares = next(t for t in r.tables() if t.name == "type_shares_by_stage")
    assert ["agreement", "0", "0.33333", "0"] in shares.rows
    assert r.to_json()["types_by_stage"][1]["shares"]["agreement"] == 1 / 3
