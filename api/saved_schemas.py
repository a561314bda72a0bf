"""JSON shapes of saved searches, batch lookup and their OpenAPI text."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from api.schemas import HitOut
from search.query import MAX_QUERY_CHARS

MAX_BATCH_NUMBERS = 1000


class SavedSearchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="A name, e.g. Chỉ thị 4 tại chỗ")
    q: str = Field("", max_length=MAX_QUERY_CHARS, description="Query text, as for /api/search")
    doc_type: list[str] = Field([], max_length=50, description="Type filter (OR)")
    issuer: list[str] = Field([], max_length=50, description="Issuer filter (OR)")
    year: list[StrictInt] = Field([], max_length=50, description="Year filter (OR)")
    signer: list[str] = Field([], max_length=50, description="Signer filter (OR)")
    date_from: str | None = Field(None, description="Issued on or after (YYYY-MM-DD)")
    date_to: str | None = Field(None, description="Issued on or before (YYYY-MM-DD)")
    sort: str = Field("newest", pattern="^(relevance|newest|oldest)$")

    @model_validator(mode="after")
    def _unicode_text(self) -> SavedSearchIn:
        """JSON can spell a lone surrogate (``"\\ud800"``), which is not text: refused."""
        for name in ("name", "q", "doc_type", "issuer", "signer", "date_from", "date_to"):
            value = getattr(self, name)
            for text in value if isinstance(value, list) else [value or ""]:
                if any("\ud800" <= c <= "\udfff" for c in text):
                    raise ValueError(f"{name}: not valid Unicode text (a lone surrogate)")
        return self


class SavedSearchOut(BaseModel):
    id: int
    name: str
    q: str
    doc_type: list[str]
    issuer: list[str]
    year: list[int]
    signer: list[str]
    date_from: str | None
    date_to: str | None
    sort: str
    created_at: str = Field(description="When it was saved (ISO 8601, UTC)")
    seen_at: str = Field(description="When its matches were last marked seen")
    total: int = Field(description="Documents it finds now")
    new: int = Field(description="Documents it finds now that it did not find when last seen")
    new_ids: list[str] = Field(description="Ids of those new documents, in the search's order")
    search_url: str = Field(description="The same search on /api/search")
    feed_url: str = Field(description="Its Atom feed")


class SavedSearchesOut(BaseModel):
    results: list[SavedSearchOut]


class LookupBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    numbers: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        min_length=1,
        max_length=MAX_BATCH_NUMBERS,
        description="Up to 1,000 numbers (số hiệu), each written as loosely as for GET",
    )


class LookupBatchOut(BaseModel):
    results: dict[str, list[HitOut]] = Field(
        description="For each number as sent: the documents it names ([] when none)"
    )
