"""Vietnamese text analysis: the one module used at index time and at query time.

Text goes in, index keys come out. Every key is built by the same small helpers:

- ``clean`` : NFC, one dash, one space, ``Ð`` -> ``Đ`` (what we store and display);
- ``key``   : a syllable in canonical form: lower-case, one tone-mark placement;
- ``fold``  : a key without diacritics (``đ`` -> ``d``);
- ``syllables`` / ``words``: the token streams (syllables for recall and phrases,
  underthesea words for ranking);
- ``variants``: the equivalences users expect (``4``/``bốn``, ``UBND``/``Ủy ban nhân dân``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\uff0d\u2015"), "-")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " ")
_LOOKALIKES = {0x00D0: "Đ", 0x00F0: "đ", 0x0189: "Đ", 0x0256: "đ"}  # eth, African D
_TRANSLATE = {**_DASHES, **_SPACES, **_LOOKALIKES, 0x200B: None, 0xFEFF: None}

_SPECIAL = re.compile("[" + "".join(map(chr, _TRANSLATE)) + "]")
SYLLABLE = re.compile(r"\w+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED = frozenset("ăâêôơư")


def clean(text: str) -> str:
    """NFC with one kind of dash and space; the form we store and display.

    >>> clean("Covid\u201319\u00a0ngày") == "Covid-19 ngày"
    True
    >>> clean(unicodedata.normalize("NFD", "Tỉnh ủy")) == "Tỉnh ủy"
    True
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.translate(_TRANSLATE) if _SPECIAL.search(text) else text


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone mark in a tone-less syllable."""
    low = base.lower()
    start = 0
    if low[:2] in ("qu", "gi") and len(low) > 2 and low[2] in _VOWELS:
        start = 2
    while start < len(low) and low[start] not in _VOWELS:
        start += 1
    if start == len(low):
        return None
    end = start
    while end < len(low) and low[end] in _VOWELS:
        end += 1
    marked = [i for i in range(start, end) if low[i] in _MARKED]
    if marked:
        return marked[-1]
    if end < len(low):  # closed syllable: the last vowel (toán, huỳnh)
        return end - 1
    return start if end - start <= 2 else start + 1  # open: hòa, ủy; ngoài, khuỷu


@lru_cache(maxsize=200_000)
def canonical_tone(syllable: str) -> str:
    """Put the tone mark in one canonical place (the older style: ``hòa``, ``ủy``).

    >>> [canonical_tone(s) for s in ["uỷ", "hoà", "khoẻ", "thuỷ", "toà", "hoá"]]
    ['ủy', 'hòa', 'khỏe', 'thủy', 'tòa', 'hóa']
    >>> [canonical_tone(s) for s in ["người", "quý", "giữ", "ngoài", "huỳnh", "Uỷ"]]
    ['người', 'quý', 'giữ', 'ngoài', 'huỳnh', 'Ủy']
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return unicodedata.normalize("NFC", syllable)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    pos = _tone_position(base)
    if pos is None:
        return unicodedata.normalize("NFC", syllable)
    return unicodedata.normalize("NFC", base[: pos + 1] + tones[0] + base[pos + 1 :])


@lru_cache(maxsize=400_000)
def key(token: str) -> str:
    """The accented index key of one token: cleaned, lower-case, canonical tone.

    >>> key("Uỷ") == key("ủy") == "ủy"
    True
    >>> key("F0"), key("5K"), key("4")
    ('f0', '5k', '4')
    """
    return canonical_tone(clean(token).lower())


@lru_cache(maxsize=400_000)
def fold(token: str) -> str:
    """A token without diacritics, lower-case; ``đ`` becomes ``d``.

    >>> fold("Đảng"), fold("Ðảng"), fold("tại chỗ"), fold("COVID")
    ('dang', 'dang', 'tai cho', 'covid')
    """
    folded = unidecode(clean(token)).lower()
    return folded if folded.strip() else token.lower()


def _letter_folds() -> dict[int, str]:
    """unidecode's (lower-cased) form of every Latin letter with diacritics, Vietnamese
    among them: one ``str.translate`` table, for folding many keys at once."""
    table = {}
    for block in ((0xC0, 0x250), (0x1E00, 0x1F00)):
        for code in range(*block):
            char = chr(code)
            if unicodedata.category(char).startswith("L"):
                table[code] = unidecode(char).lower()
    return table


