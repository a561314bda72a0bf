"""Pre-Unicode Vietnamese encodings (TCVN3/ABC and VNI): recognise them and convert them.

Text goes in as ``str`` (bytes read as Latin-1, or a Unicode file that already holds the
mojibake, such as ``Céng hßa X· héi``); Unicode text comes out, or
:class:`LegacyEncodingError` when the text looks legacy but no conversion reads as
Vietnamese. ``repair`` decides; ``from_tcvn3`` / ``from_vni`` convert; ``to_tcvn3`` /
``to_vni`` are the inverses (for tests and fixtures). ``vietnamese_ratio`` scores a text by
the share of its accented words that are well-formed Vietnamese syllables.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# TCVN3 (TCVN 5712:1993 VN3, the ".Vn" ABC fonts): one byte per letter, lower case only
# for toned vowels (capitals came from separate ".VnTimeH" fonts). Bytes shown as Latin-1.
_TCVN3_CODES = "¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ"
_TCVN3_UNICODE = "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
_FROM_TCVN3 = str.maketrans(_TCVN3_CODES, _TCVN3_UNICODE)
_TO_TCVN3 = {ord(u): c for c, u in zip(_TCVN3_CODES, _TCVN3_UNICODE, strict=True)}

# VNI: a base letter followed by one mark byte (tone, or vowel mark plus tone).
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ",
                "ò": "ị", "î": "ỵ"}  # fmt: skip
_VNI_TABLE = {
    **{k: v for m, v in _VNI_MARKS.items() for k in (m, m.upper())},
    **{k: v for c, u in _VNI_LETTERS.items() for k, v in ((c, u), (c.upper(), u.upper()))},
}
_FROM_VNI = str.maketrans(_VNI_TABLE)
_TO_VNI_MARK = {v: k for k, v in _VNI_MARKS.items()}
_TO_VNI_LETTER = {v: k for k, v in _VNI_LETTERS.items()}

_TONES = frozenset(_GRAVE + _ACUTE + _TILDE + _HOOK + _DOT)
_NO_TONES = dict.fromkeys(map(ord, _TONES))
_ETH = {0x00F0: "đ"}  # the look-alike eth (Ð, lower ð) that some converters write for Đ
_NUCLEI = (
    "iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu ai ao au ay âu ây eo êu ia iê iu "
    "oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê a ă â e ê i o ô ơ u ư y"
)
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"(?:{_NUCLEI.replace(' ', '|')})(?:ch|ng|nh|[cmnptk])?"
)
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_LETTER = re.compile(r"[^\W\d_]")
# Latin-1 characters that are not letters of the Vietnamese alphabet: frequent in
# TCVN3/VNI text read as Latin-1, rare in real Unicode Vietnamese.
_MARKERS = frozenset(map(chr, range(0xA1, 0x100))) - frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# TCVN3 codes that are symbols in Latin-1 (·¸µ for ã á à): common in TCVN3, rare elsewhere.
_TCVN3_SYMBOLS = frozenset(c for c in _TCVN3_CODES if not c.isalpha())
# Capitals typed with TCVN3's small toned vowels: a word with two or more capitals and no
# small ASCII letter ("CéNG" -> "CỘNG"), then the rest of its line when that line has no
# small ASCII letter ("X· HéI" -> "XÃ HỘI"; but "Sè 342-CV/TU" stays "Số 342-CV/TU").
_CAPS_WORD = re.compile(r"\b(?=[^\WA-Z]*[A-Z][^\WA-Z]*[A-Z])[^\Wa-z]++\b")
_TONED_CAPS = "".join(sorted({c.upper() for c in _TCVN3_UNICODE[14:]}))
_CAPS_LINE = re.compile(rf"^(?=[^a-z\n]*+$)(?=[^\n]*?[{_TONED_CAPS}])[^\n]+", re.M)
# A capital word that starts with a toned vowel ("ñY BAN" -> "ủY" -> "ỦY"): a small TCVN3
# letter right before a capital cannot be anything else.
_SMALL = "".join(sorted({c for c in _TCVN3_UNICODE if c.islower()}))
_OPENS_CAPS = re.compile(rf"\b[{_SMALL}](?=[A-Z])\w*")

SAMPLE = 65_536  # characters scored; enough to decide, and keeps 50 MB files fast
CONFIDENT = 0.85  # share of accented words that must be real syllables


class LegacyEncodingError(ValueError):
    """The text is in TCVN3 or VNI but could not be converted with confidence."""


def from_tcvn3(text: str) -> str:
    r"""TCVN3 (ABC) text, read as Latin-1, in Unicode.

    >>> from_tcvn3("Céng hßa X· héi chñ nghÜa ViÖt Nam")
    'Cộng hòa Xã hội chủ nghĩa Việt Nam'
    >>> from_tcvn3("TØNH ñY NINH B×NH\nSè 342-CV/TU")
    'TỈNH ỦY NINH BÌNH\nSố 342-CV/TU'
    >>> from_tcvn3("ñY BAN NH¢N D¢N\nTM. ñY BAN NH¢N D¢N")
    'ỦY BAN NHÂN DÂN\nTM. ỦY BAN NHÂN DÂN'
    """
    text = _CAPS_WORD.sub(_upper, text.translate(_FROM_TCVN3))
    text = _OPENS_CAPS.sub(_upper, text)
    return _CAPS_LINE.sub(_upper, text)


def _upper(match: re.Match[str]) -> str:
    return match.group().upper()


def to_tcvn3(text: str) -> str:
    """Unicode Vietnamese as TCVN3 characters (capital toned vowels become small ones).

    >>> to_tcvn3("Độc lập - Tự do - Hạnh phúc")
    '§éc lËp - Tù do - H¹nh phóc'
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = _TO_TCVN3.get(ord(ch)) or _TO_TCVN3.get(ord(ch.lower()))
        if code is None and ord(ch) > 0x7F:
            raise ValueError(f"{ch!r} has no TCVN3 code")
        out.append(code or ch)
    return "".join(out)


