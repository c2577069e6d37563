"""Read YAML files into one validated :class:`~govgraph.model.Dataset`.

Every problem of every file is collected (``FILE:LINE:COL: <id>: <field>: message``) and raised together as
one :class:`~govgraph.errors.DataError`; nothing is returned from invalid data.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from govgraph.errors import DataError, Problem, UsageError
from govgraph.gcpause import no_cyclic_gc
from govgraph.limits import text_problem
from govgraph.model import (
    ACTOR_MODELS,
    ID_PATTERN,
    UNION_TAGS,
    VOCAB_FIELDS,
    Actor,
    Dataset,
    Figure,
    Relation,
    SeedFile,
    Source,
)
from govgraph.user_terms import SECTION as VOCABULARY_SECTION
from govgraph.user_terms import read_user_terms
from govgraph.vocab import Vocabulary, using, vocabulary
from govgraph.yamlio import Duplicate, LocDict, LocList, bulk_sized, load_fast, locate, read_yaml

__all__ = [
    "SECTIONS",
    "Entry",
    "Locator",
    "assemble",
    "check_actor",
    "check_citations",
    "check_relation",
    "error_message",
    "index_records",
    "load_dataset",
    "read_fast",
    "read_file",
    "suggest",
    "validate_records",
    "yaml_files",
]

SECTIONS: dict[str, Any] = {
    "sources": TypeAdapter(Source),
    "actors": TypeAdapter(Actor),
    "relations": TypeAdapter(Relation),
    "figures": TypeAdapter(Figure),
}


#: Each section's records validated as one list (the fast reading needs no per-record error handling).
_LISTS: dict[str, Any] = {
    "sources": TypeAdapter(list[Source]),
    "actors": TypeAdapter(list[Actor]),  # type: ignore[valid-type]
    "relations": TypeAdapter(list[Relation]),
    "figures": TypeAdapter(list[Figure]),
}


def suggest(word: str, choices: Iterable[str], n: int = 3) -> str:
    """A "did you mean" tail for an unknown word, or an empty string.

    >>> suggest("foundd", ["founded", "dissolved"])
    "; did you mean 'founded'?"
    >>> suggest("council", ["scientific_council", "un_body"])
    "; did you mean 'scientific_council'?"
    """
    pool = sorted(set(choices))
    word = str(word)
    close = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    if not close and len(word) >= 4:  # 'council' -> 'scientific_council'
        close = [c for c in pool if word.lower() in c.lower()][:n]
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


#: The word that names the packaged seeds in ``--data``.
SEEDS_WORD = "seeds"


def yaml_files(paths: Sequence[Path | str] | None) -> list[Path]:
    """The YAML files named by ``paths`` (folders are searched recursively, skipping hidden entries such as the
    ``.NAME.*.tmp`` folder a killed write leaves); the seeds by default.

    ``seeds`` names the packaged seeds when there is no such file or folder here, so ``--data seeds --data mine``
    works after a plain install too. The one walker is :func:`govgraph.tableio.data_files`.
    """
    from govgraph.tableio import data_files

    files = data_files(paths)[0]
    if not files:
        raise UsageError("no YAML files found in " + ", ".join(str(p) for p in paths or []))
    return files


class Locator:
    """Positions in one file read by the fast reader: the file is read again with positions on first need."""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name
        self._data: Any = None
        self._read = False

    def record(self, section: str, index: int) -> Any:
        """The located record ``index`` of ``section`` (None when the file no longer reads as it did)."""
        if not self._read:
            self._data, self._read = read_yaml(self.path, self.name).data, True
        items = self._data.get(section) if isinstance(self._data, LocDict) else None
        return items[index] if isinstance(items, LocList) and 0 <= index < len(items) else None


@dataclass(slots=True)
class Entry:
    """A validated record with where it came from.

    ``raw`` is the record as read: a :class:`LocDict` knows its positions; a record read by the fast reader has
    none (``raw`` None), and its ``locator`` finds record ``slot`` = (section, index) again when a problem or an
    origin needs a place.
    """

    record: Any
    raw: Any
    file: str
    locator: Locator | None = None
    slot: tuple[str, int] = ("", 0)

    def where(self, *path: Any) -> tuple[int, int]:
        node = self.locator.record(*self.slot) if self.locator is not None else self.raw
        return locate(node, path)

    def problem(self, rid: str, field: str, message: str, *path: Any) -> Problem:
        """A problem located at ``path`` in this record (default: at ``field``)."""
        line, col = self.where(*(path or (field,)))
        return Problem(self.file, line, col, rid, field, message)

    def place(self) -> str:
        """``FILE:LINE`` of this record's id, for messages that point at it."""
        return f"{self.file}:{self.where('id')[0]}"

    def origin(self) -> str:
        """``FILE:LINE`` of the record itself."""
        return f"{self.file}:{self.where()[0]}"


