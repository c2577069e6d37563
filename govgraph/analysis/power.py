"""Power structure: where institutions have their seat, how concentrated that is, and what states do to them.

Headquarters are counted by country (``hq_country``), by UN M49 region and across the North-South divide
(:mod:`govgraph.regions`, UNCTAD's developed economies as North). Concentration is the Herfindahl-Hirschman
index over countries, HHI = sum of squared shares, given on the 0-1 scale (``hhi``) and on the 0-10,000 scale
of competition policy (``hhi_10000``, shares in percent). State actions are the ties of the vocabulary's
``state_action`` category (sanctions, withheld funding) and the memberships that ended with
``end_reason: state_action`` (e.g. firms dropped from industry alliances after a government ban).

Disputed facts are marked wherever they are used: a record whose ``notes`` begin with ``Disputed:`` keeps the
paper's value and says there what public sources say instead (the Huawei terminations: 2021 and ended by state
action in the paper; a temporary restriction in May 2019, a suspension that was Huawei's own at JEDEC, and a
relisting within about a week, in public sources). Rows built on such a record carry ``disputed: true`` and the
note; the tables say so beside the figures they feed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from govgraph.disputes import DISPUTED, disputed_note
from govgraph.precision import significant
from govgraph.regions import region_of
from govgraph.tables import Table
from govgraph.vocab import vocabulary

__all__ = ["DISPUTED", "Power", "disputed_note", "hhi", "power"]


def hhi(counts: dict[str, int] | Counter) -> float:
    """The Herfindahl-Hirschman index on the 0-1 scale: the sum of squared shares (0 for no counts)."""
    total = sum(counts.values())
    return sum((n / total) ** 2 for n in counts.values()) if total else 0.0


@dataclass
class Power:
    """Headquarters by country, region and North-South, their concentration, and state actions."""

    kinds: list[str]
    counted: int
    without_hq: list[str]
    by_country: list[dict[str, Any]]
    by_region: list[dict[str, Any]]
    by_subregion: list[dict[str, Any]]
    north_south: list[dict[str, Any]]
    hhi: float
    top_country: str | None
    top_share: float
    state_actions: list[dict[str, Any]]
    ended_by_state_action: list[dict[str, Any]]
    as_of: int | None
    precision: int = 3

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "kinds": self.kinds,
            "counted": self.counted,
            "without_hq": self.without_hq,
            "by_country": self.by_country,
            "by_region": self.by_region,
            "by_subregion": self.by_subregion,
            "north_south": self.north_south,
            "hhi": self.hhi,
            "hhi_10000": self.hhi * 10000,
            "hhi_scale": "hhi: sum of squared shares, 0-1; hhi_10000: shares in percent, 0-10,000",
            "top_country": self.top_country,
            "top_share": self.top_share,
            "state_actions": self.state_actions,
            "ended_by_state_action": self.ended_by_state_action,
            "disputed": sum(r["disputed"] for r in self.state_actions + self.ended_by_state_action),
        }

    def tables(self) -> list[Table]:
        d = self.precision

        def grouped(name: str, title: str, key: str, rows: list[dict[str, Any]]) -> Table:
            return Table(
                name,
                title,
                [key, "count", "share"],
                [[r[key], r["count"], significant(r["share"], d, trim=True)] for r in rows],
            )

        countries = [
            [r["country"], r["name"], r["region"], r["north_south"], r["count"], significant(r["share"], d, trim=True)]
            for r in self.by_country
        ]
        summary = [
            ["institutions with a seat", self.counted],
            ["without a recorded seat", len(self.without_hq)],
            ["countries", len(self.by_country)],
            ["top country", self.top_country],
            ["top country's share", significant(self.top_share, d, trim=True)],
            ["HHI (0-1)", significant(self.hhi, d, trim=True)],
            ["HHI (0-10,000)", significant(self.hhi * 10000, d, trim=True)],
        ]
        actions = [
            [
                a["source"],
                a["type"],
                a["target"],
                a.get("start"),
                a.get("end"),
                a.get("status") or a.get("role"),
                "disputed" if a["disputed"] else "",
                a["sources"],
            ]
            for a in self.state_actions
        ]
        ended = [
            [
                m["member"],
                m["type"],
                m["institution"],
                m.get("start"),
                m.get("end"),
                m["related_actions"],
                "disputed" if m["disputed"] else "",
                m["sources"],
            ]
            for m in self.ended_by_state_action
        ]
        n_disputed = sum(m["disputed"] for m in self.ended_by_state_action)
        ended_notes = (
            [
                f"{n_disputed} of these {len(self.ended_by_state_action)} ends (date, reason) are the paper's, "
                "disputed by public sources:"
            ]
            if n_disputed
            else []
        )
        ended_notes += [
            f"{m['member']} - {m['institution']}: {m['dispute']}" for m in self.ended_by_state_action if m["disputed"]
        ]
        action_notes = [
            f"{a['source']} {a['type']} {a['target']}: {a['dispute']}" for a in self.state_actions if a["disputed"]
        ]
        kinds = ", ".join(self.kinds)
        return [
            Table(
                "power_summary",
                f"Headquarters concentration ({kinds})",
                ["measure", "value"],
                summary,
                notes=["HHI = sum over countries of (share of headquarters)^2; 1 = all in one country."],
            ),
            Table(
                "hq_by_country",
                "Headquarters by country",
                ["country", "name", "region", "north/south", "count", "share"],
                countries,
            ),
            grouped("hq_by_region", "Headquarters by UN M49 region", "region", self.by_region),
            grouped("hq_by_subregion", "Headquarters by UN M49 sub-region", "subregion", self.by_subregion),
            grouped(
                "hq_north_south",
                "Headquarters North and South (UNCTAD developed economies = North)",
                "north_south",
                self.north_south,
            ),
            Table(
                "state_actions",
                "State actions",
                ["state", "action", "target", "start", "end", "status/role", "disputed", "sources"],
                actions,
                notes=action_notes,
            ),
            Table(
                "ended_by_state_action",
                "Memberships ended by a state's action",
                ["member", "tie", "institution", "start", "end", "related state actions", "disputed", "sources"],
                ended,
                notes=ended_notes,
            ),
        ]


def _shares(counts: Counter, key: str) -> list[dict[str, Any]]:
    total = sum(counts.values())
    return [{key: k, "count": n, "share": n / total} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _state_actions(g: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """State-action ties, and membership ties ended by a state's action (with the actions aimed at the member)."""
    v = vocabulary()
    action_types = set(v.relation_types_in("state_action"))
    membership = set(v.relation_types_in("membership"))
    actions = sorted(
        (
            {
                "source": a,
                "target": b,
                **{k: d[k] for k in ("id", "type", "start", "end", "status", "role") if k in d},
                "sources": d.get("sources", []),
                "disputed": disputed_note(d) is not None,
                "dispute": disputed_note(d),
            }
            for a, b, d in g.edges(data=True)
            if d["type"] in action_types
        ),
        key=lambda r: (r.get("start") or "", r["source"], r["target"], r["id"]),
    )
    aimed: dict[str, list[str]] = {}
    for a in actions:
        aimed.setdefault(a["target"], []).append(a["id"])
    ended = sorted(
        (
            {
                "member": a,
                "institution": b,
                "type": d["type"],
                "id": d["id"],
                "start": d.get("start"),
                "end": d.get("end"),
                "related_actions": aimed.get(a, []),
                "sources": d.get("sources", []),
                "disputed": disputed_note(d) is not None,
                "dispute": disputed_note(d),
            }
            for a, b, d in g.edges(data=True)
            if d["type"] in membership and d.get("end_reason") == "state_action"
        ),
        key=lambda r: (r["end"] or "", r["member"], r["institution"], r["id"]),
    )
    return actions, ended


