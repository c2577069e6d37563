"""Benchmark: loading into Neo4j through Bolt and with ``load --bulk``, against a naive loader and the server's floor.

The data is ``govgraph synth`` of a size (``--size S|M|L``, as ``bench_scale.py``: L is 100,000 organisations,
200 states, 1,000,000 memberships, 100,000 ties) or a folder given by ``--data``. Then, on a local server
started for the run in a throwaway instance (ports from 17790 up, or ``--port``):

1. Bolt: ``govgraph.neo4j.loader.load`` into the empty database: relationships/s and records/s of the whole
   load, its wall time, the CPU seconds of this process (Python: planning, checks, the driver's packing) and
   of the server (read from /proc), and the load average (the machine is shared: CPU is what it cost);
2. the same load again (nothing changes; ``--skip-again`` leaves it out);
3. the floor: the server copies the loaded memberships with pure Cypher (transactions of about 10,000, the
   same lookups by id and the same properties; no rows from Python, no packing), its rate and CPU;
4. the anchor: a naive loader, one transaction per row, on a ``--naive`` slice of relations (5,000), and the
   ratio of the two rates;
5. bulk: ``govgraph.neo4j.bulk.bulk_load`` into a second, new instance: the importer's files, neo4j-admin
   import, server start and constraints, each timed, with records/s end to end and of the importer alone.

Not a test: timings depend on the machine.

    python benchmarks/bench_load.py --size L --skip-again   # the README's Scale rows for load
    python benchmarks/bench_load.py --size M --skip-bulk
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PASSWORD = "bench-load-password"
#: organisations, states, memberships, ties (as benchmarks/bench_scale.py)
SIZES = {
    "S": (1_000, 200, 10_000, 1_000),
    "M": (10_000, 200, 100_000, 10_000),
    "L": (100_000, 200, 1_000_000, 100_000),
}


def cpu_self() -> float:
    """CPU seconds of this process so far (user + system)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children() -> float:
    """CPU seconds of the finished child processes (neo4j-admin's JVM)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_of(pid: int | None) -> float:
    """CPU seconds of a running process (the server), from /proc; 0 where it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Meter:
    """Wall time, this process's CPU and the server's CPU over a block."""

    def __init__(self, pid: int | None = None):
        self.pid = pid

    def __enter__(self) -> Meter:
        self.t, self.c, self.s = time.monotonic(), cpu_self(), cpu_of(self.pid)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.wall = time.monotonic() - self.t
        self.py = cpu_self() - self.c
        self.server = cpu_of(self.pid) - self.s

    def line(self) -> str:
        return (
            f"wall {self.wall:.1f} s, CPU: Python {self.py:.1f} s, server {self.server:.1f} s; "
            f"load average {os.getloadavg()[0]:.1f}"
        )


def dataset_of(args: argparse.Namespace, tmp: Path) -> Any:
    """The benchmark's dataset: ``--data`` or ``govgraph synth`` of ``--size`` (seed 1)."""
    from govgraph.dataset import load_dataset
    from govgraph.synth import write_synth

    folder = args.data
    if folder is None:
        orgs, states, members, ties = SIZES[args.size]
        folder = tmp / f"synth-{args.size}"
        write_synth(folder, orgs=orgs, states=states, memberships=members, ties=ties, seed=1)
    return load_dataset([folder])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def naive_load(dataset: Any, settings: Any, n: int) -> float:
    """One transaction per relation (MERGE on the id), on the first ``n`` relations; relations/s."""
    from govgraph.neo4j.connection import connect
    from govgraph.neo4j.properties import relation_key, relation_props

    rels = dataset.relations[:n]
    query = (
        "MATCH (a:Actor {id: $source}) MATCH (b:Actor {id: $target}) "
        "MERGE (a)-[r:MEMBER_OF {id: $id}]->(b) SET r = $props"
    )
    with connect(settings) as driver, driver.session() as session:
        ids = [relation_key(r) for r in rels]  # the slice is created afresh, as a first load creates it
        session.run("UNWIND $ids AS id MATCH ()-[r:MEMBER_OF {id: id}]->() DELETE r", ids=ids).consume()
        started = time.monotonic()
        for r in rels:
            props = relation_props(r)
            session.execute_write(
                lambda tx, r=r, p=props: tx.run(query, source=r.source, target=r.target, id=p["id"], props=p).consume()
            )
        return len(rels) / (time.monotonic() - started)


#: the server alone: the memberships out of ``$ids`` copied by pure Cypher, with the loader's lookups by id and
#: its properties (Python only says which actors' memberships, about 10,000 a transaction)
FLOOR = (
    "UNWIND $ids AS sid MATCH (x:Actor {id: sid})-[r:MEMBER_OF]->(y:Actor) "
    "WITH x.id AS s, y.id AS t, properties(r) AS p "
    "MATCH (a:Actor {id: s}) MATCH (b:Actor {id: t}) CREATE (a)-[c:BENCH_COPY]->(b) SET c = p"
)


