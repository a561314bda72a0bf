"""Saved searches on the web: the "Lưu tìm kiếm" form's target, and the page listing them
with their current counts and the documents new since each was last seen.

Forms work without JavaScript: each write (save, mark seen, delete) posts the write key
in a password field, is checked by ``search.keys`` like the API's X-API-Key, and answers
303 to the list page; a missing or wrong key is a Vietnamese error page (401/403).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search.errors import SearchError
from search.feeds import describe
from search.keys import KeyMissing, check_write_key
from search.models import SearchRequest
from search.saved import SavedSearches, params_of, status
from web import views
from web.pages import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
MAX_NAME = 200
NEW_SHOWN = 10  # new documents listed under each saved search
KEY_MESSAGES = {
    401: "Cần nhập khóa API (TRACUU_API_KEY) để lưu hoặc thay đổi tìm kiếm đã lưu.",
    403: "Khóa API không đúng, hoặc máy chủ chưa cấu hình khóa (TRACUU_API_KEY).",
}


def _store(request: Request) -> SavedSearches:
    return request.app.state.saved


async def _checked_form(request: Request):
    """The posted form, once its key field holds the write key (else KeyMissing/Refused)."""
    form = await request.form()
    key = request.app.state.settings.api_key
    check_write_key(key.get_secret_value() if key else None, form.get("key") or None)
    return form


def render(request: Request, name: str, context: dict, status_code: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _refused(request: Request, exc: SearchError) -> Response:
    status_code = 401 if isinstance(exc, KeyMissing) else exc.status
    message = KEY_MESSAGES.get(status_code) or views.vietnamese_error(exc)
    detail = None if status_code in KEY_MESSAGES else views.error_detail(exc)
    context = {"title": "Không lưu được", "message": message, "detail": detail}
    return render(request, "error.html", context, status_code)


@router.post("/saved")
async def save_search(request: Request) -> Response:
    """Save the search the form carries, under the name typed (or its description)."""
    try:
        form = await _checked_form(request)
        search = views.read_request(form)
        engine = request.app.state.engine
        engine.search(SearchRequest(**params_of(search), per_page=1))  # a bad query: 400
        name = (form.get("name") or "").strip()[:MAX_NAME] or describe(search)
        saved = _store(request).add(name, search, engine.matching_ids(search))
    except SearchError as exc:
        return _refused(request, exc)
    return RedirectResponse(f"/saved#saved-{saved.id}", status_code=303)


@router.get("/saved")
def saved_page(request: Request) -> Response:
    """Every saved search: what it finds now, and what is new since it was last seen."""
    engine, store = request.app.state.engine, _store(request)
    try:
        zone = request.app.state.settings.timezone
        items = [_item(engine, status(engine, store, s), zone) for s in store.all()]
    except SearchError as exc:
        return _refused(request, exc)
    context = {"title": "Tìm kiếm đã lưu", "items": items, "nav": "saved"}
    return render(request, "saved.html", context)


@router.post("/saved/{search_id}/seen")
async def mark_seen(request: Request, search_id: int) -> Response:
    """Count what the saved search finds now as seen."""
    try:
        await _checked_form(request)
        store = _store(request)
        current = store.get(search_id)
        store.mark_seen(search_id, request.app.state.engine.matching_ids(current.request))
    except SearchError as exc:
        return _refused(request, exc)
    return RedirectResponse(f"/saved#saved-{search_id}", status_code=303)


@router.post("/saved/{search_id}/delete")
async def delete_saved(request: Request, search_id: int) -> Response:
    """Forget a saved search."""
    try:
        await _checked_form(request)
        _store(request).delete(search_id)
    except SearchError as exc:
        return _refused(request, exc)
    return RedirectResponse("/saved", status_code=303)


def _item(engine, state, zone: str) -> dict:
    """One saved search as the list page prints it."""
    saved = state.saved
    new = [engine.record(doc_id) for doc_id in state.new_ids[:NEW_SHOWN]]
    return {
        "id": saved.id,
        "name": saved.name,
        "description": describe(saved.request),
        "total": state.total,
        "new_count": len(state.new_ids),
        "new": new,
        "more_new": len(state.new_ids) - len(new),
        "seen_at": views.local_time(saved.seen_at, zone),
        "search_url": views.page_url("/", saved.request),
        "feed_url": f"/feeds/saved/{saved.id}.atom",
    }
