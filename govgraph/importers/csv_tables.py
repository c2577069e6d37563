"""Users' own tables -> govgraph YAML: a nodes CSV, an edges CSV and, optionally, a sources CSV.

Columns (one row per record; empty cells are left out; list cells are ``;``-separated):

- nodes: ``id, kind, name`` and any of ``name_zh, aliases, founded, dissolved, hq_country, hq_city, org_type,
  uia_type, agreement_type, iso2, iso3, cow_code, issue_areas, functions, member_types, url, description, notes,
  sources``;
- edges: ``source, target, type`` and any of ``id, start, end, status, role, end_reason, notes, sources``;
- sources: ``id, type, title`` and any of ``authors, year, container, url, accessed, ref, note``.

Rows are validated by the same models and checks as YAML (:func:`govgraph.dataset.validate_records`); every
problem is reported as ``FILE:ROW:COL: <id>: <field>: message``, with "did you mean" where one is cheap.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govgraph.dataset import load_dataset, suggest, validate_records
from govgraph.errors import DataError, Problem, UsageError
from govgraph.importers.yaml_writer import dump_yaml, write_folder
from govgraph.limits import MAX_LONG_TEXT, text_problem
from govgraph.tables import Table
from govgraph.yamlio import LocDict, LocList

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "SOURCE_COLUMNS", "CsvImport", "import_csv_tables", "read_table"]

NODE_COLUMNS = (
    "id", "kind", "name", "name_zh", "aliases", "founded", "dissolved", "hq_country", "hq_city", "org_type",
    "uia_type", "agreement_type", "iso2", "iso3", "cow_code", "issue_areas", "functions", "member_types", "url",
    "description", "notes", "sources",
)  # fmt: skip
EDGE_COLUMNS = ("id", "source", "target", "type", "start", "end", "status", "role", "end_reason", "notes", "sources")
SOURCE_COLUMNS = ("id", "type", "title", "authors", "year", "container", "url", "accessed", "ref", "note")
_REQUIRED = {"nodes": ("id", "kind", "name"), "edges": ("source", "target", "type"), "sources": ("id", "type", "title")}
_COLUMNS = {"nodes": NODE_COLUMNS, "edges": EDGE_COLUMNS, "sources": SOURCE_COLUMNS}
_LISTS = {"aliases", "issue_areas", "functions", "member_types", "sources", "authors"}
_SECTION = {"nodes": "actors", "edges": "relations", "sources": "sources"}
DEFAULT_SOURCE_ID = "user-data"


@dataclass
class _Row:
    record: LocDict
    line: int
    cols: dict[str, int]


def _cell_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _record(what: str, header: list[str], row: list[str], line: int) -> _Row:
    """One row as a LocDict whose positions are (row, column), so problems point into the CSV."""
    rec = LocDict()
    rec.line, rec.col = line, 1
    cols: dict[str, int] = {}
    hq = LocDict()
    hq.line, hq.col = line, 1
    for i, (name, cell) in enumerate(zip(header, row, strict=False), 1):
        cols[name] = i
        text = cell.strip()
        if not text:
            continue
        if what == "nodes" and name in ("hq_country", "hq_city"):
            key = name.removeprefix("hq_")
            hq[key] = text
            hq.positions[key] = (line, i)
            continue
        if name in _LISTS:
            value = LocList(_cell_list(text))
            value.line, value.col = line, i
            value.positions = [(line, i)] * len(value)
        else:
            value = text
        rec[name] = value
        rec.positions[name] = (line, i)
    if hq:
        rec["headquarters"] = hq
        rec.positions["headquarters"] = (line, cols.get("hq_country", cols.get("hq_city", 1)))
    return _Row(rec, line, cols)


def read_table(path: Path | str, what: str) -> tuple[list[_Row], list[Problem]]:
    """Read one CSV (``what`` is nodes, edges or sources) into located records, checking its header."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
        if b"\x00" in raw:
            at = raw.index(b"\x00")
            line, col = raw.count(b"\n", 0, at) + 1, at - (raw.rfind(b"\n", 0, at) + 1) + 1
            return [], [Problem(name, line, col, "", "", "not a CSV text file (contains NUL bytes)")]
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        return [], [Problem(name, 1, 1, "", "", f"not UTF-8 text (byte {exc.start}); save the table as UTF-8 CSV")]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    problems: list[Problem] = []
    allowed = _COLUMNS[what]
    for i, col in enumerate(header, 1):
        if col not in allowed:
            problems.append(Problem(name, 1, i, "", col, f"unknown {what} column{suggest(col, allowed)}"))
    for col in _REQUIRED[what]:
        if col not in header:
            unknown = [h for h in header if h not in allowed]
            problems.append(Problem(name, 1, 1, "", col, f"missing required {what} column{suggest(col, unknown)}"))
    if problems:
        return [], problems
    rows: list[_Row] = []
    last = 1
    try:
        for row in reader:
            line, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                problems.append(
                    Problem(
                        name,
                        line,
                        len(header) + 1,
                        row[0].strip(),
                        "row",
                        f"{len(row)} cells, the header has {len(header)} columns",
                    )
                )
                continue
            bad = [(i, text_problem(cell, limit=MAX_LONG_TEXT)) for i, cell in enumerate(row)]
            bad = [(i, why) for i, why in bad if why]
            for i, why in bad:
                problems.append(Problem(name, line, i + 1, row[0].strip(), header[i], f"text {why}"))
            if not bad:
                rows.append(_record(what, header, row, line))
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, 1, "", "", f"not readable as CSV: {exc}"))
    return rows, problems


