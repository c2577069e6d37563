"""A real local Neo4j 5.26 LTS Community server without Docker, assembled from Maven Central jars.

The jars listed in the packaged ``pom.xml`` are fetched once by Maven into ``neo4j_home()/lib`` (APOC goes to
``plugins/``, which is also put on the classpath, as ``bin/neo4j`` does). ``start`` writes ``conf/neo4j.conf``
and runs ``org.neo4j.server.CommunityEntryPoint`` detached, bound to 127.0.0.1 only, with Neo4j Browser at
``http://127.0.0.1:7474/browser/``.

Authentication: with a password (argument or ``NEO4J_PASSWORD``) auth is enabled and, before the first start,
the initial password of user ``neo4j`` is set through Neo4j's own ``dbms set-initial-password`` admin command,
fed on standard input (never on a command line, in a file we write or in a log). Without any password the
server runs with auth disabled, which is safe only because it listens on the loopback interface; once a
password was set for a data directory, auth stays enabled for it.

Layout: ``neo4j_home()`` holds ``pom.xml``, ``lib/`` and ``plugins/`` (shared), and is also the default
*instance* directory with ``conf/ data/ logs/ run/ import/``; pass ``instance_dir`` to run a separate instance
(tests do) on the same jars. No Typer here: the CLI wraps these functions.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from govgraph.errors import ExitCode, GovgraphError

__all__ = [
    "DEFAULT_BOLT_PORT",
    "DEFAULT_HTTP_PORT",
    "Neo4jAuthError",
    "Neo4jServerError",
    "ServerStatus",
    "ensure_jars",
    "jars_ready",
    "main",
    "neo4j_home",
    "neo4j_version",
    "start",
    "status",
    "stop",
]

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
#: the JVM heap and page cache of the server govgraph starts (``neo4j start --heap/--pagecache`` change them)
DEFAULT_HEAP = "512m"
DEFAULT_PAGECACHE = "256m"
HOME_ENV = "GOVGRAPH_NEO4J_HOME"
PASSWORD_ENV = "NEO4J_PASSWORD"
USER = "neo4j"
MIN_JAVA = 17
_DEFAULT_PASSWORD = "neo4j"  # what Neo4j gives user neo4j when a DBMS is first started without auth
_HOST = "127.0.0.1"
_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_MAVEN_GOAL = "dependency:copy-dependencies"
_JARS_MARKER = ".govgraph-jars"
_AUTH_MARKER = ".govgraph-auth"  # in the data directory: a password was set for this data (holds no secret)
_PID_FILE = "neo4j.pid"
_STATE_FILE = "govgraph-server.json"
_CONSOLE_LOG = "console.log"
_JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

# Runs Neo4j's own `neo4j-admin dbms set-initial-password` in-process, reading the password from stdin so it
# never appears in a process list. `--` keeps a password starting with "-" from being read as an option.
_SET_PASSWORD_JAVA = """\
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;

public final class SetInitialPassword {
    public static void main(String[] args) throws Exception {
        String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        ExecutionContext ctx = new ExecutionContext(Path.of(args[0]), Path.of(args[1]));
        System.exit(AdminTool.execute(ctx, "dbms", "set-initial-password", "--", password));
    }
}
"""

#: ``neo4j-admin``'s own entry point; it takes the home and config directories from NEO4J_HOME and NEO4J_CONF
_ADMIN_MAIN = "org.neo4j.cli.AdminTool"

_children: dict[int, subprocess.Popen[bytes]] = {}


class Neo4jServerError(GovgraphError):
    """The local Neo4j server could not be fetched, started or stopped; the message says why."""

    exit_code = ExitCode.DB_UNAVAILABLE


class Neo4jAuthError(Neo4jServerError):
    """The local server refused the password given (exit 4, as ``load`` and ``query`` give)."""

    exit_code = ExitCode.DB_AUTH


def _refused(uri: str, inst: Path) -> Neo4jAuthError:
    return Neo4jAuthError(
        f"Neo4j at {uri} refused the password given for user {USER!r}: the data in {inst / 'data'} was set up "
        f"with another one. Use that password, or stop the server and delete {inst / 'data'} to start afresh"
    )


@dataclass(frozen=True)
class ServerStatus:
    """Whether the local server runs, and where to reach it."""

    running: bool
    pid: int | None
    bolt_uri: str
    http_url: str
    browser_url: str
    home: Path
    version: str
    auth_enabled: bool | None = None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields."""
        return {**asdict(self), "home": str(self.home)}


