"""``govgraph report``: the whole battery of analyses on a dataset, as one Markdown and one HTML page.

:func:`build_report` runs the analyses; :func:`write_report` writes ``report.md``, ``report.html`` (self-contained)
and the figures as SVG files beside them, each file whole or not at all, and everything computed before the
first byte is written.
"""

from __future__ import annotations

from pathlib import Path

from govgraph.errors import UsageError
from govgraph.fileio import atomic_write_text
from govgraph.report.battery import BuiltReport, Section, build_report
from govgraph.report.html import report_html
from govgraph.report.markdown import report_markdown

__all__ = ["BuiltReport", "Section", "build_report", "write_report"]


def write_report(report: BuiltReport, out: Path) -> list[Path]:
    """Write the report into folder ``out`` (created if needed); return the paths written."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"cannot write the report into {out}: it is a file, not a folder")
    figures = {key: svg for s in report.sections for key, svg in s.figures.items()}
    files = {f"{key}.svg": svg for key, svg in figures.items()}
    files["report.md"] = report_markdown(report, {key: f"{key}.svg" for key in figures})
    files["report.html"] = report_html(report)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create folder {out}: {exc.strerror}") from None
    written = []
    for name in sorted(files, key=lambda n: (not n.startswith("report"), n)):
        with atomic_write_text(out / name) as fh:
            fh.write(files[name])
        written.append(out / name)
    return written
