"""New segments written by inverting each text field with numpy, instead of one Python
tuple per posting through Whoosh's posting pool.

Whoosh's ``SegmentWriter`` adds every posting of every document to a pool as a tuple,
sorts the pool when the segment is written and hands the postings one by one to the codec:
about a third of the cost of indexing, besides underthesea. ``InvertingWriter`` keeps each
pre-analyzed text field (``schema.SplitPositions``, ``schema.SplitFrequency``) as term
numbers in flat arrays, sorts them once (a stable sort by term keeps each document's
postings in document and position order) and gives the codec whole posting lists
(``codec.FastFieldWriter.add_inverted``). The files are the same, byte for byte, as
Whoosh's own writer makes of the same documents (``tests/engines/test_whoosh_inverted.py``).

Other fields (ids, keywords, numbers, dates: a few postings a document) go through
Whoosh's pool as before. For new documents only: merges of existing segments go through
Whoosh's own writer.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

import numpy as np
from whoosh import formats
from whoosh.writing import SegmentWriter

from indexer.engines.whoosh.arrays import term_arrays
from indexer.engines.whoosh.schema import SplitFrequency, SplitPositions


@dataclass
class Inverted:
    """One field's postings in a segment, in term order (what ``arrays`` stores):
    ``post_starts[t]:post_starts[t + 1]`` are term ``t``'s postings; a positional field's
    posting ``i`` has ``positions[pos_starts[i]:pos_starts[i + 1]]``."""

    terms: list[bytes]  # sorted
    post_starts: np.ndarray  # int64, one more than terms
    ids: np.ndarray  # int32 document numbers
    weights: np.ndarray  # float32
    pos_starts: np.ndarray | None = None  # int64, one more than postings
    positions: np.ndarray | None = None  # int32

    def values(self) -> list[bytes]:
        """Each posting's value as Whoosh's format stores it: raw int32 positions, or the
        frequency as ``pack_uint``."""
        if self.positions is None:
            return list(map(formats.pack_uint, self.weights.astype(np.int64).tolist()))
        blob = self.positions.tobytes()
        bounds = (self.pos_starts * self.positions.itemsize).tolist()
        return list(map(blob.__getitem__, map(slice, bounds[:-1], bounds[1:])))

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays ``arrays.ArraysWriter`` writes for this field."""
        out = {
            **term_arrays(self.terms),
            "post_starts": self.post_starts,
            "ids": self.ids,
            "weights": self.weights,
        }
        if self.positions is not None:
            out["pos_starts"], out["positions"] = self.pos_starts, self.positions
        return out


class Inverter:
    """Collects one text field's space-separated tokens, document by document."""

    def __init__(self, positional: bool) -> None:
        self.positional = positional
        self.vocabulary: dict[str, int] = {}  # token -> term number, in order of arrival
        self.terms = array("i")  # every token's term number
        self.docnums = array("i")
        self.lengths = array("q")  # tokens per document

    def add(self, docnum: int, value: str) -> int:
        """Add a document's tokens; returns how many (the field length Whoosh stores)."""
        vocabulary = self.vocabulary
        number = vocabulary.setdefault
        tokens = value.split()
        self.terms.extend([number(t, len(vocabulary)) for t in tokens])
        self.docnums.append(docnum)
        self.lengths.append(len(tokens))
        return len(tokens)

    def invert(self) -> Inverted | None:
        """The field's postings, sorted by term bytes, document and position."""
        if not self.vocabulary:
            return None
        words = [w.encode("utf-8") for w in self.vocabulary]
        by_bytes = sorted(range(len(words)), key=words.__getitem__)
        rank = np.empty(len(words), dtype=np.int32)
        rank[by_bytes] = np.arange(len(words), dtype=np.int32)
        lengths = np.frombuffer(self.lengths, dtype=np.int64)
        keys = rank[np.frombuffer(self.terms, dtype=np.int32)]
        order = np.argsort(keys, kind="stable")  # tokens arrived by document and position
        keys = keys[order]
        docs = np.repeat(np.frombuffer(self.docnums, dtype=np.int32), lengths)[order]
        new = np.ones(len(keys), dtype=bool)  # where a (term, document) posting begins
        new[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
        begins = np.flatnonzero(new)
        counts = np.diff(np.append(begins, len(keys)))
        post_keys = keys[begins]
        first = np.ones(len(begins), dtype=bool)
        first[1:] = post_keys[1:] != post_keys[:-1]
        inverted = Inverted(
            terms=[words[i] for i in by_bytes],
            post_starts=np.append(np.flatnonzero(first), len(begins)).astype(np.int64),
            ids=docs[begins],
            weights=counts.astype(np.float32),  # Whoosh's weight: the frequency
        )
        if self.positional:
            starts = np.cumsum(lengths) - lengths
            positions = np.arange(len(keys), dtype=np.int64) - np.repeat(starts, lengths)
            inverted.positions = positions[order].astype(np.int32)
            inverted.pos_starts = np.append(begins, len(keys)).astype(np.int64)
        return inverted


class InvertingWriter(SegmentWriter):
    """A ``SegmentWriter`` for new documents that inverts the pre-analyzed text fields
    itself (see the module's docstring). The schema's fields may not have term vectors,
    separate spelling fields or field boosts (tracuu's have none)."""

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self._inverters: dict[str, Inverter] = {}
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"field {name!r}: vectors and spelling are not supported")
            if isinstance(field.format, SplitPositions | SplitFrequency):
                if field.format.field_boost != 1:
                    raise ValueError(f"field {name!r}: field boosts are not supported")
                positional = isinstance(field.format, SplitPositions)
                self._inverters[name] = Inverter(positional)

    def add_document(self, **fields) -> None:
        self._check_state()
        schema, perdoc, docnum, pool = self.schema, self.perdocwriter, self.docnum, self.pool
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field, length = schema[name], 0
                inverter = self._inverters.get(name)
                if inverter is not None:
                    length = inverter.add(docnum, value)
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        length += freq if field.scorable else 0
                        pool.add((name, tbytes, docnum, weight, vbytes))
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def add_reader(self, reader) -> None:
        raise NotImplementedError("InvertingWriter writes new documents only")

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pooled = {
            name: list(group)
            for name, group in groupby(self.pool.iter_postings(), key=itemgetter(0))
        }
        inverted = {n: inv.invert() for n, inv in self._inverters.items()}
        writer = self.fieldwriter
        for name in sorted(set(pooled) | {n for n, inv in inverted.items() if inv}):
            if name in inverted:
                writer.add_inverted(name, self.schema[name], inverted.pop(name))
            else:
                writer.add_postings(self.schema, None, pooled[name])
        writer.close()
