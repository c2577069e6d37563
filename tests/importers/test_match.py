"""``govgraph match``: scored proposals from names, acronyms and dates, found by blocking.

Fixture: two data sets of three organisations each. IAEA is in both under one acronym and the same name once
"Intl" is read as "International" (score 0.45 + 0.45 + 0.1 = 1.0); ICES shares no acronym but its name tokens
{international, council, exploration, sea} are the same (0.45 + 0.1 = 0.55); APT is two bodies under one acronym
(ASEAN Plus 3, 1997; Asian-Pacific Telecommunity, 1976): 0.45, minus 0.2 for founding years 21 apart = 0.25.
"""

from __future__ import annotations

import json

from govgraph.dataset import load_dataset
from govgraph.importers.match import propose_matches
from tests.conftest import FIXTURES, run_govgraph

A, B = FIXTURES / "match" / "a", FIXTURES / "match" / "b"


def test_scores_worked_by_hand() -> None:
    report = propose_matches(load_dataset([A, B]), min_score=0.1)
    got = {(m.a, m.b): m.score for m in report.matches}
    assert got == {("a-iaea", "b-iaea"): 1.0, ("a-ices", "b-ices"): 0.55, ("a-apt", "b-apt"): 0.25}
    # compared: the pairs sharing a block, from two sets: the three above, and IAEA/ICES across the sets (they
    # share "international", scoring 0: 1/7 of the names alike, founded 55 years apart); never all 15 pairs
    assert report.compared == 5
    assert [m.a for m in propose_matches(load_dataset([A, B])).matches] == ["a-iaea"]  # default --min 0.6


def test_cli() -> None:
    res = run_govgraph("match", "--data", str(A), "--data", str(B), "--min", "0.5", "--format", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert [(m["a"], m["b"], m["score"]) for m in doc["matches"]] == [
        ("a-iaea", "b-iaea", 1.0),
        ("a-ices", "b-ices", 0.55),
    ]
