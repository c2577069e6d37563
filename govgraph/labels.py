"""Display labels for actors, shared by figures and exports: the name when short, else an acronym, never a word
cut in half."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

__all__ = ["acronym", "node_label", "short_label"]


def acronym(data: Mapping[str, Any], max_len: int = 12) -> str | None:
    """The first alias that looks like an acronym (ASCII letters and digits, at most ``max_len``), if any."""
    for alias in data.get("aliases") or []:
        alias = str(alias)
        if alias.isascii() and len(alias) <= max_len and alias.replace("-", "").replace(" ", "").isalnum():
            return alias
    return None


def node_label(data: Mapping[str, Any], limit: int = 24) -> str:
    """A one-line label: the name when it has at most ``limit`` characters, else its acronym, else the name."""
    name = str(data.get("name", ""))
    if len(name) <= limit:
        return name
    return acronym(data) or name


def short_label(data: Mapping[str, Any], limit: int = 18, lines: int = 3) -> str:
    """A label for a figure: the name when short, else its acronym, else the name wrapped at spaces onto at most
    ``lines`` lines of about ``limit`` characters, ending in "…" after a whole word when it does not fit.
    Words are never broken."""
    label = node_label(data, limit=limit)
    if len(label) <= limit:
        return label
    wrapped = textwrap.wrap(label, width=limit, break_long_words=False, break_on_hyphens=False)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] += " …"
    return "\n".join(wrapped)
