"""promisemine: mine pledges and reported activities from Swedish medborgarlöften.

>>> import promisemine
>>> doc = promisemine.extract("corpus/docs/000_5836569da2d3e8ba.txt")     # doctest: +SKIP
>>> corpus = promisemine.extract_corpus(["corpus/docs"])                    # doctest: +SKIP
>>> corpus.fulfilment()                                                      # doctest: +SKIP
"""
from .corpus import Corpus, extract, extract_corpus, iter_extract
from .records import Activity, Document, Error, Pledge, Quantity, Section

__version__ = "0.1.0"
__all__ = [
    "Activity", "Corpus", "Document", "Error", "Pledge", "Quantity", "Section",
    "extract", "extract_corpus", "iter_extract", "__version__",
]
