"""The calls of the contract.

:class:`Extractor`, :func:`extract`, :func:`extract_one`, :func:`iter_records`.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from . import _core
from . import progress as _progress
from .errors import ArticleError, InvalidInputError, InvalidOptionError
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
    "tokens",
)

#: The stages the core computes when ``include`` is None.
DEFAULT_STAGES = tuple(s for s in STAGES if s != "sentences")

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


#: Keys :func:`_check_include` accepts besides the stages: ``text`` (the record carries its text).
_EXTRA = ("text",)


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
    bad = [n for n in names if n not in STAGES and n not in _EXTRA]
    if bad:
        raise InvalidOptionError(
            f"invalid value for option `include`: {bad[0]!r} (expected names among "
            f"{', '.join(STAGES + _EXTRA)})"
        )
    return names


def _core_include(include: list[str] | None) -> tuple[list[str] | None, bool]:
    """The stages for the core, and whether records carry their text (``"text"``, kept in Python)."""
    if include is None or "text" not in include:
        return include, False
    stages = [n for n in include if n != "text"]
    # Only "text" asked for: the core's default stages, plus the text.
    return (stages or None), True


def _restore(cols: Columns, recs: list[dict], with_text: bool) -> list[dict]:
    """Puts the caller's ids back, re-slices span texts of articles that had lone surrogates, and
    adds each article's text when asked."""
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
        if with_text:
            rec["text"] = original if original is not None else cols.texts[i]
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


def _with_id(article: Any, position: int, text: str, id: str) -> Any:
    if isinstance(article, str):
        return {text: article, id: position}
    if isinstance(article, Mapping) and id not in article:
        return {**article, id: position}
    return article


def _batches(articles: Any, batch_size: int, text: str, id: str) -> Iterator[Any]:
    """``articles`` (any form :meth:`Extractor.extract` takes) cut into batches of the same form.

    A DataFrame or Series is sliced by rows (its index or id column keeps giving the ids); any
    other iterable is read lazily, and articles without an id get their position in the stream.
    """
    mod, kind = type(articles).__module__, type(articles).__name__
    if mod.startswith("pandas") and kind in ("DataFrame", "Series"):
        for lo in range(0, len(articles), batch_size):
            yield articles.iloc[lo : lo + batch_size]
        return
    if isinstance(articles, str | Mapping):
        yield [_with_id(articles, 0, text, id)]
        return
    if isinstance(articles, bytes | bytearray) or not isinstance(articles, Iterable):
        raise InvalidInputError(
            "articles must be a str, a dict with a 'text' key, an iterable of those, or a pandas "
            f"DataFrame/Series; got {type(articles).__name__}"
        )
    it = iter(articles)
    offset = 0
    while batch := list(itertools.islice(it, batch_size)):
        # Default ids count across batches, not within one.
        yield [_with_id(a, offset + k, text, id) for k, a in enumerate(batch)]
        offset += len(batch)


