"""manyenviron (Global Governance Data project) -> govgraph records: HUGGO agreements, their parties, and the
ECOLEX references between them.

What becomes what:

- each HUGGO agreement (``huggo_agreements.csv``) -> an ``agreement``: ``founded`` = signature (else ``Begin``),
  ``dissolved`` = ``End``; type from ``AgreementType`` (A treaty, P protocol, E amendment; other codes are read
  as treaties and named in the notes; an empty code is read from the letter of the ``manyID``); entry into force,
  bilateral/multilateral (``DocType``), area, lineage and subjects in its notes; subjects -> issue areas. Id
  ``huggo-<manyID>``, or the seed's id for the agreements of ``data/org_crosswalk.csv`` (UNFCCC, TRIPS).
- each state of HUGGO_MEM (``huggo_memberships.csv``) -> one ``party_to`` relation per state and agreement
  (several rows of one pair are merged): ``start`` = its first date (signature, ratification, accession, entry
  into force), ``end`` = ``StateEnd``; status ``party`` once ratified, acceded or in force for it, else
  ``signatory``; every date and succession in its notes; ``end_reason: withdrawn`` when it ended before the
  agreement did.
- each ECOLEX reference (``ecolex_references.csv``) -> ``amends`` / ``cites`` / ``enables`` / ``supersedes`` from
  the citing agreement to the cited one: each pair once, in its active direction (the source lists each pair
  twice, "Amends" and "Amended by"). Agreements ECOLEX names that HUGGO lacks come from
  ``ecolex_agreements.csv``.

Placeholders (``9999-12-31``), malformed dates and dates outside an agreement's life are reported, not refused.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from govgraph.dates import FuzzyDate
from govgraph.errors import UsageError
from govgraph.importers.common import ImportSummary, parse_date, slug
from govgraph.importers.crosswalks import links_by
from govgraph.importers.curated import Span, curated_spans, fit_tie, span_value
from govgraph.importers.pipeline import Files, finish, located
from govgraph.importers.report import ImportReport
from govgraph.importers.source_csv import Row, SourceTable, read_source_csv
from govgraph.importers.states import resolve_code, state_actor, state_record

__all__ = ["FILES", "REFERENCE_TYPES", "convert", "import_manyenviron", "read_manyenviron"]

FILES = {
    "huggo": ("huggo_agreements.csv", ("manyID", "treatyID", "Title", "Begin", "End", "Signature", "Force")),
    "mem": ("huggo_memberships.csv", ("manyID", "stateID", "StateSignature", "StateRatification", "StateForce")),
    "refs": ("ecolex_references.csv", ("treatyID1", "treatyID2", "RefType")),
    "ecolex": ("ecolex_agreements.csv", ("manyID", "treatyID", "Title", "Signature")),
}
PACKAGE = "Hollway J. et al., manyenviron: Environmental Agreements for the many Universe, R package 0.4.0 (CC BY 4.0)"
SOURCES = [
    {
        "id": "manyenviron-huggo",
        "type": "dataset",
        "title": "HUGGO: agreements and memberships of environmental agreements (manyenviron)",
        "authors": ["Hollway J."],
        "year": 2023,
        "container": PACKAGE,
        "url": "https://github.com/globalgov/manyenviron",
        "note": "huggo_agreements.csv (HUGGO) and huggo_memberships.csv (HUGGO_MEM).",
    },
    {
        "id": "manyenviron-ecolex",
        "type": "dataset",
        "title": "ECOLEX: environmental agreements and their references (manyenviron)",
        "authors": ["FAO", "IUCN", "UNEP"],
        "container": PACKAGE,
        "url": "https://www.ecolex.org",
        "note": "ecolex_agreements.csv (ECOLEX) and ecolex_references.csv (ECOLEX_REF).",
    },
]
#: ECOLEX RefType -> (govgraph relation type, True when the row's first agreement is the relation's source)
REFERENCE_TYPES = {
    "Amends": ("amends", True),
    "Amended by": ("amends", False),
    "Cites": ("cites", True),
    "Cited by": ("cites", False),
    "Enables": ("enables", True),
    "Enabled by": ("enables", False),
    "Supersedes": ("supersedes", True),
    "Superseded by": ("supersedes", False),
}
AGREEMENT_TYPES = {"A": "treaty", "P": "protocol", "E": "amendment"}
DOC_TYPES = {"B": "bilateral", "M": "multilateral"}
GEOG = {"L": "local", "R": "regional", "G": "global", "O": "other"}
#: HUGGO/ECOLEX subject codes -> govgraph issue areas (besides ``environment``, given to every subject)
SUBJECTS = {"WATER": "water", "CLIMT": "climate_change", "SPECS": "biodiversity", "BIODV": "biodiversity"}
#: signatures, entries into force and parties' dates after this year are typing errors (HUGGO codes agreements of
#: 1942-1952 as 2042-2052, huggo_agreements.csv rows 3883-3891); ends may lie ahead (a treaty running to 2071)
LAST_YEAR = 2026
_KIND_OF_ID = re.compile(r"_\d{4}([A-Z])")


def read_manyenviron(folder: Path | str) -> dict[str, SourceTable]:
    """The four manyenviron tables of ``folder``, each read whole (or refused with a located message)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"cannot read {folder}: not a folder (give the folder holding {FILES['huggo'][0]}, ...)")
    return {k: read_source_csv(folder / name, cols, id_column=cols[0]) for k, (name, cols) in FILES.items()}


