"""Correlates of War IGO data (v3) -> a folder of govgraph YAML.

What becomes what:

- each IGO -> an ``organisation`` (``intergovernmental`` unless the crosswalk says otherwise): ``founded`` from
  ``sdate``, ``dissolved`` from ``deaddate`` when ``dead``; ids ``cow-igo-<ioname>``, or the seed's id for the
  IGOs in ``data/cow_crosswalk.csv`` (UNESCO -> ``unesco``), marked ``merge: true`` so that the seeds and the
  import load as one actor;
- each state column -> a ``state`` with its COW code and ISO 3166 codes (``data/cow_states.csv``); id the ISO
  alpha-2 code in lower case (``us``), ``merge: true``; historical states without an ISO code ``cow-<abb>``;
- each run of years with one unchanged status (1 full, 2 associate, 3 observer) -> a ``member_of`` relation.

How intervals are read. Rows are annual from 1965 and (in the official file) every five years before. An
interval starts in the first year a status is observed and ends in the last year it is observed: between two
observations five years apart the data do not say when a state joined or left, so the interval claims only
what was observed and the relation's ``notes`` give the next or previous observation ("last observed as full
member in 1955; next observation 1960: not a member"). Missing data (-9) is never read as "not a member": it
ends the interval at the last observed year, and the note says the data are missing from then. -1 (not in
the state system) ends an interval too. A membership still observed in the last year of the data, in an IGO
that is alive, is left open (no ``end``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import UsageError
from govgraph.importers.cow_reader import CowTable, IgoRows, Progress, read_cow_igo
from govgraph.importers.crosswalks import IgoLink, StateCode, igo_crosswalk, state_codes, successors
from govgraph.importers.curated import curated_spans
from govgraph.importers.pipeline import Files, finish, located
from govgraph.importers.report import ImportReport, oddity_table
from govgraph.tables import Table

__all__ = ["SOURCE_ID", "CowImport", "convert", "import_cow_igo", "memberships_of", "read_state_columns"]

SOURCE_ID = "cow-igo-v3"
STATUS = {1: "full", 2: "associate", 3: "observer"}
LABEL = {
    0: "not a member",
    1: "full member",
    2: "associate member",
    3: "observer",
    -9: "missing data (-9)",
    -1: "not in the state system (-1)",
}
_RANK = {1: 5, 2: 4, 3: 3, 0: 2, -9: 1, -1: 0}  # which code wins when two COW columns are one actor in a year
FILES = ("sources.yaml", "organisations.yaml", "states.yaml", "memberships.yaml", "successions.yaml")
#: a year at or beyond this is a placeholder (COW and others write 9999 for "not known" or "still alive")
PLACEHOLDER_YEAR = 9000


def _source(table: CowTable) -> dict[str, Any]:
    return {
        "id": SOURCE_ID,
        "type": "dataset",
        "title": "Correlates of War Intergovernmental Organizations data, version 3.0",
        "authors": ["Pevehouse J. C. W.", "Nordstrom T.", "McManus R. W.", "Jamison A. S."],
        "year": 2020,
        "container": "Journal of Peace Research 57(3) 492-503 (Tracking organizations in the world: the "
        "Correlates of War IGO Version 3.0 datasets)",
        "url": "https://doi.org/10.1177/0022343319881175",
        "note": f"Imported by govgraph from {Path(table.file).name} ({table.rows} rows, sha256 {table.sha256[:16]}).",
    }


def _clean(text: str) -> str:
    """Trim spaces, including Mac Roman no-break spaces misread as 'Ê' at the ends of names."""
    return text.strip(" \t\u00a0\u00ca")


@dataclass
class Interval:
    """A run of years with one membership status."""

    status: int
    start: int
    last: int
    end: int | None = None
    notes: list[str] = field(default_factory=list)


def memberships_of(years: list[int], codes: list[int], *, open_end: bool) -> list[Interval]:
    """The intervals of unchanged status 1/2/3 in one state's codes, observed in ``years`` (sorted).

    ``open_end``: a status still observed in the last row is left open (no ``end``).
    """
    out: list[Interval] = []
    cur: Interval | None = None
    prev: tuple[int, int] | None = None
    for year, code in zip(years, codes, strict=True):
        if cur is not None and code == cur.status:
            cur.last = year
        else:
            if cur is not None:
                _close(cur, year, code)
                out.append(cur)
                cur = None
            if code in STATUS:
                cur = Interval(code, year, year)
                if prev is not None and prev[1] == -9:
                    cur.notes.append(f"preceded by missing data (-9) in {prev[0]}")
                elif prev is not None and year - prev[0] > 1:
                    cur.notes.append(
                        f"first observed as {LABEL[code]} in {year}; previous observation {prev[0]}: {LABEL[prev[1]]}"
                    )
        prev = (year, code)
    if cur is not None:
        cur.end = None if open_end else cur.last
        out.append(cur)
    return out


def _close(cur: Interval, next_year: int, next_code: int) -> None:
    cur.end = cur.last
    if next_code == -9:
        cur.notes.append(f"followed by missing data (-9) from {next_year}")
    elif next_year - cur.last > 1:
        cur.notes.append(
            f"last observed as {LABEL[cur.status]} in {cur.last}; next observation {next_year}: {LABEL[next_code]}"
        )


def _igo_ids(table: CowTable, links: Mapping[int, IgoLink]) -> dict[int, str]:
    """ionum -> actor id: the seed's id where crosswalked, else ``cow-igo-<ioname>`` (``-<ionum>`` on clashes)."""
    slugs = {
        n: "cow-igo-" + (re.sub(r"[^a-z0-9]+", "-", igo.ioname.lower()).strip("-") or str(n))
        for n, igo in table.igos.items()
    }
    counts: dict[str, int] = {}
    for s in slugs.values():
        counts[s] = counts.get(s, 0) + 1
    return {n: links[n].actor_id if n in links else (s if counts[s] == 1 else f"{s}-{n}") for n, s in slugs.items()}


