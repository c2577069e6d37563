"""Reading a source CSV file whole, or refusing it with a located message.

What cannot be read at all is refused before anything is converted: bytes that are not UTF-8 text, a NUL
anywhere in the file, a header without the columns the importer needs, a cell holding control characters
(``govgraph.limits.text_problem``). Every refusal is ``FILE:ROW:COL: <id>: <column>: message``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from govgraph.dataset import suggest
from govgraph.errors import DataError, Problem, UsageError
from govgraph.importers.report import ImportReport
from govgraph.limits import MAX_LONG_TEXT, text_problem

__all__ = ["Row", "SourceTable", "read_source_csv"]

MAX_PROBLEMS = 200
_C1 = re.compile("[\x80-\x9f]")


def _cp1252(ch: str) -> str:
    try:
        return ch.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return ch


def repair_c1(text: str) -> str:
    """C1 control characters (U+0080-U+009F) read as the Windows-1252 characters they were encoded from.

    Text converted from Windows-1252 as if it were Latin-1 holds them (U+0092 for a right quotation mark);
    the five codes Windows-1252 leaves undefined stay as they are (and are refused).

    >>> repair_c1("Member\x92s")
    'Member’s'
    """
    return _C1.sub(lambda m: _cp1252(m.group()), text)


@dataclass(frozen=True)
class Row:
    """One row: its line in the file (header = 1) and its cells by column name."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column) or ""


@dataclass
class SourceTable:
    """A source file read whole: its path, its header (column -> 1-based number) and its rows."""

    file: str
    columns: dict[str, int]
    rows: list[Row]
    repairs: list[tuple[int, int, str, str]] = field(default_factory=list)  # (line, col, id, what was done)

    def report_repairs(self, report: ImportReport) -> None:
        """List the cells read with a repair (C1 characters read as Windows-1252) in ``report``."""
        for line, col, rid, what in self.repairs:
            report.add(self.file, line, col, "mojibake", rid, what, "C1 control characters in UTF-8 text")

    @property
    def name(self) -> str:
        """The file name without its folder, as records cite it."""
        return Path(self.file).name


def _where(raw: bytes, offset: int) -> tuple[int, int]:
    return raw.count(b"\n", 0, offset) + 1, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def read_source_csv(path: Path | str, required: tuple[str, ...], *, id_column: str = "") -> SourceTable:
    """Read ``path`` (UTF-8 CSV with one header row) and check it can be read whole; raise what cannot be."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise UsageError(
            f"cannot read {name}: no such file" if not path.exists() else f"cannot read {name}: not a file"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise DataError([Problem(name, *_where(raw, nul), "", "", "not a CSV text file (contains NUL bytes)")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _where(raw, exc.start)
        raise DataError([Problem(name, line, col, "", "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x})")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataError([Problem(name, 1, 1, "", "", "file is empty")]) from None
    except csv.Error as exc:
        raise DataError([Problem(name, 1, 1, "", "header", f"not readable as CSV: {exc}")]) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(
            [
                Problem(
                    name, 1, 1, "", c, f"missing required column{suggest(c, header)} (found {', '.join(header[:8])})"
                )
                for c in missing
            ]
        )
    problems: list[Problem] = []
    repairs: list[tuple[int, int, str, str]] = []
    rows: list[Row] = []
    last = 1
    try:
        for cells in reader:
            line, last = last + 1, reader.line_num
            if not cells:
                continue
            if len(cells) > len(header):
                problems.append(
                    Problem(
                        name,
                        line,
                        len(header) + 1,
                        "",
                        "row",
                        f"damaged row: {len(cells)} fields, the header has {len(header)}",
                    )
                )
                continue
            rec = dict(zip(header, cells, strict=False))
            rid = rec.get(id_column, "") if id_column else ""
            for i, cell in enumerate(cells):
                if _C1.search(cell):
                    fixed = repair_c1(cell)
                    if fixed != cell:
                        cells[i] = rec[header[i]] = fixed
                        repairs.append((line, i + 1, rid, f"C1 characters read as Windows-1252: {fixed[:80]!r}"))
                        cell = fixed
                bad = text_problem(cell, limit=MAX_LONG_TEXT)
                if bad:
                    problems.append(Problem(name, line, i + 1, rid, header[i], f"text {bad}"))
            rows.append(Row(line, rec))
            if len(problems) >= MAX_PROBLEMS:
                break
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, 1, "", "", f"not readable as CSV: {exc}"))
    if problems:
        raise DataError(problems)
    return SourceTable(name, {c: i for i, c in enumerate(header, 1)}, rows, repairs)