class _Converter:
    def __init__(self, tables: dict[str, SourceTable]):
        self.t = tables
        self.report = ImportReport()
        self.links = links_by("huggo")
        self.agreements: dict[str, dict[str, Any]] = {}
        self.by_many: dict[str, str] = {}
        self.by_treaty: dict[str, str] = {}
        self.states: dict[str, dict[str, Any]] = {}

    def add(self, t: SourceTable, row: Row, column: str, kind: str, record: str, action: str, why: str) -> None:
        self.report.add(t.file, row.line, t.columns.get(column, 1), kind, record, action, why)

    def date(self, t: SourceTable, row: Row, column: str, record: str, *, past: bool = True) -> Any:
        """A date cell; placeholders, malformed dates and (``past``) dates after :data:`LAST_YEAR` reported."""
        value, kind, why = parse_date(row[column])
        if past and value is not None and FuzzyDate.parse(value).year > LAST_YEAR:
            kind, why = "future_date", f"{value} is after {LAST_YEAR}: a typing error (the century?); read as no date"
            value = None
        if kind:
            self.add(
                t, row, column, kind, record, "read as no date" if value is None else f"read as {value}", why or ""
            )
        return value

    # -- agreements ------------------------------------------------------------------------------------------
    def agreement(self, t: SourceTable, row: Row, key: str, cite: str) -> None:
        many = row["manyID"].strip()
        if not many:
            self.add(t, row, "manyID", "missing_id", row["Title"], "row left out", "no manyID")
            return
        if many in self.by_many:
            first = self.agreements[self.by_many[many]]
            self.add(
                t,
                row,
                "manyID",
                "id_used_twice",
                many,
                "row left out",
                f"manyID {many} again (first at line {first.line})",
            )
            return
        link = self.links.get(many)
        aid = link.actor_id if link else f"huggo-{slug(many)}"
        treaty = row["treatyID"].strip()
        title = row["Title"].strip() or many
        code = row["AgreementType"].strip() if "AgreementType" in t.columns else ""
        if not code:
            m = _KIND_OF_ID.search(many.split(":")[0])
            code = m.group(1) if m else "A"
        rec: dict[str, Any] = {
            "id": aid,
            "kind": "agreement",
            "name": title,
            "aliases": list(dict.fromkeys(x for x in (many, treaty) if x and x != title)),
            "agreement_type": AGREEMENT_TYPES.get(code, "treaty"),
        }
        signed = self.date(t, row, "Signature", many)
        begin = self.date(t, row, "Begin", many) if "Begin" in t.columns else None
        founded = signed or begin
        if founded is not None:
            rec["founded"] = founded
        end = self.date(t, row, "End", many, past=False) if "End" in t.columns else None
        if end is not None and founded is not None and FuzzyDate.parse(end).before(FuzzyDate.parse(founded)):
            self.add(
                t,
                row,
                "End",
                "end_before_start",
                many,
                "imported without an end",
                f"End {end} is before its signature {founded}",
            )
            end = None
        if end is not None:
            rec["dissolved"] = end
        force = self.date(t, row, "Force", many)
        notes = [f"{'HUGGO' if key.endswith('huggo') else 'ECOLEX'} manyID {many}."]
        if code not in AGREEMENT_TYPES:
            notes.append(f"AgreementType {code} (read as a treaty).")
        if force is not None:
            if founded is not None and FuzzyDate.parse(force).before(FuzzyDate.parse(founded)):
                self.add(
                    t,
                    row,
                    "Force",
                    "force_before_signature",
                    many,
                    "imported as published (in the notes)",
                    f"entry into force {force} is before signature {founded}",
                )
            notes.append(f"Entry into force: {force}.")
        doc = DOC_TYPES.get(row["DocType"].strip())
        if doc:
            notes.append(f"{doc.capitalize()}.")
        area = GEOG.get(row["GeogArea"].strip())
        if area:
            notes.append(f"Geographic area: {area}.")
        if row["Lineage"].strip() and row["Lineage"].strip() != "NA":
            notes.append(f"Lineage: {row['Lineage'].strip()}.")
        subjects = sorted(
            {s.strip() for col in ("subject_ecolex", "subject_iea") for s in row[col].split(" and ") if s.strip()}
        )
        if subjects:
            notes.append(f"Subjects: {', '.join(subjects)}.")
            rec["issue_areas"] = sorted({"environment", *(SUBJECTS[s] for s in subjects if s in SUBJECTS)})
        rec["notes"] = " ".join(notes)
        rec["sources"] = [{"key": key, "at": f"{t.name} row {row.line} ({cite or many})"}]
        rec["merge"] = True
        self._curate(rec, t, row, many)
        cols = {"id": t.columns["manyID"], "name": t.columns["Title"], "founded": t.columns["Signature"]}
        if "End" in t.columns:
            cols["dissolved"] = t.columns["End"]
        self.agreements[aid] = located(rec, t.file, row.line, cols)
        self.by_many[many] = aid
        if treaty:
            self.by_treaty.setdefault(treaty, aid)

    def _curate(self, rec: dict[str, Any], t: SourceTable, row: Row, many: str) -> None:
        span = curated_spans().get(rec["id"])
        if span is None:
            return
        for fld, value, col in (("founded", span.founded, "Signature"), ("dissolved", span.dissolved, "End")):
            mine, want = rec.get(fld), span_value(value)
            if mine is not None and (value is None or FuzzyDate.parse(mine).year != value.year):
                self.add(
                    t,
                    row,
                    col,
                    "conflict",
                    rec["id"],
                    f"{fld} {want or '(none)'} kept ({span.by})",
                    f"the source gives {fld} {mine}",
                )
            if want is None:
                rec.pop(fld, None)
            else:
                rec[fld] = want

    # -- parties ---------------------------------------------------------------------------------------------
    def parties(self) -> list[dict[str, Any]]:
        t = self.t["mem"]
        groups: dict[tuple[str, str], list[tuple[Row, dict[str, Any]]]] = defaultdict(list)
        unknown: dict[str, list[Row]] = defaultdict(list)
        for row in t.rows:
            many = row["manyID"].strip()
            if many not in self.by_many:
                self.agreement(t, row, "manyenviron-huggo", f"{many}, an agreement known only to HUGGO_MEM")
                if many in self.by_many:
                    self.add(
                        t,
                        row,
                        "manyID",
                        "unknown_agreement",
                        many,
                        "agreement made from this row",
                        "manyID not in huggo_agreements.csv",
                    )
                else:
                    continue
            aid = self.by_many[many]
            dates = {
                "signature": self.date(t, row, "StateSignature", many),
                "ratification": self.date(t, row, "StateRatification", many),
                "entry into force": self.date(t, row, "StateForce", many),
                "accession": self.date(t, row, "Accession", many),
                "end": self.date(t, row, "StateEnd", many, past=False),
            }
            starts = [v for k, v in dates.items() if k != "end" and v is not None]
            first = min(starts, key=lambda v: FuzzyDate.parse(v).key()) if starts else None
            code = row["stateID"].strip()
            year = FuzzyDate.parse(first).year if first is not None else None
            sid = resolve_code(code, year)
            if sid is None:
                unknown[code].append(row)
                continue
            until = state_actor(sid).until
            if until is not None and year is not None and year > until:
                self.add(
                    t,
                    row,
                    "stateID",
                    "state_no_longer_exists",
                    f"{code} in {many}",
                    "row left out",
                    f"{state_actor(sid).name} ended in {until}; this row dates from {year}",
                )
                continue
            if sid not in self.states:
                self.states[sid] = located(
                    state_record(sid, "manyenviron-huggo", f"{t.name} row {row.line} ({code})"), t.file, row.line, {}
                )
            dates["succession"] = row["Succession"].strip() == "1"
            dates["first"] = first
            groups[(aid, sid)].append((row, dates))
        for code, rows in sorted(unknown.items()):
            self.add(
                t,
                rows[0],
                "stateID",
                "unknown_state",
                code,
                f"{len(rows)} row(s) left out",
                f"{code!r} is not a state code govgraph knows",
            )
        spans = {
            aid: Span(_fd(r.get("founded")), _fd(r.get("dissolved")), "HUGGO") for aid, r in self.agreements.items()
        }
        spans.update(curated_spans())
        out = []
        for (aid, sid), rows in sorted(groups.items()):
            rel = self._party(aid, sid, rows, spans, t)
            if rel is not None:
                out.append(rel)
        return out

    def _party(
        self, aid: str, sid: str, rows: list[tuple[Row, dict[str, Any]]], spans: dict[str, Span], t: SourceTable
    ) -> dict[str, Any] | None:
        row = rows[0][0]
        if len(rows) > 1:
            lines = ", ".join(str(r.line) for r, _ in rows[1:])
            self.add(
                t,
                row,
                "stateID",
                "several_rows",
                f"{sid} in {aid}",
                f"merged into one party_to with the rows at lines {lines}",
                "one state and one agreement on several rows",
            )
        firsts = [d["first"] for _, d in rows if d["first"] is not None]
        start = min(firsts, key=lambda v: FuzzyDate.parse(v).key()) if firsts else None
        ends = [d["end"] for _, d in rows if d["end"] is not None]
        end = max(ends, key=lambda v: FuzzyDate.parse(v).key()) if ends and len(ends) == len(rows) else None
        if start is not None and end is not None and FuzzyDate.parse(end).before(FuzzyDate.parse(start)):
            self.add(
                t,
                row,
                "StateEnd",
                "end_before_start",
                f"{sid} in {aid}",
                "imported without an end",
                f"StateEnd {end} is before its first date {start}",
            )
            end = None
        fitted = fit_tie(start, end, [aid, sid], spans)
        if isinstance(fitted, str):
            self.add(t, row, "StateSignature", "outside_life", f"{sid} in {aid}", "party left out", fitted)
            return None
        start, end, changes = fitted
        for change in changes:
            self.add(
                t, row, "StateSignature", "outside_life", f"{sid} in {aid}", change, "a party cannot outlast either end"
            )
        bound = any(d[k] is not None for _, d in rows for k in ("ratification", "entry into force", "accession"))
        rel: dict[str, Any] = {"id": f"huggo.{sid}.party_to.{aid}", "type": "party_to", "source": sid, "target": aid}
        if start is not None:
            rel["start"] = start
        if end is not None:
            rel["end"] = end
        rel["status"] = "party" if bound else "signatory"
        dissolved = self.agreements[aid].get("dissolved")
        if end is not None and (dissolved is None or FuzzyDate.parse(end).before(FuzzyDate.parse(dissolved))):
            rel["end_reason"] = "withdrawn"
        notes = []
        for k in ("signature", "ratification", "accession", "entry into force"):
            vals = sorted({str(d[k]) for _, d in rows if d[k] is not None})
            if vals:
                notes.append(f"{k}: {', '.join(vals)}")
        if any(d["succession"] for _, d in rows):
            notes.append("by succession")
        notes.extend(changes)
        if notes:
            rel["notes"] = "; ".join(notes) + "."
        rel["sources"] = [{"key": "manyenviron-huggo", "at": f"{t.name} row {r.line}"} for r, _ in rows[:5]]
        c = t.columns
        return located(
            rel,
            t.file,
            row.line,
            {"source": c["stateID"], "target": c["manyID"], "start": c["StateSignature"], "end": c.get("StateEnd", 1)},
        )

    # -- references ------------------------------------------------------------------------------------------
    def references(self) -> list[dict[str, Any]]:
        t = self.t["refs"]
        ecolex = {r["treatyID"].strip(): r for r in self.t["ecolex"].rows}
        out: dict[tuple[str, str, str], dict[str, Any]] = {}
        seen_rows: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
        for row in t.rows:
            kind = REFERENCE_TYPES.get(row["RefType"].strip())
            if kind is None:
                self.add(
                    t,
                    row,
                    "RefType",
                    "unknown_code",
                    row["RefType"],
                    "row left out",
                    f"RefType {row['RefType']!r} is not an ECOLEX reference type",
                )
                continue
            rtype, active = kind
            a = self._agreement_of(row["treatyID1"].strip(), ecolex, t, row, "treatyID1")
            b = self._agreement_of(row["treatyID2"].strip(), ecolex, t, row, "treatyID2")
            if a is None or b is None:
                continue
            src, dst = (a, b) if active else (b, a)
            if src == dst:
                self.add(
                    t,
                    row,
                    "treatyID2",
                    "self_reference",
                    f"{row['treatyID1']} {row['RefType']} {row['treatyID2']}",
                    "row left out",
                    f"both ids are one agreement ({src})",
                )
                continue
            key = (src, rtype, dst)
            seen_rows[key].append(row)
            if key in out:
                continue
            c = t.columns
            rel = {
                "id": f"ecolex.{src}.{rtype}.{dst}",
                "type": rtype,
                "source": src,
                "target": dst,
                "sources": [
                    {
                        "key": "manyenviron-ecolex",
                        "at": f"{t.name} row {row.line} ({row['treatyID1']} {row['RefType']} {row['treatyID2']})",
                    }
                ],
            }
            out[key] = located(
                rel, t.file, row.line, {"source": c["treatyID1"], "target": c["treatyID2"], "type": c["RefType"]}
            )
        for key, rows in seen_rows.items():
            if len(rows) == 1:
                self.add(
                    t,
                    rows[0],
                    "RefType",
                    "one_direction_only",
                    f"{key[0]} {key[1]} {key[2]}",
                    "imported",
                    "the source lists this pair in one direction only",
                )
        return [out[k] for k in sorted(out)]

    def _agreement_of(self, tid: str, ecolex: dict[str, Row], t: SourceTable, row: Row, column: str) -> str | None:
        if tid in self.by_treaty:
            return self.by_treaty[tid]
        if tid in self.by_many:
            return self.by_many[tid]
        erow = ecolex.get(tid)
        if erow is not None:
            many = erow["manyID"].strip()
            if many in self.by_many:
                self.by_treaty[tid] = self.by_many[many]
                return self.by_many[many]
            self.agreement(self.t["ecolex"], erow, "manyenviron-ecolex", "")
            if many in self.by_many:
                self.by_treaty[tid] = self.by_many[many]
                return self.by_many[many]
        self.add(
            t, row, column, "unknown_agreement", tid, "reference left out", f"{tid} is in neither HUGGO nor ECOLEX"
        )
        return None


