"""The FastAPI application: JSON API, web pages, one error shape, security headers."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import (
    __version__,
    document_routes,
    feed_routes,
    lookup_routes,
    saved_routes,
    search_routes,
)
from api.docs_pages import DOCS_CSP, DOCS_PATHS, add_docs
from api.logs import RequestLog
from api.request_limits import RequestLimits
from api.schemas import ErrorOut, HealthOut
from api.settings import Settings, get_settings
from indexer.build import BuildError
from indexer.engines import check_index
from indexer.locking import IndexBusy
from search.errors import SearchError
from search.saved import SavedSearches
from search.searcher import Engine

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
# Declared on every operation; FastAPI's 422 is dropped (validation errors answer 400 here).
ERROR_RESPONSES = {
    400: {"model": ErrorOut, "description": "Bad input; the detail says what is wrong"},
    503: {"model": ErrorOut, "description": "No usable index, or a search past its time budget"},
}
log = logging.getLogger("tracuu.api")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    threading.Thread(target=app.state.engine.warm, name="warm-up", daemon=True).start()
    yield
    app.state.engine.close()  # its open index files


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service for ``settings`` (default: from the environment)."""
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="tracuu",
        summary="Full-text search over an archive of Vietnamese administrative documents",
        version=__version__,
        responses=ERROR_RESPONSES,
        docs_url=None,  # api.docs_pages serves them without a CDN
        redoc_url=None,
    )
    add_docs(app)
    app.state.settings = settings
    app.state.engine = Engine(
        settings.index_dir,
        time_budget=settings.search_time_budget,
        config=settings.engine_config(),
    )
    app.include_router(search_routes.router)
    app.include_router(document_routes.router)
    app.state.saved = SavedSearches(settings.saved_db_path())
    app.state.saved.check()  # a damaged database is kept aside and made anew
    app.include_router(saved_routes.router)
    app.include_router(feed_routes.router)
    app.include_router(lookup_routes.router)
    _add_web(app)
    _add_error_handlers(app)
    _drop_422(app)

    @app.get("/healthz", response_model=HealthOut, tags=["service"])
    def health() -> HealthOut:
        """Liveness, with the number of documents in the index and the engine holding it."""
        engine = app.state.engine
        problems = check_index(settings.engine_config(), settings.index_dir)
        if problems:  # sizes of the live commit's files (a truncated file, a lost one)
            raise BuildError(f"the index is damaged: {problems[0]}")
        details = engine.health()
        return HealthOut(
            status="ok",
            documents=engine.document_count(),
            backend=details.pop("backend"),
            engine=details,
        )

    app.add_middleware(RequestLimits, settings=settings)  # inside the security headers

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        docs = request.url.path in DOCS_PATHS
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if docs:
            response.headers["Content-Security-Policy"] = DOCS_CSP
        return response

    if origins := settings.cors_origin_list():  # before the limits: a preflight is answered
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["X-API-Key", "Content-Type", "X-Request-ID"],
            expose_headers=["Link", "X-Request-ID", "Retry-After"],
        )
    app.add_middleware(RequestLog, slow_ms=settings.slow_request_ms)  # outermost

    return app


def _add_web(app: FastAPI) -> None:
    app.state.parts = {"api"}
    try:
        from web.pages import mount_web
    except ImportError:  # the web UI is optional for API-only deployments
        return
    mount_web(app)
    app.state.parts.add("web")


def _drop_422(app: FastAPI) -> None:
    """The served schema says what the handlers do: bad input is 400 {"detail"}, never 422."""
    generate = app.openapi

    def openapi() -> dict:
        schema = generate()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.get("responses", {}).pop("422", None)
        return schema

    app.openapi = openapi


def _wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API, not a client wanting JSON)."""
    path = request.url.path
    return (
        not path.startswith(("/api", "/healthz", "/openapi", "/docs", "/redoc", "/static"))
        and "text/html" in request.headers.get("accept", "")
        and "web" in request.app.state.parts
    )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SearchError)
    async def search_error(request: Request, exc: SearchError) -> JSONResponse:
        if exc.status >= 500:
            log.warning("%s: %s", request.url.path, exc)
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(IndexBusy)
    @app.exception_handler(BuildError)
    async def index_unwritable(request: Request, exc: Exception) -> JSONResponse:
        """A write while `tracuu index` runs, or onto a damaged index: try again later."""
        log.warning("%s: %s", request.url.path, exc)
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        """An error no route expected: a damaged index says so (503), anything else is
        ours (500)."""
        settings = request.app.state.settings
        problems = check_index(settings.engine_config(), settings.index_dir)
        log.error("unexpected error on %s", request.url.path, exc_info=exc)
        if problems:
            detail = f"the index is damaged: {problems[0]}"
            return JSONResponse({"detail": detail}, status_code=503)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
        return JSONResponse({"detail": "; ".join(parts) or "invalid request"}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and _wants_page(request):
            from web.pages import not_found_page

            return not_found_page(request)
        return JSONResponse(
            {"detail": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
        )


def __getattr__(name: str) -> FastAPI:
    """``uvicorn api.app:app`` builds the app from the environment on first use."""
    if name == "app":
        return create_app()
    raise AttributeError(name)