def _actor_codes(
    igo: IgoRows, order: list[int], columns: list[str], states: Mapping[str, StateCode], cutoff: int | None
) -> tuple[dict[str, list[int]], dict[str, set[str]]]:
    """Per state actor that was ever a member: its code in each row (in ``order``) and its COW columns.

    Columns that are one actor in a year (Germany 255 and 260) are combined: a membership code wins over 0,
    0 over -9, -9 over -1. Rows before ``cutoff`` count as -1 (not observed as membership).
    """
    by_column = list(zip(*igo.codes, strict=True)) if igo.codes else []
    years = [igo.years[r] for r in order]
    members: set[str] = set()
    for c, col in zip(columns, by_column, strict=True):
        if max(col) >= 1:
            members.update(states[c].actor_in(igo.years[r]) for r in range(len(col)) if col[r] >= 1)
    codes_of: dict[str, list[int]] = {}
    cols_of: dict[str, set[str]] = {}
    n_cut = sum(1 for y in years if cutoff is not None and y < cutoff)  # years are sorted
    for c, col in zip(columns, by_column, strict=True):
        sc = states[c]
        if sc.actor_id not in members and sc.earlier_id not in members:
            continue
        ordered = [-1] * n_cut + [col[r] for r in order[n_cut:]]
        if sc.since is None:  # one actor in every year: combine whole columns
            actor = sc.actor_id
            cols_of.setdefault(actor, set()).add(c)
            mine = codes_of.get(actor)
            codes_of[actor] = (
                ordered
                if mine is None
                else [a if _RANK[a] >= _RANK[b] else b for a, b in zip(mine, ordered, strict=True)]
            )
            continue
        for k, y in enumerate(years):  # the column is one actor before ``since``, another after
            actor = sc.actor_in(y)
            if actor not in members:
                continue
            codes = codes_of.setdefault(actor, [-1] * len(order))
            cols_of.setdefault(actor, set()).add(c)
            if _RANK[ordered[k]] > _RANK[codes[k]]:
                codes[k] = ordered[k]
    return codes_of, cols_of


