"""The common end of every importer: records located in their source, validated, written whole.

An importer turns its source into records (dicts with the fields of govgraph's YAML and of the table layout),
each located at the row and column of the source it came from (:func:`located`). :func:`finish` validates them
with :func:`govgraph.dataset.validate_records`, so every problem is reported at ``SOURCE:ROW:COL``, never in an
output that was not written; a record that still does not validate is left out and listed in the import report
(unless ``strict``); then the output folder is written whole by one writer call (:func:`write_output`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govgraph.dataset import validate_records
from govgraph.errors import DataError, Problem
from govgraph.importers.report import REPORT_FILE, ImportReport
from govgraph.importers.yaml_writer import dump_yaml, write_folder
from govgraph.tableio import relations_csv
from govgraph.yamlio import LocDict, LocList

__all__ = ["Files", "finish", "located", "write_output"]

#: ``{output file name: {section: [records]}}``
Files = dict[str, dict[str, list[Any]]]
_MAX_ROUNDS = 6


def _loc(value: Any, pos: tuple[int, int]) -> Any:
    if isinstance(value, dict):
        out = LocDict({k: _loc(v, pos) for k, v in value.items()})
        out.line, out.col = pos
        out.positions = dict.fromkeys(value, pos)
        return out
    if isinstance(value, list):
        seq = LocList(_loc(v, pos) for v in value)
        seq.line, seq.col = pos
        seq.positions = [pos] * len(value)
        return seq
    return value


def located(
    record: Mapping[str, Any], file: str, row: int, cols: Mapping[str, int | tuple[int, int]] | None = None
) -> LocDict:
    """``record`` as a LocDict located in ``file``: each field at ``cols[field]`` (a column, or ``(row, col)``).

    Fields without a column are placed at the row's first column. The source file travels with the record
    (``.file``), so validation problems point into the source.
    """
    cols = cols or {}
    out = LocDict()
    out.line, out.col = row, 1
    for key, value in record.items():
        where = cols.get(key, 1)
        pos = where if isinstance(where, tuple) else (row, where)
        out[key] = _loc(value, pos)
        out.positions[key] = pos
    out.file = str(file)  # type: ignore[attr-defined]
    return out


def _records(files: Files) -> list[tuple[str, Any]]:
    return [(section, rec) for body in files.values() for section, recs in body.items() for rec in recs]


def _drop(files: Files, problems: list[Problem], report: ImportReport) -> bool:
    """Leave out the records the problems name; list each in the report. False when none could be found."""
    by_key: dict[str, list[Any]] = {}
    for _, rec in _records(files):
        key = rec.get("id") or ":".join(str(rec.get(k)) for k in ("source", "type", "target"))
        by_key.setdefault(str(key), []).append(rec)
    doomed: set[int] = set()
    for p in problems:
        recs = by_key.get(p.id, [])
        here = [r for r in recs if getattr(r, "line", None) == p.line and getattr(r, "file", None) == p.file]
        for rec in here or recs:
            if id(rec) not in doomed:
                doomed.add(id(rec))
                report.add(p.file, p.line, p.col, "invalid_record", p.id, "record left out", f"{p.field}: {p.message}")
    if not doomed:
        return False
    for body in files.values():
        for section, recs in body.items():
            body[section] = [r for r in recs if id(r) not in doomed]
    return True


def validate_files(files: Files, report: ImportReport, *, strict: bool = False) -> None:
    """Validate every record where it came from; leave out (and report) what does not validate, unless strict."""
    for _ in range(_MAX_ROUNDS):
        try:
            validate_records((section, rec, getattr(rec, "file", "-")) for section, rec in _records(files))
            return
        except DataError as exc:
            if strict or not _drop(files, exc.problems, report):
                raise
    validate_records((section, rec, getattr(rec, "file", "-")) for section, rec in _records(files))


def write_output(out_dir: Path | str, files: Files, report: ImportReport, *, head: str, force: bool) -> list[Path]:
    """The one writer call: the report and every file, as one folder, atomically.

    Files of ties alone (memberships, parties, references, successions) are written as tables of the layout
    (``<name>.relations.csv``, read back column by column), other files (actors, sources: curated fields, merges) as
    YAML with ``head`` on top. A file whose records the table layout cannot hold (a citation with a note) stays YAML.
    """
    texts: dict[str, str | bytes] = {}
    for name, body in files.items():
        table = relations_csv(body["relations"]) if set(body) == {"relations"} and body["relations"] else None
        if table is not None:
            texts[f"{Path(name).stem}.relations.csv"] = table
        else:
            texts[name] = head + dump_yaml(body)
    texts[REPORT_FILE] = report.csv_text()
    return write_folder(Path(out_dir), texts, force=force)


def finish(
    out_dir: Path | str, files: Files, report: ImportReport, *, head: str, strict: bool = False, force: bool = False
) -> list[Path]:
    """Validate (strict: every case in the report is an error) and write; nothing is written on error."""
    if strict and report.cases:
        raise DataError(report.problems())
    validate_files(files, report, strict=strict)
    return write_output(out_dir, files, report, head=head, force=force)
