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
    ) -> list[dict[str, Any]]:
        """Extracts a batch given as parallel columns, with the GIL released; one dict per article."""
    def default_threads(self) -> int:
        """Threads a call uses when it does not say."""
