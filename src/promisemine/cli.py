"""The ``promisemine`` command: a thin layer over the public API.

Exit codes: 0 all inputs processed cleanly; 1 some inputs had errors (a missing path
is one; the rest of the batch still runs); 2 a usage error (unknown option, bad value).
"""
from __future__ import annotations

import os
import signal
import sys
from typing import Optional

import click

from .reading import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2


def _progress_wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="promisemine")
def main() -> None:
    """Mine pledges and reported activities from Swedish medborgarlöften."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=True, writable=True), help="Write to FILE (jsonl) or DIR (csv/parquet) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Documents processed in parallel.")
@click.option("--pattern", default="*.txt", show_default=True, help="File pattern inside folders.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse files larger than this.")
@click.option("--include-text", is_flag=True, help="Add each document's decoded text to the JSON output.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that cannot be read.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no per-file messages.")
def extract(paths, output, fmt, jobs, pattern, max_bytes, include_text, fail_fast, quiet) -> None:
    """Extract documents, pledges and activities from PATHS (files, folders, globs, - for stdin).

    Writes one JSON object per document (JSON Lines) to stdout or -o FILE;
    with --format csv|parquet, the four tables into -o DIR.
    """
    from .corpus import iter_extract
    from .export import atomic_writer, to_json_line, write_tables
    from .linking import link_corpus

    if fmt != "jsonl" and not output:
        raise click.UsageError(f"--format {fmt} writes four tables: give a folder with -o DIR")
    bar = None
    if _progress_wanted(quiet):
        from tqdm import tqdm

        bar = tqdm(desc="promisemine", unit="doc", file=sys.stderr)
    docs = []
    failed = 0
    try:
        for doc in iter_extract(paths, pattern=pattern, n_process=jobs, max_bytes=max_bytes, keep_text=include_text):
            if doc.errors:
                failed += 1 if not doc.sections else 0
                if not quiet:
                    for e in doc.errors:
                        click.echo(f"promisemine: {e.message}", err=True)
                if fail_fast and not doc.sections:
                    docs.append(doc)
                    break
            docs.append(doc)
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        click.echo("promisemine: interrupted; writing what was extracted", err=True)
    finally:
        if bar is not None:
            bar.close()
    link_corpus(docs)
    if fmt == "jsonl":
        if output:
            with atomic_writer(output) as fh:
                for d in docs:
                    fh.write(json_line(d, include_text))
        else:
            out = sys.stdout
            for d in docs:
                out.write(json_line(d, include_text))
            out.flush()
    else:
        try:
            write_tables(docs, output, fmt)
        except RuntimeError as exc:
            click.echo(f"promisemine: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    sys.exit(EXIT_INPUT_ERRORS if failed else EXIT_OK)


def json_line(doc, include_text: bool = False) -> str:
    import json

    return json.dumps(doc.to_dict(include_text=include_text), ensure_ascii=False) + "\n"


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
    bad = [d for d in corpus.docs if d.errors and not d.sections]
    for d in bad:
        click.echo(f"promisemine: {d.errors[0].message}", err=True)
    click.echo(f"promisemine: wrote {output}", err=True)
    sys.exit(EXIT_INPUT_ERRORS if bad else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
