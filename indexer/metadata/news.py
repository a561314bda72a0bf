"""News items that report a directive: lines in, headline and reported directive out.

A news item has no header: a headline, maybe a date line or a byline, then a lede such as
``Ngày 5/8/2021, UBND tỉnh Bắc Ninh đã ban hành Công văn số 2345/UBND-KGVX …``,
``(Chinhphu.vn) - Thủ tướng Chính phủ Phạm Minh Chính vừa ký ban hành Chỉ thị số
17/CT-TTg ngày 4/8/2021 …`` or ``Theo Công văn số 88/SYT-NVY của Sở Y tế, …``. When the
lede names the directive, the item takes its type and issuer (spelled as a body:
``Ủy ban nhân dân tỉnh Bắc Ninh``, the person's name after an office dropped), and its
date only when the text gives a year (``Ngày 21/7`` is no date).
The item keeps no number of its own: the directive's number is among its references.
"""

from __future__ import annotations

import re

from indexer.metadata.casing import organization
from indexer.metadata.dates import DATE, date_of, iso
from indexer.metadata.header import TYPE_LABELS
from indexer.metadata.lines import is_caps, plain
from indexer.records import Document

_TYPE_WORDS = "|".join(map(re.escape, TYPE_LABELS))
_LEDE = re.compile(
    r"(?:^|(?<=, )|(?<=- ))(?P<org>[^\W\d_][^,.;:()]{2,80}?)\s+"
    r"(?:(?:vừa|đã|mới|chính thức)\s+)*(?:ký\s+)?(?:ban hành|có|gửi|ký|phát đi|phát|ra)\s+"
    rf"(?P<type>{_TYPE_WORDS})\b(?P<after>.{{0,60}})"
)
# "Chỉ thị số 17/CT-TTg ngày 4/8/2021 của Thủ tướng Chính phủ yêu cầu …": type first.
_CITED_LEDE = re.compile(
    rf"^(?:Theo\s+|Tại\s+)?(?P<type>{_TYPE_WORDS})\s+(?P<after>số\s+\S+?,?(?:\s+ngày\s+\S+?)?),?"
    r"\s+(?:của|do)\s+(?P<org>[^\W\d_][^,.;:()]{2,80}?)"
    r"(?=\s+(?:về|yêu cầu|nêu|đề nghị|chỉ đạo|quy định|hướng dẫn|gửi|đã|vừa)\b|\s*[,.;:(]|$)"
)
_PREFIX_DATE = re.compile(r"^Ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?\s*,", re.I)
_OWN_DATE = re.compile(r"^\s*(?:số\s+\S+\s*,?\s*)?(?:ngày\s+\d)", re.IGNORECASE)
# An office followed by its holder's name: "Thủ tướng Chính phủ Phạm Minh Chính".
_SURNAMES = (
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đinh|Trịnh|"
    "Lâm|Mai|Trương|Cao|Lương|Tô|Hà|Chu|Tạ|Triệu|Lại|Quách|Thái|Vương|Đoàn|Kiều"
)
_HOLDER = re.compile(rf"\s+(?:đồng chí\s+)?(?:{_SURNAMES})(?:\s+[^\W\d_]+){{1,3}}$")
_OFFICE = re.compile(r"(?:Thủ tướng|Chủ tịch|Bộ trưởng|Bí thư|Giám đốc|Trưởng ban)\b")
_ORIGIN = re.compile(r"^Nguồn\s*:\s*(\S.*)$", re.IGNORECASE)
_LEDE_LINES = 6  # lines after the headline that may hold the lede (date line, byline, sapo)


def headline(lines: list[str]) -> str | None:
    """A news item's first line: short, mixed case, no closing punctuation.

    >>> headline(["# Bắc Ninh tạm dừng dịch vụ không thiết yếu", "Ngày 5/8, …"])
    'Bắc Ninh tạm dừng dịch vụ không thiết yếu'
    >>> headline(["TỈNH ỦY NINH BÌNH"]), headline(["Kính gửi: các sở, ngành"])
    (None, None)
    """
    first = next((plain(ln) for ln in lines if plain(ln)), "")
    if (
        15 <= len(first) <= 250
        and first[:1].isupper()
        and not is_caps(first)
        and not re.match(r"(?:Kính gửi|Số|V/[vV]|Nguồn)\b", first)
        and first[-1] not in ".:;,"
    ):
        return first
    return None


def read_news(lines: list[str], doc: Document) -> None:
    """Headline, reported directive and origin of a news item, set on ``doc``.

    >>> doc = Document("x", "x.md", "")
    >>> read_news(["Yêu cầu siết chặt kỷ luật phòng dịch", "Ngày 21/7, Ban Bí thư có Điện gửi "
    ...            "các tỉnh ủy.", "Nguồn: dangcongsan.vn"], doc)
    >>> doc.title, doc.doc_type, doc.issuer, doc.issued_date, doc.origin
    ('Yêu cầu siết chặt kỷ luật phòng dịch', 'Điện', 'Ban Bí thư', None, 'dangcongsan.vn')
    """
    doc.title = headline(lines)
    texts = [plain(ln) for ln in lines if plain(ln)]
    for text in texts[1 : 1 + _LEDE_LINES] if doc.title else []:
        lede = _CITED_LEDE.match(_PREFIX_DATE.sub("", text).strip()) or _LEDE.search(text)
        if lede:
            doc.doc_type = lede["type"]
            doc.issuer = organization(_without_holder(lede["org"].strip()))
            doc.issued_date = _reported_date(text, lede)
            break
    for text in reversed(texts[-5:]):
        match = _ORIGIN.match(text)
        if match:
            doc.origin = match.group(1).strip()
            break


def _without_holder(org: str) -> str:
    """An office without its holder's name: ``Thủ tướng Chính phủ Phạm Minh Chính`` ->
    ``Thủ tướng Chính phủ`` (a body such as ``UBND thành phố Hà Nội`` is left whole)."""
    return _HOLDER.sub("", org) if _OFFICE.search(org) else org


def _reported_date(text: str, lede: re.Match[str]) -> str | None:
    """The directive's own date (``… số 17/CT-TTg ngày 4/8/2021``), else the lede's
    (``Ngày 5/8/2021, …``) when it gives a year."""
    if _OWN_DATE.match(lede["after"]):
        own = DATE.search(lede["after"] + " ")
        if own:
            return date_of(own)
    prefix = _PREFIX_DATE.match(text)
    if prefix and prefix["y"]:
        return iso(int(prefix["y"]), int(prefix["m"]), int(prefix["d"]))
    return None
