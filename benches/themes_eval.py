"""Themes and keywords against labels and a tool no one here wrote.

    .venv-bench/bin/python benches/themes_eval.py yake --data DIR --out yake.json
    .venv/bin/python benches/themes_eval.py report --data DIR [--yake-json yake.json]

``yake`` runs the `yake` package (0.7.3, default settings but top 10: up to three words,
dedup 0.9, window 1) on a fixed subset of BBC News articles (every 4th article, by id) and writes
its keywords and its time; ``report`` runs newsfacts on the same articles and prints a Markdown
section:

- themes: for the Reuters-21578 articles (all splits, non-empty bodies) with topic ``crude``, the
  share themed ENERGY; ``grain``/``wheat``/``corn`` -> AGRICULTURE; ``money-fx``/``interest`` ->
  ECONOMIC; and the share of BBC sport and entertainment articles themed TERRORISM (false alarms).
  Nothing was tuned on these articles (the lexicon is the Phoenix issue coding plus general
  vocabulary, tools/themes_extra.txt).
- keywords: agreement with `yake` on the same BBC articles (mean share of newsfacts' top 10 that
  is in yake's top 10, lower-cased; and the share of articles whose yake top keyword is in
  newsfacts' top 10) and the speed ratio, both on one thread (newsfacts with
  ``include=["keywords"]``, which also segments the text).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

TOPIC_ROWS = (
    ("crude", ("crude",), "ENERGY"),
    ("grain / wheat / corn", ("grain", "wheat", "corn"), "AGRICULTURE"),
    ("money-fx / interest", ("money-fx", "interest"), "ECONOMIC"),
)
TOP = 10


def bbc(data: Path) -> list[dict]:
    path = data / "bbc_news" / "all.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def bbc_subset(data: Path) -> list[dict]:
    arts = sorted(bbc(data), key=lambda a: a["id"])
    return [a for i, a in enumerate(arts) if i % 4 == 0]


def norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip().lower())


def run_yake(args: argparse.Namespace) -> int:
    import yake

    arts = bbc_subset(Path(args.data))
    ex = yake.KeywordExtractor(lan="en", n=3, top=TOP)
    out = {}
    t0 = time.process_time()
    for a in arts:
        out[a["id"]] = [k for k, _ in ex.extract_keywords(a["text"])]
    secs = time.process_time() - t0
    from importlib.metadata import version as dist_version

    version = dist_version("yake")
    Path(args.out).write_text(
        json.dumps({"version": version, "seconds": secs, "keywords": out}), encoding="utf-8"
    )
    print(f"yake {version}: {len(arts)} articles in {secs:.1f} s", file=sys.stderr)
    return 0


def themed_share(recs: list[dict], theme: str) -> tuple[int, int]:
    hit = sum(any(t["theme"] == theme for t in r["themes"]) for r in recs)
    return hit, len(recs)


def report(args: argparse.Namespace) -> int:
    import newsfacts as nf

    data = Path(args.data)
    ex = nf.Extractor(threads=None)
    lines = ["## Themes and keywords (benches/themes_eval.py)", ""]
    summary: list[str] = []
    # Themes on Reuters topics.
    reuters = []
    with gzip.open(data / "reuters21578" / "all.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["text"].strip() and d["topics"]:
                reuters.append(d)
    wanted = {t for _, topics, _ in TOPIC_ROWS for t in topics}
    reuters = [d for d in reuters if wanted & set(d["topics"])]
    recs = ex.extract(
        [{"id": d["id"], "text": d["text"], "published": d["published"]} for d in reuters],
        include=["themes"],
    )
    by_id = {r["id"]: r for r in recs}
    lines += [
        "Themes: share of articles given the theme (target: ≥ 80% for the Reuters rows, ≤ 2% for",
        "the BBC false-alarm row).",
        "",
        "| corpus | articles | theme | themed | share |",
        "|---|---|---|---|---|",
    ]
    for label, topics, theme in TOPIC_ROWS:
        rs = [by_id[d["id"]] for d in reuters if set(topics) & set(d["topics"])]
        hit, n = themed_share(rs, theme)
        summary.append(f"{label} → {theme} {100 * hit / max(n, 1):.1f}%")
        lines.append(
            f"| Reuters-21578, topic {label} | {n} | {theme} | {hit} | {100 * hit / max(n, 1):.1f}% |"
        )
    all_bbc = bbc(data)
    soft = [a for a in all_bbc if a["id"].split("-")[1] in ("sport", "entertainment")]
    recs = ex.extract([{"id": a["id"], "text": a["text"]} for a in soft], include=["themes"])
    hit, n = themed_share(recs, "TERRORISM")
    share = 100 * hit / max(n, 1)
    summary.append(f"BBC sport+entertainment TERRORISM {share:.1f}%")
    row = "BBC News sport + entertainment (false alarms)"
    lines.append(f"| {row} | {n} | TERRORISM | {hit} | {share:.1f}% |")
    # Keywords against yake.
    lines += ["", "Keywords: newsfacts against the `yake` package on the same BBC News articles.", ""]
    yake_run = json.loads(Path(args.yake_json).read_text()) if args.yake_json else None
    subset = bbc_subset(data)
    arts = [{"id": a["id"], "text": a["text"], "published": "2005-01-01"} for a in subset]
    one = nf.Extractor(threads=1)
    one.extract(arts[:20], include=["keywords"])  # warm-up: lexicons load once per process
    t0 = time.process_time()
    recs = one.extract(arts, include=["keywords"])
    nf_secs = time.process_time() - t0
    lines += ["| measure | value |", "|---|---|"]
    lines.append(f"| articles (every 4th BBC article) | {len(arts)} |")
    lines.append(f"| newsfacts time, 1 thread (keywords + segmentation) | {nf_secs:.3f} s |")
    if yake_run:
        yk = yake_run["keywords"]
        overlaps, top1 = [], 0
        for r in recs:
            ours = [norm(k["phrase"]) for k in r["keywords"]]
            theirs = [norm(k) for k in yk.get(r["id"], [])]
            if not theirs or not ours:
                continue
            overlaps.append(len(set(ours) & set(theirs)) / len(ours))
            top1 += theirs[0] in ours
        mean = 100 * sum(overlaps) / max(len(overlaps), 1)
        ratio = yake_run["seconds"] / max(nf_secs, 1e-9)
        lines.append(f"| yake {yake_run['version']} time, 1 process | {yake_run['seconds']:.1f} s |")
        lines.append(f"| speed ratio (target ≥ 50×) | {ratio:.0f}× |")
        summary.append(f"keywords {mean:.0f}% in yake's top 10, {ratio:.0f}× faster")
        lines.append(f"| agreement: share of newsfacts' top 10 in yake's top 10 | {mean:.1f}% |")
        first = 100 * top1 / max(len(overlaps), 1)
        lines.append(f"| agreement: yake's first keyword in newsfacts' top 10 | {first:.1f}% |")
    else:
        lines.append("| yake | not run (.venv-bench without yake) |")
    lines.insert(1, f"<!-- headline: {'; '.join(summary)} -->")
    print("\n".join(lines))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=("yake", "report"))
    ap.add_argument("--yake-json", help="report: the yake run's JSON")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="yake.json")
    args = ap.parse_args()
    return run_yake(args) if args.cmd == "yake" else report(args)


if __name__ == "__main__":
    sys.exit(main())
