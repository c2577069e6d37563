"""BibTeX parsed back with bibtexparser: one entry per cited source, fields escaped."""

from __future__ import annotations

import bibtexparser
import pytest

from govgraph.export import exporter
from govgraph.export.bibtex import bib_name, bibtex_text, parse_container
from govgraph.select import select

from .conftest import CITED


def _parse(text):
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks, [b.error for b in lib.failed_blocks]
    return {e.key: e for e in lib.entries}


def test_every_cited_source_once(small_graph, tmp_path):
    path = exporter("bibtex").write(small_graph, tmp_path / "s.bib")[0]
    entries = _parse(path.read_text(encoding="utf-8"))
    assert sorted(entries) == CITED  # 'unused' is in the bibliography but cited by nothing
    paper = entries["paper"]
    assert paper.entry_type == "article"
    assert paper.fields_dict["title"].value == r"{Global S\&T governance: 100\% \{composite\} actors\_and \#regimes}"
    assert paper.fields_dict["author"].value == "Li, Wei and {Zhang San}"
    assert paper.fields_dict["journal"].value == "Journal of Science Policy"
    assert paper.fields_dict["year"].value == "2022"
    book = entries["ipcc-book"]
    assert (
        book.entry_type == "book" and book.fields_dict["author"].value == "{Intergovernmental Panel on Climate Change}"
    )
    assert book.fields_dict["publisher"].value == "Cambridge University Press"
    web = entries["unesco-web"]
    assert web.entry_type == "misc"
    assert web.fields_dict["url"].value == "https://www.unesco.org/en/about-us?tab=history_1&x=100%25"
    assert web.fields_dict["urldate"].value == "2024-03-05"
    assert web.fields_dict["key"].value == "About UNESCO"  # author-year styles label it by title
    assert "note" not in entries["ref20"].fields_dict  # no internal notes ("Reference [20] of the paper")
    assert all("keywords" not in e.fields_dict for e in entries.values())


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Gerybadze A.", "Gerybadze, A."),
        ("Keohane R. O.", "Keohane, R. O."),
        ("De Serpa Soares M.", "De Serpa Soares, M."),
        ("Pevehouse J. C. W.", "Pevehouse, J. C. W."),
        ("Hüfner K.", r"H{\"u}fner, K."),
        ("Yang Liwei (杨理伟)", "Yang, Liwei"),
        ("扬 (Oran R. Young)", "Young, Oran R."),
        ("李约瑟 (Joseph Needham)", "Needham, Joseph"),
        ("Li, Wei", "Li, Wei"),
        ("et al.", "others"),
        ("Union of International Associations", "{Union of International Associations}"),
        ("ISO", "{ISO}"),
        ("薛澜", r"{{\govgraphforeign{薛澜}}}"),
    ],
)
def test_names_last_first(author, expected):
    assert bib_name(author) == expected


@pytest.mark.parametrize(
    ("container", "fields"),
    [
        (
            "Research Policy 28(2/3) 251-274",
            {"journal": "Research Policy", "volume": "28", "number": "2/3", "pages": "251--274"},
        ),
        ("Global Policy 8, 96-101", {"journal": "Global Policy", "volume": "8", "pages": "96--101"}),
        ("Boulder: Westview Press, p. 3", {"address": "Boulder", "publisher": "Westview Press", "pages": "3"}),
        (
            "Handbook of transnational governance: new institutions and innovations. Cambridge: Polity Press, pp. 1-36",
            {
                "booktitle": "Handbook of transnational governance: new institutions and innovations",
                "address": "Cambridge",
                "publisher": "Polity Press",
                "pages": "1--36",
            },
        ),
        ("[EB/OL] (2011-05-11), read 2022-05-15", {"online": "EB", "urldate": "2022-05-15"}),
        ("UNESCO", {"container": "UNESCO"}),
    ],
)
def test_containers(container, fields):
    assert parse_container(container) == fields


def test_selection_cites_only_its_sources(small_graph):
    # UNEP's ego network: unep and ipcc (paper; ipcc also ipcc-book), the tie unep->ipcc (ipcc-book)
    entries = _parse(bibtex_text(select(small_graph, ego="unep", radius=1)))
    assert sorted(entries) == ["ipcc-book", "paper"]