# --------------------------------------------------------------------------------------------- paths, jars


def neo4j_home() -> Path:
    """Where the jars (and the default instance) live: ``$GOVGRAPH_NEO4J_HOME`` or ``~/.local/share/govgraph/neo4j``."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return (base / "govgraph" / "neo4j").resolve()


def _pom_text() -> str:
    return resources.files("govgraph.neo4j").joinpath("pom.xml").read_text(encoding="utf-8")


def neo4j_version() -> str:
    """The Neo4j version the packaged ``pom.xml`` asks for."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.fromstring(_pom_text()).find("m:properties/m:neo4j.version", ns)
    if node is None or not node.text:
        raise Neo4jServerError("the packaged pom.xml names no neo4j.version")
    return node.text.strip()


def _jars_digest() -> str:
    return hashlib.sha256(_pom_text().encode("utf-8")).hexdigest()


def jars_ready() -> bool:
    """True when the jars of the packaged POM are already in ``neo4j_home()/lib``."""
    home = neo4j_home()
    marker = home / _JARS_MARKER
    try:
        return marker.read_text(encoding="utf-8").strip() == _jars_digest() and any((home / "lib").glob("neo4j-*.jar"))
    except OSError:
        return False


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """An exclusive lock on ``directory/.lock`` (one fetch or start at a time)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(text: str, lines: int = 25) -> str:
    kept = [line for line in text.splitlines() if line.strip()][-lines:]
    return "\n".join("    " + line for line in kept)


def ensure_jars(progress: Callable[[str], None] | None = None) -> Path:
    """Fetch the server's jars with Maven on first use; return ``neo4j_home()/lib``. Later calls reuse them."""
    home = neo4j_home()
    lib = home / "lib"
    if jars_ready():
        return lib
    with _locked(home):
        if jars_ready():
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError(
                "Maven (mvn) is not installed; it fetches the Neo4j jars once from Maven Central "
                "(Debian: apt-get install maven)"
            )
        _java()  # Maven needs it too; fail with the clearer message
        if progress:
            progress(f"Fetching Neo4j {neo4j_version()} jars from Maven Central into {lib} (first run only, ~140 MB)")
        pom = home / "pom.xml"
        pom.write_text(_pom_text(), encoding="utf-8")
        staging = home / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        cmd = [mvn, "-B", "-q", "-f", str(pom), _MAVEN_GOAL, f"-DoutputDirectory={staging}", "-DincludeScope=runtime"]
        try:
            done = subprocess.run(cmd, cwd=home, capture_output=True, text=True, timeout=1800, check=False)
        except subprocess.TimeoutExpired:
            raise Neo4jServerError("Maven did not finish fetching the Neo4j jars within 30 minutes") from None
        if done.returncode != 0 or not any(staging.glob("neo4j-*.jar")):
            output = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
            raise Neo4jServerError(
                f"Maven failed to fetch the Neo4j jars (exit {done.returncode}; POM {pom}):\n{_tail(output)}"
            )
        plugins_staging = home / "plugins.partial"
        shutil.rmtree(plugins_staging, ignore_errors=True)
        plugins_staging.mkdir()
        for jar in staging.glob("apoc-*.jar"):  # procedures load from the plugins directory only
            jar.rename(plugins_staging / jar.name)
        for name, fresh in (("lib", staging), ("plugins", plugins_staging)):
            shutil.rmtree(home / name, ignore_errors=True)
            fresh.rename(home / name)
        (home / _JARS_MARKER).write_text(_jars_digest() + "\n", encoding="utf-8")
        if progress:
            progress(f"Neo4j {neo4j_version()} jars ready ({len(list(lib.glob('*.jar')))} jars)")
        return lib


