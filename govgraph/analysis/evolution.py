"""Evolution: foundings per decade by kind, cumulative counts, dissolutions, successions and the paper's stages.

The stages are the vocabulary's (``vocabulary().stages``, each with its start year); a stage runs until the
next one starts. Stages are assigned by founding year alone, so a stage's foundings are not all of the kind the
paper names it for (ITU, 1865, is intergovernmental, not a professional society). To test the paper's three-stage
story, foundings of *institutions* (organisations, programmes, agreements; states and firms left out) are also
split by organisation type (``org_type``; programmes and agreements by their kind), per decade and per stage, with
each type's share of the stage's foundings: the story predicts learned and professional societies to dominate
the first stage, intergovernmental bodies the second, and a mix (industry alliances, programmes, councils) the
third. Figures the paper reports about counts of organisations (its figures 1 and 2) are shown beside
the computed counts, so a reader sees how much of the field the dataset covers. A founding date that public
sources dispute (``founded_disputed``: WIPO, 1974 in the paper, 1970 in public sources) is counted under the
paper's year, and every table that counts foundings says so (:mod:`govgraph.disputes`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from govgraph.disputes import disputed_foundings, founding_notes
from govgraph.precision import significant
from govgraph.tables import Table
from govgraph.vocab import vocabulary

__all__ = ["Evolution", "decade_of", "evolution"]


def decade_of(year: int) -> int:
    """The first year of the decade of ``year`` (1987 -> 1980)."""
    return year // 10 * 10


@dataclass
class Evolution:
    """Foundings and dissolutions over time, successions, stages and the paper's own counts."""

    kinds: list[str]
    decades: list[dict[str, Any]]
    undated: dict[str, int]
    dissolutions: list[dict[str, Any]]
    successions: list[dict[str, Any]]
    stages: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    as_of: int | None
    types: list[str] = field(default_factory=list)
    types_by_decade: list[dict[str, Any]] = field(default_factory=list)
    types_by_stage: list[dict[str, Any]] = field(default_factory=list)
    disputed_foundings: list[dict[str, Any]] = field(default_factory=list)
    precision: int = 3

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "kinds": self.kinds,
            "decades": self.decades,
            "undated": self.undated,
            "dissolutions": self.dissolutions,
            "successions": self.successions,
            "stages": self.stages,
            "figures": self.figures,
            "institution_types": self.types,
            "types_by_decade": self.types_by_decade,
            "types_by_stage": self.types_by_stage,
            "disputed_foundings": self.disputed_foundings,
        }

    def tables(self) -> list[Table]:
        decades = [
            [
                d["decade"],
                *(d["founded"][k] for k in self.kinds),
                d["total"],
                d["cumulative"],
                d["dissolved"],
                d["alive"],
            ]
            for d in self.decades
        ]
        stages = [
            [s["stage"], s["start"], s["end"], *(s["founded"][k] for k in self.kinds), s["total"]] for s in self.stages
        ]
        dissolved = [[d["id"], d["name"], d["kind"], d["dissolved"], d["successors"]] for d in self.dissolutions]
        succ = [[s["source"], s["target"], s["year"], s["status"], s["sources"]] for s in self.successions]
        figs = [
            [f["id"], f["value"], f.get("qualifier"), f["unit"], f.get("year"), f["description"], f["sources"]]
            for f in self.figures
        ]
        undated = ", ".join(f"{k} {n}" for k, n in self.undated.items() if n) or "none"
        stage_names = [r["stage"] for r in self.types_by_stage]
        marks = founding_notes(self.disputed_foundings)  # on every table that counts foundings
        return [
            Table(
                "foundings_by_decade",
                "Foundings per decade",
                ["decade", *self.kinds, "total", "cumulative", "dissolved", "alive"],
                decades,
                notes=[
                    "cumulative: founded by the decade's end; alive: cumulative minus dissolved by then;",
                    f"actors without a founding year: {undated}.",
                    *marks,
                ],
            ),
            Table(
                "stages",
                "Foundings per stage of governance (paper §2)",
                ["stage", "from", "to", *self.kinds, "total"],
                stages,
                notes=[f"{s['stage']}: {s['definition']}" for s in self.stages] + marks,
            ),
            Table(
                "foundings_by_type_and_stage",
                "Institutions founded per stage, by organisation type (states and firms left out)",
                ["type", *stage_names, "total"],
                [[t, *(n := [r["founded"][t] for r in self.types_by_stage]), sum(n)] for t in self.types]
                + [["total", *(r["total"] for r in self.types_by_stage), sum(r["total"] for r in self.types_by_stage)]],
                notes=marks,
            ),
            Table(
                "type_shares_by_stage",
                "Share of each organisation type in the stage's institution foundings",
                ["type", *stage_names],
                [
                    [t, *(significant(r["shares"][t], self.precision, trim=True) for r in self.types_by_stage)]
                    for t in self.types
                ],
                notes=[
                    "what the paper's stages predict: societies first, intergovernmental bodies second, "
                    "a mix of many kinds of actor third (paper §2); a stage is assigned by founding year alone.",
                    *marks,
                ],
            ),
            Table(
                "foundings_by_type_and_decade",
                "Institutions founded per decade, by organisation type (decades and types with foundings)",
                ["decade", "type", "founded"],
                [[r["decade"], t, n] for r in self.types_by_decade for t, n in r["founded"].items() if n],
                notes=marks,
            ),
            Table("dissolutions", "Dissolutions", ["id", "name", "kind", "dissolved", "successors"], dissolved),
            Table(
                "successions",
                "Successions (mergers, renamings, transformations, replacements)",
                ["from", "to", "year", "mode", "sources"],
                succ,
            ),
            Table(
                "paper_figures",
                "Counts the paper reports",
                ["id", "value", "qualifier", "unit", "year", "description", "sources"],
                figs,
            ),
        ]


