"""Colours shared by figures and exports: the Okabe & Ito palette, safe for the common colour-vision
deficiencies, one colour per kind of actor and per relation category, in vocabulary order."""

from __future__ import annotations

from functools import cache

from govgraph.vocab import vocabulary

__all__ = ["OTHER", "PALETTE", "category_colour", "kind_colour", "kind_rgb", "rgb"]

#: Okabe & Ito (2008), without yellow (too pale on white paper) first, then yellow and black.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Relation categories: a grey first, then the palette's darker colours.
CATEGORY_PALETTE = ("#444444", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9")
OTHER = "#999999"


@cache
def _kinds() -> dict[str, str]:
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(vocabulary().kinds)}


@cache
def _categories() -> dict[str, str]:
    cats = list(vocabulary().relation_categories)
    return {c: CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)] for i, c in enumerate(cats)}


def kind_colour(kind: str) -> str:
    """The hex colour of a kind of actor (grey for anything else)."""
    return _kinds().get(kind, OTHER)


def category_colour(category: str) -> str:
    """The hex colour of a relation category (grey for anything else)."""
    return _categories().get(category, OTHER)


def rgb(hexa: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as 0-255 integers."""
    hexa = hexa.lstrip("#")
    return int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16)


def kind_rgb(kind: str) -> tuple[int, int, int]:
    """The colour of a kind of actor as 0-255 RGB."""
    return rgb(kind_colour(kind))
