"""``govgraph report``: the whole battery of analyses on a dataset, as one Markdown and one HTML page.

:func:`build_report` runs the analyses; :func:`write_report` writes ``report.md``, ``report.html`` (self-contained)
and the figures as SVG files beside them, the folder whole or not at all (:func:`govgraph.fileio.output_dir`), and
everything computed before the first byte is written.
"""

from __future__ import annotations

from pathlib import Path

from govgraph.fileio import output_dir
from govgraph.report.battery import BuiltReport, Section, build_report, build_report_of
from govgraph.report.html import report_html
from govgraph.report.markdown import report_markdown

__all__ = ["BuiltReport", "Section", "build_report", "build_report_of", "is_report_file", "write_report"]


def is_report_file(name: str) -> bool:
    """Whether ``name`` is a file a report writes (``report.md``, ``report.html``, a figure ``.svg``)."""
    return name in ("report.md", "report.html") or name.endswith(".svg")


def write_report(report: BuiltReport, out: Path) -> list[Path]:
    """Write the report as folder ``out``, whole; return the paths written.

    An existing folder is replaced only if it holds nothing but report files (a previous report); the command
    asks for ``--force`` first.
    """
    out = Path(out)
    figures = {key: svg for s in report.sections for key, svg in s.figures.items()}
    files = {f"{key}.svg": svg for key, svg in figures.items()}
    files["report.md"] = report_markdown(report, {key: f"{key}.svg" for key in figures})
    files["report.html"] = report_html(report)
    names = sorted(files, key=lambda n: (not n.startswith("report"), n))
    with output_dir(out, force=True, own=is_report_file) as tmp:
        for name in names:
            (tmp / name).write_text(files[name], encoding="utf-8", newline="")
    return [out / name for name in names]
