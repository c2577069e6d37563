"""Fixtures for tests that need a real Neo4j.

``NEO4J_URI`` (with ``NEO4J_USER``/``NEO4J_PASSWORD``) points the tests at a server you run; otherwise the local
server of ``govgraph.neo4j.server`` is started once per session, in a throwaway instance directory (sharing the
jars in ``GOVGRAPH_NEO4J_HOME``), with ``NEO4J_PASSWORD`` or a generated password, on the default ports or
``GOVGRAPH_TEST_BOLT_PORT``/``GOVGRAPH_TEST_HTTP_PORT``, and stopped at the end. When no server can be had the
tests skip, except under ``CI=true``, where they fail: CI never skips them.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from govgraph.neo4j.connection import ConnectionSettings
from tests.neo4j.helpers import env_for, settings_for

_FIXTURES = {"neo4j_target", "neo4j_uri", "neo4j_auth", "neo4j_server", "neo4j_driver", "clean_db"}


def in_ci() -> bool:
    """True on CI, where a test that needs Neo4j (or Chromium) must fail rather than skip."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> NoReturn:
    """Skip the test, or fail it on CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: tests that need Neo4j must not skip)", pytrace=False)
    pytest.skip(reason)


def needs_server(item: pytest.Item) -> bool:
    """True when the test's fixture closure reaches the server (directly or through ``settings``, ``cli_env`` ...)."""
    return bool(set(getattr(item, "fixturenames", ())) & _FIXTURES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark with ``neo4j`` every test, wherever it lives, whose fixtures reach a server, and only those.

    Tests of pure query functions, the style sheet or a server that is down need no server and run everywhere,
    including under ``-m "not neo4j"``; marked tests still run against a real server and, with ``CI=true``,
    fail rather than skip when none can be had (see :func:`unavailable`).
    """
    for item in items:
        if needs_server(item):
            item.add_marker(pytest.mark.neo4j)


@dataclass(frozen=True)
class Neo4jTarget:
    """The server the tests talk to; ``server`` is the local one's status (None for an external server)."""

    uri: str
    auth: tuple[str, str] | None
    server: object | None = None
    instance_dir: Path | None = None


def _say(message: str) -> None:
    print(f"[neo4j] {message}", file=sys.__stderr__, flush=True)


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """An external server from ``NEO4J_URI``, or the local server started (and later stopped) for this session."""
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, DriverError, Neo4jError
    except ImportError:
        unavailable("the neo4j Python driver is not installed (pip install neo4j)")

    uri = os.environ.get("NEO4J_URI")
    if uri:
        user = os.environ.get("NEO4J_USER") or "neo4j"
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (user, password) if password else None
        try:
            with GraphDatabase.driver(uri, auth=auth, connection_timeout=10) as driver:
                driver.verify_connectivity()
        except AuthError:
            unavailable(f"Neo4j at {uri} refused the credentials of user {user!r} (NEO4J_USER/NEO4J_PASSWORD)")
        except (DriverError, Neo4jError, OSError) as exc:
            unavailable(f"cannot reach Neo4j at {uri}: {type(exc).__name__}")
        yield Neo4jTarget(uri=uri, auth=auth)
        return

    from govgraph.neo4j import server

    password = os.environ.get("NEO4J_PASSWORD") or secrets.token_urlsafe(18)
    bolt_port = int(os.environ.get("GOVGRAPH_TEST_BOLT_PORT") or server.DEFAULT_BOLT_PORT)
    http_port = int(os.environ.get("GOVGRAPH_TEST_HTTP_PORT") or server.DEFAULT_HTTP_PORT)
    instance = tmp_path_factory.mktemp("neo4j-instance")
    try:
        status = server.start(
            bolt_port=bolt_port,
            http_port=http_port,
            password=password,
            wait_s=180,
            instance_dir=instance,
            progress=_say,
        )
    except server.Neo4jServerError as exc:
        unavailable(f"the local Neo4j server could not be started: {exc}")
    try:
        yield Neo4jTarget(uri=status.bolt_uri, auth=("neo4j", password), server=status, instance_dir=instance)
    finally:
        server.stop(instance_dir=instance)


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_target: Neo4jTarget) -> str:
    """The Bolt URI of the test server."""
    return neo4j_target.uri


@pytest.fixture(scope="session")
def neo4j_auth(neo4j_target: Neo4jTarget) -> tuple[str, str] | None:
    """``(user, password)`` for the test server, or None when it runs without auth."""
    return neo4j_target.auth


@pytest.fixture(scope="session")
def neo4j_server(neo4j_target: Neo4jTarget):
    """The local server's ``ServerStatus``; skips when the tests use an external server (NEO4J_URI)."""
    if neo4j_target.server is None:
        pytest.skip("NEO4J_URI is set: the tests use an external server, not the local one")
    return neo4j_target.server


@pytest.fixture
def neo4j_driver(neo4j_uri: str, neo4j_auth: tuple[str, str] | None):
    """A verified driver for the test server, closed after the test."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_uri, auth=neo4j_auth)
    try:
        driver.verify_connectivity()
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_db(neo4j_driver):
    """The driver, after deleting every node and relationship of the default database."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j_driver


@pytest.fixture
def settings(neo4j_uri: str, neo4j_auth: tuple[str, str] | None) -> ConnectionSettings:
    """Settings for the test server."""
    return settings_for(neo4j_uri, neo4j_auth)


@pytest.fixture
def cli_env(neo4j_uri: str, neo4j_auth: tuple[str, str] | None, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """NEO4J_* variables for the test server, set in this process too (for CliRunner)."""
    env = env_for(neo4j_uri, neo4j_auth)
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture(scope="module")
def seeded(neo4j_uri: str, neo4j_auth: tuple[str, str] | None):
    """The seeds loaded into an emptied database, once for the module; yields (settings, graph).

    Tests using it must not empty the database (``clean_db``) before the module's later tests read it."""
    from neo4j import GraphDatabase

    from govgraph.dataset import load_dataset
    from govgraph.graph import build_graph
    from govgraph.neo4j.loader import load

    with GraphDatabase.driver(neo4j_uri, auth=neo4j_auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    s = settings_for(neo4j_uri, neo4j_auth)
    ds = load_dataset()
    load(ds, s)
    return s, build_graph(ds)
