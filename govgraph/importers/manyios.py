"""manyios (Global Governance Data project) -> govgraph records: DIGO and IIGO organisations, MIGO and IIGO
memberships.

What becomes what:

- each DIGO row (``digo_organizations.csv``) -> an ``intergovernmental`` organisation: ``founded`` from ``Begin``,
  ``dissolved`` from ``End`` when it is no longer ``Living``; its coded function (``function_c``) -> an issue area;
  scope, region, membership form and the way it ended (``Death``) in its notes. Id ``manyios-<igoID>``, or the
  seed's or COW's id for the bodies of ``data/org_crosswalk.csv``.
- each IIGO row (``iigo_organizations.csv``) -> an ``informal_intergovernmental`` organisation
  (``manyios-iigo-<igoID>``); its ``Domain`` -> an issue area; ``End_reason`` and ``Follow-on IGO`` in its notes.
  IIGO gives two bodies the ids ``BP`` and ``G11`` and two none: they get ids from their titles (reported).
- MIGO (``migo_memberships.csv``, one row per state, IGO and year) -> ``member_of`` relations: the years of one
  state in one IGO folded into intervals of unchanged status as the COW importer does (1 full, 2 associate,
  3 observer; a year the IGO is observed without the state ends the interval). An igoID of MIGO that DIGO and
  IIGO do not know becomes an organisation named by its id.
- IIGO memberships (``iigo_memberships.csv``) -> ``member_of`` relations from ``Begin`` to ``End``.

States are one actor each whatever the code (``govgraph.importers.states``): MIGO's ``cowID``, else the letter code,
else the state's name. Ties are fitted to the life of both ends (``govgraph.importers.curated``). Every record
cites the dataset, the file and the row.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from govgraph.dates import FuzzyDate
from govgraph.errors import UsageError
from govgraph.importers.common import ImportSummary, slug, year_of
from govgraph.importers.cow_igo import STATUS, memberships_of
from govgraph.importers.crosswalks import OrgLink, links_by
from govgraph.importers.curated import Span, curated_spans, fit_tie, seed_actor, span_value
from govgraph.importers.pipeline import Files, finish, located
from govgraph.importers.report import ImportReport
from govgraph.importers.source_csv import Row, SourceTable, read_source_csv
from govgraph.importers.states import resolve_code, resolve_cow, resolve_name, state_record

__all__ = ["FILES", "convert", "import_manyios", "read_manyios"]

FILES = {
    "digo": ("digo_organizations.csv", ("igoID", "Title", "Begin", "End", "Death", "Living")),
    "iigo": ("iigo_organizations.csv", ("igoID", "Title", "Begin", "End", "End_reason", "Domain")),
    "migo": ("migo_memberships.csv", ("igoID", "stateID", "StateName", "membership", "Year", "cowID")),
    "iigo_mem": ("iigo_memberships.csv", ("stateID", "StateName", "igoID", "Title", "Begin", "End")),
}
PACKAGE = "Hollway J. et al., manyios: Intergovernmental Organisations for manydata, R package 0.0.2 (CC BY 4.0)"
SOURCES = [
    {
        "id": "manyios-digo",
        "type": "dataset",
        "title": "DIGO: Dissolution of International Organizations dataset",
        "authors": ["Debre M. J.", "Dijkstra H."],
        "year": 2021,
        "container": "European Journal of International Relations 27(1) (Institutional design for a post-liberal "
        "order: why some international organizations live longer than others)",
        "note": f"As packaged in {PACKAGE}: digo_organizations.csv.",
    },
    {
        "id": "manyios-iigo",
        "type": "dataset",
        "title": "IIGO: Informal Intergovernmental Organizations dataset",
        "authors": ["Vabulas F.", "Snidal D."],
        "year": 2013,
        "container": "Review of International Organizations 8(2) 193-220 (Organization without delegation: "
        "informal intergovernmental organizations (IIGOs) and the spectrum of intergovernmental arrangements)",
        "note": f"As packaged in {PACKAGE}: iigo_organizations.csv, iigo_memberships.csv.",
    },
    {
        "id": "manyios-migo",
        "type": "dataset",
        "title": "MIGO: state memberships of intergovernmental organisations (manyios)",
        "authors": ["Hollway J."],
        "year": 2021,
        "container": PACKAGE,
        "url": "https://github.com/globalgov/manyios",
        "note": "migo_memberships.csv: one row per state, IGO and year.",
    },
]
#: DIGO function_c and IIGO Domain -> govgraph issue areas
ISSUE_AREAS = {
    "economic": "economic_affairs",
    "social_welf": "social_welfare",
    "technical": "technical_cooperation",
    "general": "general_purpose",
    "security": "security",
    "judicial": "legal_affairs",
    "environment": "environment",
    "political": "political_affairs",
    "social affairs": "social_welfare",
}
#: DIGO Death -> govgraph end reason, and what the code says
DEATH = {
    "DISS": ("dissolved", "dissolved"),
    "SUCC": ("replaced", "succeeded by another organisation"),
    "ABS": ("merged", "absorbed into another organisation"),
    "MER": ("merged", "merged with another organisation"),
    "EXP": ("expired", "expired"),
    "DES": ("desuetude", "fell into desuetude"),
    "EXP/ABS": ("expired", "expired or was absorbed"),
}
SCOPES = ("narrow", "medium", "broad")


def read_manyios(folder: Path | str) -> dict[str, SourceTable]:
    """The four manyios tables of ``folder``, each read whole (or refused with a located message)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"cannot read {folder}: not a folder (give the folder holding {FILES['digo'][0]}, ...)")
    return {k: read_source_csv(folder / name, cols, id_column="igoID") for k, (name, cols) in FILES.items()}


