"""Keeps benches/README-sections.md current: the "Performance" and "Accuracy" sections for README.md.

bench.py rewrites the block between ``<!-- performance:start -->`` and ``<!-- performance:end -->``,
assemble_eval.py the ``accuracy`` block; the rest of the file is left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

SECTIONS = Path(__file__).resolve().parent / "README-sections.md"

HEADER = (
    "<!-- Sections for README.md, kept current by `make bench` (Performance) and `make eval` "
    "(Accuracy). Paste each block into README.md. -->\n"
)


def update(name: str, body: str, path: Path = SECTIONS) -> None:
    """Replaces block ``name`` of ``path`` by ``body`` (appends it when absent)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
