"""Display text: a document's body as its reader sees it, without conversion debris.

Files converted from Word or the web to text or markdown carry marks of the conversion:
heading markers (``# TỈNH ỦY``), bold markers (``**PHÓ BÍ THƯ**``), escaped punctuation
(``\\*``), empty list bullets (``- `` alone on a line), Word's ``[bookmark: _GoBack]``, hard
line breaks written as two trailing spaces, runs of blank lines. ``display_text`` removes
them; the words, their order and their spelling stay as they are. ``indexer.pipeline``
applies it to the body before analysis and storage, so snippets, the reading page and the
highlights all see the same text; the original file stays downloadable unchanged.
"""

from __future__ import annotations

import re

_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]{0,200}\]")
_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
_BOLD_BETWEEN_CAPITALS = re.compile(r"(?<=[^\W\d_])(?:\*\*|__)(?=[^\W\d_])")
_BOLD = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*\\])\*(?![\w*])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_EMPTY_BULLET = re.compile(r"(?m)^[ \t]*[-+•][ \t]*$")
_TRAILING = re.compile(r"(?m)[ \t]+$")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _bold_join(match: re.Match[str]) -> str:
    """``THÔNG BÁO**Ý KIẾN``: a bold run opened right after a word lost its line break
    (a new line between capitals, a space elsewhere)."""
    text = match.string
    left, right = text[match.start() - 1], text[match.end()]
    return "\n" if left.isupper() and right.isupper() else " "


def display_text(text: str) -> str:
    """The text without conversion debris (input already NFC-clean, ``\\n`` line ends).

    >>> display_text("# TỈNH ỦY NINH BÌNH\\n\\n \\n\\\\*\\n\\n\\n\\nSố 342 - CV/TU")
    'TỈNH ỦY NINH BÌNH\\n\\n*\\n\\nSố 342 - CV/TU'
    >>> display_text("THÔNG BÁO**Ý KIẾN CHỈ ĐẠO\\ntrên địa bàn huyện Trực Ninh**")
    'THÔNG BÁO\\nÝ KIẾN CHỈ ĐẠO\\ntrên địa bàn huyện Trực Ninh'
    >>> display_text("- \\n- Kính gửi:\\n  - Các sở, ban, ngành,\\n**T/M BAN THƯỜNG VỤ**  ")
    '- Kính gửi:\\n  - Các sở, ban, ngành,\\nT/M BAN THƯỜNG VỤ'
    >>> display_text("[bookmark: _GoBack]Ngày 24/8/2021, *Ninh Bình*, 5 * 3 = 15")
    'Ngày 24/8/2021, Ninh Bình, 5 * 3 = 15'
    """
    text = _BOOKMARK.sub("", text)
    text = _HEADING.sub("", text)
    text = _BOLD_BETWEEN_CAPITALS.sub(_bold_join, text)
    text = _BOLD.sub("", text)
    text = _ITALIC.sub(r"\1", text)
    text = _ESCAPED.sub(r"\1", text)
    text = _EMPTY_BULLET.sub("", text)
    text = _TRAILING.sub("", text)
    return _BLANK_RUNS.sub("\n\n", text).lstrip("\n")
