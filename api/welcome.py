"""What `tracuu serve` prints last: the address, and three links that work on this index."""

from __future__ import annotations

from urllib.parse import urlencode

from search.errors import SearchError
from search.models import SearchRequest
from search.searcher import Engine

EXAMPLE_QUERY = "4 tai cho"  # typed without accents, as users do
FALLBACK_NUMBER = "342-CV/TU"


def example_number(engine: Engine) -> str:
    """The number of the newest numbered document (a lookup that finds something)."""
    try:
        hits = engine.search(SearchRequest(sort="newest", per_page=50)).results
    except SearchError:
        return FALLBACK_NUMBER
    return next((h.number for h in hits if h.number), FALLBACK_NUMBER)


def welcome_lines(base_url: str, engine: Engine, count: int) -> list[str]:
    """The closing lines of `tracuu serve`.

    In: the served address (``http://127.0.0.1:8000``), the engine, its document count.
    """
    base = base_url.rstrip("/")
    search = urlencode({"q": EXAMPLE_QUERY})
    lookup = urlencode({"number": example_number(engine)}, safe="/")
    return [
        f"tracuu: {count} documents, serving on {base}/ (Ctrl+C stops)",
        f"  search the archive:       {base}/?{search}",
        f"  look a number up (JSON):  {base}/api/lookup?{lookup}",
        f"  follow a search (Atom):   {base}/feeds/search.atom?{search}",
    ]
