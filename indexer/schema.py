"""The index schema: the only place where field names live.

Every engine (``indexer/engines/*``, ``search/engines/*``) stores these fields; text fields
receive pre-analyzed, space-joined tokens from ``indexer.analysis`` (the analysis runs
once, in the indexing processes), so an engine only splits them on spaces. ``RECORD``
holds the whole ``Document`` (metadata and body) for display. ``indexer.engine`` says
what value each field takes.
"""

from __future__ import annotations

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
# Typed relations as "<type>:<number key>" ("replaces:15CTUBND"): who replaces, amends,
# implements... a number (indexer.metadata.relations); a document's status is read from these.
RELATION_KEYS = "relation_keys"
STATUS_OVERRIDE = "status_override"  # the manifest's status, when it states one
# partly_repeals: a repeal of parts of a document (Relation.scope), which stays in force
RELATION_TYPES = (
    "replaces", "amends", "repeals", "partly_repeals", "implements", "guides", "cites",
)  # fmt: skip
STATUSES = ("active", "amended", "partly_repealed", "replaced", "repealed")  # derived, or override

UNKNOWN_DAY = 2**31 - 1  # what the DAY column holds for a document with no date

# Which text fields a query searches, with their weight (title and subject weigh more).
ACCENTED_FIELDS = {TITLE: 3.0, SUBJECT: 2.5, BODY: 1.0}
FOLDED_FIELDS = {TITLE_FOLDED: 3.0, SUBJECT_FOLDED: 2.5, BODY_FOLDED: 1.0}
# Facets: name (in requests, responses and pages) -> keyword field. ``year`` is derived
# from ``DAY`` by every engine. The order is the order in which pages show them.
FACETS = {"doc_type": DOC_TYPE, "issuer": ISSUER, "signer": SIGNER}
FACET_NAMES = ("doc_type", "issuer", "year", "signer")
# Facets counted above the seam, never by an engine: ``status``, from the relation keys
# (search.relations), since a document's status depends on the documents pointing at it.
DERIVED_FACETS = ("status",)


def relation_key(relation_type: str, key: str) -> str:
    """The ``RELATION_KEYS`` value of one relation to the number whose key is ``key``.

    >>> relation_key("replaces", "15CTUBND")
    'replaces:15CTUBND'
    """
    return f"{relation_type}:{key}"
