"""Plain data of the search layer: one request shape in, one result structure out.

``api/`` serializes these to JSON; ``web/`` renders the same structures as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_PAGE = 1000


@dataclass(slots=True)
class SearchRequest:
    """What the user asked: query text, facet selections, date range, order and page."""

    q: str = ""
    doc_type: list[str] = field(default_factory=list)
    issuer: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    signer: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)  # active, amended, replaced, repealed
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    explain: bool = False  # each hit's tier and the parts of its score

    def facet_selection(self, name: str) -> list[str]:
        return [str(v) for v in getattr(self, name)]


@dataclass(slots=True)
class Hit:
    id: str
    number: str | None
    title: str | None
    doc_type: str | None
    issuer: str | None
    issued_date: str | None
    snippet: str  # HTML-escaped text; <mark> is its only markup
    score: float | None
    subject: str | None = None
    status: str = "active"  # derived from the documents that point at it
    section: dict | None = None  # {"label": "Điều 2, khoản 2", "anchor"} of the snippet
    mark: int | None = None  # the snippet's match among the reading page's marks (1 = first)
    tier: str | None = None  # ranked by relevance: ``search.ranking.TIERS`` or "other"
    explain: dict | None = None  # with ``explain``: the tier and each part of the score

    @classmethod
    def of(cls, record: dict, snippet: str, score: float | None = None, **extra) -> Hit:
        """The hit of one stored record (``Document.to_dict()``), with its snippet."""
        return cls(
            id=record["id"],
            number=record.get("number"),
            title=record.get("title") or record.get("subject"),
            doc_type=record.get("doc_type"),
            issuer=record.get("issuer"),
            issued_date=record.get("issued_date"),
            snippet=snippet,
            score=score,
            subject=record.get("subject"),
            **extra,
        )


@dataclass(slots=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(slots=True)
class Bucket:
    key: str  # "2021" or "2021-07"
    count: int


@dataclass(slots=True)
class SearchResults:
    query: str
    total: int
    page: int
    per_page: int
    took_ms: float
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    sort: str = "relevance"
    terms: list[str] = field(default_factory=list)  # what was searched, for highlighting
    relaxed: bool = False  # no document has every word: these have some (any-word)
    partial: bool = False  # part of a distributed index did not answer
    missing: list[str] = field(default_factory=list)  # the parts that did not answer


@dataclass(slots=True)
class Reference:
    number: str
    id: str | None  # None when the cited document is not in the archive


@dataclass(slots=True)
class DocumentView:
    """A whole document for reading: its metadata, body and citations both ways."""

    record: dict  # every metadata field of indexer.records.Document, and body
    references: list[Reference]
    cited_by: list[dict]  # [{"id", "number", "title", "doc_type", "issued_date"}]
    relations: list[dict] = field(default_factory=list)  # [{"type", "number", "date", "id"}]
    related_by: list[dict] = field(default_factory=list)  # [{"type", "id", "number", ...}]
    status: str = "active"
    status_by: dict | None = None  # the document that decided the status, with "type"
    outline: list[dict] = field(default_factory=list)  # [{"label", "title", "anchor", "level"}]
