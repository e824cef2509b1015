#!/usr/bin/env python3
"""Build the bundled sample corpus: python/newsfacts/data/sample.jsonl and SAMPLE.md.

The sample is the analyst's seed article followed by the 60 English Wikinews articles of the
NewsReader MEANTIME corpus (CC BY 4.0), detokenized back into natural text. Python 3 standard
library only.

Usage (from the repository root):

    python3 tools/build_sample.py [--data ../shared/data] [--out python/newsfacts/data]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "haftar-rome"
SEED_PUBLISHED = "2017-09-28"

# Tokens that attach to the word before them (no space before).
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "n't", "N'T"}
# Tokens that attach to the word after them (no space after).
NO_SPACE_AFTER = {
    "(",
    "[",
    "{",
    "$",
    "US$",
    "USD$",
    "A$",
    "C$",
    "S$",
    "HK$",
    "£",
    "€",
    "¥",
    "#",
}
# Clitics split off by the tokenizer: "'s", "'re", "'ll", "n't" ...
CLITIC = re.compile(r"^['’](s|re|ve|ll|d|m|t)$", re.IGNORECASE)
NUMBER = re.compile(r"^\d")


def detokenize_line(tokens: list[str], state: dict[str, bool]) -> str:
    """Joins one sentence's tokens into natural text.

    `state` carries open double/single quotes across the sentences of one article.
    """
    out = ""
    glue_next = True  # no space before the next token (start of line, after "(" ...)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1] if i > 0 else ""
        glue_before = glue_next
        glue_next = False

        if tok == "#" and NUMBER.match(nxt):
            tok = "£"  # Penn Treebank tokenizers write the pound sign as '#'
        if tok.startswith("''") and len(tok) > 2:
            # a closing-quote glitch glued to a word ("''I'"): an opening quote
            tok = '"' + tok[2:]
            state["dq"] = True

        if tok in ("``", "“"):
            tok = "“" if tok == "“" else '"'
            state["dq"] = True
            glue_next = True
        elif tok in ("''", "”"):
            tok = "”" if tok == "”" else '"'
            state["dq"] = False
            glue_before = True
        elif tok == '"':
            if state["dq"]:
                glue_before = True
                state["dq"] = False
            else:
                glue_next = True
                state["dq"] = True
        elif tok == "`":
            tok = "'"
            state["sq"] = True
            glue_next = True
        elif tok in ("'", "’") and re.match(r"^[a-z]+$", nxt) and CLITIC.match(tok + nxt):
            # "Wayne ’ s World": an apostrophe split from its clitic
            glue_before = True
            glue_next = True
        elif tok in ("'", "’"):
            if state["sq"]:
                state["sq"] = False
                glue_before = True
            elif prev[-1:] in ("s", "S"):
                glue_before = True  # plural possessive: "Airbus '"
            else:
                state["sq"] = True
                glue_next = True
        elif CLITIC.match(tok) or tok in NO_SPACE_BEFORE:
            glue_before = True
        elif tok == "$" and prev in ("US", "A", "C", "S", "HK", "NZ"):
            glue_before = True  # "US $29"
        elif tok in ("st", "nd", "rd", "th") and prev.replace(",", "").isdigit():
            glue_before = True  # "15,599 th"
        elif tok == "/":
            glue_before = True
            glue_next = True
        elif tok == "-" and prev.istitle() and nxt.istitle() and prev.isalpha() and nxt.isalpha():
            glue_before = True  # "Wal - Mart"
            glue_next = True
        elif prev == "O" and re.match(r"^'[A-Z]", tok):
            glue_before = True  # "O 'Reilly"
        elif tok.startswith("'") and re.match(r"^'[A-Za-z]", tok) and not CLITIC.match(tok):
            state["sq"] = True  # "'switch" opens a single quote
        if tok in NO_SPACE_AFTER:
            glue_next = True
        if re.search(r"[A-Za-z]['’]$", tok) and (
            CLITIC.match("'" + nxt) or (tok in ("O'", "D'") and nxt[:1].isupper())
        ):
            glue_next = True  # "I' ll", "O' Leary"

        out += tok if (glue_before or not out) else " " + tok
    return out


def detokenize(text: str) -> list[str]:
    """Detokenizes an article whose sentences are lines of space-separated tokens."""
    state = {"dq": False, "sq": False}
    lines = []
    for line in text.split("\n"):
        tokens = [t for t in line.split(" ") if t]
        lines.append(detokenize_line(tokens, state))
    return lines


def meantime_records(path: Path) -> list[dict[str, object]]:
    """The MEANTIME articles as sample records, in file order."""
    records = []
    with path.open(encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            art = json.loads(raw)
            lines = detokenize(art["text"])
            records.append(
                {
                    "id": art["id"],
                    "title": lines[0],
                    "text": "\n".join(lines[1:]),
                    "published": art.get("dct"),
                    "url": art.get("url"),
                    "source": "Wikinews",
                }
            )
    return records


def seed_record(path: Path) -> dict[str, object]:
    """The analyst's reference article (no headline, URL or source given with it)."""
    return {
        "id": SEED_ID,
        "title": None,
        "text": path.read_text(encoding="utf-8"),
        "published": SEED_PUBLISHED,
        "url": None,
        "source": None,
    }