def _stage_spans(last_year: int | None) -> list[tuple[str, int, int | None, str]]:
    """The stages as (name, first year, last year or None, definition), in order."""
    stages = sorted(vocabulary().stages.items(), key=lambda kv: kv[1]["start"])
    spans = []
    for i, (name, spec) in enumerate(stages):
        end = stages[i + 1][1]["start"] - 1 if i + 1 < len(stages) else last_year
        spans.append((name, spec["start"], end, spec["definition"]))
    return spans


def _decade_rows(g: nx.MultiDiGraph, kinds: list[str]) -> list[dict[str, Any]]:
    founded = Counter((decade_of(d["founded_year"]), d["kind"]) for _, d in g.nodes(data=True) if "founded_year" in d)
    ended = Counter(decade_of(d["dissolved_year"]) for _, d in g.nodes(data=True) if "dissolved_year" in d)
    years = {dec for dec, _ in founded} | set(ended)
    if not years:
        return []
    rows, cumulative, dissolved = [], 0, 0
    for dec in range(min(years), max(years) + 10, 10):
        per_kind = {k: founded.get((dec, k), 0) for k in kinds}
        total = sum(per_kind.values())
        cumulative += total
        dissolved += ended.get(dec, 0)
        rows.append(
            {
                "decade": dec,
                "founded": per_kind,
                "total": total,
                "cumulative": cumulative,
                "dissolved": ended.get(dec, 0),
                "alive": cumulative - dissolved,
            }
        )
    return rows


def _stage_rows(g: nx.MultiDiGraph, kinds: list[str], last_year: int | None) -> list[dict[str, Any]]:
    v = vocabulary()
    counts = Counter(
        (v.stage_of_year(d["founded_year"]), d["kind"]) for _, d in g.nodes(data=True) if "founded_year" in d
    )
    before = Counter(
        d["kind"] for _, d in g.nodes(data=True) if "founded_year" in d and v.stage_of_year(d["founded_year"]) is None
    )
    rows = []
    for name, start, end, definition in _stage_spans(last_year):
        per_kind = {k: counts.get((name, k), 0) for k in kinds}
        rows.append(
            {
                "stage": name,
                "start": start,
                "end": end,
                "founded": per_kind,
                "total": sum(per_kind.values()),
                "definition": definition,
            }
        )
    if before:
        per_kind = {k: before.get(k, 0) for k in kinds}
        rows.insert(
            0,
            {
                "stage": "before_stages",
                "start": None,
                "end": rows[0]["start"] - 1 if rows else None,
                "founded": per_kind,
                "total": sum(per_kind.values()),
                "definition": "Founded before the first stage the paper names.",
            },
        )
    return rows


#: Kinds of actor counted as institutions in the type tables (states and firms are members, not institutions).
INSTITUTION_KINDS: tuple[str, ...] = ("organisation", "programme", "agreement")


