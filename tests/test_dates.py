"""Fuzzy dates: parsing, canonical text, precision-aware comparison."""

from __future__ import annotations

import datetime as dt

import pytest

from govgraph.dates import FuzzyDate


@pytest.mark.parametrize(
    ("raw", "text", "circa"),
    [
        (1945, "1945", False),
        ("1945", "1945", False),
        ("1945-11", "1945-11", False),
        (dt.date(1945, 11, 16), "1945-11-16", False),
        ("~1945", "~1945", True),
        ("c. 1945", "~1945", True),
        ("circa 1945-11", "~1945-11", True),
        ("ca.1652", "~1652", True),
    ],
)
def test_parse_and_canonical_text(raw, text, circa) -> None:
    d = FuzzyDate.parse(raw)
    assert str(d) == text and d.circa is circa
    assert FuzzyDate.parse(str(d)) == d  # the canonical text round-trips


@pytest.mark.parametrize("raw", ["1945-13", "1945-02-30", "45", "soon", True, 3.5, "1945-1-1", 0])
def test_rejects(raw) -> None:
    with pytest.raises(ValueError):
        FuzzyDate.parse(raw)


def test_before_compares_at_common_precision() -> None:
    y, ym, ymd = FuzzyDate.parse(1945), FuzzyDate.parse("1945-11"), FuzzyDate.parse("1945-11-16")
    assert not y.before(ym) and not ym.before(y)  # 1945 may be November
    assert not ym.before(ymd) and not ymd.before(ym)
    assert FuzzyDate.parse("1945-10").before(ymd)
    assert FuzzyDate.parse(1944).before(ymd)
    assert not FuzzyDate.parse(1946).before(y)
