"""Posting lists and field lengths of a Whoosh index as numpy arrays.

Whoosh's matchers score one posting at a time in Python, which costs about a microsecond
per posting per field, and its posting blocks must be unpickled before any of it: hundreds
of milliseconds for common words in a large archive. Here each posting list is sliced out
of the segments' posting arrays (``indexer.engines.whoosh.segment_arrays``), read into
arrays of global document numbers, weights and positions (kept in a bounded cache),
so that a query scores the whole index with a few vector operations (``evaluate``).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from indexer.engines.whoosh.arrays import EXTENSION
from indexer.engines.whoosh.segment_arrays import SegmentArrays
from search.plan import probabilistic_idf

CACHE_BYTES = 512 * 2**20  # posting arrays kept between searches (the server stays under 1 GB)
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Postings:
    """Read-only posting arrays of one open reader (a segment reader or a multi-reader)."""

    def __init__(self, reader, cache_bytes: int = CACHE_BYTES) -> None:
        self.reader = reader
        self.leaves = list(reader.leaf_readers())
        self.arrays = [(_segment_arrays(leaf), offset) for leaf, offset in self.leaves]
        self.size = reader.doc_count_all()
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[tuple[str, str], _Entry] = OrderedDict()
        self._cached = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._averages: dict[str, float] = {}

    def prefetch(self) -> None:
        """Start reading the segments' lexicons into the page cache (in the background)."""
        for arrays, _ in self.arrays:
            arrays.prefetch()

    # --- posting lists -----------------------------------------------------------------
    def term(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(global document numbers, weights) of the documents containing ``text``."""
        entry = self._read(field, text, positions=False)
        return entry.ids, entry.weights

    def positions(self, field: str, text: str, docnums: np.ndarray) -> dict[int, list[int]]:
        """Token positions of ``text`` in each of ``docnums`` that contains it."""
        entry = self._read(field, text, positions=True)
        at = np.searchsorted(entry.ids, docnums)
        inside = at < len(entry.ids)
        at, docnums = at[inside], docnums[inside]
        hit = entry.ids[at] == docnums
        offsets = entry.offsets
        return {
            d: entry.positions[offsets[i] : offsets[i + 1]].tolist()
            for d, i in zip(docnums[hit].tolist(), at[hit].tolist(), strict=True)
        }

    def phrase(self, field: str, words: list[str], docnums: np.ndarray) -> np.ndarray:
        """Those of ``docnums`` (which contain every word) where the words stand in a row.

        Each word's (document, position - its place in the phrase) pairs, as 64-bit keys,
        are intersected: what is left are the phrase's occurrences. The word with the
        fewest postings goes first, and each next word is read only in the documents
        still left; a word's keys come out sorted (documents, then positions, ascend), so
        they are intersected by binary search, without sorting.
        """
        entries = [self._read(field, word, positions=True) for word in words]
        keys = None
        for place in sorted(range(len(words)), key=lambda i: len(entries[i].ids)):
            entry = entries[place]
            if keys is not None:
                docnums = _distinct(keys >> 32)
            at = np.searchsorted(entry.ids, docnums)
            starts = entry.offsets[at]
            counts = entry.offsets[at + 1] - starts
            first = np.cumsum(counts) - counts  # where each document's run begins, gathered
            gather = np.repeat(starts - first, counts) + np.arange(counts.sum())
            shifted = entry.positions[gather].astype(np.int64) - place
            docs = np.repeat(docnums.astype(np.int64), counts)
            these = ((docs << 32) + shifted)[shifted >= 0]
            if keys is None:
                keys = these
            elif len(these):
                at = np.minimum(np.searchsorted(these, keys), len(these) - 1)
                keys = keys[these[at] == keys]
            else:
                keys = these
            if not len(keys):
                break
        return _distinct(keys >> 32) if keys is not None else docnums[:0]

    def _read(self, field: str, text: str, positions: bool) -> _Entry:
        key = (field, text)
        entry = self._cache.get(key)
        if entry is not None and (entry.positions is not None or not positions):
            self._cache.move_to_end(key)
            return entry
        spans = [
            (arrays, offset, span)
            for arrays, offset in self.arrays
            if (span := arrays.span(field, text)) is not None
        ]
        size = sum(span.stop - span.start for _, _, span in spans)
        entry = _Entry(np.empty(size, dtype=np.int32), np.empty(size, dtype=np.float32))
        at = 0
        for arrays, offset, span in spans:
            ids = entry.ids[at : at + span.stop - span.start]
            arrays.read(field, "ids", span.start, ids)
            ids += offset
            arrays.read(field, "weights", span.start, entry.weights[at : at + len(ids)])
            at += len(ids)
        if positions:
            entry.offsets, entry.positions = _read_positions(field, spans, entry.weights)
        self._remember(key, entry)
        return entry

    def _remember(self, key: tuple, entry: _Entry) -> None:
        old = self._cache.pop(key, None)
        if old is not None:
            self._cached -= old.nbytes()
        self._cache[key] = entry
        self._cached += entry.nbytes()
        while self._cached > self.cache_bytes and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached -= dropped.nbytes()

    def close(self) -> None:
        self._cache.clear()
        for arrays, _ in self.arrays:
            arrays.close()

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
                    parts.append(_LENGTH_OF_BYTE[_length_bytes(column, count)])
            lengths = self._lengths[field] = np.concatenate(parts) if parts else np.zeros(0)
        return lengths

    def idf(self, field: str, text: str) -> float:
        """Lucene's probabilistic idf (``search.plan.probabilistic_idf``), from the number
        of postings (deleted documents included, as Whoosh counts them)."""
        return probabilistic_idf(len(self._read(field, text, positions=False).ids), self.size)

    def average_length(self, field: str) -> float:
        average = self._averages.get(field)
        if average is None:
            average = self._averages[field] = (
                self.reader.field_length(field) / (self.size or 1)
            ) or 1.0
        return average


@dataclass
class _Entry:
    """One term's postings: sorted document numbers, weights and (when read) positions,
    the positions of ``ids[i]`` being ``positions[offsets[i]:offsets[i + 1]]``."""

    ids: np.ndarray  # int32
    weights: np.ndarray  # float32
    offsets: np.ndarray | None = None
    positions: np.ndarray | None = None

    def nbytes(self) -> int:
        arrays = (self.ids, self.weights, self.offsets, self.positions)
        return sum(a.nbytes for a in arrays if a is not None)


def _segment_arrays(leaf) -> SegmentArrays:
    """The posting arrays of one segment reader (``indexer.engines.whoosh.arrays``)."""
    path = Path(leaf._storage.folder) / leaf._segment.make_filename(EXTENSION)
    if not path.is_file():
        raise FileNotFoundError(f"no posting arrays for segment {path.name}")
    return SegmentArrays(path)


def _length_bytes(column, count: int) -> np.ndarray:
    """A segment's byte-coded field lengths, read in one piece (Whoosh's column reader
    reads a file slice per document); documents past the column's end have 0."""
    raw = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
    return np.concatenate((raw, np.zeros(max(0, count - len(raw)), dtype=np.uint8)))[:count]


