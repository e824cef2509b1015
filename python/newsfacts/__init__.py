"""newsfacts: facts from news articles as pandas tables, from a parallel Rust core.

>>> import newsfacts as nf
>>> rec = nf.extract_one("Libyan Field Marshal Khalifa Haftar held talks in Rome.", published="2017-09-28")
>>> rec["published"]
'2017-09-28'
"""

from ._core import __version__
from .api import Extractor, extract, extract_one, frames, iter_records
from .display import render
from .errors import ArticleError, InvalidInputError, InvalidOptionError, NewsfactsError
from .frames import Frames, cooccurrence
from .sample import load_sample
from .schema import schema

__all__ = [
    "ArticleError",
    "Extractor",
    "Frames",
    "InvalidInputError",
    "InvalidOptionError",
    "NewsfactsError",
    "__version__",
    "cooccurrence",
    "extract",
    "extract_one",
    "frames",
    "iter_records",
    "load_sample",
    "render",
    "schema",
]
