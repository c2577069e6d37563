"""The Cypher script: structure, and string literals that an independent Cypher string reader unescapes back
to the original values. (tests/neo4j/test_cypher_export.py runs it in a real Neo4j.)"""

from __future__ import annotations

import networkx as nx
import pytest

from govgraph.errors import UsageError
from govgraph.export import exporter
from govgraph.export.cypher import cypher_script, literal, name

from .conftest import N_EDGES, N_NODES

_CYPHER_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def read_string_literals(text: str) -> list[str]:
    """Every single-quoted string literal in ``text``, unescaped as the Cypher manual defines escapes."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "/" and text[i : i + 2] == "//" and (i == 0 or text[i - 1] == "\n"):
            i = text.index("\n", i)
            continue
        if text[i] != "'":
            i += 1
            continue
        i += 1
        buf = []
        while text[i] != "'":
            if text[i] == "\\":
                nxt = text[i + 1]
                if nxt == "u":
                    buf.append(chr(int(text[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                buf.append(_CYPHER_ESCAPES[nxt])
                i += 2
                continue
            assert text[i] not in "\n\r", "raw line break inside a string literal"
            buf.append(text[i])
            i += 1
        out.append("".join(buf))
        i += 1
    return out


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "People's Republic",
        'say "hi"',
        "back\\slash",
        "two\nlines\r\n",
        "tab\there",
        "bell\x07",
        "\\'",
        "中国",
        "end\\",
        "\u2028sep",
        "",
    ],
)
def test_string_literals_round_trip(value):
    text = literal(value)
    assert text.startswith("'") and text.endswith("'")
    assert read_string_literals(text) == [value]


def test_other_literals():
    assert literal(1945) == "1945"
    assert literal(0.25) == "0.25"
    assert literal(True) == "true"
    assert literal(["a'b", "c"]) == "['a\\'b', 'c']"
    with pytest.raises(UsageError):
        literal(float("nan"))
    assert name("founded_year") == "founded_year"
    assert name("odd key`") == "`odd key```"


def test_script_has_one_merge_per_actor_and_relation(small_graph, tmp_path):
    path = exporter("cypher").write(small_graph, tmp_path / "g.cypher")[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    statements = [ln for ln in lines if not ln.startswith("//")]
    assert all(s.endswith(";") for s in statements)
    nodes = [s for s in statements if s.startswith("MERGE (n:Actor")]
    rels = [s for s in statements if s.startswith("MATCH (a:Actor")]
    assert (len(nodes), len(rels)) == (N_NODES, N_EDGES)
    assert sum("SET n:Organisation " in s for s in nodes) == 9
    assert sum("SET n:State " in s for s in nodes) == 3
    assert sum("-[r:MEMBER_OF {id: " in s for s in rels) == 7
    assert any("-[r:SUCCEEDED_BY {id: 'icsu:succeeded_by:isc:2018'}]->" in s for s in rels)
    constraints = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == 1 + 5 + 1  # :Actor, each of the five kinds present, :Source
    strings = read_string_literals(path.read_text(encoding="utf-8"))
    assert small_graph.nodes["huawei"]["name"] in strings
    assert "People's Republic of China" in strings
    assert "observer at COP21; 'focal point'" in strings
    huawei = next(s for s in nodes if "'huawei'" in s)
    assert "founded_year: 1987" in huawei and "aliases: ['Huawei']" in huawei


def test_labels_only_from_the_vocabulary():
    g = nx.MultiDiGraph()
    g.add_node("x", kind="organisation}) DETACH DELETE n //", name="x")
    with pytest.raises(UsageError, match="no known kind"):
        cypher_script(g)
    g = nx.MultiDiGraph()
    g.add_node("a", kind="state")
    g.add_node("b", kind="state")
    g.add_edge("a", "b", key="e", type="KNOWS]->() DELETE r //")
    with pytest.raises(UsageError, match="no known type"):
        cypher_script(g)
