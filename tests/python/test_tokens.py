"""include=["tokens"]: words with UD parts of speech, lemmas and dependencies, and their table."""

from __future__ import annotations

import newsfacts as nf

#: From the bundled sample (Wikinews, CC BY 4.0).
SENTENCE = (
    "Boeing had initially agreed to lease 100 tankers, but in 2003 a scandal erupted when it emerged "
    "that Boeing executive Michael M. Sears arranged a job for USAF official Darleen Druyun."
)


def test_tokens_are_off_by_default_and_on_when_asked():
    assert "tokens" not in nf.extract_one(SENTENCE)
    rec = nf.extract_one(SENTENCE, include=["tokens"])
    toks = rec["tokens"]
    assert [t["text"] for t in toks][:4] == ["Boeing", "had", "initially", "agreed"]
    for t in toks:
        assert SENTENCE[t["start"] : t["end"]] == t["text"]
        assert set(t) == {"start", "end", "text", "lemma", "upos", "head", "dep", "sentence"}
    roots = [i for i, t in enumerate(toks) if t["head"] is None]
    assert len(roots) == 1 and toks[roots[0]]["dep"] == "root"
    agreed, lease = 3, 5
    assert toks[agreed]["lemma"] == "agree" and toks[agreed]["upos"] == "VERB"
    assert toks[0]["head"] == agreed and toks[0]["dep"] == "nsubj"
    assert toks[lease]["head"] == agreed
    assert toks[7]["text"] == "tankers" and toks[7]["head"] == lease and toks[7]["dep"] == "obj"


def test_irregular_lemmas_and_clitics():
    text = "The envoy met rebels who said they threatened Rome, but it didn’t stop talks."
    toks = nf.extract_one(text, include=["tokens"])["tokens"]
    lemma = {t["text"]: t["lemma"] for t in toks}
    assert lemma["met"] == "meet" and lemma["said"] == "say" and lemma["threatened"] == "threaten"
    words = [t["text"] for t in toks]
    assert "did" in words and "n’t" in words
    assert lemma["n’t"] == "not"


def test_tokens_table_has_one_row_per_token_with_nullable_heads():
    arts = nf.load_sample()[:3]
    recs = nf.extract(arts, include=["tokens"])
    fr = nf.frames(recs)
    assert len(fr.tokens) == sum(len(r["tokens"]) for r in recs)
    assert str(fr.tokens["head"].dtype) == "Int64"
    # One root per sentence.
    assert fr.tokens["head"].isna().sum() == sum(r["n_sentences"] for r in recs)
    first = fr.tokens.iloc[0]
    assert arts[0]["text"][first["start"] : first["end"]] == first["text"]
    # Every head points at a token of the same article and sentence.
    for r in recs:
        for t in r["tokens"]:
            if t["head"] is not None:
                assert r["tokens"][t["head"]]["sentence"] == t["sentence"]


def test_bad_input_gives_tokens_without_errors():
    for text in ["", "!!! ??? ...", "word " * 3000, "Die Regierung hat gestern entschieden.", "😀" * 50]:
        rec = nf.extract_one(text, include=["tokens"])
        assert isinstance(rec["tokens"], list)
        for t in rec["tokens"]:
            assert text[t["start"] : t["end"]] == t["text"]