def _apply_default_source(rows: list[_Row], what: str, file: str, default: str | None, problems: list[Problem]) -> None:
    for r in rows:
        if r.record.get("sources"):
            continue
        if default:
            cites = LocList([default])
            cites.positions = [(r.line, r.cols.get("sources", 1))]
            r.record["sources"] = cites
            r.record.positions["sources"] = (r.line, r.cols.get("sources", 1))
        else:
            rid = str(r.record.get("id") or ":".join(str(r.record.get(k, "?")) for k in ("source", "type", "target")))
            problems.append(
                Problem(
                    file,
                    r.line,
                    r.cols.get("sources", 1),
                    rid,
                    "sources",
                    "no sources: fill the sources column, or give --source-title or --sources",
                )
            )


@dataclass
class CsvImport:
    """What a CSV import read and wrote."""

    inputs: list[str]
    out_dir: str
    files: list[str]
    counts: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "out_dir": self.out_dir, "files": self.files, "counts": self.counts}

    def tables(self) -> list[Table]:
        return [
            Table(
                "import",
                f"CSV import -> {self.out_dir}",
                ["what", "count"],
                [[k, v] for k, v in self.counts.items()],
                caption=", ".join(self.inputs),
            )
        ]


def import_csv_tables(
    nodes: Path | str,
    edges: Path | str | None,
    out_dir: Path | str,
    *,
    sources: Path | str | None = None,
    source_title: str | None = None,
    source_url: str | None = None,
    source_id: str = DEFAULT_SOURCE_ID,
    force: bool = False,
    data: Sequence[Path | str] | None = None,
) -> CsvImport:
    """Read nodes (and edges, sources) CSVs, validate them as govgraph data, and write YAML in ``out_dir``.

    ``source_title`` (with ``source_url``) makes one source, ``source_id``, cited by every row whose sources
    cell is empty. ``data`` (YAML files or folders, e.g. the seeds) is what the rows may refer to: edges to its
    actors, rows citing its sources; the output then validates together with it. Nothing is written unless every
    row is valid.
    """
    context = load_dataset(data) if data else None
    problems: list[Problem] = []
    tables: dict[str, tuple[str, list[_Row]]] = {}
    for what, path in (("sources", sources), ("nodes", nodes), ("edges", edges)):
        if path is not None:
            rows, found = read_table(path, what)
            problems.extend(found)
            tables[what] = (str(path), rows)
    if problems:  # a table of the wrong shape: say so before any row-level noise
        raise DataError(problems)
    extra: list[dict[str, Any]] = []
    if source_title:
        extra.append(
            {"id": source_id, "type": "dataset", "title": source_title} | ({"url": source_url} if source_url else {})
        )
    default = source_id if source_title else None
    for what in ("nodes", "edges"):
        if what in tables:
            _apply_default_source(tables[what][1], what, tables[what][0], default, problems)
    records = [("sources", rec, "--source-title") for rec in extra]
    records += [(_SECTION[what], r.record, file) for what, (file, rows) in tables.items() for r in rows]
    try:
        validate_records(records, context)
    except DataError as exc:  # rows without sources are already reported, with what to do about it
        problems.extend(p for p in exc.problems if not (p.field == "sources" and p.message == "missing required field"))
    if problems:
        raise DataError(problems)
    body = {
        "sources.yaml": {"sources": [*extra, *(_plain(r.record) for r in tables.get("sources", ("", []))[1])]},
        "actors.yaml": {"actors": [_plain(r.record) for r in tables["nodes"][1]]},
        "relations.yaml": {"relations": [_plain(r.record) for r in tables.get("edges", ("", []))[1]]},
    }
    head = "# Imported by `govgraph import csv` from " + ", ".join(Path(f).name for f, _ in tables.values()) + ".\n"
    written = write_folder(Path(out_dir), {n: head + dump_yaml(b) for n, b in body.items()}, force=force)
    counts = {
        "sources": len(body["sources.yaml"]["sources"]),
        "actors": len(body["actors.yaml"]["actors"]),
        "relations": len(body["relations.yaml"]["relations"]),
    }
    return CsvImport([f for f, _ in tables.values()], str(out_dir), [p.name for p in written], counts)


_NUMBERS = {"founded", "dissolved", "start", "end", "year", "ref", "cow_code"}


def _plain(value: Any, key: str = "") -> Any:
    """A LocDict/LocList record as plain dicts and lists; years and codes as numbers, as a person writes them."""
    if isinstance(value, dict):
        return {k: _plain(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if key in _NUMBERS and isinstance(value, str) and value.isdigit():
        return int(value)
    return value
