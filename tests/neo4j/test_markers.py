"""The ``neo4j`` mark follows the fixtures a test uses, not the folder it lives in (issue 13 item 8)."""

from __future__ import annotations

import subprocess
import sys

from tests.neo4j.helpers import ROOT


def _collected(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/neo4j", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {line for line in done.stdout.splitlines() if "::" in line}


def test_tests_without_server_fixtures_run_under_not_neo4j() -> None:
    pure = _collected("-m", "not neo4j")
    server = _collected("-m", "neo4j")
    assert not pure & server
    # pure query functions, the style sheet and a server that is down need no server
    assert "tests/neo4j/test_queries.py::test_parse_params_reads_json_where_it_parses" in pure
    assert "tests/neo4j/test_queries.py::test_the_style_sheet_styles_every_label_and_type" in pure
    assert "tests/neo4j/test_results.py::test_server_down_is_exit_3" in pure
    assert "tests/neo4j/test_markers.py::test_tests_without_server_fixtures_run_under_not_neo4j" in pure
    assert sum("test_each_file_says_its_question_first" in t for t in pure) >= 20
    assert len(pure) >= 26
    # a test reaching the server through another fixture (settings -> neo4j_uri) is marked
    assert "tests/neo4j/test_loader.py::test_loading_twice_changes_nothing" in server
    assert all(not t.startswith("tests/neo4j/test_server.py") or t in server for t in pure | server)