class _Origins(Mapping[str, str]):
    """``section:key`` -> ``FILE:LINE``, each line found only when asked for (files read fast have no positions)."""

    def __init__(self, indexes: dict[str, dict[str, Entry]]):
        self._indexes = indexes
        self._done: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._done:
            section, _, rid = key.partition(":")
            if rid not in self._indexes.get(section, {}):
                raise KeyError(key)
            self._done[key] = self._indexes[section][rid].origin()
        return self._done[key]

    def __iter__(self) -> Iterator[str]:
        return (f"{section}:{rid}" for section, index in self._indexes.items() for rid in index)

    def __len__(self) -> int:
        return sum(len(index) for index in self._indexes.values())


def _record_id(section: str, item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    if section == "relations" and not item.get("id"):
        parts = [str(item.get(k, "?")) for k in ("source", "type", "target")]
        return ":".join(parts)
    return str(item.get("id", ""))


def _field_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _model_for(section: str, item: LocDict) -> type[BaseModel] | None:
    if section == "actors":
        return ACTOR_MODELS.get(item.get("kind"))  # type: ignore[arg-type]
    return {"sources": Source, "relations": Relation, "figures": Figure}[section]


def error_message(section: str, item: LocDict, err: Any, loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        model = _model_for(section, item)
        fields = model.model_fields if model else {}
        return f"unknown field{suggest(str(loc[-1]), fields)}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        if kind == "union_tag_not_found":
            return "missing field 'kind' (one of " + ", ".join(vocabulary().kinds) + ")"
        return f"unknown kind {item.get('kind')!r}{suggest(item.get('kind'), vocabulary().kinds)}"
    if kind == "literal_error":
        names = [p for p in loc if isinstance(p, str)]
        field = names[-1] if names else ""
        if field == "status" and section == "relations":
            rtype = vocabulary().relation_types.get(item.get("type"))
            allowed = list(rtype.statuses) if rtype else []
            return f"unknown status {value!r}{suggest(value, allowed)} (allowed: {', '.join(allowed) or 'none'})"
        vocab = "source_types" if (section, field) == ("sources", "type") else VOCAB_FIELDS.get(field)
        if vocab:
            return f"unknown {vocab.replace('_', ' ')[:-1]} {value!r}{suggest(value, vocabulary().terms(vocab))}"
    if kind == "missing":
        return "missing required field"
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "source", "target", "subject", "key"):
        hint = str(value).strip().lower().replace(" ", "_")
        tail = f"; did you mean {hint!r}?" if hint != value and re.fullmatch(ID_PATTERN, hint) else ""
        return f"{value!r} is not a valid id (lower-case letters, digits, '_', '.', '-'){tail}"
    if kind == "string_too_long" and isinstance(value, str):
        return f"text {text_problem(value, limit=err['ctx']['max_length'])}"
    if kind == "string_unicode" and isinstance(value, str) and text_problem(value, limit=len(value)):
        return f"text {text_problem(value, limit=len(value))}"  # a lone surrogate, which pydantic cannot read
    msg = err["msg"]
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    if not msg or any(c.isupper() for c in msg.split(" ", 1)[0][1:]):  # 'NaN' stays as it is
        return msg
    return msg[0].lower() + msg[1:]


def _validate_item(section: str, item: Any, file: str, problems: list[Problem]) -> Entry | None:
    """Validate one record; append located problems; return the entry when valid."""
    if not isinstance(item, dict):
        line, col = getattr(item, "line", 1), getattr(item, "col", 1)
        problems.append(Problem(file, line, col, _record_id(section, item), section, "expected a mapping of fields"))
        return None
    try:
        record = SECTIONS[section].validate_python(item)
    except ValidationError as exc:
        rid = _record_id(section, item)
        for err in exc.errors():
            loc = tuple(err["loc"])
            if section == "actors" and loc and loc[0] in ACTOR_MODELS:
                loc = loc[1:]  # drop the discriminator's tag
            if "sources" in loc:
                loc = tuple(p for i, p in enumerate(loc) if not (p in UNION_TAGS and i and isinstance(loc[i - 1], int)))
            line, col = locate(item, loc)
            problems.append(
                Problem(file, line, col, rid, _field_name(loc) or section, error_message(section, item, err, loc))
            )
        return None
    return Entry(record, item, file)


class _Unsure(Exception):
    """The fast reading of a file met a problem: read it again with positions, to report it in place."""


def read_file(path: Path, problems: list[Problem], broken: set[str]) -> dict[str, list[Entry]]:
    """The valid records of one file by section; its problems appended, located.

    The fast reader is tried first; a file it cannot vouch for, or with any problem at all, is read again with
    positions and validated anew, so every problem is reported as the locating reader places it.
    """
    name = str(path)
    data = load_fast(path, name)
    if data is not None and (out := read_fast(data, path)) is not None:
        return out
    result = read_yaml(path, name)
    if result.tagged_tree is not None:
        problems.extend(_named(result.tagged_tree, result.problems))
        return {s: [] for s in SECTIONS}
    problems.extend(result.problems)
    if result.data is None:
        return {s: [] for s in SECTIONS}
    if result.duplicates:
        problems.extend(_duplicate_problems(result.data, result.duplicates, name))
    return _read_sections(result.data, name, problems, broken)


def read_fast(data: Any, path: Path, locator: Locator | None = None) -> dict[str, list[Entry]] | None:
    """The valid records of a file the fast reader read (``data``), by section; None when any record has a problem
    (the caller reads the file again with positions, to report it in place). ``locator`` finds the records'
    positions when they are asked for (a new one for ``path`` by default)."""
    try:
        return _read_sections(data, str(path), [], set(), locator or Locator(path, str(path)))
    except _Unsure:
        return None


def _read_sections(
    data: Any, name: str, problems: list[Problem], broken: set[str], locator: Locator | None = None
) -> dict[str, list[Entry]]:
    """Validate the sections of one file's data; with a ``locator`` (fast reading) the first problem raises
    :class:`_Unsure` instead of being reported."""
    out: dict[str, list[Entry]] = {s: [] for s in SECTIONS}
    if not isinstance(data, dict):
        if locator is not None:
            raise _Unsure
        line = getattr(data, "line", 1)
        problems.append(Problem(name, line, 1, "", "", "expected a mapping with sections " + ", ".join(SECTIONS)))
        return out
    for key in data:
        if key not in SECTIONS and key != VOCABULARY_SECTION:  # the vocabulary: read before (govgraph.user_terms)
            if locator is not None:
                raise _Unsure
            line, col = data.positions[key]
            known = [*SECTIONS, VOCABULARY_SECTION]
            problems.append(Problem(name, line, 1, "", str(key), f"unknown section{suggest(str(key), known)}"))
    for section in SECTIONS:
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            if locator is not None:
                raise _Unsure
            line, col = data.positions[section]
            problems.append(Problem(name, line, col, "", section, "expected a list"))
            continue
        valid = out[section]
        if locator is not None:  # the fast reading: the whole list at once; any problem sends the file back
            try:
                records = _LISTS[section].validate_python(items)
            except ValidationError:
                raise _Unsure from None
            valid.extend(Entry(record, None, name, locator, (section, i)) for i, record in enumerate(records))
            continue
        for item in items:
            entry = _validate_item(section, item, name, problems)
            if entry is not None:
                valid.append(entry)
                continue
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                broken.add(item["id"])  # exists, but invalid: no follow-on "unknown id" errors
    return out


def _walk_values(data: LocDict) -> Iterator[tuple[Any, str, str, tuple[Any, ...], tuple[int, int]]]:
    """Every value below the top mapping: ``(value, section, record id, field path, position)``."""

    def walk(node: Any, section: str, rid: str, path: tuple[Any, ...]) -> Iterator[Any]:
        children = node.items() if isinstance(node, LocDict) else enumerate(node) if isinstance(node, LocList) else ()
        for key, value in children:
            yield value, section, rid, (*path, key), node.positions[key]
            yield from walk(value, section, rid, (*path, key))

    for section, items in data.items():
        yield items, str(section), "", (section,), data.positions[section]
        if section in SECTIONS and isinstance(items, LocList):
            for i, item in enumerate(items):
                rid = _record_id(section, item)
                yield item, section, rid, (), items.positions[i]
                yield from walk(item, section, rid, ())
        else:
            yield from walk(items, str(section), "", (section,))


def _named(data: Any, found: list[Problem]) -> list[Problem]:
    """``found`` with the id and field of the value that stands at each problem's place."""
    at: dict[tuple[int, int], tuple[str, str]] = {}
    if isinstance(data, LocDict):
        for _, section, rid, path, pos in _walk_values(data):
            at.setdefault(pos, (rid, _field_name(path) or section))
    out = []
    for p in found:
        rid, field = at.get((p.line, p.col), ("", ""))
        out.append(dataclasses.replace(p, id=rid, field=field))
    return out


def _duplicate_problems(data: LocDict, duplicates: list[Duplicate], file: str) -> list[Problem]:
    """Each duplicate key located at its second occurrence, named by its record's id and its field path."""
    where: dict[int, tuple[str, tuple[Any, ...]]] = {id(data): ("", ())}
    for value, _section, rid, path, _ in _walk_values(data):
        if isinstance(value, LocDict):
            where[id(value)] = (rid, path)
    out = []
    for dup in duplicates:
        rid, path = where.get(id(dup.mapping), ("", ()))
        out.append(Problem(file, dup.line, dup.col, rid, _field_name((*path, dup.key)), dup.message))
    return out


def index_records(entries: list[Entry], key: Any, what: str, problems: list[Problem]) -> dict[str, Entry]:
    """Index entries by id, reporting duplicates with both places."""
    seen: dict[str, Entry] = {}
    for e in entries:
        k = key(e.record)
        if k in seen:
            problems.append(e.problem(k, "id", f"duplicate {what} id (first at {seen[k].place()})"))
        else:
            seen[k] = e
    return seen


#: Actor fields that a ``merge: true`` record joins to the other record's (the rest: the other's value wins).
_MERGED_LISTS = ("aliases", "issue_areas", "functions", "member_types", "sources")


def _merged(base: Any, extra: Any) -> Any:
    """``base`` with ``extra``'s list items appended and the scalar fields it lacks filled from ``extra``."""
    update: dict[str, Any] = {}
    for name in extra.model_fields_set:
        mine, theirs = getattr(base, name), getattr(extra, name)
        if name in _MERGED_LISTS:
            update[name] = list(dict.fromkeys([*mine, *theirs]))
        elif mine is None and name != "merge":
            update[name] = theirs
    return base.model_copy(update=update)


def _merge_actors(entries: list[Entry], problems: list[Problem]) -> dict[str, Entry]:
    """Index actors by id; records marked ``merge: true`` join the one plain record of their id.

    Two plain records of one id are a duplicate. With no plain record, the first ``merge`` record stands as the
    actor. The merged record keeps the location of the record it was merged into.
    """
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.record.id, []).append(e)
    out: dict[str, Entry] = {}
    for aid, group in groups.items():
        plain = [e for e in group if not e.record.merge]
        problems.extend(e.problem(aid, "id", f"duplicate actor id (first at {plain[0].place()})") for e in plain[1:])
        base = plain[0] if plain else group[0]
        record = base.record
        for e in group:
            if e is base or not e.record.merge:
                continue
            if e.record.kind != record.kind:
                msg = f"cannot merge a {e.record.kind} into the {record.kind} {aid} of {base.place()}"
                problems.append(e.problem(aid, "kind", msg))
                continue
            record = _merged(record, e.record)
        out[aid] = dataclasses.replace(base, record=record.model_copy(update={"merge": None}))
    return out


