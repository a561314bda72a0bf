"""Metadata of one archive file: ``RawDocument`` in, ``Document`` out.

Reads what the text states and nothing more (a field it does not state is None):

- the header block of Party and State documents (issuer, ``Số …``, ``V/v …`` trích yếu,
  ``<place>, ngày … tháng … năm …``, urgency, a type heading such as ``THÔNG BÁO`` with
  its title) as it survives conversion to text or markdown;
- the signature block (``T/M BAN THƯỜNG VỤ`` / ``PHÓ BÍ THƯ`` / name): signer, title and
  capacity (``signer_capacity``: ``TM. Ban Thường vụ``), see ``indexer.metadata.signature``;
- a joint document's every issuer (``issuers``) and every signature block
  (``signatures``), empty for a document of one issuer and one block;
- a date whose day is left blank as ``issued_month`` (``2024-03``), ``issued_date`` None;
- the numbers the body cites (``references``), never the document's own.

Choices, where the text leaves room for them:

- ``doc_type`` comes from the document's own ký hiệu, else its type heading, else ``V/v``
  (which only công văn carry). A news item that reports a directive (a headline, then
  ``<org> có Điện gửi …``) takes the reported directive's type and issuer, and its date
  only when the lede gives a year.
- A Thông báo without a header is issued by the body that says it announces it
  (``Văn phòng Tỉnh ủy thông báo ý kiến …``), not by the one it is signed for.
- ``subject`` is the ``V/v`` trích yếu only; ``title`` is the text after a type heading
  (sentence case) or a news headline. A công văn has a subject and no title.
- Capitals become proper Vietnamese case (``indexer.metadata.casing``): ``TỈNH ỦY NINH
  BÌNH`` -> ``Tỉnh ủy Ninh Bình``, ``BỘ GIÁO DỤC VÀ ĐÀO TẠO`` -> ``Bộ Giáo dục và Đào
  tạo``, ``PHÓ BÍ THƯ`` -> ``Phó Bí thư``, keeping the document's own tone-mark spelling.

The header is read by ``indexer.metadata.header`` (which also splits the lines a PDF text
layer joins), news items by ``indexer.metadata.news``.

The manifest (``indexer.manifest``) supplies what the text cannot, and wins over extraction.
"""

from __future__ import annotations

import re

from indexer.analysis import clean
from indexer.metadata import header as h
from indexer.metadata.dates import date_line, month_line
from indexer.metadata.lines import plain
from indexer.metadata.news import read_news
from indexer.metadata.numbers import doc_type_of, find_numbers, number_key
from indexer.metadata.signature import signatures
from indexer.records import Document, RawDocument

_DEBRIS = re.compile(r"\[bookmark:[^\]\n]*\]")
_ANNOUNCER = re.compile(r"^([^\W\d_][^,.;:]{2,60}?)\s+thông báo\s+(?:ý kiến|kết luận|nội dung)")


def extract_metadata(raw: RawDocument) -> Document:
    """Everything the text of ``raw`` states about itself; ``body`` without conversion debris.

    >>> text = "TỈNH ỦY NINH BÌNH\\nSố 342 - CV/TU\\nNinh Bình, ngày 22 tháng 7 năm 2021\\n"
    >>> d = extract_metadata(RawDocument("x", "x.txt", text + "Theo Kết luận số 07-KL/TW."))
    >>> d.number, d.doc_type, d.issued_date, d.issuer, d.place, d.references
    ('342-CV/TU', 'Công văn', '2021-07-22', 'Tỉnh ủy Ninh Bình', 'Ninh Bình', ['07-KL/TW'])
    """
    body = _DEBRIS.sub("", clean(raw.text))
    lines = body.splitlines()
    doc = Document(id=raw.id, source=raw.source, body=body)
    found = _read_header(h.header(lines), doc)
    if not found:
        read_news(lines, doc)
    if doc.issuer is None and doc.doc_type == "Thông báo":
        announcer = next((m for m in map(_ANNOUNCER.match, map(plain, lines)) if m), None)
        doc.issuer = announcer.group(1) if announcer else None
    signed = signatures(lines)
    if signed:
        doc.signer, doc.signer_title = signed[-1].signer, signed[-1].title
        doc.signer_capacity = signed[-1].capacity
    doc.signatures = [s.to_dict() for s in signed] if len(signed) > 1 else []
    doc.urgency = h.urgency(lines)
    own = number_key(doc.number) if doc.number else None
    doc.references = [n for n in find_numbers(body) if number_key(n) != own]
    return doc


def _read_header(header: list[str], doc: Document) -> bool:
    """Header fields set on ``doc``; whether the text has a header at all."""
    doc.number = h.number(header)
    dated = next((d for d in map(date_line, header) if d is not None), None)
    if dated:
        doc.place, doc.issued_date = dated
    else:  # a day left blank: the month is all the text says
        dated = next((d for d in map(month_line, header) if d is not None), None)
        if dated:
            doc.place, doc.issued_month = dated
    heading = h.heading(header)
    if heading is not None:
        doc.doc_type, doc.title = h.title_after_heading(header, heading)
    stop = len(header) if heading is None else heading
    doc.issuers = h.issuers(header, stop, formal=bool(doc.number or dated))
    doc.issuer = doc.issuers[0] if doc.issuers else None
    doc.issuers = doc.issuers if len(doc.issuers) > 1 else []
    doc.subject = h.subject(header)
    doc.doc_type = (doc_type_of(doc.number) if doc.number else None) or doc.doc_type
    if doc.doc_type is None and doc.subject:
        doc.doc_type = "Công văn"
    return bool(doc.number or dated or doc.issuer or heading is not None)