def from_vni(text: str) -> str:
    """VNI text, read as Latin-1, in Unicode.

    >>> from_vni("Coäng hoøa Xaõ hoäi chuû nghóa Vieät Nam")
    'Cộng hòa Xã hội chủ nghĩa Việt Nam'
    """
    return unicodedata.normalize("NFC", text.translate(_FROM_VNI))


def _vni_char(ch: str) -> str:
    if ch.lower() in _TO_VNI_LETTER:
        code = _TO_VNI_LETTER[ch.lower()]
        return code.upper() if ch.isupper() else code
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if base.lower() in "ou" and _HORN in marks:
        base = _vni_char(unicodedata.normalize("NFC", base + _HORN))
        marks = marks.replace(_HORN, "")
    if not marks:
        return base
    modifier = "".join(m for m in marks if m not in _TONES)
    tone = "".join(m for m in marks if m in _TONES)
    code = _TO_VNI_MARK.get(modifier + tone)
    if code is None or ord(base[0]) > 0x7F and base.lower() not in "ôö":
        raise ValueError(f"{ch!r} has no VNI code")
    return base + (code.upper() if ch.isupper() else code)


def to_vni(text: str) -> str:
    """Unicode Vietnamese as VNI characters.

    >>> to_vni("Cộng hòa Xã hội chủ nghĩa Việt Nam, Người")
    'Coäng hoøa Xaõ hoäi chuû nghóa Vieät Nam, Ngöôøi'
    """
    return "".join(_vni_char(ch) for ch in unicodedata.normalize("NFC", text))


@lru_cache(maxsize=100_000)
def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable (one tone mark at most).

    >>> [is_syllable(w) for w in ["người", "Nghiêng", "Đắk", "hßa", "céngg", "ảá", "ÐẢNG"]]
    [True, True, True, False, False, False, True]
    """
    decomposed = unicodedata.normalize("NFD", word.lower().translate(_ETH))
    bare = decomposed.translate(_NO_TONES)
    if len(decomposed) - len(bare) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)) is not None


def vietnamese_ratio(text: str) -> tuple[float, int]:
    """(share of words with non-ASCII letters that are Vietnamese syllables, their count).

    >>> vietnamese_ratio("Cộng hòa Xã hội, Covid-19")
    (1.0, 4)
    >>> vietnamese_ratio("Céng hßa X· héi chñ nghÜa")
    (0.2, 5)
    """
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if not w.isascii()]
    if not words:
        return 0.0, 0
    return sum(map(is_syllable, words)) / len(words), len(words)


_CONVERTERS = (("tcvn3", from_tcvn3), ("vni", from_vni))


def repair(text: str) -> tuple[str, str | None]:
    """The text in Unicode, and the legacy encoding it was in (None when it was Unicode).

    Raises :class:`LegacyEncodingError` when the text reads as TCVN3/VNI mojibake that
    neither table turns into Vietnamese.

    >>> repair("Céng hßa X· héi")
    ('Cộng hòa Xã hội', 'tcvn3')
    >>> repair("Cộng hòa Xã hội")
    ('Cộng hòa Xã hội', None)
    """
    sample = text[:SAMPLE]
    markers = sum(1 for ch in sample if ch in _MARKERS)
    if not markers:
        return text, None
    as_is, _ = vietnamese_ratio(sample)
    if as_is >= CONFIDENT:  # already Vietnamese: no conversion could gain the 0.25 below
        return text, None
    scores = [(vietnamese_ratio(f(sample))[0], -i) for i, (_, f) in enumerate(_CONVERTERS)]
    best, minus_i = max(scores)  # a tie goes to the first: TCVN3
    name, convert = _CONVERTERS[-minus_i]
    if best >= CONFIDENT and best - as_is >= 0.25:
        return convert(text), name
    letters = len(_LETTER.findall(sample))
    symbols = sum(1 for ch in sample if ch in _TCVN3_SYMBOLS)
    if as_is >= CONFIDENT or markers < 0.03 * letters:
        return text, None
    if best < 0.5 and symbols < 0.01 * letters:
        return text, None  # not Vietnamese at all (German, French): not ours to judge
    raise LegacyEncodingError("legacy TCVN3/VNI encoding: convert the file to Unicode")
