"""Response models: the JSON shapes of the API, documented field by field in OpenAPI."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class HitOut(_Model):
    id: str = Field(description="Document id: the file path in the corpus, without extension")
    number: str | None = Field(description="Normalized document number (số hiệu), e.g. 342-CV/TU")
    title: str | None = Field(description="Title, or the subject (trích yếu) when untitled")
    doc_type: str | None = Field(description="Document type label, e.g. Công văn")
    issuer: str | None = Field(description="Issuing body, e.g. Tỉnh ủy Ninh Bình")
    issued_date: str | None = Field(description="Issue date, ISO YYYY-MM-DD")
    snippet: str = Field(description="Best passage: HTML-escaped text, <mark> around matches")
    score: float | None = Field(description="Relevance score; null when sorted by date")


class FacetValueOut(_Model):
    value: str = Field(description="Facet value (label)")
    count: int = Field(description="Matching documents with this value, other facets applied")
    selected: bool = Field(description="Whether this value is selected in the request")


class SearchOut(_Model):
    query: str = Field(description="The query text as received")
    total: int = Field(description="Exact number of matching documents")
    page: int
    per_page: int
    took_ms: float = Field(description="Time spent searching, in milliseconds")
    results: list[HitOut]
    facets: dict[str, list[FacetValueOut]] = Field(
        description="Counts per doc_type, issuer, year and signer"
    )
    suggestion: str | None = Field(
        description="Accented form of an unaccented query, or a query that has hits; or null"
    )
    relaxed: bool = Field(
        description="True when no document has every word and these have some (any-word)"
    )
    partial: bool = Field(description="True when part of a distributed index did not answer")
    missing: list[str] = Field(default_factory=list, description="The parts that did not answer")


class LookupOut(_Model):
    results: list[HitOut]


class ReferenceOut(_Model):
    number: str = Field(description="Number the document cites")
    id: str | None = Field(description="Id of the cited document, null when not archived")


class CitingOut(_Model):
    id: str
    number: str | None
    title: str | None
    doc_type: str | None
    issued_date: str | None


class DocumentOut(_Model):
    id: str
    source: str = Field(description="File name in the corpus")
    number: str | None
    doc_type: str | None
    issued_date: str | None
    issuer: str | None
    place: str | None
    subject: str | None = Field(description="Trích yếu (V/v ...)")
    title: str | None
    signer: str | None
    signer_title: str | None
    urgency: str | None = Field(description="Độ khẩn: Khẩn, Thượng khẩn, Hỏa tốc")
    origin: str | None = Field(default=None, description="Where a news item came from")
    body: str = Field(description="Full text, as in the document")
    references: list[ReferenceOut] = Field(description="Numbers cited, resolved to ids")
    cited_by: list[CitingOut] = Field(description="Archived documents that cite this one")


class BucketOut(_Model):
    key: str = Field(description="Year (2021) or month (2021-07)")
    count: int


class TimelineOut(_Model):
    buckets: list[BucketOut]


class HealthOut(_Model):
    status: str
    documents: int
    backend: str = Field(description="The engine holding the index (TRACUU_BACKEND)")
    engine: dict = Field(default_factory=dict, description="Engine details (Solr: nodes, shards)")


class IndexedOut(_Model):
    id: str = Field(description="Id of the stored and indexed document")
    source: str = Field(description="File name under the corpus directory")


class ErrorOut(_Model):
    detail: str
