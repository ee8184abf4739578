"""Find input documents and read them into text, robustly.

Researchers feed promisemine whatever a crawler saved: UTF-8 with or without a
byte-order mark, UTF-16 from Windows tools (sometimes without a BOM), legacy
Swedish single-byte text (cp1252 above all, now and then latin-1, Mac Roman or
DOS cp850), files that are really PNGs, PDFs or ZIPs under a ``.txt`` name,
empty files, broken symlinks, folders that link back into themselves, HTML and
PDF documents. This module turns every such input into either text or a
:class:`ReadError` with a one-line message that names the file -- never a
traceback -- so that one bad file never stops a batch.

Three entry points:

* :func:`discover` expands the paths given on the command line (files,
  folders, globs, ``-`` for standard input) into :class:`Source` items, or
  :class:`ReadError` values for paths that cannot be used. It never raises.
* :func:`decode` turns bytes into ``str`` and names the encoding it used.
* :func:`read_source` reads one :class:`Source` (size limit, permissions,
  HTML/PDF extraction through optional extras) and decodes it.

The text returned is the text that offsets index (``shared/spec/output-format.md``,
section "Offsets"): a byte-order mark is removed, and nothing else is changed --
CRLF and lone CR line ends, no-break spaces, soft hyphens and zero-width
characters are all kept exactly as they are. For HTML and PDF input the
offsets index the extracted text.

Example::

    for item in discover(["corpus/docs", "extra.txt", "-"]):
        if isinstance(item, ReadError):
            print(item.message, file=sys.stderr)   # "x.txt: binary file (PNG image), skipped"
            continue
        try:
            text, encoding = read_source(item)
        except ReadError as err:
            print(err.message, file=sys.stderr)
            continue
"""
from __future__ import annotations

import codecs
import errno
import fnmatch
import glob
import io
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Iterator, Union

__all__ = [
    "BINARY_SIGNATURES",
    "DEFAULT_MAX_BYTES",
    "ERROR_CODES",
    "ReadError",
    "Source",
    "decode",
    "discover",
    "read_source",
]

#: Files larger than this are refused by :func:`read_source` unless the caller
#: raises the limit (``--max-bytes``) or passes ``None``.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024

#: Every value :attr:`ReadError.code` can take.
ERROR_CODES = (
    "missing",
    "no_documents",
    "empty",
    "binary",
    "undecodable",
    "too_large",
    "unreadable",
    "not_a_file",
    "symlink_loop",
    "broken_symlink",
    "missing_extra",
)

