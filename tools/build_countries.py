"""Builds src/lexicon/resources/countries.tsv from ../shared/data/gazetteer_countries.

Source: mledoze/countries (ODbL 1.0), see src/lexicon/resources/PROVENANCE.md.
Columns: cca3, name, official, alt names (|), demonyms (|), lat, lon.
Alt names keep English-looking forms (ASCII letters, spaces, dots, hyphens, apostrophes);
codes of two letters and comma-inverted forms ("Congo, the Democratic Republic of the") are dropped.
Run: python3 tools/build_countries.py
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "data" / "gazetteer_countries" / "countries.jsonl"
OUT = ROOT / "src" / "lexicon" / "resources" / "countries.tsv"
ENGLISH = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")


def clean(names):
    out = []
    for n in names:
        n = n.strip()
        if len(n) <= 2 or "," in n or not ENGLISH.match(n) or n in out:
            continue
        out.append(n)
    return out


def main():
    if not SRC.exists():
        sys.exit(f"{SRC} is absent: the countries gazetteer cannot be rebuilt")
    rows = []
    for line in SRC.open(encoding="utf-8"):
        d = json.loads(line)
        alts = clean([d["official"], *d["alt_names"]])
        alts = [a for a in alts if a != d["name"]]
        rows.append(
            "\t".join(
                [
                    d["cca3"],
                    d["name"],
                    d["official"],
                    "|".join(alts),
                    "|".join(clean(d["demonyms"])),
                    f"{d['lat']:.4f}",
                    f"{d['lon']:.4f}",
                ]
            )
        )
    OUT.write_text(
        "# cca3\tname\tofficial\talt_names\tdemonyms\tlat\tlon\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(rows)} countries to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