def _java() -> str:
    """The java executable (``$JAVA_HOME/bin/java`` first), checked to be Java 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    java = str(candidate) if candidate and candidate.is_file() else shutil.which("java")
    if java is None:
        raise Neo4jServerError(
            f"Java is not installed: Neo4j 5.26 needs Java {MIN_JAVA} or 21 (Debian: apt-get install openjdk-17-jdk)"
        )
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Neo4jServerError(f"cannot run {java}: {exc}") from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    major = int(match.group(1)) if match else 0
    if major == 1 and match and match.group(2):  # "1.8.0" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise Neo4jServerError(f"{java} is Java {major or '?'}; Neo4j 5.26 needs Java {MIN_JAVA} or 21 (set JAVA_HOME)")
    return java


# ------------------------------------------------------------------------------------------ instance state


def _instance(instance_dir: Path | str | None) -> Path:
    return Path(instance_dir).expanduser().resolve() if instance_dir is not None else neo4j_home()


def _read_state(inst: Path) -> dict[str, object]:
    try:
        data = json.loads((inst / "run" / _STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _read_pid(inst: Path) -> int | None:
    try:
        return int((inst / "run" / _PID_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int, inst: Path) -> bool:
    """True if ``pid`` is a live Neo4j server process of this instance (not a zombie, not a reused pid)."""
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path("/proc") / str(pid)
    if not proc.exists():  # no procfs: trust the signal check
        return True
    try:
        if ") Z" in (proc / "stat").read_text():
            return False
        cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    return _ENTRY_POINT in cmdline and str(inst / "conf") in cmdline


def _status(inst: Path, pid: int | None, bolt_port: int, http_port: int, auth: bool | None) -> ServerStatus:
    return ServerStatus(
        running=pid is not None,
        pid=pid,
        bolt_uri=f"bolt://{_HOST}:{bolt_port}",
        http_url=f"http://{_HOST}:{http_port}/",
        browser_url=f"http://{_HOST}:{http_port}/browser/",
        home=inst,
        version=neo4j_version(),
        auth_enabled=auth,
    )


def status(*, instance_dir: Path | str | None = None) -> ServerStatus:
    """Whether the server of this instance runs, its pid, and its Bolt, HTTP and Browser addresses."""
    inst = _instance(instance_dir)
    state = _read_state(inst)
    pid = _read_pid(inst)
    running = pid is not None and _alive(pid, inst)
    bolt_port = int(state.get("bolt_port", DEFAULT_BOLT_PORT))  # type: ignore[call-overload]
    http_port = int(state.get("http_port", DEFAULT_HTTP_PORT))  # type: ignore[call-overload]
    auth = state.get("auth_enabled")
    return _status(inst, pid if running else None, bolt_port, http_port, auth if isinstance(auth, bool) else None)


# ---------------------------------------------------------------------------------------------- start/stop


def _port_busy(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        if probe.connect_ex((_HOST, port)) == 0:
            return True
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((_HOST, port))
        except OSError:
            return True
    return False


def _write_conf(inst: Path, home: Path, *, bolt_port: int, http_port: int, pagecache: str, auth: bool) -> Path:
    conf_dir = inst / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    settings = {
        "server.directories.data": inst / "data",
        "server.directories.logs": inst / "logs",
        "server.directories.run": inst / "run",
        "server.directories.import": inst / "import",
        "server.directories.lib": home / "lib",
        "server.directories.plugins": home / "plugins",
        "server.default_listen_address": _HOST,
        "server.default_advertised_address": _HOST,
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"{_HOST}:{bolt_port}",
        "server.bolt.advertised_address": f"{_HOST}:{bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"{_HOST}:{http_port}",
        "server.http.advertised_address": f"{_HOST}:{http_port}",
        "server.https.enabled": "false",
        "server.memory.pagecache.size": pagecache,
        "dbms.security.auth_enabled": "true" if auth else "false",
        "dbms.usage_report.enabled": "false",
        "client.allow_telemetry": "false",
        # small footprint and fast stops for a development server
        "db.tx_log.preallocate": "false",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
    }
    lines = [f"# Written by govgraph at every `start` ({inst}); edits here are overwritten."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    conf = conf_dir / "neo4j.conf"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf_dir


def _run_java_source(
    java: str, lib: Path, inst: Path, name: str, source: str, args: list[str], *, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """Run a one-file Java program against the Neo4j jars (setting the initial password)."""
    source_dir = inst / "run"
    source_dir.mkdir(parents=True, exist_ok=True)
    path = source_dir / f"{name}.java"
    path.write_text(source, encoding="utf-8")
    cmd = [java, "-cp", str(lib / "*"), str(path), *args]
    try:
        return subprocess.run(cmd, input=stdin, capture_output=True, timeout=3600, check=False, cwd=source_dir)
    except subprocess.TimeoutExpired:
        raise Neo4jServerError(f"{name} did not finish within an hour") from None
    finally:
        path.unlink(missing_ok=True)


def run_admin(
    java: str, lib: Path, inst: Path, conf_dir: Path, args: list[str], *, heap: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``neo4j-admin ARGS`` for this instance (server stopped), output decoded. Its main class is run
    directly (no source file to compile first: two seconds of CPU less)."""
    memory = [f"-Xmx{heap}"] if heap else []
    cmd = [java, *memory, *_JVM_OPTIONS, "-cp", str(lib / "*"), _ADMIN_MAIN, *args]
    env = {k: v for k, v in os.environ.items() if k != PASSWORD_ENV}
    env.update(NEO4J_HOME=str(inst), NEO4J_CONF=str(conf_dir))
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=3600, check=False, cwd=inst, env=env)
    except subprocess.TimeoutExpired:
        raise Neo4jServerError("neo4j-admin did not finish within an hour") from None
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    )