def check_citations(entry: Entry, rid: str, sources: dict[str, Entry], problems: list[Problem]) -> None:
    for i, cite in enumerate(entry.record.sources):
        if cite.key not in sources:
            msg = f"unknown source {cite.key!r}{suggest(cite.key, sources)}"
            problems.append(entry.problem(rid, f"sources.{i}", msg, "sources", i))


def _actor_suggestion(ref: str, actors: dict[str, Entry]) -> str:
    """Did-you-mean over ids, then over names and aliases (``UNESCO`` -> ``unesco``)."""
    tail = suggest(ref, actors)
    if tail:
        return tail
    low = ref.lower()
    for aid, e in sorted(actors.items()):
        names = [e.record.name, *e.record.aliases]
        if any(low == n.lower() for n in names):
            return f"; did you mean {aid!r}?"
    return ""


def check_relation(
    e: Entry, actors: dict[str, Entry], broken: set[str], problems: list[Problem], rid: str | None = None
) -> None:
    """Ends known and of the right kinds, status fitting the type, no loop, dates inside both lifetimes."""
    rel: Relation = e.record
    rid = rid or rel.key
    rtype = vocabulary().relation_types[rel.type]
    ends = []
    for field, ref, allowed in (("source", rel.source, rtype.sources), ("target", rel.target, rtype.targets)):
        if ref in broken:
            continue
        found = actors.get(ref)
        if found is None:
            problems.append(e.problem(rid, field, f"unknown actor {ref!r}{_actor_suggestion(ref, actors)}"))
            continue
        actor = found.record
        ends.append(actor)
        if actor.kind not in allowed:
            msg = f"a {rel.type} {field} must be a {' or '.join(allowed)}, not a {actor.kind} ({ref})"
            problems.append(e.problem(rid, field, msg))
    if rel.status and rel.status not in rtype.statuses:
        allowed = ", ".join(rtype.statuses) or "none"
        msg = f"status {rel.status!r} does not apply to {rel.type} (allowed: {allowed})"
        problems.append(e.problem(rid, "status", msg))
    if rel.source == rel.target:
        problems.append(e.problem(rid, "target", "a relation cannot tie an actor to itself"))
    if rel.start is not None or rel.end is not None:
        _check_relation_dates(e, ends, problems, rid)


