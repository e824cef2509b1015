"""The calls of the contract: :class:`Extractor`, :func:`extract`, :func:`extract_one`."""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from . import _core
from .errors import ArticleError, InvalidOptionError
from .frames import Frames, is_records
from .input import Columns, to_columns

STAGES = (
    "entities",
    "places",
    "dates",
    "links",
    "quotes",
    "events",
    "themes",
    "tone",
    "keywords",
    "duplicates",
    "sentences",
)

#: Record keys that hold lists of spans with ``start``/``end``/``text``.
_SPAN_KEYS = ("dates", "links", "embeds", "boilerplate", "quotes")


def _check_threads(threads: Any) -> int | None:
    if threads is None:
        return None
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise InvalidOptionError(
            f"invalid value for option `threads`: {threads!r} (expected a positive int or None)"
        )
    return threads


def _check_include(include: Any) -> list[str] | None:
    if include is None:
        return None
    if isinstance(include, str):
        include = [include]
    try:
        names = list(include)
    except TypeError:
        raise InvalidOptionError(
            f"invalid value for option `include`: {include!r} (expected a list of stage names)"
        ) from None
    bad = [n for n in names if n not in STAGES]
    if bad:
        raise InvalidOptionError(
            f"invalid value for option `include`: {bad[0]!r} (expected names among {', '.join(STAGES)})"
        )
    return names


def _restore(cols: Columns, recs: list[dict]) -> list[dict]:
    """Puts the caller's ids back and re-slices span texts of articles that had lone surrogates."""
    for i, rec in enumerate(recs):
        rec["id"] = cols.ids[i]
        problems = cols.problems.get(i)
        if problems:
            text_known = any(p.startswith(("text", "article")) for p in problems)
            rust = [e for e in rec["errors"] if not (text_known and e == "text is missing")]
            rec["errors"] = problems + rust
        original = cols.originals.get(i)
        if original is not None:
            for e in rec["entities"]:
                for m in e["mentions"]:
                    m["text"] = original[m["start"] : m["end"]]
            for key in _SPAN_KEYS:
                for s in rec.get(key) or []:
                    s["text"] = original[s["start"] : s["end"]]
    return recs


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pauses Python's cyclic garbage collector while records are built.

    Building thousands of small dicts and lists triggers collection after collection, each
    traversing every record built so far; records hold no reference cycles, so nothing is lost
    by collecting once afterwards (when the collector was on, it runs again on exit).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _with_id(article: Any, position: int) -> Any:
    if isinstance(article, str):
        return {"text": article, "id": position}
    if isinstance(article, dict) and "id" not in article:
        return {**article, "id": position}
    return article