def institution_type(d: dict[str, Any]) -> str:
    """The type an institution is counted under: its ``org_type``, else its kind (programme, agreement)."""
    if d.get("kind") == "organisation":
        return d.get("org_type") or "organisation"
    return d.get("kind", "unknown")


def _type_rows(g: nx.MultiDiGraph, last_year: int | None) -> tuple[list[str], list[dict], list[dict]]:
    """Institution types, and foundings per decade and per stage by type (with each type's share of the stage)."""
    v = vocabulary()
    dated = [
        (d["founded_year"], institution_type(d))
        for _, d in g.nodes(data=True)
        if d.get("kind") in INSTITUTION_KINDS and "founded_year" in d
    ]
    types = sorted({t for _, t in dated})
    decades = Counter((decade_of(y), t) for y, t in dated)
    decade_rows = []
    if dated:
        lo, hi = decade_of(min(y for y, _ in dated)), decade_of(max(y for y, _ in dated))
        for dec in range(lo, hi + 10, 10):
            per = {t: decades.get((dec, t), 0) for t in types}
            decade_rows.append({"decade": dec, "founded": per, "total": sum(per.values())})
    stages = Counter((v.stage_of_year(y) or "before_stages", t) for y, t in dated)
    names = ["before_stages"] if any(v.stage_of_year(y) is None for y, _ in dated) else []
    names += [name for name, *_ in _stage_spans(last_year)]
    stage_rows = []
    for name in names:
        per = {t: stages.get((name, t), 0) for t in types}
        total = sum(per.values())
        shares = {t: (n / total if total else 0.0) for t, n in per.items()}
        stage_rows.append({"stage": name, "founded": per, "total": total, "shares": shares})
    return types, decade_rows, stage_rows


def _successions(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    types = set(vocabulary().relation_types_in("succession"))
    rows = [
        {
            "source": u,
            "target": v,
            "type": d["type"],
            "year": d.get("start_year"),
            "status": d.get("status"),
            "id": d["id"],
            "sources": d.get("sources", []),
        }
        for u, v, d in g.edges(data=True)
        if d["type"] in types
    ]
    return sorted(rows, key=lambda r: (r["year"] is None, r["year"] or 0, r["source"], r["target"], r["id"]))


def evolution(g: nx.MultiDiGraph, kinds: list[str] | None = None) -> Evolution:
    """Foundings per decade by kind, cumulative counts, dissolutions, successions and the stages.

    ``kinds`` limits the counts to some kinds of actor (default: every kind). The graph is taken whole (not a
    snapshot of one year) unless it already is one; a snapshot counts only what was alive that year.
    """
    from govgraph.analysis.projections import check_kinds

    chosen = list(check_kinds(kinds, default=tuple(vocabulary().kinds)))
    h = g.subgraph(n for n, d in g.nodes(data=True) if d.get("kind") in chosen)
    years = [d[k] for _, d in h.nodes(data=True) for k in ("founded_year", "dissolved_year") if k in d]
    last = g.graph.get("as_of") or (max(years) if years else None)
    succ = _successions(g)
    successors: dict[str, list[str]] = {}
    for s in succ:
        successors.setdefault(s["source"], []).append(s["target"])
    dissolutions = sorted(
        (
            {
                "id": n,
                "name": d.get("name", n),
                "kind": d["kind"],
                "dissolved": d["dissolved_year"],
                "successors": sorted(successors.get(n, [])),
            }
            for n, d in h.nodes(data=True)
            if "dissolved_year" in d
        ),
        key=lambda r: (r["dissolved"], r["id"]),
    )
    undated = Counter(d["kind"] for _, d in h.nodes(data=True) if "founded_year" not in d)
    figures = [
        dict(f, id=k, sources=sorted({c["key"] if isinstance(c, dict) else c for c in f.get("sources", [])}))
        for k, f in sorted(g.graph.get("figures", {}).items())
        if "organisation" in str(f.get("unit", "")).lower()
    ]
    types, types_by_decade, types_by_stage = _type_rows(g, last)
    return Evolution(
        disputed_foundings=disputed_foundings(g),
        types=types,
        types_by_decade=types_by_decade,
        types_by_stage=types_by_stage,
        kinds=chosen,
        decades=_decade_rows(h, chosen),
        undated={k: undated.get(k, 0) for k in chosen},
        dissolutions=dissolutions,
        successions=succ,
        stages=_stage_rows(h, chosen, last),
        figures=figures,
        as_of=g.graph.get("as_of"),
    )
