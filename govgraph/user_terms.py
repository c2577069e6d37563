"""Terms a data folder adds to the vocabulary: the ``vocabulary:`` section of its YAML files.

::

    vocabulary:
      issue_areas:
        oceans_law: The law of the sea, its seabed and its fisheries.
      organisation_types:
        registry: A body that keeps an authoritative register (domain names, addresses, species).
      relation_types:
        hosts: # as in govgraph/vocabulary.yaml: definition, category, sources, targets; statuses, symmetric, parent
          definition: The source hosts the target's secretariat.
          category: affiliation
          sources: [organisation]
          targets: [organisation, agreement]

Each term needs a definition. Terms extend the shipped vocabulary and never redefine it: a shipped term is an
error, and so is a term declared in two places with two definitions (the same definition twice is fine). Every
problem is located ``FILE:LINE:COL: <term>: vocabulary.<list>.<term>: message``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govgraph.errors import Problem
from govgraph.limits import MAX_LONG_TEXT, text_problem
from govgraph.vocab import EXTENSIBLE, VOCAB_LISTS, RelationType, Vocabulary, shipped
from govgraph.yamlio import LocDict, LocList, load_fast, locate, read_yaml

__all__ = ["SECTION", "TERM_PATTERN", "read_user_terms", "terms_from_specs", "vocabulary_of"]

#: The top-level key of a data file that holds its terms.
SECTION = "vocabulary"
#: What a term looks like: lower_snake_case (relation types become Neo4j relationship types in upper case).
TERM_PATTERN = r"^[a-z][a-z0-9_]*$"
#: Longest term, in characters.
MAX_TERM = 60
#: Relationship types govgraph writes itself (links for browsing): a relation type may not take their names.
RESERVED_RELATION_TYPES = frozenset({"in_issue_area", "has_function", "sourced_from", "about", "in_complex"})
_RELATION_FIELDS = ("definition", "category", "sources", "targets", "statuses", "symmetric", "parent")


class _Reader:
    """Collects the terms of every file, with where each was declared first, and every problem."""

    def __init__(self, base: Vocabulary):
        self.base = base
        self.terms: dict[str, dict[str, Any]] = {}
        self.first: dict[tuple[str, str], str] = {}
        self.problems: list[Problem] = []

    def problem(self, file: str, node: Any, path: tuple[Any, ...], term: str, field: str, message: str) -> None:
        line, col = locate(node, path)
        self.problems.append(Problem(file, line, col, term, field, message))

    def read(self, file: str, data: LocDict) -> None:
        section = data[SECTION]
        if section is None:
            return
        if not isinstance(section, LocDict):
            self.problem(file, data, (SECTION,), "", SECTION, "expected a mapping of vocabulary lists to terms")
            return
        from govgraph.dataset import suggest

        for name, terms in section.items():
            field = f"{SECTION}.{name}"
            if name not in EXTENSIBLE:
                tail = suggest(name, EXTENSIBLE)
                why = "cannot be extended" if name in VOCAB_LISTS else f"is not a vocabulary list{tail}"
                msg = f"{name!r} {why} (lists that take new terms: {', '.join(EXTENSIBLE)})"
                self.problem(file, section, (name,), "", field, msg)
                continue
            if terms is None:
                continue
            if not isinstance(terms, LocDict):
                self.problem(file, section, (name,), "", field, "expected a mapping of terms to their definitions")
                continue
            for term, spec in terms.items():
                self._term(file, terms, name, str(term), spec)

    def _term(self, file: str, terms: LocDict, name: str, term: str, spec: Any) -> None:
        field = f"{SECTION}.{name}.{term}"

        def bad(message: str, *path: Any) -> None:
            self.problem(file, terms, (term, *path), term, field + "".join(f".{p}" for p in path), message)

        if not re.fullmatch(TERM_PATTERN, term) or len(term) > MAX_TERM:
            hint = re.sub(r"[^a-z0-9_]+", "_", term.strip().lower()).strip("_")
            tail = f"; did you mean {hint!r}?" if hint and hint != term and re.fullmatch(TERM_PATTERN, hint) else ""
            bad(f"{term!r} is not a valid term (lower-case letters, digits and '_', at most {MAX_TERM}){tail}")
            return
        shipped_terms = self.base.terms(name)
        if term in shipped_terms:
            shown = shipped_terms[term]
            bad(f"already a term of the shipped {name} ({shown!r}); data may add terms, not redefine them")
            return
        if name == "relation_types" and term in RESERVED_RELATION_TYPES:
            bad(f"{term.upper()} is a relationship type govgraph writes itself; choose another name")
            return
        value = self._relation(term, spec, bad) if name == "relation_types" else _definition(spec, bad)
        if value is None:
            return
        here = f"{file}:{locate(terms, (term,))[0]}"
        known = self.terms.setdefault(name, {})
        if term in known:
            if known[term] != value:
                what = "definition, category, ends or statuses" if name == "relation_types" else "definition"
                bad(f"declared again with a different {what} (first at {self.first[name, term]})")
            return
        known[term] = value
        self.first[name, term] = here

    def _relation(self, term: str, spec: Any, bad: Any) -> RelationType | None:
        from govgraph.dataset import suggest

        if not isinstance(spec, LocDict):
            bad("expected a mapping: definition, category, sources, targets (and statuses, symmetric, parent)")
            return None
        ok = True
        for key in spec:
            if key not in _RELATION_FIELDS:
                bad(f"unknown field{suggest(str(key), _RELATION_FIELDS)}", key)
                ok = False
        at = ("definition",) if "definition" in spec else ()
        definition = _definition(spec.get("definition"), lambda m: bad(m, *at))
        category = spec.get("category")
        if category not in self.base.relation_categories:
            where = ("category",) if "category" in spec else ()
            shown = "missing category" if category is None else f"unknown relation category {category!r}"
            bad(
                f"{shown}{suggest(str(category), self.base.relation_categories) if category else ''} "
                f"(one of {', '.join(self.base.relation_categories)})",
                *where,
            )
            ok = False
        ends: dict[str, tuple[str, ...]] = {}
        for end in ("sources", "targets"):
            kinds = spec.get(end)
            if not isinstance(kinds, list) or not kinds:
                where = (end,) if end in spec else ()
                bad(f"{end} must be a list of kinds of actor ({', '.join(self.base.kinds)})", *where)
                ok = False
                continue
            unknown = [(i, k) for i, k in enumerate(kinds) if k not in self.base.kinds]
            allowed = ", ".join(self.base.kinds)
            for i, k in unknown:
                bad(f"unknown kind {k!r}{suggest(str(k), self.base.kinds)} (one of {allowed})", end, i)
            ok = ok and not unknown
            ends[end] = tuple(kinds)
        statuses: dict[str, str] = {}
        raw = spec.get("statuses")
        if raw is not None and not isinstance(raw, LocDict):
            bad("expected a mapping of status terms to their definitions", "statuses")
            ok = False
        for status, text in (raw or {}).items() if isinstance(raw, LocDict) else ():
            if not isinstance(status, str) or not re.fullmatch(TERM_PATTERN, status):
                bad(f"{status!r} is not a valid term (lower-case letters, digits and '_')", "statuses", status)
                ok = False
                continue
            found = _definition(text, lambda m, s=status: bad(m, "statuses", s))
            ok = ok and found is not None
            statuses[status] = found or ""
        symmetric = spec.get("symmetric", False)
        if not isinstance(symmetric, bool):
            bad("symmetric must be true or false", "symmetric")
            ok = False
        parent = spec.get("parent", "source")
        if parent not in ("source", "target"):
            bad("parent must be source or target (which end of a hierarchy tie is the parent)", "parent")
            ok = False
        if not ok or definition is None:
            return None
        return RelationType(
            name=term,
            category=str(category),
            definition=definition,
            sources=ends["sources"],
            targets=ends["targets"],
            statuses=statuses,
            symmetric=symmetric,
            parent=str(parent),
        )


def _definition(value: Any, bad: Any) -> str | None:
    """The definition text, or None after reporting why it is not one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        bad("missing definition: every term needs one, as in the shipped vocabulary")
        return None
    if not isinstance(value, str):
        bad("the definition must be text")
        return None
    problem = text_problem(value, limit=MAX_LONG_TEXT)
    if problem:
        bad(f"definition: text {problem}")
        return None
    return value.strip()


