"""The header block of Party and State documents: lines in, header fields out.

A header holds the issuer (capitals, sometimes under its superior body), the national
motto, ``Số …``, the ``<place>, ngày … tháng … năm …`` line, ``V/v …`` (the trích yếu of a
công văn), urgency marks, and a type heading (``CHỈ THỊ``, ``THÔNG BÁO``) over its title.
Word tables, PDF text layers and markdown change its shape, not its words:

- a PDF text layer joins the two columns of a row into one line
  (``Số: 3280/BGDĐT-GDTrH Hà Nội, ngày 27 tháng 8 năm 2021``); ``unfold`` cuts such lines
  at the motto and at the place-date so that every reader sees one item per line;
- Word tables put the left column's lines before the right column's; Word's HTML and
  portal tables put blank lines between them, or a row of both columns on one line;
- markitdown joins a cell's paragraphs on one table row (``indexer.metadata.lines.cells``);
- markdown dresses lines in ``**``, ``*`` and ``#`` (``indexer.metadata.lines.plain``);
- a joint document names its issuers on one line (``BAN TUYÊN GIÁO - BAN DÂN VẬN``) or
  in columns side by side, each under the superior they share (``issuers``).

A title or a trích yếu ends at a blank line, a separator, a line that opens the body
(``Căn cứ``, ``Thực hiện``, ``1.``), an authority line (``BỘ TRƯỞNG BỘ …``) or at
``TITLE_MAX`` characters, so it never swallows the body of a text layer without blank
lines, while a trích yếu of 200-300 characters is still whole.
"""

from __future__ import annotations

import re

from indexer.analysis import fold
from indexer.metadata.casing import organization, proper
from indexer.metadata.dates import DATE, date_line
from indexer.metadata.lines import cells, fold_chars, is_caps, plain, plain_keep, squash
from indexer.metadata.numbers import DOC_TYPES, find_numbers, normalize_number

TITLE_MAX = 320  # characters: the longest trích yếu seen is under 300
TYPE_LABELS = sorted({*DOC_TYPES.values(), "Điện"}, key=len, reverse=True)
_HEADING = re.compile(
    rf"^(?P<type>{'|'.join(t.upper() for t in TYPE_LABELS)})(?P<rest>\*\*.*|\s*)$"
)
_MOTTOS = re.compile(
    r"cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc"
    r"|dang cong san viet nam"
)
_URGENCY = {"khan": "Khẩn", "thuong khan": "Thượng khẩn", "hoa toc": "Hỏa tốc"}
_RECIPIENTS = re.compile(r"^[-•\s]*Kính gửi", re.IGNORECASE)
_ORG = re.compile(
    r"(?:tinh|thanh|huyen|thi|quan|dang) uy\b"
    r"|(?:ban|so|bo|phong|cuc|chi bo|van phong|uy ban)(?:\s|$)"
)
# Two bodies of a joint document on one line: ``SỞ Y TẾ - SỞ GIÁO DỤC VÀ ĐÀO TẠO``, or
# side by side with one head word (``SỞ NỘI VỤ SỞ TÀI CHÍNH``), or one superior twice.
_JOINT = re.compile(r"\s+[-–]\s+")
_HEADS = frozenset({"so", "bo", "ban", "cuc", "phong", "uy", "vu"})
_REPEATED = re.compile(r"^(.{4,}?)\s+\1$")
_ORG_START = re.compile(
    r"(?:bo|so|uy ban|ubnd|hdnd|hoi dong|(?:tinh|thanh|huyen|dang) uy|ban|van phong|thu tuong"
    r"|chinh phu|tong cuc|cuc|chi cuc|vu|phong|vien|thanh tra|dang bo"
    r"|tinh|thanh pho|huyen|quan|thi xa)\b"
)
# A place in a body's proper name: a State unit (lower case) or a Party committee.
_UNIT_PLACE = re.compile(
    r"\b(?:tỉnh|thành phố|huyện|quận|thị xã)\s+\w.*$|\b(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ)\b.*$"
)
BODY_START = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo|Để|Nhằm|Trong|Thời gian|Hiện nay|Qua|Sau khi|Vừa qua|Xét|"
    r"Kính gửi|Ngày \d|Sáng|Chiều|Tối|Điều \d|Chương [IVX\d]|Phần [IVX\d]|[IVX]+[.)]\s|"
    r"\d+[.)]\s|[a-zđ][.)]\s)"
)
AUTHORITY = re.compile(
    r"^(?:(?:KT|TM|TL|TUQ|Q)\.|[TK]/[MLT]\b|(?:PHÓ |Q\. )?(?:THỦ TƯỚNG|BỘ TRƯỞNG|CHỦ TỊCH|"
    r"GIÁM ĐỐC|BÍ THƯ|CHỦ NHIỆM)\b)"
)
_SEPARATOR = re.compile(r"[-_*=.~\s]{3,}|\*")


