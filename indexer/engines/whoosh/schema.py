"""The Whoosh schema of a tracuu index, and where its generations live on disk.

Text fields receive pre-analyzed, space-joined tokens (``indexer.engine``), so their
formats split on spaces without making a Token per word.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

from whoosh import fields, formats
from whoosh.analysis import SpaceSeparatedTokenizer

from indexer import schema as f
from indexer.engines.whoosh.arrays import decode_positions, encode_positions


class SplitPositions(formats.Positions):
    """Positions of space-separated, pre-analyzed tokens, without a Token per word, each
    posting's positions stored as raw int32 (``arrays.encode_positions``), not pickled.

    >>> sorted(SplitPositions().word_values("tại chỗ tại", None))[1][:3]
    ('tại', 2, 2.0)
    """

    def encode(self, poslist):
        return encode_positions(poslist)

    def decode_positions(self, valuestring):
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring):
        return len(valuestring) // 4

    def word_values(self, value, analyzer, **kwargs):
        poses: dict[str, list[int]] = defaultdict(list)
        for pos, word in enumerate(value.split()):
            poses[word].append(pos)
        boost = self.field_boost
        for word, poslist in poses.items():
            yield word, len(poslist), len(poslist) * boost, self.encode(poslist)


class SplitFrequency(formats.Frequency):
    """Frequencies of space-separated, pre-analyzed tokens."""

    def word_values(self, value, analyzer, **kwargs):
        freqs: dict[str, int] = defaultdict(int)
        for word in value.split():
            freqs[word] += 1
        boost = self.field_boost
        return [(w, n, n * boost, formats.pack_uint(n)) for w, n in freqs.items()]


def build_schema() -> fields.Schema:
    """The Whoosh schema of a tracuu index."""
    spaces = SpaceSeparatedTokenizer()  # what queries through Whoosh's own parser would use

    def text(phrase: bool = True) -> fields.TEXT:
        field = fields.TEXT(analyzer=spaces, phrase=phrase)
        field.format = SplitPositions() if phrase else SplitFrequency()
        return field

    return fields.Schema(
        **{
            f.ID: fields.ID(stored=True, unique=True, sortable=True),
            f.CONTENT_HASH: fields.ID(sortable=True),
            f.RECORD: fields.STORED(),
            f.BODY: text(),
            f.BODY_FOLDED: text(),
            f.WORDS: text(phrase=False),
            f.TITLE: text(),
            f.TITLE_FOLDED: text(),
            f.SUBJECT: text(),
            f.SUBJECT_FOLDED: text(),
            f.NUMBER: fields.ID(),
            f.NUMBER_FOLDED: fields.ID(),
            f.NUMBER_KEY: fields.ID(),
            f.DOC_TYPE: fields.ID(sortable=True),
            f.ISSUER: fields.ID(sortable=True),
            f.PLACE: fields.ID(),
            f.SIGNER: fields.ID(sortable=True),
            f.ISSUED_DATE: fields.DATETIME(),
            f.DAY: fields.NUMERIC(int, bits=32, sortable=True),
            f.YEAR: fields.NUMERIC(int, bits=32),
            f.REFERENCES: fields.KEYWORD(commas=True, scorable=False),
            f.REFERENCE_KEYS: fields.KEYWORD(commas=True, scorable=False),
        }
    )


def whoosh_fields(fields_: dict) -> dict:
    """Engine-free index fields (``indexer.engine``) -> the values Whoosh's fields take:
    lists as comma-separated keywords, the ISO date as a ``datetime``.

    >>> whoosh_fields({"references": ["1/CT-UBND", "2/KH"], "issued_date": "2021-07-22"})
    {'references': '1/CT-UBND,2/KH', 'issued_date': datetime.datetime(2021, 7, 22, 0, 0)}
    """
    out = {}
    for name, value in fields_.items():
        if isinstance(value, list):
            value = ",".join(value)
        elif name == f.ISSUED_DATE:
            value = datetime.strptime(value, "%Y-%m-%d")
        out[name] = value
    return out


# --- Where the index lives -------------------------------------------------------------
# An index directory holds generations (gen-000001/ ...) and a CURRENT file naming the live
# one; a rebuild writes a new generation and swaps CURRENT atomically when it is complete.
CURRENT_FILE = "CURRENT"


def current_index_path(index_dir: Path) -> Path | None:
    """The live generation directory of ``index_dir``, or None when there is none yet."""
    pointer = Path(index_dir) / CURRENT_FILE
    try:
        name = pointer.read_text().strip()
    except OSError:
        return None
    path = Path(index_dir) / name
    return path if name and path.is_dir() else None
