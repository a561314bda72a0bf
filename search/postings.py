"""Posting lists and field lengths of a Whoosh index as numpy arrays.

Whoosh's matchers score one posting at a time in Python, which costs about a microsecond
per posting per field: hundreds of milliseconds for common words in a large archive. Here
each posting list is read once, block by block, into arrays of global document numbers
and weights (kept in a bounded cache), so that a query scores the whole index with a few
vector operations (``search.evaluate``).
"""

from __future__ import annotations

from collections import OrderedDict
from itertools import accumulate
from math import log
from pickle import loads

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

CACHE_BYTES = 256 * 2**20  # posting arrays kept between searches
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_EMPTY_IDS = np.zeros(0, dtype=np.int64)


class Postings:
    """Read-only posting arrays of one open reader (a segment reader or a multi-reader)."""

    def __init__(self, reader, cache_bytes: int = CACHE_BYTES) -> None:
        self.reader = reader
        self.leaves = list(reader.leaf_readers())
        self.size = reader.doc_count_all()
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[tuple, tuple] = OrderedDict()
        self._cached = 0
        self._lengths: dict[str, np.ndarray] = {}

    # --- posting lists -----------------------------------------------------------------
    def term(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(global document numbers, weights) of the documents containing ``text``."""
        ids, weights, _ = self._read(field, text, values=False)
        return ids, weights

    def positions(self, field: str, text: str, docnums: np.ndarray) -> dict[int, list[int]]:
        """Token positions of ``text`` in each of ``docnums`` that contains it."""
        ids, _, values = self._read(field, text, values=True)
        at = np.searchsorted(ids, docnums)
        inside = at < len(ids)
        at, docnums = at[inside], docnums[inside]
        hit = ids[at] == docnums
        return {
            d: list(accumulate(loads(values[i][4:])))  # Whoosh's Positions encoding
            for d, i in zip(docnums[hit].tolist(), at[hit].tolist(), strict=True)
        }

    def _read(self, field: str, text: str, values: bool) -> tuple:
        key = (field, text)
        entry = self._cache.get(key)
        if entry is not None and (entry[2] is not None or not values):
            self._cache.move_to_end(key)
            return entry
        id_parts, weight_parts, value_parts = [], [], []
        for segment, offset in self.leaves:
            try:
                matcher = segment.postings(field, text)
            except TermNotFound:
                continue
            ids, weights, vals = _read_matcher(matcher, values)
            id_parts.append(ids + offset)
            weight_parts.append(weights)
            value_parts.extend(vals)
        if id_parts:
            entry = (np.concatenate(id_parts), np.concatenate(weight_parts))
        else:
            entry = (_EMPTY_IDS, np.zeros(0))
        entry += (value_parts if values else None,)
        self._remember(key, entry)
        return entry

    def _remember(self, key: tuple, entry: tuple) -> None:
        old = self._cache.pop(key, None)
        if old is not None:
            self._cached -= _cost(old)
        self._cache[key] = entry
        self._cached += _cost(entry)
        while self._cached > self.cache_bytes and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached -= _cost(dropped)

    # --- statistics ----------------------------------------------------------------------
    def lengths(self, field: str) -> np.ndarray:
        """Every document's length in ``field`` (in tokens, as Whoosh stores it: rounded)."""
        lengths = self._lengths.get(field)
        if lengths is None:
            parts = []
            for segment, _ in self.leaves:
                count = segment.doc_count_all()
                column = segment._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                if column is None:
                    parts.append(np.zeros(count))
                else:
                    raw = np.frombuffer(bytes(column[i] for i in range(count)), dtype=np.uint8)
                    parts.append(_LENGTH_OF_BYTE[raw])
            lengths = self._lengths[field] = np.concatenate(parts) if parts else np.zeros(0)
        return lengths

    def idf(self, field: str, text: str) -> float:
        """Lucene's probabilistic idf (see ``search.compile.Weighting``)."""
        n = self.reader.doc_frequency(field, text)
        return log(1 + (self.size - n + 0.5) / (n + 0.5))

    def average_length(self, field: str) -> float:
        return (self.reader.field_length(field) / (self.size or 1)) or 1.0


def _cost(entry: tuple) -> int:
    return entry[0].nbytes + entry[1].nbytes + sum(len(v) + 40 for v in entry[2] or ())


def _read_matcher(matcher, values: bool) -> tuple[np.ndarray, np.ndarray, list]:
    """All (ids, weights, values) of one segment's posting list, deletions included."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if isinstance(matcher, ListMatcher):
        ids = np.asarray(matcher._ids, dtype=np.int64)
        if matcher._all_weights:
            weights = np.full(len(ids), float(matcher._all_weights))
        elif matcher._weights:
            weights = np.asarray(matcher._weights, dtype=np.float64)
        else:
            weights = np.ones(len(ids))
        return ids, weights, list(matcher._values or ()) if values else []
    if not isinstance(matcher, W3LeafMatcher):
        raise TypeError(f"unexpected posting reader {type(matcher).__name__}")
    id_parts, weight_parts, value_parts = [], [], []
    while True:
        matcher._read_data()
        mini_ids, mini_weights, mini_values = matcher._data
        count = matcher._blocklength
        id_parts.append(np.cumsum(np.asarray(mini_ids, dtype=np.int64)))
        if mini_weights is None:
            weight_parts.append(np.ones(count))
        elif isinstance(mini_weights, float):
            weight_parts.append(np.full(count, mini_weights))
        else:
            weight_parts.append(np.asarray(mini_weights, dtype=np.float64))
        if values:
            value_parts.extend(mini_values)
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(id_parts), np.concatenate(weight_parts), value_parts
