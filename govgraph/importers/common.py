"""Small pieces the dataset importers share: ids, years, the summary they return."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from govgraph.importers.report import oddity_table
from govgraph.tables import Table

__all__ = ["ImportSummary", "slug", "year_of"]


def slug(text: str) -> str:
    """An id fragment: lower case, runs of other characters as one hyphen (``IOcC`` -> ``iocc``)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def year_of(text: str) -> int | None:
    """The year of ``1945``, ``1945.0`` or ``1945-10-24``; None for an empty cell or anything else."""
    m = re.fullmatch(r"\s*(\d{1,4})(?:\.0+|-\d\d-\d\d)?\s*", text or "")
    return int(m.group(1)) if m else None


@dataclass
class ImportSummary:
    """What an import read and wrote (a report: ``to_json`` and ``tables``)."""

    title: str
    source: str
    out_dir: str
    files: list[str]
    counts: dict[str, int]
    oddities: dict[str, int] = field(default_factory=dict)
    crosswalked: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "out_dir": self.out_dir,
            "files": self.files,
            "counts": self.counts,
            "crosswalked": self.crosswalked,
            "oddities": self.oddities,
        }

    def tables(self) -> list[Table]:
        return [
            Table(
                "import",
                self.title,
                ["what", "count"],
                [[k, v] for k, v in self.counts.items()],
                notes=[
                    f"read {self.source}, wrote {self.out_dir}",
                    f"one actor with the seeds and other imports (crosswalk): {', '.join(self.crosswalked) or 'none'}",
                ],
            ),
            oddity_table(self.oddities, self.out_dir),
        ]
