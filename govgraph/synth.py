"""Synthetic data of Yearbook shape, for benchmarks and scale tests: valid by construction, same seed = same bytes.

The shape follows what the Yearbook of International Organizations and the COW IGO data show: members per
organisation are heavy-tailed (a Pareto weight per organisation; a few have hundreds of members, most a handful),
founding years are skewed towards the present, headquarters towards a few countries; every organisation has one to
three issue areas and one or two functions from the vocabulary. Members are states (most) or other organisations.
Ties between organisations are typed (partnership, liaison, consultative status, funding, participation, and the
hierarchy types ``part_of`` and ``establishes``) and, like memberships, start and end inside the lifetimes of both
ends. The hierarchy is acyclic: every parent was founded no later than its child (ties follow one order of the
organisations by founding year), so a parent -> child path can never come back.

Everything is drawn from one :class:`numpy.random.Generator` seeded by ``seed``, column by column (no Python loop
over memberships), so the L size (100,000 organisations, 1,000,000 memberships) takes seconds. The folder is written
by the importers' folder writer: whole or not at all, never over an existing folder without ``force``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from govgraph.errors import UsageError
from govgraph.tables import Table
from govgraph.vocab import vocabulary

__all__ = ["FORMATS", "SynthData", "SynthReport", "generate", "write_synth"]

#: The formats ``govgraph synth`` writes: the table layout as CSV or Parquet, or YAML.
FORMATS = ("csv", "parquet", "yaml")
#: The last year of the synthetic world.
LAST_YEAR = 2024
FIRST_YEAR = 1652
N_SOURCES = 8
#: Share of memberships held by states (the rest: organisations that are members of organisations).
STATE_SHARE = 0.7
#: Types of tie between organisations, with their shares (``part_of`` and ``establishes`` form the hierarchy).
TIE_TYPES = {
    "partner_of": 0.30,
    "liaison_with": 0.15,
    "consultative_status": 0.10,
    "funds": 0.10,
    "participates_in": 0.10,
    "part_of": 0.15,
    "establishes": 0.10,
}
_MEMBER_STATUS = (("full", 0.80), ("associate", 0.12), ("observer", 0.08))
_CONSULTATIVE_STATUS = (("general", 0.2), ("special", 0.5), ("roster", 0.3))


@dataclass
class SynthData:
    """Generated records as columns (numpy arrays or lists of text; ``None`` = empty cell).

    ``actors``, ``relations`` and ``sources`` map a column name of the table layout to its values; ``memberships``
    is the number of leading relation rows that are memberships (the rest are ties between organisations).
    """

    actors: dict[str, list[Any]]
    relations: dict[str, list[Any]]
    sources: dict[str, list[Any]]
    memberships: int


def _zipf_weights(n: int, exponent: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


def _pick_terms(rng: np.random.Generator, n: int, terms: list[str], low: int, high: int) -> list[str]:
    """For each of ``n`` rows, ``low``..``high`` distinct terms (Zipf-weighted), ``;``-joined in vocabulary order."""
    weights = np.log(_zipf_weights(len(terms), 0.8))
    keys = weights + rng.gumbel(size=(n, len(terms)))  # Gumbel top-k: weighted sampling without replacement
    order = np.argsort(-keys, axis=1, kind="stable")
    count = rng.integers(low, high + 1, size=n)
    chosen = np.zeros((n, len(terms)), dtype=bool)
    for k in range(high):
        rows = np.nonzero(count > k)[0]
        chosen[rows, order[rows, k]] = True
    masks = chosen @ (1 << np.arange(len(terms), dtype=np.int64))
    cache: dict[int, str] = {}
    out = []
    for m in masks.tolist():
        text = cache.get(m)
        if text is None:
            text = cache[m] = ";".join(t for i, t in enumerate(terms) if m >> i & 1)
        out.append(text)
    return out


def _choice(rng: np.random.Generator, options: tuple[tuple[str, float], ...], n: int) -> np.ndarray:
    names = np.array([o for o, _ in options], dtype=object)
    return names[rng.choice(len(options), size=n, p=[p for _, p in options])]


def _years_between(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, skew: float = 2.0) -> np.ndarray:
    """A year in ``[lo, hi]`` for each row, nearer ``lo`` (``skew`` > 1)."""
    return lo + np.floor(rng.random(len(lo)) ** skew * (hi - lo + 1)).astype(np.int64)


def _citations(rng: np.random.Generator, n: int) -> list[str]:
    """One citation per row: a source id, a quarter of them with a page (``synth-03@p. 12``)."""
    src = rng.integers(1, N_SOURCES + 1, size=n)
    page = rng.integers(1, 500, size=n)
    with_page = rng.random(n) < 0.25
    return [
        f"synth-{s:02d}@p. {p}" if w else f"synth-{s:02d}"
        for s, p, w in zip(src.tolist(), page.tolist(), with_page.tolist(), strict=True)
    ]


def _ids(prefix: str, n: int) -> list[str]:
    width = max(3, len(str(n)))
    return [f"{prefix}-{i:0{width}d}" for i in range(1, n + 1)]


def _pairs(
    rng: np.random.Generator,
    need: int,
    draw: Any,
    founded: np.ndarray,
    dissolved: np.ndarray,
    key_space: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``need`` distinct (source, target, extra) rows from ``draw(n)`` whose two lifetimes overlap.

    ``draw(n)`` returns arrays ``(source, target, extra)`` of actor indices and a small integer; rows tying an actor
    to itself, rows whose ends never coexisted and repeats of an earlier (source, target, extra) are dropped, and
    more are drawn until ``need`` are kept. Raises UsageError when the sizes make that impossible.
    """
    kept_keys = np.empty(0, dtype=np.int64)
    parts: list[tuple[np.ndarray, ...]] = []
    have = 0
    for _ in range(60):
        if have >= need:
            break
        src, dst, extra = draw(int((need - have) * 1.3) + 16)
        ok = (src != dst) & (np.maximum(founded[src], founded[dst]) <= np.minimum(dissolved[src], dissolved[dst]))
        src, dst, extra = src[ok], dst[ok], extra[ok]
        keys = (extra * key_space + src) * key_space + dst
        keys, first = np.unique(keys, return_index=True)
        fresh = ~np.isin(keys, kept_keys, assume_unique=True)
        first = np.sort(first[fresh])  # keep draw order, so the result does not depend on the key encoding
        src, dst, extra = src[first], dst[first], extra[first]
        take = min(need - have, len(src))
        parts.append((src[:take], dst[:take], extra[:take]))
        kept_keys = np.union1d(kept_keys, ((extra[:take] * key_space + src[:take]) * key_space + dst[:take]))
        have += take
    if have < need:
        raise UsageError(f"cannot draw {need} distinct ties among these actors; ask for fewer")
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))  # type: ignore[return-value]


