"""Reading a source CSV file whole, or refusing it with a located message.

What cannot be read at all is refused before anything is converted: bytes that are not UTF-8 text, a NUL
anywhere in the file, a header without the columns the importer needs, a cell holding control characters
(``govgraph.limits.text_problem``). Every refusal is ``FILE:ROW:COL: <id>: <column>: message``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from govgraph.dataset import suggest
from govgraph.errors import DataError, Problem, UsageError
from govgraph.limits import MAX_LONG_TEXT, text_problem

__all__ = ["Row", "SourceTable", "read_source_csv"]

MAX_PROBLEMS = 200


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
    return SourceTable(name, {c: i for i, c in enumerate(header, 1)}, rows)
