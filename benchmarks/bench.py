#!/usr/bin/env python3
"""Throughput and memory of promisemine against a spaCy baseline, in the same run.

The bundled corpus (``corpus/docs``, 25 documents) is replicated into a temporary
folder -- real copies with unique names, so that nothing is deduplicated -- at each
size (default 1,500 and 15,000 documents), and over the same files we time:

* ``baseline``    spaCy's blank Swedish tokenizer + lookup lemmatizer
                  (``spacy.blank("sv")`` with the ``lemmatizer`` pipe in ``lookup`` mode,
                  tables from spacy-lookups-data; tokenizer only if they are missing);
* ``iter_extract`` the streaming API, one process (and ``--jobs`` processes);
* ``extract_corpus`` the batch API, one process: extraction + cross-document linking;
* ``cli --jobs 1`` / ``cli --jobs 2``  ``promisemine extract DIR --jobs N -o out.jsonl``.

Every measurement runs in a fresh child process. API and baseline times are taken
inside the child around the call, after a warm-up (imports, spaCy's lookup tables,
promisemine's word lists and lemma dictionary -- about 0.3 s -- are loaded before the
clock starts; forked ``n_process`` workers inherit them); CLI times are wall clock of
the whole command (interpreter start-up and warm-up included). Peak memory is the
child's ``ru_maxrss`` from ``os.wait4``: for ``--jobs 2`` that is the largest single
process of the tree (the parent or a worker), not their sum. ``CPU`` is user + system
time of the child and its workers; ``load`` is the 1-minute load average when the run
started -- other work on the machine slows the parallel runs most.

Usage::

    .venv/bin/python benchmarks/bench.py                 # 1,500 and 15,000 documents
    .venv/bin/python benchmarks/bench.py --scale small   # 1,500 only (about two minutes)
    .venv/bin/python benchmarks/bench.py --sizes 500,5000 --only baseline,iter1,cli1,cli2
    .venv/bin/python benchmarks/bench.py --repeat 3      # each run 3 times, interleaved; the fastest kept
    .venv/bin/python benchmarks/bench.py --cold 0        # without the first-pass (cold caches) figure
    .venv/bin/python benchmarks/bench.py --profile 500   # cProfile of extract_corpus, top 25

Needs ``pip install spacy-lookups-data`` for the baseline lemmatizer.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"

RUNS = {
    # key: (label, kind, jobs)
    "baseline": ("spaCy blank sv + lookup lemmatizer", "baseline", 1),
    "iter1": ("API iter_extract, 1 process", "iter", 1),
    "iter2": ("API iter_extract, {jobs} processes", "iter", None),
    "corpus1": ("API extract_corpus, 1 process (incl. linking)", "corpus", 1),
    "cli1": ("CLI extract --jobs 1", "cli", 1),
    "cli2": ("CLI extract --jobs {jobs}", "cli", None),
}
DEFAULT_RUNS = "baseline,iter1,iter2,corpus1,cli1,cli2"


# ----------------------------------------------------------------------- workers
# Run in the child: ``bench.py --worker KIND DIR JOBS`` prints one JSON object.


WARM_UP = (
    "Uppföljning medborgarlöfte 2023 Essunga\n\nPolisen lovar att:\n\n"
    "  • Genomföra minst 10 stycken trafikkontroller.\n\n"
    "Polisen utförde sammanlagt ett 80-tal trygghetsskapande patrulleringar.\n"
)


def _files(folder: str) -> list[str]:
    return sorted(e.path for e in os.scandir(folder) if e.name.endswith(".txt") and e.is_file())


def _worker_baseline(folder: str) -> dict:
    import spacy

    nlp = spacy.blank("sv")
    mode = "tokenizer + lookup lemmatizer"
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
        if not len(table):
            raise ValueError("empty lemma_lookup table")
    except Exception as exc:  # spacy-lookups-data missing, or no Swedish table
        nlp = spacy.blank("sv")
        mode = f"tokenizer only (lookup lemmatizer unavailable: {type(exc).__name__}: {exc})"
    nlp(WARM_UP)  # as promisemine's workers warm up on the same text before the clock
    files = _files(folder)

    def texts():
        for path in files:
            with open(path, encoding="utf-8") as fh:
                yield fh.read()

    t0 = time.perf_counter()
    n_docs = n_tokens = n_lemmas = 0
    for doc in nlp.pipe(texts(), batch_size=256):
        n_docs += 1
        n_tokens += len(doc)
        n_lemmas += sum(1 for t in doc if t.lemma_)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "docs": n_docs, "tokens": n_tokens, "lemmas": n_lemmas, "mode": mode}




def _warm_up() -> None:
    import promisemine

    promisemine.extract(WARM_UP)


def _worker_iter(folder: str, jobs: int) -> dict:
    import promisemine

    _warm_up()

    t0 = time.perf_counter()
    n_docs = n_pledges = n_activities = n_errors = 0
    for doc in promisemine.iter_extract([folder], n_process=jobs):
        n_docs += 1
        n_pledges += len(doc.pledges)
        n_activities += len(doc.activities)
        n_errors += bool(doc.errors)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "docs": n_docs, "pledges": n_pledges, "activities": n_activities, "errors": n_errors}


def _worker_corpus(folder: str, jobs: int) -> dict:
    import promisemine

    _warm_up()

    last = [0.0]

    def seen(_doc) -> None:
        last[0] = time.perf_counter()

    t0 = time.perf_counter()
    corpus = promisemine.extract_corpus([folder], n_process=jobs, progress=seen)
    t1 = time.perf_counter()
    extracted = last[0] or t0  # the last document came back: the rest is linking
    linked = sum(1 for d in corpus.docs for a in d.activities if a.pledge_id)
    return {
        "seconds": t1 - t0,
        "extract_seconds": extracted - t0,
        "link_seconds": t1 - extracted,
        "docs": len(corpus.docs),
        "pledges": sum(len(d.pledges) for d in corpus.docs),
        "activities": sum(len(d.activities) for d in corpus.docs),
        "linked": linked,
    }


def worker_main(kind: str, folder: str, jobs: int) -> None:
    if kind == "baseline":
        out = _worker_baseline(folder)
    elif kind == "iter":
        out = _worker_iter(folder, jobs)
    elif kind == "corpus":
        out = _worker_corpus(folder, jobs)
    else:
        raise SystemExit(f"unknown worker kind {kind!r}")
    print(json.dumps(out))


# ------------------------------------------------------------------------ parent


def _maxrss_mb(ru) -> float:
    # Linux reports kilobytes, macOS bytes
    return ru.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_child(argv: list[str], env: dict | None = None) -> tuple[float, float, float, str, str, int]:
    """Run ``argv``; return (wall seconds, peak RSS in MB, CPU seconds, stdout, stderr, exit code).

    CPU seconds are user + system time of the child and of the workers it waited for.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = ru.ru_utime + ru.ru_stime
        return wall, _maxrss_mb(ru), cpu, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), proc.returncode


