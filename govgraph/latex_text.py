"""Text for LaTeX and BibTeX, shared by the table renderer and the BibTeX export.

:func:`escape` makes any text safe for pdflatex: LaTeX's special characters become commands, accented Latin
letters become accent commands (``é`` -> ``{\\'e}``, which BibTeX sorts and case-changes correctly), and runs of
characters pdflatex cannot set without extra fonts (Chinese, Arabic, emoji, invisible marks) are wrapped in
``\\govgraphforeign{...}``. That command, defined by :data:`FOREIGN_DEFINITION` (put at the top of every table
and in the BibTeX ``@preamble``), prints its text under XeLaTeX and LuaLaTeX and a placeholder under pdflatex, so
the document always compiles. ``native=True`` keeps non-ASCII text as it is, for XeLaTeX users (``--names zh``).
"""

from __future__ import annotations

import unicodedata

__all__ = ["FOREIGN_DEFINITION", "FOREIGN_PLACEHOLDER", "escape"]

FOREIGN_PLACEHOLDER = r"[\textit{non-Latin text}]"
#: Defines ``\govgraphforeign`` unless the document already does (so a document can print it its own way).
FOREIGN_DEFINITION = (
    r"\providecommand{\govgraphforeign}[1]{\ifdefined\XeTeXversion#1\else\ifdefined\directlua#1\else"
    + FOREIGN_PLACEHOLDER
    + r"\fi\fi}"
)

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "\n": " ",
    "\t": " ",
}
#: Non-ASCII characters with a command every LaTeX knows.
_LETTERS = {
    "ß": r"{\ss}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "ı": r"{\i}",
    "å": r"{\aa}",
    "Å": r"{\AA}",
    "–": "--",
    "—": "---",
    "‘": "`",
    "’": "'",
    "“": "``",
    "”": "''",
    "…": r"\ldots{}",
    "\u00a0": "~",
    "§": r"\S{}",
    "©": r"\copyright{}",
    "°": r"\textdegree{}",
    "·": r"\textperiodcentered{}",
    "×": r"\texttimes{}",
}
#: Combining marks -> accent command.
_ACCENTS = {
    "\u0301": "'",
    "\u0300": "`",
    "\u0302": "^",
    "\u0308": '"',
    "\u0303": "~",
    "\u0304": "=",
    "\u0307": ".",
    "\u030c": "v",
    "\u0306": "u",
    "\u030b": "H",
    "\u0327": "c",
    "\u0328": "k",
    "\u030a": "r",
    "\u0323": "d",
}


def _latin(ch: str) -> str | None:
    """``ch`` as ASCII LaTeX (an accent command on an ASCII letter), or None when it has no such form."""
    if ch in _LETTERS:
        return _LETTERS[ch]
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if not (base.isascii() and base.isalpha() and marks and all(m in _ACCENTS for m in marks)):
        return None
    out = {"i": r"\i", "j": r"\j"}.get(base, base)
    for mark in marks:
        cmd = _ACCENTS[mark]
        out = f"\\{cmd}{{{out}}}" if cmd.isalpha() else f"\\{cmd}{out}"
    return "{" + out + "}"


def escape(text: str, native: bool = False) -> str:
    """``text`` safe in LaTeX and BibTeX: specials as commands; non-ASCII as accent commands, or wrapped in
    ``\\govgraphforeign{...}`` (``native=False``), or kept as it is (``native=True``, for XeLaTeX)."""
    out: list[str] = []
    foreign: list[str] = []

    def flush() -> None:
        if foreign:
            run = "".join(foreign)
            core = run.rstrip(" ")
            out.append(r"{\govgraphforeign{" + core + "}}" + " " * (len(run) - len(core)))
            foreign.clear()

    for ch in text:
        if ch.isascii():
            if foreign and ch == " ":
                foreign.append(ch)
                continue
            flush()
            out.append(_SPECIAL.get(ch, ch))
        elif native:
            out.append(ch)
        elif (latin := _latin(ch)) is not None:
            flush()
            out.append(latin)
        else:
            foreign.append(ch)
    flush()
    return "".join(out)