def _dates(igo: IgoRows, table: CowTable, report: ImportReport) -> tuple[int, int | None]:
    """The founding year and, for a dead IGO, the year of its end; placeholders and contradictions reported."""
    col = table.columns
    first, last = min(igo.years), max(igo.years)
    sdate = igo.sdate
    if sdate >= PLACEHOLDER_YEAR:
        report.add(
            table.file,
            igo.line,
            col["sdate"],
            "placeholder_date",
            igo.ioname,
            f"founded read as {first}, its first row",
            f"sdate {sdate} is a placeholder, not a year",
        )
        sdate = first
    founded = min(sdate, first)
    if not igo.dead:
        return founded, None
    end = igo.deaddate
    where = (igo.deaddate_line or igo.line, col["deaddate"])
    if end is not None and end >= PLACEHOLDER_YEAR:
        report.add(
            table.file,
            *where,
            "placeholder_date",
            igo.ioname,
            f"dissolved read as {last}, its last row",
            f"deaddate {end} is a placeholder, not a year",
        )
        end = None
    elif end is not None and end < founded:
        report.add(
            table.file,
            *where,
            "end_before_start",
            igo.ioname,
            f"dissolved read as {max(last, founded)}, its last row",
            f"deaddate {end} is before its start ({founded})",
        )
        end = None
    return founded, end if end is not None else max(last, founded)


def _crosswalked_span(
    aid: str, founded: int, dissolved: int | None, igo: IgoRows, table: CowTable, report: ImportReport
) -> tuple[int, int | None]:
    """For a body of ``data/org_crosswalk.csv`` (not a seed): the span every importer gives it; COW's own
    disagreeing value is listed as a conflict."""
    span = curated_spans().get(aid)
    if span is None or span.by != "crosswalk":
        return founded, dissolved
    col = table.columns
    want_f = span.founded.year if span.founded else founded
    want_d = span.dissolved.year if span.dissolved else None
    for fld, mine, want, where in (
        ("founded", founded, want_f, (igo.line, col["sdate"])),
        ("dissolved", dissolved, want_d, (igo.deaddate_line or igo.line, col["deaddate"])),
    ):
        if mine != want:
            report.add(
                table.file,
                *where,
                "conflict",
                igo.ioname,
                f"{fld} {want if want is not None else '(none)'} kept (crosswalk)",
                f"COW gives {fld} {mine if mine is not None else '(none)'}",
            )
    return want_f, want_d


def _organisation(
    igo: IgoRows, aid: str, link: IgoLink | None, table: CowTable, report: ImportReport
) -> tuple[dict[str, Any], int | None]:
    """The organisation record (located at the IGO's first row) and the year it ended (None: alive)."""
    name = _clean(igo.longorgname) or _clean(igo.orgname) or igo.ioname
    aliases = list(dict.fromkeys(a for a in (igo.ioname, _clean(igo.orgname)) if a and a != name))
    founded, dissolved = _dates(igo, table, report)
    notes = [f"COW IGO ionum {igo.ionum} ({igo.ioname})."]
    if link and link.since and link.since > founded:
        notes.append(f"{link.note}: COW rows before {link.since} are not read as membership.")
        founded = link.since
    if igo.accuracy and not igo.accuracy.lower().startswith("not applicable"):
        notes.append(f"Accuracy of pre-1965 membership dates (COW): {igo.accuracy}.")
    rec: dict[str, Any] = {
        "id": aid,
        "kind": "organisation",
        "name": name,
        "aliases": aliases,
        "org_type": link.org_type if link else "intergovernmental",
        "founded": founded,
    }
    founded, dissolved = _crosswalked_span(aid, founded, dissolved, igo, table, report)
    rec["founded"] = founded
    if dissolved is not None:
        rec["dissolved"] = dissolved
    if igo.dead and (igo.replaced or igo.integrated):
        how = "replaced by" if igo.replaced else "integrated into"
        notes.append(f"COW: {how} another IGO.")
    rec["notes"] = " ".join(notes)
    rec["sources"] = [{"key": SOURCE_ID, "at": f"ionum {igo.ionum} ({igo.ioname})"}]
    if link:
        rec["merge"] = True
    col = table.columns
    cols = {
        "id": col["ioname"],
        "name": col["longorgname"],
        "aliases": col["ioname"],
        "founded": col["sdate"],
        "dissolved": (igo.deaddate_line or igo.line, col["deaddate"]),
    }
    return located(rec, table.file, igo.line, cols), dissolved