def _check_relation_dates(e: Entry, ends: list[Any], problems: list[Problem], rid: str) -> None:
    rel: Relation = e.record
    start, end = rel.start, rel.end
    if start and end and end.before(start):
        problems.append(e.problem(rid, "end", f"end {end} is before start {start}"))
    if rel.type == "succeeded_by":
        return  # a succession spans the end of one and the start of the other
    for actor in ends:
        founded, dissolved = actor.earliest_founded, actor.dissolved  # a disputed founding range counts whole
        if start and dissolved and dissolved.before(start):
            msg = f"starts {start}, after {actor.id} was dissolved ({dissolved})"
            problems.append(e.problem(rid, "start", msg))
        if founded is None:
            continue
        if end and end.before(founded):
            problems.append(e.problem(rid, "end", f"ends {end}, before {actor.id} was founded ({founded})"))
        if start and start.before(founded):
            problems.append(e.problem(rid, "start", f"starts {start}, before {actor.id} was founded ({founded})"))


def check_actor(e: Entry, problems: list[Problem]) -> None:
    a = e.record
    if a.founded and a.dissolved and a.dissolved.before(a.founded):
        problems.append(e.problem(a.id, "dissolved", f"dissolved {a.dissolved} before founded {a.founded}"))
    if a.founded_disputed and not a.founded:
        msg = "a disputed founding date needs founded (the paper's date, which is kept)"
        problems.append(e.problem(a.id, "founded_disputed", msg))
    if a.headquarters is not None:
        from govgraph.countries import is_country_code

        if not is_country_code(a.headquarters.country):
            msg = f"{a.headquarters.country!r} is not an ISO 3166-1 alpha-2 country code"
            problems.append(e.problem(a.id, "headquarters.country", msg, "headquarters", "country"))


