"""Reading the Correlates of War IGO file (``igo_year_formatv3.csv``) and checking its layout.

One row per IGO and year: ``ioname, orgname, year``, one column per state (the membership code of that state
that year), then the IGO's variables (``sdate, deaddate, dead, integrated, replaced, longorgname, ionum, ...``).
Every problem is reported as ``FILE:ROW:COL: <ioname>: <column>: message``; nothing is returned from a damaged
file. The whole official file (19,335 rows x 235 columns, 13 MB) reads in about a second.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from govgraph.dataset import suggest
from govgraph.errors import DataError, Problem, UsageError
from govgraph.importers.report import ImportReport
from govgraph.limits import MAX_LONG_TEXT, text_problem

__all__ = ["CODES", "MAX_PROBLEMS", "CowTable", "IgoRows", "read_cow_igo"]

#: The COW state-column codes: 0 not a member, 1 full, 2 associate, 3 observer, -9 missing, -1 not in the system.
CODES = {"0": 0, "1": 1, "2": 2, "3": 3, "-9": -9, "-1": -1}
REQUIRED = ("ioname", "orgname", "year", "sdate", "deaddate", "dead", "integrated", "replaced", "longorgname", "ionum")
OPTIONAL = (
    "igocode",
    "version",
    "accuracyofpre1965membershipdates",
    "sourcesandnotes",
    "imputed",
    "political",
    "social",
    "economic",
)
MAX_PROBLEMS = 200

Progress = Callable[[int, int], None]


@dataclass
class IgoRows:
    """One IGO: its variables and its rows (years and, per row, the code of each state column)."""

    ionum: int
    ioname: str
    orgname: str
    longorgname: str
    sdate: int
    line: int  # the file line of its first row
    accuracy: str = ""
    deaddate: int | None = None
    deaddate_line: int = 0  # the line the deaddate was read from
    dead: bool = False
    integrated: int = 0  # 0, 1 (a flag), or the ionum of the IGO it was integrated into
    replaced: int = 0  # 0, 1 (a flag), or the ionum of the IGO that replaced it
    years: list[int] = field(default_factory=list)
    codes: list[list[int]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the file line of each row


@dataclass
class CowTable:
    """The whole file, checked: its IGOs by ionum and its state columns in file order."""

    file: str
    sha256: str
    rows: int
    state_columns: list[str]
    igos: dict[int, IgoRows]
    first_year: int
    last_year: int
    columns: dict[str, int] = field(default_factory=dict)  # column name -> 1-based column number
    report: ImportReport = field(default_factory=ImportReport)


#: text columns that may hold long free text (the others are names, capped at MAX_TEXT)
_LONG = {"sourcesandnotes", "accuracyofpre1965membershipdates"}
_TEXT = ("ioname", "orgname", "longorgname", "igocode", "version", *_LONG)


def _where(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in bytes) of ``offset`` in ``raw``."""
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def _decode(raw: bytes, name: str) -> str:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _where(raw, nul)
        raise DataError([Problem(name, line, col, "", "", "not a CSV text file (contains NUL bytes)")])
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _to_int(text: str) -> int:
    """An integer written as ``12``, ``12.0`` or `` 12 ``; ValueError otherwise."""
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if not value.is_integer():
            raise ValueError(text) from None
        return int(value)


