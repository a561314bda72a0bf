"""Atom feeds (RFC 4287) of search hits, newest first, rendered with feedgen.

In: a ``FeedInfo`` (what the feed is) and ``search.models.Hit``s; out: UTF-8 XML bytes.
Every entry's ``<id>`` holds the document id (``tag:tracuu,2026:documents/<id>``), its
link is the reading page, its summary (HTML) the metadata and the hit's snippet, whose
only markup is ``<mark>`` around escaped text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from api.labels import TABLE_COLUMNS, cell, document_heading
from search.models import Hit

TAG = "tag:tracuu,2026:"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
VIETNAM_OFFSET = "+07:00"  # documents are dated in Vietnam's time
AUTHOR = "Tra cứu văn bản"


@dataclass(slots=True)
class FeedInfo:
    key: str  # what the feed is, e.g. "search?q=..." or "saved/3": its id and version key
    title: str  # Vietnamese, shown by feed readers
    self_url: str  # the feed's own absolute URL
    page_url: str  # the same list as a web page
    subtitle: str | None = None  # a note for the reader, e.g. that the words were relaxed


def document_tag(doc_id: str) -> str:
    """The Atom id of a document.

    >>> document_tag("uploads/Công_văn_1")
    'tag:tracuu,2026:documents/uploads/C%C3%B4ng_v%C4%83n_1'
    """
    return TAG + "documents/" + quote(doc_id, safe="/")


def reading_url(base_url: str, doc_id: str) -> str:
    return base_url.rstrip("/") + "/documents/" + quote(doc_id, safe="/")


def content_etag(info: FeedInfo, hits: list[Hit]) -> str:
    """A strong ETag of what the feed says (its title and entries), not of when."""
    fields = [info.key, info.title, info.subtitle, info.self_url] + [
        [h.id, h.number, h.title, h.subject, h.doc_type, h.issuer, h.issued_date, h.snippet]
        for h in hits
    ]
    digest = hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()
    return f'"{digest[:32]}"'


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold (control characters, lone
    surrogates), which a query or a document may contain.

    >>> xml_text("Tỉnh" + chr(0x1F) + " ủy" + chr(0))
    'Tỉnh ủy'
    """
    return _NOT_XML.sub("", text)


def render_feed(info: FeedInfo, hits: list[Hit], base_url: str, updated: str) -> bytes:
    """The feed's XML; ``updated`` (ISO 8601) is when its content last changed."""
    feed = FeedGenerator()
    feed.id(xml_text(TAG + info.key))
    feed.title(xml_text(info.title))
    if info.subtitle:
        feed.subtitle(xml_text(info.subtitle))
    feed.updated(updated)
    feed.author(name=AUTHOR)
    feed.link(href=xml_text(info.self_url), rel="self", type="application/atom+xml")
    feed.link(href=xml_text(info.page_url), rel="alternate", type="text/html")
    feed.language("vi")
    feed.generator("tracuu")
    for hit in hits:
        _add_entry(feed, hit, base_url, updated)
    return feed.atom_str(pretty=True)


def _add_entry(feed: FeedGenerator, hit: Hit, base_url: str, fallback: str) -> None:
    record = {
        key: xml_text(value) if value else value
        for key, value in {
            "number": hit.number,
            "doc_type": hit.doc_type,
            "issued_date": hit.issued_date,
            "issuer": hit.issuer,
            "subject": hit.subject or hit.title,
        }.items()
    }
    entry = feed.add_entry(order="append")
    entry.id(document_tag(hit.id))
    entry.title(document_heading(record))
    dated = f"{hit.issued_date}T00:00:00{VIETNAM_OFFSET}" if hit.issued_date else None
    entry.updated(dated or fallback)
    if dated:
        entry.published(dated)
    entry.link(href=reading_url(base_url, hit.id), rel="alternate", type="text/html")
    if record["issuer"]:
        entry.author(name=record["issuer"])
    if record["doc_type"]:
        entry.category(term=record["doc_type"], label=record["doc_type"])
    entry.summary(xml_text(_summary(record, hit.snippet)), type="html")


def _summary(record: dict, snippet: str) -> str:
    """Metadata lines (escaped here) and the snippet (escaped by the search layer)."""
    lines = [
        f"{label}: {escape(cell(record, key))}"
        for key, label in TABLE_COLUMNS
        if key not in ("subject", "link") and record.get(key)
    ]
    meta = "<br>".join(lines)
    return f"<p>{meta}</p><p>{snippet}</p>" if meta else f"<p>{snippet}</p>"
