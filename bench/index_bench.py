"""Indexing speed: tracuu's ``build_index`` against underthesea alone, measured in one run.

Steps, all on the same generated archive (``bench/out/archive-N``, reused when present):

1. ``build_index(rebuild=True)`` end to end: time, docs/s, chars/s, index size, memory;
2. the same build again over the unchanged archive (incremental: should do almost nothing);
3. underthesea ``word_tokenize`` alone over the same document texts, in a pool of
   ``--jobs`` processes (fork), the model loaded and warmed in each worker before timing;
4. the ratios: end-to-end / underthesea-alone (target >= 0.70), rerun / first (< 0.05).

``--profile`` instead runs one build in this process (jobs=1) under cProfile and prints
the top 25 functions by cumulative time.

Usage: ``python bench/index_bench.py --docs 20000 [--jobs 2] [--profile]``
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import os
import pstats
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_DATA, ensure_archive, read_meta  # noqa: E402

OUT = ROOT / "bench" / "out"


def du(path: Path) -> int:
    """Bytes on disk under ``path`` (allocated blocks, like ``du``)."""
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_blocks * 512
            except OSError:
                pass
    return total


def _tree_pids(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, stack = [], [pid]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, []))
    return out


def _proc_kb(pid: int, file: str, key: str) -> int:
    """One ``key: N kB`` line of ``/proc/<pid>/<file>``, or 0.

    ``smaps_rollup``'s Pss counts a page shared by n processes (a forked worker's pages
    that it has not written to) as 1/n, so the sum over a tree is its real footprint; the
    sum of ``status``' VmRSS counts such pages once per process. Reading Pss walks the page
    tables (about 10 ms for a process of 1 GB), so it is read less often than VmRSS."""
    try:
        with open(f"/proc/{pid}/{file}") as lines:
            for line in lines:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory:
    """Samples the memory of a process (``root``, by default this one) and its children;
    keeps the peaks of the summed Rss (``peak_kb``, every ``interval``) and of the summed
    Pss (``peak_pss_kb``, at most every ``pss_interval`` or when the summed Rss grew by a
    tenth, near its peak so far)."""

    def __init__(
        self, interval: float = 0.25, pss_interval: float = 5.0, root: int | None = None
    ) -> None:
        self.interval, self.pss_interval = interval, pss_interval
        self.root = root or os.getpid()
        self.peak_kb = self.peak_pss_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last_pss, rss_then = -self.pss_interval, 0
        while not self._stop.is_set():
            pids = _tree_pids(self.root)
            rss = sum(_proc_kb(pid, "status", "VmRSS") for pid in pids)
            self.peak_kb = max(self.peak_kb, rss)
            now = time.monotonic()
            due = now - last_pss >= self.pss_interval or rss > 1.1 * rss_then
            if rss >= 0.9 * self.peak_kb and due:
                pss = sum(_proc_kb(pid, "smaps_rollup", "Pss") for pid in pids)
                self.peak_pss_kb = max(self.peak_pss_kb, pss)
                last_pss, rss_then = now, rss
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# --- underthesea alone -------------------------------------------------------------------

_tokenize = None


def _init_worker(barrier) -> None:
    """Load and warm the model once per worker, then wait until every worker is ready."""
    global _tokenize
    from underthesea import word_tokenize

    word_tokenize("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tổ chức thực hiện.")
    _tokenize = word_tokenize
    barrier.wait()


def _tokenize_one(text: str) -> int:
    return len(_tokenize(text))


def underthesea_alone(texts: list[str], jobs: int) -> float:
    """Seconds for ``word_tokenize`` over ``texts`` in ``jobs`` warmed processes."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(jobs + 1)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(barrier,)) as pool:
        barrier.wait(timeout=300)
        started = time.perf_counter()
        for _ in pool.imap_unordered(_tokenize_one, texts, chunksize=4):
            pass
        return time.perf_counter() - started


# --- the benchmark -----------------------------------------------------------------------


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<34}{value:>18}  {note}")