def _cpu_times() -> tuple[int, int] | None:
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(fields[:8]), fields[3] + fields[4]  # total, idle + iowait


def idle_percent(seconds: float = 2.0) -> float | None:
    """Share of the machine's CPU time that was idle over ``seconds`` (Linux only)."""
    a = _cpu_times()
    if a is None:
        return None
    time.sleep(seconds)
    b = _cpu_times()
    return 100.0 * (b[1] - a[1]) / max(1, b[0] - a[0])


def wait_idle(threshold: float, timeout: float = 900.0) -> float | None:
    """Wait until the machine is at least ``threshold`` % idle (other work skews timings)."""
    deadline = time.monotonic() + timeout
    idle = idle_percent()
    while idle is not None and idle < threshold and time.monotonic() < deadline:
        idle = idle_percent()
    return idle


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("promisemine")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from promisemine.cli import main; main()"]


def replicate(n: int, dest: Path) -> tuple[int, int]:
    """Write ``n`` copies (cycling through the corpus) with unique names; return (files, bytes)."""
    sources = sorted(CORPUS.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no documents in {CORPUS}")
    dest.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        src = sources[i % len(sources)]
        target = dest / f"r{i // len(sources):05d}_{src.name}"
        shutil.copyfile(src, target)
        total += target.stat().st_size
    return n, total


def measure(key: str, folder: Path, jobs: int, workdir: Path, idle_wanted: float = 0.0) -> dict:
    label, kind, fixed_jobs = RUNS[key]
    n_jobs = fixed_jobs or jobs
    label = label.format(jobs=n_jobs)
    env = dict(os.environ, PYTHONHASHSEED="0")
    if idle_wanted:
        wait_idle(idle_wanted)
    load = os.getloadavg()[0]  # other work on the machine skews the timings, --jobs most
    if kind == "cli":
        out_file = workdir / f"out-{key}.jsonl"
        argv = cli_command() + ["extract", str(folder), "--jobs", str(n_jobs), "-o", str(out_file), "-q"]
        wall, rss, cpu, _, err, code = run_child(argv, env)
        if code != 0:
            raise SystemExit(f"{' '.join(argv)} exited with {code}:\n{err[-2000:]}")
        with open(out_file, encoding="utf-8") as fh:
            docs = sum(1 for line in fh if line.strip())
        out_file.unlink()
        info = {"seconds": wall, "docs": docs}
    else:
        argv = [sys.executable, os.path.abspath(__file__), "--worker", kind, str(folder), str(n_jobs)]
        wall, rss, cpu, out, err, code = run_child(argv, env)
        if code != 0:
            raise SystemExit(f"{' '.join(argv)} exited with {code}:\n{err[-2000:]}")
        info = json.loads(out.strip().splitlines()[-1])
        info["wall"] = wall
    info.update(key=key, label=label, kind=kind, jobs=n_jobs, rss_mb=rss, cpu_s=cpu, load=load)
    return info


def first_pass(rounds: int) -> dict:
    """Cold caches: the first pass over the bundled corpus itself (25 distinct documents)
    in a fresh process, for the baseline and ``iter_extract``, ``rounds`` times each,
    interleaved; the fastest of each.

    The replicated corpora repeat every document, so the caches of both sides (spaCy's
    tokenizer cache and vocabulary, promisemine's per-word and per-line tables) are warm
    after the first copies; this measures the opposite end, where every word is new.
    """
    env = dict(os.environ, PYTHONHASHSEED="0")
    best: dict[str, float] = {}
    for _ in range(rounds):
        for kind in ("baseline", "iter"):
            argv = [sys.executable, os.path.abspath(__file__), "--worker", kind, str(CORPUS), "1"]
            _, _, _, out, err, code = run_child(argv, env)
            if code != 0:
                raise SystemExit(f"{' '.join(argv)} exited with {code}:\n{err[-2000:]}")
            info = json.loads(out.strip().splitlines()[-1])
            ms = info["seconds"] / info["docs"] * 1000
            best[kind] = min(best.get(kind, ms), ms)
    ratio = best["iter"] / best["baseline"]
    text = (f"First pass, cold caches ({len(_files(str(CORPUS)))} distinct bundled documents, a fresh process, "
            f"fastest of {rounds}): baseline {best['baseline']:.2f} ms/doc, iter_extract {best['iter']:.2f} ms/doc, "
            f"{ratio:.1f}× the baseline's time")
    return {"baseline_ms": best["baseline"], "iter_ms": best["iter"], "ratio": ratio, "rounds": rounds, "text": text}


def fastest(runs: list[dict]) -> dict:
    """The fastest of the repeated measurements of one run, with the spread of all of
    them (``all_seconds``): other work on a shared machine only ever slows a run down,
    so the minimum is the best estimate of the code's own time (as ``timeit`` takes it).
    Peak memory is the largest of the rounds."""
    best = dict(min(runs, key=lambda r: r["seconds"]))
    best["all_seconds"] = [r["seconds"] for r in runs]
    best["rss_mb"] = max(r["rss_mb"] for r in runs)
    return best


def fmt_s(x: float) -> str:
    return f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def report(results: list[dict], sizes: dict[int, int], jobs: int) -> str:
    lines = []
    lines.append("| docs | MB | run | time (s) | docs/s | MB/s | × baseline | peak RSS (MB) | CPU (s) | load |")
    lines.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    by_size: dict[int, dict[str, dict]] = {}
    for r in results:
        by_size.setdefault(r["size"], {})[r["key"]] = r
    for size, runs in by_size.items():
        mb = sizes[size] / 1e6
        base = runs.get("baseline")
        for key in RUNS:
            r = runs.get(key)
            if r is None:
                continue
            ratio = f"{r['seconds'] / base['seconds']:.1f}" if base and key != "baseline" else ("1.0" if key == "baseline" else "–")
            note = ""
            if key == "corpus1" and "link_seconds" in r:
                note = f" (linking {fmt_s(r['link_seconds'])} s)"
            spread = r.get("all_seconds") or [r["seconds"]]
            took = fmt_s(r["seconds"]) + (f" (of {len(spread)}: ≤ {fmt_s(max(spread))})" if len(spread) > 1 else "")
            lines.append(
                f"| {size:,} | {mb:.1f} | {r['label']}{note} | {took} | "
                f"{r['docs'] / r['seconds']:.0f} | {mb / r['seconds']:.2f} | {ratio} | {r['rss_mb']:.0f} | "
                f"{fmt_s(r['cpu_s'])} | {r['load']:.1f} |"
            )
    lines.append("")
    # summary against the goals
    lines.append("| goal | " + " | ".join(f"{s:,} docs" for s in by_size) + " |")
    lines.append("|---|" + "---:|" * len(by_size))

    def row(name, fn):
        cells = []
        for size, runs in by_size.items():
            try:
                cells.append(fn(runs))
            except (KeyError, ZeroDivisionError):
                cells.append("–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    row("≤ 2× baseline, single process (iter_extract / baseline)",
        lambda r: f"{r['iter1']['seconds'] / r['baseline']['seconds']:.1f}×")
    row("≤ 2× baseline, single process (CLI --jobs 1 / baseline)",
        lambda r: f"{r['cli1']['seconds'] / r['baseline']['seconds']:.1f}×")
    # the CLI's time is its whole command, start-up included; so is this baseline's
    row("CLI --jobs 1 / baseline as a whole process (start-up included on both sides)",
        lambda r: f"{r['cli1']['seconds'] / r['baseline']['wall']:.1f}×")
    row(f"--jobs {jobs} ≥ 1.6× faster than --jobs 1 (CLI)",
        lambda r: f"{r['cli1']['seconds'] / r['cli2']['seconds']:.2f}×")
    row(f"n_process={jobs} vs 1 (iter_extract, no linking)",
        lambda r: f"{r['iter1']['seconds'] / r['iter2']['seconds']:.2f}×")
    if len(by_size) >= 2:
        small, large = list(by_size)[0], list(by_size)[-1]
        lines.append("")
        lines.append(f"Peak memory growth from {small:,} to {large:,} documents ({large / small:.0f}× the corpus):")
        lines.append("")
        for key in RUNS:
            a, b = by_size[small].get(key), by_size[large].get(key)
            if a and b:
                lines.append(f"* {a['label']}: {a['rss_mb']:.0f} → {b['rss_mb']:.0f} MB ({b['rss_mb'] / a['rss_mb']:.2f}×)")
    return "\n".join(lines)


def profile(n: int, top: int = 25) -> None:
    import cProfile
    import pstats

    import promisemine

    with tempfile.TemporaryDirectory(prefix="promisemine-prof-") as tmp:
        folder = Path(tmp) / "docs"
        replicate(n, folder)
        _warm_up()  # word lists and the lemma dictionary: a one-off cost, not a hot spot
        prof = cProfile.Profile()
        prof.enable()
        promisemine.extract_corpus([folder])
        prof.disable()
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(top)
        stats.sort_stats("cumulative").print_stats(top)


_ABOUT = """
import json, promisemine, spacy
from promisemine import activities, linking, metadata, pipeline, pledges, quantities, sections
print(json.dumps({"promisemine": promisemine.__version__, "spacy": spacy.__version__,
                  "compiled": len(promisemine.compiled_modules())}))
"""


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=["small", "full"], default="full", help="small: 1,500 documents; full: 1,500 and 15,000")
    ap.add_argument("--sizes", help="comma-separated corpus sizes, overrides --scale (e.g. 500,5000)")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the parallel runs (default 2)")
    ap.add_argument("--only", default=DEFAULT_RUNS, help=f"runs to do (default {DEFAULT_RUNS})")
    ap.add_argument("--workdir", help="where to write the replicated corpora (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the replicated corpora")
    ap.add_argument("--json", help="also write the raw results to this file")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="PCT",
                    help="before each run, wait (up to 15 min) until the machine is PCT %% idle (Linux)")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="measure every run N times, interleaved, and keep the fastest (default 1)")
    ap.add_argument("--cold", type=int, default=5, metavar="N",
                    help="also time the first pass over the bundled corpus in N fresh processes each (default 5; 0: skip)")
    ap.add_argument("--profile", type=int, metavar="N", help="profile extract_corpus on N documents instead")
    ap.add_argument("--worker", nargs=3, metavar=("KIND", "DIR", "JOBS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        kind, folder, jobs = args.worker
        worker_main(kind, folder, int(jobs))
        return
    if args.profile:
        profile(args.profile)
        return

    sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",")] if args.sizes else (
        [1500] if args.scale == "small" else [1500, 15000]
    )
    keys = [k.strip() for k in args.only.split(",") if k.strip()]
    unknown = [k for k in keys if k not in RUNS]
    if unknown:
        ap.error(f"unknown runs {unknown}; choose from {', '.join(RUNS)}")

    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = ""
    # Versions and the build are asked of a child: this process stays small, because
    # Linux reports a child's peak memory (ru_maxrss) as at least what the child had
    # when it was forked from here (an import of spaCy here put 100 MB under every run).
    about = json.loads(subprocess.run(
        [sys.executable, "-c", _ABOUT], capture_output=True, text=True, check=True,
        env=dict(os.environ)).stdout)
    build = f"compiled: {about['compiled']} modules" if about["compiled"] else "pure Python"
    print(f"# promisemine {about['promisemine']} benchmark{f' ({rev})' if rev else ''}, {build}", flush=True)
    print(f"python {platform.python_version()}, spaCy {about['spacy']}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, {platform.platform()}", flush=True)
    import resource
    print(f"(this process: {_maxrss_mb(resource.getrusage(resource.RUSAGE_SELF)):.0f} MB, the floor of every peak below)", flush=True)

    base_dir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="promisemine-bench-"))
    results: list[dict] = []
    size_bytes: dict[int, int] = {}
    try:
        for n in sizes:
            folder = base_dir / f"docs-{n}"
            if folder.exists():
                shutil.rmtree(folder)
            _, nbytes = replicate(n, folder)
            size_bytes[n] = nbytes
            print(f"\n## {n:,} documents, {nbytes / 1e6:.1f} MB ({math.ceil(n / 25)} copies of corpus/docs)", flush=True)
            rounds: dict[str, list[dict]] = {key: [] for key in keys}
            for round_no in range(args.repeat):
                if args.repeat > 1:
                    print(f"  round {round_no + 1} of {args.repeat}", flush=True)
                for key in keys:  # interleaved: every run of a round meets the same machine
                    r = measure(key, folder, args.jobs, base_dir, args.wait_idle)
                    r["size"] = n
                    rounds[key].append(r)
                    extra = f"  [{r['mode']}]" if "mode" in r else ""
                    if "link_seconds" in r:
                        extra += f"  extract {r['extract_seconds']:.1f}s + link {r['link_seconds']:.1f}s"
                    print(f"  {r['label']:<48} {r['seconds']:8.2f} s  {r['docs'] / r['seconds']:7.0f} docs/s  "
                          f"peak {r['rss_mb']:6.0f} MB  cpu {r['cpu_s']:7.1f} s  load {r['load']:.1f}{extra}", flush=True)
            for key in keys:
                results.append(fastest(rounds[key]))
            if not args.keep:
                shutil.rmtree(folder)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(base_dir, ignore_errors=True)

    cold = first_pass(args.cold) if args.cold else None
    modes = {r["mode"] for r in results if "mode" in r}
    print("\n" + report(results, size_bytes, args.jobs))
    if cold:
        print("\n" + cold["text"])
    if modes:
        print("\nBaseline: " + "; ".join(sorted(modes)))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"sizes": size_bytes, "results": results, "first_pass": cold}, fh, indent=1)


if __name__ == "__main__":
    main()
