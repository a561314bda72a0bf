"""Posting arrays: each segment's postings again, as flat numpy arrays in one file, so that
a search reads a posting list without unpickling it (``segment_arrays`` reads them).

Whoosh keeps its own posting blocks (pickled) for its own readers; ``ArraysWriter``
collects the same postings as Whoosh's field writer receives them (for new segments and
for merges alike) and writes ``<segment>.tpa`` beside the segment's files, so Whoosh
deletes it with the segment. Per field, in term order:

- ``terms`` (UTF-8 bytes, concatenated) and ``term_starts`` (int64, one more than terms);
- ``post_starts`` (int64): where each term's postings begin in ``ids`` and ``weights``;
- ``ids`` (int32, segment document numbers) and ``weights`` (float32);
- fields with positions: ``positions`` (int32, posting after posting) and
  ``term_pos_starts`` (int64, one more than terms): where each term's positions begin.
  A posting's weight is its number of positions (the fields have no boosts), so the
  positions of the postings within a term follow from the weights' running sum; a start
  per posting would take as much room as the positions themselves.

A file is a magic tag, a JSON header (each array's offset, dtype and length), then the
arrays, each 8-byte aligned.
"""

from __future__ import annotations

import json
import struct
from array import array
from pathlib import Path

import numpy as np

MAGIC = b"TPA2"
EXTENSION = ".tpa"
FORMAT_FILE = ".tracuu-format"  # in a generation directory: which on-disk format it has
FORMAT = "tpa2"
HEADER = struct.Struct("<4sQ")
_MERGE_WIDTH = 32  # terms up to this many bytes are merged as fixed-width numpy strings


def encode_positions(positions: list[int]) -> bytes:
    """A posting's positions as Whoosh stores its value: raw little-endian int32.

    >>> decode_positions(encode_positions([3, 17]))
    [3, 17]
    """
    return array("i", positions).tobytes()


def decode_positions(value: bytes) -> list[int]:
    return array("i", value).tolist()


def term_arrays(terms: list[bytes]) -> dict[str, np.ndarray]:
    """A field's sorted terms as ``terms`` (one blob) and ``term_starts``."""
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
    return {
        "terms": np.frombuffer(b"".join(terms), dtype=np.uint8),
        "term_starts": np.concatenate(([0], np.cumsum(lengths))),
    }


