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
    def frames(
        self,
        ids: list[str],
        texts: list[Any],
        titles: list[Any],
        urls: list[Any],
        sources: list[Any],
        published: list[Any],
        threads: int | None = None,
        include: list[str] | None = None,
        problems: list[tuple[int, list[str]]] | None = None,
        seconds: dict[str, float] | None = None,
    ) -> dict[str, Any]:
        """Extracts a batch and returns every table as a ``pyarrow.Table`` built in the core;
        ``problems`` (by position) lead each article's ``errors``; ``seconds`` receives the wall
        time of ``extract``, ``tables`` and ``to_pyarrow``."""
    def default_threads(self) -> int:
        """Threads a call uses when it does not say."""

def table_schemas() -> dict[str, Any]:
    """Every table's ``pyarrow.Schema`` as the core declares it (equal to ``newsfacts.schema``)."""
