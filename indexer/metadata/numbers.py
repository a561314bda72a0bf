"""Document numbers (số hiệu): find them in text, normalize them, key them for look-ups.

The one place numbers are normalized: indexing (``indexer.pipeline``), citations
(``indexer.metadata.extract``), look-ups and search (``search``) all call these helpers.

A number is ``số`` + ``ký hiệu`` (VIETNAMESE.md section 5): Party style ``342-CV/TU``,
``05-NQ/TW``, ``10-QĐi/TW``; State style ``15/CT-UBND``, ``1102/CĐ-TTg``,
``123/2021/QĐ-UBND``. People write and paste them loosely: the number line as printed
(``Số 342 - CV/TU``, ``Số: 15/CT-UBND``, ``SỐ 10- TB/VPTW``, ``So 1102/cd-ttg``), with
stray spaces and dashes, in lower case, without accents. Forms, one per use:

- ``normalize_number``: the stored and displayed form. NFC, one kind of dash, no spaces,
  separators as written, upper case, except that a mixed-case symbol keeps the document's
  own case (``TTg``, ``TTr``, ``QĐi`` are the official spellings): ``1102/CĐ-TTg``.
- ``lookup_forms``: what a look-up compares, most exact first: the upper-case form
  (``12/ĐA-UBND`` Đề án is not ``12/DA-UBND`` Dự án), then ``fold_number`` (no
  diacritics, separators kept: ``12/DA-UBND``), then ``number_key`` (folded and
  separator-blind: ``1767CVTU`` for ``1767/CV-TU`` and ``1767-CV/TU``). A look-up stops
  at the first form that finds something, so a distinction the user typed is kept and a
  missing accent or a swapped separator still finds the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode

from indexer.analysis import clean, fold

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
    "HDLT": "Hướng dẫn liên tịch",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "CTLT": "Chương trình liên tịch",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "HĐ": "Hợp đồng",
    "QC": "Quy chế",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTri": "Thông tri",
    "GM": "Giấy mời",
    "BB": "Biên bản",
}
# Typed without accents or in another case: a symbol spelled so (DA Dự án, HD Hướng dẫn)
# is itself, else the one it folds from (qd -> QĐ).
_TYPE_BY_UPPER = {k.upper(): v for k, v in DOC_TYPES.items()}
_TYPE_BY_FOLDED = {
    **{fold(k).upper(): v for k, v in DOC_TYPES.items()},
    **{k: v for k, v in _TYPE_BY_UPPER.items() if k.isascii()},
}

# The label printed before a number: Số, Số:, SỐ, số hiệu, So, No., № (before its digits).
_PREFIX = re.compile(
    r"^[\W_]*(?:(?:số|sô|so)(?:\s*(?:hiệu|hieu|ký hiệu|ky hieu))?|no\.?|№)\s*[:.]?\s*(?=\d)",
    re.IGNORECASE,
)
_REPEATED = re.compile(r"([-/])[-/]*")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
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


def _compact(text: str) -> str:
    """A typed number without its label, spaces, doubled separators or edge punctuation.

    >>> _compact("  Số:  15 / CT - UBND."), _compact("SỐ 342 -- CV/TU"), _compact("so 1102")
    ('15/CT-UBND', '342-CV/TU', '1102')
    """
    text = re.sub(r"\s+", "", _PREFIX.sub("", clean(text).strip()))
    return _EDGES.sub("", _REPEATED.sub(r"\1", text))


def normalize_number(text: str) -> str | None:
    """The normalized form of one document number, or None when ``text`` is not one.

    >>> normalize_number("Số 342 - CV/TU"), normalize_number("số 10- TB/VPTW")
    ('342-CV/TU', '10-TB/VPTW')
    >>> normalize_number("Số: 15/CT-UBND"), normalize_number("30/2020/NĐ-CP")
    ('15/CT-UBND', '30/2020/NĐ-CP')
    >>> normalize_number("SỐ: 123/2021/qđ-ubnd"), normalize_number("So 05 - NQ/TW")
    ('123/2021/QĐ-UBND', '05-NQ/TW')
    >>> normalize_number("1102/CĐ-TTg"), normalize_number("1102/cđ-ttg")
    ('1102/CĐ-TTg', '1102/CĐ-TTG')
    >>> normalize_number("10-QĐi/TW"), normalize_number("10-QĐ/TW")
    ('10-QĐi/TW', '10-QĐ/TW')
    >>> [normalize_number(t) for t in ("CV/TU.TH.C", "21/7/2021", "2021-2026", "Số 342", "")]
    [None, None, None, None, None]
    """
    compact = _compact(text)
    if not _LOOSE.fullmatch(compact):
        return None
    return _SEGMENT.sub(_case, compact)


def fold_number(number: str) -> str:
    """A number without diacritics, upper case, separators kept.

    >>> fold_number("1102/CĐ-TTG"), fold_number("1102/CĐ-TTg"), fold_number("Số 342 - CV/TU")
    ('1102/CD-TTG', '1102/CD-TTG', '342-CV/TU')
    >>> fold_number("12/ĐA-UBND"), fold_number("1/qd-ubnd")
    ('12/DA-UBND', '1/QD-UBND')
    """
    return unidecode(normalize_number(number) or _compact(number)).upper()


def number_key(number: str) -> str:
    """The separator-blind, folded key that look-ups fall back on and citations compare.

    >>> number_key("342-CV/TU"), number_key("1102/CĐ-TTg"), number_key("1767/CV-TU")
    ('342CVTU', '1102CDTTG', '1767CVTU')
    >>> number_key("Số 342 - cv/tu") == number_key("342-CV/TU") == number_key("342/CV-TU")
    True
    """
    return re.sub(r"[^0-9A-Z]", "", fold_number(number))


@dataclass(frozen=True, slots=True)
class LookupForms:
    """A number's look-up forms, most exact first (see the module docstring)."""

    exact: str  # upper case, accents kept: 12/ĐA-UBND, 1102/CĐ-TTG
    folded: str  # 12/DA-UBND, 1102/CD-TTG
    key: str  # 12DAUBND, 1102CDTTG


