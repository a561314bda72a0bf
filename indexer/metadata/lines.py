"""Lines of converted text as the metadata readers see them.

Text converted from Word, PDF, web pages or markdown carries dressing around the words
that matter: ``**bold**``, ``*italics*``, ``\\*`` escapes, ``#`` heading marks, runs of
spaces. These helpers take one line in and give the bare words out, so that the header,
signature and news readers (``header``, ``signature``, ``news`` in ``indexer.metadata``)
match on the words alone.
"""

from __future__ import annotations

import re
import unicodedata

_EMPHASIS = re.compile(r"(?<!\\)(?:\*+|(?<![\w/])_+|_+(?![\w/]))")
_ESCAPED = re.compile(r"\\([*_#.\-])")
_SPACES = re.compile(r"\s+")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_RULE = re.compile(r":?-{3,}:?")


def plain(line: str) -> str:
    """A line without markdown emphasis, escapes and heading marks.

    >>> plain("**T/M BAN THƯỜNG VỤ**"), plain("*Hà Nội, ngày 5 tháng 8 năm 2021*")
    ('T/M BAN THƯỜNG VỤ', 'Hà Nội, ngày 5 tháng 8 năm 2021')
    >>> plain("# TỈNH ỦY NINH BÌNH"), plain("\\\\*"), plain("_Sở Y tế_"), plain("**SỞ Y TẾ**\\\\")
    ('TỈNH ỦY NINH BÌNH', '*', 'Sở Y tế', 'SỞ Y TẾ')
    """
    if "*" in line or "_" in line:
        line = _EMPHASIS.sub("", line)
    if "\\" in line:  # escapes, and pandoc's hard line break (a backslash at the end)
        line = _ESCAPED.sub(r"\1", line.rstrip().removesuffix("\\"))
    return line.strip().lstrip("#").strip()


def plain_keep(line: str) -> str:
    """A line without heading marks but with its inner ``**`` (they end a bold title)."""
    return line.strip().lstrip("#").strip().lstrip("*").strip()


def is_caps(text: str) -> bool:
    """Whether every letter of ``text`` (two at least) is a capital.

    >>> is_caps("PHÓ BÍ THƯ"), is_caps("Phó Bí thư"), is_caps("* -")
    (True, False, False)
    """
    if not text.isupper():  # the quick answer for most lines
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def squash(text: str) -> str:
    """One space between words, none around.

    >>> squash(" ngày  05 \\t tháng 8 ")
    'ngày 05 tháng 8'
    """
    return _SPACES.sub(" ", text).strip()


def block(lines: list[str], start: int) -> list[str]:
    """Plain non-empty lines from ``start`` up to the next blank line."""
    out = []
    for line in lines[start:]:
        if not plain(line):
            break
        out.append(plain(line))
    return out


def fold_chars(text: str) -> str:
    """Lower case without diacritics, one character per character of ``text``, so that
    a match in the folded text cuts the original at the same offsets.

    >>> fold_chars("CỘNG HÒA Đảng")
    'cong hoa dang'
    """
    return text.translate(_FOLD)


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


# Latin letters with their marks (Latin-1, Latin Extended, Vietnamese) -> one plain letter.
_FOLD = {
    cp: _fold_char(chr(cp))
    for cp in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]
    if _fold_char(chr(cp)) != chr(cp)
}


def cells(lines: list[str]) -> list[str]:
    """Lines with each line of each cell of a markdown table row on a line of its own: a
    converter writes a Word table as ``| **SỞ Y TẾ** | **CỘNG HÒA …**<br>**Độc lập …** |``,
    or (markitdown) with a cell's paragraphs joined by spaces, which ``paragraphs`` parts.
    Rule rows are dropped; other lines pass as they are.

    >>> cells(["| **SỞ Y TẾ** | CỘNG HÒA<br>Độc lập |", "|---|---|", "Số: 1"])
    ['**SỞ Y TẾ**', 'CỘNG HÒA', 'Độc lập', 'Số: 1']
    """
    out: list[str] = []
    for line in lines:
        if not line.lstrip().startswith("|"):
            out.append(line)
            continue
        for cell in line.strip().strip("|").split("|"):
            if not _RULE.fullmatch(cell.strip()):
                for part in _BREAK.split(cell):
                    out.extend(paragraphs(part.strip()))
    return out


_BOLD_EDGE = re.compile(r"(?<=\*\*)\s+(?=\S)|(?<=\S)\s+(?=\*\*\S)")
_CELL_CUT = re.compile(
    r"\s+(?=(?:Số|SỐ)\s*:?\s*\d|V/[vV]\s|Nơi nhận)"
    r"|(?<=[;:,.])\s+(?=[-+•]\s)|\s+(?=-{3,}|\*(?:\s|$))|(?<=---)\s+"
)


def paragraphs(cell: str) -> list[str]:
    """The paragraphs of a table cell that a converter joined with spaces: cut where bold
    starts or ends, before ``Số``, ``V/v``, ``Nơi nhận``, a list dash, a separator rule
    or the Party star.

    >>> paragraphs("**ỦY BAN NHÂN DÂN** **TỈNH NGHỆ AN** ------- Số: 05/CT-UBND")
    ['**ỦY BAN NHÂN DÂN**', '**TỈNH NGHỆ AN**', '-------', 'Số: 05/CT-UBND']
    >>> paragraphs("**KT. CHỦ TỊCH** **PHÓ CHỦ TỊCH** Lê Văn A")
    ['**KT. CHỦ TỊCH**', '**PHÓ CHỦ TỊCH**', 'Lê Văn A']
    >>> paragraphs("Nơi nhận: - Như trên; - Lưu: VT."), paragraphs("**TỈNH ỦY** * Số 12-NQ/TU")
    (['Nơi nhận:', '- Như trên;', '- Lưu: VT.'], ['**TỈNH ỦY**', '*', 'Số 12-NQ/TU'])
    """
    if len(cell) < 8 or ("**" not in cell and not re.search(r"\s(?:Số|-{3}|[-*]\s)", cell)):
        return [cell]
    pieces = [cell]
    for pattern in (_BOLD_EDGE, _CELL_CUT):
        pieces = [p.strip() for piece in pieces for p in pattern.split(piece) if p.strip()]
    return pieces
