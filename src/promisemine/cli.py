"""The ``promisemine`` command: a thin layer over the public API.

Exit codes: 0 all inputs processed cleanly; 1 some inputs had errors (a missing path
is one; each is named in one line on stderr and the rest of the batch still runs and
is written); 2 a usage error (unknown option, bad value); 130 interrupted (Ctrl-C).
Never a traceback: an unexpected failure is one line on stderr and exit 1.
"""
from __future__ import annotations

import copy
import errno
import functools
import os
import pickle
import sys

import click

from .reading import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _progress_wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class _Group(click.Group):
    """Click group whose commands never end in a traceback: an unexpected
    exception becomes one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:
            if getattr(exc, "errno", None) == errno.EPIPE:  # click handles a closed pipe
                raise
            _die(exc)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            _die(exc)


def _die(exc: BaseException) -> None:
    click.echo(f"promisemine: error: {_one_line(f'{type(exc).__name__}: {exc}')}", err=True)
    sys.exit(EXIT_INPUT_ERRORS)


def _version_message() -> str:
    """``--version``: the version and whether the pipeline modules run compiled
    (imported here, with those they import, so that ``compiled_modules`` sees them)."""
    from . import __version__, activities, compiled_modules, linking, metadata, pledges, sections  # noqa: F401
    n = len(compiled_modules())
    return f"promisemine, version {__version__} ({f'compiled: {n} modules' if n else 'pure Python'})"


def _show_version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_message())
        ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version (and whether the pipeline runs compiled) and exit.")
def main() -> None:
    """Mine pledges and reported activities from Swedish medborgarlöften."""


def _error_line(doc) -> str:
    """One line on stderr for a document with errors, naming its file."""
    where = "stdin" if doc.source == "-" else doc.source
    parts = []
    for e in doc.errors:
        msg = _one_line(e.message)
        if e.code == "internal":
            msg = f"internal error ({msg}); the document's results may be incomplete"
        parts.append(msg)
    text = "; ".join(parts)
    if not text.startswith(where):
        text = f"{where}: {text}"
    return f"promisemine: {text}"


def _write_stdout(lines) -> None:
    """Whole lines, UTF-8 whatever the locale says."""
    out = sys.stdout
    buf = getattr(out, "buffer", None)
    if buf is None:  # a text-only stream (tests, IDEs)
        for line in lines:
            out.write(line)
        out.flush()
        return
    out.flush()
    for line in lines:
        buf.write(line.encode("utf-8"))
    buf.flush()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=True, writable=True), help="Write to FILE (jsonl) or DIR (csv/parquet) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Documents processed in parallel.")
@click.option("--pattern", default="*.txt", show_default=True, help="File pattern inside folders.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse files larger than this.")
@click.option("--include-text", is_flag=True, help="Add each document's decoded text to the JSON output.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input with errors (e.g. one that cannot be read).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no per-file messages.")
def extract(paths, output, fmt, jobs, pattern, max_bytes, include_text, fail_fast, quiet) -> None:
    """Extract documents, pledges and activities from PATHS (files, folders, globs, - for stdin).

    Writes one JSON object per document (JSON Lines) to stdout or -o FILE;
    with --format csv|parquet, the four tables into -o DIR. Files are written
    whole or not at all; an input that cannot be read is named on stderr, gets
    an ``errors`` entry in the output, and makes the exit code 1.
    """
    from .corpus import Spool, iter_extract, settle_process
    from .export import atomic_writer, write_tables
    from .linking import PromiseIndex

    if fmt != "jsonl" and not output:
        raise click.UsageError(f"--format {fmt} writes four tables: give a folder with -o DIR")
    if output and fmt == "jsonl" and os.path.isdir(output):
        raise click.UsageError(f"-o {output} is a folder; --format jsonl writes one file: give a file name")
    if output and fmt != "jsonl" and os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"-o {output} is a file; --format {fmt} writes four tables: give a folder")
    bar = None
    if _progress_wanted(quiet):
        from tqdm import tqdm

        bar = tqdm(desc="promisemine", unit="doc", file=sys.stderr)
    # JSON Lines stream through a spool file: only the promises' pledges stay in memory
    # for linking, so memory does not grow with the corpus; tables are built in memory.
    # A document that linking cannot change (a promise, a follow-up without a kommun)
    # is spooled as its finished record, the others as documents, linked at the end.
    settle_process()  # this process is ours: the loaded tables need no collecting
    index = PromiseIndex()
    spool = Spool() if fmt == "jsonl" else None
    # JSON Lines: each document is finished where it was extracted (in the worker, with
    # --jobs): its record, or the pickled document that linking may still change
    finish = functools.partial(_finished, include_text=include_text) if spool is not None else None
    docs: list = []
    failed = 0
    interrupted = False
    try:
        for item in iter_extract(paths, pattern=pattern, n_process=jobs, max_bytes=max_bytes, keep_text=include_text, finish=finish):
            if spool is None:
                doc = item
                docs.append(doc)
            else:
                doc, payload, ok = item
                if isinstance(payload, bytes):
                    spool.append_pickled(payload)  # linked to the promises once all are known
                else:  # nothing later can change it: its record, written now, once
                    if not ok:
                        failed += 1
                        if not quiet:
                            if bar is not None:
                                bar.clear()
                            click.echo(f"promisemine: {_one_line(doc.source)}: cannot write its record; written with an error entry", err=True)
                    spool.append(payload)
            index.add(doc)
            if bar is not None:
                bar.update(1)
            if doc.errors:
                failed += 1
                if not quiet:
                    if bar is not None:
                        bar.clear()
                    click.echo(_error_line(doc), err=True)
                if fail_fast:
                    if not quiet:
                        click.echo("promisemine: --fail-fast: stopping at the first input with errors", err=True)
                    break
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if bar is not None:
            bar.close()
    if interrupted and output:
        click.echo(f"promisemine: interrupted; {output} not written", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if interrupted:
        n = len(spool) if spool is not None else len(docs)
        click.echo(f"promisemine: interrupted; writing the {n} documents extracted so far", err=True)
    link_failed = False

    def linked(stream):
        nonlocal failed, link_failed
        for d in stream:
            if isinstance(d, str):  # a record written already (see the loop above)
                yield d
                continue
            try:
                index.link(d)
            except Exception as exc:  # noqa: BLE001 - the document is still worth writing
                if not link_failed:
                    failed += 1
                    click.echo(f"promisemine: linking across documents failed ({_one_line(f'{type(exc).__name__}: {exc}')}); "
                               "documents written without cross-document links", err=True)
                link_failed = True
            yield d

    if fmt == "jsonl":
        def lines():
            nonlocal failed
            for d in linked(spool):
                if isinstance(d, str):
                    yield d
                    continue
                line, ok = _record_line(d, include_text)
                if not ok:
                    failed += 1
                    if not quiet:
                        click.echo(f"promisemine: {_one_line(d.source)}: cannot write its record; written with an error entry", err=True)
                yield line

        try:
            if output:
                with atomic_writer(output) as fh:
                    for line in lines():
                        fh.write(line)
            else:
                _write_stdout(lines())
        finally:
            spool.close()
    else:
        docs = list(linked(docs))
        try:
            write_tables(docs, output, fmt)
        except RuntimeError as exc:
            click.echo(f"promisemine: {_one_line(exc)}", err=True)
            sys.exit(EXIT_USAGE)
    if interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_INPUT_ERRORS if failed else EXIT_OK)


def json_line(doc, include_text: bool = False) -> str:
    """One JSON Lines record (see :func:`promisemine.export.to_json_line`); a document
    whose record cannot be built still gets a line, carrying the error."""
    return _record_line(doc, include_text)[0]


def _finished(doc, include_text: bool = False) -> tuple:
    """What the command needs of an extracted document, made where it was extracted:
    ``(head, payload, ok)``. The payload is the document pickled when cross-document
    linking may still change it (a follow-up that names its kommun), else its finished
    JSON line (``ok`` False when the record could not be built). The head is the
    document without what only the payload needs: its kind, kommun, years, errors, and
    the pledges of a promise, which linking reads.
    """
    from .linking import PromiseIndex

    if PromiseIndex.may_change(doc):
        payload, ok = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), True
    else:
        payload, ok = _record_line(doc, include_text)
    head = copy.copy(doc)
    head.text, head.sections, head.activities = "", [], []
    if doc.kind != "promise":
        head.pledges = []
    return head, payload, ok


def _record_line(doc, include_text: bool = False) -> tuple[str, bool]:
    from .export import to_json_line
    from .records import Document, Error

    try:
        return to_json_line(doc, include_text), True
    except Exception as exc:  # noqa: BLE001 - one line per input, whatever happens
        bare = Document(id=str(doc.id), source=str(doc.source))
        bare.errors = list(doc.errors) + [Error("internal", _one_line(f"cannot write the record: {type(exc).__name__}: {exc}"))]
        return to_json_line(bare), False


@main.command()
@click.argument("system", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("docs_dir", type=click.Path(exists=True, file_okay=False), required=False)
@click.option("--verbose", is_flag=True, help="List every miss.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def evaluate(system, gold_dir, docs_dir, verbose, as_json) -> None:
    """Score SYSTEM.jsonl against the gold annotations in GOLD_DIR.

    DOCS_DIR (the documents) is needed for activity offsets; it defaults to the
    sources named in SYSTEM.jsonl.
    """
    import json

    from .evaluate import evaluate as run

    metrics, misses = run(system, gold_dir, docs_dir)
    if verbose:
        for m in misses:
            click.echo(m)
    if as_json:
        click.echo(json.dumps(metrics, indent=1, ensure_ascii=False))
    else:
        for k, v in metrics.items():
            if isinstance(v, float):
                click.echo(f"{k:20s} {v:.3f}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="report.html", show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1)
@click.option("--pattern", default="*.txt", show_default=True)
def report(paths, output, jobs, pattern) -> None:
    """Write an HTML report: each pledge, then the activities linked to it."""
    from .corpus import extract_corpus
    from .report import write_report

    corpus = extract_corpus(list(paths), n_process=jobs, pattern=pattern)
    write_report(corpus, output)
    bad = [d for d in corpus.docs if d.errors]
    for d in bad:
        click.echo(_error_line(d), err=True)
    click.echo(f"promisemine: wrote {output}", err=True)
    sys.exit(EXIT_INPUT_ERRORS if bad else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
