"""After a plain, non-editable install, `govgraph validate` works from any folder on the packaged seeds."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _dependency_paths() -> list[str]:
    """The running interpreter's site-packages folders (where the wheel's dependencies are installed)."""
    import site
    import sysconfig

    found = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        found.append(site.getusersitepackages())
    return list(dict.fromkeys(p for p in found if Path(p).is_dir()))


@pytest.mark.slow
def test_wheel_install_validates_packaged_seeds(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("govgraph-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        timeout=600,
    )
    # The wheel's dependencies come from the environment running this suite (a venv or not), put on the path
    # explicitly behind the new venv's own site-packages, so the wheel's govgraph wins over the editable one.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = os.pathsep.join(_dependency_paths())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(py), "-c", "import govgraph, govgraph.paths as p; print(govgraph.__file__); print(p.seeds_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    module_file, seeds = where.stdout.splitlines()
    assert module_file.startswith(str(env_dir)) and seeds.startswith(str(env_dir)), where.stdout
    proc = subprocess.run(
        [str(env_dir / "bin" / "govgraph"), "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "valid:" in proc.stderr
    for name in ("seeds", "queries", "schema"):
        assert (Path(seeds).parent / name).is_dir()
