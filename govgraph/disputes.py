"""Disputed facts: the paper's value is kept, the public sources' is noted, and outputs that use it say so.

Two marks, both general: a record whose ``notes`` begin with ``Disputed:`` keeps the paper's value and says there
what public sources say instead (the Huawei terminations, used by ``power``); an actor with ``founded_disputed``
keeps the paper's founding date in ``founded`` and the public sources' in ``founded_disputed`` (WIPO: 1974 in
the paper, 26 April 1970 in public sources). Foundings are counted under the paper's year; the lifetime checks
accept ties inside the range between the two dates; snapshots (``--as-of``, ``--over``) follow the paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = ["DISPUTED", "disputed_foundings", "disputed_note", "founding_notes", "snapshot_notes"]

#: The prefix of a record's ``notes`` that marks its value as disputed by public sources.
DISPUTED = "disputed:"


def disputed_note(d: dict[str, Any]) -> str | None:
    """The dispute a record's ``notes`` declare (text after ``Disputed:``), or None when it is not disputed."""
    notes = (d.get("notes") or "").strip()
    return notes[len(DISPUTED) :].strip() if notes.lower().startswith(DISPUTED) else None


def disputed_foundings(g: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The actors (of ``nodes``, default all) whose founding date public sources dispute, sorted by id.

    Each row: ``id``, ``founded`` (the paper's date, which is used), ``founded_disputed`` (the public sources'),
    and their years ``year`` and ``disputed_year``.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("wipo", founded="1974", founded_year=1974, founded_disputed="1970-04-26")
    >>> disputed_foundings(g)
    [{'id': 'wipo', 'founded': '1974', 'founded_disputed': '1970-04-26', 'year': 1974, 'disputed_year': 1970}]
    """
    chosen = g.nodes if nodes is None else nodes
    return [
        {
            "id": n,
            "founded": d["founded"],
            "founded_disputed": d["founded_disputed"],
            "year": d["founded_year"],
            "disputed_year": int(d["founded_disputed"].lstrip("~")[:4]),
        }
        for n in sorted(chosen)
        if (d := g.nodes[n]).get("founded_disputed") and d.get("founded_year") is not None
    ]


def founding_notes(rows: list[dict[str, Any]]) -> list[str]:
    """Notes for a table that counts foundings: each disputed founding, counted under the paper's year.

    >>> founding_notes([{"id": "wipo", "founded": "1974", "founded_disputed": "1970-04-26", "year": 1974}])
    ['disputed founding: wipo is counted under 1974 (the paper); public sources date it 1970-04-26.']
    """
    return [
        f"disputed founding: {r['id']} is counted under {r['year']} (the paper); public sources date it "
        f"{r['founded_disputed']}."
        for r in rows
    ]


def snapshot_notes(rows: list[dict[str, Any]], years: Iterable[int]) -> list[str]:
    """Notes for snapshots of ``years``: the years in which a disputed founding changes what a snapshot holds.

    >>> snapshot_notes([{"id": "wipo", "founded": "1974", "founded_disputed": "1970-04-26", "year": 1974,
    ...                  "disputed_year": 1970}], [1960, 1970, 1980])
    ['disputed founding: wipo is left out of 1970 (founded 1974 in the paper; 1970-04-26 in public sources).']
    """
    wanted = sorted(set(years))
    notes = []
    for r in rows:
        lo, hi = sorted((r["year"], r["disputed_year"]))
        hit = [y for y in wanted if lo <= y < hi]
        if not hit:
            continue
        which = "left out of" if r["disputed_year"] < r["year"] else "counted in"
        notes.append(
            f"disputed founding: {r['id']} is {which} {', '.join(map(str, hit))} (founded {r['founded']} in the "
            f"paper; {r['founded_disputed']} in public sources)."
        )
    return notes