def _distinct(sorted_values: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array, in order.

    >>> _distinct(np.array([2, 2, 5, 7, 7])).tolist()
    [2, 5, 7]
    """
    keep = np.ones(len(sorted_values), dtype=bool)
    keep[1:] = sorted_values[1:] != sorted_values[:-1]
    return sorted_values[keep]


def _read_positions(field: str, spans: list[tuple], weights: np.ndarray) -> tuple:
    """The positions of the postings in ``spans`` (segment arrays, document offset, span),
    as one flat array and its offsets: those of posting ``i`` are
    ``positions[offsets[i]:offsets[i + 1]]``. A posting's weight is its number of
    positions (``indexer.engines.whoosh.arrays``); a field without positions has none."""
    offsets = np.zeros(len(weights) + 1, dtype=np.int64)
    runs = [span for _, _, span in spans if span.positions is not None]
    if len(runs) == len(spans):
        np.cumsum(weights, dtype=np.int64, out=offsets[1:])
    total = int(offsets[-1])
    if sum(span.positions_stop - span.positions for span in runs) != total:
        raise ValueError(f"damaged posting arrays: {field}'s positions and weights disagree")
    positions, into = np.empty(total, dtype=np.int32), 0
    for arrays, _, span in spans:
        if span.positions_stop != span.positions:
            count = span.positions_stop - span.positions
            arrays.read(field, "positions", span.positions, positions[into : into + count])
            into += count
    return offsets, positions
