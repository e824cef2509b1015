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
        registry: KeyRegistry | None = None,
    ) -> list[dict[str, Any]]:
        """Extracts a batch given as parallel columns, with the GIL released; one dict per article.
        With ``registry``, the cross-article key evidence of earlier batches applies and this
        batch's is added."""
    def default_threads(self) -> int:
        """Threads a call uses when it does not say."""

class KeyRegistry:
    """Cross-article key evidence carried from batch to batch (one per stream of batches)."""

    def __init__(self) -> None:
        """An empty registry."""
    def __len__(self) -> int:
        """The number of names the registry has seen."""
