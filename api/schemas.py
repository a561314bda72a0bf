"""Response models: the JSON shapes of the API, documented field by field in OpenAPI."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SectionOut(_Model):
    label: str = Field(description="The section as one cites it, e.g. Điều 2, khoản 2")
    anchor: str = Field(description="Its anchor on the reading page (/documents/{id}#anchor)")


class HitOut(_Model):
    id: str = Field(description="Document id: the file path in the corpus, without extension")
    number: str | None = Field(description="Normalized document number (số hiệu), e.g. 342-CV/TU")
    title: str | None = Field(description="Title, or the subject (trích yếu) when untitled")
    doc_type: str | None = Field(description="Document type label, e.g. Công văn")
    issuer: str | None = Field(description="Issuing body, e.g. Tỉnh ủy Ninh Bình")
    issued_date: str | None = Field(description="Issue date, ISO YYYY-MM-DD")
    snippet: str = Field(description="Best passage: HTML-escaped text, <mark> around matches")
    score: float | None = Field(description="Relevance score; null when sorted by date")
    status: str = Field(
        default="active",
        description="active, amended, partly_repealed, replaced or repealed (see documents)",
    )
    section: SectionOut | None = Field(
        default=None, description="The section the snippet falls in; the snippet names it"
    )
    tier: str | None = Field(
        default=None,
        description="Ranked by relevance, what put it there, best first: number (its number "
        "was typed), exact (what was typed, side by side), equivalent (the same through "
        "equivalent spellings), folded (side by side without accents), words (every word "
        "with its accents, apart) or other; null when sorted by date",
    )
    explain: dict[str, str | float] | None = Field(
        default=None,
        description="With explain=true: the tier and the parts of the score (terms: BM25 "
        "of the query's words; proximity, fields, words, restored: the boosts)",
    )


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
        description="Counts per doc_type, issuer, year, signer and status"
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


class RelationOut(_Model):
    type: str = Field(
        description="replaces, amends, repeals, partly_repeals (a repeal of parts named in "
        "scope: the document stays in force), implements, guides or cites"
    )
    number: str = Field(description="The number the text names")
    date: str | None = Field(description="Its date when the text gives it (ISO)")
    scope: str | None = Field(
        default=None,
        description="The parts it touches when the text names them (khoản 4 Điều 15, một "
        "số điều); null: the whole document",
    )
    id: str | None = Field(description="The archived document it resolves to, or null")


class RelatedOut(_Model):
    type: str = Field(description="How that document relates to this one (its relation)")
    id: str
    number: str | None
    issued_date: str | None
    doc_type: str | None = None
    issuer: str | None = None
    title: str | None = None
    scope: str | None = Field(
        default=None, description="The parts of this document its relation touches, or null"
    )


class OutlineOut(_Model):
    label: str = Field(description="Điều 1, Phần II, Chương I, Mục 1 ...")
    title: str | None
    anchor: str = Field(description="Anchor on the reading page")
    level: int = Field(description="Depth in the outline, 1 = top")


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
    signer_capacity: str | None = Field(
        default=None,
        description="What the signer signs as: TM. (on behalf of), KT. (deputising), TL., "
        "TUQ., Q. (acting), e.g. TM. Ủy ban nhân dân, KT. Chủ tịch",
    )
    issuers: list[str] = Field(
        default_factory=list, description="Every issuer of a joint document (liên tịch)"
    )
    signatures: list[dict] = Field(
        default_factory=list,
        description="Every signature block of a joint document: signer, title, capacity",
    )
    issued_month: str | None = Field(
        default=None, description="YYYY-MM when the document gives a month and no day"
    )
    urgency: str | None = Field(description="Độ khẩn: Khẩn, Thượng khẩn, Hỏa tốc")
    origin: str | None = Field(default=None, description="Where a news item came from")
    body: str = Field(description="Full text, as in the document")
    references: list[ReferenceOut] = Field(description="Numbers cited, resolved to ids")
    cited_by: list[CitingOut] = Field(description="Archived documents that cite this one")
    relations: list[RelationOut] = Field(description="Typed relations read from the text")
    related_by: list[RelatedOut] = Field(
        description="Archived documents that replace, amend, repeal, implement, guide or cite it"
    )
    status: str = Field(
        description="active, amended, partly_repealed, replaced or repealed: a replacement "
        "or repeal wins over an amendment or a partial repeal, then the latest relation "
        "pointing at it; the manifest may state it"
    )
    status_by: RelatedOut | None = Field(
        description="The document whose relation decided the status, or null"
    )
    outline: list[OutlineOut] = Field(description="Headings of the body, with anchors")


class FamilyOut(_Model):
    document: dict = Field(description="The document (id, number, doc_type, issuer, date...)")
    members: list[dict] = Field(
        description="Everything that implements or guides it, down the chain: each with "
        "type, parent (the id it implements or guides), depth and status"
    )


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
