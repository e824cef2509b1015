"""Progress bars for long calls: tqdm (``tqdm.auto``: the notebook widget in Jupyter, text on a
terminal), shown by default only when a batch holds more than :data:`AUTO_CHARS` of text (a few
seconds of work), always with ``progress=True``, never with ``progress=False``.
"""

from __future__ import annotations

from typing import Any

from .errors import InvalidOptionError

#: Characters of text above which ``progress=None`` (the default) shows a bar: about 2 MB, a
#: few seconds of extraction on a laptop.
AUTO_CHARS = 2_000_000

#: Characters of text per chunk of a call with a bar (the bar moves after each chunk).
CHUNK_CHARS = 500_000


def check(progress: Any) -> bool | None:
    """``progress`` as given, after checking it is a bool or None."""
    if progress is None or isinstance(progress, bool):
        return progress
    raise InvalidOptionError(
        f"invalid value for option `progress`: {progress!r} (expected True, False or None)"
    )


def wanted(progress: bool | None, n_chars: int) -> bool:
    """Whether a call over ``n_chars`` characters of text shows a bar."""
    return n_chars > AUTO_CHARS if progress is None else progress


def bar(total: int | None, initial: int = 0) -> Any:
    """A tqdm bar counting articles, or None when tqdm is not installed."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, initial=initial, unit="article", desc="newsfacts")


def chunks(texts: list[Any]) -> list[tuple[int, int]]:
    """``[lo, hi)`` ranges of ``texts`` holding about :data:`CHUNK_CHARS` characters each."""
    out = []
    lo, size = 0, 0
    for i, t in enumerate(texts):
        size += len(t) if isinstance(t, str) else 0
        if size >= CHUNK_CHARS:
            out.append((lo, i + 1))
            lo, size = i + 1, 0
    if lo < len(texts) or not out:
        out.append((lo, len(texts)))
    return out


def n_chars(texts: list[Any]) -> int:
    """The characters of text in a batch."""
    return sum(len(t) for t in texts if isinstance(t, str))