def unfold(lines: list[str]) -> list[str]:
    """Header lines with each motto and each place-date on a line of its own.

    >>> unfold(["Số: 12/SYT-NVY Bắc Ninh, ngày 5 tháng 8 năm 2021", "TỈNH ỦY"])
    ['Số: 12/SYT-NVY', 'Bắc Ninh, ngày 5 tháng 8 năm 2021', 'TỈNH ỦY']
    >>> unfold(["BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    ['BỘ Y TẾ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']
    """
    out: list[str] = []
    for line in cells(lines):
        text = plain(line)
        if len(text) > 200:  # prose, not a row of the header
            out.append(line)
            continue
        folded = fold_chars(text)
        if not (_MOTTOS.search(folded) or DATE.search(text)):
            out.append(line)
            continue
        cuts = [0, len(text)]
        for match in _MOTTOS.finditer(folded):
            cuts += [match.start(), match.end()]
        end = len(text.rstrip(" .*_"))
        for match in DATE.finditer(text if len(text) <= 160 else ""):
            place = _place_start(text[: match.start()])
            if place < match.start() and match.end() == end:  # a row ending "<place>, ngày …"
                cuts += [place, match.end()]
        cuts = sorted(set(cuts))
        pieces = (text[a:b].strip(" |") for a, b in zip(cuts, cuts[1:], strict=False))
        out.extend(p for p in pieces if p.strip(" ,"))
    return out


def _place_start(before: str) -> int:
    """Where the place name ending ``before`` (``… Hà Nội,``) starts; its end if none."""
    if not before.rstrip().endswith(","):
        return len(before)
    words = list(re.finditer(r"\S+", before.rstrip().rstrip(",")))
    start = len(before)
    for i in range(len(words) - 1, max(len(words) - 7, -1), -1):
        word = words[i].group()
        city = word in ("phố", "xã") and i > 0 and words[i - 1].group() in ("Thành", "Thị")
        if not (word[:1].isupper() and (word.isalpha() or word in ("TP.", "Tp."))) and not city:
            break
        start = words[i].start()
    return start


def header(lines: list[str]) -> list[str]:
    """The lines before the recipients or the first paragraph of prose (at most 25
    non-empty lines). A long line is prose, except a trích yếu (``V/v …``) or a title
    line under a type heading or a line in capitals (up to ``TITLE_MAX``)."""
    out: list[str] = []
    previous = ""
    for line in unfold(lines[:80]):
        text = plain(line)
        if _RECIPIENTS.match(text) or sum(1 for x in out if x.strip()) >= 25:
            break
        if len(text) > 160 and not _long_header_line(text, previous):
            break
        out.append(line)
        previous = text or previous
    return out


def _long_header_line(text: str, previous: str) -> bool:
    """Whether a line over 160 characters still belongs to the header."""
    if len(text) > TITLE_MAX:
        return False
    if re.match(r"V/[vV]\b", text):
        return True
    heading_above = bool(_HEADING.match(previous)) or (is_caps(previous) and len(previous) < 80)
    return heading_above and not BODY_START.match(text)


def number(lines: list[str]) -> str | None:
    """The normalized number of the first ``Số …`` line.

    >>> number(["TỈNH ỦY", "Số 342 - CV/TU"]), number(["Số: 3280/BGDĐT-QLCL  |  x"])
    ('342-CV/TU', '3280/BGDĐT-QLCL')
    """
    for line in lines:
        match = re.match(r"(?:Số|SỐ)\s*:?\s*(\d.*)", plain(line))
        if match:
            head = re.split(r"\s{2,}|\|", match.group(1))[0]
            return normalize_number(head) or next(iter(find_numbers(head)), None)
    return None


def heading(lines: list[str]) -> int | None:
    """Index of the type heading (``CHỈ THỊ``, ``THÔNG BÁO**…``), or None.

    >>> heading(["SỐ: 1", "**CHỈ THỊ**", "Về việc …"])
    1
    """
    return next((i for i, ln in enumerate(lines) if _HEADING.match(plain_keep(ln))), None)


