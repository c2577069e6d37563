"""Benchmark: how long ``govgraph --help`` takes to start, against Python alone and Python importing Typer.

Each command runs ``--runs`` times (after one warm-up run that fills the OS cache); the script prints the median
wall and CPU time of each, and the modules that importing ``govgraph.cli`` loads from the heavy libraries (there should
be none: networkx, scipy, matplotlib, the Neo4j driver, pydantic and polars are imported by the commands that use
them). The target is a median under 0.3 s. Not a test: timings depend on the machine and its load.

    python benchmarks/bench_startup.py              # 10 runs each
    python benchmarks/bench_startup.py --runs 30
    python -X importtime -c "import govgraph.cli" 2>&1 | sort -t'|' -k2 -n | tail   # where the time goes
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = ("networkx", "scipy", "numpy", "matplotlib", "neo4j", "pydantic", "polars", "pyarrow", "yaml")


def median_seconds(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``cmd`` over ``runs`` runs, after one warm-up.

    On a busy machine the wall time counts the waits for a core; the CPU time is what the command itself costs.
    """
    subprocess.run(cmd, capture_output=True, check=True)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    exe = Path(sys.executable).parent / "govgraph"
    govgraph = [str(exe)] if exe.is_file() else [shutil.which("govgraph") or "govgraph"]
    check = f"import sys, govgraph.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout.strip()
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import typer'", [sys.executable, "-c", "import typer"]),
        ("govgraph --help", [*govgraph, "--help"]),
        ("govgraph --version", [*govgraph, "--version"]),
    ]
    print(f"median of {args.runs} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'command':<28} {'wall':>7} {'CPU':>7}")
    for label, cmd in rows:
        wall, cpu = median_seconds(cmd, args.runs)
        print(f"{label:<28} {wall:6.3f}s {cpu:6.3f}s")
    print(f"heavy modules loaded by 'import govgraph.cli': {loaded or 'none'}")


if __name__ == "__main__":
    main()
