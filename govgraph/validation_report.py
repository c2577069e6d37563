"""The result of ``govgraph validate`` as a report (counts when valid, located problems when not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import Problem
from govgraph.model import Dataset
from govgraph.tables import Table

__all__ = ["ValidationReport"]


@dataclass
class ValidationReport:
    """Files read, whether they are valid, the counts, and every problem."""

    files: list[str]
    valid: bool
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def passed(cls, files: list[Path], ds: Dataset) -> ValidationReport:
        counts = (
            ds.counts()
            if hasattr(ds, "counts")
            else {  # bulk tables: counted without building records
                "actors": len(ds.actors),
                "relations": len(ds.relations),
                "sources": len(ds.sources),
                "figures": len(ds.figures),
            }
        )
        return cls([str(f) for f in files], True, counts)

    @classmethod
    def failed(cls, files: list[Path], problems: list[Problem]) -> ValidationReport:
        return cls([str(f) for f in files], False, problems=problems)

    def summary(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        return f"{len(self.files)} files, {counts}"

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "files": self.files,
            "counts": self.counts,
            "problems": [p.__dict__ for p in self.problems],
        }

    def tables(self) -> list[Table]:
        cols = ["file", "line", "col", "id", "field", "message"]
        rows = [[p.file, p.line, p.col, p.id, p.field, p.message] for p in self.problems]
        return (
            [Table("problems", "Validation problems", cols, rows)]
            if not self.valid
            else [Table("counts", "Valid data", ["what", "count"], [[k, n] for k, n in self.counts.items()])]
        )
