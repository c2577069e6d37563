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


_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def _valid(y: int, m: int, d: int) -> bool:
    import datetime as dt

    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def parse_date(text: str) -> tuple[Any, str | None, str | None]:
    """A source date cell as ``(value, kind, why)``: value ``YYYY-MM-DD`` text or a year (None when unusable);
    kind ``placeholder_date`` or ``malformed_date`` when the cell was not a plain date, with the reason.

    >>> parse_date("1992-05-09")
    ('1992-05-09', None, None)
    >>> parse_date("9999-12-31")[0:2]
    (None, 'placeholder_date')
    >>> parse_date("2010-XX-XX-")[0:2]
    (2010, 'malformed_date')
    >>> parse_date("16-12-1991.")[0:2]
    ('1991-12-16', 'malformed_date')
    """
    raw = (text or "").strip()
    if not raw:
        return None, None, None
    if raw.startswith("9999"):
        return None, "placeholder_date", f"{raw!r} is a placeholder (not known or not in force), read as no date"
    m = _ISO.fullmatch(raw)
    if m and _valid(*map(int, m.groups())):
        return raw, None, None
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)\W*", raw)
    if m and _valid(*map(int, m.groups())):
        value = "-".join(m.groups())
        return value, "malformed_date", f"{raw!r} read as {value}"
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})\W*", raw)
    if m and _valid(int(m.group(3)), int(m.group(2)), int(m.group(1))):
        value = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
        return value, "malformed_date", f"{raw!r} read as {value}"
    m = re.match(r"(\d{4})-(?:XX|\d\d)", raw)
    if m and 1000 <= int(m.group(1)) < 9000:
        return int(m.group(1)), "malformed_date", f"{raw!r} read as the year {m.group(1)}"
    return None, "malformed_date", f"{raw!r} is not a date; left out"
