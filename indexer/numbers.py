"""Document numbers (số hiệu): find them in text, normalize them, key them for look-ups.

A number is ``số`` + ``ký hiệu`` (VIETNAMESE.md section 5): Party style ``342-CV/TU``,
State style ``1102/CĐ-TTg`` or ``30/2020/NĐ-CP``. The text writes them loosely
(``Số 342 - CV/TU``, ``số 10- TB/VPTW``, ``Số: 15/CT-UBND``). Three forms, one per use:

- ``normalize_number``: the stored and displayed form. NFC, one kind of dash, no spaces,
  separators as written, upper case, except that a mixed-case symbol keeps the document's
  own case (``TTg``, ``TTr`` are the official spellings): ``1102/CĐ-TTg``.
- ``fold_number``: no diacritics, upper case, separators kept: ``1102/CD-TTG``.
- ``number_key``: folded and separator-blind: ``1102CDTTG``. Look-ups compare on this key,
  so ``1767/CV-TU`` finds ``1767-CV/TU`` and ``1102/cd-ttg`` finds ``1102/CĐ-TTg``.

``fold_number`` and ``number_key`` are those of ``indexer.analysis``, which ``search``
uses at query time: one definition for both sides.
"""

from __future__ import annotations

import re

from indexer import analysis
from indexer.analysis import clean

# ký hiệu prefix -> document type label. Party style puts it first (342-CV/TU), State
# style after the number (15/CT-UBND); a State công văn has none (1234/UBND-VX).
DOC_TYPES: dict[str, str] = {
    "CV": "Công văn",
    "TB": "Thông báo",
    "KL": "Kết luận",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "CĐ": "Công điện",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "QC": "Quy chế",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTri": "Thông tri",
    "GM": "Giấy mời",
    "BB": "Biên bản",
}
_TYPE_BY_FOLDED = {analysis.fold(k).upper(): v for k, v in DOC_TYPES.items()}

_PREFIX = re.compile(r"^\s*(?:số|so|no\.?)\s*:?\s*", re.IGNORECASE)
_LOOSE = re.compile(r"\d{1,6}(?:/\d{4})?[-/][^\W\d_][^\W_]*(?:[-/][^\W\d_][^\W_]*)*")
_SEGMENT = re.compile(r"[^\W\d_][^\W_]*")
# In running text only upper-case symbols count (TTg, QĐi: a short lower-case tail), and
# not a filing mark (CV/TU.TH.C) nor a date (21/7/2021) nor a range (2021-2026).
_SYMBOL = r"[A-ZĐ]{2,}[A-ZĐ0-9]*[a-z]{0,2}"
_IN_TEXT = re.compile(
    rf"(?<![\w/.-])\d{{1,6}}(?:/\d{{4}})?\s?[-/]\s?{_SYMBOL}(?:\s?[-/]\s?{_SYMBOL})*(?!\w|\.\w)"
)


def _case(segment: re.Match[str]) -> str:
    text = segment.group()
    return text.upper() if text.islower() or text.isupper() else text


def normalize_number(text: str) -> str | None:
    """The normalized form of one document number, or None when ``text`` is not one.

    >>> normalize_number("Số 342 - CV/TU"), normalize_number("số 10- TB/VPTW")
    ('342-CV/TU', '10-TB/VPTW')
    >>> normalize_number("Số: 15/CT-UBND"), normalize_number("30/2020/NĐ-CP")
    ('15/CT-UBND', '30/2020/NĐ-CP')
    >>> normalize_number("1102/CĐ-TTg"), normalize_number("1102/cđ-ttg")
    ('1102/CĐ-TTg', '1102/CĐ-TTG')
    >>> [normalize_number(t) for t in ("CV/TU.TH.C", "21/7/2021", "2021-2026", "")]
    [None, None, None, None]
    """
    compact = re.sub(r"\s+", "", _PREFIX.sub("", clean(text)))
    if not _LOOSE.fullmatch(compact):
        return None
    return _SEGMENT.sub(_case, compact)


def fold_number(number: str) -> str:
    """A number without diacritics, upper case, separators kept.

    >>> fold_number("1102/CĐ-TTG"), fold_number("1102/CĐ-TTg"), fold_number("342-CV/TU")
    ('1102/CD-TTG', '1102/CD-TTG', '342-CV/TU')
    """
    return analysis.fold_number(normalize_number(number) or number)


def number_key(number: str) -> str:
    """The separator-blind, folded key that number look-ups compare on.

    >>> number_key("342-CV/TU"), number_key("1102/CĐ-TTg"), number_key("1767/CV-TU")
    ('342CVTU', '1102CDTTG', '1767CVTU')
    >>> number_key("342 - cv/tu") == number_key("342-CV/TU")
    True
    """
    return analysis.number_key(normalize_number(number) or number)


def find_numbers(text: str) -> list[str]:
    """Normalized numbers cited in ``text``, in text order, each once (by ``number_key``).

    >>> find_numbers("Kết luận số 07-KL/TW, ngày 11/6/2021 và Nghị quyết 68/NQ-CP; 07-KL/TW")
    ['07-KL/TW', '68/NQ-CP']
    >>> find_numbers("Thông báo số 10- TB/VPTW, Công điện số 1102/CĐ-TTg, CV/TU.TH.C 2021-2026")
    ['10-TB/VPTW', '1102/CĐ-TTg']
    """
    found: dict[str, str] = {}
    for match in _IN_TEXT.finditer(clean(text)):
        number = normalize_number(match.group())
        if number is not None:
            found.setdefault(number_key(number), number)
    return list(found.values())


def doc_type_of(number: str) -> str | None:
    """The type label named by a number's ký hiệu prefix, or None.

    >>> doc_type_of("342-CV/TU"), doc_type_of("15/CT-UBND"), doc_type_of("1102/CĐ-TTg")
    ('Công văn', 'Chỉ thị', 'Công điện')
    >>> doc_type_of("30/2020/NĐ-CP"), doc_type_of("1234/UBND-VX"), doc_type_of("1/qd-ubnd")
    ('Nghị định', None, 'Quyết định')
    """
    segment = _SEGMENT.search(clean(number))
    if segment is None:
        return None
    prefix = segment.group()
    return DOC_TYPES.get(prefix) or _TYPE_BY_FOLDED.get(analysis.fold(prefix).upper())