def _set_initial_password(java: str, lib: Path, inst: Path, password: str) -> None:
    """Neo4j's ``dbms set-initial-password`` (takes effect at the first start), password fed on stdin."""
    try:
        done = _run_java_source(
            java,
            lib,
            inst,
            "SetInitialPassword",
            _SET_PASSWORD_JAVA,
            [str(inst), str(inst / "conf")],
            stdin=password.encode("utf-8"),
        )
    except Neo4jServerError:
        raise Neo4jServerError("setting the initial Neo4j password timed out") from None
    if done.returncode != 0:
        output = (done.stdout + done.stderr).decode("utf-8", "replace").replace(password, "***")
        lines = [line for line in output.splitlines() if line.strip() and not line.lstrip().startswith("at ")]
        detail = _tail("\n".join(lines[:10]))  # the exception's message, not its stack trace
        raise Neo4jServerError(f"could not set the initial password of user {USER!r}:\n{detail}")


def set_initial_password(password: str, *, instance_dir: Path | str | None = None) -> None:
    """Set the initial password of an instance never started (server stopped, ``conf/`` written by
    :func:`write_conf`), as :func:`start` does before a first start, which ``start(password_set=True)`` then skips.
    ``load --bulk`` runs it beside the importer: the two touch different files."""
    inst = _instance(instance_dir)
    (inst / "data").mkdir(parents=True, exist_ok=True)
    os.chmod(inst / "data", 0o700)
    _set_initial_password(_java(), ensure_jars(), inst, password)
    (inst / "data" / _AUTH_MARKER).touch()


def first_start(inst: Path) -> bool:
    """True when the instance's server was never started (no system database yet)."""
    return not (inst / "data" / "databases" / "system").exists()


def write_conf(inst: Path, *, bolt_port: int, http_port: int, pagecache: str = DEFAULT_PAGECACHE) -> Path:
    """``conf/neo4j.conf`` for this instance (as ``start`` writes it), for admin commands run before a start."""
    auth = (inst / "data" / _AUTH_MARKER).exists()
    return _write_conf(inst, neo4j_home(), bolt_port=bolt_port, http_port=http_port, pagecache=pagecache, auth=auth)


#: public names for the bulk importer
instance_path = _instance
java_executable = _java
tail = _tail


def _console_tail(inst: Path, lines: int = 25) -> str:
    try:
        text = (inst / "logs" / _CONSOLE_LOG).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "    (no console log)"
    return _tail(text, lines) or "    (console log is empty)"


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _bolt_state(uri: str, auth: tuple[str, str] | None) -> str:
    """'ok', 'auth' (the server refused the credentials) or 'down'."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

    try:
        with GraphDatabase.driver(uri, auth=auth, connection_timeout=3) as driver:
            driver.verify_connectivity()
        return "ok"
    except AuthError:
        return "auth"
    except (ServiceUnavailable, DriverError, Neo4jError, OSError):
        return "down"


def _change_default_password(uri: str, password: str) -> bool:
    """For data first started without a password: replace Neo4j's default password by ``password``."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        with (
            GraphDatabase.driver(uri, auth=(USER, _DEFAULT_PASSWORD), connection_timeout=5) as driver,
            driver.session(database="system") as session,
        ):
            query = "ALTER CURRENT USER SET PASSWORD FROM $old TO $new"
            session.run(query, old=_DEFAULT_PASSWORD, new=password).consume()
        return True
    except (DriverError, Neo4jError, OSError):
        return False


