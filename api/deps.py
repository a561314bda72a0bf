"""Dependencies shared by the routes: the engine, search parameters, the write key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import APIKeyHeader

from api.schemas import ErrorOut
from api.settings import Settings
from search.keys import check_write_key
from search.models import SearchRequest
from search.query import MAX_QUERY_CHARS
from search.saved import SavedSearches
from search.searcher import Engine


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_saved(request: Request) -> SavedSearches:
    return request.app.state.saved


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def search_params(
    q: Annotated[
        str, Query(max_length=MAX_QUERY_CHARS, description="Query text (see the query language)")
    ] = "",
    doc_type: Annotated[list[str], Query(description="Type filter; repeat for OR")] = [],  # noqa: B006
    issuer: Annotated[list[str], Query(description="Issuer filter; repeat for OR")] = [],  # noqa: B006
    year: Annotated[list[int], Query(description="Year filter; repeat for OR")] = [],  # noqa: B006
    signer: Annotated[list[str], Query(description="Signer filter; repeat for OR")] = [],  # noqa: B006
    status: Annotated[
        list[str],
        Query(description="active, amended, replaced or repealed; repeat for OR"),
    ] = [],  # noqa: B006
    date_from: Annotated[str | None, Query(description="Issued on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[str | None, Query(description="Issued on or before (YYYY-MM-DD)")] = None,
    sort: Annotated[str, Query(pattern="^(relevance|newest|oldest)$")] = "relevance",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    explain: Annotated[
        bool, Query(description="Give each hit its tier and the parts of its score")
    ] = False,
) -> SearchRequest:
    """The search parameters shared by search, timeline and export."""
    return SearchRequest(
        q=q,
        doc_type=[v for v in doc_type if v],
        issuer=[v for v in issuer if v],
        year=year,
        signer=[v for v in signer if v],
        status=[v for v in status if v],
        date_from=date_from or None,
        date_to=date_to or None,
        sort=sort,
        page=page,
        per_page=per_page,
        explain=explain,
    )


# An OpenAPI security scheme (the Authorize button of /docs); no auto error: a missing key
# is check_write_key's 403 (no key configured) or 401 (a key is), as before.
API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key",
    scheme_name="TracuuKey",
    description="The service's TRACUU_API_KEY; needed for writes",
    auto_error=False,
)


KEY_RESPONSES = {  # declared on every operation that depends on require_api_key
    401: {"model": ErrorOut, "description": "No X-API-Key header"},
    403: {"model": ErrorOut, "description": "Wrong key, or writes disabled"},
    429: {"model": ErrorOut, "description": "Too many refused keys from this client lately"},
}


def require_api_key(
    settings: Annotated[Settings, Depends(get_app_settings)],
    x_api_key: Annotated[str | None, Depends(API_KEY_HEADER)] = None,
) -> None:
    """Writes need X-API-Key equal to TRACUU_API_KEY (compared in constant time)."""
    expected = settings.api_key.get_secret_value() if settings.api_key else None
    check_write_key(expected, x_api_key)
