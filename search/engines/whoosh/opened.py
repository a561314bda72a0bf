"""The open index a ``WhooshReader`` reads: a Whoosh searcher, its columns and its posting
arrays, opened again when the index changes. Damage found while reading it becomes
``IndexUnavailable``, with a message that names the fix.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import scoring

from indexer.engines.whoosh.arrays import commit_file, commit_files
from indexer.engines.whoosh.columns import Columns, load_columns
from indexer.engines.whoosh.schema import current_index_path
from search.engines.whoosh.evaluate import Evaluator
from search.engines.whoosh.postings import Postings
from search.errors import IndexUnavailable, SearchError
from search.plan import K1, B, probabilistic_idf


class Weighting(scoring.BM25F):
    """Whoosh's own BM25F with the probabilistic idf of ``search.plan``: what the numpy
    evaluator computes (Whoosh's scorer is kept for checking it, in the tests)."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        return probabilistic_idf(parent.doc_frequency(fieldname, text), parent.doc_count_all())


WEIGHTING = Weighting(B=B, K1=K1)


@dataclass
class OpenIndex:
    """One generation of the index, open for reading."""

    generation: str
    ix: object
    searcher: object
    columns: Columns
    evaluator: Evaluator
    commits: int = 0  # commits read since it was opened (see ``WhooshReader.version``)

    @classmethod
    def open(cls, index_dir: Path, path: Path) -> OpenIndex:
        searcher = None
        try:
            ix = whoosh_index.open_dir(str(path))
            searcher = ix.searcher(weighting=WEIGHTING)
            columns = _columns(searcher.reader(), path)
            opened = cls(path.name, ix, searcher, columns, _evaluator(searcher, columns))
            _prefetch(path, opened.evaluator.postings)
            return opened
        except Exception as exc:  # damaged: say so and name the fix
            if searcher is not None:
                searcher.close()
            raise IndexUnavailable(
                f"the index in {index_dir} cannot be read ({type(exc).__name__}); "
                "run `tracuu index --rebuild`"
            ) from exc

    def refresh(self) -> None:
        """Read the latest commit of this generation, if there is a newer one."""
        if self.searcher.up_to_date():
            return
        # Not ``searcher.refresh()``: it reuses segment readers, which keep stale deletions.
        stale, self.searcher = self.searcher, self.ix.searcher(weighting=WEIGHTING)
        stale.close()
        self.evaluator.postings.close()
        self.columns = _columns(self.searcher.reader(), Path(self.ix.storage.folder))
        self.evaluator = _evaluator(self.searcher, self.columns)
        self.commits += 1

    def close(self) -> None:
        self.evaluator.postings.close()
        self.searcher.close()


def _prefetch(folder: Path, postings: Postings) -> None:
    """Have the kernel read what the first searches need (the lexicons, the field
    lengths, the suggestion vocabulary) while the server loads the rest: on a cold page
    cache the first search would otherwise wait for each file in turn."""
    postings.prefetch()
    for path in [*folder.glob("*_len.col"), *folder.glob(commit_files("vocabulary"))]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        finally:
            os.close(fd)


def _columns(reader, folder: Path) -> Columns:
    """The columns the writer stored for this commit, else read from Whoosh."""
    stored = commit_file(folder, "columns", reader.generation())
    return Columns.read(stored, reader.doc_count_all()) or load_columns(reader)


def current(index_dir: Path, opened: OpenIndex | None) -> OpenIndex:
    """The open index for the live generation of ``index_dir``, reusing ``opened``."""
    path = current_index_path(index_dir)
    if path is None:
        raise IndexUnavailable(f"no index in {index_dir}: run `tracuu index`")
    if opened is not None and opened.generation == path.name:
        opened.refresh()
        return opened
    fresh = OpenIndex.open(index_dir, path)
    if opened is not None:
        opened.close()
    return fresh


@contextmanager
def damage_reported(index_dir: Path) -> Iterator[None]:
    """An error inside the code that reads index files means a damaged index: say so."""
    try:
        yield
    except SearchError:
        raise
    except Exception as exc:
        if not _raised_reading(exc):
            raise
        raise IndexUnavailable(
            f"the index in {index_dir} cannot be read ({type(exc).__name__}: {exc}); "
            "run `tracuu index --rebuild`"
        ) from exc


def _raised_reading(exc: Exception) -> bool:
    """Whether ``exc`` came from reading index files: Whoosh, or our readers of the posting
    arrays and the columns (not from the code that computes with what they read)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = tb.tb_frame.f_code.co_filename if tb is not None else ""
    ours = f"{os.sep}engines{os.sep}whoosh{os.sep}"
    library = f"{os.sep}whoosh{os.sep}" in where and ours not in where
    readers = ("postings.py", "arrays.py", "segment_arrays.py", "columns.py")
    return library or any(where.endswith(ours + name) for name in readers)


def _evaluator(searcher, columns: Columns) -> Evaluator:
    reader = searcher.reader()

    def expand(field: str, prefix: str, limit: int) -> list[str]:
        words = []
        for word in reader.expand_prefix(field, prefix):
            words.append(word.decode() if isinstance(word, bytes) else word)
            if len(words) >= limit:
                break
        return words

    return Evaluator(Postings(reader), searcher.schema, columns.day, expand)
