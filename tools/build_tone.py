"""Builds src/extract/tone/vader.tsv, the tone lexicon compiled into newsfacts.

Source: the VADER sentiment lexicon and rules (vaderSentiment 3.3.2 on PyPI, C.J. Hutto,
MIT License; the notice is in src/extract/tone/LICENSE-VADER): `vader_lexicon.txt` (word, mean
valence from -4 to +4, ...) and, from `vaderSentiment.py`, the negation words (NEGATE) and the
intensifiers (BOOSTER_DICT, +0.293 boosters and -0.293 dampeners).

Kept: lexicon entries that are words (letters, with inner apostrophes or hyphens), not emoticons,
and one-word negations and intensifiers. Output lines: `w<TAB>word<TAB>valence`,
`n<TAB>word`, `b<TAB>word<TAB>increment`.

Run: pip download --no-deps vaderSentiment==3.3.2 -d /tmp/vader
     python3 tools/build_tone.py /tmp/vader/vaderSentiment-3.3.2-py2.py3-none-any.whl
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "extract" / "tone" / "vader.tsv"
WORD = re.compile(r"^[a-z]+(?:['\-][a-z]+)*$")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with zipfile.ZipFile(sys.argv[1]) as z:
        lexicon = z.read("vaderSentiment/vader_lexicon.txt").decode("utf-8")
        code = z.read("vaderSentiment/vaderSentiment.py").decode("utf-8")
        licence = z.read("vaderSentiment-3.3.2.dist-info/LICENSE.txt").decode("utf-8")
    consts: dict[str, object] = {"B_INCR": 0.293, "B_DECR": -0.293}
    for node in ast.parse(code).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            name = getattr(node.targets[0], "id", None)
            if name in ("NEGATE", "BOOSTER_DICT"):
                consts[name] = eval(compile(ast.Expression(node.value), "vader", "eval"), {}, consts)
    rows = []
    for line in lexicon.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and WORD.match(parts[0]):
            rows.append(f"w\t{parts[0]}\t{float(parts[1]):g}")
    rows += [f"n\t{w}" for w in consts["NEGATE"] if " " not in w]
    rows += [f"b\t{w}\t{v:g}" for w, v in consts["BOOSTER_DICT"].items() if " " not in w]
    header = [
        "# newsfacts tone lexicon, built by tools/build_tone.py from vaderSentiment 3.3.2;",
        "# VADER, Copyright (c) 2016 C.J. Hutto, MIT License (LICENSE-VADER beside this file).",
        "# w<TAB>word<TAB>valence (-4..4) | n<TAB>negation word | b<TAB>intensifier<TAB>increment",
    ]
    OUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    (OUT.parent / "LICENSE-VADER").write_text(licence, encoding="utf-8")
    print(f"{OUT}: {len(rows)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
