"""The index schema: the only place where field names live.

Text fields receive pre-analyzed, space-joined tokens from ``indexer.analysis`` (the
analysis runs once, in the worker processes), so their Whoosh analyzer only splits on
spaces. ``RECORD`` holds the whole ``Document`` (metadata and body) for display.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from whoosh import fields, formats
from whoosh.analysis import SpaceSeparatedTokenizer

# Identity and bookkeeping
ID = "id"
CONTENT_HASH = "content_hash"
RECORD = "record"

# Full text: accented view, folded view (positions, for recall and phrases), words (ranking)
BODY = "body"
BODY_FOLDED = "body_folded"
WORDS = "words"
TITLE = "title"
TITLE_FOLDED = "title_folded"
SUBJECT = "subject"
SUBJECT_FOLDED = "subject_folded"

# Exact keys and facets
NUMBER = "number"  # normalized, upper-case: 342-CV/TU, 1102/CĐ-TTG
NUMBER_FOLDED = "number_folded"  # 1102/CD-TTG
NUMBER_KEY = "number_key"  # separator-blind: 1102CDTTG
DOC_TYPE = "doc_type"
ISSUER = "issuer"
PLACE = "place"
SIGNER = "signer"
ISSUED_DATE = "issued_date"  # a real date field, for date queries
DAY = "day"  # YYYYMMDD as an int column, for sorting, browsing and histograms
YEAR = "year"
MONTH = "month"  # YYYYMM, derived from DAY by engines that count months with a field (Solr)
REFERENCES = "references"  # normalized numbers the text cites
REFERENCE_KEYS = "reference_keys"  # their separator-blind keys, for "cited by"

UNKNOWN_DAY = 2**31 - 1  # what the DAY column holds for a document with no date

# Which text fields a query searches, with their weight (title and subject weigh more).
ACCENTED_FIELDS = {TITLE: 3.0, SUBJECT: 2.5, BODY: 1.0}
FOLDED_FIELDS = {TITLE_FOLDED: 3.0, SUBJECT_FOLDED: 2.5, BODY_FOLDED: 1.0}
FACET_FIELDS = (DOC_TYPE, ISSUER, SIGNER)


class SplitPositions(formats.Positions):
    """Positions of space-separated, pre-analyzed tokens, without a Token per word.

    >>> sorted(SplitPositions().word_values("tại chỗ tại", None))[1][:3]
    ('tại', 2, 2.0)
    """

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
            ID: fields.ID(stored=True, unique=True, sortable=True),
            CONTENT_HASH: fields.ID(sortable=True),
            RECORD: fields.STORED(),
            BODY: text(),
            BODY_FOLDED: text(),
            WORDS: text(phrase=False),
            TITLE: text(),
            TITLE_FOLDED: text(),
            SUBJECT: text(),
            SUBJECT_FOLDED: text(),
            NUMBER: fields.ID(),
            NUMBER_FOLDED: fields.ID(),
            NUMBER_KEY: fields.ID(),
            DOC_TYPE: fields.ID(sortable=True),
            ISSUER: fields.ID(sortable=True),
            PLACE: fields.ID(),
            SIGNER: fields.ID(sortable=True),
            ISSUED_DATE: fields.DATETIME(),
            DAY: fields.NUMERIC(int, bits=32, sortable=True),
            YEAR: fields.NUMERIC(int, bits=32),
            REFERENCES: fields.KEYWORD(commas=True, scorable=False),
            REFERENCE_KEYS: fields.KEYWORD(commas=True, scorable=False),
        }
    )


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
