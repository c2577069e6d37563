"""The local Neo4j server against the real thing: status, Cypher over Bolt, auth, and Neo4j Browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from govgraph.neo4j import server

pytestmark = pytest.mark.neo4j


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")


def test_status_reports_the_running_server(neo4j_server, neo4j_target):
    status = server.status(instance_dir=neo4j_target.instance_dir)
    assert status.running
    assert status.pid == neo4j_server.pid
    port = neo4j_server.bolt_uri.rsplit(":", 1)[1]
    http = neo4j_server.http_url
    assert status.bolt_uri == f"bolt://127.0.0.1:{port}"
    assert status.http_url == http and http.startswith("http://127.0.0.1:")
    assert status.browser_url == http + "browser/"
    assert status.auth_enabled is True
    assert status.version.startswith("5.26.")
    assert status.home == neo4j_target.instance_dir


def test_starting_again_is_a_no_op(neo4j_server, neo4j_target):
    port = int(neo4j_server.bolt_uri.rsplit(":", 1)[1])
    http_port = int(neo4j_server.http_url.rstrip("/").rsplit(":", 1)[1])
    again = server.start(bolt_port=port, http_port=http_port, instance_dir=neo4j_target.instance_dir)
    assert again.running and again.pid == neo4j_server.pid


def test_the_jars_are_fetched_once(neo4j_server):
    assert server.jars_ready()
    assert server.ensure_jars() == server.neo4j_home() / "lib"


def test_cypher_round_trip(neo4j_driver):
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS x")
    assert records[0]["x"] == 1


def test_write_then_read(clean_db):
    clean_db.execute_query(
        "CREATE (:GovgraphProbe {id: $id, name: $name})-[:PROBES]->(:GovgraphProbe {id: $other})",
        id="wfeo",
        name="World Federation of Engineering Organizations",
        other="unfccc",
    )
    records, _, _ = clean_db.execute_query(
        "MATCH (a:GovgraphProbe)-[r:PROBES]->(b:GovgraphProbe) RETURN a.id AS a, a.name AS name, b.id AS b"
    )
    assert [(r["a"], r["name"], r["b"]) for r in records] == [
        ("wfeo", "World Federation of Engineering Organizations", "unfccc")
    ]


def test_clean_db_starts_empty(clean_db):
    records, _, _ = clean_db.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_apoc_core_is_loaded(neo4j_server, neo4j_driver):
    records, _, _ = neo4j_driver.execute_query("RETURN apoc.version() AS v")
    assert records[0]["v"].startswith("5.26")


def test_wrong_password_is_an_auth_error(neo4j_uri, neo4j_auth):
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    if neo4j_auth is None:
        pytest.skip("the server runs without auth")
    user, password = neo4j_auth
    with GraphDatabase.driver(neo4j_uri, auth=(user, password + "-wrong")) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_discovery_and_browser_are_served(neo4j_server):
    status, content_type, body = _get(neo4j_server.http_url)
    discovery = json.loads(body)
    assert status == 200
    assert discovery["bolt_direct"] == neo4j_server.bolt_uri
    assert discovery["neo4j_version"] == neo4j_server.version
    assert discovery["neo4j_edition"] == "community"

    status, content_type, body = _get(neo4j_server.browser_url)
    assert status == 200
    assert content_type.startswith("text/html")
    assert "<title>Neo4j Browser</title>" in body


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def test_browser_loads_in_headless_chromium(neo4j_server, tmp_path):
    chromium = _chromium()
    if chromium is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Chromium is not installed (apt-get install chromium); CI=true must not skip", pytrace=False)
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    profile = tmp_path / "profile"
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=15000",
        "--dump-dom",
        neo4j_server.browser_url,
    ]
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<title>Neo4j Browser</title>" in dom
    # the app ran (not just the static page): it rendered its connect form for this server
    assert 'data-testid="main"' in dom
    assert "Connect to Neo4j" in dom
    host_port = neo4j_server.bolt_uri.split("://", 1)[1]
    assert host_port in dom
