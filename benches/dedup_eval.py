"""Near-duplicates (``duplicate_of``) on Reuters-21578 with planted copies: a Markdown section.

    .venv/bin/python benches/dedup_eval.py --data ../shared/data [--n 2000] [--seed 15]

A random sample of ``--n`` Reuters-21578 stories (all splits; bodies of at least 40 words; a story
whose first 40 words repeat an earlier one is skipped, since the corpus holds a few stories twice
under two headlines) gets 400 planted copies, each placed after its original, of four kinds (100
each):

- ``words``: three words of the story replaced by other words of the corpus;
- ``cut``: the last paragraph cut (the last sentence when the story has one paragraph);
- ``wire``: a dateline ("NEW YORK (Reuters) -") before and a credit line ("(Reporting by ...;
  Editing by ...)") after;
- ``all``: the three at once (two words replaced).

A copy is found when its ``duplicate_of`` is its original's id; any other article marked (an
original, or a copy pointing elsewhere) is a false positive, except a story marked as a
near-duplicate of an earlier story with the same headline: the corpus's own re-runs (a revised
wire story), reported apart. The distinct stories that share a
TOPICS tag with an earlier story of the batch are the hard negatives: the report gives how many of
them were marked. Nothing was tuned on this sample: the threshold (0.5) and the shingle size (4)
were set beforehand. The stage's cost is the ``dedup`` timing of every record
(``NEWSFACTS_TIMINGS``: the signature and the article's LSH look-up in the batch) against the sum
of all stages (wall-time differences between two runs are noise on a shared machine).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
from pathlib import Path

os.environ["NEWSFACTS_TIMINGS"] = "1"

import newsfacts as nf

KINDS = ("words", "cut", "wire", "all")
CITIES = ("NEW YORK", "LONDON", "WASHINGTON", "TOKYO", "CHICAGO", "PARIS", "FRANKFURT", "SYDNEY")
NAMES = ("Jane Doe", "John Roe", "Ann Smith", "Lee Chan", "Maria Silva", "Tom Brown")


def load(data: Path) -> list[dict]:
    out, seen = [], set()
    with gzip.open(data / "reuters21578" / "all.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            words = a.get("text", "").split()
            head = " ".join(words[:40])
            if len(words) < 40 or head in seen:
                continue
            seen.add(head)
            out.append(
                {"id": a["id"], "text": a["text"], "topics": a.get("topics") or [], "title": a.get("title")}
            )
    return out


def change_words(text: str, k: int, rng: random.Random, vocab: list[str]) -> str:
    spans = [m.span() for m in re.finditer(r"[A-Za-z]{4,}", text)]
    for a, b in sorted(rng.sample(spans, min(k, len(spans))), reverse=True):
        text = text[:a] + rng.choice(vocab) + text[b:]
    return text


def cut_end(text: str) -> str:
    paras = re.split(r"\n(?=\s{2,}\S)", text.rstrip())
    if len(paras) > 1:
        return "\n".join(paras[:-1])
    sentences = re.split(r"(?<=\.)\s+", text.rstrip())
    return " ".join(sentences[:-1]) if len(sentences) > 1 else text[: len(text) * 4 // 5]


def wire(text: str, rng: random.Random) -> str:
    a, b = rng.sample(NAMES, 2)
    return f"{rng.choice(CITIES)} (Reuters) - {text.strip()}\n(Reporting by {a}; Editing by {b})"


def plant(text: str, kind: str, rng: random.Random, vocab: list[str]) -> str:
    if kind == "words":
        return change_words(text, 3, rng, vocab)
    if kind == "cut":
        return cut_end(text)
    if kind == "wire":
        return wire(text, rng)
    return wire(cut_end(change_words(text, 2, rng, vocab)), rng)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="../shared/data")
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--seed", type=int, default=15)
    args = p.parse_args()
    rng = random.Random(args.seed)
    stories = rng.sample(load(Path(args.data)), args.n)
    vocab = sorted({w for s in stories[:200] for w in re.findall(r"[a-z]{4,}", s["text"])})
    batch = [dict(s, kind="") for s in stories]
    originals = rng.sample(range(len(stories)), 400)
    gold: dict[str, str] = {}
    for k, i in enumerate(originals):
        kind = KINDS[k % 4]
        s = stories[i]
        copy = {
            "id": f"{s['id']}~{kind}",
            "text": plant(s["text"], kind, rng, vocab),
            "topics": s["topics"],
            "kind": kind,
        }
        gold[copy["id"]] = s["id"]
        pos = rng.randint(batch.index(next(b for b in batch if b["id"] == s["id"])) + 1, len(batch))
        batch.insert(pos, copy)
    inputs = [{"id": b["id"], "text": b["text"]} for b in batch]
    recs = nf.extract(inputs, include=["duplicates"], progress=False)
    tp = {k: 0 for k in KINDS}
    fp, hard_marked, reruns = 0, 0, 0
    titles = {b["id"]: (b.get("title") or "").strip().lower() for b in batch if not b["kind"]}
    topics_seen: set[str] = set()
    hard = 0
    for b, r in zip(batch, recs, strict=True):
        if b["kind"]:
            if r["duplicate_of"] == gold[b["id"]]:
                tp[b["kind"]] += 1
            elif r["duplicate_of"] is not None:
                fp += 1
            continue
        shares = bool(set(b["topics"]) & topics_seen)
        hard += shares
        topics_seen.update(b["topics"])
        if (
            r["duplicate_of"] is not None
            and titles[b["id"]]
            and titles[b["id"]] == titles.get(r["duplicate_of"])
        ):
            # The corpus's own re-run of a story under the same headline: a true near-duplicate.
            reruns += 1
        elif r["duplicate_of"] is not None:
            fp += 1
            hard_marked += shares
            print(
                f"  marked: {b['id']} -> {r['duplicate_of']} ({r['duplicate_similarity']})", file=sys.stderr
            )
    found = sum(tp.values())
    precision = found / (found + fp) if found + fp else 0.0
    recall = found / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # Cost: the per-article signature against all stages, and the batch with and without it.
    full = nf.extract(inputs, progress=False)
    share = sum(r["timings"].get("dedup", 0) for r in full) / sum(sum(r["timings"].values()) for r in full)
    print("## Near-duplicates (Reuters-21578, planted copies)\n")
    print(
        f"{args.n} Reuters stories (seed {args.seed}) and 400 planted near-duplicates, 100 of each kind "
        "(`benches/dedup_eval.py`); one-permutation MinHash (128 bins, optimal densification) over "
        "4-word shingles, 64 LSH bands of 2 rows, estimated Jaccard >= 0.5 or containment >= 0.9.\n"
    )
    print("| | value |\n|---|---|")
    print(f"| precision | {precision:.1%} |\n| recall | {recall:.1%} |\n| **F1** | **{100 * f1:.1f}** |")
    for k in KINDS:
        print(f"| recall, {k} | {tp[k]}/100 |")
    print(f"| distinct stories sharing a TOPICS tag with an earlier one | {hard} |")
    print(f"| ... of them marked as near-duplicates | {hard_marked} |")
    print(f"| other false positives | {fp - hard_marked} |")
    print(f"| corpus re-runs found (same headline, not counted as errors) | {reruns} |")
    print(f"| `dedup` (signature + LSH look-up) share of all stage time | {share:.2%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
