"""The one default year (the latest the data observes, not in the future) and --over ranges."""

from __future__ import annotations

import pytest

from govgraph.analysis.projections import graph_as_of, latest_year
from govgraph.dataset import load_dataset
from govgraph.errors import UsageError
from govgraph.graph import build_graph
from govgraph.years import current_year, default_year, parse_over
from tests.conftest import FIXTURES


def test_a_planned_end_does_not_move_the_default_year() -> None:
    g = build_graph(load_dataset([FIXTURES / "analysis" / "net.yaml"]))
    g.add_edge("st-1", "org-b", key="future", id="future", type="member_of", start_year=2019, end_year=2100)
    assert latest_year(g) == 2100
    assert default_year(g, today=2026) == 2019 == default_year(g)
    assert graph_as_of(g, None).graph["as_of"] == 2019  # every command's default goes through default_year
    assert default_year(g, today=1990) == 1990  # st-4 left org-a in 1990
    assert default_year(g, today=1800) is None  # nothing observed up to then


def test_source_date_epoch_pins_the_current_year(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 366))  # 1971-01-02
    assert current_year() == 1971
    assert default_year([1965, 1970, 1975]) == 1970


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1990", "expected START:END"),
        ("a:b", "expected START:END"),
        ("0:10", "between 1 and 9999"),
        ("1990:2000:0", "STEP must be at least 1"),
        ("1:5000", "at most 1000"),
    ],
)
def test_bad_ranges(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_over(text)
