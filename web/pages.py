"""The web pages: search, reading and browsing, server-rendered over the same Engine calls.

Routes are thin: read the query string into a ``SearchRequest``, call the engine, shape
the result with ``web.views`` and render a Jinja2 template (autoescaped). Search errors
become an HTML page with a Vietnamese message and the error's status, never JSON.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from search.errors import IndexUnavailable, NotFound, SearchError
from search.models import SearchRequest
from search.searcher import Engine
from web import reading, views

HERE = Path(__file__).resolve().parent

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["vndate"] = views.vietnamese_date
_env.filters["vnnumber"] = views.vietnamese_number
_env.filters["sentence"] = views.sentence_case
_env.globals["document_url"] = views.document_url
_env.globals["family_url"] = views.family_url
_env.globals["status_labels"] = views.STATUS_LABELS
_env.globals["document_name"] = reading.document_name
_env.filters["shortdate"] = reading.short_date
templates = Jinja2Templates(env=_env)


def mount_web(app: FastAPI) -> None:
    """Add the pages and their static files to ``app``."""
    from web import saved_pages  # it renders with this module's templates

    app.include_router(router)
    app.include_router(saved_pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def _engine(request: Request) -> Engine:
    return request.app.state.engine


def _render(request: Request, name: str, context: dict, status: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _error_page(request: Request, exc: SearchError) -> Response:
    """A search error as a page: 404 for an unknown document, else its own status."""
    if isinstance(exc, NotFound):
        return _render(request, "404.html", {"title": "Không tìm thấy"}, 404)
    if isinstance(exc, IndexUnavailable):
        message = "Chỉ mục tìm kiếm chưa sẵn sàng. Quản trị viên cần chạy lệnh `tracuu index`."
    else:
        message = views.vietnamese_error(exc)
    context = {"title": "Lỗi", "message": message, "detail": views.error_detail(exc)}
    return _render(request, "error.html", context, exc.status)


@router.get("/")
def search_page(request: Request) -> Response:
    """Search: box, results, facets, timeline; an empty query lists the newest documents."""
    raw_q = request.query_params.get("q", "")
    try:
        search = views.read_request(request.query_params)
        results = _engine(request).search(search)
        buckets = _engine(request).timeline(search, views.timeline_interval(search))
    except SearchError as exc:
        if exc.status != 400:
            return _error_page(request, exc)
        context = {"title": "Lỗi tìm kiếm", "q": raw_q, "error": views.vietnamese_error(exc),
                   "detail": views.error_detail(exc), "search": SearchRequest(q=raw_q)}  # fmt: skip
        return _render(request, "search.html", context, 400)
    context = _listing(request, "/", search, results, buckets)
    context["title"] = f"{search.q} – Tìm kiếm" if search.q.strip() else "Tìm kiếm văn bản"
    context["sorts"] = views.sort_links("/", search)
    context["follow"] = views.follow_view(search)
    context["feed_url"] = context["follow"]["feed_url"]
    return _render(request, "search.html", context)


@router.get("/browse")
def browse_page(request: Request) -> Response:
    """Directives by year and month, newest first, narrowed with the same facets."""
    try:
        search = views.read_request(request.query_params, "/browse")
        search.q, search.sort = "", "newest"
        results = _engine(request).search(search)
        buckets = _engine(request).timeline(search, views.timeline_interval(search))
    except SearchError as exc:
        return _error_page(request, exc)
    context = _listing(request, "/browse", search, results, buckets)
    context["title"] = "Duyệt văn bản theo thời gian"
    context["groups"] = views.group_by_month(results.results)
    return _render(request, "browse.html", context)


def _listing(request: Request, path: str, search: SearchRequest, results, buckets) -> dict:
    return {
        "q": search.q,
        "path": path,
        "search": search,
        "results": results,
        "facets": views.facets_view(path, search, results.facets),
        "filters": views.active_filters(path, search),
        "clear_url": views.page_url(path, SearchRequest(q=search.q)),
        "timeline": views.timeline_view(path, search, buckets),
        "pagination": views.pagination(path, search, results.total),
        "suggestion_url": views.page_url(path, search, q=results.suggestion or "", page=1),
    }


@router.get("/documents/{doc_id:path}")
def document_page(request: Request, doc_id: str) -> Response:
    """One document: metadata, full text with the query highlighted, citations both ways."""
    q = request.query_params.get("q", "")[: views.MAX_QUERY_CHARS]
    if q.strip() and request.query_params.get("hit"):  # the in-page form: open at the first hit
        return RedirectResponse(views.document_url(doc_id, q), status_code=303)
    try:
        view = _engine(request).document(doc_id, q=q)
    except SearchError as exc:
        if exc.status != 400:
            return _error_page(request, exc)
        view, error = _engine(request).document(doc_id), views.vietnamese_error(exc)
    else:
        error = None
    record = view.record
    if "body_html" in record:  # engine output: escaped text whose only markup is <mark>
        body, hits = views.number_marks(record["body_html"])
    else:
        body, hits = escape(record.get("body") or "", quote=False), 0
    anchors = [(s["start"], s["anchor"]) for s in record.get("sections") or []]
    body = reading.anchored(body, anchors)
    context = {
        "title": _document_title(record),
        "q": q,
        "error": error,
        "record": record,
        "view": view,
        "body": Markup(body.strip("\n")),
        "hits": hits,
        "status_line": reading.status_line(
            view.status, view.status_by, reading.scope_of(view.related_by, view.status_by)
        ),
        "chain": reading.chain_lines(_status_chain(_engine(request), view)),
        "outgoing": reading.outgoing_groups(view.relations, view.references),
        "incoming": reading.incoming_groups(view.related_by),
        "back_url": views.page_url("/", SearchRequest(q=q)) if q.strip() else None,
        "feed_url": views.related_feed_url(doc_id),
        "feed_title": "Văn bản dẫn chiếu " + _document_title(record),
    }
    return _render(request, "document.html", context, 400 if error else 200)


def _status_chain(engine: Engine, view) -> list[dict]:
    """What decided this document's status, then what decided that one's...: steps
    ``{"status", "of", "by", "scope"}`` (``search.relations.chain``, through the views)."""
    steps: list[dict] = []
    seen = {view.record["id"]}
    current = view
    while current.status_by and current.status_by["id"] not in seen and len(steps) < 6:
        by = current.status_by
        scope = reading.scope_of(current.related_by, by)
        steps.append({"status": current.status, "of": current.record, "by": by, "scope": scope})
        seen.add(by["id"])
        try:
            current = engine.document(by["id"])
        except SearchError:
            break
    return steps


@router.get("/family/{doc_id:path}")
def family_page(request: Request, doc_id: str) -> Response:
    """A document and everything that implements or guides it, by issuer and date."""
    try:
        document, members = _engine(request).family(doc_id)
    except SearchError as exc:
        return _error_page(request, exc)
    context = {
        "title": f"Triển khai {reading.document_name(document)}",
        "document": document,
        "members": members,
        "grid": reading.family_timeline(document, members),
        "names": reading.family_names(document, members),
        "status_label": views.STATUS_LABELS[document["status"]],
    }
    return _render(request, "family.html", context)


def _document_title(record: dict) -> str:
    head = " ".join(p for p in (record.get("doc_type"), record.get("number")) if p)
    return head or record.get("title") or record.get("subject") or f"Văn bản {record['id']}"


def not_found_page(request: Request) -> Response:
    """The Vietnamese 404 page, for any path outside the API that does not exist."""
    return _render(request, "404.html", {"title": "Không tìm thấy"}, 404)