def read_user_terms(files: Sequence[Path], base: Vocabulary | None = None) -> tuple[Vocabulary, list[Problem]]:
    """The vocabulary ``base`` (default: the shipped one) extended by the ``vocabulary:`` sections of ``files``,
    and the problems found in those sections (the terms that are fine are added all the same, so records that use
    them raise no follow-on errors).

    Only files that mention the word are parsed for it (most data files hold none); a file that cannot be read is
    left to the reading of the records, which reports its problems.
    """
    reader = _Reader(base or shipped())
    for path in files:
        try:
            if SECTION.encode() not in path.read_bytes():
                continue
        except OSError:
            continue
        quick = load_fast(path, str(path))  # the word may stand in a note: no need for positions then
        if isinstance(quick, dict) and SECTION not in quick:
            continue
        result = read_yaml(path, str(path))
        if result.problems or not isinstance(result.data, LocDict) or SECTION not in result.data:
            continue
        reader.read(str(path), result.data)
    return reader.base.extended(reader.terms), reader.problems


def vocabulary_of(paths: Sequence[Path | str] | None) -> Vocabulary:
    """The vocabulary of the data under ``paths``: the shipped terms and those its YAML files add.

    Raises :class:`~govgraph.errors.DataError` with every problem of its ``vocabulary:`` sections (the records are
    not read: see :func:`govgraph.dataset.load_dataset` for that).
    """
    from govgraph.errors import DataError
    from govgraph.tableio import data_files

    vocab, problems = read_user_terms(data_files(paths)[0])
    if problems:
        raise DataError(problems)
    return vocab


def terms_from_specs(specs: Sequence[tuple[str, str, Any]], origin: str) -> tuple[Vocabulary, list[Problem]]:
    """The shipped vocabulary extended by ``(list, term, definition or relation-type mapping)`` triples read from
    elsewhere than a YAML file (a database), checked as a ``vocabulary:`` section is; problems are located at
    ``origin`` (line and column 0)."""
    section = _unlocated({})
    for name, term, spec in specs:
        terms = section.setdefault(name, _unlocated({}))
        if isinstance(terms, LocDict):
            terms[term] = _unlocated(spec)
            terms.positions[term] = (0, 0)
        section.positions[name] = (0, 0)
    data = _unlocated({SECTION: section})
    reader = _Reader(shipped())
    reader.read(origin, data)
    return reader.base.extended(reader.terms), reader.problems


def _unlocated(value: Any) -> Any:
    """Plain mappings and lists as LocDict/LocList at line and column 0 (no file to point into)."""
    if isinstance(value, dict):
        out = LocDict({k: _unlocated(v) for k, v in value.items()})
        out.line, out.col = 0, 0
        out.positions = dict.fromkeys(value, (0, 0))
        return out
    if isinstance(value, list):
        seq = LocList(_unlocated(v) for v in value)
        seq.line, seq.col = 0, 0
        seq.positions = [(0, 0)] * len(value)
        return seq
    return value