SAMPLE_MD = """\
# Bundled sample corpus

`sample.jsonl`: {n} news articles, one JSON object per line (UTF-8), keys `id`, `title`, `text`,
`published` (ISO date), `url`, `source`. Load it with `newsfacts`' sample helper or with
`pandas.read_json(path, lines=True)`.

## Contents

1. `{seed_id}` (first line): the reference article the project is specified against, a real
   news article published {seed_published}, as given to the project in
   `reference/seed-article.txt` ("Facts that an analyst expects newsfacts to pull out of
   seed-article.txt (a real news article, published 2017-09-28)"). Its headline, URL and
   publisher were not given with it, so `title`, `url` and `source` are null.
2. {n_wiki} English Wikinews articles ({first} to {last}), the `airbus` and `apple` subcorpora
   of the **NewsReader MEANTIME** corpus (English, October 2015 release), each with its Wikinews
   URL in `url` ({n_urls} distinct URLs). MEANTIME ships them tokenized (one sentence a line);
   `tools/build_sample.py` joins the tokens back into natural text (no space before `, . ; : ) %
   's n't`, none after `( $ “`, PTB `` `` '' `` quotes back to `"`, `#` before a number back to
   `£`). Sentence 0 is the headline (`title`); `text` is the rest, starting with the dateline.
   The detokenization is approximate: spacing may differ from the original page in places.

## Licence and attribution

The 60 Wikinews articles: text by the contributors of English Wikinews
(https://en.wikinews.org), released by Wikinews under a Creative Commons Attribution licence;
taken from the NewsReader MEANTIME corpus, © 2015 Fondazione Bruno Kessler, VU University
Amsterdam, Universidad del País Vasco, distributed under the
[Creative Commons Attribution 4.0 International](https://creativecommons.org/licenses/by/4.0/)
licence (CC BY 4.0); see Minard et al., "MEANTIME, the NewsReader Multilingual Event and Time
Corpus", LREC 2016. Changes made here: tokens joined back into text, annotations dropped. Each
record's `url` links to its source article.

The seed article (`{seed_id}`) is not part of MEANTIME and no licence was given with it: it is
the project's reference example, included so that the documentation's first example runs.

## Rebuilding

```sh
python3 tools/build_sample.py --data ../shared/data
```

reads `meantime_en/all.jsonl` and `../shared/reference/seed-article.txt` (paths relative to the
data folder) and rewrites this folder's `sample.jsonl` and `SAMPLE.md`.

## Sources of the Wikinews articles

{sources}
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="folder holding seed-article.txt (default: DATA/../reference)",
    )
    ap.add_argument("--out", type=Path, default=REPO / "python" / "newsfacts" / "data")
    args = ap.parse_args(argv)

    meantime = args.data / "meantime_en" / "all.jsonl"
    reference = args.reference or args.data.parent / "reference"
    seed = reference / "seed-article.txt"
    for p in (meantime, seed):
        if not p.is_file():
            print(f"missing input: {p}", file=sys.stderr)
            return 1

    wiki = meantime_records(meantime)
    records = [seed_record(seed), *wiki]
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "sample.jsonl").open("w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    dates = sorted(str(r["published"]) for r in wiki if r["published"])
    md = SAMPLE_MD.format(
        n=len(records),
        n_wiki=len(wiki),
        n_urls=len({r["url"] for r in wiki if r["url"]}),
        first=dates[0] if dates else "?",
        last=dates[-1] if dates else "?",
        seed_id=SEED_ID,
        seed_published=SEED_PUBLISHED,
        sources="\n".join(f"- `{r['id']}` {r['published']}: <{r['url']}>" for r in wiki),
    )
    (args.out / "SAMPLE.md").write_text(md, encoding="utf-8")
    size = (args.out / "sample.jsonl").stat().st_size
    print(f"wrote {len(records)} articles, {size} bytes, to {args.out / 'sample.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
