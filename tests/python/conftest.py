"""Shared fixtures: where ../shared is, and readers for its corpora."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("NEWSFACTS_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent (../shared is not beside this checkout); CI has it")
    return p


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """Reads a JSONL file, gzipped or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    out = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


@pytest.fixture(scope="session")
def seed() -> dict:
    """The reference article with its expected facts."""
    ref = shared_path("reference")
    expected = json.loads((ref / "seed-expected.json").read_text(encoding="utf-8"))
    text = (ref / expected["article"]["text_file"]).read_text(encoding="utf-8")
    return {"text": text, "expected": expected}
