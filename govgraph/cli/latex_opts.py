"""``--columns`` and ``--names``: how the LaTeX output of a reporting command is laid out (one decorator for every
command that takes ``--format latex``)."""

from __future__ import annotations

import functools
import inspect
from typing import Annotated, Any, TypeVar

import typer

__all__ = ["chinese_names", "latex_options"]

F = TypeVar("F")

ColumnsOpt = Annotated[
    list[str] | None,
    typer.Option("--columns", help="LaTeX: only these columns, in this order (comma-separated or repeated)."),
]
NamesOpt = Annotated[
    str,
    typer.Option(
        "--names",
        help="LaTeX: 'en' (safe for pdflatex) or 'zh' (Chinese names where known, text as it is: for XeLaTeX).",
    ),
]


def chinese_names(g: Any) -> dict[str, str]:
    """English name -> Chinese name (``name_zh``, else an alias in Chinese characters) of every actor that has one."""
    out = {}
    for _, d in sorted(g.nodes(data=True)):
        zh = d.get("name_zh") or next(
            (a for a in d.get("aliases", []) if any("\u4e00" <= ch <= "\u9fff" for ch in a)), None
        )
        if zh and d.get("name"):
            out[d["name"]] = zh
    return out


def latex_options(func: F) -> F:
    """Give a command ``--columns`` and ``--names``; they set :data:`govgraph.render.latex.SETTINGS` while it runs.
    Put it under ``@source_options`` so that ``--names zh`` can read the actors' Chinese names."""
    sig = inspect.signature(func, eval_str=True)  # type: ignore[arg-type]
    added = [
        inspect.Parameter("columns", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ColumnsOpt),
        inspect.Parameter("names", inspect.Parameter.KEYWORD_ONLY, default="en", annotation=NamesOpt),
    ]

    @functools.wraps(func)  # type: ignore[arg-type]
    def wrapper(*args: Any, columns: list[str] | None = None, names: str = "en", **kwargs: Any) -> Any:
        from govgraph.errors import UsageError
        from govgraph.render.latex import SETTINGS, LatexSettings

        if names not in ("en", "zh"):
            raise UsageError(f"--names must be 'en' or 'zh', not {names!r}")
        chosen = tuple(c.strip() for raw in columns or [] for c in raw.split(",") if c.strip())
        chinese = {}
        if names == "zh" and "data_source" in kwargs:
            chinese = chinese_names(kwargs["data_source"].graph())
        token = SETTINGS.set(LatexSettings(chosen, names, chinese))
        try:
            return func(*args, **kwargs)  # type: ignore[operator]
        finally:
            SETTINGS.reset(token)

    params = [p for p in sig.parameters.values()]
    wrapper.__signature__ = sig.replace(parameters=[*params, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*params, *added]} | {"return": sig.return_annotation}
    return wrapper  # type: ignore[return-value]
