"""Power structure on the timeline fixture; shares, HHI and regions worked out by hand."""

from __future__ import annotations

import csv
from importlib import resources

import pycountry
import pytest

from govgraph.analysis.power import hhi, power
from govgraph.dataset import load_dataset
from govgraph.graph import build_graph
from govgraph.regions import region_of, regions
from tests.conftest import FIXTURES

TIMELINE = FIXTURES / "regimes" / "timeline.yaml"


def result(as_of: int | None = None, kinds: list[str] | None = None):
    return power(build_graph(load_dataset([TIMELINE]), as_of), kinds)


def test_hhi_by_hand() -> None:
    assert hhi({"A": 1}) == 1.0
    assert hhi({"A": 1, "B": 1, "C": 1, "D": 1}) == pytest.approx(0.25)
    assert hhi({}) == 0.0


def test_headquarters_in_the_latest_year() -> None:
    p = result()  # latest year 2019: the Geneva institute (dissolved 1946) drops out
    assert p.as_of == 2019 and p.counted == 6
    assert [(r["country"], r["count"]) for r in p.by_country] == [("US", 2), ("CH", 1), ("CN", 1), ("FR", 1), ("GB", 1)]
    assert p.hhi == pytest.approx((4 + 1 + 1 + 1 + 1) / 36, abs=1e-6)
    assert (p.top_country, p.top_share) == ("US", pytest.approx(2 / 6, abs=1e-6))
    assert {r["region"]: r["count"] for r in p.by_region} == {"Europe": 3, "Americas": 2, "Asia": 1}
    assert {r["north_south"]: r["count"] for r in p.north_south} == {"North": 5, "South": 1}
    assert p.to_json()["hhi_10000"] == pytest.approx(80000 / 36)  # full precision in JSON


def test_ties_in_the_top_country_fall_to_the_code() -> None:
    p = result(as_of=1946)  # society GB, institute CH, agency CH, union FR: CH 2
    assert (p.top_country, p.counted) == ("CH", 4)
    assert p.hhi == pytest.approx((4 + 1 + 1) / 16)


def test_state_actions_and_memberships_they_ended() -> None:
    p = result()
    assert [(a["source"], a["type"], a["target"]) for a in p.state_actions] == [
        ("t-us", "withholds_funding", "t-new"),
        ("t-us", "sanctions", "t-firm"),
    ]
    ended = [(m["member"], m["institution"], m["related_actions"]) for m in p.ended_by_state_action]
    assert ended == [
        ("t-firm", "t-alliance-2", ["t-us:sanctions:t-firm:2019-05"]),
        ("t-firm", "t-alliance-1", ["t-us:sanctions:t-firm:2019-05"]),
    ]
    assert "t-union" not in {m["institution"] for m in p.ended_by_state_action}  # its membership goes on


def test_firms_can_be_counted() -> None:
    p = result(kinds=["firm"])
    assert [(r["country"], r["count"]) for r in p.by_country] == [("CN", 1)] and p.hhi == 1.0


def test_region_table_covers_every_iso_country() -> None:
    table = regions()
    assert {c.alpha_2 for c in pycountry.countries} <= set(table)
    assert all(r.north_south in {"North", "South"} for code, r in table.items() if code != "AQ")
    spot = {
        code: (table[code].region, table[code].subregion, table[code].north_south)
        for code in ("CN", "US", "DE", "BR", "JP", "KR", "IN", "ZA", "AU", "MX", "RU", "NR")
    }
    assert spot == {
        "CN": ("Asia", "Eastern Asia", "South"),
        "US": ("Americas", "Northern America", "North"),
        "DE": ("Europe", "Western Europe", "North"),
        "BR": ("Americas", "Latin America and the Caribbean", "South"),
        "JP": ("Asia", "Eastern Asia", "North"),
        "KR": ("Asia", "Eastern Asia", "North"),
        "IN": ("Asia", "Southern Asia", "South"),
        "ZA": ("Africa", "Sub-Saharan Africa", "South"),
        "AU": ("Oceania", "Australia and New Zealand", "North"),
        "MX": ("Americas", "Latin America and the Caribbean", "South"),
        "RU": ("Europe", "Eastern Europe", "North"),
        "NR": ("Oceania", "Micronesia", "South"),
    }
    assert table["MX"].intermediate_region == "Central America"
    assert region_of("ZZ").region == "unknown"


def test_region_csv_names_its_sources_and_m49_codes_match_iso_numeric() -> None:
    text = resources.files("govgraph").joinpath("data/regions.csv").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "M49" in header and "UNCTAD" in header and "Statistics Division" in header
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    numeric = {c.alpha_2: c.numeric for c in pycountry.countries}
    assert all(r["m49"] == numeric[r["iso2"]] for r in rows if r["iso2"] in numeric)


def test_disputed_facts_are_marked_beside_the_figures() -> None:
    """A record whose notes begin 'Disputed:' is flagged in the JSON and explained under the table."""
    p = result()
    ended = {m["institution"]: m for m in p.ended_by_state_action}
    assert ended["t-alliance-1"]["disputed"] is True
    assert ended["t-alliance-1"]["dispute"] == "a public source says the firm suspended itself."
    assert ended["t-alliance-2"]["disputed"] is False and ended["t-alliance-2"]["dispute"] is None
    assert p.to_json()["disputed"] == 1
    table = next(t for t in p.tables() if t.name == "ended_by_state_action")
    assert [row[6] for row in table.rows] == ["", "disputed"]  # ends 2019, then 2019-05
    assert table.notes == [
        "1 of these 2 ends (date, reason) are the paper's, disputed by public sources:",
        "t-firm - t-alliance-1: a public source says the firm suspended itself.",
    ]


def test_seed_huawei_terminations_are_marked_disputed() -> None:
    p = power(build_graph(load_dataset()))
    huawei = [m for m in p.ended_by_state_action if m["member"] == "huawei"]
    assert len(huawei) == 3 and all(m["disputed"] for m in huawei)
    jedec = next(m for m in huawei if m["institution"] == "jedec")
    assert "Huawei itself suspended" in jedec["dispute"]
    assert any(a["disputed"] and a["target"] == "huawei" for a in p.state_actions)


def test_table_precision() -> None:
    p = result()
    p.precision = 2
    summary = next(t for t in p.tables() if t.name == "power_summary")
    assert ["HHI (0-1)", "0.22"] in summary.rows and ["HHI (0-10,000)", "2200"] in summary.rows