def _check_header(header: list[str], states: Mapping[str, object], name: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    if {"ccode", "state"} <= set(header) and "ioname" not in header:
        return [
            Problem(
                name,
                1,
                1,
                "",
                "header",
                "this is the COW state-year layout (state_year_formatv3: one row "
                "per state and year); `govgraph import cow-igo` reads igo_year_formatv3.csv (one row per IGO "
                "and year)",
            )
        ]
    if {"column", "ccode", "stateabb"} <= set(header):
        return [
            Problem(
                name,
                1,
                1,
                "",
                "header",
                "this is the COW state list (state_columns.csv); give it with "
                "--states, and the IGO file (igo_year_formatv3.csv) as the argument",
            )
        ]
    missing = [c for c in REQUIRED if c not in header]
    if len(missing) > len(REQUIRED) // 2:
        return [
            Problem(
                name,
                1,
                1,
                "",
                "header",
                "not the COW igo_year_formatv3.csv layout: missing columns "
                f"{', '.join(missing)} (found {', '.join(header[:6])}{', ...' if len(header) > 6 else ''})",
            )
        ]
    known = set(REQUIRED) | set(OPTIONAL) | set(states)
    for i, col in enumerate(header, 1):
        bad = text_problem(col)
        if bad:
            problems.append(Problem(name, 1, i, "", "header", f"column name {bad}"))
            continue
        if col in seen:
            problems.append(Problem(name, 1, i, "", col, f"duplicate column (first is column {seen[col]})"))
        seen.setdefault(col, i)
        if col not in known:
            problems.append(
                Problem(
                    name,
                    1,
                    i,
                    "",
                    col,
                    "unknown column: neither a COW IGO variable nor a state "
                    f"column of the state list{suggest(col, known)}",
                )
            )
    for col in REQUIRED:
        if col not in seen:
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "",
                    col,
                    f"missing required column{suggest(col, header)} (is this the COW igo_year_formatv3.csv file?)",
                )
            )
    if not any(c in states for c in header):
        problems.append(Problem(name, 1, 1, "", "header", "no state columns (usa, uk, france, ...) in the header"))
    return problems


class _Reader:
    """Row-by-row parser collecting located problems."""

    def __init__(self, name: str, header: list[str], states: Mapping[str, object]):
        self.name = name
        self.header = header
        self.width = len(header)
        self.ix = {c: i for i, c in enumerate(header)}
        self.state_ix = [i for i, c in enumerate(header) if c in states]
        self.problems: list[Problem] = []
        self.igos: dict[int, IgoRows] = {}
        self.seen_years: dict[tuple[int, int], int] = {}
        self.report = ImportReport()

    def problem(self, line: int, col: int, rid: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, col, rid, field_name, message))

    def int_field(self, row: list[str], col: str, line: int, rid: str, *, empty: int | None = None) -> int | None:
        text = row[self.ix[col]].strip()
        if not text and empty is not None:
            return empty
        if not text and col == "deaddate":
            return None
        try:
            return _to_int(text)
        except ValueError:
            self.problem(line, self.ix[col] + 1, rid, col, f"expected an integer, got {text!r}")
            return None

    def codes(self, row: list[str], line: int, rid: str) -> list[int] | None:
        values = [CODES.get(row[i]) for i in self.state_ix]
        if None not in values:
            return values  # type: ignore[return-value]
        out = []
        for i, v in zip(self.state_ix, values, strict=True):
            if v is None:
                try:
                    v = _to_int(row[i].strip())
                except ValueError:
                    v = None
                if v not in (0, 1, 2, 3, -9, -1):
                    self.problem(
                        line,
                        i + 1,
                        rid,
                        self.header[i],
                        f"{row[i]!r} is not a COW membership code (0, 1, 2, 3, -9 or -1)",
                    )
                    v = None
            out.append(v)
        return None if None in out else out  # type: ignore[return-value]

    def row(self, row: list[str], line: int) -> None:
        if len(row) != self.width:
            self.problem(
                line, 1, row[0] if row else "", "row", f"damaged row: {len(row)} fields, the header has {self.width}"
            )
            return
        rid = row[self.ix["ioname"]].strip()
        for col in _TEXT:
            i = self.ix.get(col)
            bad = text_problem(row[i], limit=MAX_LONG_TEXT if col in _LONG else 2000) if i is not None else None
            if bad:
                self.problem(line, i + 1, rid, col, f"text {bad}")  # type: ignore[operator]
                return
        ionum = self.int_field(row, "ionum", line, rid)
        year = self.int_field(row, "year", line, rid)
        sdate = self.int_field(row, "sdate", line, rid)
        deaddate = self.int_field(row, "deaddate", line, rid)
        flags = [self.int_field(row, c, line, rid, empty=0) for c in ("dead", "integrated", "replaced")]
        codes = self.codes(row, line, rid)
        if ionum is None or year is None or sdate is None or codes is None or None in flags:
            return
        igo = self.igos.get(ionum)
        if igo is not None and igo.ioname != rid:
            self.report.add(
                self.name,
                line,
                self.ix["ionum"] + 1,
                "id_used_twice",
                rid,
                "row left out",
                f"ionum {ionum} is {igo.ioname!r} (first at line {igo.line}), {rid!r} here",
            )
            return
        if (ionum, year) in self.seen_years:
            first = self.seen_years[(ionum, year)]
            self.report.add(
                self.name,
                line,
                self.ix["year"] + 1,
                "id_used_twice",
                rid,
                "row left out; the first row of that year is imported",
                f"a second row for ionum {ionum} in {year} (first at line {first})",
            )
            return
        self.seen_years[(ionum, year)] = line
        if igo is None:
            igo = self.igos[ionum] = IgoRows(
                ionum=ionum,
                ioname=rid,
                orgname=row[self.ix["orgname"]].strip(),
                longorgname=row[self.ix["longorgname"]].strip(),
                sdate=sdate,
                line=line,
                accuracy=row[self.ix["accuracyofpre1965membershipdates"]].strip()
                if "accuracyofpre1965membershipdates" in self.ix
                else "",
            )
        dead, integrated, replaced = flags
        igo.dead = igo.dead or dead == 1
        if deaddate is not None:
            igo.deaddate, igo.deaddate_line = deaddate, line
        igo.integrated = integrated or igo.integrated  # type: ignore[assignment]
        igo.replaced = replaced or igo.replaced  # type: ignore[assignment]
        igo.years.append(year)
        igo.codes.append(codes)
        igo.lines.append(line)


