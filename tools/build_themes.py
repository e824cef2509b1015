"""Builds src/extract/themes/themes.tsv, the theme lexicon compiled into newsfacts.

Sources:
- ../shared/data/cameo_petrarch2/Phoenix.IssueCoding.txt: the Phoenix issue coding of the
  PETRARCH2 event coder (openeventdata/petrarch2, MIT; notice kept in the output's header and in
  src/extract/themes/LICENSE-PHOENIX). Phrases `phrase [CODE]` in `<ISSUE CATEGORY=...>` blocks;
  `n:word` expands to singular and plural, `v:word` to the verb's forms, `a+b` to "a b" and
  "a-b"; `~phrase` / `~~phrase` are discard phrases that cancel the block's coding in their
  sentence. A line without a code takes the code of the line before it in the block.
- tools/themes_extra.txt: phrases written for newsfacts (MIT), same format, for themes the
  Phoenix file leaves thin (migration, agricultural commodities, general economic vocabulary).
  They are general vocabulary written from the theme's definition, not taken from any
  evaluation text.

Each Phoenix code is mapped to a readable theme name (THEME_OF below); the output has one line
per surface form: `kind<TAB>theme<TAB>code<TAB>phrase` with kind `match` or `discard`, the phrase
lower-cased. The Rust side tokenizes each phrase with the article tokenizer and matches on
lower-cased tokens in one Aho-Corasick pass.

Run: python3 tools/build_themes.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "data" / "cameo_petrarch2" / "Phoenix.IssueCoding.txt"
EXTRA = ROOT / "tools" / "themes_extra.txt"
OUT = ROOT / "src" / "extract" / "themes" / "themes.tsv"

#: Readable theme of each Phoenix code (codes not listed take their category's theme).
THEME_OF = {
    "TERROR": "TERRORISM",
    "SUICIDE_ATTACK": "TERRORISM",
    "NAMED_TERROR_GROUP": "TERRORISM",
    "ID_JIHAD": "TERRORISM",
    "ID_IMMIGRATION": "MIGRATION",
    "ID_SMUGGLING": "SMUGGLING",
    "HUMAN_TRAFFICKING": "HUMAN_TRAFFICKING",
    "DRUGS": "DRUGS",
    "DRUG_CARTELS": "DRUGS",
    "DRUG_CARTEL": "DRUGS",
    "DRUG_TRADE": "DRUGS",
    "ORGANIZED_CRIME": "ORGANIZED_CRIME",
    "COMMON_ROBBERY": "CRIME",
    "CYBER_SECURITY": "CYBER_ATTACK",
    "MALWARE": "CYBER_ATTACK",
    "FOOD_SECURITY": "FOOD_SECURITY",
    "WATER_SECURITY": "WATER_SECURITY",
    "ELECTRICITY_OUTAGE": "POWER_OUTAGE",
    "SHORTAGE": "SHORTAGE",
    "CLIMATE_CHANGE": "CLIMATE_CHANGE",
    "SELF_IDENTIFIED_ENVIRON_DISASTER": "ENVIRONMENT",
    "DISEASE": "HEALTH",
    "ID_PANDEMIC": "HEALTH",
    "SEXTRANS_DISEASE": "HEALTH",
    "VACCINATION": "HEALTH",
    "LABOR_STRIKE": "LABOR",
    "LABOR_UNIONS": "LABOR",
    "UNEMPLOYMENT": "UNEMPLOYMENT",
    "POVERTY": "POVERTY",
    "INTERNET_CENSORSHIP": "CENSORSHIP",
    "MEDIA_CENSORSHIP": "CENSORSHIP",
    "ELECTION_FRAUD": "ELECTION_FRAUD",
    "GENDER_VIOLENCE": "GENDER_VIOLENCE",
    "RAPE": "GENDER_VIOLENCE",
    "BIOLOGICAL_WEAPONS": "WMD",
    "CHEMICAL_WEAPONS": "WMD",
    "NUCLEAR_WEAPONS": "WMD",
    "RADIOLOGICAL_WEAPONS": "WMD",
}

#: Theme of a Phoenix category, for codes not in THEME_OF.
CATEGORY_THEME = {
    "SOUTH-TO-SOUTH": "SOUTH_SOUTH_COOPERATION",
    "INT_FINANCIAL_INST": "INTERNATIONAL_FINANCE",
    "ID_ATROCITY": "ATROCITY",
    "ID_EXTREMISM": "EXTREMISM",
    "ID_PROLIFERATION": "PROLIFERATION",
    "ID_ARMS_DEAL": "ARMS_DEAL",
    "PEACEKEEPERS": "PEACEKEEPING",
    "NEW_CONSTRUCTION": "CONSTRUCTION",
    "DRONE": "DRONES",
    "ID_DEMOCRACY": "DEMOCRACY",
    "ID_ACTIVISM": "ACTIVISM",
    "KIDNAP": "KIDNAPPING",
    "COUPS": "COUP",
    "ELECTIONS": "ELECTION",
    "TERROR": "TERRORISM",
}

VOWELS = set("aeiou")


def plural(w: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
        return w[:-1] + "ies"
    return w + "s"


def verb_forms(w: str) -> list[str]:
    third = plural(w)
    if w.endswith("e") and not w.endswith("ee"):
        past, ing = w + "d", w[:-1] + "ing"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
        past, ing = w[:-1] + "ied", w + "ing"
    elif (
        len(w) >= 3
        and w[-1] not in VOWELS | set("wxy")
        and w[-2] in VOWELS
        and w[-3] not in VOWELS
        and len(w) <= 4
    ):
        # Short consonant-vowel-consonant verbs double the consonant ("plot" -> "plotted").
        past, ing = w + w[-1] + "ed", w + w[-1] + "ing"
    else:
        past, ing = w + "ed", w + "ing"
    return [w, third, past, ing]


def word_forms(word: str) -> list[str]:
    """Surface forms of one lexicon word (with its `n:`/`v:` prefix and `+` joins)."""
    if word.startswith("n:"):
        base = word[2:]
        forms = [base, plural(base)]
    elif word.startswith("v:"):
        forms = verb_forms(word[2:])
    else:
        forms = [word]
    out: list[str] = []
    for f in forms:
        if "+" in f:
            parts = [p for p in f.split("+")]
            for sep in (" ", "-"):
                out.append(sep.join(p for p in parts if p))
        else:
            out.append(f)
    return out


def phrase_forms(phrase: str) -> list[str]:
    """Every surface form of a lexicon phrase (the product of its words' forms)."""
    forms = [""]
    for word in phrase.split():
        forms = [f"{f} {w}".strip() for f in forms for w in word_forms(word)]
    seen: list[str] = []
    for f in forms:
        f = re.sub(r"\s+", " ", f).strip()
        if f and f not in seen:
            seen.append(f)
    return seen


LINE = re.compile(r"^(?P<phrase>[^\[]+?)\s*\[(?P<code>[^\]]+)\]\s*$")


def read(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    category = None
    code = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r'<ISSUE CATEGORY="([^"]+)"', line)
        if m:
            category, code = m.group(1), None
            continue
        if line.startswith("</ISSUE"):
            category, code = None, None
            continue
        if category is None:
            continue
        kind = "match"
        if line.startswith("~"):
            kind = "discard"
            line = line.lstrip("~").strip()
            m = None
        else:
            m = LINE.match(line)
            if m:
                code = m.group("code").strip()
                line = m.group("phrase")
        if code is None and kind == "match":
            code = category
        if code is None:
            code = category
        theme = THEME_OF.get(code) or CATEGORY_THEME.get(category) or category
        # A discard cancels its block's themes: record it under every theme of the block.
        for form in phrase_forms(line.lower()):
            rows.append((kind, theme if kind == "match" else category, code, form))


def main() -> int:
    if not SRC.exists():
        print(f"missing {SRC}", file=sys.stderr)
        return 1
    rows: list[tuple[str, str, str, str]] = []
    read(SRC, rows)
    read(EXTRA, rows)
    # A discard names its category; the Rust side needs the themes of that category.
    themes_of_cat: dict[str, set[str]] = {}
    category = None
    for path in (SRC, EXTRA):
        for raw in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r'\s*<ISSUE CATEGORY="([^"]+)"', raw)
            if m:
                category = m.group(1)
                continue
            mm = LINE.match(raw.split("#", 1)[0].strip())
            if category and mm:
                code = mm.group("code").strip()
                theme = THEME_OF.get(code) or CATEGORY_THEME.get(category) or category
                themes_of_cat.setdefault(category, set()).add(theme)
    out_rows: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for kind, theme, code, form in rows:
        targets = sorted(themes_of_cat.get(theme, {theme})) if kind == "discard" else [theme]
        for t in targets:
            key = (kind, t, form)
            if key in seen:
                continue
            seen.add(key)
            out_rows.append(f"{kind}\t{t}\t{code}\t{form}")
    header = [
        "# newsfacts theme lexicon, built by tools/build_themes.py; do not edit by hand.",
        "# Derived from the Phoenix issue coding of PETRARCH2 (openeventdata/petrarch2,",
        "# Phoenix.IssueCoding.txt), Copyright (c) 2014 Open Event Data, MIT License (the full",
        "# notice is in LICENSE-PHOENIX beside this file), plus tools/themes_extra.txt (MIT).",
        "# kind<TAB>theme<TAB>phoenix code<TAB>phrase (lower case)",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(header + out_rows) + "\n", encoding="utf-8")
    n_match = sum(r.startswith("match") for r in out_rows)
    themes = {r.split("\t")[1] for r in out_rows if r.startswith("match")}
    print(f"{OUT}: {n_match} match forms, {len(out_rows) - n_match} discard forms, {len(themes)} themes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
