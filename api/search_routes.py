"""Read endpoints: search, lookup, timeline, export."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.datastructures import URL
from unidecode import unidecode

from api.deps import get_engine, search_params
from api.exports import MAX_FILE_ROWS, MEDIA, table_response
from api.schemas import LookupOut, SearchOut, TimelineOut
from search.errors import BadQuery
from search.feeds import describe
from search.models import MAX_PAGE, SearchRequest
from search.searcher import Engine

router = APIRouter(prefix="/api", tags=["search"])
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_TYPES = ("text/csv", "application/json", *MEDIA.values())
EXPORT_COLUMNS = (
    "id", "number", "doc_type", "issued_date", "issuer", "place", "subject", "title",
    "signer", "signer_title", "urgency", "references", "status", "relations", "source",
    "signer_capacity",
)  # fmt: skip


@router.get("/search", response_model=SearchOut)
def search_documents(
    request: Annotated[SearchRequest, Depends(search_params)],
    engine: Annotated[Engine, Depends(get_engine)],
    http: Request,
    response: Response,
) -> SearchOut:
    """Search: ranked, faceted, highlighted results; an empty q browses newest first.
    The ``Link`` header gives the next and previous pages (RFC 8288)."""
    if not request.q.strip() and request.sort == "relevance":
        request.sort = "newest"
    results = engine.search(request)
    if links := page_links(http.url, request.page, request.per_page, results.total):
        response.headers["Link"] = links
    return SearchOut.model_validate(results)


def page_links(url: URL, page: int, per_page: int, total: int) -> str:
    """``Link`` header value for the pages around ``page`` of ``url`` (its other parameters
    kept); empty on a single page.

    >>> page_links(URL("/s?q=a&page=2"), 2, 1, 3).split(", ")  # doctest: +NORMALIZE_WHITESPACE
    ['</s?q=a&page=1>; rel="prev"', '</s?q=a&page=3>; rel="next"',
     '</s?q=a&page=1>; rel="first"', '</s?q=a&page=3>; rel="last"']
    >>> page_links(URL("/s?q=a"), 1, 20, 5)
    ''
    """
    last = min(MAX_PAGE, max(1, math.ceil(total / per_page)))
    wanted = [("prev", page - 1), ("next", page + 1), ("first", 1), ("last", last)]
    if last == 1 and page == 1:
        return ""
    return ", ".join(
        f'<{url.include_query_params(page=n)}>; rel="{rel}"'
        for rel, n in wanted
        if 1 <= n <= last and (rel in ("first", "last") or n != page)
    )


@router.get("/lookup", response_model=LookupOut, responses={404: {"description": "No match"}})
def lookup_number(
    engine: Annotated[Engine, Depends(get_engine)],
    number: Annotated[str, Query(min_length=1, max_length=100, description="e.g. 342-CV/TU")],
) -> LookupOut:
    """Find documents by number, tolerant of case, spaces, dashes and missing accents."""
    hits = engine.lookup(number)
    if not hits:
        raise HTTPException(404, f"no document with number {number!r}")
    return LookupOut(results=hits)


@router.get("/timeline", response_model=TimelineOut)
def timeline(
    request: Annotated[SearchRequest, Depends(search_params)],
    engine: Annotated[Engine, Depends(get_engine)],
    interval: Annotated[str, Query(pattern="^(year|month)$")] = "year",
) -> TimelineOut:
    """Counts of matching documents by year or month."""
    return TimelineOut(buckets=engine.timeline(request, interval))


@router.get("/export", responses={200: {"content": {t: {} for t in EXPORT_TYPES}}})
def export_documents(
    request: Annotated[SearchRequest, Depends(search_params)],
    engine: Annotated[Engine, Depends(get_engine)],
    http: Request,
    format: Annotated[str, Query(pattern="^(csv|json|docx|pdf)$")] = "json",
    bom: Annotated[
        bool,
        Query(description="CSV: start with a UTF-8 byte order mark, for Excel on Windows"),
    ] = False,
) -> Response:
    """Every matching document's metadata: CSV or JSON (streamed), or a DOCX or PDF table
    (number, type, date, issuer, subject, link; at most 5,000 rows)."""
    if not request.q.strip() and request.sort == "relevance":
        request.sort = "newest"
    cap = http.app.state.settings.max_export_rows  # counted before a record is read
    if cap and (total := len(engine.matching_ids(request))) > cap:
        raise BadQuery(f"{total:,} documents: an export holds at most {cap:,} "
                       "(TRACUU_MAX_EXPORT_ROWS); narrow the search")  # fmt: skip
    records = engine.export(request)
    if format in ("docx", "pdf"):
        if len(records) > MAX_FILE_ROWS:
            raise BadQuery(f"{len(records)} documents: a {format} file holds at most "
                           f"{MAX_FILE_ROWS}; narrow the search or export csv")  # fmt: skip
        title = f"Kết quả tra cứu {describe(request)}"
        return table_response(format, title, records, str(http.base_url))
    if format == "csv":
        name = export_name(request.q, http.app.state.settings.today(), "csv")
        return StreamingResponse(
            _csv(records, bom),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return StreamingResponse(_json(records), media_type="application/json")


def export_name(q: str, day: date, kind: str) -> str:
    """An exported file's name: the query (without accents, as a slug) and the day.

    >>> export_name("4 tại chỗ", date(2026, 12, 8), "csv")
    'tracuu-4-tai-cho-2026-12-08.csv'
    >>> export_name("", date(2026, 12, 8), "csv")
    'tracuu-2026-12-08.csv'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(q).lower()).strip("-")[:60].strip("-")
    return "-".join(p for p in ("tracuu", slug, day.isoformat()) if p) + "." + kind


def _csv(records: list[dict], bom: bool = False) -> Iterator[str]:
    if bom:
        yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for record in records:
        relations = [
            f"{r['type']} {r['number']}" + (f" ({r['scope']})" if r.get("scope") else "")
            for r in record.get("relations") or []
        ]
        row = dict(
            record,
            references=";".join(record.get("references") or []),
            relations=";".join(relations),
        )
        writer.writerow([inert(row.get(c)) for c in EXPORT_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def inert(value) -> str:
    """A CSV cell a spreadsheet will not run: text starting ``= + - @`` (or a tab or CR)
    gets a leading ``'`` (OWASP's advice against formula injection).

    >>> inert("=SUM(A1:A9)"), inert("-CV/TU"), inert("342-CV/TU"), inert(None)
    ("'=SUM(A1:A9)", "'-CV/TU", '342-CV/TU', '')
    """
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _json(records: list[dict]) -> Iterator[str]:
    yield f'{{"total": {len(records)}, "results": ['
    for i, record in enumerate(records):
        yield ("," if i else "") + json.dumps(record, ensure_ascii=False)
    yield "]}"
