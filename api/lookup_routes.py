"""Batch lookup: up to 1,000 numbers in one request, each tolerant as GET /api/lookup."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api.deps import get_engine
from api.saved_schemas import LookupBatchIn, LookupBatchOut
from search.batch import lookup_numbers
from search.searcher import Engine

router = APIRouter(prefix="/api", tags=["search"])


@router.post("/lookup", response_model=LookupBatchOut)
def lookup_many(body: LookupBatchIn, engine: Annotated[Engine, Depends(get_engine)]):
    """Find the documents of many numbers; a number that names none maps to []."""
    return LookupBatchOut(results=lookup_numbers(engine, body.numbers))
