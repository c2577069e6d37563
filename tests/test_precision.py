"""One rounding rule for every table: significant digits, positional except below 1e-4, zeros kept or trimmed."""

from __future__ import annotations

import csv
import io
import json

import pytest

from govgraph.precision import significant
from tests.conftest import FIXTURES, run_govgraph

TIMELINE = FIXTURES / "regimes" / "timeline.yaml"


@pytest.mark.parametrize(
    ("value", "digits", "kept", "trimmed"),
    [
        (0.358395, 3, "0.358", "0.358"),
        (0.2, 3, "0.200", "0.2"),
        (0.06, 3, "0.0600", "0.06"),  # 0.06 is 0.0599999... in binary: the carry must keep its zeros
        (1.0, 3, "1.00", "1"),
        (0.0, 3, "0.00", "0"),
        (2 / 3, 5, "0.66667", "0.66667"),
        (1840.0, 3, "1840", "1840"),  # positional above 10^digits too (was 1.84e+03 with zeros kept)
        (12345.678, 3, "12300", "12300"),
        (999.6, 3, "1000", "1000"),  # rounds up a digit
        (0.0001, 3, "0.000100", "0.0001"),  # 1e-4 itself is positional
        (0.000012345, 3, "1.23e-05", "1.23e-05"),  # below 1e-4: exponent form
        (1e-5, 3, "1.00e-05", "1e-05"),
        (-0.06, 2, "-0.060", "-0.06"),
    ],
)
def test_significant_by_hand(value: float, digits: int, kept: str, trimmed: str) -> None:
    assert significant(value, digits) == kept
    assert significant(value, digits, trim=True) == trimmed


def test_non_floats_are_unchanged() -> None:
    assert significant(7) == 7 and significant(None) is None and significant("x") == "x" and significant(True) is True
    assert significant(float("nan"), trim=True) == "nan" and significant(float("nan")) == "nan"


def test_cli_power_rounds_with_the_trimmed_rule() -> None:
    """HHI on the timeline fixture is (4+1+1+1+1)/36 = 0.2222; on the 0-10,000 scale 2222.2; top share 2/6."""
    r = run_govgraph("power", "-d", str(TIMELINE), "--precision", "2", "--format", "csv", "--table", "power_summary")
    assert r.returncode == 0, r.stderr
    rows = dict(list(csv.reader(io.StringIO(r.stdout)))[1:])
    assert (rows["top country's share"], rows["HHI (0-1)"], rows["HHI (0-10,000)"]) == ("0.33", "0.22", "2200")
    doc = json.loads(run_govgraph("power", "-d", str(TIMELINE), "--format", "json").stdout)
    assert doc["hhi_10000"] == pytest.approx(80000 / 36)  # the JSON keeps every digit


def test_cli_centrality_keeps_zeros() -> None:
    """Centrality keeps the zeros its digits claim: 0.0 with two digits prints as 0.0, not 0."""
    r = run_govgraph("centrality", "-d", str(TIMELINE), "--precision", "2", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1].split(",")[4:7] == ["0.0", "0.0", "0.0"]