def generate(orgs: int, states: int, memberships: int, ties: int, seed: int = 0) -> SynthData:
    """Draw a dataset of ``orgs`` organisations, ``states`` states, ``memberships`` member_of ties and ``ties``
    typed ties between organisations, from the seed ``seed``. See the module doc for the shape."""
    if orgs < 2 or states < 1 or min(memberships, ties) < 0:
        raise UsageError("synth needs at least 2 organisations and 1 state, and no negative counts")
    if memberships > orgs * (states + orgs - 1) // 2:
        raise UsageError(f"{memberships} memberships do not fit among {orgs} organisations and {states} states")
    vocab = vocabulary()
    rng = np.random.default_rng(seed)
    from govgraph.countries import country_codes

    # --- actors: states first (indices 0..states-1), then organisations
    codes = sorted(country_codes())
    country_order = rng.permutation(len(codes))
    state_founded = np.where(rng.random(states) < 0.4, 0, 1816 + np.floor(rng.random(states) ** 0.5 * 178))
    org_founded = np.clip(LAST_YEAR - np.floor(rng.exponential(40.0, orgs)), FIRST_YEAR, LAST_YEAR).astype(np.int64)
    dies = rng.random(orgs) < 0.12
    org_dissolved = org_founded + 1 + np.floor(rng.exponential(25.0, orgs)).astype(np.int64)
    org_dissolved = np.where(dies & (org_dissolved <= LAST_YEAR), org_dissolved, 9999)
    founded = np.concatenate([state_founded.astype(np.int64), org_founded])  # 0 = unknown
    dissolved = np.concatenate([np.full(states, 9999, dtype=np.int64), org_dissolved])  # 9999 = still exists
    n = states + orgs

    org_types = list(vocab.organisation_types)
    hq = np.array(codes, dtype=object)[country_order[rng.choice(len(codes), size=orgs, p=_zipf_weights(len(codes)))]]
    iso2 = [codes[i] for i in country_order[: min(states, len(codes))].tolist()]
    actors: dict[str, list[Any]] = {
        "id": _ids("state", states) + _ids("org", orgs),
        "kind": ["state"] * states + ["organisation"] * orgs,
        "name": [f"State {i}" for i in range(1, states + 1)] + [f"Organisation {i}" for i in range(1, orgs + 1)],
        "founded": [y or None for y in founded.tolist()],
        "dissolved": [None if y == 9999 else y for y in dissolved.tolist()],
        "hq_country": [None] * states + hq.tolist(),
        "org_type": [None] * states
        + [org_types[i] for i in rng.choice(len(org_types), size=orgs, p=_zipf_weights(len(org_types))).tolist()],
        "iso2": iso2 + [None] * (n - len(iso2)),
        "issue_areas": [None] * states + _pick_terms(rng, orgs, list(vocab.issue_areas), 1, 3),
        "functions": [None] * states + _pick_terms(rng, orgs, list(vocab.functions), 1, 2),
        "sources": _citations(rng, n),
    }

    # --- memberships: heavy-tailed members per organisation (Pareto weights), states or organisations as members
    weight = rng.pareto(1.1, orgs) + 1.0
    weight /= weight.sum()
    activity = rng.pareto(1.5, orgs) + 1.0
    activity /= activity.sum()

    def draw_members(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        target = states + rng.choice(orgs, size=k, p=weight)
        by_state = rng.random(k) < STATE_SHARE
        member = np.where(by_state, rng.integers(0, states, size=k), states + rng.choice(orgs, size=k, p=activity))
        return member, target, np.zeros(k, dtype=np.int64)

    m_src, m_dst, _ = _pairs(rng, memberships, draw_members, founded, dissolved, n)
    lo = np.maximum(founded[m_src], founded[m_dst])
    hi = np.minimum(np.minimum(dissolved[m_src], dissolved[m_dst]), LAST_YEAR)
    m_start = _years_between(rng, lo, hi)
    left = rng.random(memberships) < 0.15
    m_end = np.where(left, _years_between(rng, m_start, hi, 1.0), np.where(hi < LAST_YEAR, hi, 0))

    # --- ties between organisations; hierarchy ties run from the earlier-founded (parent) to the later (child)
    type_names = list(TIE_TYPES)
    rank = np.empty(orgs, dtype=np.int64)
    rank[np.lexsort((np.arange(orgs), org_founded))] = np.arange(orgs)

    def draw_ties(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        kind = rng.choice(len(type_names), size=k, p=list(TIE_TYPES.values()))
        a = rng.choice(orgs, size=k, p=activity)
        b = rng.choice(orgs, size=k, p=weight)
        earlier = np.where(rank[a] < rank[b], a, b)
        later = np.where(rank[a] < rank[b], b, a)
        src, dst = a.copy(), b.copy()
        part_of, establishes = kind == type_names.index("part_of"), kind == type_names.index("establishes")
        src[part_of], dst[part_of] = later[part_of], earlier[part_of]  # the child is part of its parent
        src[establishes], dst[establishes] = earlier[establishes], later[establishes]
        symmetric = kind == type_names.index("partner_of")  # one direction only
        src[symmetric], dst[symmetric] = np.minimum(a, b)[symmetric], np.maximum(a, b)[symmetric]
        return states + src, states + dst, kind

    t_src, t_dst, t_kind = _pairs(rng, ties, draw_ties, founded, dissolved, n)
    lo = np.maximum(founded[t_src], founded[t_dst])
    hi = np.minimum(np.minimum(dissolved[t_src], dissolved[t_dst]), LAST_YEAR)
    t_start = _years_between(rng, lo, hi)
    t_end = np.where(rng.random(ties) < 0.2, _years_between(rng, t_start, hi, 1.0), np.where(hi < LAST_YEAR, hi, 0))

    ids = actors["id"]
    m_status = _choice(rng, _MEMBER_STATUS, memberships)
    c_status = _choice(rng, _CONSULTATIVE_STATUS, ties)
    t_status = np.where(t_kind == type_names.index("consultative_status"), c_status, None)
    relations: dict[str, list[Any]] = {
        "source": [ids[i] for i in np.concatenate([m_src, t_src]).tolist()],
        "target": [ids[i] for i in np.concatenate([m_dst, t_dst]).tolist()],
        "type": ["member_of"] * memberships + [type_names[k] for k in t_kind.tolist()],
        "start": np.concatenate([m_start, t_start]).tolist(),
        "end": [e or None for e in np.concatenate([m_end, t_end]).tolist()],
        "status": m_status.tolist() + t_status.tolist(),
        "end_reason": np.where(left, "withdrawn", None).tolist() + [None] * ties,
        "sources": _citations(rng, memberships + ties),
    }
    sources: dict[str, list[Any]] = {
        "id": [f"synth-{i:02d}" for i in range(1, N_SOURCES + 1)],
        "type": ["dataset"] * N_SOURCES,
        "title": [f"Synthetic source {i} (govgraph synth, seed {seed})" for i in range(1, N_SOURCES + 1)],
        "year": [LAST_YEAR] * N_SOURCES,
    }
    return SynthData(actors, relations, sources, memberships)


_INT_COLUMNS = {"founded", "dissolved", "start", "end", "year"}


def _frame(columns: dict[str, list[Any]]) -> Any:
    import polars as pl

    return pl.DataFrame(
        {k: pl.Series(k, v, dtype=pl.Int32 if k in _INT_COLUMNS else pl.String) for k, v in columns.items()}
    )


def _slice(columns: dict[str, list[Any]], lo: int, hi: int) -> dict[str, list[Any]]:
    return {k: v[lo:hi] for k, v in columns.items()}


def _yaml_records(columns: dict[str, list[Any]], section: str) -> list[dict[str, Any]]:
    """Rows as YAML records: empty cells left out, list cells as lists, a headquarters mapping, citations."""
    names = list(columns)
    out = []
    for row in zip(*columns.values(), strict=True):
        rec: dict[str, Any] = {}
        for name, value in zip(names, row, strict=True):
            if value is None:
                continue
            if name == "hq_country":
                rec["headquarters"] = {"country": value}
            elif name == "sources" and section != "sources":
                key, _, at = value.partition("@")
                rec["sources"] = [{"key": key, "at": at} if at else key]
            elif name in ("issue_areas", "functions"):
                rec[name] = value.split(";")
            else:
                rec[name] = value
        out.append(rec)
    return out


def files_of(data: SynthData, fmt: str) -> dict[str, str | bytes]:
    """The folder's files, ``{name: content}``: the table layout (CSV or Parquet) or YAML."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    m = data.memberships
    n_rel = len(data.relations["source"])
    parts = {
        "sources": data.sources,
        "actors": data.actors,
        "memberships.relations": _slice(data.relations, 0, m),
        "ties.relations": _slice(data.relations, m, n_rel),
    }
    if fmt == "yaml":
        from govgraph.importers.yaml_writer import dump_yaml

        head = "# Synthetic data written by `govgraph synth`: not real organisations.\n"
        return {
            f"{name.split('.')[0]}.yaml": head + dump_yaml({name.split(".")[-1]: _yaml_records(cols, name)})
            for name, cols in parts.items()
        }
    out: dict[str, str | bytes] = {}
    for name, cols in parts.items():
        frame = _frame(cols)
        buffer = io.BytesIO()
        if fmt == "csv":
            frame.write_csv(buffer)
            out[f"{name}.csv"] = buffer.getvalue().decode("utf-8")
        else:
            frame.write_parquet(buffer, compression="zstd", statistics=False)
            out[f"{name}.parquet"] = buffer.getvalue()
    return out


@dataclass
class SynthReport:
    """What ``govgraph synth`` wrote."""

    out_dir: str
    fmt: str
    seed: int
    files: list[str]
    counts: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"out_dir": self.out_dir, "format": self.fmt, "seed": self.seed, "files": self.files} | {
            "counts": self.counts
        }

    def tables(self) -> list[Table]:
        rows = [[k, v] for k, v in self.counts.items()]
        return [
            Table("synth", f"Synthetic data -> {self.out_dir}", ["what", "count"], rows, caption=f"seed {self.seed}")
        ]


def write_synth(
    out_dir: Path | str,
    *,
    orgs: int,
    states: int,
    memberships: int,
    ties: int,
    seed: int = 0,
    fmt: str = "csv",
    force: bool = False,
) -> SynthReport:
    """Generate a dataset (see :func:`generate`) and write it as the folder ``out_dir`` in format ``fmt``."""
    from govgraph.importers.yaml_writer import write_folder

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    data = generate(orgs, states, memberships, ties, seed)
    files = files_of(data, fmt)
    written = write_folder(Path(out_dir), files, force=force)
    counts = {
        "organisations": orgs,
        "states": states,
        "memberships": memberships,
        "ties": ties,
        "sources": len(data.sources["id"]),
    }
    return SynthReport(str(out_dir), fmt, seed, [p.name for p in written], counts)
