"""The signature block: the last lines of a document in, ``(signer, signer_title)`` out.

A block is one or more capitals lines over a name, in any of these shapes:

- signed for a body or a superior: ``TM.``/``T/M`` (on behalf of), ``KT.``/``K/T``
  (deputising), ``TL.``/``T/L``, ``TUQ.`` (by delegation), then the signer's own title:
  ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` -> ``Phó Chủ tịch``;
  ``T/M BAN BÍ THƯ`` alone names a body, not the signer's title (None);
- ``Q. GIÁM ĐỐC`` (acting) -> ``Quyền Giám đốc``;
- a bare title (``THỦ TƯỚNG``, ``BỘ TRƯỞNG``, ``CHỦ TỊCH``) then the name;
- in capitals, or in Title Case where a Word style shows it in capitals
  (``KT. Chủ Tịch`` / ``Phó Chủ Tịch``), a title wrapped over two lines read as one;
- with blank lines, ``(Đã ký)`` marks and markdown dressing anywhere between its lines
  (Word and markdown conversions make them), and in PDF text layers with the recipients
  column (``Nơi nhận:`` / ``- Như trên;``) on the same lines as the block.

The name is found first (a line shaped like a person's name that names no office), then the
titles above it: a title is never taken for a name, nor a name for a title.
"""

from __future__ import annotations

import re

from indexer.analysis import key
from indexer.casing import person, sentence
from indexer.lines import cells, fold_chars, is_caps, plain, squash

_SIGN_FOR = re.compile(r"^(?:T/M|T/L|K/T|TM\.|TL\.|KT\.|TUQ\.|Q\.)\s*\S", re.IGNORECASE)
_ACTING = re.compile(r"^Q\.\s*(?P<office>\S.*)$", re.IGNORECASE)
_OFFICE = re.compile(
    r"^(?:phó\s+)?(?:tổng\s+)?(?:bí thư|chủ tịch|giám đốc|chủ nhiệm|thủ tướng|chánh\s+\w+|"
    r"ủy viên|thư ký|(?:\w+\s+)?trưởng)\b"
)
_SIGNED = re.compile(r"^[(\[]?\s*(?:đã\s+)?(?:ký|kí|chữ ký số)\b[^)\]]*[)\]]?$", re.IGNORECASE)
_LEFT_COLUMN = re.compile(r"^(?:Nơi nhận|[-+•])", re.IGNORECASE)
_BODY_WORDS = frozenset(
    "ban ủy hội đảng văn bộ sở tỉnh thành huyện cục vụ phòng tổng chi mặt thường nơi lưu "
    "kính như".split()
)
_TAIL = 60  # lines: a block sits after the recipients list, at most this far from the end


def _keys(text: str) -> str:
    return " ".join(key(w) for w in text.split())


def _is_office(text: str) -> bool:
    if len(text) > 80:  # a sentence, not a title
        return False
    return bool(_SIGN_FOR.match(text) or _OFFICE.match(_keys(text)))


def _is_name(text: str) -> bool:
    """A person's name: two to five capitalized words, none of them an office or a body.

    >>> [_is_name(t) for t in ("Nguyễn Văn An", "TRẦN HỒNG QUẢNG", "PHÓ CHỦ TỊCH", "Như trên")]
    [True, True, False, False]
    """
    words = text.split()
    if not 2 <= len(words) <= 5 or not all(w.isalpha() and w[0].isupper() for w in words):
        return False
    if not (is_caps(text) or all(w[1:].islower() or len(w) == 1 for w in words)):
        return False
    return key(words[0]) not in _BODY_WORDS and not _is_office(text)


def _part(text: str) -> str:
    """The block's share of a line: a PDF text layer puts the recipients column first
    (``- Như trên; PHÓ CHỦ TỊCH``); a recipients line without such a tail is blank."""
    if not _LEFT_COLUMN.match(text):
        return text
    for cut in re.finditer(r"[;:,.)]\s+", text):
        tail = text[cut.end() :].strip()
        office = _is_office(tail) and (is_caps(tail) or _is_title_case(tail))
        if office or _is_caps_words(tail) or _is_name(tail) or _SIGNED.match(tail):
            return tail
    return ""


def _is_caps_words(text: str) -> bool:
    """Capitals words, each a syllable (a vowel in it): ``THƯỜNG TRỰC``, not ``VT, QLCL.``"""
    words = text.split()
    return (
        is_caps(text)
        and all(w.isalpha() for w in words)
        and all(set(fold_chars(w)) & set("aeiouy") for w in words)
    )


def _titles_above(parts: list[str], end: int) -> list[str]:
    """The block's title lines above the name at ``parts[end]``, nearest first; a title
    wrapped over two lines (``PHÓ BÍ THƯ`` / ``THƯỜNG TRỰC``) comes back as one."""
    titles: list[str] = []
    wrapped: list[str] = []  # capitals lines under the nearest title: its continuation
    for text in reversed(parts[max(0, end - 12) : end]):
        if not text or _SIGNED.match(text):
            continue
        if not _is_office(text) or not (is_caps(text) or _is_title_case(text)):
            if titles or len(wrapped) == 2 or not is_caps(text):
                break
            wrapped.insert(0, text)
            continue
        if titles and _SIGN_FOR.match(titles[-1]) and not _SIGN_FOR.match(text):
            break
        titles.append(" ".join([text, *wrapped]) if not titles else text)
    return titles


def _is_title_case(text: str) -> bool:
    """Every word capitalized: Word's capitals style leaves ``Phó Chủ Tịch`` in the text."""
    return all(w[:1].isupper() or not w[:1].isalpha() for w in text.split())


def _own_title(titles: list[str]) -> str | None:
    nearest = squash(titles[0])
    acting = _ACTING.match(nearest)
    if acting:
        return "Quyền " + sentence(acting["office"], names=True)
    if _SIGN_FOR.match(nearest):
        return None  # signed for a body or a superior: the signer's own title is not given
    return sentence(nearest, names=True)


def signature(lines: list[str]) -> tuple[str | None, str | None]:
    """``(signer, signer_title)`` of the last signature block, or ``(None, None)``.

    >>> signature(["KT. CHỦ TỊCH", "", "PHÓ CHỦ TỊCH", "", "(Đã ký)", "", "Nguyễn Văn An"])
    ('Nguyễn Văn An', 'Phó Chủ tịch')
    >>> signature(["**THỦ TƯỚNG**", "", "", "**PHẠM MINH CHÍNH**"])
    ('Phạm Minh Chính', 'Thủ tướng')
    """
    parts = [_part(squash(plain(line))) for line in cells(lines[-_TAIL:])]
    for end in range(len(parts) - 1, -1, -1):
        if _is_name(parts[end]):
            titles = _titles_above(parts, end)
            if titles:
                return person(parts[end]), _own_title(titles)
    return None, None
