"""Coerces every input form the contract accepts into the columns the native core reads.

Accepted: a ``str`` or ``dict`` (one article), any iterable of them (list, tuple, generator), a pandas
``DataFrame`` (columns ``text``, ``id``, ``title``, ``url``, ``source``, ``published``, or others named by
keyword) or ``Series`` (texts or dicts; the index gives the ids).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidInputError, InvalidOptionError

_SURROGATES = re.compile("[\ud800-\udfff]")
_META = ("title", "url", "source")


@dataclass
class Columns:
    """One batch as parallel columns, plus what is needed to restore the caller's values."""

    ids: list[Any] = field(default_factory=list)
    texts: list[Any] = field(default_factory=list)
    titles: list[Any] = field(default_factory=list)
    urls: list[Any] = field(default_factory=list)
    sources: list[Any] = field(default_factory=list)
    published: list[Any] = field(default_factory=list)
    #: Original texts of articles whose lone surrogates were replaced, by position.
    originals: dict[int, str] = field(default_factory=dict)
    #: Per-article problems found here, by position.
    problems: dict[int, list[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.texts)


def _is_missing(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and x != x:  # NaN
        return True
    return type(x).__name__ in ("NaTType", "NAType")


def iso_date(value: Any, *, option: str | None = None) -> str | None:
    """Reads a reference date (ISO string, date, datetime or pandas Timestamp) as ``YYYY-MM-DD``.

    Args:
        value: the date; ``None``/NaN/NaT mean "none".
        option: when set, an unreadable value raises :class:`InvalidOptionError` naming it;
            otherwise a string is passed on for the core to judge and report per article.

    Returns:
        The ISO date string, or ``None``.
    """
    if _is_missing(value):
        return None
    if isinstance(value, _dt.datetime | _dt.date):  # pandas Timestamp is a datetime
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        if option is not None:
            try:
                _dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                raise InvalidOptionError(
                    f"invalid value for option `{option}`: {value!r} (expected an ISO date like "
                    "'2017-09-28', a datetime.date, a datetime.datetime or a pandas Timestamp)"
                ) from None
        return value
    if option is not None:
        raise InvalidOptionError(
            f"invalid value for option `{option}`: {value!r} of type {type(value).__name__} "
            "(expected an ISO date string, datetime.date, datetime.datetime or pandas Timestamp)"
        )
    return str(value)


def _clean_text(cols: Columns, i: int, text: Any) -> Any:
    """Replaces lone surrogates (which UTF-8 cannot hold) one for one, keeping offsets valid."""
    if isinstance(text, str) and not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            cols.originals[i] = text
            cols.problems.setdefault(i, []).append(
                "text contains lone surrogates; each was read as U+FFFD (offsets are unchanged)"
            )
            return _SURROGATES.sub("\ufffd", text)
    if _is_missing(text):
        return None
    return text


def _add(cols: Columns, art: Any, default_id: Any, published: str | None, names: Mapping[str, str]) -> None:
    i = len(cols.texts)
    if isinstance(art, str):
        cols.ids.append(default_id)
        cols.texts.append(_clean_text(cols, i, art))
        cols.titles.append(None)
        cols.urls.append(None)
        cols.sources.append(None)
        cols.published.append(published)
        return
    if isinstance(art, Mapping):
        aid = art.get(names["id"], default_id)
        cols.ids.append(default_id if _is_missing(aid) else aid)
        if names["text"] not in art:
            cols.problems.setdefault(i, []).append(f"text is missing (no {names['text']!r} key)")
        cols.texts.append(_clean_text(cols, i, art.get(names["text"])))
        cols.titles.append(None if _is_missing(art.get("title")) else art.get("title"))
        cols.urls.append(None if _is_missing(art.get("url")) else art.get("url"))
        cols.sources.append(None if _is_missing(art.get("source")) else art.get("source"))
        own = iso_date(art.get(names["published"]))
        cols.published.append(own if own is not None else published)
        return
    cols.ids.append(default_id)
    cols.texts.append(None)
    for c in (cols.titles, cols.urls, cols.sources):
        c.append(None)
    cols.published.append(published)
    cols.problems.setdefault(i, []).append(
        f"article must be a str or a dict with a 'text' key, got {type(art).__name__}"
    )


def to_columns(
    articles: Any,
    *,
    published: Any = None,
    text: str = "text",
    id: str = "id",
) -> Columns:
    """Reads ``articles`` in any accepted form into :class:`Columns`.

    Raises:
        InvalidInputError: (a ``TypeError``) when ``articles`` is of no accepted type.
        InvalidOptionError: (a ``ValueError``) when ``published`` is not a readable date.
    """
    names = {"text": text, "id": id, "published": "published"}
    cols = Columns()
    mod = type(articles).__module__
    if mod.startswith("pandas") and type(articles).__name__ == "DataFrame":
        if isinstance(published, str) and published in articles.columns:
            names["published"], published = published, None
        if text not in articles.columns:
            raise InvalidInputError(
                f"the DataFrame has no {text!r} column (columns: {list(articles.columns)}); "
                "name the text column with text=..."
            )
        ref = iso_date(published, option="published")
        use_index = id not in articles.columns
        for pos, (idx, row) in enumerate(zip(articles.index, articles.to_dict("records"), strict=True)):
            _add(cols, row, idx if use_index else pos, ref, names)
        return cols
    ref = iso_date(published, option="published")
    if mod.startswith("pandas") and type(articles).__name__ == "Series":
        for idx, art in articles.items():
            _add(cols, art, idx, ref, names)
        return cols
    if isinstance(articles, str | Mapping):
        _add(cols, articles, 0, ref, names)
        return cols
    if isinstance(articles, bytes | bytearray) or not isinstance(articles, Iterable):
        raise InvalidInputError(
            "articles must be a str, a dict with a 'text' key, an iterable of those, or a pandas "
            f"DataFrame/Series; got {type(articles).__name__}"
        )
    for pos, art in enumerate(articles):
        _add(cols, art, pos, ref, names)
    return cols
