"""Benchmark: import a synthetic COW IGO file of the official size (534 IGOs, 1816-2014, ~19,300 rows).

The file has the official layout (the 217 state columns of the packaged crosswalk, then the IGO variables);
rows are five-yearly before 1965 and annual after, as in the official data; memberships are random with a fixed
seed (joins, exits, status changes, missing data); ionums are above COW's, so no crosswalk applies. Prints
rows per second for reading+converting+validating+writing, and the time to validate the written folder.

    python benchmarks/bench_cow_import.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from govgraph.dataset import load_dataset
from govgraph.importers import import_cow_igo
from govgraph.importers.cow_reader import OPTIONAL, REQUIRED
from govgraph.importers.crosswalks import state_codes

IGO_VARS = [*REQUIRED[3:], *OPTIONAL]  # the IGO variables after ioname, orgname, year


def years_of(start: int, end: int) -> list[int]:
    """Five-yearly up to 1965, annual after (as the official file samples)."""
    return [y for y in range(start, end + 1) if y >= 1965 or y % 5 == 0 or y == start]


def generate(path: Path, n_igos: int = 534, seed: int = 7) -> int:
    """Write a synthetic igo_year_formatv3.csv; return its number of rows."""
    rng = random.Random(seed)
    states = list(state_codes())
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ioname", "orgname", "year", *states, *IGO_VARS])
        for k in range(n_igos):
            start = rng.choice([rng.randint(1816, 1964), rng.randint(1945, 2010), rng.randint(1965, 2010)])
            dead = rng.random() < 0.25
            end = rng.randint(start, 2014) if dead else 2014
            years = years_of(start, end)
            pool = rng.sample(states, rng.randint(3, 120))
            status = {s: 0 for s in states}
            for y in years:
                for s in pool:
                    r = rng.random()
                    if r < 0.08:
                        status[s] = 1
                    elif r < 0.09:
                        status[s] = rng.choice([0, 2, 3, -9])
                row = [status[s] if s in pool else 0 for s in states]
                name = f"IGO{k:03d}"
                w.writerow(
                    [
                        name,
                        f"Org {k}",
                        y,
                        *row,
                        start,
                        f"{end}.0" if dead else "",
                        int(dead and y == end),
                        0,
                        0,
                        f"Organisation number {k}",
                        100_000 + k,
                        "",
                        "3.0",
                        "",
                        "",
                        "0.0",
                        "0.0",
                        "0.0",
                        "1.0",
                    ]
                )
                rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Keep the imported folder here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "igo_year_formatv3.csv"
        n = generate(src)
        size = src.stat().st_size
        out = args.keep or Path(tmp) / "out"
        t0 = time.perf_counter()
        result = import_cow_igo(src, out, force=True)
        t1 = time.perf_counter()
        ds = load_dataset([out])
        t2 = time.perf_counter()
    print(f"file: {n} rows x {len(state_codes()) + 18} columns, {size / 1e6:.1f} MB")
    print(f"import: {t1 - t0:.2f} s, {n / (t1 - t0):,.0f} rows/s; {result.counts}")
    print(f"validate the written folder: {t2 - t1:.2f} s ({len(ds.actors)} actors, {len(ds.relations)} relations)")


if __name__ == "__main__":
    main()
