"""The vocabulary: the shipped one, read once from ``vocabulary.yaml``, and the active one.

Everything that names a kind, a type or a term (models, JSON Schema, Neo4j labels and relationship types,
docs) reads it from here, so the Python never spells a relation type by hand.

A data folder may add terms of its own (a ``vocabulary:`` section, :mod:`govgraph.user_terms`). The vocabulary
that :func:`vocabulary` returns is the *active* one: the shipped terms plus those of the data being read or
worked on, set for a block of code by :func:`using` (a context variable, so it never leaks from one dataset to
the next) and for the rest of a command by :func:`activate`. Without either it is the shipped vocabulary.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

import yaml

__all__ = [
    "EXTENSIBLE",
    "RelationType",
    "Vocabulary",
    "activate",
    "label_for_kind",
    "rel_type_for",
    "shipped",
    "using",
    "vocabulary",
]


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
    """All lists, each term with its one-line definition: the shipped ones, and those a data folder extended."""

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
    #: the terms the data added, by list: term -> definition (the lists above hold them too)
    user: dict[str, dict[str, str]] = field(default_factory=dict)

    def terms(self, name: str) -> dict[str, str]:
        """The terms of the list called ``name`` with their definitions."""
        value = getattr(self, name)
        if name == "relation_types":
            return {k: v.definition for k, v in value.items()}
        if name == "stages":
            return {k: v["definition"] for k, v in value.items()}
        return value

    def has(self, name: str, term: object) -> bool:
        """Whether ``term`` is a term of the list called ``name`` (cheap: no dict is built)."""
        return isinstance(term, str) and term in getattr(self, name)

    @cached_property
    def statuses(self) -> frozenset[str]:
        """Every status term of every relation type."""
        return frozenset(s for r in self.relation_types.values() for s in r.statuses)

    def is_user_term(self, name: str, term: str) -> bool:
        """Whether ``term`` of list ``name`` was added by the data (not shipped)."""
        return term in self.user.get(name, {})

    def extended(self, additions: Mapping[str, Mapping[str, object]]) -> Vocabulary:
        """This vocabulary with ``additions`` (list -> term -> definition, or a :class:`RelationType` for
        relation types) added; the additions are recorded in ``user``. Terms already here are not replaced."""
        if not any(additions.values()):
            return self
        update: dict[str, object] = {}
        user = {k: dict(v) for k, v in self.user.items()}
        for name, terms in additions.items():
            if name not in EXTENSIBLE:
                raise ValueError(f"the vocabulary list {name!r} cannot be extended")
            fresh = {t: d for t, d in terms.items() if t not in getattr(self, name)}
            if fresh:
                update[name] = {**getattr(self, name), **fresh}
                user.setdefault(name, {}).update(
                    {t: d.definition if isinstance(d, RelationType) else str(d) for t, d in fresh.items()}
                )
        return dataclasses.replace(self, user=user, **update) if update else self

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


#: The lists a data folder may add terms to (kinds, stages and relation categories drive code and stay closed).
EXTENSIBLE = (
    "organisation_types",
    "functions",
    "issue_areas",
    "member_types",
    "end_reasons",
    "agreement_types",
    "source_types",
    "relation_types",
)

_ACTIVE: ContextVar[Vocabulary | None] = ContextVar("govgraph_vocabulary", default=None)


def vocabulary() -> Vocabulary:
    """The active vocabulary: the shipped one, extended by the terms of the data being worked on."""
    return _ACTIVE.get() or shipped()


@contextmanager
def using(vocab: Vocabulary | None) -> Iterator[Vocabulary]:
    """Make ``vocab`` (None: the shipped vocabulary) the active vocabulary inside the ``with`` block."""
    token = _ACTIVE.set(vocab)
    try:
        yield vocabulary()
    finally:
        _ACTIVE.reset(token)


def activate(vocab: Vocabulary | None) -> None:
    """Make ``vocab`` the active vocabulary from now on in this context (a command, after loading its data)."""
    _ACTIVE.set(vocab)


@cache
def shipped() -> Vocabulary:
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