def run_builds(archive: Path, index_dir: Path, jobs: int) -> tuple:
    from indexer.build import build_index

    shutil.rmtree(index_dir, ignore_errors=True)
    print("building the index (rebuild) ...", flush=True)
    with TreeMemory() as memory:
        first = build_index(archive, index_dir, rebuild=True, jobs=jobs)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    size = du(index_dir)
    print("re-running over the unchanged archive ...", flush=True)
    again = build_index(archive, index_dir, jobs=jobs)
    return first, again, size, self_kb, children_kb, (memory.peak_kb, memory.peak_pss_kb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="documents in the archive")
    parser.add_argument("--jobs", type=int, default=2, help="processes (both sides)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    parser.add_argument("--out", type=Path, default=OUT, help="archives and indexes go here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="cProfile one build (jobs=1)")
    parser.add_argument("--keep-index", action="store_true", help="do not delete the index")
    args = parser.parse_args()

    archive = args.out / f"archive-{args.docs}"
    ensure_archive(archive, args.docs, args.data, args.seed)
    index_dir = args.out / f"index-bench-{args.docs}"
    try:
        if args.profile:
            profile_build(archive, index_dir)
        else:
            benchmark(archive, index_dir, args.jobs)
    finally:
        if not args.keep_index:
            shutil.rmtree(index_dir, ignore_errors=True)


def benchmark(archive: Path, index_dir: Path, jobs: int) -> None:
    first, again, size, self_kb, children_kb, tree_kb = run_builds(archive, index_dir, jobs)
    _, metas = read_meta(archive)
    texts = [(archive / m["path"]).read_text(encoding="utf-8") for m in metas]
    chars = sum(map(len, texts))
    print(f"underthesea alone over the same {len(texts)} texts, {jobs} processes ...", flush=True)
    alone = underthesea_alone(texts, jobs)
    del texts

    docs = first.indexed
    print(f"\narchive: {archive} ({len(metas):,} files, {chars:,} characters)")
    if first.skipped:
        print(f"skipped {len(first.skipped)} files, e.g. {first.skipped[0]}")
    print("\nunderthesea alone (word_tokenize, warmed pool)")
    row("time", f"{alone:.1f} s")
    row("throughput", f"{len(metas) / alone:,.1f} docs/s")
    row("throughput", f"{chars / alone:,.0f} chars/s", "(whole file text)")
    print("\ntracuu build_index, rebuild")
    row("time", f"{first.seconds:.1f} s")
    row("documents indexed", f"{docs:,}", f"(index holds {first.documents:,})")
    row("throughput", f"{first.docs_per_second:,.1f} docs/s")
    row("throughput", f"{first.characters / first.seconds:,.0f} chars/s", "(document bodies)")
    row("index size on disk", f"{size / 2**20:,.1f} MiB")
    row("max RSS, this process", f"{self_kb / 1024:,.0f} MiB")
    row("max RSS, one child", f"{children_kb / 1024:,.0f} MiB", "(largest worker)")
    row("peak RSS, process tree", f"{tree_kb[0] / 1024:,.0f} MiB", "(summed, sampled every 0.25 s)")
    row("peak PSS, process tree", f"{tree_kb[1] / 1024:,.0f} MiB", "(shared pages counted once)")
    print("\nre-run over the unchanged archive")
    row("time", f"{again.seconds:.2f} s")
    row("added/updated/removed/unchanged",
        f"{again.added}/{again.updated}/{again.removed}/{again.unchanged}")  # fmt: skip

    end_to_end = first.docs_per_second / (len(metas) / alone) if alone else 0.0
    rerun = again.seconds / first.seconds if first.seconds else 0.0
    print("\nratios (same run)")
    verdict = "met" if end_to_end >= 0.70 else "NOT met"
    row("end-to-end / underthesea alone", f"{end_to_end:.2f}", f"target >= 0.70: {verdict}")
    verdict = "met" if rerun < 0.05 else "NOT met"
    row("re-run / first build", f"{rerun:.3f}", f"target < 0.05: {verdict}")


def profile_build(archive: Path, index_dir: Path) -> None:
    from indexer.build import build_index

    shutil.rmtree(index_dir, ignore_errors=True)
    print("profiling one build in this process (jobs=1) ...", flush=True)
    profiler = cProfile.Profile()
    report = profiler.runcall(build_index, archive, index_dir, rebuild=True, jobs=1)
    print(f"{report.indexed:,} documents in {report.seconds:.1f} s "
          f"({report.docs_per_second:,.1f} docs/s under the profiler)\n")  # fmt: skip
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
