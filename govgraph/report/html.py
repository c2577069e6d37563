"""The report as one self-contained HTML page: inline CSS, tables, and the figures as inline SVG."""

from __future__ import annotations

import re
from html import escape

from govgraph.render.cells import cell_text
from govgraph.report.battery import MAX_ROWS, BuiltReport
from govgraph.report.tables import cut
from govgraph.tables import Table

__all__ = ["report_html"]

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { background: #f3f3f3; padding: 0 0.2rem; }
th { background: #f0f0f0; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.3rem 0; }
pre { background: #f7f7f7; padding: 0.6rem; white-space: pre-wrap; }
.note { color: #666; font-size: 0.8rem; margin: 0; }
figure { margin: 1rem 0; }
"""


_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """Markdown inline text as HTML: escaped, with `code` spans as ``<code>``."""
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escape(text))


def _numeric(t: Table, col: int) -> bool:
    values = [r[col] for r in t.rows if r[col] is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _table(t: Table) -> str:
    num = [' class="num"' if _numeric(t, i) else "" for i in range(len(t.columns))]
    head = "".join(f"<th{num[i]}>{escape(c)}</th>" for i, c in enumerate(t.columns))
    body = "\n".join(
        "<tr>" + "".join(f"<td{num[i]}>{escape(cell_text(v))}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in t.rows
    )
    notes = "".join(f'<p class="note">{inline(n)}</p>' for n in t.notes)
    caption = f'<p class="note">{inline(t.caption)}</p>' if t.caption else ""
    return (
        f"<table><caption>{escape(t.title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>\n{body}\n</tbody></table>{caption}{notes}"
    )


def _inline_svg(svg: str) -> str:
    """SVG text fit to sit inside HTML: no XML declaration or doctype."""
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    return re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)


def report_html(report: BuiltReport) -> str:
    """HTML text of the whole report."""
    when = f" as of {report.as_of}" if report.as_of else ""
    title = escape(f"{report.title}{when}")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f"<pre>{escape(report.summary())}</pre>",
    ]
    out.append(
        "<p>Contents: " + ", ".join(f'<a href="#{s.key}">{escape(s.title)}</a>' for s in report.sections) + "</p>"
    )
    for s in report.sections:
        out += [
            f'<section id="{s.key}">',
            f"<h2>{escape(s.title)}</h2>",
            f"<p>{inline(s.intro)} (<code>{escape(s.command)}</code>)</p>",
        ]
        out += [f"<figure>{_inline_svg(svg)}</figure>" for svg in s.figures.values()]
        out += [_table(cut(t, MAX_ROWS, s.command)) for t in s.result.tables()]
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