def load_dataset(paths: Sequence[Path | str] | None = None) -> Dataset:
    """Read, validate and merge the YAML files under ``paths`` (default: the packaged seeds).

    The files' ``vocabulary:`` sections are read first (:mod:`govgraph.user_terms`): their terms are the active
    vocabulary while the records are validated, and the Dataset keeps it (``vocab``).
    Raises :class:`DataError` with every problem found when anything is invalid. Folders may also hold bulk
    tables (CSV, Parquet; see :mod:`govgraph.tableio`): then YAML and tables are validated together
    (:func:`govgraph.bulk.load_with_tables`).
    """
    from govgraph.tableio import data_files

    files, tables = data_files(paths)
    vocab, problems = read_user_terms(files)
    with using(vocab):
        if tables:
            from govgraph.bulk import load_with_tables

            return load_with_tables(files, tables, problems)
        if not problems and bulk_sized(files):  # many records: relations checked as table rows when all is well
            from govgraph.bulk import load_yaml_bulk

            bulk = load_yaml_bulk(files)
            if bulk is not None:
                return bulk
        broken: set[str] = set()
        parts: dict[str, list[Entry]] = {s: [] for s in SECTIONS}
        with no_cyclic_gc():
            for path in files:
                for section, entries in read_file(path, problems, broken).items():
                    parts[section].extend(entries)
            return assemble(parts, problems, broken)


