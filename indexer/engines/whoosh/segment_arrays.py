"""Reading one segment's posting arrays (``arrays``: the ``.tpa`` file).

The lexicon (terms and where each term's postings and positions start) is memory-mapped:
a lookup touches a few of its pages. The postings themselves (document numbers, weights,
positions) are read with ``preadv`` straight into the caller's arrays, not mapped: a
mapped page stays in the server's resident memory for as long as the index is open, so
that at 200,000 documents the pages searches had touched made 3.6 GB of the server's
4.7 GB. Read, they sit in the system's page cache, which the kernel shares and drops
as it needs, and the server holds only what its posting cache keeps (a bounded size).
"""

from __future__ import annotations

import json
import mmap
import os
from bisect import bisect_left
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import numpy as np

from indexer.engines.whoosh.arrays import HEADER, MAGIC

_LEXICON = ("terms", "term_starts", "post_starts", "term_pos_starts")  # mapped; the rest: read
_MAX_READ = 1 << 30  # bytes per preadv call (Linux reads at most about 2 GB per call)


class _Terms:
    """The sorted terms of a field as a sequence of bytes (for ``bisect``), read through
    memoryviews (a third faster than indexing the numpy arrays: no numpy scalars)."""

    def __init__(self, blob: np.ndarray, starts: np.ndarray) -> None:
        self.blob, self.starts = memoryview(blob), memoryview(starts)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int) -> bytes:
        return self.blob[self.starts[i] : self.starts[i + 1]].tobytes()


class Span(NamedTuple):
    """A term's postings, ``[start, stop)`` of its field's ids and weights, and (in a
    field with positions) its positions, ``[positions, positions_stop)``."""

    start: int
    stop: int
    positions: int | None = None
    positions_stop: int | None = None


class SegmentArrays:
    """The posting arrays of one segment: ``span`` finds a term's postings, ``read``
    reads a range of one of its arrays."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDONLY)
        try:
            self._map = mmap.mmap(self._fd, 0, access=mmap.ACCESS_READ)
            magic, size = HEADER.unpack_from(self._map, 0)
            if magic != MAGIC:
                raise ValueError(f"damaged posting arrays (no {MAGIC!r} tag): {path.name}")
            base = HEADER.size + size
            header = json.loads(self._map[HEADER.size : base])
        except BaseException:
            os.close(self._fd)
            raise
        # field -> array -> (where it begins in the file, dtype, length), parsed once
        self._arrays = {
            field: {key: (base + at, np.dtype(dtype), n) for key, (at, dtype, n) in keys.items()}
            for field, keys in header.items()
        }
        self._fields: dict[str, dict] = {}

    def _lexicon(self, field: str) -> dict | None:
        lexicon = self._fields.get(field)
        if lexicon is None and field in self._arrays:
            lexicon = self._fields[field] = {
                key: np.frombuffer(self._map, dtype, count, offset)
                for key, (offset, dtype, count) in self._arrays[field].items()
                if key in _LEXICON
            }
            lexicon["lexicon"] = _Terms(lexicon["terms"], lexicon["term_starts"])
        return lexicon

    def prefetch(self) -> None:
        """Ask the kernel to read every field's lexicon into its page cache in the
        background (``posix_fadvise``: it returns at once), so that a server started with
        a cold page cache does not wait on the disk for its first lookups."""
        for arrays in self._arrays.values():
            for key in _LEXICON:
                if key in arrays:
                    offset, dtype, count = arrays[key]
                    os.posix_fadvise(self._fd, offset, count * dtype.itemsize,
                                     os.POSIX_FADV_WILLNEED)  # fmt: skip

    def span(self, field: str, text: str) -> Span | None:
        """Where the postings (and positions) of ``text`` lie in the field's arrays; None
        when the segment does not have the term."""
        lexicon = self._lexicon(field)
        if lexicon is None:
            return None
        key, terms = text.encode("utf-8"), lexicon["lexicon"]
        i = bisect_left(terms, key)
        if i == len(terms) or terms[i] != key:
            return None
        starts, positions = lexicon["post_starts"], lexicon.get("term_pos_starts")
        if positions is None:
            return Span(int(starts[i]), int(starts[i + 1]))
        return Span(int(starts[i]), int(starts[i + 1]), int(positions[i]), int(positions[i + 1]))

    def read(self, field: str, name: str, start: int, out: np.ndarray) -> None:
        """Elements ``start`` to ``start + len(out)`` of array ``name`` of ``field`` (ids,
        weights, positions) into ``out``, a contiguous array of its dtype."""
        offset, dtype, count = self._arrays[field][name]
        if dtype != out.dtype or start < 0 or start + len(out) > count:
            raise ValueError(f"damaged posting arrays ({field}.{name}): {self.path.name}")
        view = memoryview(out).cast("B")
        position = offset + start * out.itemsize
        while len(view):
            done = os.preadv(self._fd, [view[:_MAX_READ]], position)
            if done <= 0:
                raise ValueError(f"truncated posting arrays ({field}.{name}): {self.path.name}")
            view, position = view[done:], position + done

    def raw_terms(self, field: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(UTF-8 blob, term starts, document frequencies) of ``field`` in this segment."""
        lexicon = self._lexicon(field)
        if lexicon is None:
            return np.zeros(0, np.uint8), np.zeros(1, np.int64), np.zeros(0, np.int64)
        return lexicon["terms"], lexicon["term_starts"], np.diff(lexicon["post_starts"])

    def terms(self, field: str) -> tuple[list[str], np.ndarray]:
        """Every term of ``field`` in this segment, and its document frequency (deleted
        documents included, as Whoosh counts them)."""
        blob, starts, frequencies = self.raw_terms(field)
        if not len(blob):
            return [""] * (len(starts) - 1), frequencies
        # One decode: a line break (which no token holds) between terms, split on it
        joined = np.insert(blob, starts[1:-1], ord("\n")).tobytes().decode("utf-8")
        texts = joined.split("\n")
        if len(texts) != len(starts) - 1:  # a term held a line break after all
            data = blob.tobytes()
            texts = [data[a:b].decode("utf-8") for a, b in pairwise(starts.tolist())]
        return texts, frequencies

    def close(self) -> None:
        self._fields.clear()
        try:
            self._map.close()
        except BufferError:  # views still in use elsewhere: the map closes when they go
            pass
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