def start(
    *,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    password: str | None = None,
    wait_s: float = 120,
    heap: str = DEFAULT_HEAP,
    pagecache: str = DEFAULT_PAGECACHE,
    instance_dir: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    password_set: bool = False,
) -> ServerStatus:
    """Start the local server (a no-op when it runs) and wait until Bolt answers and the Browser is served.

    ``password`` (else ``$NEO4J_PASSWORD``) becomes the password of user ``neo4j`` and enables auth; it is
    never printed or logged; ``password_set``: :func:`set_initial_password` already set it for this first start.
    Raises ``Neo4jServerError`` when Java or Maven is missing, a port is busy, the password does not match
    the one this data was set up with, or the server is not up within ``wait_s``.
    """
    inst = _instance(instance_dir)
    try:
        import neo4j  # noqa: F401  (the driver checks that the server is up)
    except ImportError:
        raise Neo4jServerError("the neo4j Python driver is not installed (pip install neo4j)") from None
    if password is None:
        password = os.environ.get(PASSWORD_ENV) or None
    current = status(instance_dir=inst)
    if current.running:
        _check_password(current, password, inst)
        return current
    java = _java()
    lib = ensure_jars(progress)
    home = neo4j_home()
    with _locked(inst):
        current = status(instance_dir=inst)
        if current.running:
            _check_password(current, password, inst)
            return current
        for name, port in (("Bolt", bolt_port), ("HTTP", http_port)):
            if _port_busy(port):
                raise Neo4jServerError(
                    f"{name} port {_HOST}:{port} is already in use (another Neo4j?); stop it or choose another port"
                )
        for sub in ("conf", "data", "logs", "run", "import"):
            (inst / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(inst / "data", 0o700)
        auth_marker = inst / "data" / _AUTH_MARKER
        first = first_start(inst)
        auth = password is not None or auth_marker.exists()
        conf_dir = _write_conf(inst, home, bolt_port=bolt_port, http_port=http_port, pagecache=pagecache, auth=auth)
        if password is not None and first and not password_set:
            if progress:
                progress(f"Setting the initial password of user {USER!r}")
            _set_initial_password(java, lib, inst, password)
            auth_marker.touch()
        cmd = [
            java,
            f"-Xms{heap}",
            f"-Xmx{heap}",
            *_JVM_OPTIONS,
            "-cp",
            os.pathsep.join([str(home / "plugins" / "*"), str(lib / "*")]),  # as bin/neo4j does: plugins too
            _ENTRY_POINT,
            f"--home-dir={inst}",
            f"--config-dir={conf_dir}",
            "--console-mode",
        ]
        if progress:
            progress(f"Starting Neo4j {neo4j_version()} on {_HOST} (Bolt {bolt_port}, HTTP {http_port})")
        env = {k: v for k, v in os.environ.items() if k != PASSWORD_ENV}
        started = time.monotonic()
        with open(inst / "logs" / _CONSOLE_LOG, "wb") as console:
            proc = subprocess.Popen(
                cmd,
                cwd=inst,
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=env,
            )
        _children[proc.pid] = proc
        (inst / "run" / _PID_FILE).write_text(f"{proc.pid}\n", encoding="utf-8")
        state = {"pid": proc.pid, "bolt_port": bolt_port, "http_port": http_port, "auth_enabled": auth}
        (inst / "run" / _STATE_FILE).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    result = _status(inst, proc.pid, bolt_port, http_port, auth)
    try:
        _wait_ready(proc, inst, result, password, auth, started + wait_s)
    except BaseException:
        stop(instance_dir=inst)
        raise
    if password is not None:
        auth_marker.touch()
    if progress:
        progress(f"Neo4j is up after {time.monotonic() - started:.1f} s: {result.bolt_uri}, {result.browser_url}")
    return result


def _check_password(current: ServerStatus, password: str | None, inst: Path) -> None:
    """A server already running must accept the password given, as it would at start."""
    if password is not None and _bolt_state(current.bolt_uri, (USER, password)) == "auth":
        raise _refused(current.bolt_uri, inst)


def _wait_ready(
    proc: subprocess.Popen[bytes], inst: Path, st: ServerStatus, password: str | None, auth: bool, deadline: float
) -> None:
    credentials = (USER, password) if password is not None else None
    bolt_up = http_up = False
    while True:
        code = proc.poll()
        if code is not None:
            raise Neo4jServerError(
                f"Neo4j exited with code {code} while starting; last lines of {inst / 'logs' / _CONSOLE_LOG}:\n"
                f"{_console_tail(inst)}"
            )
        if not bolt_up:
            bolt = _bolt_state(st.bolt_uri, credentials)
            # data first started without a password still has Neo4j's default one: replace it
            retry = bolt == "auth" and password is not None and not (inst / "data" / _AUTH_MARKER).exists()
            if retry and password is not None and _change_default_password(st.bolt_uri, password):
                (inst / "data" / _AUTH_MARKER).touch()
                bolt = _bolt_state(st.bolt_uri, credentials)
            if bolt == "auth" and password is not None:
                raise _refused(st.bolt_uri, inst)
            bolt_up = bolt == "ok" or (bolt == "auth" and auth)  # auth on, no password to try: it answered
        if bolt_up and not http_up:
            http_up = _http_ok(st.http_url)
        if bolt_up and http_up:
            return
        if time.monotonic() > deadline:
            raise Neo4jServerError(
                f"Neo4j did not come up within the time allowed ({'HTTP' if bolt_up else 'Bolt'} not answering); "
                f"last lines of {inst / 'logs' / _CONSOLE_LOG}:\n{_console_tail(inst)}"
            )
        time.sleep(0.5)


def stop(*, instance_dir: Path | str | None = None, timeout_s: float = 60) -> bool:
    """Stop the server of this instance (SIGTERM, then SIGKILL after ``timeout_s``); False if it was not running."""
    inst = _instance(instance_dir)
    pid = _read_pid(inst)
    was_running = pid is not None and _alive(pid, inst)
    if pid is not None and was_running:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while _alive(pid, inst) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid, inst):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            end = time.monotonic() + 10
            while _alive(pid, inst) and time.monotonic() < end:
                time.sleep(0.1)
            if _alive(pid, inst):
                raise Neo4jServerError(f"Neo4j (pid {pid}) did not stop")
    if pid is not None:
        child = _children.pop(pid, None)
        if child is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=5)
        (inst / "run" / _PID_FILE).unlink(missing_ok=True)
    return was_running


