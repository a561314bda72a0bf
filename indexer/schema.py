"""The index schema: the only place where field names live.

Text fields receive pre-analyzed, space-joined tokens from ``indexer.analysis`` (the
analysis runs once, in the worker processes), so their Whoosh analyzer only splits on
spaces. ``RECORD`` holds the whole ``Document`` (metadata and body) for display.
"""

from __future__ import annotations

from pathlib import Path

from whoosh import fields
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
REFERENCES = "references"  # normalized numbers the text cites
REFERENCE_KEYS = "reference_keys"  # their separator-blind keys, for "cited by"

UNKNOWN_DAY = 2**31 - 1  # what the DAY column holds for a document with no date

# Which text fields a query searches, with their weight (title and subject weigh more).
ACCENTED_FIELDS = {TITLE: 3.0, SUBJECT: 2.5, BODY: 1.0}
FOLDED_FIELDS = {TITLE_FOLDED: 3.0, SUBJECT_FOLDED: 2.5, BODY_FOLDED: 1.0}
FACET_FIELDS = (DOC_TYPE, ISSUER, SIGNER)


def build_schema() -> fields.Schema:
    """The Whoosh schema of a tracuu index."""
    spaces = SpaceSeparatedTokenizer()

    def text(phrase: bool = True) -> fields.TEXT:
        return fields.TEXT(analyzer=spaces, phrase=phrase)

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