def _fd(value: Any) -> FuzzyDate | None:
    return None if value is None else FuzzyDate.parse(value)


def convert(tables: dict[str, SourceTable]) -> tuple[Files, ImportReport]:
    """The govgraph records of the manyenviron tables, and the import report."""
    conv = _Converter(tables)
    for table in tables.values():
        table.report_repairs(conv.report)
    huggo = tables["huggo"]
    for row in huggo.rows:
        conv.agreement(huggo, row, "manyenviron-huggo", "")
    parties = conv.parties()
    refs = conv.references()
    sources = [located(s, huggo.file, 1, {}) for s in SOURCES]
    return {
        "sources.yaml": {"sources": sources},
        "agreements.yaml": {"actors": sorted(conv.agreements.values(), key=lambda r: r["id"])},
        "states.yaml": {"actors": [conv.states[k] for k in sorted(conv.states)]},
        "parties.yaml": {"relations": parties},
        "references.yaml": {"relations": refs},
    }, conv.report


def import_manyenviron(
    folder: Path | str, out_dir: Path | str, *, force: bool = False, strict: bool = False
) -> ImportSummary:
    """Read the manyenviron tables in ``folder``, convert, validate and write them as one folder (with the report)."""
    tables = read_manyenviron(folder)
    files, report = convert(tables)
    head = (
        f"# Imported by `govgraph import manyenviron` from {Path(folder).name}/ (HUGGO, HUGGO_MEM, ECOLEX_REF).\n"
        "# Hollway et al., manyenviron 0.4.0 (CC BY 4.0). Re-run the import rather than edit.\n"
    )
    written = finish(out_dir, files, report, head=head, strict=strict, force=force)
    agreements = files["agreements.yaml"]["actors"]
    refs = files["references.yaml"]["relations"]
    counts = {
        "agreements (HUGGO)": sum(1 for a in agreements if a["sources"][0]["key"] == "manyenviron-huggo"),
        "agreements (ECOLEX only)": sum(1 for a in agreements if a["sources"][0]["key"] == "manyenviron-ecolex"),
        "states": len(files["states.yaml"]["actors"]),
        "parties": len(files["parties.yaml"]["relations"]),
        **{
            f"references: {k}": sum(1 for r in refs if r["type"] == k)
            for k in ("amends", "cites", "enables", "supersedes")
        },
    }
    ids = {a["id"] for a in agreements}
    return ImportSummary(
        title="manyenviron import",
        source=str(folder),
        out_dir=str(out_dir),
        files=[p.name for p in written],
        counts=counts,
        oddities=report.counts(),
        crosswalked=sorted(link.actor_id for link in links_by("huggo").values() if link.actor_id in ids),
    )
