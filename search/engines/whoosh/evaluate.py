"""Plan nodes (``search.plan``) evaluated over the whole index at once: which documents
match, with their BM25 scores, as numpy vectors (one slot per document number).

``search.compile`` builds the nodes; this module gives them the meaning Whoosh's own
matchers give the same queries (a term, an exact phrase, AND, OR, AND NOT, each clause's
boost, scores added up), from the posting arrays of ``postings``, without a Python step
per posting.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from indexer import schema as f
from search.engines.whoosh.postings import Postings
from search.plan import K1, All, Any, B, Everything, Node, Phrase, Prefix, Range, Term, Without


@dataclass
class Scored:
    """Documents that match (``mask``) and their scores (0 elsewhere). Read-only once
    returned: the evaluator hands the same arrays out again (``memoized``)."""

    mask: np.ndarray
    scores: np.ndarray


class Evaluator:
    """Evaluates queries over one reader's postings."""

    def __init__(self, postings: Postings, schema, day: np.ndarray, expand) -> None:
        self.postings = postings
        self.schema = schema
        self.size = postings.size
        self.day = day  # the DAY column, for ``Range``
        self.expand = expand  # (field, prefix, limit) -> the field's words with that prefix
        self._memo: dict | None = None  # inside ``memoized``: terms and phrases computed

    @contextmanager
    def memoized(self) -> Iterator[None]:
        """Within this context, a term or phrase asked again is not computed again when it
        was computed over the same ``within`` mask or a larger one (then narrowed): one
        plan's requirement, tiers and boosts repeat many of them. Not thread-safe (the
        reader serializes its calls); the masks must not change meanwhile."""
        self._memo = {}
        try:
            yield
        finally:
            self._memo = None

    def _remembered(self, key: tuple, within, compute) -> Scored:
        """``compute()`` (unboosted), or a copy of it computed before for ``within`` or for
        a mask that holds ``within`` (narrowed to it)."""
        if self._memo is None:
            return compute()
        known = self._memo.setdefault(key, [])
        for mask, found in known:
            if mask is within:
                return found
        for mask, found in known:
            if mask is None or within is not None and not (within & ~mask).any():
                narrowed = found.mask & within
                return Scored(narrowed, np.where(narrowed, found.scores, 0.0))
        found = compute()
        known.append((within, found))
        return found

    def run(self, q: Node, within: np.ndarray | None = None) -> Scored:
        """The matches of ``q``; with ``within`` (a mask), only those among it (cheaper)."""
        if isinstance(q, Term):
            return self._term(q.field, q.text, q.boost, within)
        if isinstance(q, Phrase):
            return self._phrase(q, within)
        if isinstance(q, All):
            return self._combine(q, within, np.logical_and)
        if isinstance(q, Any):
            return self._combine(q, within, np.logical_or)
        if isinstance(q, Prefix):
            words = self.expand(q.field, q.prefix, q.limit)
            return self.run(Any(tuple(Term(q.field, w) for w in words), q.boost), within)
        if isinstance(q, Without):
            positive = self.run(q.positive, within)
            negative = self.run(q.negative, positive.mask).mask
            return Scored(positive.mask & ~negative, np.where(negative, 0.0, positive.scores))
        if isinstance(q, Range):
            if q.field != f.DAY:
                raise TypeError(f"ranges are on {f.DAY} only, not {q.field}")
            mask = (self.day >= q.low) & (self.day <= q.high)
            return Scored(mask if within is None else mask & within, np.zeros(self.size))
        if isinstance(q, Everything):
            mask = np.ones(self.size, dtype=bool) if within is None else within.copy()
            return Scored(mask, np.zeros(self.size))
        raise TypeError(f"cannot evaluate {type(q).__name__} nodes")

    def _empty(self) -> Scored:
        return Scored(np.zeros(self.size, dtype=bool), np.zeros(self.size))

    def _combine(self, q, within, join) -> Scored:
        parts = [self.run(sub, within) for sub in q.clauses]
        if not parts:
            return self._empty()
        mask = parts[0].mask.copy()
        scores = parts[0].scores.copy()
        for part in parts[1:]:
            join(mask, part.mask, out=mask)
            scores += part.scores
        if join is np.logical_and:
            scores[~mask] = 0.0
        scores *= q.boost
        return Scored(mask, scores)

    def _hits(self, field: str, text: str, within) -> tuple[np.ndarray, np.ndarray]:
        ids, weights = self.postings.term(field, text)
        if within is not None and len(ids):
            keep = within[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def _term(self, field: str, text: str, boost: float, within) -> Scored:
        result = self._remembered(
            ("t", field, text), within, lambda: self._bm25(field, text, within)
        )
        return result if boost == 1.0 else Scored(result.mask, result.scores * boost)

    def _bm25(self, field: str, text: str, within) -> Scored:
        result = self._empty()
        ids, weights = self._hits(field, text, within)
        if not len(ids):
            return result
        weights = weights.astype(np.float64)
        result.mask[ids] = True
        if self.schema[field].scorable:
            lengths = self.postings.lengths(field)[ids]
            norm = K1 * ((1 - B) + B * lengths / self.postings.average_length(field))
            scores = self.postings.idf(field, text) * (weights * (K1 + 1)) / (weights + norm)
        else:
            scores = weights
        result.scores[ids] = scores
        return result

    def _phrase(self, q: Phrase, within) -> Scored:
        """Documents with every word, then only those where they stand in order (at most
        ``slop`` positions apart; Whoosh's default 1 means adjacent)."""
        key = ("p", q.field, q.words, q.slop)
        result = self._remembered(key, within, lambda: self._in_a_row(q, within))
        return result if q.boost == 1.0 else Scored(result.mask, result.scores * q.boost)

    def _in_a_row(self, q: Phrase, within) -> Scored:
        parts = [self._term(q.field, word, 1.0, within) for word in q.words]
        mask = parts[0].mask.copy()
        for part in parts[1:]:
            mask &= part.mask
        candidates = np.flatnonzero(mask)
        if len(candidates) and q.slop == 1:
            mask[:] = False
            mask[self.postings.phrase(q.field, list(q.words), candidates)] = True
        elif len(candidates):
            positions = [self.postings.positions(q.field, word, candidates) for word in q.words]
            for docnum in candidates.tolist():
                if not _in_order([p[docnum] for p in positions], q.slop):
                    mask[docnum] = False
        scores = np.zeros(self.size)
        for part in parts:
            scores += part.scores
        scores[~mask] = 0.0
        return Scored(mask, scores)


def _in_order(positions: list[list[int]], slop: int) -> bool:
    """Whether one position of each list follows the previous one within ``slop``.

    >>> _in_order([[3, 9], [4], [5]], 1), _in_order([[3], [5]], 1), _in_order([[3], [5]], 2)
    (True, False, True)
    """
    for start in positions[0]:
        prev = start
        for later in positions[1:]:
            i = bisect_right(later, prev)
            if i == len(later) or later[i] - prev > slop:
                break
            prev = later[i]
        else:
            return True
    return False
