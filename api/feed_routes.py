"""Atom feeds for feed readers: a search, a saved search, the documents citing one.

Each answer carries ``ETag`` (of the content) and ``Last-Modified`` (when that content
last changed, remembered in the saved-search database); a reader sending either back
gets 304 while nothing changed.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request, Response

from api.atom import FeedInfo, content_etag, reading_url, render_feed
from api.deps import get_engine, get_saved, search_params
from api.labels import document_heading
from api.schemas import ErrorOut
from search.feeds import citing_hits, describe, search_hits
from search.models import Hit, SearchRequest
from search.saved import SavedSearches, StoreUnavailable, now, params_of
from search.searcher import Engine

router = APIRouter(
    prefix="/feeds",
    tags=["feeds"],
    responses={
        200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed"},
        304: {"description": "Not modified since the ETag or date the reader sent"},
        404: {"model": ErrorOut, "description": "No such saved search or document"},
    },
)
ATOM = "application/atom+xml; charset=utf-8"
Saved = Annotated[SavedSearches, Depends(get_saved)]
Searcher = Annotated[Engine, Depends(get_engine)]


@router.get("/search.atom", response_class=Response)
def search_feed(
    request: Request,
    search: Annotated[SearchRequest, Depends(search_params)],
    engine: Searcher,
    saved: Saved,
) -> Response:
    """The newest documents a search finds (the /api/search parameters)."""
    query = urlencode({k: v for k, v in params_of(search).items() if v and k != "sort"}, True)
    info = _info(request, f"search?{query}", f"Tìm kiếm {describe(search)}", f"/?{query}")
    hits, info.subtitle = search_hits(engine, search)
    return atom_response(request, info, hits, saved)


@router.get("/saved/{search_id}.atom", response_class=Response)
def saved_search_feed(request: Request, search_id: int, engine: Searcher, saved: Saved) -> Response:
    """The newest documents a saved search finds."""
    current = saved.get(search_id)
    query = urlencode({k: v for k, v in params_of(current.request).items() if v}, True)
    title = f"{current.name} ({describe(current.request)})"
    info = _info(request, f"saved/{search_id}", title, f"/?{query}")
    hits, info.subtitle = search_hits(engine, current.request)
    return atom_response(request, info, hits, saved)


@router.get("/related/{doc_id:path}.atom", response_class=Response)
def related_feed(request: Request, doc_id: str, engine: Searcher, saved: Saved) -> Response:
    """The documents that cite a document (by its number), newest first."""
    record, hits = citing_hits(engine, doc_id)
    title = f"Văn bản dẫn chiếu {document_heading(record)}"
    info = _info(request, f"related/{quote(doc_id, safe='/')}", title, None)
    info.page_url = reading_url(str(request.base_url), doc_id)
    return atom_response(request, info, hits, saved)


def _info(request: Request, key: str, title: str, page: str | None) -> FeedInfo:
    base = str(request.base_url).rstrip("/")
    return FeedInfo(key=key, title=title, self_url=str(request.url), page_url=base + (page or "/"))


def atom_response(request: Request, info: FeedInfo, hits: list[Hit], saved: SavedSearches):
    """The feed, or 304 when the reader's ETag or date shows it has this version."""
    etag = content_etag(info, hits)
    try:
        changed_at = saved.feed_changed_at(info.key, etag)
    except StoreUnavailable:  # the feed without its remembered date: now
        changed_at = now()
    changed = datetime.fromisoformat(changed_at)
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(changed, usegmt=True),
        "Cache-Control": "no-cache",
    }
    if not_modified(request.headers, etag, changed):
        return Response(status_code=304, headers=headers)
    body = render_feed(info, hits, str(request.base_url), changed_at)
    return Response(body, media_type=ATOM, headers=headers)


def not_modified(headers, etag: str, changed: datetime) -> bool:
    """RFC 9110 § 13.2.2: If-None-Match decides when sent; else If-Modified-Since."""
    if "if-none-match" in headers:
        tags = [t.strip().removeprefix("W/") for t in headers["if-none-match"].split(",")]
        return "*" in tags or etag in tags
    try:
        since = parsedate_to_datetime(headers.get("if-modified-since", ""))
    except (TypeError, ValueError):
        return False
    return since.tzinfo is not None and changed <= since
