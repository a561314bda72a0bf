"""Posting lists and field lengths of a Whoosh index as numpy arrays.

Whoosh's matchers score one posting at a time in Python, which costs about a microsecond
per posting per field: hundreds of milliseconds for common words in a large archive. Here
each posting list is read once, block by block, into arrays of global document numbers
and weights (kept in a bounded cache), so that a query scores the whole index with a few
vector operations (``evaluate``).
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass
from io import BytesIO
from itertools import chain
from pickle import load as pickle_load
from pickle import loads
from struct import Struct

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3LeafMatcher, _lenfield
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from search.plan import probabilistic_idf

_BLOCK_LENGTH = Struct("!i")
CACHE_BYTES = 512 * 2**20  # posting arrays kept between searches (the server stays under 1 GB)
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Postings:
    """Read-only posting arrays of one open reader (a segment reader or a multi-reader)."""

    def __init__(self, reader, cache_bytes: int = CACHE_BYTES) -> None:
        self.reader = reader
        self.leaves = list(reader.leaf_readers())
        self.size = reader.doc_count_all()
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[tuple[str, str], _Entry] = OrderedDict()
        self._cached = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._averages: dict[str, float] = {}

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
        are intersected: what is left are the phrase's occurrences.
        """
        keys = None
        for place, word in enumerate(words):
            entry = self._read(field, word, positions=True)
            at = np.searchsorted(entry.ids, docnums)
            starts = entry.offsets[at]
            counts = entry.offsets[at + 1] - starts
            first = np.cumsum(counts) - counts  # where each document's run begins, gathered
            gather = np.repeat(starts - first, counts) + np.arange(counts.sum())
            shifted = entry.positions[gather].astype(np.int64) - place
            docs = np.repeat(docnums.astype(np.int64), counts)
            these = (docs << 32) + shifted
            these = these[shifted >= 0]
            keys = these if keys is None else np.intersect1d(keys, these, assume_unique=True)
            if not len(keys):
                break
        return np.unique(keys >> 32) if keys is not None else docnums[:0]

    def _read(self, field: str, text: str, positions: bool) -> _Entry:
        key = (field, text)
        entry = self._cache.get(key)
        if entry is not None and (entry.positions is not None or not positions):
            self._cache.move_to_end(key)
            return entry
        id_parts, weight_parts, value_parts = [], [], []
        for segment, offset in self.leaves:
            try:
                matcher = segment.postings(field, text)
            except TermNotFound:
                continue
            ids, weights, vals = _read_matcher(matcher, positions)
            id_parts.append(ids + offset)
            weight_parts.append(weights)
            value_parts.extend(vals)
        if id_parts:
            entry = _Entry(np.concatenate(id_parts), np.concatenate(weight_parts))
        else:
            entry = _Entry(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
        if positions:
            entry.offsets, entry.positions = _decode_positions(value_parts)
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


def _decode_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh's Positions values (a count, then a pickled list of position deltas) -> flat
    arrays, with one ``loads`` for all of them (see ``_loads_all``)."""
    deltas = _loads_all([v[4:] for v in values])
    counts = np.fromiter(map(len, deltas), dtype=np.int64, count=len(deltas))
    flat = np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=int(counts.sum()))
    offsets = np.zeros(len(deltas) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets, _running_sums(flat, counts).astype(np.int32)


def _running_sums(flat: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Cumulative sums restarting at each run of ``counts`` items (delta decoding).

    >>> _running_sums(np.array([1, 2, 3, 10, 1]), np.array([3, 2])).tolist()
    [1, 3, 6, 10, 11]
    """
    running = np.cumsum(flat)
    ends = np.cumsum(counts)
    before = np.concatenate(([0], running[ends[:-1] - 1])) if len(counts) else running[:0]
    return running - np.repeat(before, counts)


def _loads_all(pickles: list[bytes]) -> list:
    """Unpickle many protocol-2 pickles with one ``loads``: their bodies, placed in a list.

    Each body only refers back (memo) to objects it stored itself, so they cannot clash.

    >>> from pickle import dumps
    >>> _loads_all([dumps([1, 300], 2), dumps((b"x", None), 2), dumps([], 2)])
    [[1, 300], (b'x', None), []]
    """
    if not all(p[:2] == b"\x80\x02" and p[-1:] == b"." for p in pickles):
        return [loads(p) for p in pickles]
    return loads(b"\x80\x02](" + b"".join(p[2:-1] for p in pickles) + b"e.")


def _read_matcher(matcher, values: bool) -> tuple[np.ndarray, np.ndarray, list]:
    """All (ids, weights, values) of one segment's posting list, deletions included."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if isinstance(matcher, ListMatcher):
        ids = np.asarray(matcher._ids, dtype=np.int32)
        if matcher._all_weights:
            weights = np.full(len(ids), float(matcher._all_weights), dtype=np.float32)
        elif matcher._weights:
            weights = np.asarray(matcher._weights, dtype=np.float32)
        else:
            weights = np.ones(len(ids), dtype=np.float32)
        return ids, weights, list(matcher._values or ()) if values else []
    if not isinstance(matcher, W3LeafMatcher):
        raise TypeError(f"unexpected posting reader {type(matcher).__name__}")
    blocks = _loads_all(_block_pickles(matcher))
    counts = np.fromiter((len(b[0]) for b in blocks), dtype=np.int64, count=len(blocks))
    deltas = np.fromiter(chain.from_iterable(b[0] for b in blocks), dtype=np.int64)
    ids = _running_sums(deltas, counts).astype(np.int32)
    weights = np.concatenate([_block_weights(b[1], len(b[0])) for b in blocks])
    values = list(chain.from_iterable(b[2] for b in blocks)) if values else []
    return ids, weights, values


def _block_pickles(matcher: W3LeafMatcher) -> list[bytes]:
    """The data pickles of a posting list's blocks, read in one piece: after a magic tag,
    each block is a signed length (negative: the last block), a pickled info tuple, data."""
    length = matcher._length  # Whoosh keeps it as a 1-tuple when read back from disk
    raw = matcher._postfile.get(
        matcher._startoffset, length[0] if isinstance(length, tuple) else length
    )
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError("damaged posting list (no block tag)")
    stream, pos, out = BytesIO(raw), 4, []
    while pos < len(raw):
        (length,) = _BLOCK_LENGTH.unpack_from(raw, pos)
        stream.seek(pos + 4)
        info = pickle_load(stream)  # (count, last id, max weight, compression, ...)
        end = pos + 4 + abs(length)
        data = raw[stream.tell() : end]
        out.append(zlib.decompress(data) if info[3] else data)
        if length < 0:
            break
        pos = end
    return out


def _block_weights(weights, count: int) -> np.ndarray:
    if weights is None:
        return np.ones(count, dtype=np.float32)
    if isinstance(weights, float):
        return np.full(count, weights, dtype=np.float32)
    return np.asarray(weights, dtype=np.float32)