def _state_records(columns: list[str], states: Mapping[str, StateCode]) -> list[dict[str, Any]]:
    """One record per state actor of the file's columns (two COW codes can be one actor: 255 and 260 -> de)."""
    groups: dict[str, list[StateCode]] = {}
    for c in columns:
        sc = states[c]
        groups.setdefault(sc.actor_id, []).append(sc)
        if sc.earlier_id:
            groups.setdefault(sc.earlier_id, []).append(sc)
    out = []
    for aid, codes in sorted(groups.items()):
        codes = sorted(codes, key=lambda s: s.ccode)
        first = codes[0]
        earlier = aid == first.earlier_id
        name = first.earlier_name if earlier and first.earlier_name else first.statenme
        aliases = [a for s in codes for a in (s.statenme, s.stateabb)]
        rec: dict[str, Any] = {
            "id": aid,
            "kind": "state",
            "name": name,
            "aliases": list(dict.fromkeys(a for a in aliases if a != name)),
        }
        if first.iso2 and not earlier:
            rec["iso2"], rec["iso3"] = first.iso2, first.iso3
        rec["cow_code"] = first.ccode
        cols = ", ".join(f"{s.column} (COW {s.ccode} {s.stateabb})" for s in codes)
        span = f", years before {first.since}" if earlier else (f", from {first.since}" if first.since else "")
        notes = [f"COW state column {cols}{span}."] + [s.note + "." for s in codes if s.note]
        rec["notes"] = " ".join(dict.fromkeys(notes))
        rec["sources"] = [{"key": SOURCE_ID, "at": f"state column {', '.join(s.column for s in codes)}"}]
        rec["merge"] = True  # one actor with the seeds and with every other import that names this state
        out.append(rec)
    return out


def _clip(
    iv: Interval, end: int | None, where: tuple[str, int, int], what: str, report: ImportReport
) -> Interval | None:
    """The interval cut at the organisation's end (None: it starts after the end); each cut reported."""
    if end is None:
        return iv
    file, line, col = where
    if iv.start > end:
        report.add(
            file,
            line,
            col,
            "after_end",
            what,
            "membership left out",
            f"coded as {LABEL[iv.status]} from {iv.start}, after the organisation's end ({end})",
        )
        return None
    if iv.end is None or iv.end > end:
        report.add(
            file,
            line,
            col,
            "after_end",
            what,
            f"membership ended at {end}",
            f"coded as {LABEL[iv.status]} until {iv.last}, after the organisation's end ({end})",
        )
        iv.notes.append(f"COW codes it until {iv.last}, after the organisation's end in {end}")
        iv.end = end
    return iv


def _memberships(
    table: CowTable,
    ids: dict[int, str],
    links: Mapping[int, IgoLink],
    states: Mapping[str, StateCode],
    ends: Mapping[int, int | None],
    report: ImportReport,
) -> list[dict[str, Any]]:
    out = []
    for ionum, igo in table.igos.items():
        order = sorted(range(len(igo.years)), key=igo.years.__getitem__)
        years = [igo.years[r] for r in order]
        line_of = {igo.years[r]: igo.lines[r] for r in order}
        link = links.get(ionum)
        cutoff = link.since if link else None
        open_end = not igo.dead and years[-1] == table.last_year
        codes_of, cols_of = _actor_codes(igo, order, table.state_columns, states, cutoff)
        for actor, codes in sorted(codes_of.items()):
            col_names = sorted(cols_of[actor])
            cols = ", ".join(col_names)
            col = min(table.columns.get(c, 1) for c in col_names)
            for found in memberships_of(years, codes, open_end=open_end):
                row = line_of[found.start]
                iv = _clip(found, ends[ionum], (table.file, row, col), f"{igo.ioname}/{cols}", report)
                if iv is None:
                    continue
                rel: dict[str, Any] = {
                    "id": f"cow.{actor}.member_of.{ids[ionum]}.{iv.start}",
                    "type": "member_of",
                    "source": actor,
                    "target": ids[ionum],
                    "start": iv.start,
                }
                if iv.end is not None:
                    rel["end"] = iv.end
                rel["status"] = STATUS[iv.status]
                if iv.notes:
                    rel["notes"] = "; ".join(iv.notes) + "."
                rel["sources"] = [{"key": SOURCE_ID, "at": f"{igo.ioname} (ionum {ionum}), column {cols}"}]
                where: dict[str, int | tuple[int, int]] = dict.fromkeys(rel, col)
                where["end"] = (line_of[iv.last], col)
                out.append(located(rel, table.file, row, where))
    return out


