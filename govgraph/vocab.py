"""The closed vocabulary, read once from ``vocabulary.yaml``.

Everything that names a kind, a type or a term (models, JSON Schema, Neo4j labels and relationship types,
docs) reads it from here, so the Python never spells a relation type by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

__all__ = ["RelationType", "Vocabulary", "label_for_kind", "rel_type_for", "vocabulary"]


@dataclass(frozen=True)
class RelationType:
    """One relation type: its allowed ends, its category and its status terms.

    ``parent`` says which end of a hierarchy tie is the parent (``source``, or ``target`` for part_of).
    """

    name: str
    category: str
    definition: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    statuses: dict[str, str] = field(default_factory=dict)
    symmetric: bool = False
    parent: str = "source"  # for hierarchy types: which end is the parent

    @property
    def neo4j_type(self) -> str:
        """The Neo4j relationship type, UPPER_SNAKE_CASE."""
        return self.name.upper()


@dataclass(frozen=True)
class Vocabulary:
    """All closed lists, each term with its one-line definition."""

    kinds: dict[str, str]
    organisation_types: dict[str, str]
    functions: dict[str, str]
    issue_areas: dict[str, str]
    member_types: dict[str, str]
    stages: dict[str, dict]
    end_reasons: dict[str, str]
    agreement_types: dict[str, str]
    relation_types: dict[str, RelationType]
    relation_categories: dict[str, str]
    source_types: dict[str, str]

    def terms(self, name: str) -> dict[str, str]:
        """The terms of the list called ``name`` with their definitions."""
        value = getattr(self, name)
        if name == "relation_types":
            return {k: v.definition for k, v in value.items()}
        if name == "stages":
            return {k: v["definition"] for k, v in value.items()}
        return value

    def relation_types_in(self, *categories: str) -> list[str]:
        """Names of the relation types of the given categories, sorted."""
        return sorted(n for n, r in self.relation_types.items() if r.category in categories)

    def stage_of_year(self, year: int) -> str | None:
        """The governance stage a year falls in (the latest stage started by then)."""
        best = None
        for name, stage in sorted(self.stages.items(), key=lambda kv: kv[1]["start"]):
            if year >= stage["start"]:
                best = name
        return best


VOCAB_LISTS = (
    "kinds",
    "organisation_types",
    "functions",
    "issue_areas",
    "member_types",
    "stages",
    "end_reasons",
    "agreement_types",
    "relation_types",
    "relation_categories",
    "source_types",
)


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary (parsed once)."""
    text = resources.files("govgraph").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    rels = {
        name: RelationType(
            name=name,
            category=spec["category"],
            definition=spec["definition"],
            sources=tuple(spec["sources"]),
            targets=tuple(spec["targets"]),
            statuses=dict(spec.get("statuses") or {}),
            symmetric=bool(spec.get("symmetric", False)),
            parent=spec.get("parent", "source"),
        )
        for name, spec in raw["relation_types"].items()
    }
    data = {k: dict(raw[k]) for k in VOCAB_LISTS if k != "relation_types"}
    return Vocabulary(relation_types=rels, **data)


def label_for_kind(kind: str) -> str:
    """The Neo4j label of a kind of actor (``organisation`` -> ``Organisation``)."""
    if kind not in vocabulary().kinds:
        raise ValueError(f"unknown kind {kind!r}")
    return kind.capitalize()


def rel_type_for(name: str) -> str:
    """The Neo4j relationship type of a relation type, checked against the vocabulary."""
    return vocabulary().relation_types[name].neo4j_type