_LETTER_FOLDS = _letter_folds()


def fold_keys(keys: list[str]) -> list[str]:
    """``[fold(k) for k in keys]`` for many index keys at once (one ``translate`` of
    them all; a key with a character outside the table is folded alone).

    >>> fold_keys(["tại_chỗ", "đảng", "nghị quyết", "f0"]) == [fold(k) for k in
    ...     ["tại_chỗ", "đảng", "nghị quyết", "f0"]]
    True
    """
    joined = "\n".join(keys).translate(_LETTER_FOLDS)
    parts = joined.split("\n")
    if len(parts) != len(keys):  # a key held a line break: no shortcut
        return [fold(k) for k in keys]
    return [p if p.isascii() and p else fold(k) for p, k in zip(parts, keys, strict=True)]


def has_diacritics(token: str) -> bool:
    """True when the user typed accents (or ``đ``) in this token.

    >>> has_diacritics("tại"), has_diacritics("tai"), has_diacritics("đ"), has_diacritics("4")
    (True, False, True, False)
    """
    return fold(token) != clean(token).lower()


def syllable_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, token)`` for every syllable-like token, however short.

    >>> [t for _, _, t in syllable_spans("theo phương châm “4 tại chỗ”, F0")]
    ['theo', 'phương', 'châm', '4', 'tại', 'chỗ', 'F0']
    """
    for match in SYLLABLE.finditer(text):
        yield match.start(), match.end(), match.group()


def syllables(text: str) -> list[str]:
    """Accented keys of the syllables of ``text``, in order (positions for phrases).

    >>> syllables("Tỉnh uỷ Ninh Bình: Covid -19")
    ['tỉnh', 'ủy', 'ninh', 'bình', 'covid', '19']
    """
    return [key(tok) for tok in SYLLABLE.findall(clean(text))]


def folded(keys: list[str]) -> list[str]:
    """The folded view of a list of keys (one folded token per key, same positions).

    >>> folded(["đảng", "tại", "chỗ"])
    ['dang', 'tai', 'cho']
    """
    return [fold(k).replace(" ", "") or k for k in keys]


_word_tokenize = None
_loading = threading.Lock()


def _tokenizer():
    """underthesea's ``word_tokenize``, its model loaded once: two threads loading it at
    once break it (the model is None while one of them is loading)."""
    global _word_tokenize
    if _word_tokenize is None:
        with _loading:
            if _word_tokenize is None:
                from underthesea import word_tokenize

                word_tokenize("khởi động")
                _word_tokenize = word_tokenize
    return _word_tokenize


def words(text: str) -> list[str]:
    """Multi-syllable words found by underthesea, as keys joined by ``_``.

    Single syllables are left out: the syllable views already hold them.

    >>> words("Ban Chỉ đạo phòng, chống dịch theo phương châm bốn tại chỗ")
    ['chỉ_đạo', 'phương_châm', 'tại_chỗ']
    """
    out = []
    for word in _tokenizer()(clean(text)):
        parts = SYLLABLE.findall(word)
        if len(parts) > 1:
            out.append("_".join(key(p) for p in parts))
    return out


WORDS_MAX_CHARS = 1_000_000  # characters of a text that word segmentation reads


@dataclass(frozen=True, slots=True)
class Analysis:
    """One text, analyzed once; each view is a space-joined token string for the index."""

    accented: str
    folded: str
    words: str


def analyze(text: str, with_words: bool = True) -> Analysis:
    """Analyze a text into its accented, folded and word views.

    Every syllable is kept; underthesea's words (a ranking signal) come from the first
    ``WORDS_MAX_CHARS`` characters only: it segments about 100 KB a second, so a 50 MB
    file would otherwise hold a worker for ten minutes.

    >>> a = analyze("Phương châm 4 tại chỗ của Tỉnh uỷ")
    >>> a.accented
    'phương châm 4 tại chỗ của tỉnh ủy'
    >>> a.folded, a.words
    ('phuong cham 4 tai cho cua tinh uy', 'phương_châm tại_chỗ')
    """
    keys = syllables(text)
    return Analysis(
        accented=" ".join(keys),
        folded=" ".join(folded(keys)),
        words=" ".join(words(text[:WORDS_MAX_CHARS])) if with_words else "",
    )


# --- Equivalences (VIETNAMESE.md section 4) -------------------------------------------
# Each group is a set of spellings that mean the same; a spelling in several groups (BTC:
# Ban Tổ chức, Bộ Tài chính) has the members of each, which stay apart from one another.

_PHRASE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("vắc xin", "vaccine", "vacxin", "vaxin"),
    ("ubnd", "ủy ban nhân dân"),
    ("hđnd", "hội đồng nhân dân"),
    ("mttq", "mặt trận tổ quốc"),
    ("ubmttq", "ủy ban mặt trận tổ quốc"),
    ("tw", "trung ương"),
    ("bchtw", "ban chấp hành trung ương"),
    ("bch", "ban chấp hành"),
    ("bcđ", "ban chỉ đạo"),
    ("btv", "ban thường vụ"),
    ("btc", "ban tổ chức"),
    ("btc", "bộ tài chính"),
    ("ttg", "thủ tướng"),
    ("cp", "chính phủ"),
    ("qh", "quốc hội"),
    ("covid 19", "covid19"),
    # i/y without a tone mark is a spelling choice only in these words (hi is not hy)
    ("hy sinh", "hi sinh"),
    ("hy vọng", "hi vọng"),
    ("hy hữu", "hi hữu"),
    ("ly hôn", "li hôn"),
    ("ly dị", "li dị"),
    ("công ty", "công ti"),
    ("cách ly", "cách li"),
)
_NUMBER_WORDS = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_DIGIT_OF_WORD = {w: str(i) for i, w in enumerate(_NUMBER_WORDS, start=1)}
_YEAR_CONTEXT = frozenset({"ngày", "tháng", "năm", "mỗi", "hằng", "hàng", "các", "những"})
_YEAR_CONTEXT_FOLDED = frozenset(fold(w) for w in _YEAR_CONTEXT)
# After "thứ" a number is an ordinal: thứ nhất, thứ hai ... thứ tư (not bốn) ... thứ mười.
_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
_ORDINAL_CONTEXT = frozenset({"thứ", "thu"})
# Roman numerals name sessions and parts: khóa XIII, Đại hội XIII, lần thứ V, Chương II.
_ROMAN_CONTEXT = frozenset({"khóa", "thứ", "chương", "phần", "mục", "hội"})
_ROMAN_CONTEXT_FOLDED = frozenset(fold(w) for w in _ROMAN_CONTEXT)
_ROMAN_WORDS = frozenset({"i", "v", "x", "vi", "xi"})  # also letters or syllables: accented only
# Quarters: quý I = quý 1 ... quý IV = quý 4; after "quý" even a folded "i" or "v" is a numeral.
_QUARTER_CONTEXT = frozenset({"quý", "quí", "quy", "qui"})
# i/y after a consonant at the end of a syllable (QĐ 1989/QĐ-BGDĐT, Điều 9): lý/lí, kỹ/kĩ,
# mỹ/mĩ, kỳ/kì, tỷ/tỉ, sỹ/sĩ, hỷ/hỉ, vỹ/vĩ; quý/quí with any tone. Not in uy (thủy), ai/ay,
# nor y alone (y tế). Folded, h and v are left out: hi is not hy, vi (vi phạm) is not Vy.
_IY_ACCENTED = re.compile(r"(qu|[hklmstv])([iy])")
_IY_FOLDED = re.compile(r"(qu|[klmst])([iy])")


def _groups() -> list[list[tuple[str, ...]]]:
    return [[tuple(syllables(p)) for p in group] for group in _PHRASE_GROUPS]


PHRASE_GROUPS = _groups()


def _same(tokens: list[str], phrase: tuple[str, ...], accented: bool) -> bool:
    if accented:
        return tuple(tokens) == phrase
    return tuple(tokens) == tuple(folded(list(phrase)))


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, number = divmod(number, value)
        out += letters * count
    return out


_ROMAN = {_roman(n): str(n) for n in range(1, 40)}


def iy_alternative(token: str, accented: bool = True) -> str | None:
    """The other legal spelling of a syllable ending in i/y after a consonant, or None.

    >>> [iy_alternative(t) for t in ["lý", "kĩ", "mỹ", "kỳ", "tỉ", "sỹ", "quý", "quy"]]
    ['lí', 'kỹ', 'mĩ', 'kì', 'tỷ', 'sĩ', 'quí', 'qui']
    >>> [iy_alternative(t) for t in ["hi", "ly", "thủy", "tay", "y", "khi", "lịch"]]
    [None, None, None, None, None, None, None]
    >>> iy_alternative("ky", accented=False), iy_alternative("hi", accented=False)
    ('ki', None)
    """
    if accented:
        decomposed = unicodedata.normalize("NFD", token)
        base = "".join(c for c in decomposed if c not in _TONES)
        tones = "".join(c for c in decomposed if c in _TONES)
        match = _IY_ACCENTED.fullmatch(base)
        if match is None or not (tones or match[1] == "qu"):
            return None
        swapped = match[1] + ("i" if match[2] == "y" else "y") + tones
        return unicodedata.normalize("NFC", swapped)
    match = _IY_FOLDED.fullmatch(token)
    return match[1] + ("i" if match[2] == "y" else "y") if match else None


def _counting_alternative(tokens: list[str], i: int, accented: bool) -> str | None:
    """A digit for a counting word, or a counting word for a digit, in context only:
    ``4 tại chỗ`` <-> ``bốn tại chỗ``; ``năm 2021`` and ``tháng năm`` stay as they are."""
    tok, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None
    prev = tokens[i - 1] if i > 0 else None
    if nxt is None or nxt.isdigit():
        return None
    spell = (lambda w: w) if accented else fold
    if tok.isdecimal() and 1 <= int(tok) <= 10:
        return spell(_NUMBER_WORDS[int(tok) - 1])
    table = {spell(w): d for w, d in _DIGIT_OF_WORD.items()}
    if tok not in table:
        return None
    if tok in ("năm", "nam") and prev in (_YEAR_CONTEXT if accented else _YEAR_CONTEXT_FOLDED):
        return None
    return table[tok]


def _ordinal_alternatives(context: str, tok: str, accented: bool) -> list[str]:
    """Other forms of the number ``tok`` after ``context`` (``thứ``, ``khóa``...): ordinal
    words after ``thứ`` (``thứ 4`` <-> ``thứ tư``, ``thứ nhất``), Roman numerals in session
    and part names (``khóa 13`` <-> ``khóa XIII``, ``lần thứ V``). Those Roman numerals that
    are also syllables or letters (``vi``, ``xi``, ``v``) only when typed with accents."""
    ordinal = context in _ORDINAL_CONTEXT
    quarter = context in _QUARTER_CONTEXT and (accented or context in ("quy", "qui"))
    roman_context = quarter or context in (_ROMAN_CONTEXT if accented else _ROMAN_CONTEXT_FOLDED)
    words = [fold(w) for w in _ORDINALS] if not accented else list(_ORDINALS)
    usable = accented or quarter or tok not in _ROMAN_WORDS
    if tok.isdecimal():
        value = int(tok)
    elif roman_context and tok in _ROMAN and usable:
        value = int(_ROMAN[tok])
    elif ordinal and tok in words:
        value = words.index(tok) + 1
    else:
        return []
    forms = [str(value)]
    if ordinal and 1 <= value <= 10:
        forms.append(words[value - 1])
    if quarter and not 1 <= value <= 4:
        return []
    roman = _roman(value) if 1 <= value < 40 and roman_context else ""
    if roman and (accented or quarter or roman not in _ROMAN_WORDS):
        forms.append(roman)
    return [form for form in forms if form != tok]


Unit = tuple[str, ...]  # one query unit: a syllable, or syllables that must be adjacent


def _phrase_options(tokens: list[str], i: int, accented: bool) -> list[Unit]:
    """The longest phrase of a group that starts at ``i``, then the other members of every
    group it belongs to (empty when no group matches)."""
    hits = [
        (len(p), g)
        for g, group in enumerate(PHRASE_GROUPS)
        for p in group
        if _same(tokens[i : i + len(p)], p, accented)
    ]
    if not hits:
        return []
    size = max(n for n, _ in hits)
    typed = tuple(tokens[i : i + size])
    options = [typed]
    for n, g in hits:
        if n == size:
            for p in PHRASE_GROUPS[g]:
                option = p if accented else tuple(folded(list(p)))
                if option != typed and option not in options:
                    options.append(option)
    return options


def variants(tokens: list[str], accented: bool = True, limit: int = 8) -> list[list[Unit]]:
    """Equivalent spellings of a token sequence as lists of units, the sequence itself first.

    Tokens are keys (``accented``) or folded tokens (not ``accented``). A unit of several
    syllables is a phrase (``vắc xin``); single tokens are units of one.

    >>> variants(["4", "tại", "chỗ"])
    [[('4',), ('tại',), ('chỗ',)], [('bốn',), ('tại',), ('chỗ',)]]
    >>> variants(["vaccine"])
    [[('vaccine',)], [('vắc', 'xin')], [('vacxin',)], [('vaxin',)]]
    >>> variants(["ubnd", "tinh"], accented=False)
    [[('ubnd',), ('tinh',)], [('uy', 'ban', 'nhan', 'dan'), ('tinh',)]]
    >>> variants(["năm", "2021"])
    [[('năm',), ('2021',)]]
    >>> variants(["kĩ", "năng"])
    [[('kĩ',), ('năng',)], [('kỹ',), ('năng',)]]
    >>> variants(["btc"])
    [[('btc',)], [('ban', 'tổ', 'chức')], [('bộ', 'tài', 'chính')]]
    >>> variants(["lần", "thứ", "5"])
    [[('lần',), ('thứ', '5')], [('lần',), ('thứ', 'năm')], [('lần',), ('thứ', 'v')]]
    >>> variants(["quý", "i"])
    [[('quý', 'i')], [('quý', '1')], [('quí', 'i')], [('quí', '1')]]
    >>> variants(["quy", "1"], accented=False)
    [[('quy', '1')], [('quy', 'i')], [('qui', '1')], [('qui', 'i')]]
    >>> variants(["cách", "ly"])
    [[('cách', 'ly')], [('cách', 'li')]]
    """
    return [list(v) for v in _variants(tuple(tokens), accented, limit)]


@lru_cache(maxsize=4096)
def _variants(tokens: tuple[str, ...], accented: bool, limit: int) -> tuple[tuple[Unit, ...], ...]:
    """``variants``, kept for the queries asked again (a search asks several times)."""
    results: list[list[Unit]] = [[]]
    for options in alternatives(list(tokens), accented):
        results = [r + [o] for r in results for o in options][:limit]
    return tuple(tuple(r) for r in results)


def alternatives(tokens: list[str], accented: bool = True) -> list[list[Unit]]:
    """The sequence in steps, each step's units as typed first, then its equivalents
    (``variants`` combines them; any-word ranking takes every unit of every step).

    >>> alternatives(["kĩ", "năng", "ubnd"])
    [[('kĩ',), ('kỹ',)], [('năng',)], [('ubnd',), ('ủy', 'ban', 'nhân', 'dân')]]
    """
    steps: list[list[Unit]] = []
    i = 0
    while i < len(tokens):
        options = _phrase_options(tokens, i, accented) or _number_options(tokens, i, accented)
        if not options:
            options = [(tokens[i],)]
            for alt in (
                _counting_alternative(tokens, i, accented),
                iy_alternative(tokens[i], accented),
            ):
                if alt is not None:
                    options.append((alt,))
        steps.append(options)
        i += len(options[0])
    return steps


def _number_options(tokens: list[str], i: int, accented: bool) -> list[Unit]:
    """``thứ 4``, ``khóa XIII``: the context word and its number as one unit (they must be
    adjacent, so that ``thứ năm`` is not any ``năm`` of the text), then its other forms."""
    if i + 1 >= len(tokens):
        return []
    context, number = tokens[i], tokens[i + 1]
    alternatives = _ordinal_alternatives(context, number, accented)
    if not alternatives:
        return []
    contexts = [context]
    if context in _QUARTER_CONTEXT:  # quý I is also written quí I
        contexts += [c for c in [iy_alternative(context, accented)] if c is not None]
    return [(c, n) for c in contexts for n in (number, *alternatives)]
