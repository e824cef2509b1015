"""Scores newsfacts against the facts an analyst expects from the reference article.

    .venv/bin/python benches/seed_score.py [--shared ../shared] [--json FILE]

Reads ``reference/seed-expected.json``, runs ``nf.extract`` on ``reference/seed-article.txt`` with
its publication date, checks every fact by its kind (entity, place, date, link, embed,
boilerplate, quote, event, theme, absent, unique) with the checker pytest uses
(tests/python/seedfacts.py, so the two never disagree) and prints a Markdown section: fact id →
capability → pass/fail with the reason, then totals per capability. Exit status 0 whatever the
score (it reports; it does not judge).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests" / "python"


def load_checker():
    """The fact checker shared with pytest (tests/python/seedfacts.py), and the facts promised today."""
    sys.path.insert(0, str(TESTS))
    from seedfacts import check

    try:
        from test_seed import REQUIRED
    except ImportError:  # pytest absent: the column is left empty
        REQUIRED = set()
    return check, set(REQUIRED)


def score(expected: dict, rec: dict) -> list[dict]:
    check, required = load_checker()
    rows = []
    for fact in expected["facts"]:
        try:
            ok, why = check(rec, fact)
        except (KeyError, TypeError, ValueError) as e:
            ok, why = False, f"record not as expected: {type(e).__name__}: {e}"
        rows.append(
            {
                "id": fact["id"],
                "capability": fact["capability"],
                "kind": fact["kind"],
                "pass": ok,
                "why": why,
                "required": fact["id"] in required,
            }
        )
    return rows


def cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def markdown(rows: list[dict]) -> str:
    n_pass = sum(r["pass"] for r in rows)
    caps = Counter(r["capability"] for r in rows)
    passed = Counter(r["capability"] for r in rows if r["pass"])
    out = [
        "## Reference article: expected facts (benches/seed_score.py)",
        "",
        f"<!-- headline: seed article facts: {n_pass}/{len(rows)} pass -->",
        "",
        "`nf.extract` on `reference/seed-article.txt` (published 2017-09-28), each fact of "
        "`reference/seed-expected.json` checked by its kind. Facts of roadmap capabilities (quotes, "
        "events, themes) fail until those stages exist; `absent` facts pass while nothing wrong is "
        "extracted.",
        "",
        "| capability | pass | facts | share |",
        "|---|---|---|---|",
    ]
    for cap in sorted(caps, key=lambda c: (-caps[c], c)):
        out.append(f"| {cap} | {passed[cap]} | {caps[cap]} | {passed[cap] / caps[cap]:.0%} |")
    out.append(f"| **all** | **{n_pass}** | **{len(rows)}** | **{n_pass / len(rows):.0%}** |")
    out += [
        "",
        "*promised*: asserted by tests/python/test_seed.py today; the others are expected to fail until "
        "their stage lands.",
        "",
        "| fact | capability | kind | promised | result | detail |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['id']} | {r['capability']} | {r['kind']} | {'yes' if r['required'] else ''} "
            f"| {'pass' if r['pass'] else 'FAIL'} | {cell(r['why'])} |"
        )
    return "\n".join(out) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", default="../shared")
    p.add_argument("--json", help="also write the rows as JSON here")
    args = p.parse_args()
    ref = Path(args.shared) / "reference"
    exp_path = ref / "seed-expected.json"
    if not exp_path.exists():
        print("## Reference article: expected facts (benches/seed_score.py)\n")
        print(f"_Not run: {exp_path} is absent._\n")
        return 0
    expected = json.loads(exp_path.read_text(encoding="utf-8"))
    meta = expected.get("article", {})
    text = (ref / meta.get("text_file", "seed-article.txt")).read_text(encoding="utf-8")

    import newsfacts as nf

    rec = nf.extract(
        [{"id": meta.get("id", "seed"), "text": text}], published=meta.get("published", "2017-09-28")
    )[0]
    rows = score(expected, rec)
    sys.stdout.write(markdown(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