class Extractor:
    """A reusable, picklable extraction pipeline.

    Resources (gazetteers, patterns, the model) are built once per process and shared by every
    ``Extractor``; the object itself only holds its options, so it pickles cheaply to Dask, Spark
    or multiprocessing workers.

    Parameters
    ----------
    threads : int, optional
        Default number of threads for a call (``None``: ``NEWSFACTS_THREADS``, else all cores).
    include : list of str, optional
        Default stages to compute (``None``: all but ``sentences``); ``"text"`` makes every
        record carry its article's text.

    Raises
    ------
    InvalidOptionError
        ``threads`` is not a positive int, or ``include`` names an unknown stage.

    Examples
    --------
    >>> import newsfacts as nf
    >>> ex = nf.Extractor(threads=1, include=["dates"])
    >>> ex.extract_one("It rained on 3 May 2021.")["dates"][0]["value"]
    '2021-05-03'
    """

    def __init__(self, threads: int | None = None, include: Iterable[str] | None = None) -> None:
        self.threads = _check_threads(threads)
        self.include = _check_include(include)
        stages, self._with_text = _core_include(self.include)
        self._core = _core.Extractor(self.threads, stages)

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
        progress: bool | None = None,
        _dedup: Any = None,
    ) -> list[dict]:
        """Extracts facts from every article; one dict per article, in input order.

        Parameters
        ----------
        articles : str, dict, iterable of str or dict, pandas.DataFrame or pandas.Series
            The articles. A dict has ``text`` and optional ``id``, ``title``, ``published``,
            ``url``, ``source``; a DataFrame has columns of those names (``text=``, ``id=``,
            ``published=`` name others); a Series holds texts or dicts, its index gives the ids.
        published : str, datetime.date, datetime.datetime or pandas.Timestamp, optional
            Reference date for articles without their own (``"yesterday"`` is read against it);
            for a DataFrame, may also name the column holding dates.
        threads : int, optional
            Threads for this call (the GIL is released while the core works).
        include : list of str, optional
            Stages to compute for this call, among ``entities places dates links sentences``
            (``quotes events themes tone keywords duplicates`` are accepted, for now empty);
            ``"text"`` makes each record carry its article's text (alone, it adds the text to
            the default stages).
        strict : bool, default False
            Raise :class:`ArticleError` on the first article with problems instead of reporting
            them in its ``errors``.
        text : str, default "text"
            Name of the text column or key.
        id : str, default "id"
            Name of the id column or key.
        progress : bool, optional
            Show a progress bar (tqdm; the notebook widget in Jupyter). ``None`` (the default):
            only for a batch of more than 2 MB of text, a few seconds of work.

        Returns
        -------
        list of dict
            One record per article, ``len(output) == len(input)``; the keys are described by
            :func:`newsfacts.schema` (``print(nf.schema())``).

        Raises
        ------
        InvalidInputError
            ``articles`` is of no accepted type (a ``TypeError``).
        InvalidOptionError
            A bad option value (a ``ValueError``).
        ArticleError
            With ``strict=True``, an article with problems (a ``ValueError``).

        Examples
        --------
        >>> import newsfacts as nf
        >>> recs = nf.Extractor().extract(["Haftar met Pinotti in Rome.", ""])
        >>> [r["id"] for r in recs]
        [0, 1]
        """
        threads = _check_threads(threads)
        include = _check_include(include)
        stages, with_text = _core_include(include) if include is not None else (None, self._with_text)
        progress = _progress.check(progress)
        cols = to_columns(articles, published=published, text=text, id=id)
        ids = [str(i) for i in cols.ids]
        lists = (ids, cols.texts, cols.titles, cols.urls, cols.sources, cols.published)
        bar = _progress.bar(len(ids)) if _progress.wanted(progress, _progress.n_chars(cols.texts)) else None
        with _gc_paused():
            if bar is None:
                recs = self._core.extract(*lists, threads, stages, _dedup)
            else:
                # In chunks, so the bar moves; one registry keeps near-duplicates across them.
                dedup = _dedup if _dedup is not None else _core.DedupIndex()
                recs = []
                try:
                    for lo, hi in _progress.chunks(cols.texts):
                        recs.extend(self._core.extract(*(c[lo:hi] for c in lists), threads, stages, dedup))
                        bar.update(hi - lo)
                finally:
                    bar.close()
            recs = _restore(cols, recs, with_text)
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
        """Extracts one article and returns its record.

        Parameters
        ----------
        article : str or dict
            The article's text, or a dict with ``text`` (and optional ``id``, ``title``, ...).
        published, include, strict
            As for :meth:`extract`.

        Returns
        -------
        dict
            The record.

        Raises
        ------
        InvalidInputError
            ``article`` is neither a str nor a dict.
        """
        if not isinstance(article, str | dict):
            raise InvalidInputError(
                f"article must be a str or a dict with a 'text' key, got {type(article).__name__}"
            )
        return self.extract(article, published=published, threads=1, include=include, strict=strict)[0]

    def iter_extract(
        self,
        articles: Any,
        batch_size: int = 1000,
        progress: bool | None = None,
        *,
        flat: bool = False,
        **options: Any,
    ) -> Iterator[Any]:
        """Streams records batch by batch, so memory stays flat however long the input.

        Parameters
        ----------
        articles : str, dict, iterable, pandas.DataFrame or pandas.Series
            Every form :meth:`extract` takes; an iterable (e.g. lines read lazily from a JSONL
            file) is read one batch at a time, a DataFrame or Series is cut into row slices.
        batch_size : int, default 1000
            Articles per batch (each batch runs in parallel).
        progress : bool, optional
            Show a tqdm progress bar (the notebook widget in Jupyter) when tqdm is installed;
            ``None`` (the default): once the stream has brought more than 2 MB of text.
        flat : bool, default False
            Yield one record at a time instead of one list per batch (as :func:`iter_records`).
        **options
            As for :meth:`extract` (``published``, ``threads``, ``include``, ``strict``,
            ``text``, ``id``).

        Yields
        ------
        list of dict, or dict
            The records of each batch in input order, or (``flat=True``) each record.

        Raises
        ------
        InvalidOptionError
            ``batch_size`` is not a positive int.
        InvalidInputError
            ``articles`` is of no accepted type.
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidOptionError(
                f"invalid value for option `batch_size`: {batch_size!r} (expected a positive int)"
            )
        text, id = options.get("text", "text"), options.get("id", "id")
        batches = _batches(articles, batch_size, text, id)
        # Near-duplicates across the whole stream: the signatures of every batch so far.
        options = {**options, "_dedup": _core.DedupIndex(), "progress": False}
        progress = _progress.check(progress)
        total = (
            len(articles)
            if hasattr(articles, "__len__") and not isinstance(articles, str | Mapping)
            else None
        )
        bar = None
        done, chars = 0, 0
        try:
            for batch in batches:
                recs = self.extract(batch, **options)
                done += len(recs)
                chars += sum(r.get("n_chars") or 0 for r in recs)
                if bar is None and _progress.wanted(progress, chars):
                    bar = _progress.bar(total, initial=done - len(recs))
                if bar is not None:
                    bar.update(len(recs))
                if flat:
                    yield from recs
                else:
                    yield recs
        finally:
            if bar is not None:
                bar.close()

    def iter_records(
        self, articles: Any, batch_size: int = 1000, progress: bool | None = None, **options: Any
    ):
        """Streams records one at a time: :meth:`iter_extract` with ``flat=True``.

        Parameters
        ----------
        articles, batch_size, progress, **options
            As for :meth:`iter_extract`.

        Yields
        ------
        dict
            Each article's record, in input order.
        """
        return self.iter_extract(articles, batch_size, progress, flat=True, **options)

    def frames(self, articles_or_recs: Any, **options: Any) -> Frames:
        """Tidy pandas tables (see :class:`newsfacts.Frames`) of articles or of records.

        Parameters
        ----------
        articles_or_recs : articles in any form :meth:`extract` takes, or a list of records
            Articles are extracted with their text and sentences, so that the ``sentences``
            table and the mentions' ``sentence_text`` are filled.
        **options
            As for :meth:`extract`.

        Returns
        -------
        Frames
        """
        if is_records(articles_or_recs):
            _progress.check(options.get("progress"))
            return Frames.from_records(articles_or_recs)
        include = _check_include(options.pop("include", None))
        if include is None:
            include = self.include if self.include is not None else list(DEFAULT_STAGES)
        include = list(dict.fromkeys([*include, "sentences", "text"]))
        return Frames.from_records(self.extract(articles_or_recs, include=include, **options))


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide extractor behind the module-level functions.

    Returns
    -------
    Extractor
        Built on first use, with the default options.
    """
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
    progress: bool | None = None,
    **columns: str,
) -> list[dict]:
    """Extracts facts from articles: one dict per article, in input order.

    Parameters
    ----------
    articles : str, dict, iterable of str or dict, pandas.DataFrame or pandas.Series
        The articles (see :meth:`Extractor.extract`).
    published : str, datetime.date, datetime.datetime or pandas.Timestamp, optional
        Reference date for articles without their own.
    threads : int, optional
        Threads for this call (default: ``NEWSFACTS_THREADS``, else all cores).
    include : list of str, optional
        Stages to compute; ``"text"`` makes records carry their text.
    strict : bool, default False
        Raise :class:`ArticleError` instead of reporting problems in ``errors``.
    progress : bool, optional
        Show a progress bar (``None``, the default: only for more than 2 MB of text).
    **columns : str
        ``text=`` and ``id=``: the names of the text and id columns or keys.

    Returns
    -------
    list of dict
        One record per article; ``print(nf.schema())`` describes every key.

    Raises
    ------
    InvalidInputError
        ``articles`` is of no accepted type (a ``TypeError``).
    InvalidOptionError
        A bad option value (a ``ValueError``).
    ArticleError
        With ``strict=True``, an article with problems.

    Examples
    --------
    >>> import newsfacts as nf
    >>> rec = nf.extract("Libyan Field Marshal Khalifa Haftar held talks in Rome.")[0]
    >>> [(e["name"], e["type"]) for e in rec["entities"]]
    [('Libyan', 'NORP'), ('Khalifa Haftar', 'PERSON'), ('Rome', 'LOC')]
    """
    return default_extractor().extract(
        articles,
        published=published,
        threads=threads,
        include=include,
        strict=strict,
        progress=progress,
        **columns,
    )


