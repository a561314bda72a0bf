"""Vietnamese wording shared by the feeds and the exported files (one place for both)."""

from __future__ import annotations

import re

# The exported table: (record key, column heading); "link" is the reading page.
TABLE_COLUMNS = (
    ("number", "Số hiệu"),
    ("doc_type", "Loại văn bản"),
    ("issued_date", "Ngày ban hành"),
    ("issuer", "Cơ quan ban hành"),
    ("subject", "Trích yếu"),
    ("link", "Liên kết"),
)
# The metadata header of one exported document: (record key, label).
DOCUMENT_FIELDS = (
    ("number", "Số hiệu"),
    ("doc_type", "Loại văn bản"),
    ("issued_date", "Ngày ban hành"),
    ("issuer", "Cơ quan ban hành"),
    ("place", "Nơi ban hành"),
    ("subject", "Trích yếu"),
    ("signer", "Người ký"),
    ("signer_title", "Chức vụ"),
    ("urgency", "Độ khẩn"),
    ("link", "Liên kết"),
)
UNTITLED = "Văn bản không có tiêu đề"


def vietnamese_date(iso: str | None) -> str:
    """``2021-07-22`` -> ``22/07/2021``; anything else unchanged, None -> ``''``.

    >>> vietnamese_date("2021-07-22"), vietnamese_date(None)
    ('22/07/2021', '')
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{match[3]}/{match[2]}/{match[1]}" if match else (iso or "")


def document_heading(record: dict) -> str:
    """Type and number, then the subject: ``Công văn 342-CV/TU: tiếp tục tăng cường …``.

    >>> document_heading({"doc_type": "Công văn", "number": "342-CV/TU", "subject": "V/v x"})
    'Công văn 342-CV/TU: V/v x'
    >>> document_heading({"title": "Thông báo kết luận"})
    'Thông báo kết luận'
    """
    head = " ".join(p for p in (record.get("doc_type"), record.get("number")) if p)
    text = record.get("subject") or record.get("title")
    if head and text:
        return f"{head}: {text}"
    return head or text or UNTITLED


def cell(record: dict, key: str) -> str:
    """One field as text for a table cell or header line (dates the Vietnamese way)."""
    value = record.get(key)
    if key == "subject":  # an untitled notice's heading stands in for its trích yếu
        value = value or record.get("title")
    if key == "issued_date":
        return vietnamese_date(value)
    return "" if value is None else str(value)