class Extractor:
    """A reusable, picklable extraction pipeline.

    Resources (gazetteers, patterns, the model) are built once per process and shared by every
    ``Extractor``; the object itself only holds its options, so it pickles cheaply to Dask, Spark
    or multiprocessing workers.

    Args:
        threads: default number of threads for a call (``None``: ``NEWSFACTS_THREADS`` or all cores).
        include: default stages to compute (``None``: all).
    """

    def __init__(self, threads: int | None = None, include: Iterable[str] | None = None) -> None:
        self.threads = _check_threads(threads)
        self.include = _check_include(include)
        self._core = _core.Extractor(self.threads, self.include)

    def __getstate__(self) -> dict:
        return {"threads": self.threads, "include": self.include}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def __repr__(self) -> str:
        return f"Extractor(threads={self.threads!r}, include={self.include!r})"

    def extract(
        self,
        articles: Any,
        *,
        published: Any = None,
        threads: int | None = None,
        include: Iterable[str] | None = None,
        strict: bool = False,
        text: str = "text",
        id: str = "id",
    ) -> list[dict]:
        """Extracts facts from every article; one dict per article, in input order.

        Args:
            articles: a str, a dict, an iterable of them, or a pandas DataFrame/Series.
            published: reference date for articles without their own (ISO str, date, datetime,
                Timestamp); for a DataFrame, may also name the column holding dates.
            threads: threads for this call (the GIL is released while the core works).
            include: stages to compute for this call.
            strict: raise :class:`ArticleError` on the first article with problems instead of
                reporting them in its ``errors``.
            text: name of the text column/key.
            id: name of the id column/key.

        Returns:
            One record per article (see CONTRACT.md), ``len(output) == len(input)``.

        Raises:
            InvalidInputError: articles of no accepted type (a ``TypeError``).
            InvalidOptionError: a bad option value (a ``ValueError``).
            ArticleError: with ``strict=True``, an article with problems (a ``ValueError``).
        """
        threads = _check_threads(threads)
        include = _check_include(include)
        cols = to_columns(articles, published=published, text=text, id=id)
        with _gc_paused():
            recs = self._core.extract(
                [str(i) for i in cols.ids],
                cols.texts,
                cols.titles,
                cols.urls,
                cols.sources,
                cols.published,
                threads,
                include,
            )
            recs = _restore(cols, recs)
        if strict:
            for rec in recs:
                if rec["errors"]:
                    raise ArticleError(f"article {rec['id']!r}: {'; '.join(rec['errors'])}")
        return recs

    def extract_one(
        self,
        article: Any,
        *,
        published: Any = None,
        include: Iterable[str] | None = None,
        strict: bool = False,
    ) -> dict:
        """Extracts one article (a str or a dict) and returns its record."""
        if not isinstance(article, str | dict):
            from .errors import InvalidInputError

            raise InvalidInputError(
                f"article must be a str or a dict with a 'text' key, got {type(article).__name__}"
            )
        return self.extract(article, published=published, threads=1, include=include, strict=strict)[0]

    def iter_extract(
        self, iterable: Iterable[Any], batch_size: int = 1000, progress: bool = True, **options: Any
    ) -> Iterator[list[dict]]:
        """Streams records batch by batch, so memory stays flat however long the input.

        Args:
            iterable: articles (str or dict), e.g. lines read lazily from a JSONL file.
            batch_size: articles per batch (each batch runs in parallel).
            progress: show a tqdm progress bar when tqdm is installed.
            **options: as for :meth:`extract`.

        Yields:
            A list of records per batch, in input order.
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidOptionError(
                f"invalid value for option `batch_size`: {batch_size!r} (expected a positive int)"
            )
        bar = None
        if progress:
            try:
                from tqdm.auto import tqdm

                bar = tqdm(unit="article")
            except ImportError:
                bar = None
        it = iter(iterable)
        offset = 0
        try:
            while batch := list(itertools.islice(it, batch_size)):
                # Default ids count across batches, not within one.
                batch = [_with_id(a, offset + k) for k, a in enumerate(batch)]
                recs = self.extract(batch, **options)
                offset += len(batch)
                if bar is not None:
                    bar.update(len(batch))
                yield recs
        finally:
            if bar is not None:
                bar.close()

    def frames(self, articles_or_recs: Any, **options: Any):
        """Tidy pandas tables (see :class:`newsfacts.Frames`) of articles or of records."""
        recs = articles_or_recs if is_records(articles_or_recs) else self.extract(articles_or_recs, **options)
        return Frames.from_records(recs)


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide extractor behind the module-level functions."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(
    articles: Any,
    *,
    published: Any = None,
    threads: int | None = None,
    include: Iterable[str] | None = None,
    strict: bool = False,
    **columns: str,
) -> list[dict]:
    """Extracts facts from articles: one dict per article. See :meth:`Extractor.extract`."""
    return default_extractor().extract(
        articles, published=published, threads=threads, include=include, strict=strict, **columns
    )


def extract_one(
    article: Any, *, published: Any = None, include: Iterable[str] | None = None, strict: bool = False
) -> dict:
    """Extracts one article. See :meth:`Extractor.extract_one`."""
    return default_extractor().extract_one(article, published=published, include=include, strict=strict)


def frames(articles_or_recs: Any, **options: Any) -> Frames:
    """Tidy tables of articles (extracted with ``options``) or of records already extracted."""
    return default_extractor().frames(articles_or_recs, **options)
