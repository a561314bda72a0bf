"""Incremental, crash-safe index builds: corpus files in, a committed index out.

Each file has a content hash; unchanged files are skipped, changed ones replaced, removed
ones deleted. The engine's ``Writer`` (``indexer.engines``) prepares the files (read,
extract, analyze) across processes and makes the change visible in one atomic commit; a
rebuild replaces the old index only when complete, so a crash or Ctrl-C at any point
leaves the last good index searchable.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from indexer.analysis import WORDS_MAX_CHARS
from indexer.engine import BuildError, EngineConfig
from indexer.engines import open_writer
from indexer.limits import MB, Limits
from indexer.locking import build_lock
from indexer.manifest import read_manifest
from indexer.pipeline import content_hash
from indexer.progress import Progress, SilentProgress
from indexer.records import Skipped, document_id
from indexer.sources import find_files

__all__ = ["BuildError", "BuildReport", "build_index", "remove_documents"]
log = logging.getLogger("tracuu.indexer")
# Larger files are skipped with their size: a 64 MB text needs about 3 GB to index.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Seconds a build waits for the lock: a build killed a moment ago may still be releasing
# it (its workers die with it, ``indexer.processes``).
LOCK_WAIT = 2.0


@dataclass
class BuildReport:
    """What a build did: counts, skipped files with reasons, time and throughput."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # indexed, with something to know
    characters: int = 0
    seconds: float = 0.0
    documents: int = 0  # documents in the index after the build

    @property
    def indexed(self) -> int:
        return self.added + self.updated

    @property
    def docs_per_second(self) -> float:
        return self.indexed / self.seconds if self.seconds else 0.0


def build_index(
    root: Path,
    index_dir: Path,
    *,
    files: Iterable[Path] | None = None,
    rebuild: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: EngineConfig | None = None,
    limits: Limits | None = None,
) -> BuildReport:
    """Bring the index (in ``index_dir``, or the engine ``engine`` names) up to date with
    the files under ``root``.

    With ``files``, only those files (under ``root``) are added or replaced and nothing is
    removed; otherwise the whole of ``root`` is scanned and vanished files are removed.
    A file past ``limits`` is skipped with its reason; the others are indexed.
    """
    started = time.perf_counter()
    root, index_dir = Path(root).resolve(), Path(index_dir)
    if not root.is_dir():
        raise BuildError(f"corpus directory not found: {root}")
    progress, limits = progress or SilentProgress(), limits or Limits()
    report = BuildReport()
    with build_lock(index_dir, wait=LOCK_WAIT), _disk_full_is_a_build_error(index_dir):
        check_free_space(index_dir, limits)
        overrides, problems = read_manifest(root / "manifest.csv")
        report.notes.extend(problems)
        writer = open_writer(engine or EngineConfig(), index_dir, rebuild=rebuild)
        try:
            known = writer.known_hashes()
            todo, seen = _plan(root, files, known, overrides, report, limits)
            removed = [] if files is not None else sorted(set(known) - seen)
            if todo or removed:
                check_free_space(index_dir, limits)  # again, just before writing
            _write(writer, todo, removed, known, jobs, progress, report)
            writer.finish()
            report.documents = writer.document_count()
        finally:
            writer.close()
    report.seconds = time.perf_counter() - started
    _log_report(root, report)
    return report


def _log_report(root: Path, report: BuildReport) -> None:
    """The run as log events (``tracuu.indexer``): a summary, then a line a note (a manifest
    problem) and a line a skipped file with its reason."""
    log.info(
        "index run on %s: added %d, updated %d, removed %d, unchanged %d, skipped %d; "
        "%d documents; %.1f s", root, report.added, report.updated, report.removed,
        report.unchanged, len(report.skipped), report.documents, report.seconds,
    )  # fmt: skip
    for note in report.notes:
        log.info("note %s", note)
    for skipped in report.skipped:
        log.info("skipped %s: %s", skipped.source, skipped.reason)


