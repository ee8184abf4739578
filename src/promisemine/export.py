"""Write documents out: JSON Lines, and flat tables (CSV, parquet) with ``doc_id``.

Files are written to a temporary name beside the target and renamed when complete,
so a reader never sees half a file.
"""
from __future__ import annotations

import json
import os
import tempfile
from typing import IO, Iterable

from .records import Activity, Document, Error, Pledge, Quantity, Section, QUANTITY_FIELDS

TABLE_COLUMNS = {
    "sections": ["doc_id", "id", "kind", "heading", "level", "start", "end"],
    "pledges": ["doc_id", "id", "party", "text", "start", "end", "section_id", "same_as"]
    + [f"quantity_{k}" for k in QUANTITY_FIELDS],
    "activities": ["doc_id", "id", "text", "sentence", "start", "end", "section_id", "lemma", "actor", "pledge_id", "link_score"]
    + [f"quantity_{k}" for k in QUANTITY_FIELDS],
}


try:  # a dependency: four times faster than the json module for the same records
    import orjson
except ImportError:  # pragma: no cover - the json module writes the same lines
    orjson = None

# The json module's equivalent of orjson.dumps: compact separators, UTF-8 text rather
# than \u escapes, no NaN; without the check for reference cycles (a record is a tree
# of fresh dicts and lists, to_dict, which has none)
_SEPARATORS = (",", ":")
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False, separators=_SEPARATORS)


def to_json_line(doc: Document, include_text: bool = False) -> str:
    """One JSON Lines record: UTF-8 text, one line, always valid JSON, compact
    (``{"id":"skara-2019","kind":"follow_up",…}``).

    Strings the contract cannot carry as UTF-8 (a lone surrogate from a file name
    with undecodable bytes, e.g. ``b"r\\xe4kning.txt"`` on a UTF-8 system) are written
    as ``\\udcxx`` escapes instead, so that the line never breaks the output encoding.
    Non-finite numbers (NaN, infinity), which are not JSON, become null.
    """
    d = doc.to_dict(include_text=include_text)
    if orjson is not None:
        try:
            return orjson.dumps(d, option=orjson.OPT_APPEND_NEWLINE).decode("utf-8")
        except (TypeError, ValueError):  # a lone surrogate, an integer beyond 64 bits: below
            pass
    try:
        line = _ENCODER.encode(d)
    except ValueError:  # NaN or infinity somewhere
        d = _finite(d)
        line = _ENCODER.encode(d)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(d, ensure_ascii=True, allow_nan=False, separators=_SEPARATORS)
    return line + "\n"


def _finite(v):
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return None
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_finite(x) for x in v]
    return v


def write_jsonl(docs: Iterable[Document], path) -> None:
    with atomic_writer(path) as fh:
        for d in docs:
            fh.write(to_json_line(d))


class atomic_writer:
    """``with atomic_writer("out.jsonl") as fh: …`` — temp file, renamed on success."""

    def __init__(self, path, mode: str = "w"):
        self.path = os.fspath(path)
        self.mode = mode

    def __enter__(self) -> IO:
        d = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(d, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=".promisemine-", dir=d)
        self.fh = os.fdopen(fd, self.mode, encoding=None if "b" in self.mode else "utf-8")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.fh.close()
            if exc_type is None:
                # mkstemp makes the file private (0600); give it the mode a plain
                # open() would have: the old file's, or 0666 less the umask
                try:
                    mode = os.stat(self.path).st_mode & 0o7777
                except OSError:
                    mode = 0o666 & ~_umask()
                os.chmod(self.tmp, mode)
                os.replace(self.tmp, self.path)
                return
        except BaseException:
            self._discard()
            raise
        self._discard()

    def _discard(self) -> None:
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def rows(docs: Iterable[Document], name: str) -> list[dict]:
    out = []
    for d in docs:
        items = {"sections": d.sections, "pledges": d.pledges, "activities": d.activities}[name]
        for it in items:
            row = {"doc_id": d.id}
            row.update(it.to_dict())
            if name in ("pledges", "activities"):
                q = row.pop("quantity")
                for k in QUANTITY_FIELDS:
                    row[f"quantity_{k}"] = q.get(k) if q else None
            row.pop("evidence", None)
            out.append({c: row.get(c) for c in TABLE_COLUMNS[name]})
    return out


def table(docs: Iterable[Document], name: str):
    import pandas as pd

    return pd.DataFrame(rows(docs, name), columns=TABLE_COLUMNS[name])


def documents_table(docs: Iterable[Document]):
    from .corpus import Corpus

    return Corpus(list(docs)).documents


def write_tables(docs: list[Document], directory, fmt: str) -> list[str]:
    """Write documents/sections/pledges/activities as CSV or parquet into ``directory``."""
    os.makedirs(directory, exist_ok=True)
    frames = {"documents": documents_table(docs)}
    for name in ("sections", "pledges", "activities"):
        frames[name] = table(docs, name)
    written = []
    for name, df in frames.items():
        path = os.path.join(os.fspath(directory), f"{name}.{fmt}")
        if fmt == "csv":
            with atomic_writer(path) as fh:
                df.to_csv(fh, index=False)
        elif fmt == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError as exc:
                raise RuntimeError("writing parquet needs pyarrow: pip install 'promisemine[parquet]'") from exc
            if "years" in df.columns:
                df = df.assign(years=df["years"].map(lambda y: [int(v) for v in y]))
            with atomic_writer(path, "wb") as fh:
                df.to_parquet(fh, index=False)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written.append(path)
    return written


def _quantity(d) -> Quantity | None:
    if not d:
        return None
    return Quantity(**{k: d.get(k) for k in QUANTITY_FIELDS if k in d}, start=d.get("start", 0), end=d.get("end", 0))


def document_from_dict(d: dict) -> Document:
    """Inverse of ``Document.to_dict`` (for ``Corpus.from_jsonl``)."""
    doc = Document(
        id=d["id"], source=d.get("source", ""), text=d.get("text", ""), title=d.get("title"),
        kind=d.get("kind", "other"), municipality=d.get("municipality"), years=list(d.get("years") or []),
        date=d.get("date"),
    )
    doc.sections = [Section(**s) for s in d.get("sections", [])]
    doc.pledges = [Pledge(**{**p, "quantity": _quantity(p.get("quantity"))}) for p in d.get("pledges", [])]
    doc.activities = [Activity(**{**a, "quantity": _quantity(a.get("quantity"))}) for a in d.get("activities", [])]
    doc.errors = [Error(**e) for e in d.get("errors", [])]
    return doc
