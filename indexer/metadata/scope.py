"""What part of a document a relation touches, and the lists a relation phrase governs.

- ``scope``: the parts named before a cited number: ``khoản 4 Điều 15``, ``điểm a, b
  khoản 2 Điều 5``, ``Chương II``, ``khoản 2 mục II``, ``một số điều``. A relation with a
  scope touches parts of the document, not all of it (``indexer.metadata.relations``).
- ``list_items``: the items of a list that follows a colon, in numbered, lettered,
  bulleted or unmarked lines (``Bãi bỏ toàn bộ các văn bản sau đây:`` / ``1. Quyết định
  số …;`` / ``2. …``), with the lines a PDF text layer wraps an item over, and the blank
  lines markdown puts between items. A list ends at an item that ends a sentence
  (``.``) followed by a line that is neither a new item nor a continuation.
"""

from __future__ import annotations

import re

_NUMERAL = r"(?:\d+[a-z]?|[IVXL]+)(?:\.\d+)*"
_UNIT = (
    rf"(?:điểm\s+(?:[a-zđ]|\d+)|khoản\s+\d+|điều\s+\d+[a-z]?|mục\s+{_NUMERAL}|phần\s+(?:thứ\s+\w+|"
    rf"{_NUMERAL})|chương\s+{_NUMERAL}|tiết\s+{_NUMERAL})"
    rf"(?:\s*(?:,|và)\s*(?:[a-zđ]|{_NUMERAL})(?![\w/]))*(?![\w/])"
)
_SCOPE = re.compile(
    rf"(?<!\w)(?:một\s+số\s+(?:điều|khoản|điểm|nội\s+dung|quy\s+định)"
    rf"(?:\s+(?:tại|của)\s+{_UNIT})?|{_UNIT}(?:(?:\s+(?:của|tại)|\s*,|\s+và)?\s+{_UNIT})*)",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)]|[IVX]+\.)\s+")
_SENTENCE_END = re.compile(r"[.!?]\W*$")
_OPEN_ITEM = re.compile(r"[;,]\W*$|[^.;:!?\s]\W*$")


def scope(text: str) -> str | None:
    """The parts of a document named in ``text`` (what comes between a relation phrase
    and the number), in the text's words; None when it names the whole document.

    >>> scope(" khoản 4 Điều 15 của Quy định ban hành kèm theo ")
    'khoản 4 Điều 15'
    >>> scope(" một số điều của Quy chế phối hợp ban hành kèm theo ")
    'một số điều'
    >>> scope(" điểm a, b khoản 2 Điều 5 và Chương III "), scope(" toàn bộ Chương trình ")
    ('điểm a, b khoản 2 Điều 5 và Chương III', None)
    >>> scope(" Điều 5, Điều 6 của Quy định ")
    'Điều 5, Điều 6'

    """
    match = _SCOPE.search(text)
    return re.sub(r"\s+", " ", match.group()).strip(" ,") if match else None


def list_items(text: str, colon: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the list that follows the colon at ``colon``; [] when
    no list follows it (the colon ends a line, then items).

    >>> text = "Bãi bỏ các văn bản sau:\\n1. Quyết định số 1;\\n2. Quyết định\\nsố 2.\\nĐiều 2."
    >>> [text[a:b] for a, b in list_items(text, text.index(":"))]
    ['1. Quyết định số 1;', '2. Quyết định\\nsố 2.']
    """
    newline = text.find("\n", colon)
    if newline < 0 or text[colon + 1 : newline].strip():
        return _inline_items(text, colon)
    items: list[list[int]] = []
    pos = newline + 1
    for line in _lines(text, pos):
        start, end, body = line
        if not body.strip():
            continue
        marked = bool(_MARKER.match(body))
        if items:
            previous = text[items[-1][0] : items[-1][1]]
            if marked or (_OPEN_ITEM.search(previous) and not _ends_item(previous)):
                if marked or previous.rstrip()[-1:] in ";,":
                    items.append([start, end])
                else:
                    items[-1][1] = end  # a wrapped line
                continue
            break
        if not marked and not _OPEN_ITEM.search(body):
            break
        items.append([start, end])
    return [(a, b) for a, b in items if _MARKER.match(text[a:b]) or len(items) > 1]


def _inline_items(text: str, colon: int) -> list[tuple[int, int]]:
    """Items after a colon on its own line, up to the sentence's end, cut at ``;``: at
    least two of them, or it is no list."""
    end = re.compile(r"[.!?](?=\s|$)|\n\s*\n").search(text, colon + 1)
    stop = end.start() if end else len(text)
    items, start = [], colon + 1
    for cut in [m.start() for m in re.finditer(";", text[start:stop])] + [stop - start]:
        items.append((start, colon + 1 + cut))
        start = colon + 1 + cut + 1
    return items if len(items) > 1 else []


def _ends_item(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def _lines(text: str, pos: int):
    """(start, end, text) of each line from ``pos``, stripped of a trailing ``\\r``."""
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, end, text[pos:end]
        pos = end + 1
