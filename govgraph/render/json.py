"""JSON: the report's own document, keys sorted, so the bytes are the same on every run."""

from __future__ import annotations

import json
from typing import TextIO

from govgraph.tables import Report


def write(report: Report, out: TextIO) -> None:
    """Write the report's JSON document."""
    json.dump(report.to_json(), out, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    out.write("\n")