# ---------------------------------------------------------------------------------------------------- main


def _print_status(st: ServerStatus) -> None:
    print(json.dumps(st.as_dict(), indent=2))


def main(argv: list[str] | None = None) -> int:
    """``python -m govgraph.neo4j.server fetch|start|stop|status`` (for scripts and CI, without the CLI)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m govgraph.neo4j.server", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["fetch", "start", "stop", "status"])
    parser.add_argument("--bolt-port", type=int, default=DEFAULT_BOLT_PORT)
    parser.add_argument("--http-port", type=int, default=DEFAULT_HTTP_PORT)
    parser.add_argument("--instance-dir", type=Path, default=None)
    parser.add_argument("--wait", type=float, default=120, help="seconds to wait for the server (start)")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        if args.command == "fetch":
            print(ensure_jars(say))
        elif args.command == "start":
            st = start(
                bolt_port=args.bolt_port,
                http_port=args.http_port,
                wait_s=args.wait,
                instance_dir=args.instance_dir,
                progress=say,
            )
            _print_status(st)
        elif args.command == "stop":
            say("stopped" if stop(instance_dir=args.instance_dir) else "not running")
        else:
            st = status(instance_dir=args.instance_dir)
            _print_status(st)
            return 0 if st.running else 3
    except Neo4jServerError as exc:
        say(f"error: {exc}")
        return int(exc.exit_code)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