def _cite(key: str, table: SourceTable, row: Row, what: str) -> list[dict[str, str]]:
    return [{"key": key, "at": f"{table.name} row {row.line} ({what})"}]


def _own_span(rec: dict[str, Any]) -> Span:
    f, d = rec.get("founded"), rec.get("dissolved")
    return Span(FuzzyDate.parse(f) if f is not None else None, FuzzyDate.parse(d) if d is not None else None, "manyios")


class _Converter:
    def __init__(self, tables: dict[str, SourceTable]):
        self.t = tables
        self.report = ImportReport()
        self.links: dict[str, OrgLink] = links_by("manyios")
        self.orgs: dict[str, dict[str, Any]] = {}
        self.end_reason: dict[str, str] = {}
        self.digo_ids: dict[str, str] = {}
        self.iigo_ids: dict[tuple[str, str], str] = {}  # (igoID, title) -> actor id
        self.iigo_by_id: dict[str, list[str]] = defaultdict(list)
        self.iigo_by_title: dict[str, str] = {}
        self.states: dict[str, dict[str, Any]] = {}

    def add(self, file: str, row: int, col: int, kind: str, record: str, action: str, why: str) -> None:
        self.report.add(file, row, col, kind, record, action, why)

    def _end(self, rec: dict[str, Any], begin: int | None, end: int, t: SourceTable, row: Row, what: str) -> None:
        """Set ``dissolved``, unless it is before the start (reported)."""
        if begin is not None and end < begin:
            why = f"End {end} is before Begin {begin}"
            self.add(t.file, row.line, t.columns["End"], "end_before_start", what, "imported without an end", why)
        else:
            rec["dissolved"] = end

    # -- organisations ---------------------------------------------------------------------------------------
    def _curate(self, rec: dict[str, Any], table: SourceTable, row: Row, cols: dict[str, int]) -> None:
        """Give a crosswalked or seed actor its curated span; report where this dataset disagrees."""
        span = curated_spans().get(rec["id"])
        if span is None:
            return
        for fld, value in (("founded", span.founded), ("dissolved", span.dissolved)):
            mine = rec.get(fld)
            want = span_value(value)
            if mine is not None and (value is None or FuzzyDate.parse(mine).year != value.year):
                self.add(
                    table.file,
                    row.line,
                    cols[fld],
                    "conflict",
                    rec["id"],
                    f"{fld} {want if want is not None else '(none)'} kept ({span.by})",
                    f"the source gives {fld} {mine}",
                )
            if want is None:
                rec.pop(fld, None)
            else:
                rec[fld] = want
        seed = seed_actor(rec["id"])
        if seed is not None:
            rec["org_type"] = seed.org_type

    def digo(self) -> None:
        t = self.t["digo"]
        c = t.columns
        for row in t.rows:
            gid = row["igoID"].strip()
            if not gid:
                self.add(t.file, row.line, c["igoID"], "missing_id", row["Title"], "row left out", "no igoID")
                continue
            link = self.links.get(gid)
            aid = link.actor_id if link else f"manyios-{slug(gid)}"
            if aid in self.orgs:
                self.add(t.file, row.line, c["igoID"], "id_used_twice", gid, "row left out", f"igoID {gid} again")
                continue
            name = row["Title"].strip() or gid
            rec: dict[str, Any] = {
                "id": aid,
                "kind": "organisation",
                "name": name,
                "aliases": [gid] if gid != name else [],
            }
            rec["org_type"] = "intergovernmental"
            begin, end = year_of(row["Begin"]), year_of(row["End"])
            if begin is None:
                self.add(
                    t.file,
                    row.line,
                    c["Begin"],
                    "missing_date",
                    gid,
                    "imported without a founding year",
                    f"Begin is {row['Begin']!r}",
                )
            else:
                rec["founded"] = begin
            living = row["Living"].strip()
            if living == "0" and end is not None:
                self._end(rec, begin, end, t, row, gid)
            function = row["function_c"].strip()
            area = ISSUE_AREAS.get(function)
            if function and area is None:
                self.add(
                    t.file,
                    row.line,
                    c["function_c"],
                    "unknown_code",
                    gid,
                    "no issue area",
                    f"function_c {function!r} is not a DIGO code",
                )
            rec["issue_areas"] = [area] if area else []
            rec["member_types"] = ["state"]
            scope = row["scope_c"].strip().lower()
            if scope not in SCOPES:
                alt = row["Scope"].strip().lower()
                if scope or alt:
                    self.add(
                        t.file,
                        row.line,
                        c["scope_c"],
                        "unknown_code",
                        gid,
                        f"scope read from Scope ({alt or 'none'})",
                        f"scope_c {scope!r} is not narrow, medium or broad",
                    )
                scope = alt if alt in SCOPES else ""
            notes = [f"DIGO igoID {gid}."]
            if scope:
                notes.append(f"Scope (DIGO): {scope}.")
            if row["region_c"].strip():
                notes.append(f"Region (DIGO): {row['region_c'].strip()}.")
            death = row["Death"].strip()
            if death:
                reason = DEATH.get(death)
                if reason is None:
                    self.add(
                        t.file,
                        row.line,
                        c["Death"],
                        "unknown_code",
                        gid,
                        "end reason not read",
                        f"Death {death!r} is not a DIGO code",
                    )
                else:
                    self.end_reason[aid] = reason[0]
                    notes.append(f"End (DIGO Death {death}): {reason[1]} (end reason: {reason[0]}).")
            if row["Mandate/Function"].strip():
                rec["description"] = f"Mandate/function (DIGO): {row['Mandate/Function'].strip()}."
            rec["notes"] = " ".join(notes)
            rec["sources"] = _cite("manyios-digo", t, row, gid)
            rec["merge"] = True
            cols = {
                "id": c["igoID"],
                "name": c["Title"],
                "aliases": c["igoID"],
                "founded": c["Begin"],
                "dissolved": c["End"],
                "issue_areas": c["function_c"],
            }
            self._curate(rec, t, row, cols)
            self.orgs[aid] = located(rec, t.file, row.line, cols)
            self.digo_ids[gid] = aid

    def iigo(self) -> None:
        t = self.t["iigo"]
        c = t.columns
        counts: dict[str, int] = defaultdict(int)
        for row in t.rows:
            counts[row["igoID"].strip()] += 1
        for row in t.rows:
            gid, title = row["igoID"].strip(), row["Title"].strip()
            if not gid or counts[gid] > 1:
                aid = f"manyios-iigo-{slug(gid + ' ' + title) if gid else slug(title)}"
                why = "no igoID" if not gid else f"igoID {gid} names {counts[gid]} bodies"
                self.add(
                    t.file,
                    row.line,
                    c["igoID"],
                    "missing_id" if not gid else "id_used_twice",
                    gid or title,
                    f"imported as {aid}",
                    why,
                )
            else:
                aid = f"manyios-iigo-{slug(gid)}"
            rec: dict[str, Any] = {
                "id": aid,
                "kind": "organisation",
                "name": title or gid,
                "aliases": [gid] if gid and gid != title else [],
            }
            rec["org_type"] = "informal_intergovernmental"
            begin, end = year_of(row["Begin"]), year_of(row["End"])
            if begin is not None:
                rec["founded"] = begin
            if end is not None:
                self._end(rec, begin, end, t, row, gid)
            domain = row["Domain"].strip().lower()
            area = ISSUE_AREAS.get(domain)
            rec["issue_areas"] = [area] if area else []
            rec["member_types"] = ["state"]
            notes = [
                f"IIGO igoID {gid or '(none)'}; {'regional' if row['Regional'].strip() == '1' else 'not regional'}."
            ]
            if row["End_reason"].strip() not in ("", "0"):
                notes.append(f"IIGO End_reason code {row['End_reason'].strip()}.")
            follow = row["Follow-on IGO"].strip()
            if follow and follow != "0":
                notes.append(f"Follow-on (IIGO): {follow}.")
            rec["notes"] = " ".join(notes)
            rec["sources"] = _cite("manyios-iigo", t, row, gid or title)
            rec["merge"] = True
            self.orgs[aid] = located(
                rec,
                t.file,
                row.line,
                {
                    "id": c["igoID"],
                    "name": c["Title"],
                    "founded": c["Begin"],
                    "dissolved": c["End"],
                    "issue_areas": c["Domain"],
                },
            )
            self.iigo_ids[(gid, title.lower())] = aid
            if gid:
                self.iigo_by_id[gid].append(aid)
            self.iigo_by_title[title.lower()] = aid

    # -- states ----------------------------------------------------------------------------------------------
    def state(
        self, code: str, ccode: str, name: str, year: int | None, key: str, table: SourceTable, row: Row
    ) -> str | None:
        aid = None
        cc = year_of(ccode)
        if cc is not None:
            aid = resolve_cow(cc, year)
        if aid is None and code.strip():
            aid = resolve_code(code, year)
        if aid is None and name.strip():
            aid = resolve_name(name, year)
        if aid is not None and aid not in self.states:
            self.states[aid] = located(
                state_record(aid, key, f"{table.name} row {row.line} ({code or name})"), table.file, row.line, {}
            )
        return aid

    # -- memberships -----------------------------------------------------------------------------------------
    def spans(self) -> dict[str, Span]:
        own = {aid: _own_span(r) for aid, r in self.orgs.items()}
        return {**own, **curated_spans()}

    def migo(self, spans: dict[str, Span]) -> list[dict[str, Any]]:
        t = self.t["migo"]
        c = t.columns
        by_igo: dict[str, list[Row]] = defaultdict(list)
        for row in t.rows:
            by_igo[row["igoID"].strip()].append(row)
        out = []
        unknown: dict[tuple[str, str], list[Row]] = defaultdict(list)
        last_year = max((year_of(r["Year"]) or 0) for r in t.rows) if t.rows else 0
        for gid, rows in sorted(by_igo.items()):
            aid = self._migo_org(gid, rows[0], t)
            years = sorted({y for r in rows if (y := year_of(r["Year"])) is not None})
            if not aid or not years:
                continue
            ix = {y: i for i, y in enumerate(years)}
            codes: dict[str, list[int]] = {}
            lines: dict[str, dict[int, int]] = defaultdict(dict)
            for r in rows:
                y = year_of(r["Year"])
                status = year_of(r["membership"])
                if y is None or status not in STATUS:
                    self.add(
                        t.file,
                        r.line,
                        c["membership"] if y is not None else c["Year"],
                        "unknown_code",
                        gid,
                        "row left out",
                        f"membership {r['membership']!r} in year {r['Year']!r}",
                    )
                    continue
                sid = self.state(r["stateID"], r["cowID"], r["StateName"], y, "manyios-migo", t, r)
                if sid is None:
                    unknown[(gid, r["stateID"] or r["StateName"])].append(r)
                    continue
                mine = codes.setdefault(sid, [0] * len(years))
                if mine[ix[y]]:
                    self.add(
                        t.file,
                        r.line,
                        c["stateID"],
                        "id_used_twice",
                        f"{gid}/{r['stateID']}",
                        "row left out",
                        f"a second row for {sid} in {y} (first at line {lines[sid][y]})",
                    )
                    continue
                mine[ix[y]] = status
                lines[sid][y] = r.line
            org = self.orgs[aid]
            alive = "dissolved" not in org
            for sid, seq in sorted(codes.items()):
                for iv in memberships_of(years, seq, open_end=alive and years[-1] == last_year):
                    first = lines[sid][iv.start]
                    out.extend(
                        self._membership(
                            sid,
                            aid,
                            iv.start,
                            iv.end,
                            STATUS[iv.status],
                            iv.notes,
                            "manyios-migo",
                            t,
                            first,
                            lines[sid][iv.last],
                            f"{gid}, {iv.start}-{iv.last}",
                            spans,
                        )
                    )
        for (gid, code), rows in sorted(unknown.items()):
            r = rows[0]
            self.add(
                t.file,
                r.line,
                c["stateID"],
                "unknown_state",
                f"{gid}/{code}",
                f"{len(rows)} row(s) left out",
                f"no state has the code {r['stateID']!r} (cowID {r['cowID']!r}, name {r['StateName']!r})",
            )
        return out

    def _migo_org(self, gid: str, row: Row, t: SourceTable) -> str | None:
        if gid in self.digo_ids:
            if gid in self.iigo_by_id:
                self.add(
                    t.file,
                    row.line,
                    t.columns["igoID"],
                    "ambiguous_id",
                    gid,
                    f"read as DIGO's {self.digo_ids[gid]}",
                    f"igoID {gid} is in DIGO and in IIGO",
                )
            return self.digo_ids[gid]
        if len(self.iigo_by_id.get(gid, [])) == 1:
            return self.iigo_by_id[gid][0]
        if not gid:
            self.add(t.file, row.line, t.columns["igoID"], "missing_id", "", "rows left out", "no igoID")
            return None
        aid = f"manyios-{slug(gid)}"
        rec = {
            "id": aid,
            "kind": "organisation",
            "name": gid,
            "org_type": "intergovernmental",
            "notes": f"MIGO igoID {gid}: an organisation DIGO and IIGO do not describe; MIGO gives only its id.",
            "sources": _cite("manyios-migo", t, row, gid),
            "merge": True,
        }
        self.add(
            t.file,
            row.line,
            t.columns["igoID"],
            "unknown_organisation",
            gid,
            f"imported as {aid}, named by its id",
            "igoID in MIGO only",
        )
        self.orgs[aid] = located(rec, t.file, row.line, {"id": t.columns["igoID"], "name": t.columns["igoID"]})
        return aid

    def _membership(
        self,
        sid: str,
        aid: str,
        start: Any,
        end: Any,
        status: str | None,
        notes: list[str],
        key: str,
        t: SourceTable,
        line: int,
        end_line: int,
        what: str,
        spans: dict[str, Span],
    ) -> list[dict[str, Any]]:
        c = t.columns
        fitted = fit_tie(start, end, [aid, sid], spans)
        label = f"{sid} in {aid}"
        if isinstance(fitted, str):
            self.add(
                t.file, line, c.get("Year", c.get("Begin", 1)), "outside_life", label, "membership left out", fitted
            )
            return []
        start, end, changes = fitted
        for change in changes:
            self.add(
                t.file,
                line,
                c.get("Year", c.get("Begin", 1)),
                "outside_life",
                label,
                change,
                "a membership cannot outlast either of its ends",
            )
        prefix = key.removeprefix("manyios-")
        rid = f"{prefix}.{sid}.member_of.{aid}" + (f".{start}" if start is not None else "")
        rel: dict[str, Any] = {"id": rid, "type": "member_of", "source": sid, "target": aid, "start": start}
        if end is not None:
            rel["end"] = end
        if status:
            rel["status"] = status
        dissolved = self.orgs[aid].get("dissolved")
        if end is not None and dissolved is not None and aid in self.end_reason and str(end)[:4] == str(dissolved)[:4]:
            rel["end_reason"] = self.end_reason[aid]
        note = list(notes) + changes
        if note:
            rel["notes"] = "; ".join(note) + "."
        rel["sources"] = [{"key": key, "at": f"{t.name} row {line} ({what})"}]
        where: dict[str, int | tuple[int, int]] = {"source": c["stateID"], "target": c["igoID"]}
        where["start"] = c.get("Year", c.get("Begin", 1))
        where["end"] = (end_line, c.get("Year", c.get("End", 1)))
        return [located(rel, t.file, line, where)]

    def iigo_members(self, spans: dict[str, Span]) -> list[dict[str, Any]]:
        t = self.t["iigo_mem"]
        c = t.columns
        out = []
        seen: dict[str, int] = {}
        mismatched: set[tuple[str, str]] = set()
        for row in t.rows:
            gid, title = row["igoID"].strip(), row["Title"].strip()
            aid = self.iigo_ids.get((gid, title.lower()))
            if aid is None and len(self.iigo_by_id.get(gid, [])) == 1:
                aid = self.iigo_by_id[gid][0]
            if aid is None and title.lower() in self.iigo_by_title:
                aid = self.iigo_by_title[title.lower()]
                if (gid, aid) not in mismatched:  # one case per id, at its first row
                    mismatched.add((gid, aid))
                    self.add(
                        t.file,
                        row.line,
                        c["igoID"],
                        "id_mismatch",
                        gid or title,
                        f"matched by its title to {aid} (here and below)",
                        f"igoID {gid!r} is not in iigo_organizations.csv",
                    )
            if aid is None:
                self.add(
                    t.file,
                    row.line,
                    c["igoID"],
                    "unknown_organisation",
                    gid or title,
                    "row left out",
                    f"neither igoID {gid!r} nor title {title!r} is in iigo_organizations.csv",
                )
                continue
            begin, end = year_of(row["Begin"]), year_of(row["End"])
            sid = self.state(row["stateID"], "", row["StateName"], begin, "manyios-iigo", t, row)
            if sid is None:
                self.add(
                    t.file,
                    row.line,
                    c["stateID"],
                    "unknown_state",
                    f"{gid}/{row['stateID']}",
                    "row left out",
                    f"no state has the code {row['stateID']!r} or the name {row['StateName']!r}",
                )
                continue
            if not row["stateID"].strip() or resolve_code(row["stateID"]) is None:
                self.add(
                    t.file,
                    row.line,
                    c["stateID"],
                    "state_by_name",
                    row["StateName"],
                    f"read as {sid}",
                    f"stateID {row['stateID']!r} is not a state code",
                )
            if begin is None:
                self.add(
                    t.file,
                    row.line,
                    c["Begin"],
                    "missing_date",
                    f"{sid} in {aid}",
                    "imported without a start",
                    f"Begin is {row['Begin']!r}",
                )
            if begin is not None and end is not None and end < begin:
                self.add(
                    t.file,
                    row.line,
                    c["End"],
                    "end_before_start",
                    f"{sid} in {aid}",
                    "imported without an end",
                    f"End {end} is before Begin {begin}",
                )
                end = None
            rels = self._membership(
                sid,
                aid,
                begin,
                end,
                None,
                [],
                "manyios-iigo",
                t,
                row.line,
                row.line,
                f"{gid or title}, {row['stateID'] or row['StateName']}",
                spans,
            )
            for rel in rels:
                if rel["id"] in seen:
                    self.add(
                        t.file,
                        row.line,
                        c["stateID"],
                        "id_used_twice",
                        f"{sid} in {aid}",
                        "row left out",
                        f"the same membership again (first at line {seen[rel['id']]})",
                    )
                    continue
                seen[rel["id"]] = row.line
                out.append(rel)
        return out


