"""Exported files as responses: the result table and one document, as DOCX or PDF."""

from __future__ import annotations

import re
from datetime import date
from importlib import import_module
from urllib.parse import quote

from fastapi.responses import Response

from api.atom import reading_url
from api.labels import vietnamese_date

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
MAX_FILE_ROWS = 5000  # a longer list is for csv or json


def _writer(kind: str):
    """``api.docx_file`` or ``api.pdf_file``, imported on the first export: fpdf, fontTools
    and python-docx take about half a second to import, which a server start need not wait for."""
    return import_module("api.docx_file" if kind == "docx" else "api.pdf_file")


def table_response(kind: str, title: str, records: list[dict], base_url: str) -> Response:
    """The result list as a ``kind`` (docx or pdf) table, with links to the reading pages."""
    rows = [dict(r, link=reading_url(base_url, r["id"])) for r in records]
    note = f"{len(rows)} văn bản · xuất ngày {vietnamese_date(date.today().isoformat())}"
    render = getattr(_writer(kind), f"table_{kind}")
    return _file(kind, render(title, note, rows), "tracuu")


def document_response(kind: str, record: dict, body: str, base_url: str) -> Response:
    """One document with its metadata header as a ``kind`` (docx or pdf) file."""
    record = dict(record, link=reading_url(base_url, record["id"]))
    render = getattr(_writer(kind), f"document_{kind}")
    return _file(kind, render(record, body), record["id"].rsplit("/", 1)[-1])


def _file(kind: str, content: bytes, stem: str) -> Response:
    name = f"{stem}.{kind}"
    disposition = f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "_", name)}"; '
    disposition += f"filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=MEDIA[kind], headers={"Content-Disposition": disposition})
