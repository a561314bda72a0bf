"""Saved searches: save (key), list with current counts and what is new, read, mark seen,
delete (key)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends

from api.deps import KEY_RESPONSES, get_engine, get_saved, require_api_key
from api.saved_schemas import SavedSearchesOut, SavedSearchIn, SavedSearchOut
from api.schemas import ErrorOut
from search.models import SearchRequest
from search.saved import SavedSearches, SavedStatus, params_of, status
from search.searcher import Engine

router = APIRouter(
    prefix="/api/saved-searches",
    tags=["saved searches"],
    responses={404: {"model": ErrorOut, "description": "No such saved search"}},
)
Saved = Annotated[SavedSearches, Depends(get_saved)]
Searcher = Annotated[Engine, Depends(get_engine)]


@router.post(
    "",
    response_model=SavedSearchOut,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    responses=KEY_RESPONSES,
)
def save_search(body: SavedSearchIn, engine: Searcher, saved: Saved) -> SavedSearchOut:
    """Save a search; what it finds now counts as seen."""
    request = SearchRequest(**body.model_dump(exclude={"name"}))
    engine.search(SearchRequest(**params_of(request), per_page=1))  # a bad query is a 400
    ids = engine.matching_ids(request)
    return saved_out(SavedStatus(saved.add(body.name.strip(), request, ids), len(ids)))


@router.get("", response_model=SavedSearchesOut)
def list_saved_searches(engine: Searcher, saved: Saved) -> SavedSearchesOut:
    """Every saved search with how many documents it finds now and how many are new."""
    return SavedSearchesOut(results=[saved_out(status(engine, saved, s)) for s in saved.all()])


@router.get("/{search_id}", response_model=SavedSearchOut)
def read_saved_search(search_id: int, engine: Searcher, saved: Saved) -> SavedSearchOut:
    """One saved search, with the ids of the documents new since it was last seen."""
    return saved_out(status(engine, saved, saved.get(search_id)))


@router.post(
    "/{search_id}/seen",
    response_model=SavedSearchOut,
    dependencies=[Depends(require_api_key)],
    responses=KEY_RESPONSES,
)
def mark_saved_search_seen(search_id: int, engine: Searcher, saved: Saved) -> SavedSearchOut:
    """Mark what the saved search finds now as seen (its new count drops to 0)."""
    current = saved.get(search_id)
    marked = saved.mark_seen(search_id, engine.matching_ids(current.request))
    return saved_out(status(engine, saved, marked))


@router.delete(
    "/{search_id}",
    status_code=204,
    dependencies=[Depends(require_api_key)],
    responses=KEY_RESPONSES,
)
def delete_saved_search(search_id: int, saved: Saved) -> None:
    """Forget a saved search."""
    saved.delete(search_id)


def saved_out(state: SavedStatus) -> SavedSearchOut:
    """The JSON of a saved search and its state now."""
    saved, params = state.saved, params_of(state.saved.request)
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    return SavedSearchOut(
        id=saved.id,
        name=saved.name,
        **params,
        created_at=saved.created_at,
        seen_at=saved.seen_at,
        total=state.total,
        new=len(state.new_ids),
        new_ids=state.new_ids,
        search_url=f"/api/search?{query}" if query else "/api/search",
        feed_url=f"/feeds/saved/{saved.id}.atom",
    )
