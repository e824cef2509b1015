"""Command line: ``newsfacts demo`` (summary of the bundled sample) and ``newsfacts extract``."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections import Counter

from .api import Extractor
from .frames import Frames
from .sample import load_sample


def _demo(args: argparse.Namespace) -> int:
    arts = load_sample()
    ex = Extractor(threads=args.threads)
    ex.extract(arts[:2])  # warm up: builds the resources once
    t0 = time.perf_counter()
    recs = ex.extract(arts)
    dt = time.perf_counter() - t0
    mb = sum(len(a["text"].encode()) for a in arts) / 1e6
    fr = Frames.from_records(recs)
    print(f"newsfacts demo: {len(recs)} sample articles, {mb:.2f} MB of text")
    print(
        f"  extracted in {dt * 1000:.1f} ms: {len(recs) / dt:,.0f} articles/s, {mb / dt:.1f} MB/s "
        f"({ex._core.default_threads()} threads)"
    )
    print(
        f"  entities: {len(fr.entities)} ({dict(Counter(fr.entities['type']))}), "
        f"mentions: {len(fr.mentions)}, "
        f"places: {len(fr.places)}, dates: {len(fr.dates)}, links: {len(fr.links)}, errors: "
        f"{sum(bool(r['errors']) for r in recs)}"
    )
    top = fr.entities.groupby(["key", "type"]).size().sort_values(ascending=False).head(8)
    print("  most frequent entities across the sample:")
    for (key, typ), n in top.items():
        print(f"    {n:3d} articles  {typ:6s} {key.split(':', 1)[1]}")
    seed = recs[0]
    print(f"\nThe reference article ({seed['id']}, published {seed['published']}):")
    for e in seed["entities"][:14]:
        extra = "; ".join(x for x in (", ".join(e["titles"]), e["country"] or "") if x)
        print(f"  {e['id']:4s} {e['type']:6s} {e['name']:32s} x{len(e['mentions'])} {extra}")
    for d in seed["dates"]:
        print(f"  date  {d['text']!r:24s} -> {d['value']}")
    for ln in seed["links"]:
        print(f"  link  {ln['kind']:7s} {ln['text']}")
    for b in seed["boilerplate"]:
        print(f"  boilerplate {b['kind']}: {b['text'][:60]!r}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    ex = Extractor(threads=args.threads)
    with contextlib.ExitStack() as stack:
        src = stack.enter_context(open(args.input, encoding="utf-8")) if args.input != "-" else sys.stdin
        out = (
            stack.enter_context(open(args.output, "w", encoding="utf-8"))
            if args.output != "-"
            else sys.stdout
        )
        lines = (json.loads(line) for line in src if line.strip())
        for batch in ex.iter_extract(lines, batch_size=args.batch_size, progress=args.output != "-"):
            for rec in batch:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsfacts`` command."""
    p = argparse.ArgumentParser(prog="newsfacts", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("demo", help="extract the bundled sample and print a summary")
    d.add_argument("--threads", type=int, default=None)
    d.set_defaults(func=_demo)
    e = sub.add_parser("extract", help="JSONL articles in, JSONL records out")
    e.add_argument("input", help="JSONL file of articles ({'text': ...} per line), or - for stdin")
    e.add_argument("-o", "--output", default="-", help="output JSONL (default: stdout)")
    e.add_argument("--threads", type=int, default=None)
    e.add_argument("--batch-size", type=int, default=1000)
    e.set_defaults(func=_extract)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
