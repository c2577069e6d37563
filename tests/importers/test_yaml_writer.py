"""The YAML writer: reads back equal, quotes what YAML would read as something else, writes folders whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from govgraph.importers.yaml_writer import dump_yaml, write_folder


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "yes",
        "on",
        "null",
        "~",
        "1945",
        "1.5",
        "2020-01-01",
        "a: b",
        "# c",
        "- x",
        " lead",
        "trail ",
        "",
        "'q'",
        '"dq"',
        "Ü",
        "a\u2028b",
        "tab\there",
        "@x",
        "*x",
    ],
)
def test_scalars_read_back_as_strings(text: str) -> None:
    data = {"items": [{"id": "x", "value": text}]}
    assert yaml.safe_load(dump_yaml(data)) == data


def test_structures_read_back() -> None:
    data = {
        "actors": [
            {
                "id": "no",
                "aliases": ["A", "B"],
                "n": 2,
                "ok": True,
                "empty": [],
                "sub": {"k": "v"},
                "sources": [{"key": "k", "at": "x"}],
            }
        ],
        "relations": [],
    }
    text = dump_yaml(data)
    assert yaml.safe_load(text) == data
    assert "&" not in text and "*" not in text


def test_write_folder_leaves_nothing_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"

    class Boom(Exception):
        pass

    real = Path.write_text

    def failing(self: Path, *a, **k):  # the second file fails half-way
        if self.name == "b.yaml":
            raise Boom
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(Boom):
        write_folder(out, {"a.yaml": "a: 1\n", "b.yaml": "b: 2\n"})
    assert list(tmp_path.iterdir()) == []