def read_cow_igo(path: Path | str, states: Mapping[str, object], progress: Progress | None = None) -> CowTable:
    """Read and check a COW ``igo_year_formatv3.csv``; ``states`` are the known state column names.

    Raises :class:`DataError` naming every problem (at most :data:`MAX_PROBLEMS`), :class:`UsageError` when the
    file cannot be read.
    """
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    text = _decode(raw, name)
    if not text.strip():
        raise DataError([Problem(name, 1, 1, "", "", "file is empty")])
    total = max(text.count("\n"), 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise DataError([Problem(name, 1, 1, "", "header", f"not readable as CSV: {exc}")]) from None
    header_problems = _check_header(header, states, name)
    if header_problems:
        raise DataError(header_problems)
    parser = _Reader(name, header, states)
    rows, last_line = 0, 1
    try:
        for row in reader:
            line = last_line + 1
            last_line = reader.line_num
            if not row:
                continue
            rows += 1
            parser.row(row, line)
            if len(parser.problems) >= MAX_PROBLEMS:
                parser.problem(line, 1, "", "", f"stopped after {MAX_PROBLEMS} problems")
                break
            if progress is not None and rows % 500 == 0:
                progress(last_line, total)
    except csv.Error as exc:
        parser.problem(reader.line_num, 1, "", "", f"not readable as CSV: {exc}")
    if progress is not None:
        progress(total, total)
    if parser.problems:
        raise DataError(parser.problems)
    if not parser.igos:
        raise DataError([Problem(name, 1, 1, "", "", "no IGO rows after the header")])
    years = [y for igo in parser.igos.values() for y in (min(igo.years), max(igo.years))]
    return CowTable(
        file=name,
        sha256=hashlib.sha256(raw).hexdigest(),
        rows=rows,
        state_columns=[header[i] for i in parser.state_ix],
        igos=dict(sorted(parser.igos.items())),
        first_year=min(years),
        last_year=max(years),
        columns={c: i for i, c in enumerate(header, 1)},
        report=parser.report,
    )