def validate_records(records: Iterable[tuple[str, Any, str]], context: Dataset | None = None) -> Dataset:
    """Validate records that were not read from YAML (CSV rows, imported data) exactly as YAML records are.

    Each record is ``(section, mapping, file)``; a :class:`LocDict` mapping carrying row and column positions
    gets every problem located there. ``context`` is data the records may refer to (and must not repeat), such
    as the seeds; it is part of the returned Dataset, and its vocabulary is the one the records are checked
    against (else the active one). Raises :class:`DataError` with every problem found.
    """
    problems: list[Problem] = []
    broken: set[str] = set()
    parts: dict[str, list[Entry]] = {s: [] for s in SECTIONS}
    with using(context.vocab if context is not None and context.vocab is not None else vocabulary()):
        if context is not None:
            for section, entries in _context_entries(context).items():
                parts[section].extend(entries)
        for section, item, file in records:
            if section not in SECTIONS:
                raise ValueError(f"unknown section {section!r}")
            entry = _validate_item(section, _located(item), file, problems)
            if entry is not None:
                parts[section].append(entry)
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                broken.add(item["id"])
        return assemble(parts, problems, broken)


def _context_entries(ds: Dataset) -> dict[str, list[Entry]]:
    """Already valid records as entries, each located where the dataset says it came from."""

    def entry(kind: str, key: str, record: Any) -> Entry:
        file, _, line = ds.origins.get(f"{kind}:{key}", "-:1").rpartition(":")
        raw = LocDict()
        raw.line = int(line) if line.isdigit() else 1
        raw.positions = {"id": (raw.line, 1)}
        return Entry(record, raw, file or "-")

    return {
        "sources": [entry("source", k, r) for k, r in ds.sources.items()],
        "actors": [entry("actor", k, r) for k, r in ds.actors.items()],
        "relations": [entry("relation", r.key, r) for r in ds.relations],
        "figures": [entry("figure", k, r) for k, r in ds.figures.items()],
    }


def _located(value: Any) -> Any:
    """Plain dicts and lists as LocDict/LocList (positions 1:1 where none are known)."""
    if isinstance(value, (LocDict, LocList)):
        return value
    if isinstance(value, dict):
        out = LocDict({k: _located(v) for k, v in value.items()})
        out.positions = dict.fromkeys(value, (1, 1))
        return out
    if isinstance(value, list):
        seq = LocList(_located(v) for v in value)
        seq.positions = [(1, 1)] * len(value)
        return seq
    return value


def assemble(parts: dict[str, list[Entry]], problems: list[Problem], broken: set[str]) -> Dataset:
    """Index, merge and cross-check validated records into a Dataset (or raise every problem found); the
    Dataset keeps the active vocabulary."""
    sources = index_records(parts["sources"], lambda r: r.id, "source", problems)
    known_sources = {**sources, **dict.fromkeys(broken - set(sources))}
    actors = _merge_actors(parts["actors"], problems)
    figures = index_records(parts["figures"], lambda r: r.id, "figure", problems)
    relations = index_records(parts["relations"], lambda r: r.key, "relation", problems)

    for e in actors.values():
        check_actor(e, problems)
        check_citations(e, e.record.id, known_sources, problems)
    for key, e in relations.items():
        check_relation(e, actors, broken, problems, key)
        check_citations(e, key, known_sources, problems)
    for e in figures.values():
        check_citations(e, e.record.id, known_sources, problems)
        subj = e.record.subject
        if subj and subj not in actors and subj not in broken:
            problems.append(
                e.problem(e.record.id, "subject", f"unknown actor {subj!r}{_actor_suggestion(subj, actors)}")
            )
    if problems:
        raise DataError(problems)

    return Dataset.model_construct(  # every record is validated already; 100,000 need no second look
        sources={k: e.record for k, e in sorted(sources.items())},
        actors={k: e.record for k, e in sorted(actors.items())},
        relations=[e.record for _, e in sorted(relations.items())],
        figures={k: e.record for k, e in sorted(figures.items())},
        origins=_Origins({"source": sources, "actor": actors, "relation": relations, "figure": figures}),
        vocab=_own(vocabulary()),
    )


def _own(vocab: Vocabulary) -> Vocabulary | None:
    """The vocabulary a Dataset keeps: None when it is the shipped one (nothing to carry)."""
    return vocab if vocab.user else None


def seed_file_schema() -> dict[str, Any]:
    """The JSON Schema of one data file (used by ``govgraph schema``)."""
    return SeedFile.model_json_schema()
