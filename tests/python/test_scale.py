"""Corpus scale: Ctrl-C stops a long batch, progress bars, near-duplicates across a stream."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import newsfacts as nf

from conftest import read_jsonl, shared_path

_CHILD = textwrap.dedent(
    """
    import gzip, json, sys, time
    import newsfacts as nf

    texts = [json.loads(l)["text"] for l in gzip.open(sys.argv[1], "rt")]
    ex = nf.Extractor()
    ex.extract(texts[:50])
    print("start", flush=True)
    try:
        ex.extract(texts * 4)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", time.monotonic(), flush=True)
    rec = ex.extract(["Officials met in Rome on Tuesday.", "Rain in Paris."])
    print("again", len(rec), rec[0]["errors"], flush=True)
    """
)


def test_sigint_stops_a_long_extract_within_a_second_and_the_extractor_stays_usable():
    path = shared_path("data", "reuters21578", "all.jsonl.gz")
    with subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout.readline().strip() == "start"
        time.sleep(2.0)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        line = child.stdout.readline().split()
        assert line[0] == "interrupted", line
        assert float(line[1]) - sent < 1.0, f"KeyboardInterrupt after {float(line[1]) - sent:.2f} s"
        assert child.stdout.readline().split() == ["again", "2", "[]"]
        assert child.wait(timeout=30) == 0


def _stories(n: int) -> list[dict]:
    arts = read_jsonl(shared_path("data", "reuters21578", "all.jsonl.gz"), limit=400)
    # Reuters-21578 holds a few stories twice under two headlines: one of each.
    seen: set[str] = set()
    out = []
    for a in arts:
        words = a["text"].split()
        if len(words) > 150 and " ".join(words[:40]) not in seen:
            seen.add(" ".join(words[:40]))
            out.append({"id": a["id"], "text": a["text"]})
    return out[:n]


def test_near_duplicates_within_a_call_and_across_an_iter_extract_stream():
    base = _stories(6)
    first = base[0]
    copy = {"id": "copy", "text": "LONDON (Reuters) - " + first["text"].replace(" the ", " a ", 3)}
    cut = {"id": "cut", "text": first["text"][: int(len(first["text"]) * 0.8)]}
    recs = nf.extract([*base, copy, cut], include=["duplicates"])
    by_id = {r["id"]: r for r in recs}
    assert by_id["copy"]["duplicate_of"] == first["id"]
    assert by_id["cut"]["duplicate_of"] == first["id"]
    assert 0.5 <= by_id["cut"]["duplicate_similarity"] < 1.0
    assert all(by_id[a["id"]]["duplicate_of"] is None for a in base)
    fr = nf.frames([*base, copy, cut])
    assert sorted(fr.duplicates["article_id"]) == ["copy", "cut"]
    assert set(fr.duplicates["duplicate_of"]) == {first["id"]}
    assert fr.articles.set_index("article_id").loc["copy", "duplicate_of"] == first["id"]
    # A stream: the copy comes two batches after its original.
    ex = nf.Extractor(include=["duplicates"])
    out = [r for batch in ex.iter_extract([*base, copy], batch_size=3, progress=False) for r in batch]
    assert [r["duplicate_of"] for r in out][-1] == first["id"]
    assert sum(r["duplicate_of"] is not None for r in out) == 1