def _successions(table: CowTable, ids: dict[int, str]) -> list[dict[str, Any]]:
    known = successors()
    out = []
    for ionum, igo in table.igos.items():
        if not (igo.dead and (igo.replaced or igo.integrated)):
            continue
        ref = igo.replaced if igo.replaced > 1 else igo.integrated if igo.integrated > 1 else None
        if ref is not None and ref in table.igos:
            target, status, note = ref, "replacement" if igo.replaced else "merger", "Successor as COW gives it."
        elif ionum in known and known[ionum].successor_ionum in table.igos:
            s = known[ionum]
            target, status, note = s.successor_ionum, s.status, s.note
        else:
            continue
        col = table.columns
        out.append(
            located(
                {
                    "id": f"cow.{ids[ionum]}.succeeded_by.{ids[target]}",
                    "type": "succeeded_by",
                    "source": ids[ionum],
                    "target": ids[target],
                    "start": igo.deaddate or max(igo.years),
                    "status": status,
                    "notes": note,
                    "sources": [
                        {
                            "key": SOURCE_ID,
                            "at": f"{igo.ioname} (ionum {ionum}): dead, {'replaced' if igo.replaced else 'integrated'}",
                        }
                    ],
                },
                table.file,
                igo.deaddate_line or igo.line,
                {"target": col["replaced" if igo.replaced else "integrated"]},
            )
        )
    return out


def convert(table: CowTable, states: Mapping[str, StateCode] | None = None) -> tuple[Files, ImportReport]:
    """The govgraph records of a read COW table, as ``{file name: {section: records}}``, and the import report.

    Records are located in the COW file (row and column); contradictions are adjusted and reported.
    """
    states = states if states is not None else state_codes()
    report = ImportReport()
    report.extend(table.report)
    links = {n: link for n, link in igo_crosswalk().items() if n in table.igos}
    ids = _igo_ids(table, links)
    built = {n: _organisation(igo, ids[n], links.get(n), table, report) for n, igo in table.igos.items()}
    orgs = sorted((rec for rec, _ in built.values()), key=lambda r: r["id"])
    ends = {n: end for n, (_, end) in built.items()}
    rels = _memberships(table, ids, links, states, ends, report)
    state_recs = [located(r, table.file, 1, {}) for r in _state_records(table.state_columns, states)]
    for rec in state_recs:
        first = min(table.columns.get(c, 1) for c in rec["sources"][0]["at"].removeprefix("state column ").split(", "))
        rec.positions = dict.fromkeys(rec, (1, first))
    source = located(_source(table), table.file, 1, {})
    return {
        "sources.yaml": {"sources": [source]},
        "organisations.yaml": {"actors": orgs},
        "states.yaml": {"actors": state_recs},
        "memberships.yaml": {"relations": sorted(rels, key=lambda r: (r["target"], r["source"], r["start"]))},
        "successions.yaml": {"relations": sorted(_successions(table, ids), key=lambda r: r["id"])},
    }, report