class _Field:
    """The postings of one field of a segment, as they arrive (in term order)."""

    def __init__(self, positional: bool) -> None:
        self.positional = positional
        self.terms: list[bytes] = []
        self.post_starts = array("q")
        self.ids = array("i")
        self.weights = array("f")
        self.values: list[bytes] = []

    def arrays(self) -> dict[str, np.ndarray]:
        out = {
            **term_arrays(self.terms),
            "post_starts": np.append(np.frombuffer(self.post_starts, np.int64), len(self.ids)),
            "ids": np.frombuffer(self.ids, dtype=np.int32),
            "weights": np.frombuffer(self.weights, dtype=np.float32),
        }
        if self.positional:
            counts = np.fromiter(map(len, self.values), dtype=np.int64, count=len(self.values))
            out["pos_starts"] = np.concatenate(([0], np.cumsum(counts // 4)))
            out["positions"] = np.frombuffer(b"".join(self.values), dtype=np.int32)
        return out


class ArraysWriter:
    """Collects a segment's postings (``start_field``, ``start_term``, ``add``) and writes
    them to ``path`` (``close``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fields: dict[str, _Field] = {}
        self.ready: dict[str, dict[str, np.ndarray]] = {}  # whole fields (``put``)
        self._field: _Field | None = None

    def put(self, name: str, arrays: dict[str, np.ndarray]) -> None:
        """A whole field's arrays at once (``inverted.Inverted.arrays``)."""
        self.ready[name] = arrays

    def start_field(self, name: str, positional: bool, recorded: bool) -> None:
        self._field = self.fields.setdefault(name, _Field(positional)) if recorded else None

    def start_term(self, btext: bytes) -> None:
        if self._field is not None:
            self._field.terms.append(bytes(btext))
            self._field.post_starts.append(len(self._field.ids))

    def collector(self):
        """``add(docnum, weight, value)`` for the current field's postings, or None when
        the field is not recorded (one call per posting: the appends are bound once)."""
        field = self._field
        if field is None:
            return None
        ids, weights, values = field.ids.append, field.weights.append, field.values.append
        if not field.positional:

            def add(docnum: int, weight: float, value) -> None:
                ids(docnum)
                weights(weight)

            return add

        def add_with_positions(docnum: int, weight: float, value) -> None:
            ids(docnum)
            weights(weight)
            values(value or b"")

        return add_with_positions

    def close(self) -> None:
        header, blobs, offset = {}, [], 0
        fields = {name: field.arrays() for name, field in self.fields.items()} | self.ready
        for name, arrays in sorted(fields.items()):
            arrays = stored_arrays(name, arrays)
            header[name] = {}
            for key, values in arrays.items():
                data = np.ascontiguousarray(values).tobytes()
                header[name][key] = [offset, values.dtype.str, len(values)]
                pad = -len(data) % 8
                blobs.append(data + b"\0" * pad)
                offset += len(data) + pad
        head = json.dumps(header).encode()
        head += b" " * (-(len(head) + HEADER.size) % 8)
        with open(self.path, "wb") as out:
            out.write(HEADER.pack(MAGIC, len(head)))
            out.write(head)
            for blob in blobs:
                out.write(blob)


def stored_arrays(field: str, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A field's arrays as the file keeps them: a positional field's start per posting
    (``pos_starts``) becomes a start per term (``term_pos_starts``), checked against the
    weights, from which a reader derives the rest.

    >>> a = {"post_starts": np.array([0, 2, 3]), "weights": np.array([2.0, 1.0, 3.0]),
    ...      "pos_starts": np.array([0, 2, 3, 6]), "positions": np.arange(6)}
    >>> stored_arrays("body", a)["term_pos_starts"].tolist()
    [0, 3, 6]
    """
    if "pos_starts" not in arrays:
        return arrays
    out = dict(arrays)
    pos_starts = out.pop("pos_starts")
    if not np.array_equal(np.diff(pos_starts), out["weights"]):
        raise ValueError(f"field {field!r}: weights that are not numbers of positions")
    out["term_pos_starts"] = pos_starts[out["post_starts"]].astype(np.int64)
    return out


COMMIT_FILES = ("vocabulary", "columns")  # what the writer derives from every commit


def commit_file(folder: Path, kind: str, generation: int) -> Path:
    """Where the writer stores what it derives from commit ``generation`` (Whoosh's TOC
    generation) of the index in ``folder``: ``kind`` is ``vocabulary``
    (``indexer.vocabulary``) or ``columns`` (``columns.Columns``)."""
    return folder / f"{kind}-{generation}.pickle"


def commit_files(kind: str) -> str:
    """The glob pattern of every commit's ``kind`` file (``commit_file``)."""
    return f"{kind}-*.pickle"


def merge_terms(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> list[tuple[str, int]]:
    """Segments' ``raw_terms`` -> every distinct term with its summed frequency, in byte
    order, with numpy (a dict over every segment's terms costs seconds at 20,000 documents).

    >>> blob = lambda *ts: (np.frombuffer("".join(ts).encode(), np.uint8),
    ...     np.cumsum([0] + [len(t.encode()) for t in ts]), np.array([1] * len(ts)))
    >>> merge_terms([blob("bốn", "tại"), blob("chỗ", "tại")])
    [('bốn', 1), ('chỗ', 1), ('tại', 2)]
    """
    rows, frequencies, long = [], [], {}
    for blob, starts, freqs in (p for p in parts if len(p[2])):
        lengths = np.diff(starts)
        short = lengths <= _MERGE_WIDTH
        for i in np.flatnonzero(~short).tolist():  # rare: URLs, long numbers
            text = blob[starts[i] : starts[i + 1]].tobytes()
            long[text] = long.get(text, 0) + int(freqs[i])
        grid = np.zeros((len(lengths), _MERGE_WIDTH), dtype=np.uint8)
        row = np.repeat(np.arange(len(lengths)), lengths)
        col = np.arange(len(blob)) - np.repeat(starts[:-1], lengths)
        keep = np.repeat(short, lengths)
        grid[row[keep], col[keep]] = blob[keep]
        rows.append(grid.view(f"S{_MERGE_WIDTH}").ravel()[short])
        frequencies.append(freqs[short])
    if not rows:
        return []
    unique, inverse = np.unique(np.concatenate(rows), return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=np.concatenate(frequencies)).astype(np.int64)
    merged = dict(zip(unique.tolist(), totals.tolist(), strict=True))
    merged.update(long)
    return [(text.decode("utf-8"), count) for text, count in sorted(merged.items())]