#: Magic numbers of common non-text formats, with the name used in messages.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, e.g. DOCX/XLSX/ODT"),
    (b"PK\x05\x06", "ZIP archive (empty)"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "GZIP compressed data"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document, e.g. old Word .doc/Excel .xls"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "XZ compressed data"),
    (b"\x28\xb5\x2f\xfd", "Zstandard compressed data"),
    (b"BZh91AY&SY", "BZIP2 compressed data"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)

_HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
_PDF_EXTENSIONS = (".pdf",)

#: Control characters that do not belong in text. Tab, LF, VT, FF and CR are
#: whitespace; ``\x1a`` (SUB) is the DOS end-of-file marker that old files end with.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_CONTROL_RATIO = 0.05  # more than this share of control characters -> binary
_SAMPLE_CHARS = 1 << 20  # characters inspected for the control ratio
_LEGACY_SAMPLE_BYTES = 256 * 1024  # bytes used to choose a legacy encoding
_SCORED_CHARS = 20_000  # non-ASCII characters scored per candidate encoding
_MIXED_UTF8_SHARE = 0.95  # share of valid UTF-8 sequences for "mostly UTF-8"
_MAX_REPLACEMENT_SHARE = 0.01  # broken UTF-16/32: tolerated share of U+FFFD

_VALID_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}"
    rb"|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_GLOB_MAGIC_RE = re.compile(r"[*?[]")

# Legacy single-byte encodings plausible for Swedish text, most likely first:
# ties in the plausibility score go to the earlier one, so cp1252 wins whenever
# it reads the bytes as well as any other (latin-1 text decodes identically).
_LEGACY_CANDIDATES = ("cp1252", "iso8859-15", "mac-roman", "cp850", "cp437")
_LEGACY_LAST_RESORT = "latin-1"  # decodes any byte string
_GUESS_HANDICAP = 2  # plausibility points charset-normalizer's other guesses must win by

_SWEDISH_LETTERS = frozenset("åäöÅÄÖ")
_WESTERN_LETTERS = frozenset("éÉèÈáÁàÀâêëíÍìïîóÓòôúÚùûüÜñÑçÇøØæÆß")
_COMMON_PUNCT = frozenset("–—‘’‚“”„…•·§°½¼¾€£«»´×±²³µ©®™\xa0\xad")
_MIDWORD_OK = frozenset("’\xad")


# --------------------------------------------------------------------------- types


@dataclass
class Source:
    """One input to process.

    ``path`` is the path as given or found (``"-"`` for standard input) and is
    what :func:`read_source` opens; ``name`` is the file name for display;
    ``doc_id`` is the default document id -- the file stem, e.g.
    ``"000_5836569da2d3e8ba"`` -- which the caller makes unique within a run.
    """

    path: str
    name: str
    doc_id: str


@dataclass
class ReadError(Exception):
    """Why an input gives no text. Raised by :func:`read_source`/:func:`decode`
    and yielded as a value by :func:`discover`.

    ``code`` is one of :data:`ERROR_CODES`; ``message`` is one line that names
    the file, e.g. ``"corpus/x.txt: binary file (PNG image), skipped"``.
    Errors raised by :func:`decode` have ``path == ""`` and a message without
    a file name; :meth:`with_path` adds it.
    """

    path: str
    code: str
    message: str

    def __post_init__(self) -> None:
        Exception.__init__(self, self.path, self.code, self.message)

    def __str__(self) -> str:
        return self.message

    def __hash__(self) -> int:  # exceptions must stay hashable
        return hash((type(self), self.path, self.code, self.message))

    def __reduce__(self) -> tuple[Any, ...]:  # picklable for worker processes
        return (type(self), (self.path, self.code, self.message))

    def with_path(self, path: str, where: str | None = None) -> "ReadError":
        """The same error for ``path``, its message prefixed with the file name
        (``where``, default a printable form of ``path``)."""
        where = _show(path) if where is None else where
        message = f"{where}: {self.message}" if where else self.message
        return ReadError(path, self.code, message)


Item = Union[Source, ReadError]


# ------------------------------------------------------------------------- helpers


def _show(path: str) -> str:
    """``path`` made printable on one line: undecodable file-name bytes become
    U+FFFD and control characters (a newline in a file name) are escaped."""
    try:
        text = os.fsencode(path).decode("utf-8", "replace")
    except Exception:
        text = str(path).encode("utf-8", "replace").decode("utf-8")
    if text.isprintable():  # nearly every path: no control character (they are not printable)
        return text
    return "".join(
        f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in text
    )


def _human(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover


def _make_source(path: str, name: str) -> Source:
    shown = _show(name)
    stem = os.path.splitext(shown)[0] or shown
    return Source(path=path, name=shown, doc_id=stem)


def _os_error(path: str, exc: BaseException, where: str | None = None) -> ReadError:
    """Map an OS error met while looking at or opening ``path`` to a ReadError."""
    where = _show(path) if where is None else where
    err = getattr(exc, "errno", None)
    if isinstance(exc, ValueError):  # e.g. a NUL character in the path
        return ReadError(path, "missing", f"{where}: not a valid path ({exc})")
    if err == errno.ELOOP:
        return ReadError(path, "symlink_loop", f"{where}: symbolic link loop, skipped")
    if isinstance(exc, FileNotFoundError) or err == errno.ENOENT:
        if os.path.islink(path):
            try:
                target = f" (target '{_show(os.readlink(path))}' does not exist)"
            except OSError:
                target = ""
            return ReadError(
                path, "broken_symlink", f"{where}: broken symbolic link{target}, skipped"
            )
        return ReadError(path, "missing", f"{where}: no such file or folder")
    if isinstance(exc, PermissionError) or err in (errno.EACCES, errno.EPERM):
        return ReadError(path, "unreadable", f"{where}: permission denied, skipped")
    if isinstance(exc, IsADirectoryError) or err == errno.EISDIR:
        return ReadError(path, "not_a_file", f"{where}: is a folder, not a file, skipped")
    if isinstance(exc, NotADirectoryError) or err == errno.ENOTDIR:
        return ReadError(path, "missing", f"{where}: no such file or folder (a parent is not a folder)")
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return ReadError(path, "unreadable", f"{where}: cannot read ({reason}), skipped")


# ------------------------------------------------------------------------ discover


def discover(paths: Iterable[str], pattern: str = "*.txt") -> Iterator[Item]:
    """Expand command-line paths into :class:`Source` items (or ReadError values).

    * a file is taken whatever its extension;
    * a folder is searched recursively for files whose name matches ``pattern``
      (case-insensitively), in sorted order; symlinked folders are followed but
      each real folder is entered once (no symlink loops), hidden files and
      folders (``.git``) are skipped;
    * a glob (``corpus/*.txt``, ``corpus/**/*.txt``) selects the files it matches,
      a folder it matches is searched like a folder given directly;
    * ``-`` is standard input: ``Source(path="-", name="stdin", doc_id="stdin")``.

    A real file is yielded once per call even if several paths reach it. Paths
    that cannot be used are yielded as :class:`ReadError` values (``missing``,
    ``no_documents``, ``broken_symlink``, ``symlink_loop``, ``unreadable``);
    this generator itself never raises for any path.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # a single path given by mistake: not its characters
    seen_files: set[tuple[int, int]] = set()
    stdin_done = False
    for raw in paths:
        try:
            path = raw if isinstance(raw, str) else os.fsdecode(raw)
        except TypeError:
            yield ReadError(str(raw), "missing", f"{_show(str(raw))}: not a path")
            continue
        if path == "-":
            if not stdin_done:
                stdin_done = True
                yield Source(path="-", name="stdin", doc_id="stdin")
            continue
        try:
            yield from _discover_one(path, pattern, seen_files)
        except Exception as exc:  # never raise from discover
            yield _os_error(path, exc)


def _discover_one(path: str, pattern: str, seen: set[tuple[int, int]]) -> Iterator[Item]:
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        missing = isinstance(exc, FileNotFoundError) and not os.path.lexists(path)
        if missing and _GLOB_MAGIC_RE.search(path):
            yield from _discover_glob(path, pattern, seen)
        else:
            yield _os_error(path, exc)
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _discover_folder(path, pattern, seen)
        return
    item = _file_item(path, os.path.basename(path) or path, seen, explicit=True)
    if item is not None:
        yield item


def _file_item(path: str, name: str, seen: set[tuple[int, int]], explicit: bool = False) -> Item | None:
    """A Source for ``path`` (or the error met looking at it); ``None`` for a file
    already yielded, or -- unless named explicitly -- one that is not regular
    (a FIFO or device found in a folder is never read)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        return _os_error(path, exc)
    if not explicit and not stat.S_ISREG(st.st_mode):
        return None
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return None
    seen.add(key)
    return _make_source(path, name)


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _walk(root: str) -> Iterator[tuple[tuple[str, ...], str, ReadError | None]]:
    """Yield ``(relative parts, path, listing error)`` for every non-folder entry
    under ``root``, depth first in sorted name order.

    Iterative (deep trees cannot overflow the stack); hidden entries (``.git``,
    ``.DS_Store``, ``._x.txt``) are skipped; symlinked folders are followed, but
    each real folder is entered once, so symlink loops terminate. Within a
    folder, symlinks come after real entries, so that a file reachable both
    ways is reported under its real path. A folder that cannot be listed is
    yielded with its error.
    """
    seen_dirs: set[tuple[int, int]] = set()

    def listing(folder: str) -> tuple[list[tuple[bool, str, os.DirEntry[str]]], ReadError | None]:
        try:
            with os.scandir(folder) as it:
                # symlinks after real entries, so a real path wins over an alias
                entries = sorted((_is_link(e), e.name, e) for e in it if not e.name.startswith("."))
            return entries, None
        except OSError as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            return [], ReadError(folder, "unreadable",
                                 f"{_show(folder)}: cannot list folder ({reason}), skipped")

    try:
        st = os.stat(root)
        seen_dirs.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    entries, err = listing(root)
    if err is not None:
        yield (), root, err
    stack = [((), root, iter(entries))]
    while stack:
        rel, folder, it = stack[-1]
        nxt = next(it, None)
        if nxt is None:
            stack.pop()
            continue
        _, name, entry = nxt
        full = os.path.join(folder, name)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError:
            is_dir = False
        if not is_dir:
            yield rel + (name,), full, None
            continue
        try:
            dst = os.stat(full)
        except OSError:
            continue
        key = (dst.st_dev, dst.st_ino)
        if key in seen_dirs:  # a symlink back up (a loop), or a second way in
            continue
        seen_dirs.add(key)
        entries, err = listing(full)
        if err is not None:
            yield rel + (name,), full, err
        stack.append((rel + (name,), full, iter(entries)))


def _discover_folder(root: str, pattern: str, seen: set[tuple[int, int]]) -> Iterator[Item]:
    pat = pattern.lower()
    matched = False
    for rel, full, err in _walk(root):
        if err is not None:
            matched = True
            yield err
            continue
        if not fnmatch.fnmatchcase(rel[-1].lower(), pat):
            continue
        matched = True  # even if already yielded through another path
        item = _file_item(full, rel[-1], seen)
        if item is not None:
            yield item
    if not matched:
        yield ReadError(
            root, "no_documents",
            f"{_show(root)}: no files matching '{pattern}' in this folder",
        )


def _match_parts(parts: tuple[str, ...], pats: tuple[str, ...]) -> bool:
    """Glob matching of path components, ``**`` standing for any number of them."""
    if not pats:
        return not parts
    if pats[0] == "**":
        return any(_match_parts(parts[i:], pats[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pats[0]) and _match_parts(parts[1:], pats[1:])


def _discover_glob(path: str, pattern: str, seen: set[tuple[int, int]]) -> Iterator[Item]:
    """Expand a glob. Folders a plain glob matches are searched like folders
    given directly; ``**`` globs select files only and are expanded with the
    loop-safe walker (``glob.glob`` would follow symlink loops)."""
    components = re.split(r"[\\/]" if os.altsep else "/", path)
    if "**" in components:
        magic_at = next(i for i, c in enumerate(components) if _GLOB_MAGIC_RE.search(c))
        base = "/".join(components[:magic_at]) if magic_at else ""
        if magic_at == 1 and components[0] == "":
            base = "/"  # "/**/x.txt"
        pats = tuple(c for c in components[magic_at:] if c)
        if not os.path.isdir(base or "."):
            yield ReadError(path, "missing", f"{_show(path)}: no files match this pattern")
            return
        found = False
        for rel, full, err in _walk(base or "."):
            if err is not None:
                yield err
            elif _match_parts(rel, pats):
                found = True
                item = _file_item(full if base else os.path.join(*rel), rel[-1], seen)
                if item is not None:
                    yield item
        if not found:
            yield ReadError(path, "missing", f"{_show(path)}: no files match this pattern")
        return
    try:
        matches = sorted(glob.glob(path))
    except Exception as exc:  # e.g. a malformed pattern
        yield ReadError(path, "missing", f"{_show(path)}: bad pattern ({exc})")
        return
    if not matches:
        yield ReadError(path, "missing", f"{_show(path)}: no files match this pattern")
        return
    for match in matches:  # files already reached by an earlier path are not repeated
        yield from _discover_one(match, pattern, seen)


# -------------------------------------------------------------------------- decode


def _control_ratio(text: str) -> float:
    sample = text[:_SAMPLE_CHARS]
    return len(_CONTROL_RE.findall(sample)) / max(1, len(sample))


def _finish(text: str, encoding: str) -> tuple[str, str]:
    """Checks common to every decoding: whitespace-only and control-heavy text."""
    if not text.strip():
        if not text:
            raise ReadError("", "empty", "empty file (only a byte-order mark), skipped")
        raise ReadError("", "empty", "empty file (only whitespace), skipped")
    if _control_ratio(text) > _CONTROL_RATIO:
        raise ReadError("", "binary", "binary file (many control characters), skipped")
    return text, encoding


def _decode_unicode(body: bytes, codec: str) -> tuple[str, str]:
    """Decode UTF-16/32 ``body``; tolerate a truncated tail or a few bad code units."""
    try:
        return body.decode(codec), codec
    except UnicodeDecodeError:
        pass
    text = body.decode(codec, "replace")
    bad = text.count("\ufffd")  # a truncated last unit counts as one
    if bad <= max(1, int(len(text) * _MAX_REPLACEMENT_SHARE)):
        return text, f"{codec} (with replacements)"
    name = codec.split("-")[0].upper() + "-" + codec.split("-")[1]
    raise ReadError("", "undecodable", f"cannot decode text (invalid {name}), skipped")


def _bomless_wide(data: bytes) -> str | None:
    """Guess BOM-less UTF-32/UTF-16 from where the NUL bytes are.

    Mostly-ASCII (and all Swedish) text in UTF-16LE has a NUL in (nearly)
    every odd byte and almost none in even bytes; UTF-16BE the other way
    round; UTF-32 has NULs in two or three of every four bytes. The caller
    still checks that the decoded text is plausible.
    """
    n = len(data)
    if n < 2:
        return None
    if n % 4 == 0 and n >= 4:
        quarter = n // 4
        by_pos = [data[i::4].count(0) for i in range(4)]
        if by_pos[2] >= 0.9 * quarter and by_pos[3] >= 0.9 * quarter and by_pos[0] < 0.5 * quarter:
            return "utf-32-le"
        if by_pos[0] >= 0.9 * quarter and by_pos[1] >= 0.9 * quarter and by_pos[3] < 0.5 * quarter:
            return "utf-32-be"
    half = n // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.25 * half and even <= odd / 10:
        return "utf-16-le"
    if even >= 0.25 * half and odd <= even / 10:
        return "utf-16-be"
    return None


def _plausibility(text: str) -> int:
    """How much ``text`` looks like real (Swedish, or at least sensible) text,
    judged from its non-ASCII characters and their neighbours."""
    score = 0
    n = len(text)
    for count, m in enumerate(_NON_ASCII_RE.finditer(text)):
        if count >= _SCORED_CHARS:
            break
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        ascii_letter_next_to = (prev.isascii() and prev.isalpha()) or (nxt.isascii() and nxt.isalpha())
        if c in _SWEDISH_LETTERS:
            score += 3 if ascii_letter_next_to else 1
        elif c in _WESTERN_LETTERS:
            score += 2 if ascii_letter_next_to else 1
        elif c in _COMMON_PUNCT:
            if prev.isalpha() and nxt.isalpha() and c not in _MIDWORD_OK:
                score -= 2
            else:
                score += 1
        elif c.isalpha():
            latin = unicodedata.name(c, "").startswith("LATIN")
            if c.isupper() and prev.isalpha() and prev.islower():
                score -= 2  # "gÍúl": a capital inside a lower-case word
            elif not latin and ascii_letter_next_to:
                score -= 1  # "lπ": another script glued to a Latin letter
            elif latin and not prev.isascii() and prev.isalpha() and not nxt.isascii() and nxt.isalpha():
                pass  # "Ïðèâåò": runs of accented letters are rare in Latin scripts
            else:
                score += 1
        elif unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs"):
            score -= 5
        elif unicodedata.category(c) == "Cf":
            pass
        elif prev.isalpha() and nxt.isalpha():
            score -= 3  # "porz¹dku": a symbol inside a word
        else:
            score -= 1
    return score


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Choose a legacy encoding: cp1252 and other Swedish-plausible code pages,
    plus charset-normalizer's top guesses, ranked by :func:`_plausibility`."""
    sample = data[:_LEGACY_SAMPLE_BYTES]
    candidates: list[str] = []

    def add(enc: str) -> None:
        try:
            name = codecs.lookup(enc).name
        except LookupError:
            return
        if name not in candidates:
            candidates.append(name)

    for enc in _LEGACY_CANDIDATES:
        add(enc)
    try:
        from charset_normalizer import from_bytes

        for match in list(from_bytes(sample[:128 * 1024]))[:3]:
            if not match.encoding.lower().replace("-", "_").startswith(("utf_16", "utf_32")):
                add(match.encoding)
    except Exception:  # a guess is optional; never let it break reading
        pass
    add(_LEGACY_LAST_RESORT)

    ranked: list[tuple[int, int, str]] = []
    for order, enc in enumerate(candidates):
        try:
            text = codecs.getincrementaldecoder(enc)("strict").decode(sample, final=False)
        except (UnicodeDecodeError, LookupError, ValueError):
            continue
        score = _plausibility(text)
        if order >= len(_LEGACY_CANDIDATES):
            score -= _GUESS_HANDICAP  # a guess must beat the Swedish code pages clearly
        ranked.append((-score, order, enc))
    ranked.sort()
    for _, _, enc in ranked:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError, ValueError):
            continue
    return data.decode("cp1252", "replace"), "cp1252 (with replacements)"  # pragma: no cover


def decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a document into ``(text, encoding name)``.

    Order of checks: empty input; magic numbers of binary formats (PNG, PDF,
    ZIP, ...); byte-order marks (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE; the BOM
    is removed); NUL bytes (BOM-less UTF-16/UTF-32 if their positions say so,
    otherwise binary); strict UTF-8; mostly-valid UTF-8 with a few stray bytes
    (decoded with U+FFFD replacements, encoding ``"utf-8 (with replacements)"``);
    legacy single-byte encodings (cp1252 preferred). Decoded text that is empty
    or whitespace-only is ``"empty"``, text with many control characters is
    ``"binary"``. Line ends and every other character are left as they are.

    Raises :class:`ReadError` (``path == ""``) with code ``"empty"``,
    ``"binary"`` or ``"undecodable"``, and nothing else.
    """
    try:
        data = bytes(data)
    except Exception as exc:
        raise ReadError("", "undecodable", f"not bytes ({type(exc).__name__}), skipped") from None
    if not data:
        raise ReadError("", "empty", "empty file, skipped")
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic):
            raise ReadError("", "binary", f"binary file ({kind}), skipped")

    if data.startswith(codecs.BOM_UTF32_LE) and len(data) % 4 == 0:
        try:
            return _finish(*_decode_unicode(data[4:], "utf-32-le"))
        except ReadError as err:
            if err.code != "undecodable":
                raise
    if data.startswith(codecs.BOM_UTF32_BE):
        return _finish(*_decode_unicode(data[4:], "utf-32-be"))
    if data.startswith(codecs.BOM_UTF16_LE):
        return _finish(*_decode_unicode(data[2:], "utf-16-le"))
    if data.startswith(codecs.BOM_UTF16_BE):
        return _finish(*_decode_unicode(data[2:], "utf-16-be"))
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[3:]
        if not data:
            raise ReadError("", "empty", "empty file (only a byte-order mark), skipped")

    if b"\x00" in data:
        wide = _bomless_wide(data)
        if wide is not None:
            try:
                text, encoding = _finish(*_decode_unicode(data, wide))
            except ReadError as err:
                if err.code == "empty":
                    raise
            else:
                if _plausibility(text) >= 0:  # not CJK-looking noise glued to ASCII
                    return text, encoding
        raise ReadError("", "binary", "binary file (contains NUL bytes), skipped")

    try:
        return _finish(data.decode("utf-8"), "utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError:
        pass
    valid = _VALID_UTF8_SEQ.findall(data)
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    invalid = high - sum(len(seq) for seq in valid)
    if valid and len(valid) / (len(valid) + invalid) >= _MIXED_UTF8_SHARE:
        return _finish(data.decode("utf-8", "replace"), "utf-8 (with replacements)")
    if len(valid) >= 2 and len(valid) / (len(valid) + invalid) >= 0.2:
        return _finish(*_decode_mixed(data))  # real UTF-8 parts beside legacy ones
    return _finish(*_decode_legacy(data))


def _legacy_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252."""
    return err.object[err.start:err.end].decode("cp1252", "replace"), err.end


codecs.register_error("promisemine-cp1252", _legacy_fallback)


def _decode_mixed(data: bytes) -> tuple[str, str]:
    """A file pasted together from UTF-8 and cp1252 parts ("Polisen lovar att öka …"
    in UTF-8, then "Kommunen ska åtgärda …" in cp1252): every valid UTF-8 sequence is
    read as UTF-8 and every other byte as cp1252, so neither part turns into mojibake
    ("Ã¥", "├Â")."""
    return data.decode("utf-8", "promisemine-cp1252"), "utf-8+cp1252 (mixed)"


# --------------------------------------------------------------------- read_source


def _too_large(path: str, where: str, size: int | None, max_bytes: int) -> ReadError:
    what = f"is {_human(size)} ({size} bytes)" if size is not None else "is larger than that"
    return ReadError(
        path, "too_large",
        f"{where}: file {what}, more than --max-bytes {max_bytes}; skipped "
        f"(raise --max-bytes to read it)",
    )


_READ_CHUNK = 1 << 20


def _read_limited(stream, limit: int):
    """Read to the end, or ``limit`` bytes (-1: no limit), a chunk at a time: a pipe or
    standard input of unknown size never makes one buffer of the whole limit. Bytes, or
    a str when a text stream was passed."""
    chunks = []
    total = 0
    while limit < 0 or total < limit:
        n = _READ_CHUNK if limit < 0 else min(_READ_CHUNK, limit - total)
        chunk = stream.read(n)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if chunks and isinstance(chunks[0], str):  # a text stream was passed
        return "".join(chunks)
    return b"".join(chunks)


def _read_bytes(src: Source, where: str, max_bytes: int | None, stdin: BinaryIO | None) -> bytes:
    limit = -1 if max_bytes is None else max_bytes + 1
    if src.path == "-":
        stream: Any = stdin
        if stream is None:
            stream = getattr(sys.stdin, "buffer", sys.stdin)
        if stream is None:
            raise ReadError("-", "unreadable", f"{where}: standard input is not available")
        try:
            data = _read_limited(stream, limit)
        except OSError as exc:
            raise ReadError("-", "unreadable", f"{where}: cannot read ({exc}), skipped") from None
        if isinstance(data, str):  # a text stream was passed
            data = data.encode("utf-8", "surrogateescape")
        data = bytes(data or b"")
        if max_bytes is not None and len(data) > max_bytes:
            raise _too_large("-", where, None, max_bytes)
        return data

    path = src.path
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        raise _os_error(path, exc, where) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise ReadError(path, "not_a_file", f"{where}: is a folder, not a file, skipped")
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        kind = ("character device" if stat.S_ISCHR(mode) else "block device" if stat.S_ISBLK(mode)
                else "socket" if stat.S_ISSOCK(mode) else "special file")
        raise ReadError(path, "not_a_file", f"{where}: not a regular file ({kind}), skipped")
    if stat.S_ISREG(mode) and max_bytes is not None and st.st_size > max_bytes:
        raise _too_large(path, where, st.st_size, max_bytes)
    try:
        with open(path, "rb") as fh:
            if stat.S_ISREG(mode):
                # a buffer of the file's size (read(limit) would allocate the whole limit,
                # 100 MB, for every 2 KB file); one byte more tells whether it grew since
                data = fh.read(st.st_size + 1)
                if len(data) > st.st_size:
                    data += _read_limited(fh, -1 if limit < 0 else max(0, limit - len(data)))
            else:
                data = _read_limited(fh, limit)
    except (OSError, ValueError) as exc:
        raise _os_error(path, exc, where) from None
    if max_bytes is not None and len(data) > max_bytes:  # grew, or a pipe
        raise _too_large(path, where, None, max_bytes)
    return data


def _read_html(data: bytes, path: str, where: str) -> tuple[str, str]:
    try:
        import trafilatura
    except Exception:
        raise ReadError(
            path, "missing_extra",
            f"{where}: reading HTML needs the html extra: pip install 'promisemine[html]'",
        ) from None
    try:
        html, encoding = decode(data)
    except ReadError as err:
        raise err.with_path(path, where) from None
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True)
    except Exception as exc:
        raise ReadError(path, "undecodable",
                        f"{where}: could not extract text from HTML ({type(exc).__name__}), skipped") from None
    if not text or not text.strip():
        raise ReadError(path, "empty", f"{where}: no main text found in the HTML, skipped")
    return text, f"{encoding} (html, trafilatura)"


def _read_pdf(data: bytes, path: str, where: str) -> tuple[str, str]:
    if not data:
        raise ReadError(path, "empty", f"{where}: empty file, skipped")
    if b"%PDF" not in data[:1024]:
        raise ReadError(
            path, "undecodable",
            f"{where}: named .pdf but not a PDF (no %PDF header; perhaps an error page "
            f"saved by the crawler), skipped",
        )
    try:
        from pypdf import PdfReader
    except Exception:
        raise ReadError(
            path, "missing_extra",
            f"{where}: reading PDF needs the pdf extra: pip install 'promisemine[pdf]'",
        ) from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if getattr(reader, "is_encrypted", False):
            try:
                reader.decrypt("")
            except Exception:
                raise ReadError(path, "unreadable", f"{where}: encrypted PDF, skipped") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(path, "undecodable",
                        f"{where}: could not extract text from PDF ({type(exc).__name__}), skipped") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError(path, "empty",
                        f"{where}: PDF has no extractable text (scanned? it needs OCR), skipped")
    return text, "pdf (pypdf)"


def read_source(
    src: Source,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> tuple[str, str]:
    """Read one source and return ``(text, encoding name)``.

    Standard input (``src.path == "-"``) is read from ``stdin`` or
    ``sys.stdin.buffer``. Files larger than ``max_bytes`` are refused
    (``"too_large"``; ``None`` means no limit). ``.html``/``.htm`` are reduced to
    their main text with trafilatura and ``.pdf`` to page texts joined by a
    blank line with pypdf, when those optional extras are installed
    (``"missing_extra"`` otherwise); offsets then index the extracted text.
    Everything else goes through :func:`decode`.

    Raises :class:`ReadError` with a one-line message naming the file, and
    nothing else.
    """
    path = src.path
    where = "stdin" if path == "-" else _show(path)
    try:
        data = _read_bytes(src, where, max_bytes, stdin)
        ext = "" if path == "-" else os.path.splitext(path)[1].lower()
        if ext in _HTML_EXTENSIONS:
            return _read_html(data, path, where)
        if ext in _PDF_EXTENSIONS:
            return _read_pdf(data, path, where)
        try:
            return decode(data)
        except ReadError as err:
            err = err.with_path(path, where)
            if err.code == "binary" and data.startswith(b"%PDF"):
                err.message += "; it is a PDF: rename it to .pdf to extract its text"
                err.args = (err.path, err.code, err.message)
            raise err from None
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(path, "too_large", f"{where}: not enough memory to read it, skipped") from None
    except Exception as exc:  # never a traceback for a bad input
        raise ReadError(
            path, "unreadable", f"{where}: cannot read ({type(exc).__name__}: {exc}), skipped"
        ) from None
