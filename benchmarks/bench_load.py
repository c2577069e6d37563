"""Benchmark: loading into Neo4j through Bolt and with ``load --bulk``, against a naive loader.

Generates a dataset of Yearbook shape in the script (fixed seed): ``--orgs`` organisations with headquarters,
issue areas and founding years, ``--states`` states, ``--memberships`` state memberships (members per
organisation heavy-tailed: a few organisations have most states, most have a handful) with start years and
statuses. Then, on a local server started for the run in a throwaway instance (free ports):

1. Bolt: ``govgraph.neo4j.loader.load`` into the empty database (relationships/s and records/s);
2. the anchor: a naive loader, one transaction per row, on a ``--naive`` slice of relations (5,000), and the
   ratio of the two rates;
3. bulk: ``govgraph.neo4j.bulk.bulk_load`` into a second, new instance (neo4j-admin import, then constraints).

Not a test: timings depend on the machine.

    python benchmarks/bench_load.py                                  # 100,000 orgs, 200 states, 1,000,000 memberships
    python benchmarks/bench_load.py --orgs 10000 --memberships 100000 --skip-bulk
"""

from __future__ import annotations

import argparse
import random
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path

from govgraph.model import Dataset, Organisation, Relation, Source, State
from govgraph.vocab import vocabulary

PASSWORD = "bench-load-password"


def synthetic(orgs: int, states: int, memberships: int, seed: int = 1) -> Dataset:
    """A valid dataset of Yearbook shape; the same records for the same arguments."""
    rng = random.Random(seed)
    v = vocabulary()
    org_types = sorted(v.organisation_types)
    areas = sorted(v.issue_areas)
    statuses = sorted(v.relation_types["member_of"].statuses)
    countries = [f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJ"]
    src = Source.model_validate({"id": "synth", "type": "dataset", "title": "Synthetic benchmark data"})
    actors: dict[str, object] = {}
    founded = {}
    for i in range(orgs):
        oid = f"org-{i:06d}"
        year = 1945 + min(int(rng.expovariate(1 / 25)), 78)
        founded[oid] = year
        actors[oid] = Organisation.model_validate(
            {
                "id": oid,
                "kind": "organisation",
                "name": f"Synthetic Organisation {i}",
                "org_type": org_types[i % len(org_types)],
                "founded": year,
                "headquarters": {"country": countries[int(rng.paretovariate(1.2)) % len(countries)]},
                "issue_areas": sorted({areas[rng.randrange(len(areas))] for _ in range(1 + i % 2)}),
                "sources": ["synth"],
            }
        )
    for j in range(states):
        sid = f"state-{j:03d}"
        actors[sid] = State.model_validate({"id": sid, "kind": "state", "name": f"State {j}", "sources": ["synth"]})
    weights = [1 / (k + 1) ** 0.8 for k in range(orgs)]  # heavy-tailed members per organisation
    org_ids = [f"org-{i:06d}" for i in range(orgs)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < memberships:
        need = memberships - len(pairs)
        for o in rng.choices(range(orgs), weights=weights, k=need + need // 10):
            pairs.add((rng.randrange(states), o))
            if len(pairs) == memberships:
                break
    relations = []
    for s, o in sorted(pairs):
        oid = org_ids[o]
        relations.append(
            Relation.model_validate(
                {
                    "type": "member_of",
                    "source": f"state-{s:03d}",
                    "target": oid,
                    "start": founded[oid] + (s % 20),
                    "status": statuses[(s + o) % len(statuses)],
                    "sources": ["synth"],
                }
            )
        )
    return Dataset(sources={"synth": src}, actors=dict(sorted(actors.items())), relations=relations)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def naive_load(dataset: Dataset, settings, n: int) -> float:
    """One transaction per relation (MERGE on the id), on the first ``n`` relations; relations/s."""
    from govgraph.neo4j.connection import connect
    from govgraph.neo4j.properties import relation_props

    rels = dataset.relations[:n]
    query = (
        "MATCH (a:Actor {id: $source}) MATCH (b:Actor {id: $target}) "
        "MERGE (a)-[r:MEMBER_OF {id: $id}]->(b) SET r = $props"
    )
    with connect(settings) as driver, driver.session() as session:
        ids = [r.key for r in rels]  # the slice is created afresh, as a first load creates it
        session.run("UNWIND $ids AS id MATCH ()-[r:MEMBER_OF {id: id}]->() DELETE r", ids=ids).consume()
        started = time.monotonic()
        for r in rels:
            props = relation_props(r)
            session.execute_write(
                lambda tx, r=r, p=props: tx.run(query, source=r.source, target=r.target, id=r.key, props=p).consume()
            )
        return len(rels) / (time.monotonic() - started)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    from govgraph.neo4j import server
    from govgraph.neo4j.connection import ConnectionSettings
    from govgraph.neo4j.loader import load

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--states", type=int, default=200)
    parser.add_argument("--memberships", type=int, default=1_000_000)
    parser.add_argument("--naive", type=int, default=5_000, help="relations loaded one transaction each")
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--skip-bulk", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    t = time.monotonic()
    ds = synthetic(args.orgs, args.states, args.memberships, args.seed)
    print(
        f"generated {len(ds.actors):,} actors, {len(ds.relations):,} memberships in {time.monotonic() - t:.1f} s "
        f"(peak {peak_mib():.0f} MiB)",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        inst = Path(tmp) / "bolt"
        st = server.start(
            bolt_port=free_port(),
            http_port=free_port(),
            password=PASSWORD,
            heap=args.heap,
            pagecache=args.pagecache,
            instance_dir=inst,
            wait_s=300,
        )
        try:
            settings = ConnectionSettings(uri=st.bolt_uri, password=PASSWORD)
            kwargs = {"batch_size": args.batch_size} if args.batch_size else {}
            t = time.monotonic()
            summary = load(ds, settings, **kwargs)
            took = time.monotonic() - t
            bolt_rate = len(ds.relations) / took
            print(
                f"bolt: {summary.records:,} records ({len(ds.relations):,} relationships) in {took:.1f} s: "
                f"{bolt_rate:,.0f} relationships/s of the whole load, {summary.records / took:,.0f} records/s "
                f"(peak {peak_mib():.0f} MiB)",
                flush=True,
            )
            t = time.monotonic()
            again = load(ds, settings, **kwargs)
            took2 = time.monotonic() - t
            print(
                f"bolt, loading again (nothing changes): {again.unchanged:,} unchanged in {took2:.1f} s "
                f"({len(ds.relations) / took2:,.0f} relationships/s)",
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
        t = time.monotonic()
        report = bulk_load(ds, instance_dir=inst2, bolt_port=free_port(), http_port=free_port(), password=PASSWORD)
        took = time.monotonic() - t
        server.stop(instance_dir=inst2)
        records = report.nodes + report.relationships
        print(
            f"bulk: {report.nodes:,} nodes and {report.relationships:,} relationships in {took:.1f} s end to end "
            f"({records / took:,.0f} records/s, {report.relationships / took:,.0f} relationships/s; "
            f"import alone {report.import_seconds:.1f} s: {records / report.import_seconds:,.0f} records/s)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