def extract_one(
    article: Any, *, published: Any = None, include: Iterable[str] | None = None, strict: bool = False
) -> dict:
    """Extracts one article.

    Parameters
    ----------
    article : str or dict
        The text, or a dict with ``text`` and optional ``id``, ``title``, ``published``, ...
    published, include, strict
        As for :func:`extract`.

    Returns
    -------
    dict
        The record (``print(nf.schema())`` describes its keys).

    Examples
    --------
    >>> import newsfacts as nf
    >>> nf.extract_one("He left yesterday.", published="2017-09-28")["dates"][0]["value"]
    '2017-09-27'
    """
    return default_extractor().extract_one(article, published=published, include=include, strict=strict)


def iter_records(articles: Any, *, batch_size: int = 1000, progress: bool | None = None, **options: Any):
    """Streams one record at a time, batch by batch underneath (flat memory).

    Parameters
    ----------
    articles : str, dict, iterable, pandas.DataFrame or pandas.Series
        As for :func:`extract`; iterables are read lazily.
    batch_size : int, default 1000
        Articles per batch.
    progress : bool, optional
        Show a progress bar when tqdm is installed (``None``: once past 2 MB of text).
    **options
        As for :func:`extract`.

    Yields
    ------
    dict
        Each article's record, in input order.
    """
    return default_extractor().iter_records(articles, batch_size, progress, **options)


def frames(articles_or_recs: Any, **options: Any) -> Frames:
    """Tidy tables of articles (extracted with ``options``) or of records already extracted.

    Parameters
    ----------
    articles_or_recs : str, dict, iterable, pandas.DataFrame or list of records
        Articles in any form :func:`newsfacts.extract` takes, or the records it returned.
    **options
        As for :func:`newsfacts.extract` (``published``, ``threads``, ``include``, ``text``, ``id``).

    Returns
    -------
    Frames
        The tables. From articles, the records also carry their text and sentences, so the
        ``sentences`` table and the mentions' ``sentence_text`` are filled.

    Examples
    --------
    >>> import newsfacts as nf
    >>> fr = nf.frames(["Libyan Field Marshal Khalifa Haftar held talks in Rome."])
    >>> fr.entities.loc[fr.entities["type"] == "PERSON", "name"].tolist()
    ['Khalifa Haftar']
    """
    return default_extractor().frames(articles_or_recs, **options)
