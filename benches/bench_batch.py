"""The batch stages' cost: ``make bench``'s "Batch stages" section.

The cross-article keys (``keys``, one key per real-world entity across a batch) and the
near-duplicates (``dedup``) run over a whole batch, after the per-article stages. On the first N
Reuters-21578 articles with text (N = 5,000 and 20,000 or all there are), streamed with
``iter_extract`` (1 thread, batches of 1,000, one registry for the stream), the core's own
per-stage timings (``NEWSFACTS_TIMINGS=1``) give each stage's share of the pipeline's time and the
keys stage's microseconds per entity, which stay flat when the stage is linear in the number of
entities. The issue's targets: keys < 5% of the pipeline's time, dedup < 10%.

    .venv/bin/python benches/bench_batch.py --shared ../shared [--n 5000 20000]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench_tables import reuters


def timed_extractor():
    """A one-thread extractor whose records carry the core's per-stage ``timings``
    (``NEWSFACTS_TIMINGS=1``), its resources (the model, lexicons, automata) loaded: they load on
    first use, inside the first article's stages, and are no stage's cost."""
    os.environ["NEWSFACTS_TIMINGS"] = "1"
    try:
        import newsfacts as nf

        ex = nf.Extractor(threads=1)
    finally:
        del os.environ["NEWSFACTS_TIMINGS"]
    ex.extract_one(
        'Libyan Field Marshal Khalifa Haftar held talks in Rome on Monday. "We are ready," he said. '
        "Italian Defence Minister Roberta Pinotti said that Rome backs the GNA.",
        published="2017-09-28",
    )
    return ex


def measure(arts: list[dict]) -> dict[str, float]:
    """Summed stage timings (µs), the entity count and the article count over ``arts``."""
    ex = timed_extractor()
    totals: dict[str, float] = {}
    entities = 0
    for recs in ex.iter_extract(arts, batch_size=1000, progress=False):
        for r in recs:
            entities += len(r["entities"])
            for stage, us in (r.get("timings") or {}).items():
                totals[stage] = totals.get(stage, 0.0) + us
    return {
        "all": sum(totals.values()),
        "keys": totals.get("keys", 0.0),
        "dedup": totals.get("dedup", 0.0),
        "entities": entities,
        "articles": len(arts),
    }


def section(shared: Path, sizes: list[int]) -> str:
    """The markdown section."""
    corpus = reuters(shared, max(sizes))
    rows = []
    for n in sorted(set(min(n, len(corpus)) for n in sizes)):
        m = measure(corpus[:n])
        rows.append(
            f"| {m['articles']:,} | {m['entities']:,} | {m['all'] / 1e6:.2f} | {m['keys'] / 1e3:,.1f} "
            f"| {100 * m['keys'] / max(m['all'], 1):.2f} % | {m['keys'] / max(m['entities'], 1):.2f} "
            f"| {100 * m['dedup'] / max(m['all'], 1):.2f} % |"
        )
    return "\n".join(
        [
            "## Batch stages",
            "",
            "The first Reuters-21578 articles with text, streamed with `iter_extract` (1 thread, batches "
            "of 1,000, one registry), the core's own stage timings (`benches/bench_batch.py`). *keys*: "
            "one key per real-world entity across the stream (target < 5% of the pipeline's time, "
            "linear in the entities: flat µs per entity); *dedup*: near-duplicates (target < 10%).",
            "",
            "| articles | entities | all stages (s) | keys (ms) | keys share | keys µs per entity "
            "| dedup share |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
        ]
    )


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--shared", type=Path, default=Path("../shared"))
    p.add_argument("--n", type=int, nargs="+", default=[5000, 20000])
    args = p.parse_args()
    if not (args.shared / "data" / "reuters21578" / "all.jsonl.gz").exists():
        print("bench_batch: Reuters-21578 is absent", file=sys.stderr)
        return 1
    print(section(args.shared, args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
