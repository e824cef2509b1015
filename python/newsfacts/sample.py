"""The bundled sample corpus (Wikinews articles, CC BY 4.0, plus the reference article)."""

from __future__ import annotations

import json
from importlib import resources


def load_sample() -> list[dict]:
    """Returns the bundled sample articles: dicts with ``id, title, text, published, url, source``.

    See ``newsfacts/data/SAMPLE.md`` for sources and licences.
    """
    with resources.files("newsfacts").joinpath("data/sample.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
