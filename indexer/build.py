"""Incremental, crash-safe index builds: corpus files in, a committed Whoosh index out.

Each file has a content hash; unchanged files are skipped, changed ones replaced, removed
ones deleted. Files are prepared (read, extracted, analyzed) in a pool of processes and
written by this one. A commit is atomic (Whoosh writes its table of contents last), and a
rebuild writes a new generation directory that replaces the old one only when complete,
so a crash or Ctrl-C at any point leaves the last good index searchable.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from indexer import schema as f
from indexer.analysis import WORDS_MAX_CHARS
from indexer.codec import writer_options
from indexer.locking import build_lock
from indexer.manifest import load_manifest
from indexer.pipeline import content_hash, prepare
from indexer.progress import Progress, SilentProgress
from indexer.records import Skipped, document_id
from indexer.segments import WorkerFailed, commit_with_segments, write_segments
from indexer.sources import find_files

WRITER_LIMIT_MB = 1024
PARALLEL_MIN = 8  # fewer files than this are indexed in this process
# Larger files are skipped with their size: a 64 MB text needs about 3 GB to index.
MAX_FILE_BYTES = 64 * 1024 * 1024


class BuildError(Exception):
    """An index build that cannot go on; the message says what to do."""


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
) -> BuildReport:
    """Bring the index in ``index_dir`` up to date with the files under ``root``.

    With ``files``, only those files (under ``root``) are added or replaced and nothing is
    removed; otherwise the whole of ``root`` is scanned and vanished files are removed.
    """
    started = time.perf_counter()
    root, index_dir = Path(root).resolve(), Path(index_dir)
    if not root.is_dir():
        raise BuildError(f"corpus directory not found: {root}")
    progress = progress or SilentProgress()
    report = BuildReport()
    with build_lock(index_dir):
        overrides = load_manifest(root / "manifest.csv")
        ix = None if rebuild else _open_current(index_dir)
        if ix is None:
            ix = _create_generation(index_dir)
        known = _known_hashes(ix)
        todo, seen = _plan(root, files, known, overrides, report)
        removed = [] if files is not None else sorted(set(known) - seen)
        _write(ix, todo, removed, known, jobs, progress, report)
        _publish(index_dir, ix)
        report.documents = ix.doc_count()
    report.seconds = time.perf_counter() - started
    return report


def remove_documents(index_dir: Path, ids: Iterable[str]) -> int:
    """Delete documents by id; returns how many were in the index."""
    with build_lock(index_dir):
        ix = _open_current(index_dir)
        if ix is None:
            return 0
        writer = ix.writer(**writer_options())
        count = sum(writer.delete_by_term(f.ID, doc_id) for doc_id in ids)
        writer.commit()
        return count


def _plan(root, files, known, overrides, report) -> tuple[list[tuple], set[str]]:
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
            todo.append((path, root, entry))
    return todo, set(seen)


def _write(ix, todo, removed, known, jobs, progress, report) -> None:
    """Write the prepared files and deletions in one commit (or none, on any failure)."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if not todo and not removed:
        return  # nothing changed: no commit (a commit may merge segments, which costs)
    writer = ix.writer(limitmb=WRITER_LIMIT_MB, **writer_options())
    try:
        progress.start(len(todo), "indexing")
        for doc_id in removed:
            writer.delete_by_term(f.ID, doc_id)
        report.removed = len(removed)
        if jobs > 1 and len(todo) >= PARALLEL_MIN:
            _write_parallel(ix, writer, todo, known, jobs, progress, report)
        else:
            _write_serial(writer, todo, known, progress, report)
        progress.finish()
    except BaseException:
        progress.finish()
        writer.cancel()
        raise


def _write_serial(writer, todo, known, progress, report) -> None:
    for item in map(prepare, todo):
        progress.advance()
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        if item.id in known:
            writer.update_document(**item.fields)
            report.updated += 1
        else:
            writer.add_document(**item.fields)
            report.added += 1
        _count_characters(report, item.id, len(item.document.body))
    writer.commit()


def _write_parallel(ix, writer, todo, known, jobs, progress, report) -> None:
    """Workers write their own segments; old versions of re-indexed files go at commit."""
    replaced: list[str] = []

    def on_result(result) -> None:
        progress.advance()
        if isinstance(result, Skipped):
            report.skipped.append(result)
            return
        doc_id, characters = result
        _count_characters(report, doc_id, characters)
        if doc_id in known:
            replaced.append(doc_id)
            report.updated += 1
        else:
            report.added += 1

    try:
        segments = write_segments(Path(ix.storage.folder), todo, jobs, WRITER_LIMIT_MB, on_result)
    except WorkerFailed as exc:
        raise BuildError(f"{exc}; the index is unchanged") from exc
    for doc_id in replaced:
        writer.delete_by_term(f.ID, doc_id)
    commit_with_segments(writer, segments)


def _count_characters(report: BuildReport, doc_id: str, characters: int) -> None:
    report.characters += characters
    if characters > WORDS_MAX_CHARS:
        report.notes.append(
            f"{doc_id}: {characters:,} characters; every syllable is indexed, "
            f"word segmentation (a ranking signal) read the first {WORDS_MAX_CHARS:,}"
        )


def _known_hashes(ix) -> dict[str, str]:
    try:
        with ix.reader() as reader:
            if not reader.doc_count():
                return {}
            ids = reader.column_reader(f.ID)
            hashes = reader.column_reader(f.CONTENT_HASH)
            return {ids[n]: hashes[n] for n in reader.all_doc_ids()}
    except Exception as exc:  # a damaged segment shows only when it is read
        raise _damaged(Path(ix.storage.folder).parent, exc) from exc


def _open_current(index_dir: Path):
    path = f.current_index_path(index_dir)
    if path is None:
        return None
    try:
        return whoosh_index.open_dir(str(path))
    except Exception as exc:  # any damage: say so, name the fix
        raise _damaged(index_dir, exc) from exc


def _damaged(index_dir: Path, exc: Exception) -> BuildError:
    return BuildError(
        f"the index in {index_dir} is damaged ({type(exc).__name__}: {exc}); "
        "run `tracuu index --rebuild`"
    )


def _create_generation(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    current = f.current_index_path(index_dir)
    number = int(current.name.split("-")[1]) + 1 if current else 1
    path = index_dir / f"gen-{number:06d}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    return whoosh_index.create_in(str(path), f.build_schema())


def _publish(index_dir: Path, ix) -> None:
    """Point CURRENT at this generation (atomically) and remove older generations."""
    generation = Path(ix.storage.folder).name
    pointer = index_dir / f.CURRENT_FILE
    if not pointer.exists() or pointer.read_text().strip() != generation:
        tmp = pointer.with_suffix(".tmp")
        tmp.write_text(generation)
        os.replace(tmp, pointer)
    for old in index_dir.glob("gen-*"):
        if old.name != generation:
            shutil.rmtree(old, ignore_errors=True)
