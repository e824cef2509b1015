"""What building the tables costs next to extracting: ``make bench``'s "Tables" section.

On the first 10,000 Reuters-21578 articles with text (all cores), medians of 3 runs, it times:
``nf.extract`` (records as dicts), ``nf.frames(records)`` (tables built in Python from those dicts),
and ``nf.frames(articles)`` (tables built in the core as Arrow record batches, then pandas), split
into the core's extraction, its table building, the hand-over to pyarrow and the pandas tables.
The issue's target: building the tables costs at most 0.25x the extraction.

    .venv/bin/python benches/bench_tables.py --shared ../shared [--n 10000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import newsfacts as nf
from newsfacts.api import DEFAULT_STAGES
from newsfacts.frames import Frames
from newsfacts.input import to_columns


def reuters(shared: Path, n: int) -> list[dict]:
    path = shared / "data" / "reuters21578" / "all.jsonl.gz"
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if (a.get("text") or "").strip():
                out.append({"id": a["id"], "text": a["text"], "title": a.get("title")})
                if len(out) == n:
                    break
    return out


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t0, out


def measure(arts: list[dict], runs: int) -> dict[str, float]:
    ex = nf.Extractor()
    ex.frames(arts[:50])  # warm up: resources built once
    got: dict[str, list[float]] = {}

    def add(key: str, seconds: float) -> None:
        got.setdefault(key, []).append(seconds)

    stages = [*DEFAULT_STAGES, "sentences"]
    for _ in range(runs):
        t, recs = timed(ex.extract, arts, include=[*stages, "text"])
        add("extract", t)
        t, _ = timed(Frames.from_records, recs)
        add("frames_records", t)
        del recs
        # nf.frames(articles) in its parts: the core's own clock for extraction and table building,
        # then pandas.
        seconds: dict[str, float] = {}
        t0 = time.perf_counter()
        cols = to_columns(arts)
        tables = ex._core.frames(
            [str(i) for i in cols.ids], cols.texts, cols.titles, cols.urls, cols.sources, cols.published,
            None, stages, [], seconds,
        )  # fmt: skip
        add("core_call", time.perf_counter() - t0)
        for k, v in seconds.items():
            add(f"core_{k}", v)
        t, _ = timed(Frames.from_arrow, tables)
        add("pandas", t)
        add("frames_articles", got["core_call"][-1] + t)
    return {k: statistics.median(v) for k, v in got.items()}


def section(arts: list[dict], runs: int = 3) -> str:
    m = measure(arts, runs)
    ext = m["core_extract"]
    build = m["frames_articles"] - ext
    rows = [
        ("`nf.extract(articles)` (records as dicts, with text and sentences)", m["extract"]),
        ("`nf.frames(records)` (tables built in Python from those dicts)", m["frames_records"]),
        ("`nf.frames(articles)` (tables built in the core, then pandas)", m["frames_articles"]),
        ("  of which: the core's extraction", ext),
        ("  of which: the core's Arrow tables", m["core_tables"]),
        ("  of which: the hand-over to pyarrow", m["core_to_pyarrow"]),
        ("  of which: pandas from Arrow (`Frames.from_arrow`)", m["pandas"]),
    ]
    mb = sum(len(a["text"].encode("utf-8")) for a in arts) / 1e6
    lines = [
        "## Tables",
        "",
        f"{len(arts):,} Reuters-21578 articles ({mb:.1f} MB), all cores, medians of {runs} run(s) "
        "(`benches/bench_tables.py`).",
        "",
        "| step | seconds |",
        "|---|---:|",
        *[f"| {label} | {s:.3f} |" for label, s in rows],
        "",
        f"Building the tables (everything in `nf.frames(articles)` beyond the core's extraction) costs "
        f"**{build / ext:.2f}×** the extraction (target ≤ 0.25×); through records it cost "
        f"{m['frames_records'] / ext:.2f}× (`nf.frames(records)` alone).",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--shared", default="../shared")
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    path = Path(args.shared)
    if not (path / "data" / "reuters21578" / "all.jsonl.gz").exists():
        print("bench_tables: no Reuters-21578 corpus; nothing to measure", file=sys.stderr)
        return 0
    print(section(reuters(path, args.n), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
