"""LaTeX tables that fit the page: ``xltabular`` set to ``\\linewidth`` (long tables break across pages, the header
repeats), wrapped text columns (``X``, ragged right, breaks allowed after ``_ : /``), numbers aligned on the
decimal point by ``siunitx``'s ``S`` columns, booktabs rules, and a caption with the table's title and year.

Needs ``\\usepackage{booktabs,xltabular,siunitx}`` in the preamble (the file's first line says so).
Non-ASCII text is made safe for pdflatex by :func:`govgraph.latex_text.escape`; with ``--names zh`` (for XeLaTeX
with ``xeCJK``) text is kept as it is and actor names are given in Chinese where the data has them.
``--columns a,b`` keeps only those columns, in that order.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TextIO

from govgraph.errors import UsageError
from govgraph.latex_text import FOREIGN_DEFINITION
from govgraph.latex_text import escape as _escape
from govgraph.render.cells import cell_text
from govgraph.tables import Report, Table

__all__ = ["REQUIRES", "SETTINGS", "LatexSettings", "escape", "table_latex", "write"]

REQUIRES = r"\usepackage{booktabs,xltabular,siunitx,graphicx}"
#: Text columns whose longest cell has at most this many characters are set as ``l`` (natural width); longer ones
#: wrap in an ``X`` column.
NARROW = 14
#: Tables with more columns than this are set in ``\small``.
SMALL_ABOVE = 5


@dataclass(frozen=True)
class LatexSettings:
    """What ``--columns`` and ``--names`` ask of the LaTeX output."""

    columns: tuple[str, ...] = ()
    names: str = "en"
    #: For ``names="zh"``: English name or id -> Chinese name.
    chinese: dict[str, str] = field(default_factory=dict)


_DEFAULT = LatexSettings()
SETTINGS: ContextVar[LatexSettings] = ContextVar("latex_settings", default=_DEFAULT)


def escape(text: str, native: bool = False) -> str:
    """LaTeX-safe text (see :func:`govgraph.latex_text.escape`)."""
    return _escape(text, native=native)


_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _numeric(values: list[Any]) -> bool:
    """Whether a column holds numbers only: ints and floats, or numbers already rounded to text (``--precision``)."""
    present = [v for v in values if v is not None and v != ""]
    return bool(present) and all(
        (isinstance(v, (int, float)) and not isinstance(v, bool)) or (isinstance(v, str) and _NUMBER.fullmatch(v))
        for v in present
    )


def _table_format(texts: list[str]) -> str:
    """siunitx ``table-format`` covering every number of a column (e.g. ``-2.4``)."""
    sign = any(t.startswith("-") for t in texts)
    ints = max((len(t.lstrip("-").split(".")[0]) for t in texts if t), default=1)
    decs = max((len(t.split(".")[1]) for t in texts if "." in t), default=0)
    return f"{'-' if sign else ''}{ints}.{decs}" if decs else f"{'-' if sign else ''}{ints}"


def _breakable(text: str) -> str:
    """Escaped text with line breaks allowed after ``_``, ``:``, ``/`` and ``;`` (long ids and lists)."""
    text = text.replace(r"\_", r"\_\allowbreak\hspace{0pt}")  # the glue lets TeX hyphenate the next word
    return re.sub(r"([:/;])", r"\1\\allowbreak\\hspace{0pt}", text)


def _number_header(header: str, width: int, native: bool) -> str:
    """A number column's header: as it is when no wider than the numbers, else turned upright (``\rotatebox``),
    so the column stays as narrow as its numbers."""
    text = escape(header.replace("_", " "), native)
    if len(header) <= max(width + 1, 6):
        return "{" + text + "}"
    return r"{\rotatebox{90}{" + text + "}}"


def _select(table: Table, columns: tuple[str, ...]) -> Table:
    if not columns:
        return table
    present = [c for c in columns if c in table.columns]
    if not present:
        from govgraph.dataset import suggest

        raise UsageError(
            f"--columns {','.join(columns)}: table {table.title!r} has none of them{suggest(columns[0], table.columns)}"
            f" (its columns: {', '.join(table.columns)})"
        )
    idx = [table.columns.index(c) for c in present]
    return Table(
        table.name, table.title, present, [[r[i] for i in idx] for r in table.rows], table.caption, table.notes
    )


def _caption(table: Table, year: int | None) -> str:
    if year is not None and str(year) not in table.title:
        return f"{table.title} ({year})"
    return table.title


#: What the layout assumes of the page: ``\linewidth`` of the standard article class (345 pt) and the average
#: width of a character in pt at each size; a narrower page only makes ``X`` columns wrap sooner.
LINEWIDTH_PT = 345.0
CHAR_PT = {"": 5.0, r"\small": 4.6, r"\footnotesize": 4.1, r"\scriptsize": 3.5}
#: A word longer than this is assumed to hyphenate (X columns allow it); shorter words must fit whole.
HYPHENATE = 8
_PAD_PT = 12.0  # \tabcolsep on both sides
_BREAK = re.compile(r"[\s_:/;]+")


def _layout(texts: list[list[str]], headers: list[str], numeric: list[bool]) -> tuple[str, list[str], list[float]]:
    r"""Font size, column kinds (``S`` ``r`` ``l`` ``X``) and ``X`` width factors that fit ``\linewidth``."""
    n = len(headers)
    longest = [max((len(t) for t in col), default=0) for col in texts]
    words = [max((len(w) for t in col for w in _BREAK.split(t)), default=0) for col in texts]
    head_words = [
        (1 if len(h) > max(longest[i] + 1, 6) else len(h))
        if numeric[i]
        else max(len(w) for w in re.split(r"[_\s]+", h))
        for i, h in enumerate(headers)
    ]
    kinds = []
    for i in range(n):
        if numeric[i]:
            kinds.append("r" if i == 0 or not any("." in t for t in texts[i]) else "S")
        else:
            kinds.append("X" if longest[i] > 6 else "l")
    sizes = ["", r"\small", r"\footnotesize", r"\scriptsize"][(0 if n <= SMALL_ABOVE else 1) :]
    for size in sizes:
        cw = CHAR_PT[size]
        kinds_now = list(kinds)
        while True:
            fixed = sum(
                (max(longest[i], head_words[i]) if kinds_now[i] != "l" else max(longest[i], len(headers[i]))) * cw
                + _PAD_PT
                for i in range(n)
                if kinds_now[i] != "X"
            )
            xs = [i for i in range(n) if kinds_now[i] == "X"]
            if not xs:
                text = [i for i in range(n) if kinds_now[i] == "l"]
                if not text:
                    break
                kinds_now[max(text, key=lambda i: longest[i])] = "X"  # one text column takes the slack
                continue
            avail = LINEWIDTH_PT - fixed - _PAD_PT * len(xs)
            need = {i: min(max(words[i], head_words[i]), HYPHENATE) * cw for i in xs}
            want = {i: max(need[i], min(longest[i], 40) * cw) for i in xs}
            total = sum(want.values())
            factors = {i: len(xs) * want[i] / total for i in xs}
            if avail > 0 and all(factors[i] * avail / len(xs) >= need[i] for i in xs):
                return size, kinds_now, [factors.get(i, 0.0) for i in range(n)]
            widest_l = [i for i in range(n) if kinds_now[i] == "l" and longest[i] > 6]
            if not widest_l:
                break
            kinds_now[max(widest_l, key=lambda i: longest[i])] = "X"
    # Nothing fits whole: the smallest size with narrower gaps between columns (a third of the usual), X columns of
    # equal width.
    xs = [i for i in range(n) if kinds_now[i] == "X"]
    return sizes[-1] + r"\setlength{\tabcolsep}{2pt}", kinds_now, [1.0 if i in xs else 0.0 for i in range(n)]


def table_latex(table: Table, year: int | None = None, settings: LatexSettings | None = None) -> str:
    """One table as an ``xltabular`` (caption ``<title> (<year>)``, label ``tab:<name>``) and its notes."""
    settings = settings or SETTINGS.get()
    native = settings.names == "zh"
    table = _select(table, settings.columns)
    n = len(table.columns)
    values = [[row[i] for row in table.rows] for i in range(n)]
    texts = [[cell_text(v) for v in col] for col in values]
    if native and settings.chinese:
        texts = [[settings.chinese.get(t, t) for t in col] for col in texts]
    numeric = [_numeric(col) for col in values]
    size, kinds, factors = _layout(texts, table.columns, numeric)
    specs = []
    for i, kind in enumerate(kinds):
        if kind == "S":
            specs.append(f"S[table-format={_table_format(texts[i])}]")
        elif kind == "X":
            hsize = f"\\hsize={factors[i]:.3f}\\hsize" if abs(factors[i] - 1.0) > 0.001 else ""
            specs.append(f">{{{hsize}\\raggedright\\arraybackslash\\hspace{{0pt}}}}X")
        else:
            specs.append(kind)
    slack = "X" not in kinds
    if slack:
        specs.append("X")  # only numbers: an empty column takes the slack
    head = " & ".join(
        _number_header(c, max((len(t) for t in texts[i]), default=0), native)
        if numeric[i]
        else escape(c.replace("_", " "), native)
        for i, c in enumerate(table.columns)
    ) + (" &" if slack else "")

    def cell(i: int, text: str) -> str:
        if numeric[i]:
            return text
        out = escape(text, native)
        return _breakable(out) if kinds[i] == "X" else out

    label = "tab:" + re.sub(r"[^a-z0-9]+", "-", table.name.lower()).strip("-")
    caption = escape(_caption(table, year), native)
    lines = [r"\begingroup" + size]
    lines += [
        rf"\begin{{xltabular}}{{\linewidth}}{{@{{}}{''.join(specs)}@{{}}}}",
        rf"\caption{{{caption}}}\label{{{label}}}\\",
        r"\toprule",
        head + r" \\",
        r"\midrule",
        r"\endfirsthead",
        rf"\caption[]{{{caption} (continued)}}\\",
        r"\toprule",
        head + r" \\",
        r"\midrule",
        r"\endhead",
        r"\bottomrule",
        r"\endlastfoot",
    ]
    pad = " &" if slack else ""
    lines += [" & ".join(cell(i, row[i]) for i in range(n)) + pad + r" \\" for row in zip(*texts, strict=True)]
    lines.append(r"\end{xltabular}")
    notes = ([table.caption] if table.caption and table.caption != table.title else []) + list(table.notes)
    if notes:
        lines.append(r"{\footnotesize\raggedright " + " ".join(_breakable(escape(t, native)) for t in notes) + r"\par}")
    lines.append(r"\endgroup")
    return "\n".join(lines) + "\n"


def _year(report: Report) -> int | None:
    try:
        doc = report.to_json()
    except Exception:  # a report that cannot say its year is still a report
        return None
    year = doc.get("as_of") if isinstance(doc, dict) else None
    return year if isinstance(year, int) else None


def write(report: Report, out: TextIO) -> None:
    """Write each table as LaTeX (needs :data:`REQUIRES`)."""
    year = _year(report)
    tables = "\n".join(table_latex(t, year) for t in report.tables())  # whole, before the first byte
    out.write(f"% requires {REQUIRES}\n{FOREIGN_DEFINITION}\n{tables}")
