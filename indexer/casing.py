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
_AGENCIES = "Bộ|Sở|Cục|Tổng cục|Vụ|Chi cục|Phòng|Viện|Thanh tra"
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
_VOWELS = re.compile(r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")
_ACRONYMS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


def capital(word: str) -> str:
    """``word`` with its first letter capitalized and the rest as it is.

    >>> capital("ủy ban nhân dân TP")
    'Ủy ban nhân dân TP'
    """
    return word[:1].upper() + word[1:]


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and not _VOWELS.search(word.lower())


def proper(text: str, names: bool = False) -> str:
    """Capitals (or Title Case) to proper case; with ``names`` (the text names a body or
    an office), the words after a unit are a place and those after an agency a field.

    >>> proper("TỈNH ỦY NINH BÌNH", names=True), proper("PHÓ BÍ THƯ THƯỜNG TRỰC")
    ('Tỉnh ủy Ninh Bình', 'phó Bí thư Thường trực')
    >>> proper("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", names=True)
    'Ủy ban nhân dân thành phố Hà Nội'
    >>> proper("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", True), proper("Sở Y Tế Tỉnh Bắc Ninh", True)
    ('Bộ Lao động - Thương binh và Xã hội', 'Sở Y tế tỉnh Bắc Ninh')
    >>> proper("VỀ CÔNG TÁC PHÒNG CHÁY, CHỮA CHÁY TRÊN ĐỊA BÀN TỈNH")
    'về công tác phòng cháy, chữa cháy trên địa bàn tỉnh'
    """
    parts = re.split(r"(\w+)", text)
    words, gaps = parts[1::2], parts[0::2]
    keys = [key(w) for w in words]
    out = [w if _is_acronym(w) else w.lower() for w in words]
    i, mode, part_start = 0, "", False
    while i < len(words):
        if mode == "field" and re.search(r"[,\-&]", gaps[i]):
            part_start = True
        hit = next((e for e in _CASING if tuple(keys[i : i + len(e[0])]) == e[0]), None)
        if hit is not None and hit[2] == "field" and (mode == "field" or not names):
            hit = None  # an agency word inside a field's name, or outside a name
        if hit is None:
            if mode == "place" or (mode == "field" and part_start and keys[i] != "và"):
                out[i] = capital(out[i])
                part_start = False
            elif mode == "field" and keys[i] == "và":
                part_start = True
            i += 1
            continue
        for j, upper in enumerate(hit[1]):
            out[i + j] = capital(out[i + j]) if upper else out[i + j]
        if mode == "field" and hit[2] == "phrase":
            out[i] = capital(out[i]) if part_start else out[i]
        else:
            mode = hit[2] if names else ""
        part_start = mode == "field" and hit[2] == "field"
        i += len(hit[0])
    parts[1::2] = out
    return "".join(parts)


def sentence(text: str, names: bool = False) -> str:
    """A capitalized phrase in sentence case.

    >>> sentence("PHÓ CHỦ TỊCH"), sentence("CỤC TRƯỞNG CỤC QUẢN LÝ CHẤT LƯỢNG", names=True)
    ('Phó Chủ tịch', 'Cục trưởng Cục Quản lý chất lượng')
    """
    return capital(proper(text, names))


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
