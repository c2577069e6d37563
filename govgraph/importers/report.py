"""The import report: what was odd in a source, where, and what the importer did about it.

Real data holds contradictions (members coded after an organisation's end, an end before a start, placeholder
dates such as ``9999-12-31``, parties that no longer exist, an id used twice). An importer never refuses a whole
file for them: it imports the record as published where that is coherent, or adjusts it, and lists each case
here, located in the source (``FILE:ROW:COL``). The list is printed as a summary and written beside the output
as ``import-report.csv``; ``--strict`` turns every case into an error.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from govgraph.errors import Problem
from govgraph.tables import Table

__all__ = ["REPORT_FILE", "ImportReport", "Oddity", "oddity_table"]

REPORT_FILE = "import-report.csv"
_HEADER = ["file", "row", "col", "kind", "record", "action", "why"]


@dataclass(frozen=True, order=True)
class Oddity:
    """One case: where (source file, row, column), which record, what kind, what was done, and why."""

    file: str
    row: int
    col: int
    kind: str
    record: str
    action: str
    why: str

    def problem(self) -> Problem:
        """The case as a located problem (``--strict``)."""
        return Problem(self.file, self.row, self.col, self.record, self.kind, f"{self.why} ({self.action})")


@dataclass
class ImportReport:
    """Every case one import met, in source order."""

    cases: list[Oddity] = field(default_factory=list)

    def add(self, file: str, row: int, col: int, kind: str, record: str, action: str, why: str) -> None:
        """Record one case."""
        self.cases.append(Oddity(str(file), row, col, kind, record, action, why))

    def extend(self, other: ImportReport) -> None:
        """Append the cases of ``other``."""
        self.cases.extend(other.cases)

    def sorted(self) -> list[Oddity]:
        """The cases in source order (file, row, column), ties by kind and record."""
        return sorted(set(self.cases))

    def counts(self) -> dict[str, int]:
        """Number of cases of each kind, kinds sorted."""
        return dict(sorted(Counter(c.kind for c in set(self.cases)).items()))

    def problems(self) -> list[Problem]:
        """Every case as an error (``--strict``)."""
        return [c.problem() for c in self.sorted()]

    def csv_text(self) -> str:
        """``import-report.csv``: one row per case, every field quoted where CSV needs it.

        The report is meant to be opened in a spreadsheet, so a text cell starting with ``=``, ``+``, ``-`` or
        ``@`` (which a spreadsheet would run as a formula) gets a leading apostrophe.
        """
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(_HEADER)
        for c in self.sorted():
            writer.writerow([c.file, c.row, c.col, *(_safe(x) for x in (c.kind, c.record, c.action, c.why))])
        return buf.getvalue()


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def oddity_table(counts: dict[str, int], out_dir: str) -> Table:
    """The summary printed after an import: how many cases of each kind, and where the list is."""
    return Table(
        "oddities",
        "Odd cases in the source",
        ["kind", "cases"],
        [[k, v] for k, v in counts.items()] or [["none", 0]],
        notes=[f"each case with its FILE:ROW:COL, record, action and reason: {out_dir}/{REPORT_FILE}"],
    )