def lookup_forms(number: str) -> LookupForms:
    """The forms a look-up of ``number`` compares, as the index holds them for a document.

    >>> lookup_forms("Số: 15/CT-UBND")
    LookupForms(exact='15/CT-UBND', folded='15/CT-UBND', key='15CTUBND')
    >>> lookup_forms("12/ĐA-UBND"), lookup_forms("12/đa - ubnd") == lookup_forms("12/ĐA-UBND")
    (LookupForms(exact='12/ĐA-UBND', folded='12/DA-UBND', key='12DAUBND'), True)
    >>> lookup_forms("Số 342-CV/TU") == lookup_forms("342 - cv/tu") == lookup_forms("342-CV/TU")
    True
    """
    exact = (normalize_number(number) or _compact(number)).upper()
    return LookupForms(exact, fold_number(number), number_key(number))


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
    >>> [doc_type_of(n) for n in ("12/ĐA-UB", "12/DA-UB", "12/da-ub", "3/HĐ-UB", "3/HD-UB")]
    ['Đề án', 'Dự án', 'Dự án', 'Hợp đồng', 'Hướng dẫn']
    >>> doc_type_of("10-QĐi/TW"), doc_type_of("10-qđi/tw"), doc_type_of("10-QĐ/TW")
    ('Quy định', 'Quy định', 'Quyết định')
    """
    segment = _SEGMENT.search(clean(number))
    if segment is None:
        return None
    prefix = segment.group()
    return (
        DOC_TYPES.get(prefix)
        or _TYPE_BY_UPPER.get(prefix.upper())
        or _TYPE_BY_FOLDED.get(fold(prefix).upper())
    )
