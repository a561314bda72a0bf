"""What each feed lists, through ``Engine``'s public calls: a search's newest documents,
and the documents that cite a given one; and a search described in Vietnamese."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from search.errors import BadQuery
from search.models import Hit, SearchRequest
from search.searcher import Engine

FEED_SIZE = 50  # entries per feed: the newest documents
RELAXED_NOTE = "Không có văn bản nào chứa tất cả các từ; đây là các văn bản chứa một phần các từ."


def newest(request: SearchRequest) -> SearchRequest:
    """The first page of a request, newest first, as long as a feed."""
    return replace(request, sort="newest", page=1, per_page=FEED_SIZE)


def search_hits(engine: Engine, request: SearchRequest) -> tuple[list[Hit], str | None]:
    """The newest documents ``request`` finds, with snippets of its words; and a note
    when no document has every word and these have only some (the search was relaxed)."""
    results = engine.search(newest(request))
    return results.results, RELAXED_NOTE if results.relaxed else None


def citing_hits(engine: Engine, doc_id: str) -> tuple[dict, list[Hit]]:
    """The document ``doc_id`` (its record) and the documents that cite it, newest first.

    Each citing document's snippet shows where it names the number when a phrase search
    for the number finds it there; else its subject stands in.
    """
    view = engine.document(doc_id)
    citing = {c["id"] for c in view.cited_by}
    found: dict[str, Hit] = {}
    if citing:
        try:
            phrase = SearchRequest(q=f'"{view.record["number"]}"', per_page=100)
            found = {h.id: h for h in engine.search(phrase).results if h.id in citing}
        except BadQuery:  # a number the query language cannot quote: subjects only
            found = {}
    hits = [found.get(i) or _record_hit(engine.record(i)) for i in sorted(citing)]
    hits.sort(key=lambda h: h.issued_date or "", reverse=True)
    return _without_body(view.record), hits[:FEED_SIZE]


def _record_hit(record: dict) -> Hit:
    return Hit.of(record, escape(record.get("subject") or record.get("title") or "", quote=False))


def _without_body(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("body", "body_html")}


def describe(request: SearchRequest) -> str:
    """A search in words, for feed titles and lists.

    >>> describe(SearchRequest(q="4 tại chỗ", doc_type=["Công văn"], year=[2021]))
    '«4 tại chỗ» · Công văn · năm 2021'
    >>> describe(SearchRequest(date_from="2021-07-01"))
    'mọi văn bản · từ 2021-07-01'
    """
    parts = [f"«{request.q.strip()}»"] if request.q.strip() else []
    parts += [*request.doc_type, *request.issuer, *request.signer]
    parts += [f"năm {y}" for y in request.year]
    if request.date_from:
        parts.append(f"từ {request.date_from}")
    if request.date_to:
        parts.append(f"đến {request.date_to}")
    if not request.q.strip():
        parts.insert(0, "mọi văn bản")
    return " · ".join(parts)
