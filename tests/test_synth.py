"""govgraph synth: Yearbook-shaped synthetic data, valid by construction, the same bytes for the same seed."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from govgraph.errors import UsageError
from govgraph.synth import files_of, generate, write_synth
from govgraph.vocab import vocabulary
from tests.conftest import run_govgraph


def _years(values):
    return np.array([v if v is not None else -1 for v in values])


def test_counts_and_shape():
    data = generate(orgs=300, states=40, memberships=3000, ties=400, seed=3)
    a, r = data.actors, data.relations
    assert a["kind"].count("organisation") == 300 and a["kind"].count("state") == 40
    assert r["type"][:3000] == ["member_of"] * 3000 and len(r["type"]) == 3400
    pairs = set(zip(r["source"], r["type"], r["target"], strict=True))
    assert len(pairs) == 3400  # no repeated tie
    assert all(s != t for s, t in zip(r["source"], r["target"], strict=True))
    # heavy tail: the largest organisation has many times the median membership
    sizes = np.unique(r["target"][:3000], return_counts=True)[1]
    assert sizes.max() >= 8 * np.median(sizes)
    vocab = vocabulary()
    for cell in filter(None, a["issue_areas"]):
        terms = cell.split(";")
        assert 1 <= len(terms) <= 3 and set(terms) <= set(vocab.issue_areas)
    for cell in filter(None, a["functions"]):
        assert set(cell.split(";")) <= set(vocab.functions)


def test_ties_inside_both_lifetimes_and_hierarchy_acyclic():
    data = generate(orgs=400, states=30, memberships=2000, ties=1500, seed=11)
    a, r = data.actors, data.relations
    index = {aid: i for i, aid in enumerate(a["id"])}
    founded, dissolved = _years(a["founded"]), _years(a["dissolved"])
    hierarchy = nx.DiGraph()
    for s, t, typ, start, end in zip(r["source"], r["target"], r["type"], r["start"], r["end"], strict=True):
        for end_id in (s, t):
            i = index[end_id]
            assert founded[i] <= start, (s, t, start)
            assert dissolved[i] == -1 or (start <= dissolved[i] and end is not None and end <= dissolved[i])
        assert end is None or start <= end
        if typ == "part_of":
            hierarchy.add_edge(t, s)
        elif typ == "establishes":
            hierarchy.add_edge(s, t)
    assert hierarchy.number_of_edges() > 100
    assert nx.is_directed_acyclic_graph(hierarchy)


def test_same_seed_same_bytes_other_seed_other_bytes():
    one = files_of(generate(200, 20, 1000, 200, seed=5), "parquet")
    assert one == files_of(generate(200, 20, 1000, 200, seed=5), "parquet")
    assert one != files_of(generate(200, 20, 1000, 200, seed=6), "parquet")


def test_impossible_sizes_refused():
    with pytest.raises(UsageError, match="do not fit"):
        generate(orgs=2, states=1, memberships=100, ties=0)


def test_write_refuses_to_overwrite(tmp_path):
    out = tmp_path / "s"
    write_synth(out, orgs=50, states=5, memberships=100, ties=20, seed=1)
    with pytest.raises(UsageError, match="--force"):
        write_synth(out, orgs=50, states=5, memberships=100, ties=20, seed=2)
    write_synth(out, orgs=50, states=5, memberships=100, ties=20, seed=2, force=True)
    assert "seed 2" in (out / "sources.csv").read_text()


@pytest.mark.parametrize(
    ("fmt", "sizes", "seed"),
    [("yaml", ("300", "20", "2000", "300"), "1"), ("yaml", ("120", "200", "900", "60"), "7")],
)
def test_cli_output_validates_and_is_reproducible(tmp_path, fmt, sizes, seed):
    orgs, states, members, ties = sizes
    args = ["--orgs", orgs, "--states", states, "--memberships", members, "--ties", ties, "--seed", seed, "-f", fmt]
    first = run_govgraph("synth", *args, "-o", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr
    assert run_govgraph("synth", *args, "-o", str(tmp_path / "b")).returncode == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    done = run_govgraph("validate", "--data", str(tmp_path / "a"))
    assert done.returncode == 0, done.stderr
    total = int(orgs) + int(states)
    assert f"{total} actors, {int(members) + int(ties)} relations, 8 sources" in done.stderr
    again = run_govgraph("synth", *args, "-o", str(tmp_path / "a"))
    assert again.returncode == 2 and "--force" in again.stderr
