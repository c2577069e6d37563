"""``queries/style.grass``, Neo4j Browser's style sheet, generated from the vocabulary.

Every kind of actor and every relation type of ``govgraph/vocabulary.yaml`` gets a style, so a new term is
never drawn unstyled: kinds and the structural labels keep the colours chosen for them below, a kind without
one gets a colour of the palette picked by its name; relation types are coloured by their category (a new
type of a known category looks like its siblings). Actors are captioned with ``caption`` (the name, or the
acronym where the name is long: see :func:`govgraph.neo4j.properties.caption_of`).

    python -m govgraph.neo4j.style > queries/style.grass     # after changing the vocabulary
    python -m govgraph.neo4j.style --check                   # exit 1 when queries/style.grass is stale
    python -m govgraph.neo4j.style --data DIR > my.grass     # with the terms a data folder adds

A relation type the data adds is coloured by its category, like its siblings; its terms are ``:Term`` nodes.
"""

from __future__ import annotations

import sys
import zlib

from govgraph.neo4j.queries import LINK_TYPES
from govgraph.vocab import label_for_kind, vocabulary

__all__ = ["style_grass"]

#: (fill, border, text) of Browser's palette, for labels without a colour of their own
_PALETTE = [
    ("#4C8EDA", "#2870C2", "#FFFFFF"),
    ("#F79767", "#F36924", "#FFFFFF"),
    ("#DA7194", "#CC3C6C", "#FFFFFF"),
    ("#57C7E3", "#23B3D7", "#2A2C34"),
    ("#8DCC93", "#5DB665", "#2A2C34"),
    ("#C990C0", "#B261A5", "#FFFFFF"),
    ("#FFC454", "#D7A013", "#2A2C34"),
    ("#F16667", "#EB2728", "#FFFFFF"),
    ("#D9C8AE", "#C0A378", "#2A2C34"),
    ("#6DCE9E", "#3FAE6B", "#2A2C34"),
]
_KIND_STYLE = {  # kind -> (diameter, palette index)
    "organisation": (65, 0),
    "state": (55, 1),
    "firm": (55, 2),
    "programme": (55, 3),
    "agreement": (55, 4),
}
#: non-actor labels: (label, diameter, palette index, caption)
_OTHER_LABELS = [
    ("Source", 35, 5, "{id}"),
    ("Figure", 40, 6, "{description}"),
    ("IssueArea", 45, 7, "{id}"),
    ("Function", 45, 8, "{id}"),
    ("RegimeComplex", 75, 9, "{issue_area}"),
]
#: relation category -> (colour, shaft width)
_CATEGORY_STYLE = {
    "membership": ("#4C8EDA", 2),
    "interaction": ("#57C7E3", 2),
    "hierarchy": ("#2A2C34", 3),
    "affiliation": ("#8DCC93", 2),
    "succession": ("#FFC454", 3),
    "state_action": ("#F16667", 3),
}
#: relation types drawn thinner than their category, or captioned with a property instead of the type
_THIN = {"liaison_with", "participates_in"}
_CAPTION = {"consultative_status": "{status}", "succeeded_by": "{status}"}
#: derived links: (colour, width, caption)
_LINK_STYLE = {
    "IN_ISSUE_AREA": ("#F5A3A4", 1, ""),
    "HAS_FUNCTION": ("#E6DCCB", 1, ""),
    "SOURCED_FROM": ("#DCBDD7", 1, "{at}"),
    "ABOUT": ("#FFC454", 1, "<type>"),
    "IN_COMPLEX": ("#6DCE9E", 2, "{unit}"),
}
#: order in which relation categories are listed (others follow by name)
_CATEGORY_ORDER = ["membership", "interaction", "hierarchy", "affiliation", "succession", "state_action"]
#: order of known types inside a category (others follow by name)
_TYPE_ORDER = [
    "member_of",
    "party_to",
    "partner_of",
    "sponsors",
    "consultative_status",
    "liaison_with",
    "participates_in",
    "funds",
    "establishes",
    "runs",
    "part_of",
    "administers",
]

_HEAD = """\
node {
  diameter: 50px;
  color: #A5ABB6;
  border-color: #9AA1AC;
  border-width: 2px;
  text-color-internal: #FFFFFF;
  font-size: 10px;
}
relationship {
  color: #A5ABB6;
  shaft-width: 1px;
  font-size: 8px;
  padding: 3px;
  text-color-external: #000000;
  text-color-internal: #FFFFFF;
  caption: '<type>';
}
node.Actor {
  color: #A5ABB6;
  border-color: #9AA1AC;
  caption: '{caption}';
}
"""


def _pick(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) % len(_PALETTE)


def _node(label: str, diameter: int, colours: tuple[str, str, str], caption: str) -> str:
    fill, border, text = colours
    return (
        f"node.{label} {{\n  diameter: {diameter}px;\n  color: {fill};\n  border-color: {border};\n"
        f"  text-color-internal: {text};\n  caption: '{caption}';\n}}\n"
    )


def _rel(rtype: str, colour: str, width: int, caption: str) -> str:
    return f"relationship.{rtype} {{\n  color: {colour};\n  shaft-width: {width}px;\n  caption: '{caption}';\n}}\n"


def _rank(order: list[str], name: str) -> tuple[int, str]:
    return (order.index(name) if name in order else len(order), name)


def style_grass() -> str:
    """The style sheet for the current vocabulary (the same text for the same vocabulary)."""
    v = vocabulary()
    parts = [_HEAD]
    for kind in sorted(v.kinds, key=lambda k: _rank(list(_KIND_STYLE), k)):
        diameter, colour = _KIND_STYLE.get(kind, (55, _pick(kind)))
        parts.append(_node(label_for_kind(kind), diameter, _PALETTE[colour], "{caption}"))
    others = [*_OTHER_LABELS, *([("Term", 35, 9, "{term}")] if v.user else [])]  # the data's own terms
    for label, diameter, colour, caption in others:
        parts.append(_node(label, diameter, _PALETTE[colour], caption))
    rels = sorted(
        v.relation_types.values(), key=lambda r: (_rank(_CATEGORY_ORDER, r.category), _rank(_TYPE_ORDER, r.name))
    )
    for rel in rels:
        colour, width = _CATEGORY_STYLE.get(rel.category, (_PALETTE[_pick(rel.category)][0], 2))
        width = 1 if rel.name in _THIN else width
        parts.append(_rel(rel.neo4j_type, colour, width, _CAPTION.get(rel.name, "<type>")))
    for rtype in [*LINK_TYPES, "IN_COMPLEX"]:
        colour, width, caption = _LINK_STYLE.get(rtype, ("#A5ABB6", 1, "<type>"))
        parts.append(_rel(rtype, colour, width, caption))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Print the style sheet, or with ``--check`` compare it with ``queries/style.grass`` (exit 1 if stale)."""
    from govgraph.paths import queries_dir

    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--data"] and len(args) > 1:  # the style of the vocabulary a data folder extends
        from govgraph.errors import GovgraphError
        from govgraph.user_terms import vocabulary_of
        from govgraph.vocab import using

        try:
            vocab = vocabulary_of(args[1:])
        except GovgraphError as exc:
            for problem in getattr(exc, "problems", []):
                print(problem, file=sys.stderr)
            print(f"error: {exc}", file=sys.stderr)
            return int(exc.exit_code)
        with using(vocab):
            sys.stdout.write(style_grass())
        return 0
    if args == ["--check"]:
        path = queries_dir() / "style.grass"
        if path.read_text(encoding="utf-8") != style_grass():
            print(f"{path} is stale: python -m govgraph.neo4j.style > {path}", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(style_grass())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
