"""Pydantic models of govgraph's data: actors, relations, sources (the bibliography) and figures.

Every closed list comes from :mod:`govgraph.vocab`, so the JSON Schema and the validation share one
vocabulary. Records forbid unknown fields, so a misspelt field is an error, not silently dropped data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    SkipValidation,
    Tag,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from govgraph.dates import FuzzyDate
from govgraph.limits import MAX_LONG_TEXT, MAX_TEXT, number_problem, text_problem
from govgraph.user_terms import MAX_TERM, TERM_PATTERN
from govgraph.vocab import vocabulary

__all__ = [
    "ACTOR_MODELS",
    "ID_PATTERN",
    "MAX_ID",
    "VOCAB_FIELDS",
    "Actor",
    "Agreement",
    "Citation",
    "Dataset",
    "Figure",
    "Firm",
    "Headquarters",
    "Organisation",
    "Programme",
    "Relation",
    "SeedFile",
    "Source",
    "State",
]


class _Term:
    """A term of one vocabulary list, checked against the *active* vocabulary (:func:`govgraph.vocab.vocabulary`)
    when a record is validated, so the terms a data folder adds validate like shipped ones. The JSON Schema lists
    the terms of the vocabulary active when it is generated. A wrong term is a ``literal_error``, as a ``Literal``
    would give."""

    def __init__(self, name: str):
        self.name = name

    def _check(self, value: Any) -> Any:
        v = vocabulary()
        ok = value in v.statuses if self.name == "statuses" else v.has(self.name, value)
        if not ok:
            raise PydanticCustomError("literal_error", "Input should be a term of {list}", {"list": self.name})
        return value

    def _terms(self) -> list[str]:
        v = vocabulary()
        return sorted(v.statuses) if self.name == "statuses" else list(v.terms(self.name))

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self._check)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(core_schema.literal_schema(self._terms()))


def _terms(name: str) -> Any:
    """A term of one vocabulary list (the JSON Schema lists the terms)."""
    return Annotated[str, _Term(name)]


OrgType = _terms("organisation_types")
FunctionTerm = _terms("functions")
IssueArea = _terms("issue_areas")
MemberType = _terms("member_types")
Stage = _terms("stages")
EndReason = _terms("end_reasons")
AgreementType = _terms("agreement_types")
RelationTypeName = _terms("relation_types")
SourceType = _terms("source_types")
StatusTerm = _terms("statuses")

#: Which vocabulary list each vocabulary-valued field draws on (for "did you mean" suggestions).
VOCAB_FIELDS = {
    "org_type": "organisation_types",
    "functions": "functions",
    "issue_areas": "issue_areas",
    "member_types": "member_types",
    "stage": "stages",
    "end_reason": "end_reasons",
    "agreement_type": "agreement_types",
    "type": "relation_types",
    "kind": "kinds",
}

ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"
#: Longest id, in characters.
MAX_ID = 120
Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, max_length=MAX_ID, description="Stable lower-case identifier."),
]


def _clean_text(value: str) -> str:
    """Refuse control characters, U+FFFE/U+FFFF and lone surrogates (the length is the field's ``max_length``)."""
    problem = text_problem(value, limit=MAX_LONG_TEXT)
    if problem:
        raise ValueError(f"text {problem}")
    return value


def _in_range(value: Any) -> Any:
    """Refuse integers outside 64 bits, NaN and infinity (what Neo4j and Parquet cannot hold)."""
    problem = number_problem(value)
    if problem:
        raise ValueError(problem)
    return value


#: Indexed or short text (names, aliases, places, roles): at most MAX_TEXT characters, no control characters.
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_clean_text)]
#: Free text never indexed (notes, descriptions, titles): at most MAX_LONG_TEXT characters.
LongText = Annotated[str, Field(max_length=MAX_LONG_TEXT), AfterValidator(_clean_text)]
#: An integer Neo4j and Parquet can hold.
Int64 = Annotated[int, AfterValidator(_in_range)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Citation(_Record):
    """A pointer into the bibliography, with where in the source the fact stands."""

    key: Id = Field(description="The id of a source in the bibliography.")
    at: Text | None = Field(None, description="Where in the source: section, page, reference number.")
    note: LongText | None = Field(None, description="What the source says, where it differs from the record.")


def _citation_kind(value: Any) -> str:
    return "key" if isinstance(value, str) else "citation"


def _as_citation(value: Citation | str) -> Citation:
    return Citation(key=value) if isinstance(value, str) else value


#: A citation is written as a bare source id or as ``{key, at, note}``; both become a :class:`Citation`.
CitationRef = Annotated[
    Annotated[Citation, Tag("citation")] | Annotated[Id, Tag("key")],
    Discriminator(_citation_kind),
    AfterValidator(_as_citation),
]
Citations = Annotated[
    list[CitationRef],
    Field(min_length=1, description="Sources of this fact: source ids, or {key, at, note}."),
]
#: Discriminator tags that appear in validation error locations and mean nothing to a user.
UNION_TAGS = frozenset({"citation", "key"})


class Headquarters(_Record):
    """Where an actor has its seat."""

    city: Text | None = None
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")


class _ActorBase(_Record):
    id: Id
    name: Text = Field(min_length=1, description="English name.")
    name_zh: Text | None = Field(None, description="Chinese name, as the paper writes it.")
    aliases: list[Text] = Field(default_factory=list, description="Acronyms and other names.")
    founded: FuzzyDate | None = Field(None, description="When it came into being (agreements: adoption).")
    founded_disputed: FuzzyDate | None = Field(
        None,
        description="The founding date public sources give where they disagree with `founded` (the paper's, which "
        "is kept): ties dated between the two are inside the lifetime, and outputs using the founding year mark it.",
    )
    dissolved: FuzzyDate | None = Field(None, description="When it ceased to exist.")
    headquarters: Headquarters | None = None
    issue_areas: list[IssueArea] = Field(default_factory=list)  # type: ignore[valid-type]
    functions: list[FunctionTerm] = Field(default_factory=list)  # type: ignore[valid-type]
    member_types: list[MemberType] = Field(default_factory=list)  # type: ignore[valid-type]
    url: Text | None = None
    description: LongText | None = None
    notes: LongText | None = None
    sources: Citations
    merge: bool | None = Field(
        None,
        description="True: this record adds to an actor of the same id defined elsewhere (lists are joined, the "
        "other record's values win); alone, it stands as the actor. Used by importers (COW IGO).",
    )

    @property
    def earliest_founded(self) -> FuzzyDate | None:
        """The earlier of ``founded`` and ``founded_disputed``: where the lifetime checks let ties begin."""
        f, alt = self.founded, self.founded_disputed
        return alt if f is not None and alt is not None and alt.before(f) else f

    @property
    def alive_span(self) -> tuple[int | None, int | None]:
        """First and last year of existence (None where open)."""
        return (self.founded.year if self.founded else None, self.dissolved.year if self.dissolved else None)


class Organisation(_ActorBase):
    """An international S&T organisation or related body."""

    kind: Literal["organisation"]
    org_type: OrgType  # type: ignore[valid-type]
    uia_type: str | None = Field(
        None, pattern=r"^[A-Z]$", description="Union of International Associations type letter."
    )


class State(_ActorBase):
    """A state."""

    kind: Literal["state"]
    iso2: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")
    iso3: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.")
    cow_code: Int64 | None = Field(None, description="Correlates of War country code.")


class Firm(_ActorBase):
    """A firm or other market actor."""

    kind: Literal["firm"]


class Programme(_ActorBase):
    """A research programme, forum or initiative."""

    kind: Literal["programme"]


class Agreement(_ActorBase):
    """A treaty, convention, resolution, code or plan."""

    kind: Literal["agreement"]
    agreement_type: AgreementType  # type: ignore[valid-type]


Actor = Annotated[Organisation | State | Firm | Programme | Agreement, Field(discriminator="kind")]
ACTOR_MODELS: dict[str, type[_ActorBase]] = {
    "organisation": Organisation,
    "state": State,
    "firm": Firm,
    "programme": Programme,
    "agreement": Agreement,
}


class Relation(_Record):
    """A typed, directed tie between two actors."""

    id: Id | None = Field(None, description="Stable id; derived from source, type, target and start if absent.")
    type: RelationTypeName  # type: ignore[valid-type]
    source: Id
    target: Id
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    status: StatusTerm | None = Field(None, description="Member status, consultative category, succession mode.")  # type: ignore[valid-type]
    role: Text | None = Field(None, description="Free-text role, e.g. 'observer at COP21'.")
    end_reason: EndReason | None = None  # type: ignore[valid-type]
    notes: LongText | None = None
    sources: Citations

    @property
    def key(self) -> str:
        """The relation's id, explicit or derived."""
        if self.id:
            return self.id
        start = f":{self.start}" if self.start else ""
        return f"{self.source}:{self.type}:{self.target}{start}"


class Source(_Record):
    """A bibliography entry: the paper, one of its references, or a public source."""

    id: Id
    type: SourceType  # type: ignore[valid-type]
    title: LongText = Field(min_length=1)
    authors: list[Text] = Field(default_factory=list)
    year: Int64 | None = None
    container: Text | None = Field(None, description="Journal, book, publisher or website.")
    url: Text | None = None
    accessed: dt.date | None = Field(None, description="When a web source was read (YYYY-MM-DD).")
    ref: Int64 | None = Field(None, description="The paper's reference number, for its references.")
    note: LongText | None = None

    @model_validator(mode="after")
    def _web_needs_address(self) -> Source:
        if self.type == "web" and not (self.url and self.accessed):
            raise ValueError("a web source needs url and accessed (the date it was read)")
        return self


class Figure(_Record):
    """A number the paper or a source reports (counts, shares), kept with its source."""

    id: Id
    value: Annotated[float | int, AfterValidator(_in_range)]
    qualifier: Literal["exact", "about", "more_than", "at_least"] = "exact"
    unit: Text = Field(min_length=1, description="What is counted: organisations, standards, percent ...")
    description: LongText = Field(min_length=1)
    year: Int64 | None = Field(None, description="The year the figure refers to.")
    subject: Id | None = Field(None, description="The actor the figure is about, if any.")
    notes: LongText | None = None
    sources: Citations


#: A term a data file adds (lower_snake_case).
TermName = Annotated[str, Field(pattern=TERM_PATTERN, max_length=MAX_TERM)]
#: A term's definition: one sentence or a few.
Definition = Annotated[str, Field(min_length=1, max_length=MAX_LONG_TEXT)]


class UserRelationType(_Record):
    """A relation type a data file adds, written as the shipped ones are in ``govgraph/vocabulary.yaml``."""

    definition: Definition
    category: Literal[tuple(vocabulary().relation_categories)]  # type: ignore[valid-type]
    sources: list[Literal[tuple(vocabulary().kinds)]] = Field(min_length=1, description="Kinds at the source end.")  # type: ignore[valid-type]
    targets: list[Literal[tuple(vocabulary().kinds)]] = Field(min_length=1, description="Kinds at the target end.")  # type: ignore[valid-type]
    statuses: dict[TermName, Definition] = Field(default_factory=dict, description="Status terms of this type.")
    symmetric: bool = False
    parent: Literal["source", "target"] = Field("source", description="Hierarchy: which end is the parent.")


class UserVocabulary(_Record):
    """Terms a data folder adds to the shipped vocabulary, each with its definition (new terms only: a shipped
    term cannot be redefined). Read and checked by :mod:`govgraph.user_terms`; this model gives the JSON Schema."""

    organisation_types: dict[TermName, Definition] = Field(default_factory=dict)
    functions: dict[TermName, Definition] = Field(default_factory=dict)
    issue_areas: dict[TermName, Definition] = Field(default_factory=dict)
    member_types: dict[TermName, Definition] = Field(default_factory=dict)
    end_reasons: dict[TermName, Definition] = Field(default_factory=dict)
    agreement_types: dict[TermName, Definition] = Field(default_factory=dict)
    source_types: dict[TermName, Definition] = Field(default_factory=dict)
    relation_types: dict[TermName, UserRelationType] = Field(default_factory=dict)


class SeedFile(_Record):
    """One YAML file of govgraph data; every section is optional."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"title": "govgraph data file"})

    vocabulary: UserVocabulary | None = Field(None, description="Terms this data adds to the vocabulary.")
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)  # type: ignore[valid-type]
    relations: list[Relation] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


class Dataset(BaseModel):
    """Everything read from one or more files, merged and validated."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    sources: dict[str, Source] = Field(default_factory=dict)
    actors: dict[str, Any] = Field(default_factory=dict)
    relations: list[Relation] = Field(default_factory=list)
    figures: dict[str, Figure] = Field(default_factory=dict)
    origins: Annotated[Mapping[str, str], SkipValidation] = Field(
        default_factory=dict, description="record key -> FILE:LINE (lines found when asked for)"
    )
    vocab: Annotated[Any, SkipValidation] = Field(
        None,
        description="The vocabulary with the terms the data added (a govgraph.vocab.Vocabulary); None: the shipped "
        "one. Work on the data inside `with govgraph.vocab.using(ds.vocab):` so its terms are known.",
    )

    def actor(self, actor_id: str) -> Any:
        """The actor with this id (KeyError when absent)."""
        return self.actors[actor_id]
