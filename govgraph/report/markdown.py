"""The report as one Markdown page: a summary, then each analysis with its tables and figures."""

from __future__ import annotations

from govgraph.render.markdown import table_markdown
from govgraph.report.battery import MAX_ROWS, BuiltReport
from govgraph.report.tables import cut

__all__ = ["report_markdown"]


def report_markdown(report: BuiltReport, figure_files: dict[str, str]) -> str:
    """Markdown text of the report; ``figure_files`` maps a figure key to the file name it is written to."""
    when = f" as of {report.as_of}" if report.as_of else ""
    parts = [f"# {report.title}{when}", "", "```", report.summary(), "```", ""]
    parts += ["Contents: " + ", ".join(f"[{s.title}](#{s.key})" for s in report.sections), ""]
    for s in report.sections:
        parts += [f'<a id="{s.key}"></a>', f"## {s.title}", "", s.intro + f" (`{s.command}`)", ""]
        for key in s.figures:
            parts += [f"![{key.replace('_', ' ')}]({figure_files[key]})", ""]
        parts += [table_markdown(cut(t, MAX_ROWS, s.command)) for t in s.result.tables()]
    return "\n".join(parts).rstrip() + "\n"
