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
