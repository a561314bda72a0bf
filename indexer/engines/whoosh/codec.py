"""How the index is written: Whoosh's W3 format, faster to write and to read.

- No zlib on posting blocks: a larger index, less CPU (compression cost about a fifth of
  Whoosh's indexing time).
- Posting blocks pickled with protocol 5 instead of 2 (below).
- No per-block document-length bounds: Whoosh reads each posting's document length back
  from the length column (a file read per posting) only to keep them, for its own
  block-max scoring. tracuu scores with ``search.engines.whoosh.evaluate``; Whoosh's
  scorer still works, with bounds that skip nothing (lengths are kept per document).
- Segments as separate files, not compound ones: Whoosh opens a compound segment by
  copying the whole of it into memory (a ``BytesIO`` over its mmap), 4 GB and 3.5 s for
  50,000 documents.

Protocol 2 has no opcode for bytes: it stores each posting's value (its positions) as a
call of ``codecs.encode``, which costs a function call per posting to write and again to
read. Protocol 5 stores bytes as they are: blocks read about 6x faster and are a fifth
smaller. Any Whoosh reader reads both (``pickle.loads`` reads every protocol), so older
indexes stay readable.
"""

from __future__ import annotations

from array import array
from itertools import chain
from operator import sub
from pathlib import Path
from pickle import dumps

from whoosh import fields
from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.system import pack_int
from whoosh.util.numeric import length_to_byte

from indexer.engines.whoosh.arrays import EXTENSION, ArraysWriter

PROTOCOL = 5


class FastPostingsWriter(W3PostingsWriter):
    """``W3PostingsWriter`` with its blocks pickled with ``PROTOCOL`` (else the same)."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = dumps(data, PROTOCOL)
        info = (
            len(self._ids),
            self._ids[-1],
            self._maxweight,
            0,  # compression
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        infobytes = dumps(info, 2)
        length = len(infobytes) + len(databytes)
        head = pack_int(-length if last else length)
        self._postfile.write(b"".join((head, infobytes, databytes)))
        self._blockcount += 1
        self._new_block()

    def _mini_ids(self) -> tuple:  # Whoosh's, without a generator step per posting
        ids = self._ids
        return tuple(map(sub, ids, chain((0,), ids)))

    def _mini_weights(self):
        weights = self._weights
        if weights.count(1.0) == len(weights):
            return None
        if weights.count(weights[0]) == len(weights):
            return weights[0]
        return tuple(weights)


class FastFieldWriter(W3FieldWriter):
    """``W3FieldWriter`` that does not look up document lengths for block bounds, and
    writes the segment's posting arrays (``arrays``) beside Whoosh's postings."""

    def __init__(self, codec, storage, segment) -> None:
        super().__init__(codec, storage, segment)
        self._arrays = ArraysWriter(Path(storage.folder) / segment.make_filename(EXTENSION))

    def add_postings(self, schema, lengths, items) -> None:
        super().add_postings(schema, None, items)

    def start_field(self, fieldname, fieldobj) -> None:
        super().start_field(fieldname, fieldobj)
        numeric = isinstance(fieldobj, fields.NUMERIC)  # dates and days: columns serve them
        self._arrays.start_field(fieldname, fieldobj.format.supports("positions"), not numeric)
        self._collect = self._arrays.collector()

    def start_term(self, btext) -> None:
        super().start_term(btext)
        self._arrays.start_term(btext)

    def add(self, docnum, weight, vbytes, length) -> None:
        # Called once per posting of the segment: two calls, no more
        self._postwriter.add_posting(docnum, weight, vbytes, length)
        if self._collect is not None:
            self._collect(docnum, weight, vbytes)

    def add_inverted(self, fieldname, fieldobj, inverted) -> None:
        """Write a whole field's postings at once (``inverted.Inverted``): Whoosh's blocks
        and term infos as ``add`` would, and the field's posting arrays as they are."""
        W3FieldWriter.start_field(self, fieldname, fieldobj)
        post, fmt, limit = self._postwriter, fieldobj.format, self._postwriter._blocklimit
        ids, weights, values = inverted.ids.tolist(), inverted.weights.tolist(), inverted.values()
        starts = inverted.post_starts.tolist()
        for term, begin, end in zip(inverted.terms, starts, starts[1:], strict=False):
            self._btext = term
            post.start_postings(fmt, W3TermInfo())
            for block in range(begin, end, limit):
                stop = min(block + limit, end)
                post._ids, post._values = array("I", ids[block:stop]), values[block:stop]
                post._weights = array("f", weights[block:stop])
                post._maxweight = max(0, *weights[block:stop])
                if stop < end:
                    post._write_block()
            self.finish_term()  # writes the last block
        self.finish_field()
        self._arrays.put(fieldname, inverted.arrays())

    def close(self) -> None:
        super().close()
        self._arrays.close()


class FastCodec(W3Codec):
    """W3 without compression, with ``FastPostingsWriter``."""

    def __init__(self) -> None:
        super().__init__(compression=0)

    def field_writer(self, storage, segment):
        return FastFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return FastPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=0,
            inlinelimit=self._inlinelimit,
        )


def writer_options() -> dict:
    """Keyword arguments of every index writer."""
    return {"codec": FastCodec(), "compound": False}
