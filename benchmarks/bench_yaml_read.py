"""Benchmark: reading and validating a large YAML data file, fast reader against the locating reader.

Writes one YAML file of ``--relations`` membership ties (and ``--relations / 100`` organisations, 200 states, one
source; fixed seed), then times in one run, in CPU seconds: ``json.load`` of the same records (the anchor), the
parsers alone (yaml_rs, PyYAML's C loader building positions), and ``load_dataset`` with the fast reader and with
the locating reader alone (the reader before the fast one). Prints records/s and the ratio to ``json.load``. Not a
test: timings depend on the machine; the ratios travel better.

    python benchmarks/bench_yaml_read.py                     # 100,000 ties
    python benchmarks/bench_yaml_read.py --relations 20000 --skip-slow
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from govgraph import yamlio
from govgraph.dataset import load_dataset


def write_file(path: Path, n_relations: int, seed: int = 1) -> int:
    """A valid data file of Yearbook shape; returns its number of records."""
    rng = random.Random(seed)
    orgs, states = max(10, n_relations // 100), 200
    lines = ["sources:", "  - id: src", "    type: document", "    title: A source", "actors:"]
    for i in range(orgs):
        lines += [f"  - id: org{i}", "    kind: organisation", f"    name: Organisation {i}"]
        lines += ["    org_type: intergovernmental", f"    founded: {1900 + i % 50}", "    sources: [src]"]
    for i in range(states):
        lines += [f"  - id: st{i}", "    kind: state", f"    name: State {i}", "    sources: [src]"]
    lines.append("relations:")
    seen: set[tuple[int, int, int]] = set()
    while len(seen) < n_relations:
        s, o, y = rng.randrange(states), rng.randrange(orgs), 1960 + rng.randrange(60)
        if (s, o, y) in seen:
            continue
        seen.add((s, o, y))
        lines += ["  - type: member_of", f"    source: st{s}", f"    target: org{o}"]
        lines += [f"    start: {y}-0{1 + rng.randrange(9)}", "    status: full", "    sources:"]
        lines.append('      - {key: src, at: "p. 3"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 + orgs + states + n_relations


def cpu(fn: Any) -> float:
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--skip-slow", action="store_true", help="skip the locating reader on the whole file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        n = write_file(path, args.relations)
        text = path.read_text(encoding="utf-8")
        as_json = json.dumps(yamlio.yaml_rs.loads(text, parse_datetime=False))
        rows = [("json.load (anchor)", cpu(lambda: json.loads(as_json)))]
        rows.append(("yaml_rs parse", cpu(lambda: yamlio.yaml_rs.loads(text, parse_datetime=False))))
        rows.append(("fast-reader scan", cpu(lambda: yamlio.fast_reader_applies(text))))
        rows.append(("load_dataset, fast reader", cpu(lambda: load_dataset([path]))))
        if not args.skip_slow:
            rows.append(("PyYAML C loader with positions", cpu(lambda: yamlio.load_yaml(path))))
            saved, yamlio.yaml_rs = yamlio.yaml_rs, None
            try:
                rows.append(("load_dataset, locating reader only", cpu(lambda: load_dataset([path]))))
            finally:
                yamlio.yaml_rs = saved
    anchor = rows[0][1]
    print(f"{n:,} records, {path.name}: {len(text) / 1e6:.1f} MB")
    print(f"{'step':38} {'CPU s':>8} {'records/s':>12} {'x json.load':>12}")
    for name, seconds in rows:
        print(f"{name:38} {seconds:8.2f} {n / seconds:12,.0f} {seconds / anchor:12.1f}")


if __name__ == "__main__":
    main()