def read_state_columns(path: Path | str) -> dict[str, StateCode]:
    """A ``state_columns.csv`` (column, ccode, stateabb, statenme) joined to the packaged ISO crosswalk by ccode.

    COW codes the crosswalk does not know become historical states (``cow-<stateabb>``, no ISO code).
    """
    import csv

    from govgraph.errors import DataError, Problem

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    need = ("column", "ccode", "stateabb", "statenme")
    missing = [c for c in need if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError([Problem(str(path), 1, 1, "", c, "missing required column") for c in missing])
    by_code = {s.ccode: s for s in state_codes().values()}
    out: dict[str, StateCode] = {}
    problems = []
    for i, r in enumerate(reader, 2):
        try:
            ccode = int(r["ccode"])
        except (TypeError, ValueError):
            problems.append(
                Problem(str(path), i, 2, r["column"] or "", "ccode", f"expected an integer, got {r['ccode']!r}")
            )
            continue
        known = by_code.get(ccode)
        out[r["column"]] = StateCode(
            column=r["column"],
            ccode=ccode,
            stateabb=r["stateabb"],
            statenme=r["statenme"],
            iso2=known.iso2 if known else None,
            iso3=known.iso3 if known else None,
            since=known.since if known else None,
            earlier_id=known.earlier_id if known else None,
            earlier_name=known.earlier_name if known else None,
            note=known.note if known else "",
        )
    if problems:
        raise DataError(problems)
    return out


@dataclass
class CowImport:
    """What an import read and wrote (a report: ``to_json`` and ``tables``)."""

    source_file: str
    sha256: str
    rows: int
    first_year: int
    last_year: int
    out_dir: str
    files: list[str]
    counts: dict[str, int]
    merged_ids: list[str]
    oddities: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "source_file": self.source_file,
            "sha256": self.sha256,
            "rows": self.rows,
            "years": [self.first_year, self.last_year],
            "out_dir": self.out_dir,
            "files": self.files,
            "counts": self.counts,
            "crosswalked": self.merged_ids,
            "oddities": self.oddities,
        }

    def tables(self) -> list[Table]:
        rows = [[k, v] for k, v in self.counts.items()]
        return [
            Table(
                "import",
                "COW IGO import",
                ["what", "count"],
                rows,
                caption=f"{self.first_year}-{self.last_year}",
                notes=[
                    f"read {self.source_file} (sha256 {self.sha256[:16]}), wrote {self.out_dir}",
                    f"one actor with the seeds (merge: true): {', '.join(self.merged_ids) or 'none'}",
                ],
            ),
            oddity_table(self.oddities, self.out_dir),
        ]


def _head(table: CowTable) -> str:
    return (
        f"# Imported by `govgraph import cow-igo` from {Path(table.file).name} (sha256 {table.sha256}).\n"
        "# Correlates of War IGO data v3 (Pevehouse et al. 2020). Re-run the import rather than edit.\n"
    )


def import_cow_igo(
    source: Path | str,
    out_dir: Path | str,
    *,
    states: Path | str | None = None,
    force: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> CowImport:
    """Read a COW ``igo_year_formatv3.csv``, convert it, validate the result, and write it as YAML in ``out_dir``.

    Contradictions inside the file are imported as published where coherent, adjusted otherwise, and listed in
    ``import-report.csv`` beside the output (``strict``: they are errors). Nothing is written from a file that
    cannot be read, nor when ``strict`` finds a case.
    """
    state_map = read_state_columns(states) if states else state_codes()
    table = read_cow_igo(source, state_map, progress)
    records, report = convert(table, state_map)
    out = Path(out_dir)
    written = finish(out, records, report, head=_head(table), strict=strict, force=force)
    orgs = records["organisations.yaml"]["actors"]
    counts = {
        "rows": table.rows,
        "organisations": len(orgs),
        "dissolved organisations": sum(1 for o in orgs if "dissolved" in o),
        "states": len(records["states.yaml"]["actors"]),
        "memberships": len(records["memberships.yaml"]["relations"]),
        "successions": len(records["successions.yaml"]["relations"]),
    }
    return CowImport(
        source_file=str(source),
        sha256=table.sha256,
        rows=table.rows,
        first_year=table.first_year,
        last_year=table.last_year,
        out_dir=str(out),
        files=[p.name for p in written],
        counts=counts,
        merged_ids=sorted(o["id"] for o in orgs if o.get("merge")),
        oddities=report.counts(),
    )
