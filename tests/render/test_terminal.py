"""The terminal renderer shows cell text as data: brackets such as '[20]' are not eaten as markup."""

from __future__ import annotations

import io

from govgraph.render import render
from govgraph.tables import SimpleReport, Table


def test_brackets_survive_in_titles_cells_and_notes() -> None:
    table = Table("t", "Ties [draft]", ["route"], [["a -[member_of]-> b"], ["paper §2.3 [20]"]], notes=["see [15]"])
    out = io.StringIO()
    render(SimpleReport({}, [table]), "table", out)
    text = out.getvalue()
    for fragment in ("Ties [draft]", "-[member_of]->", "§2.3 [20]", "see [15]"):
        assert fragment in text


def test_escape_sequences_never_reach_the_terminal(monkeypatch) -> None:
    table = Table("t", "Title \x1b]0;pwned\x07", ["name"], [["red\x1b[31m text\x1b[0m\r\x9b2J"], ["\u202eevil"]])
    for columns in ("", "120"):  # TSV for a pipe; rich tables when a width is asked for
        monkeypatch.setenv("COLUMNS", columns)
        out = io.StringIO()
        render(SimpleReport({}, [table]), "table", out)
        text = out.getvalue()
        assert "red text" in text and "evil" in text and "Title" in text
        assert not any(ch in text for ch in "\x1b\x07\r\x9b\u202e")


def test_pipe_is_tsv(monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    table = Table("t", "T", ["a", "b"], [["x\ty", "line\nbreak"]], notes=["n"])
    out = io.StringIO()
    render(SimpleReport({}, [table, table]), "table", out)
    assert out.getvalue() == "# T\na\tb\nx y\tline break\n# n\n\n# T\na\tb\nx y\tline break\n# n\n"
