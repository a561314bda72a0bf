"""The Whoosh engine's ``Writer``: commits onto the live generation of an index directory,
or a rebuild into a new generation that replaces it when complete.

A commit is atomic (Whoosh writes its table of contents last) and a rebuilt generation
becomes live only at ``finish`` (an atomic rename of the CURRENT pointer), so a crash or
Ctrl-C at any point leaves the last good index searchable.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import clean_files

from indexer import schema as f
from indexer.engine import BuildError, OnResult, Task
from indexer.engines.whoosh.arrays import (
    COMMIT_FILES,
    EXTENSION,
    FORMAT,
    FORMAT_FILE,
    commit_file,
    commit_files,
    merge_terms,
)
from indexer.engines.whoosh.codec import writer_options
from indexer.engines.whoosh.columns import load_columns
from indexer.engines.whoosh.integrity import check, write_checksums
from indexer.engines.whoosh.schema import (
    CURRENT_FILE,
    build_schema,
    current_index_path,
    whoosh_fields,
)
from indexer.engines.whoosh.segment_arrays import SegmentArrays
from indexer.engines.whoosh.segments import WorkerFailed, commit_with_segments, write_segments
from indexer.pipeline import prepare
from indexer.records import Skipped
from indexer.vocabulary import Vocabulary

WRITER_LIMIT_MB = 1024
PARALLEL_MIN = 8  # fewer files than this are indexed in this process


class WhooshWriter:
    """Writes one generation of the Whoosh index in ``index_dir``."""

    name = "whoosh"

    def __init__(self, index_dir: Path, rebuild: bool = False) -> None:
        self.index_dir = Path(index_dir)
        self.ix = None if rebuild else _open_current(self.index_dir)
        if self.ix is not None and not _current_format(Path(self.ix.storage.folder)):
            self.ix.close()  # written by an older tracuu: build it again, in a new generation
            self.ix = None
        if self.ix is None:
            self.ix = _create_generation(self.index_dir)
        elif problems := check(self.index_dir):  # sizes: a truncated file is not "unchanged"
            self.ix.close()
            raise BuildError(f"the index in {self.index_dir} is damaged: {problems[0]}")
        remove_orphans(self.index_dir, self.ix)

    def known_hashes(self) -> dict[str, str]:
        try:
            with self.ix.reader() as reader:
                if not reader.doc_count():
                    return {}
                ids = reader.column_reader(f.ID)
                hashes = reader.column_reader(f.CONTENT_HASH)
                return {ids[n]: hashes[n] for n in reader.all_doc_ids()}
        except Exception as exc:  # a damaged segment shows only when it is read
            raise damaged(self.index_dir, exc) from exc

    def apply(
        self,
        tasks: list[Task],
        removed: list[str],
        replaced: set[str],
        jobs: int,
        on_result: OnResult,
    ) -> None:
        if not tasks and not removed:
            return  # nothing changed: no commit (a commit may merge segments, which costs)
        writer = self.ix.writer(limitmb=WRITER_LIMIT_MB, **writer_options())
        try:
            for doc_id in removed:
                writer.delete_by_term(f.ID, doc_id)
            if jobs > 1 and len(tasks) >= PARALLEL_MIN:
                self._parallel(writer, tasks, replaced, jobs, on_result)
            else:
                _serial(writer, tasks, replaced, on_result)
        except BaseException:
            writer.cancel()
            raise

    def _parallel(self, writer, tasks, replaced, jobs, on_result) -> None:
        """Workers write their own segments; old versions of re-indexed files go at commit."""
        folder, indexed = Path(self.ix.storage.folder), []

        def done(result) -> None:  # a file that now fails keeps its old version
            if not isinstance(result, Skipped) and result[0] in replaced:
                indexed.append(result[0])
            on_result(result)

        try:
            segments = write_segments(folder, tasks, jobs, WRITER_LIMIT_MB, done)
        except WorkerFailed as exc:
            raise BuildError(f"{exc}; the index is unchanged") from exc
        for doc_id in indexed:
            writer.delete_by_term(f.ID, doc_id)
        commit_with_segments(writer, segments)

    def finish(self) -> None:
        """Store what a server derives from the latest commit (the suggestion vocabulary,
        the columns), point CURRENT at this generation (atomically) and remove older
        generations."""
        store_commit_files(self.ix)
        generation = Path(self.ix.storage.folder).name
        pointer = self.index_dir / CURRENT_FILE
        if not pointer.exists() or pointer.read_text().strip() != generation:
            tmp = pointer.with_suffix(".tmp")
            tmp.write_text(generation)
            os.replace(tmp, pointer)
        for old in self.index_dir.glob("gen-*"):
            if old.name != generation:
                shutil.rmtree(old, ignore_errors=True)

    def document_count(self) -> int:
        return self.ix.doc_count()

    def close(self) -> None:
        self.ix.close()


def open_writer(config, index_dir: Path, rebuild: bool) -> WhooshWriter:
    """The engine's entry point (``indexer.engines.open_writer``)."""
    return WhooshWriter(index_dir, rebuild=rebuild)


