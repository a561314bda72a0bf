"""Vietnamese names in their proper case, whatever case they arrive in.

Headers and signature blocks are typed in capitals (``BỘ GIÁO DỤC VÀ ĐÀO TẠO``), or in
Title Case by a Word style that shows them in capitals (``Bộ Giáo Dục Và Đào Tạo``). A
facet value must be one spelling, the one Vietnamese orthography uses for names of
bodies and offices:

- fixed phrases keep their casing: ``Ban Thường vụ``, ``Ủy ban nhân dân``, ``Bí thư``;
- after a unit word (``tỉnh``, ``huyện``, ``Tỉnh ủy``…) comes a place name, every word
  capitalized: ``Ủy ban nhân dân tỉnh Quảng Ninh``, ``Huyện ủy Nam Đàn``;
- after an agency word (``Bộ``, ``Sở``, ``Cục``…) comes the field it is in charge of, the
  first word of each part capitalized (parts joined by ``và``, ``,`` or ``-``):
  ``Bộ Lao động - Thương binh và Xã hội``, ``Sở Y tế``, ``Cục Quản lý chất lượng``;
- words without a vowel are acronyms and stay upper case (``UBND``, ``HĐND``).

The document's own tone-mark spelling is kept (``Tỉnh uỷ`` stays ``uỷ``).
"""

from __future__ import annotations

import re

from indexer.analysis import key
from indexer.metadata.lines import fold_chars

_PHRASES = (
    "Ban Thường vụ|Ban Chấp hành|Ban Bí thư|Tổng Bí thư|Bộ Chính trị|Bí thư|Trung ương|Đảng|"
    "Văn phòng|Thường trực|Chủ tịch|Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Kiểm tra|Ủy ban|"
    "Ủy viên|Mặt trận Tổ quốc|Việt Nam|Chính phủ|Thủ tướng|Quốc hội|Hội nghị|Ban Chỉ đạo|"
    "Ban Tuyên giáo|Ban Dân vận|Ban Tổ chức|Ban Nội chính|Giám đốc|Đảng ủy|Đảng đoàn|"
    "Ban cán sự đảng|Y tế|Chủ nhiệm|Bộ trưởng|Thứ trưởng|Cục trưởng|Vụ trưởng|Viện trưởng|"
    "Tổng cục trưởng|Chánh Văn phòng|Chánh Thanh tra|Trưởng ban|Thường vụ|xã hội|Phó Thủ tướng|"
    "Covid"
).split("|")
_UNITS = "Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|tỉnh|thành phố|huyện|quận|thị xã|xã|phường"
_AGENCIES = "Bộ|Sở|Cục|Tổng cục|Vụ|Chi cục|Phòng|Viện|Thanh tra|Trưởng phòng"
_KINDS = (("phrase", _PHRASES), ("place", _UNITS.split("|")), ("field", _AGENCIES.split("|")))
# (keys of the phrase's words, which of them are capitalized, what follows it)
_CASING = sorted(
    (
        (tuple(map(key, p.split())), tuple(w[0].isupper() for w in p.split()), kind)
        for kind, phrases in _KINDS
        for p in phrases
    ),
    key=lambda entry: -len(entry[0]),
)
# The shape of a Vietnamese syllable (folded): initial consonant, vowels, final consonant.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+"
                       r"(?:ch|ng|nh|[cmnpt])?")  # fmt: skip
_ROMAN = re.compile(r"[IVXLC]+")
_SESSION_WORDS = frozenset("khóa khoá chương phần mục thứ kỳ kì hội".split())
_PLACE_ENDS = frozenset(
    "về của và trong tại trên theo năm đến từ cho với nhằm để ngày tháng đợt lần khóa".split()
)
_PLURAL = frozenset("các những mỗi từng cấp toàn hai ba nhiều".split())
_ACRONYMS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


def capital(word: str) -> str:
    """``word`` with its first letter capitalized and the rest as it is.

    >>> capital("ủy ban nhân dân TP")
    'Ủy ban nhân dân TP'
    """
    return word[:1].upper() + word[1:]


def _is_acronym(word: str, previous: str = "") -> bool:
    """An upper-case word that is no Vietnamese syllable (``UBND``, ``HĐND``, ``WHO``), or a
    Roman numeral after a session word (``khóa XIII``).

    >>> [_is_acronym(w) for w in ("UBND", "HĐND", "NGHIỆP", "VI")], _is_acronym("XV", "khóa")
    ([True, True, False, False], True)
    """
    if len(word) < 2 or not word.isupper():
        return False
    if _ROMAN.fullmatch(word) and previous in _SESSION_WORDS:
        return True
    return not _SYLLABLE.fullmatch(fold_chars(word))