def convert(tables: dict[str, SourceTable]) -> tuple[Files, ImportReport]:
    """The govgraph records of the four manyios tables, and the import report."""
    conv = _Converter(tables)
    for table in tables.values():
        table.report_repairs(conv.report)
    conv.digo()
    conv.iigo()
    spans = conv.spans()
    migo = conv.migo(spans)
    spans = conv.spans()
    iigo = conv.iigo_members(spans)
    first = tables["digo"]
    sources = [located(s, first.file, 1, {}) for s in SOURCES]
    rels = sorted(migo + iigo, key=lambda r: (r["target"], r["source"], str(r["start"])))
    return {
        "sources.yaml": {"sources": sources},
        "organisations.yaml": {"actors": sorted(conv.orgs.values(), key=lambda r: r["id"])},
        "states.yaml": {"actors": [conv.states[k] for k in sorted(conv.states)]},
        "memberships.yaml": {"relations": rels},
    }, conv.report


def import_manyios(
    folder: Path | str, out_dir: Path | str, *, force: bool = False, strict: bool = False
) -> ImportSummary:
    """Read the manyios tables in ``folder``, convert, validate and write them as one folder (with the report)."""
    tables = read_manyios(folder)
    files, report = convert(tables)
    head = (
        f"# Imported by `govgraph import manyios` from {Path(folder).name}/ (DIGO, IIGO, MIGO; manyios 0.0.2).\n"
        "# Hollway et al., manyios (CC BY 4.0); Debre & Dijkstra 2021; Vabulas & Snidal 2013. Re-run, not edit.\n"
    )
    written = finish(out_dir, files, report, head=head, strict=strict, force=force)
    orgs = files["organisations.yaml"]["actors"]
    rels = files["memberships.yaml"]["relations"]
    counts = {
        "organisations (DIGO)": sum(1 for o in orgs if o["sources"][0]["key"] == "manyios-digo"),
        "informal organisations (IIGO)": sum(1 for o in orgs if o["sources"][0]["key"] == "manyios-iigo"),
        "organisations known only to MIGO": sum(1 for o in orgs if o["sources"][0]["key"] == "manyios-migo"),
        "states": len(files["states.yaml"]["actors"]),
        "memberships (MIGO)": sum(1 for r in rels if r["sources"][0]["key"] == "manyios-migo"),
        "memberships (IIGO)": sum(1 for r in rels if r["sources"][0]["key"] == "manyios-iigo"),
    }
    links = links_by("manyios")
    return ImportSummary(
        title="manyios import",
        source=str(folder),
        out_dir=str(out_dir),
        files=[p.name for p in written],
        counts=counts,
        oddities=report.counts(),
        crosswalked=sorted(link.actor_id for gid, link in links.items() if link.actor_id in {o["id"] for o in orgs}),
    )