def _serial(writer, tasks, replaced, on_result) -> None:
    for item in map(prepare, tasks):
        if isinstance(item, Skipped):
            on_result(item)
            continue
        if item.id in replaced:
            writer.update_document(**whoosh_fields(item.fields))
        else:
            writer.add_document(**whoosh_fields(item.fields))
        on_result((item.id, len(item.document.body)))
    writer.commit()


def store_commit_files(ix) -> None:
    """Store beside the latest commit what a freshly started server would otherwise derive
    from it: the suggestion vocabulary (from the segments' posting arrays, instead of
    merging every term) and the columns (instead of reading every document's from
    Whoosh); the files of earlier commits go."""
    folder, toc = Path(ix.storage.folder), ix._read_toc()
    vocabulary = commit_file(folder, "vocabulary", toc.generation)
    if not vocabulary.exists():
        segments = [SegmentArrays(folder / s.make_filename(EXTENSION)) for s in toc.segments]
        try:
            Vocabulary.from_terms(
                lambda field: merge_terms([seg.raw_terms(field) for seg in segments])
            ).write(vocabulary)
        finally:
            for segment in segments:
                segment.close()
    columns = commit_file(folder, "columns", toc.generation)
    if not columns.exists():
        with ix.reader() as reader:
            if reader.generation() == toc.generation:
                load_columns(reader).write(columns)
    for kind in COMMIT_FILES:
        keep = commit_file(folder, kind, toc.generation)
        for old in folder.glob(commit_files(kind)):
            if old != keep:
                old.unlink(missing_ok=True)
    write_checksums(ix)  # last: of every file above


def remove_orphans(index_dir: Path, ix) -> None:
    """Remove what a killed build left, which no commit refers to: segment files of this
    generation its table of contents does not list, and the folders of generations
    neither live nor being written.
    Called under the build lock (no other writer is making segments)."""
    toc = ix._read_toc()
    clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
    for tmp in Path(ix.storage.folder).glob("*.tmp"):  # commit files a build was writing
        if tmp.is_file():  # (MAIN.tmp/ is Whoosh's own folder for a writer's runs)
            tmp.unlink(missing_ok=True)
    current = current_index_path(index_dir)  # the live one, while this one is rebuilt
    keep = {Path(ix.storage.folder).name, current.name if current else ""}
    for other in index_dir.glob("gen-*"):
        if other.name not in keep and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)


def _open_current(index_dir: Path):
    path = current_index_path(index_dir)
    if path is None:
        return None
    try:
        ix = whoosh_index.open_dir(str(path))
    except Exception as exc:  # any damage: say so, name the fix
        raise damaged(index_dir, exc) from exc
    return _with_new_fields(ix)


def _with_new_fields(ix):
    """An index written before fields were added to the schema gains them (its documents
    get their values when re-indexed: the pipeline version changes with the fields)."""
    missing = [(n, t) for n, t in build_schema().items() if n not in ix.schema.names()]
    if missing:
        writer = ix.writer(**writer_options())
        for name, field_type in missing:
            writer.add_field(name, field_type)
        writer.commit()
        ix = whoosh_index.open_dir(ix.storage.folder)
    return ix


def damaged(index_dir: Path, exc: Exception) -> BuildError:
    return BuildError(
        f"the index in {index_dir} is damaged ({type(exc).__name__}: {exc}); "
        "run `tracuu index --rebuild`"
    )


def _create_generation(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    current = current_index_path(index_dir)
    number = int(current.name.split("-")[1]) + 1 if current else 1
    path = index_dir / f"gen-{number:06d}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    (path / FORMAT_FILE).write_text(FORMAT)
    return whoosh_index.create_in(str(path), build_schema())


def _current_format(generation: Path) -> bool:
    """Whether a generation has today's on-disk format (``arrays.FORMAT``)."""
    try:
        return (generation / FORMAT_FILE).read_text().strip() == FORMAT
    except OSError:
        return False