def proper(text: str, names: bool = False, places: bool | None = None) -> str:
    """Capitals (or Title Case) to proper case; with ``names`` (the text names a body or
    an office), the words after a unit are a place and those after an agency a field;
    ``places`` (default: ``names``) alone is for titles, where ``PHÒNG`` is no agency.

    >>> proper("TỈNH ỦY NINH BÌNH", names=True), proper("PHÓ BÍ THƯ THƯỜNG TRỰC")
    ('Tỉnh ủy Ninh Bình', 'phó Bí thư Thường trực')
    >>> proper("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", names=True), proper("TỈNH ĐẮK LẮK", True)
    ('Ủy ban nhân dân thành phố Hà Nội', 'tỉnh Đắk Lắk')
    >>> proper("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", True), proper("Sở Y Tế Tỉnh Bắc Ninh", True)
    ('Bộ Lao động - Thương binh và Xã hội', 'Sở Y tế tỉnh Bắc Ninh')
    >>> proper("VỀ CÔNG TÁC PHÒNG CHÁY, CHỮA CHÁY TRÊN ĐỊA BÀN TỈNH")
    'về công tác phòng cháy, chữa cháy trên địa bàn tỉnh'
    >>> proper("TẠI TỈNH BÀ RỊA - VŨNG TÀU NĂM 2021 VÀ CÁC TỈNH LÂN CẬN", places=True)
    'tại tỉnh Bà Rịa - Vũng Tàu năm 2021 và các tỉnh lân cận'
    """
    places = names if places is None else places
    parts = re.split(r"(\w+)", text)
    words, gaps = parts[1::2], parts[0::2]
    keys = [key(w) for w in words]
    out = [
        w if _is_acronym(w, keys[i - 1] if i else "") else w.lower() for i, w in enumerate(words)
    ]
    i, mode, part_start, listing = 0, "", False, False
    while i < len(words):
        if mode == "field" and re.search(r"[,\-&]", gaps[i]):
            part_start = True
        if mode == "place" and (keys[i] in _PLACE_ENDS or re.search(r"[,;:.()/]", gaps[i])):
            mode = ""  # "tỉnh Quảng Ninh năm 2021", "tỉnh Quảng Ninh, …": the place ended
        hit = next((e for e in _CASING if tuple(keys[i : i + len(e[0])]) == e[0]), None)
        if hit is not None and hit[2] == "field" and (mode == "field" or not names):
            hit = None  # an agency word inside a field's name, or outside a name
        if hit is None:
            listing = listing and keys[i] == "và"  # "các xã, phường", "các xã và phường"
            if mode == "place" and re.search(r"[aeiouy]", fold_chars(words[i].lower())):
                out[i] = capital(words[i].lower())  # a place's syllables: "ĐẮK LẮK" -> "Đắk Lắk"
            elif mode == "place" or (mode == "field" and part_start and keys[i] != "và"):
                out[i] = capital(out[i])
                part_start = False
            elif mode == "field" and keys[i] == "và":
                part_start = True
            i += 1
            continue
        for j, upper in enumerate(hit[1]):
            word = words[i + j].lower()  # a phrase has its own casing ("COVID" -> "Covid")
            out[i + j] = capital(word) if upper else word
        if mode == "field" and hit[2] == "phrase":
            out[i] = capital(out[i]) if part_start else out[i]
        elif hit[2] == "place" and i and (keys[i - 1] in _PLURAL or listing):
            mode = ""  # "các tỉnh", "các xã, phường": kinds of unit, no place follows
        else:
            mode = hit[2] if names or (places and hit[2] == "place") else ""
        part_start = mode == "field" and hit[2] == "field"
        listing = hit[2] == "place" and mode == ""
        i += len(hit[0])
    parts[1::2] = out
    return "".join(parts)


def sentence(text: str, names: bool = False, places: bool | None = None) -> str:
    """A capitalized phrase in sentence case.

    >>> sentence("PHÓ CHỦ TỊCH"), sentence("CỤC TRƯỞNG CỤC QUẢN LÝ CHẤT LƯỢNG", names=True)
    ('Phó Chủ tịch', 'Cục trưởng Cục Quản lý chất lượng')
    >>> sentence("PHÓ TRƯỞNG PHÒNG", names=True), sentence("TRƯỞNG PHÒNG TỔ CHỨC", names=True)
    ('Phó Trưởng phòng', 'Trưởng phòng Tổ chức')
    """
    return capital(proper(text, names, places))


def organization(text: str) -> str:
    """The proper name of a body, acronyms of councils spelled out.

    >>> organization("UBND TỈNH BẮC NINH"), organization("BỘ GIÁO DỤC VÀ ĐÀO TẠO")
    ('Ủy ban nhân dân tỉnh Bắc Ninh', 'Bộ Giáo dục và Đào tạo')
    >>> organization("Thủ tướng Chính phủ"), organization("UBND tỉnh Quảng Ninh")
    ('Thủ tướng Chính phủ', 'Ủy ban nhân dân tỉnh Quảng Ninh')
    """
    spelled = re.sub(r"\b(UBND|HĐND)\b", lambda m: _ACRONYMS[m.group()], text)
    return capital(proper(spelled, names=True))


def person(name: str) -> str:
    """A person's name with each word capitalized.

    >>> person("NGUYỄN VĂN AN"), person("Trần Thị Kim Ngân")
    ('Nguyễn Văn An', 'Trần Thị Kim Ngân')
    """
    return " ".join(capital(w.lower()) if w.isupper() else w for w in name.split())
