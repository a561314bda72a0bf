"""The Whoosh engine's ``Reader``: plans run with numpy over one open index.

Masks over document numbers do the filtering, facet counts and date order; scores come
from ``evaluate`` (BM25 over posting arrays). Access is serialized by a lock, and the
index is reopened when a new commit or a rebuilt generation appears.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from whoosh import query as wq

from indexer import schema as f
from indexer.engines.whoosh.arrays import commit_file, merge_terms
from indexer.vocabulary import Vocabulary
from search.engines.whoosh.opened import OpenIndex, current, damage_reported
from search.engines.whoosh.ranked import ranked
from search.errors import check_time
from search.plan import MONTH, YEAR, Answer, Plan


class WhooshReader:
    """Runs plans over the Whoosh index in ``index_dir`` (thread-safe)."""

    name = "whoosh"

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self._state: OpenIndex | None = None
        self._pinned = 0  # inside ``snapshot``: the index is not reopened

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._reading():
            self._pinned += 1
            try:
                yield
            finally:
                self._pinned -= 1

    @contextmanager
    def _reading(self) -> Iterator[OpenIndex]:
        """Hold the lock, with the current index; report damage found while reading."""
        with self._lock, damage_reported(self.index_dir):
            if not self._pinned or self._state is None:
                self._state = current(self.index_dir, self._state)
            yield self._state

    # --- plans -------------------------------------------------------------------------
    def run(self, plan: Plan) -> Answer:
        started = time.perf_counter()
        with self._reading() as state, state.evaluator.memoized():
            cols = state.columns
            if plan.required is None:
                scores, base = None, cols.live.copy()
            else:
                found = state.evaluator.run(plan.required)
                scores, base = found.scores, found.mask & cols.live
            for node in plan.filters:
                base &= state.evaluator.run(node, base).mask
            selections = {n: _selected(cols, n, v) for n, v in plan.selections.items()}
            final = base.copy()
            for mask in selections.values():
                final &= mask
            check_time(started, plan.time_budget)
            facets = {n: _counts(cols, n, _except(base, selections, n)) for n in plan.facets}
            stop = None if plan.limit is None else plan.offset + plan.limit
            ranked = self._ordered(state, plan, scores, final, stop)
            page = [hit[plan.offset :] for hit in ranked]
            check_time(started, plan.time_budget)
            return Answer(
                total=int(final.sum()),
                hits=[(cols.ids[d], s) for d, s in zip(page[0], page[1], strict=True)],
                facets=facets,
                histogram=_histogram(cols, plan.histogram, final),
                tiers=page[2],
                parts=page[3],
            )

    def _ordered(self, state, plan, scores, final, limit) -> tuple[list, list, list, list]:
        """Matching document numbers in the plan's order, at most ``limit``, with their
        scores, tiers and score parts (the last three empty when not ranked)."""
        if limit == 0:
            return [], [], [], []
        if scores is not None and plan.sort == "relevance" and final.any():
            return ranked(state.evaluator, state.columns.id_rank, plan, scores, final, limit)
        docnums = np.flatnonzero(final)
        day, rank = state.columns.day[docnums], state.columns.id_rank[docnums]
        if plan.sort == "oldest":
            order = np.lexsort((rank, day))
        else:  # newest first; documents without a date last
            order = np.lexsort((-rank, np.where(day == f.UNKNOWN_DAY, -1, day)))[::-1]
        picked = docnums[order[:limit]].tolist()
        return picked, [None] * len(picked), [], []

    # --- records and vocabulary --------------------------------------------------------
    def records(self, ids: list[str]) -> dict[str, dict]:
        out = {}
        with self._reading() as state:
            for doc_id in ids:
                docnum = state.columns.docnums.get(doc_id)
                if docnum is not None:
                    out[doc_id] = dict(state.searcher.stored_fields(docnum)[f.RECORD])
        return out

    def ids_with(self, field: str, value: str) -> list[str]:
        with self._reading() as state:
            docnums = state.searcher.docs_for_query(wq.Term(field, value))
            return sorted(state.columns.ids[d] for d in docnums if state.columns.live[d])

    def terms(self, field: str) -> list[tuple[str, int]]:
        """From the segments' posting arrays (Whoosh's lexicon unpickles each term's info),
        holding the lock one segment at a time, so that searches go on meanwhile."""
        with self._reading() as state:
            evaluator = state.evaluator
        parts = []
        for arrays, _ in evaluator.postings.arrays:
            with self._lock:
                if self._state is None or self._state.evaluator is not evaluator:
                    return self.terms(field)  # the index changed meanwhile: read it again
                parts.append(tuple(np.array(a) for a in arrays.raw_terms(field)))
        return merge_terms(parts)

    def vocabulary(self) -> Vocabulary | None:
        with self._reading() as state:
            commit = state.searcher.reader().generation()
            path = commit_file(Path(state.ix.storage.folder), "vocabulary", commit)
        return Vocabulary.read(path)

    def document_count(self) -> int:
        with self._reading() as state:
            return int(state.columns.live.sum())

    def version(self) -> str:
        with self._reading() as state:
            return f"{state.generation}/{state.commits}"

    def health(self) -> dict:
        return {}  # one local index: nothing to say beyond the document count

    def close(self) -> None:
        with self._lock:
            if self._state is not None:
                self._state.close()
                self._state = None


def open_reader(config, index_dir: Path) -> WhooshReader:
    """The engine's entry point (``search.engines.open_reader``)."""
    return WhooshReader(index_dir)


def _selected(cols, name: str, values: tuple[str, ...]) -> np.ndarray:
    """Documents with one of ``values`` (exact labels; years as strings) in facet ``name``."""
    if name == YEAR:
        return np.isin(cols.year, [int(v) for v in values])
    column = cols.facets[name]
    return np.isin(column.codes, [column.index[v] for v in values if v in column.index])


def _except(base, selections: dict, name: str):
    mask = base.copy()
    for other, selected in selections.items():
        if other != name:
            mask &= selected
    return mask


def _counts(cols, name: str, mask) -> dict[str, int]:
    if name == YEAR:
        years, counts = np.unique(cols.year[mask & (cols.year > 0)], return_counts=True)
        return {str(y): int(c) for y, c in zip(years, counts, strict=True)}
    column = cols.facets[name]
    counts = np.bincount(column.codes[mask], minlength=len(column.labels))
    return {column.labels[c]: int(counts[c]) for c in np.flatnonzero(counts) if c}


def _histogram(cols, interval: str | None, mask) -> list[tuple[int, int]]:
    if interval is None:
        return []
    keys = cols.year if interval == YEAR else cols.month
    if interval not in (YEAR, MONTH):
        raise ValueError(f"histogram interval must be {YEAR} or {MONTH}")
    values = keys[mask & (keys > 0)]
    uniq, counts = np.unique(values, return_counts=True)
    return [(int(k), int(c)) for k, c in zip(uniq, counts, strict=True)]
