"""Connection settings for Neo4j and one place that turns driver failures into govgraph errors.

Works with ``bolt://`` (one server), ``neo4j://`` and ``neo4j+s://`` (clusters, Aura). The password is held
but never shown: it is left out of ``repr`` and of every message.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from govgraph.errors import DatabaseAuthError, DatabaseError, DatabaseUnavailable, UsageError

__all__ = ["DEFAULT_URI", "ConnectionSettings", "DriverLog", "connect", "db_errors", "driver_log"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class ConnectionSettings:
    """Where and how to reach Neo4j."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def from_env(cls, **overrides: str | None) -> ConnectionSettings:
        """Settings from ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``, then overrides."""
        values = {
            "uri": os.environ.get("NEO4J_URI") or DEFAULT_URI,
            "user": os.environ.get("NEO4J_USER") or "neo4j",
            "password": os.environ.get("NEO4J_PASSWORD"),
            "database": os.environ.get("NEO4J_DATABASE"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        scheme = self.uri.split("://", 1)[0] if "://" in self.uri else ""
        if scheme not in _SCHEMES:
            raise UsageError(f"unsupported Neo4j URI {self.uri!r}: use one of {', '.join(s + '://' for s in _SCHEMES)}")


@contextmanager
def connect(settings: ConnectionSettings) -> Iterator[object]:
    """A verified driver; failures become DatabaseUnavailable / DatabaseAuthError with a clear message."""
    import neo4j
    from neo4j import exceptions as nx

    auth = (settings.user, settings.password) if settings.password is not None else None
    try:
        # notifications off: deprecation and performance hints would reach users as log noise on stderr
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=auth, connection_timeout=10, notifications_min_severity="OFF"
        )
    except (ValueError, nx.ConfigurationError) as exc:
        raise UsageError(f"bad Neo4j connection settings for {settings.uri}: {exc}") from None
    try:
        try:
            driver.verify_connectivity()
        except nx.AuthError:
            raise DatabaseAuthError(
                f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r}; "
                "check --user and NEO4J_PASSWORD"
            ) from None
        except nx.ClientError as exc:
            if exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
                raise DatabaseAuthError(
                    f"Neo4j at {settings.uri} refused user {settings.user!r} after too many wrong passwords; "
                    "wait a few seconds, then check --user and NEO4J_PASSWORD"
                ) from None
            raise DatabaseError(f"Neo4j at {settings.uri}: {exc.code}: {exc.message}") from None
        except (nx.ServiceUnavailable, OSError) as exc:
            raise DatabaseUnavailable(
                f"cannot reach Neo4j at {settings.uri} ({type(exc).__name__}); "
                "start it with `govgraph neo4j start` or set --uri / NEO4J_URI"
            ) from None
        except nx.Neo4jError as exc:
            raise DatabaseError(f"Neo4j at {settings.uri}: {exc.code}: {exc.message}") from None
        yield driver
    finally:
        driver.close()


@contextmanager
def db_errors(settings: ConnectionSettings, doing: str) -> Iterator[None]:
    """Turn driver failures met while ``doing`` something into govgraph errors with a clear message."""
    from neo4j import exceptions as nx

    try:
        yield
    except nx.AuthError:
        raise DatabaseAuthError(f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r}") from None
    except (nx.ServiceUnavailable, nx.SessionExpired) as exc:
        raise DatabaseUnavailable(f"lost Neo4j at {settings.uri} while {doing}: {exc}") from None
    except nx.Neo4jError as exc:
        raise DatabaseError(f"Neo4j at {settings.uri} failed while {doing}: {exc.code}: {exc.message}") from None
    except nx.DriverError as exc:
        raise DatabaseError(f"Neo4j driver failed while {doing}: {type(exc).__name__}: {exc}") from None


class DriverLog(logging.Handler):
    """Counts what the driver logs while a command runs, so govgraph can say it once in its own words."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.retried = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "will be retried" in record.getMessage():
            self.retried += 1


@contextmanager
def driver_log() -> Iterator[DriverLog]:
    """Collect the ``neo4j`` logger's records (retries, defunct connections) instead of printing them."""
    logger = logging.getLogger("neo4j")
    handler = DriverLog()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
