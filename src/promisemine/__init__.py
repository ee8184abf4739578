"""promisemine: mine pledges and reported activities from Swedish medborgarlöften.

>>> import promisemine
>>> doc = promisemine.extract("corpus/docs/000_5836569da2d3e8ba.txt")     # doctest: +SKIP
>>> corpus = promisemine.extract_corpus(["corpus/docs"])                    # doctest: +SKIP
>>> corpus.fulfilment()                                                      # doctest: +SKIP

The default install compiles the pipeline modules with Cython where a C compiler is
available (see ``compiled_modules()``). ``PROMISEMINE_PURE=1`` in the environment at
import time runs the pure-Python source instead, even where compiled modules are
installed (tracebacks with line numbers, debugging); the output is the same.
"""
import importlib.machinery
import importlib.util
import os
import sys


def _pure_requested() -> bool:
    return os.environ.get("PROMISEMINE_PURE", "") not in ("", "0")


class _SourceFinder:
    """Loads ``promisemine.<name>`` from ``<name>.py`` next to this file, before the
    import system would pick a compiled extension module of the same name. (A meta path
    finder needs only ``find_spec``; ``importlib.abc`` would add some 20 ms to every
    start of the command line.)"""

    def __init__(self, package: str, directory: str):
        self.package, self.directory = package, directory

    def find_spec(self, fullname, path=None, target=None):
        head, _, name = fullname.rpartition(".")
        if head != self.package or not name:
            return None
        source = os.path.join(self.directory, name + ".py")
        if not os.path.isfile(source):
            return None
        loader = importlib.machinery.SourceFileLoader(fullname, source)
        return importlib.util.spec_from_file_location(fullname, source, loader=loader)


if _pure_requested() and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
    sys.meta_path.insert(0, _SourceFinder(__name__, os.path.dirname(os.path.abspath(__file__))))


def compiled_modules() -> tuple:
    """The names of the ``promisemine`` submodules loaded so far from compiled
    extension modules (Cython), e.g. ``('activities', 'language', ...)``; empty for the
    pure-Python package or with ``PROMISEMINE_PURE=1``. Only modules already imported
    count: the pipeline modules are imported by the first extraction."""
    prefix = __name__ + "."
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = []
    for fullname, module in list(sys.modules.items()):
        if not fullname.startswith(prefix) or module is None:
            continue
        spec = getattr(module, "__spec__", None)
        loader = getattr(spec, "loader", None)
        where = getattr(module, "__file__", None) or ""
        if isinstance(loader, importlib.machinery.ExtensionFileLoader) or where.endswith(suffixes):
            found.append(fullname[len(prefix):])
    return tuple(sorted(found))


from .corpus import Corpus, extract, extract_corpus, iter_extract  # noqa: E402 - after the finder
from .records import Activity, Document, Error, Pledge, Quantity, Section  # noqa: E402

__version__ = "0.1.0"
__all__ = [
    "Activity", "Corpus", "Document", "Error", "Pledge", "Quantity", "Section",
    "compiled_modules", "extract", "extract_corpus", "iter_extract", "__version__",
]
