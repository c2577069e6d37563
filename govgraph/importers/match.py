"""Proposing that two actors are one body (``govgraph match``), for a person to accept into a crosswalk.

Candidates are found by blocking, never by comparing every pair: each organisation or agreement is indexed under
its acronyms and under the rare tokens of its normalised names (a token shared by more than :data:`MAX_BLOCK`
actors, such as "international", blocks nothing), and only actors sharing a key are compared. Each candidate
pair gets a score in [0, 1]: 0.45 for a shared acronym, up to 0.45 for the overlap of the name tokens (Jaccard,
after expanding the abbreviations the datasets use: "Intl", "Org", "Comm"), 0.1 when the founding years are at
most two apart (0.2 less when they are more than ten apart). Pairs whose records come from the same dataset
are left out unless asked for; so are pairs already one actor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from govgraph.model import Dataset
from govgraph.tables import Table

__all__ = ["MAX_BLOCK", "Match", "MatchReport", "propose_matches"]

MAX_BLOCK = 40
_ABBREVIATIONS = {
    "intl": "international",
    "int": "international",
    "org": "organization",
    "organisation": "organization",
    "orgs": "organizations",
    "comm": "commission",
    "comte": "committee",
    "assn": "association",
    "assoc": "association",
    "coop": "cooperation",
    "co-operation": "cooperation",
    "econ": "economic",
    "dev": "development",
    "eur": "european",
    "instit": "institute",
    "inst": "institute",
    "nuke": "nuclear",
    "biol": "biology",
    "lab": "laboratory",
    "prop": "property",
    "intell": "intellectual",
    "telecom": "telecommunication",
    "telecommunications": "telecommunication",
    "un": "united nations",
    "&": "and",
}
_STOP = {"of", "the", "for", "and", "on", "in", "de", "des", "la", "le", "to", "a", "an"}
_WORD = re.compile(r"[a-z0-9&-]+")


def _tokens(name: str) -> frozenset[str]:
    out: list[str] = []
    for w in _WORD.findall(name.lower()):
        w = w.strip("-")
        out.extend(_ABBREVIATIONS.get(w, w).split())
    return frozenset(w for w in out if w and w not in _STOP)


def _is_acronym(text: str) -> bool:
    """``UNESCO``, ``IOcC``, ``G11``: one word of 2-12 characters with at least two capitals."""
    return 2 <= len(text) <= 12 and " " not in text and sum(c.isupper() for c in text) >= 2


def _acronyms(actor: Any) -> set[str]:
    out = {a.lower() for a in actor.aliases if _is_acronym(a)}
    for part in re.findall(r"\(([A-Z][A-Za-z]{1,11})\)", actor.name):
        out.add(part.lower())
    return out


def _datasets(actor: Any) -> frozenset[str]:
    return frozenset(c.key for c in actor.sources)


@dataclass(frozen=True)
class Match:
    """A proposed pair, its score and why."""

    score: float
    a: str
    b: str
    name_a: str
    name_b: str
    why: str


@dataclass
class MatchReport:
    """Proposed matches, best first (a report: ``to_json`` and ``tables``)."""

    matches: list[Match]
    actors: int
    compared: int

    def to_json(self) -> dict[str, Any]:
        return {
            "actors": self.actors,
            "pairs_compared": self.compared,
            "matches": [m.__dict__ for m in self.matches],
        }

    def tables(self) -> list[Table]:
        rows = [[f"{m.score:.2f}", m.a, m.b, m.name_a, m.name_b, m.why] for m in self.matches]
        return [
            Table(
                "matches",
                "Proposed matches (accept a pair by adding it to a crosswalk)",
                ["score", "actor", "other", "name", "other name", "why"],
                rows,
                notes=[
                    f"{self.actors} actors; {self.compared} candidate pairs compared "
                    "(blocked by acronym and rare name tokens)"
                ],
            )
        ]


def _score(a: Any, b: Any, ta: frozenset[str], tb: frozenset[str], aa: set[str], ab: set[str]) -> tuple[float, str]:
    score, why = 0.0, []
    shared = sorted(aa & ab)
    if shared:
        score += 0.45
        why.append(f"acronym {shared[0].upper()}")
    if ta and tb:
        jac = len(ta & tb) / len(ta | tb)
        score += 0.45 * jac
        why.append(f"names {jac:.2f} alike")
    if a.founded and b.founded:
        gap = abs(a.founded.year - b.founded.year)
        if gap <= 2:
            score += 0.1
            why.append(f"founded {a.founded.year}/{b.founded.year}")
        elif gap > 10:
            score -= 0.2
            why.append(f"founded {gap} years apart")
    return round(max(score, 0.0), 4), "; ".join(why)


def propose_matches(
    ds: Dataset, *, min_score: float = 0.6, within: bool = False, kinds: tuple[str, ...] = ("organisation", "agreement")
) -> MatchReport:
    """Pairs of organisations (or agreements) of ``ds`` that may be one body, scored, best first."""
    actors = {aid: a for aid, a in ds.actors.items() if a.kind in kinds}
    toks = {
        aid: frozenset().union(*(_tokens(n) for n in (a.name, *[x for x in a.aliases if not _is_acronym(x)])))
        for aid, a in actors.items()
    }
    acr = {aid: _acronyms(a) for aid, a in actors.items()}
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for aid in sorted(actors):
        kind = actors[aid].kind
        for x in acr[aid]:
            blocks[(kind, "acr:" + x)].append(aid)
        for t in toks[aid]:
            blocks[(kind, t)].append(aid)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                pairs.add((x, y))
    out = []
    compared = 0
    for x, y in sorted(pairs):
        a, b = actors[x], actors[y]
        if not within and _datasets(a) == _datasets(b):
            continue
        compared += 1
        score, why = _score(a, b, toks[x], toks[y], acr[x], acr[y])
        if score >= min_score:
            out.append(Match(score, x, y, a.name, b.name, why))
    out.sort(key=lambda m: (-m.score, m.a, m.b))
    return MatchReport(out, len(actors), compared)
