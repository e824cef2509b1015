"""Type stubs of the native module ``newsfacts._core`` (users import ``newsfacts``)."""

from typing import Any

__version__: str

class Extractor:
    """The native pipeline: built once, immutable, shared between threads."""

    def __init__(
        self, threads: int | None = None, include: list[str] | None = None, timings: bool | None = None
    ) -> None:
        """Builds the pipeline. ``timings=True`` (or ``NEWSFACTS_TIMINGS=1`` when ``None``) adds a
        ``timings`` dict to every record: each stage's wall time in microseconds (debug info)."""
    def extract(
        self,
        ids: list[str],
        texts: list[Any],
        titles: list[Any],
        urls: list[Any],
        sources: list[Any],
        published: list[Any],
        threads: int | None = None,
        include: list[str] | None = None,
        dedup: DedupIndex | None = None,
    ) -> list[dict[str, Any]]:
        """Extracts a batch given as parallel columns, with the GIL released; one dict per article.
        ``dedup``: the near-duplicate registry of a stream (else near-duplicates within the batch).
        Ctrl-C raises ``KeyboardInterrupt`` within about a second."""
    def default_threads(self) -> int:
        """Threads a call uses when it does not say."""

class DedupIndex:
    """The near-duplicate registry of one stream: the MinHash signatures of the articles seen."""

    def __init__(self) -> None:
        """An empty registry."""
    def __len__(self) -> int:
        """The number of articles registered."""
