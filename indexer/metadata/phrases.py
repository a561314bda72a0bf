"""Phrases matched the way relation phrases are written: any tone-mark placement (``huỷ
bỏ`` = ``hủy bỏ``), any case, any spacing or line break between words, an optional comma
between them (``sửa đổi, bổ sung``). Matching runs on ``lower_view``, a lower-case copy of
the text with the same offsets, so a match cuts the original text where it cuts the copy.
"""

from __future__ import annotations

import re
import unicodedata

from indexer.analysis import SYLLABLE, key

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def spellings(word: str) -> list[str]:
    """Every lower-case spelling of ``word`` with the same letters and tone, the tone mark
    on any of its vowels, that ``key`` reads as ``word`` (old and new placement).

    >>> spellings("hủy"), spellings("bỏ")
    (['huỷ', 'hủy'], ['bỏ'])
    """
    canonical = key(word)
    base = unicodedata.normalize("NFD", canonical)
    tones = [c for c in base if c in _TONES]
    if not tones:
        return [canonical]
    bare = "".join(c for c in base if c not in _TONES)
    found = {canonical}
    for i, char in enumerate(bare):
        if char.lower() in "aeiouy":
            candidate = unicodedata.normalize("NFC", bare[: i + 1] + tones[0] + bare[i + 1 :])
            if len(candidate) == len(canonical) and key(candidate) == canonical:
                found.add(candidate)
    return sorted(found)


def phrase(text: str) -> str:
    """A regex for a phrase on lower-case text: any tone placement, any spacing, an
    optional comma between words.

    >>> bool(re.search(phrase("hủy bỏ"), "huỷ\\n bỏ"))
    True
    >>> bool(re.search(phrase("sửa đổi bổ sung"), "sửa đổi, bổ sung"))
    True
    """
    words = ["(?:" + "|".join(map(re.escape, spellings(w))) + ")" for w in text.split()]
    return r"(?<!\w)" + r"(?:\s*,\s*|\s+)".join(words) + r"(?!\w)"


def lower_view(text: str) -> str:
    """``text`` in lower case, the same length (so offsets in one are offsets in the
    other); phrases are matched on it in any tone placement (``spellings``).

    >>> lower_view("Huỷ bỏ Chỉ thị")
    'huỷ bỏ chỉ thị'
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return SYLLABLE.sub(lambda m: _same_length(m.group()), text)


def _same_length(word: str) -> str:
    lower = word.lower()
    return lower if len(lower) == len(word) else word
