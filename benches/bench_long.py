"""One long article (``make bench``'s "One long article" section): Reuters-21578 texts joined into
one string of 1 and 8 MB, each extracted by ``Extractor(threads=1).extract_one`` in its own process
(after a warm-up on a short text), with the time per MB and the process's peak RSS (VmHWM).
Linear time means the same seconds per MB at both sizes (issue 15: 8 MB ≤ 10× 1 MB, RSS ≤ 2.5 GB).

    python benches/bench_long.py [--shared ../shared] [--sizes 1 8]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

_CHILD = r"""
import gzip, json, sys, time
import newsfacts as nf

path, size = sys.argv[1], int(float(sys.argv[2]) * 1e6)
texts = [json.loads(l)["text"] for l in gzip.open(path, "rt", encoding="utf-8")]
out, n, i = [], 0, 0
while n < size:
    out.append(texts[i % len(texts)])
    n += len(out[-1]) + 2
    i += 1
text = "\n\n".join(out)[:size]
del texts, out
ex = nf.Extractor(threads=1)
ex.extract_one("Libyan Field Marshal Khalifa Haftar held talks in Rome on Monday.")
# CPU time of the process (the extraction runs on this thread): steady under other load.
t0 = time.process_time()
rec = ex.extract_one(text)
secs = time.process_time() - t0
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
result = {"seconds": secs, "bytes": len(text.encode()), "entities": len(rec["entities"]), "rss_kb": hwm}
print(json.dumps(result))
"""


def measure(python: str, shared: Path, mb: float) -> dict:
    """Runs one size in a fresh process; its JSON result."""
    path = shared / "data" / "reuters21578" / "all.jsonl.gz"
    proc = subprocess.run(
        [python, "-c", _CHILD, str(path), str(mb)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def section(shared: Path, python: str = sys.executable, sizes: tuple[float, ...] = (1, 8)) -> str:
    """The Markdown section: one row per size, and the ratio of the largest to the smallest."""
    rows, done = [], {}
    for mb in sizes:
        r = measure(python, shared, mb)
        print(f"  long article {mb:g} MB: {r}", file=sys.stderr, flush=True)
        if "error" in r:
            rows.append(f"| {mb:g} MB | – | – | – | – | failed: {r['error'][:100]} |")
            continue
        done[mb] = r
        per_mb = r["seconds"] / (r["bytes"] / 1e6)
        rss = r["rss_kb"] / 1024
        rows.append(f"| {mb:g} MB | {r['seconds']:.2f} | {per_mb:.2f} | {rss:,.0f} | {r['entities']:,} | |")
    lines = [
        "## One long article",
        "",
        "Reuters-21578 texts joined into one article, `extract_one` with 1 thread, each size in its own "
        "process (`benches/bench_long.py`); *seconds* are the process's CPU time for the call (steady "
        "when other work shares the machine). Linear time: the same seconds per MB at every size.",
        "",
        "| size | CPU seconds | s/MB | peak RSS (MB) | entities | note |",
        "|---|---|---|---|---|---|",
        *rows,
    ]
    if len(done) >= 2:
        lo, hi = min(done), max(done)
        lines += [
            "",
            f"{hi:g} MB took {done[hi]['seconds'] / done[lo]['seconds']:.1f}× the time of {lo:g} MB "
            f"({hi / lo:g}× the text).",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", default="../shared")
    p.add_argument("--sizes", type=float, nargs="+", default=[1, 8])
    args = p.parse_args()
    print(section(Path(args.shared).resolve(), sizes=tuple(args.sizes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