def title_after_heading(lines: list[str], at: int) -> tuple[str | None, str | None]:
    """``(type label, title)`` of the type heading at ``lines[at]``.

    >>> title_after_heading(["KẾT LUẬN", "", "VỀ CÔNG TÁC DÂN VẬN", "Căn cứ Điều lệ Đảng,"], 0)
    ('Kết luận', 'Về công tác dân vận')
    """
    match = _HEADING.match(plain_keep(lines[at]))
    if match is None:
        return None, None
    label = next(t for t in TYPE_LABELS if t.upper() == match["type"])
    parts = [p for p in [plain(match["rest"])] if p]
    gap = False  # a blank line inside the title: markdown puts one after every paragraph
    for line in lines[at + 1 :]:
        text = plain(line)
        if not text:
            gap = bool(parts)
            continue
        capitals = is_caps(text) and all(is_caps(p) for p in parts)
        if (gap and not capitals and not _about(text, parts)) or _ends_title(text, parts):
            break
        parts.append(text)
        gap = False
    title = squash(" ".join(proper(p, places=True) if is_caps(p) else p for p in parts))
    return label, (title[:1].upper() + title[1:]) or None


def _about(text: str, parts: list[str]) -> bool:
    """A Party title's ``về …`` line under its capitals (``NGHỊ QUYẾT`` / ``CỦA BAN CHẤP
    HÀNH ĐẢNG BỘ TỈNH`` / ``về phát triển kinh tế biển …``), however long."""
    return bool(parts) and all(is_caps(p) for p in parts) and text.startswith("về ")


def _ends_title(text: str, parts: list[str]) -> bool:
    """Whether ``text`` is past the end of the title made of ``parts``."""
    if _SEPARATOR.fullmatch(text) or BODY_START.match(text):
        return True
    if sum(len(p) + 1 for p in parts) + len(text) > TITLE_MAX:
        return True
    if parts and parts[-1][-1:] in ".:;":
        return True
    if parts and text.rstrip()[-1:] in ".:" and text[:1].isupper() and not is_caps(text):
        return True  # a sentence of the body, where no blank line or heading ends the title
    if is_caps(text):
        return any(not is_caps(p) for p in parts) or bool(AUTHORITY.match(text))
    return (
        bool(parts)
        and all(is_caps(p) for p in parts)
        and len(text) > 80
        and not _about(text, parts)
    )


def issuer(lines: list[str], stop: int, formal: bool = True) -> str | None:
    """The first issuer of ``issuers`` (the one a single-issuer document has), or None.

    >>> issuer(["ĐẢNG BỘ TỈNH NGHỆ AN", "HUYỆN ỦY NAM ĐÀN", "*", "Số 45-KL/HU"], 4)
    'Huyện ủy Nam Đàn'
    """
    found = issuers(lines, stop, formal)
    return found[0] if found else None


def issuers(lines: list[str], stop: int, formal: bool = True) -> list[str]:
    """The bodies named by the first run of capitalized lines that is neither the national
    motto nor a heading (blank lines inside the run are a converter's: Word HTML and
    portal tables put one between cells): the last body named in it, placed by its
    superior when it has no place of its own (``UBND TỈNH BẮC NINH`` / ``SỞ Y TẾ`` ->
    ``Sở Y tế tỉnh Bắc Ninh``); a joint document names two or more on that line
    (``BAN TUYÊN GIÁO - BAN DÂN VẬN``), each placed alike. In a ``formal`` header (one with
    a number or a date line) a body's name at the top counts in any case (Word shows
    ``Bộ Giáo dục và Đào tạo`` in capitals by a style); elsewhere it may be a news
    headline (``Thủ tướng yêu cầu …``).

    >>> issuers(["TỈNH ỦY THANH HÓA", "", "BAN TUYÊN GIÁO - BAN DÂN VẬN", "*"], 4)
    ['Ban Tuyên giáo Tỉnh ủy Thanh Hóa', 'Ban Dân vận Tỉnh ủy Thanh Hóa']
    >>> issuers(["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 1/QĐ-LĐTBXH"], 2)
    ['Bộ Lao động - Thương binh và Xã hội']
    """
    out: list[str] = []
    for found in _issuer_groups(lines[:stop], formal):
        start = max((i for i, c in enumerate(found) if _ORG.match(fold(c))), default=0)
        superior = organization(squash(" ".join(found[:start])))
        parts = _bodies(squash(" ".join(found[start:])))
        out += [_placed(organization(part), superior, start) for part in parts]
    return list(dict.fromkeys(out))


