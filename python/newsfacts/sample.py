"""The bundled sample corpus (Wikinews articles, CC BY 4.0, plus the reference article)."""

from __future__ import annotations

import json
from importlib import resources


def load_sample() -> list[dict]:
    """The bundled sample articles (Wikinews, CC BY 4.0, and the reference article).

    See ``newsfacts/data/SAMPLE.md`` in the package for sources and licences.

    Returns
    -------
    list of dict
        One dict per article with ``id, title, text, published, url, source``, ready for
        :func:`newsfacts.extract`.
    """
    with resources.files("newsfacts").joinpath("data/sample.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