def floor(settings: Any, pid: int | None) -> tuple[int, Meter]:
    """The server's own rate on the loaded memberships (then the copies are deleted)."""
    from govgraph.neo4j.connection import connect

    with connect(settings) as driver, driver.session() as session:
        out = session.run("MATCH (x:Actor)-[r:MEMBER_OF]->() RETURN x.id AS id, count(r) AS n ORDER BY id").data()
        groups: list[list[str]] = [[]]
        size = 0
        for row in out:
            if size >= 10_000:
                groups.append([])
                size = 0
            groups[-1].append(row["id"])
            size += row["n"]
        with Meter(pid) as m:
            for ids in groups:
                session.execute_write(lambda tx, ids=ids: tx.run(FLOOR, ids=ids).consume())
        session.run("MATCH ()-[c:BENCH_COPY]->() CALL { WITH c DELETE c } IN TRANSACTIONS OF 50000 ROWS").consume()
    return sum(row["n"] for row in out), m


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def free_ports(first: int) -> tuple[int, int]:
    """Two free ports from ``first`` up."""
    found: list[int] = []
    port = first
    while len(found) < 2:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                found.append(port)
            except OSError:
                pass
        port += 1
    return found[0], found[1]


def main(argv: list[str] | None = None) -> int:
    from govgraph.neo4j import server
    from govgraph.neo4j.connection import ConnectionSettings
    from govgraph.neo4j.loader import DEFAULT_BATCH_SIZE, load

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="L")
    parser.add_argument("--data", type=Path, default=None, help="a data folder instead of synth of --size")
    parser.add_argument("--naive", type=int, default=5_000, help="relations loaded one transaction each")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--heap", default=server.DEFAULT_HEAP)
    parser.add_argument("--pagecache", default=server.DEFAULT_PAGECACHE)
    parser.add_argument("--port", type=int, default=17790, help="first port to try for the servers")
    parser.add_argument("--skip-bulk", action="store_true")
    parser.add_argument("--skip-bolt", action="store_true")
    parser.add_argument("--skip-again", action="store_true", help="do not load the same data a second time")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        t = time.monotonic()
        ds = dataset_of(args, Path(tmp))
        counts = ds.counts() if hasattr(ds, "counts") else {"actors": len(ds.actors), "relations": len(ds.relations)}
        n_rel = counts["relations"]
        print(
            f"data: {counts['actors']:,} actors, {n_rel:,} relations ({args.data or 'synth ' + args.size}), read in "
            f"{time.monotonic() - t:.1f} s (peak {peak_mib():.0f} MiB); heap {args.heap}, page cache {args.pagecache}",
            flush=True,
        )
        if not args.skip_bolt:
            inst = Path(tmp) / "bolt"
            bolt, http = free_ports(args.port)
            st = server.start(
                bolt_port=bolt,
                http_port=http,
                password=PASSWORD,
                heap=args.heap,
                pagecache=args.pagecache,
                instance_dir=inst,
                wait_s=300,
            )
            try:
                pid = server.status(instance_dir=inst).pid
                settings = ConnectionSettings(uri=st.bolt_uri, password=PASSWORD)
                ds.actors, ds.relations  # noqa: B018  (tables: the records built before the clock, as for YAML)
                with Meter(pid) as m:
                    summary = load(ds, settings, batch_size=args.batch_size)
                bolt_rate = n_rel / m.wall
                print(
                    f"bolt: {summary.records:,} records ({n_rel:,} relations) in {m.wall:.1f} s: "
                    f"{bolt_rate:,.0f} relationships/s of the whole load, {summary.records / m.wall:,.0f} records/s; "
                    f"{m.line()} (peak {peak_mib():.0f} MiB)",
                    flush=True,
                )
                if not args.skip_again:
                    with Meter(pid) as m2:
                        again = load(ds, settings, batch_size=args.batch_size)
                    print(
                        f"bolt, loading again (nothing changes): {again.unchanged:,} unchanged, "
                        f"{n_rel / m2.wall:,.0f} relationships/s; {m2.line()}",
                        flush=True,
                    )
                n, mf = floor(settings, pid)
                print(
                    f"floor: the server alone copies {n:,} memberships (pure Cypher, the same lookups and properties): "
                    f"{n / mf.wall:,.0f} relationships/s, {n / max(mf.server, 1e-9):,.0f} per second of server CPU; "
                    f"{mf.line()}",
                    flush=True,
                )
                naive_rate = naive_load(ds, settings, args.naive)
                print(
                    f"naive (one transaction per row, {args.naive:,} relations): {naive_rate:,.0f} relationships/s; "
                    f"bolt / naive = {bolt_rate / naive_rate:.1f}",
                    flush=True,
                )
            finally:
                server.stop(instance_dir=inst)
        if args.skip_bulk:
            return 0
        from govgraph.neo4j.bulk import bulk_load

        inst2 = Path(tmp) / "bulk"
        bolt, http = free_ports(args.port)
        children = cpu_children()
        try:
            with Meter() as m:
                report = bulk_load(ds, instance_dir=inst2, bolt_port=bolt, http_port=http, password=PASSWORD)
            admin_cpu = cpu_children() - children
            server_cpu = cpu_of(server.status(instance_dir=inst2).pid)
        finally:
            server.stop(instance_dir=inst2)
        records = report.nodes + report.relationships
        steps = report.files_seconds + report.import_seconds + report.start_seconds + report.schema_seconds
        print(
            f"bulk: {report.nodes:,} nodes and {report.relationships:,} relationships in {m.wall:.1f} s end to end "
            f"({records / m.wall:,.0f} records/s, {report.relationships / m.wall:,.0f} relationships/s): planning "
            f"and checks {m.wall - steps:.1f} s, files {report.files_seconds:.1f} s, neo4j-admin import "
            f"{report.import_seconds:.1f} s ({records / report.import_seconds:,.0f} records/s), server start "
            f"{report.start_seconds:.1f} s, constraints and indexes {report.schema_seconds:.1f} s; CPU: Python "
            f"{m.py:.1f} s, neo4j-admin and the password tool {admin_cpu:.1f} s, server {server_cpu:.1f} s; "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