def _bodies(name: str) -> list[str]:
    """The bodies a joint document names on one line: ``BAN A - BAN B``, or side by side
    with the same head word (``SỞ NỘI VỤ SỞ TÀI CHÍNH``); else ``[name]``.

    >>> _bodies("SỞ NỘI VỤ SỞ TÀI CHÍNH"), _bodies("VĂN PHÒNG CHÍNH PHỦ")
    (['SỞ NỘI VỤ', 'SỞ TÀI CHÍNH'], ['VĂN PHÒNG CHÍNH PHỦ'])
    """
    parts = _JOINT.split(name)
    if len(parts) > 1 and all(_ORG_START.match(fold(p)) for p in parts):
        return parts
    words = name.split()
    if not words or fold(words[0]) not in _HEADS or not is_caps(name):
        return [name]
    cuts = [0, *(k for k in range(2, len(words)) if words[k] == words[0]), len(words)]
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]


def _placed(name: str, superior: str, start: int) -> str:
    """``name`` with its superior's place (or ``Trung ương``) when it has none."""
    place = _UNIT_PLACE.search(superior)
    if start and place and not _UNIT_PLACE.search(name):
        return f"{name} {place.group()}"
    if start and superior.endswith("Trung ương") and not name.endswith("Trung ương"):
        return f"{name} Trung ương"  # BAN CHẤP HÀNH TRUNG ƯƠNG / BAN TUYÊN GIÁO
    return name


def _issuer_groups(lines: list[str], formal: bool) -> list[list[str]]:
    """The first run of lines naming a body, the motto skipped, superior first; a joint
    document's header has one such group per issuer, after a separator rule or where the
    shared superior is written again (``UBND TỈNH A`` / ``SỞ NỘI VỤ`` / ``-------`` /
    ``UBND TỈNH A`` / ``SỞ TÀI CHÍNH``)."""
    groups: list[list[str]] = []
    current: list[str] = []
    after_rule = False
    seen = 0  # non-empty lines so far: a name not in capitals must open the document
    for line in lines:
        text = plain(line)
        if not text or _MOTTOS.fullmatch(fold_chars(squash(text))):
            continue
        if current and _SEPARATOR.fullmatch(text):
            after_rule = True
            continue
        seen += 1
        chunks = [c.strip() for c in re.split(r"\s{2,}|\|", text) if c.strip()]
        names = [c for c in chunks if _names_a_body(c, seen <= 2 or bool(current), formal)]
        skip = re.match(r"(?:Số|SỐ|V/[vV])\b", text) or fold(text) in _URGENCY
        if not names or skip or date_line(line) is not None:
            if current:
                break
            continue
        name = _REPEATED.sub(r"\1", names[0])  # "UBND TỈNH A UBND TỈNH A": two columns
        if after_rule and not _ORG_START.match(fold(name)):
            break
        if after_rule or (current and name == current[0]):
            groups.append(current)
            current = []
        current.append(name)
        after_rule = False
    return [*groups, current] if current else groups


def _names_a_body(chunk: str, at_top: bool, formal: bool) -> bool:
    """Capitals (anywhere in a formal header; else at the top of the text, and naming a
    body), or at the top of a formal header the name of a body in any case."""
    if chunk[-1:] in ".:;,":
        return False
    if is_caps(chunk):
        named = formal or (at_top and _ORG_START.match(fold(chunk)) is not None)
        return named and not _MOTTOS.fullmatch(fold_chars(chunk))
    return (
        at_top
        and formal
        and len(chunk) <= 90
        and chunk[:1].isupper()
        and chunk.count(",") <= 1
        and not re.search(r"[.;:]", chunk)
        and bool(_ORG_START.match(fold(chunk)))
    )


def subject(lines: list[str]) -> str | None:
    """The trích yếu after ``V/v``, continued over the lines that follow it.

    >>> subject(["V/v tăng cường công tác", "Hà Nội, ngày 5/8/2021", "phòng, chống dịch", ""])
    'tăng cường công tác phòng, chống dịch'
    """
    for i, line in enumerate(lines):
        match = re.match(r"V/[vV]\s*:?\s*(.*)", plain(line))
        if match:
            parts = [match.group(1)]
            for text in lines[i + 1 :]:
                text = plain(text)
                if is_caps(text) or date_line(text) or _MOTTOS.fullmatch(fold_chars(text)):
                    continue
                if not text or _ends_title(text, parts):
                    break
                parts.append(text)
            return squash(" ".join(parts)) or None
    return None


def urgency(lines: list[str]) -> str | None:
    """The urgency mark among the first lines (``KHẨN``, ``THƯỢNG KHẨN``, ``HỎA TỐC``).

    >>> urgency(["Số 12-CV/TU", "**HOẢ TỐC**"])
    'Hỏa tốc'
    """
    for line in lines[:60]:
        text = plain(line)
        if is_caps(text) and fold(text) in _URGENCY:
            return _URGENCY[fold(text)]
    return None