def power(g: nx.MultiDiGraph, kinds: list[str] | None = None, year: int | None = None) -> Power:
    """Headquarters by country, region and North-South; HHI and the top share; state actions.

    ``kinds`` are the kinds of actor whose seats are counted (default: organisations). Seats are counted for
    the actors alive in the graph's year: its ``as_of`` for a snapshot, else the latest year the data records
    (dissolved bodies drop out), read off the nodes' years without building the snapshot; ``year`` gives that
    year when the graph holds only some of the data's ties. State actions are every one the graph holds (all of
    history unless a snapshot).

    Examples
    --------
    >>> round(hhi({"US": 2, "CH": 1, "FR": 1}), 4)  # (1/2)^2 + (1/4)^2 + (1/4)^2
    0.375
    """
    from govgraph.analysis.projections import check_kinds
    from govgraph.graph import alive_in
    from govgraph.years import default_year

    chosen = list(check_kinds(kinds, default=("organisation",)))
    snap = "as_of" in g.graph
    if year is None:
        year = g.graph["as_of"] if snap else default_year(g)
    nodes = sorted(
        n
        for n, d in g.nodes(data=True)
        if d.get("kind") in chosen
        and (snap or year is None or alive_in(d.get("founded_year"), d.get("dissolved_year"), year))
    )
    seats = {n: g.nodes[n]["hq_country"] for n in nodes if g.nodes[n].get("hq_country")}
    by_country = Counter(seats.values())
    rows = []
    for r in _shares(by_country, "country"):
        info = region_of(r["country"])
        rows.append(
            {
                **r,
                "name": info.name,
                "region": info.region,
                "subregion": info.subregion,
                "north_south": info.north_south,
            }
        )
    top = rows[0] if rows else None
    actions, ended = _state_actions(g)
    return Power(
        kinds=chosen,
        counted=len(seats),
        without_hq=[n for n in nodes if n not in seats],
        by_country=rows,
        by_region=_shares(Counter(region_of(c).region for c in seats.values()), "region"),
        by_subregion=_shares(Counter(region_of(c).subregion for c in seats.values()), "subregion"),
        north_south=_shares(Counter(region_of(c).north_south for c in seats.values()), "north_south"),
        hhi=hhi(by_country),
        top_country=top["country"] if top else None,
        top_share=top["share"] if top else 0.0,
        state_actions=actions,
        ended_by_state_action=ended,
        as_of=year,
    )