def check_free_space(index_dir: Path, limits: Limits) -> None:
    """``BuildError`` when the index's disk has less than ``limits.min_free_mb`` free."""
    free = shutil.disk_usage(index_dir).free
    if free < limits.min_free_mb * MB:
        raise BuildError(
            f"only {free / MB:,.1f} MB free on the disk of {index_dir}; a build needs at "
            f"least {limits.min_free_mb:,} MB (TRACUU_MIN_FREE_MB): free some space, run again"
        )


@contextmanager
def _disk_full_is_a_build_error(index_dir: Path) -> Iterator[None]:
    """The disk filling up mid-build: a ``BuildError`` saying so (nothing was committed;
    the next build removes what this one left)."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise BuildError(
            f"the disk of {index_dir} is full ({exc.strerror}); nothing was committed: "
            "free some space and run again"
        ) from exc


def remove_documents(
    index_dir: Path, ids: Iterable[str], engine: EngineConfig | None = None
) -> int:
    """Delete documents by id in one commit; returns how many were in the index."""
    ids = list(ids)
    with build_lock(index_dir, wait=LOCK_WAIT):
        writer = open_writer(engine or EngineConfig(), index_dir)
        try:
            present = [doc_id for doc_id in ids if doc_id in writer.known_hashes()]
            if present:
                writer.apply([], present, set(), 1, lambda _: None)
                writer.finish()
            return len(present)
        finally:
            writer.close()


def _plan(root, files, known, overrides, report, limits) -> tuple[list[tuple], set[str]]:
    """The files whose content changed, as tasks for ``prepare``, and every id seen."""
    wanted = [root] if files is None else [Path(p).resolve() for p in files]
    for gone in (p for p in wanted if not p.exists()):  # named, but deleted since: say so
        report.skipped.append(Skipped(gone.relative_to(root).as_posix(), "file not found"))
    paths = find_files([p for p in wanted if p.exists()])
    todo, seen = [], {}
    for path in paths:
        source = path.relative_to(root).as_posix()
        doc_id = document_id(path, root)
        if doc_id in seen:
            report.skipped.append(Skipped(source, f"same document id as {seen[doc_id]}"))
            continue
        seen[doc_id] = source
        entry = overrides.get(doc_id)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                limit = MAX_FILE_BYTES // 2**20
                reason = f"file too large ({size / 2**20:.1f} MB, at most {limit} MB): split it"
                report.skipped.append(Skipped(source, reason))
                continue
            digest = content_hash(path.read_bytes(), entry)
        except OSError as exc:
            report.skipped.append(Skipped(source, f"cannot read file: {exc.strerror or exc}"))
            continue
        if known.get(doc_id) == digest:
            report.unchanged += 1
        else:
            todo.append((path, root, entry, limits))
    return todo, set(seen)


def _write(writer, todo, removed, known, jobs, progress, report) -> None:
    """Write the prepared files and deletions in one commit (or none, on any failure)."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if not todo and not removed:
        return  # nothing changed: no commit (a commit may merge segments, which costs)

    def on_result(result) -> None:
        progress.advance()
        if isinstance(result, Skipped):
            report.skipped.append(result)
            return
        doc_id, characters = result
        _count_characters(report, doc_id, characters)
        if doc_id in known:
            report.updated += 1
        else:
            report.added += 1

    progress.start(len(todo), "indexing")
    try:
        replaced = {document_id(task[0], task[1]) for task in todo} & set(known)
        writer.apply(todo, removed, replaced, jobs, on_result)
        report.removed = len(removed)
    finally:
        progress.finish()


def _count_characters(report: BuildReport, doc_id: str, characters: int) -> None:
    report.characters += characters
    if characters > WORDS_MAX_CHARS:
        report.notes.append(
            f"{doc_id}: {characters:,} characters; every syllable is indexed, "
            f"word segmentation (a ranking signal) read the first {WORDS_MAX_CHARS:,}"
        )
