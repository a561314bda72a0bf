"""Metadata of one archive file: ``RawDocument`` in, ``Document`` out.

Reads what the text states and nothing more (a field it does not state is None):

- the header block of Party and State documents (issuer, ``Số …``, ``V/v …`` trích yếu,
  ``<place>, ngày … tháng … năm …``, urgency, a type heading such as ``THÔNG BÁO`` with
  its title) as it survives conversion to text or markdown;
- the signature block (``T/M BAN THƯỜNG VỤ`` / ``PHÓ BÍ THƯ`` / name);
- the numbers the body cites (``references``), never the document's own.

Choices, where the text leaves room for them:

- ``doc_type`` comes from the document's own ký hiệu, else its type heading, else ``V/v``
  (which only công văn carry). A news item that reports a directive (a headline, then
  ``<org> có Điện gửi …``) takes the reported directive's type and issuer, and its date
  only when the lede gives a year.
- A Thông báo without a header is issued by the body that says it announces it
  (``Văn phòng Tỉnh ủy thông báo ý kiến …``), not by the one it is signed for.
- ``subject`` is the ``V/v`` trích yếu only; ``title`` is the text after a type heading
  (sentence case) or a news headline. A công văn has a subject and no title.
- Capitals become proper Vietnamese case: ``TỈNH ỦY NINH BÌNH`` -> ``Tỉnh ủy Ninh Bình``,
  ``PHÓ BÍ THƯ`` -> ``Phó Bí thư``, keeping the document's own tone-mark spelling.

The manifest (``indexer.manifest``) supplies what the text cannot, and wins over extraction.
"""

from __future__ import annotations

import datetime as dt
import re

from indexer.analysis import clean, fold, key
from indexer.numbers import DOC_TYPES, doc_type_of, find_numbers, normalize_number, number_key
from indexer.records import Document, RawDocument

_DEBRIS = re.compile(r"\[bookmark:[^\]\n]*\]")
_TYPE_LABELS = sorted({*DOC_TYPES.values(), "Điện"}, key=len, reverse=True)
_TYPE_WORDS = "|".join(map(re.escape, _TYPE_LABELS))
_HEADING = re.compile(
    rf"^(?P<type>{'|'.join(t.upper() for t in _TYPE_LABELS)})(?P<rest>\*\*.*|\s*)$"
)
_NOT_ISSUER = frozenset({"dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam"})
_URGENCY = {"khan": "Khẩn", "thuong khan": "Thượng khẩn", "hoa toc": "Hỏa tốc"}
_RECIPIENTS = re.compile(r"^[-•\s]*Kính gửi", re.IGNORECASE)
_DATE = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})",
    re.IGNORECASE,
)
_SIGN_FOR = re.compile(r"^(?:T/M|T/L|K/T|TM\.|TL\.|KT\.|TUQ\.|Q\.)\s", re.IGNORECASE)
_SIGNER_WORDS = re.compile(r"\b(?:BI THU|CHU TICH|GIAM DOC|TRUONG|CHANH VAN PHONG|UY VIEN)\b")
_NAME = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){1,5}")
_ANNOUNCER = re.compile(r"^([^\W\d_][^,.;:]{2,60}?)\s+thông báo\s+(?:ý kiến|kết luận|nội dung)")
_LEDE = re.compile(
    r"^(?:Ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?\s*,\s*)?"
    r"(?P<org>[^\W\d_][^,.;:]{2,60}?)\s+(?:đã\s+)?(?:có|ban hành|gửi)\s+"
    rf"(?P<type>{_TYPE_WORDS})\b"
)
_ORG = re.compile(
    r"(?:tinh|thanh|huyen|thi|quan|dang) uy\b|(?:ban|so|bo|phong|cuc|chi bo|van phong|uy ban)\s"
)
_ORIGIN = re.compile(r"^Nguồn\s*:\s*(\S.*)$", re.IGNORECASE)

# Proper case of capitalized phrases; "unit" phrases are followed by a place name.
_PHRASES = (
    "Ban Thường vụ|Ban Chấp hành|Ban Bí thư|Tổng Bí thư|Bộ Chính trị|Bí thư|Trung ương|Đảng|"
    "Văn phòng|Thường trực|Chủ tịch|Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Kiểm tra|Ủy ban|"
    "Ủy viên|Mặt trận Tổ quốc|Việt Nam|Chính phủ|Thủ tướng|Quốc hội|Hội nghị|Ban Chỉ đạo|"
    "Ban Tuyên giáo|Ban Dân vận|Ban Tổ chức|Ban Nội chính|Giám đốc|Bộ trưởng|Đảng ủy|"
    "Đảng đoàn|Ban cán sự đảng|Y tế"
).split("|")
_UNITS = "Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|tỉnh|thành phố|huyện|quận|thị xã|xã|phường"
_CASING = sorted(
    [
        (tuple(map(key, p.split())), tuple(w[0].isupper() for w in p.split()), False)
        for p in _PHRASES
    ]
    + [
        (tuple(map(key, p.split())), tuple(w[0].isupper() for w in p.split()), True)
        for p in _UNITS.split("|")
    ],
    key=lambda entry: -len(entry[0]),
)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _proper(text: str, places: bool = False) -> str:
    """Capitals to proper case; with ``places``, words after a unit are a place name.

    >>> _proper("TỈNH ỦY NINH BÌNH", places=True), _proper("PHÓ BÍ THƯ THƯỜNG TRỰC")
    ('Tỉnh ủy Ninh Bình', 'phó Bí thư Thường trực')
    >>> _proper("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", places=True)
    'Ủy ban nhân dân thành phố Hà Nội'
    """
    parts = re.split(r"(\w+)", text)
    words = parts[1::2]
    keys = [key(w) for w in words]
    out = [w.lower() for w in words]
    i, naming = 0, False
    while i < len(words):
        hit = next((e for e in _CASING if tuple(keys[i : i + len(e[0])]) == e[0]), None)
        if hit is None:
            out[i] = _capital(out[i]) if naming else out[i]
            i += 1
            continue
        for j, upper in enumerate(hit[1]):
            out[i + j] = _capital(out[i + j]) if upper else out[i + j]
        naming = places and hit[2]
        i += len(hit[0])
    parts[1::2] = out
    return "".join(parts)


_ESCAPED = re.compile(r"\\([*_#.\-])")


def _plain(line: str) -> str:
    """A line without markdown emphasis, escapes and heading marks."""
    line = line.replace("**", "")
    if "\\" in line:
        line = _ESCAPED.sub(r"\1", line)
    return line.strip().lstrip("#").strip()


def _is_caps(text: str) -> bool:
    if not text.isupper():  # the quick answer for most lines
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _header(lines: list[str]) -> list[str]:
    """The lines before the recipients or the first paragraph of prose (at most 25)."""
    out: list[str] = []
    for line in lines:
        plain = _plain(line)
        if _RECIPIENTS.match(plain) or len(plain) > 160 or len([x for x in out if x.strip()]) >= 25:
            break
        out.append(line)
    return out


def _block(lines: list[str], start: int) -> list[str]:
    """Plain non-empty lines from ``start`` up to the next blank line."""
    out = []
    for line in lines[start:]:
        if not _plain(line):
            break
        out.append(_plain(line))
    return out


def _number(header: list[str]) -> str | None:
    for line in header:
        match = re.match(r"(?:Số|SỐ)\s*:?\s*(.+)", _plain(line))
        if match:
            head = re.split(r"\s{2,}|\|", match.group(1))[0]
            return normalize_number(head) or next(iter(find_numbers(head)), None)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_line(line: str) -> tuple[str | None, str | None] | None:
    """``(place, iso_date)`` when ``line`` ends with a header date; else None."""
    plain = _plain(line).rstrip(" .*_")
    match = next((m for m in _DATE.finditer(plain) if m.end() == len(plain)), None)
    if match is None:
        return None
    d, m, y = (int(g) for g in match.groups() if g is not None)
    day = _iso(y, m, d)
    if day is None:
        return None
    before = plain[: match.start()].rstrip()
    if not before:
        return None, day
    place = re.split(r"\s{2,}|\|", before.rstrip(",").strip())[-1].strip()
    if not before.endswith(",") or not place[:1].isupper() or len(place.split()) > 5:
        return None
    return place, day


def _heading(header: list[str]) -> int | None:
    return next((i for i, ln in enumerate(header) if _HEADING.match(_plain_keep(ln))), None)


def _plain_keep(line: str) -> str:
    """A line without heading marks but with its ``**`` (they delimit a bold title)."""
    return line.strip().lstrip("#").strip().lstrip("*").strip()


def _title_after_heading(header: list[str], at: int) -> tuple[str | None, str | None]:
    match = _HEADING.match(_plain_keep(header[at]))
    if match is None:
        return None, None
    label = next(t for t in _TYPE_LABELS if t.upper() == match["type"])
    parts = [_plain(match["rest"])] + _block(header, at + 1)
    text = " ".join(_sentence(p) if _is_caps(p) else p for p in parts if p)
    return label, _capital(_squash(text)) or None


def _sentence(text: str) -> str:
    return _capital(_proper(text))


def _issuer(header: list[str], stop: int) -> str | None:
    """The first run of capitalized lines that is neither the national line nor a heading."""
    found: list[str] = []
    for line in header[:stop]:
        plain = _plain(line)
        chunks = [c for c in re.split(r"\s{2,}|\|", plain) if c.strip()]
        caps = [c for c in chunks if _is_caps(c) and fold(c.strip()) not in _NOT_ISSUER]
        skip = re.match(r"(?:Số|SỐ|V/[vV])\b", plain) or fold(plain) in _URGENCY
        if caps and not skip and _date_line(line) is None:
            found.append(caps[0])
        elif found:
            break
    # "ĐẢNG BỘ TỈNH X / HUYỆN ỦY Y": the superior body first, the issuer last; but
    # "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI" is one name over two lines.
    start = max((i for i, c in enumerate(found) if _ORG.match(fold(c))), default=0)
    return _proper(_squash(" ".join(found[start:])), places=True) if found else None


def _subject(header: list[str]) -> str | None:
    for i, line in enumerate(header):
        match = re.match(r"V/[vV]\s*:?\s*(.*)", _plain(line))
        if match:
            rest = [p for p in _block(header, i + 1) if not _is_caps(p) and not _date_line(p)]
            return _squash(" ".join([match.group(1), *rest])) or None
    return None


def _urgency(lines: list[str]) -> str | None:
    for line in lines[:60]:
        plain = _plain(line)
        if _is_caps(plain) and fold(plain) in _URGENCY:
            return _URGENCY[fold(plain)]
    return None


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """``(signer, signer_title)`` from the last signature block."""
    tail = lines[-40:]
    starts = [i for i, ln in enumerate(tail) if _SIGN_FOR.match(_plain(ln))]
    if not starts:
        starts = [
            i
            for i, ln in enumerate(tail)
            if _is_caps(_plain(ln)) and _SIGNER_WORDS.search(fold(_plain(ln)).upper())
        ]
    if not starts:
        return None, None
    titles, gap = [_plain(tail[starts[-1]])], False
    for line in tail[starts[-1] + 1 :]:
        plain = _plain(line)
        if not plain:
            gap = True
        elif re.fullmatch(r"\(?(?:đã\s+)?ký[^)]*\)?", plain, re.IGNORECASE):
            continue
        elif _is_caps(plain) and not gap:
            titles.append(plain)
        elif _NAME.fullmatch(plain) and all(w[0].isupper() for w in plain.split()):
            name = (
                " ".join(_capital(w.lower()) for w in plain.split()) if _is_caps(plain) else plain
            )
            # "T/M BAN BÍ THƯ" alone names the body signed for, not the signer's title
            title = titles[-1] if len(titles) > 1 or not _SIGN_FOR.match(titles[0]) else ""
            return _squash(name), _sentence(_squash(title)) or None
        else:
            break
    return None, None


def _headline(lines: list[str]) -> str | None:
    """A news item's first line: short, mixed case, no closing punctuation."""
    first = next((_plain(ln) for ln in lines if _plain(ln)), "")
    if (
        15 <= len(first) <= 250
        and first[:1].isupper()
        and not _is_caps(first)
        and not re.match(r"(?:Kính gửi|Số|V/[vV]|Nguồn)\b", first)
        and first[-1] not in ".:;,"
    ):
        return first
    return None


def _news(lines: list[str], doc: Document) -> None:
    """Headline, reported directive and origin of a news item, set on ``doc``."""
    doc.title = _headline(lines)
    plain = [_plain(ln) for ln in lines if _plain(ln)]
    lede = _LEDE.match(plain[1]) if doc.title and len(plain) > 1 else None
    if lede:
        doc.issuer, doc.doc_type = lede["org"].strip(), lede["type"]
        if lede["y"]:
            doc.issued_date = _iso(int(lede["y"]), int(lede["m"]), int(lede["d"]))
    for line in reversed(plain[-5:]):
        match = _ORIGIN.match(line)
        if match:
            doc.origin = match.group(1).strip()
            break


def extract_metadata(raw: RawDocument) -> Document:
    """Everything the text of ``raw`` states about itself; ``body`` without conversion debris.

    >>> text = "TỈNH ỦY NINH BÌNH\\nSố 342 - CV/TU\\nNinh Bình, ngày 22 tháng 7 năm 2021\\n"
    >>> d = extract_metadata(RawDocument("x", "x.txt", text + "Theo Kết luận số 07-KL/TW."))
    >>> d.number, d.doc_type, d.issued_date, d.issuer, d.place, d.references
    ('342-CV/TU', 'Công văn', '2021-07-22', 'Tỉnh ủy Ninh Bình', 'Ninh Bình', ['07-KL/TW'])
    """
    body = _DEBRIS.sub("", clean(raw.text))
    lines = body.splitlines()
    header = _header(lines)
    doc = Document(id=raw.id, source=raw.source, body=body)
    doc.number = _number(header)
    dated = next((d for d in map(_date_line, header) if d is not None), None)
    if dated:
        doc.place, doc.issued_date = dated
    heading = _heading(header)
    if heading is not None:
        doc.doc_type, doc.title = _title_after_heading(header, heading)
    doc.issuer = _issuer(header, len(header) if heading is None else heading)
    doc.subject = _subject(header)
    doc.doc_type = (doc_type_of(doc.number) if doc.number else None) or doc.doc_type
    if doc.doc_type is None and doc.subject:
        doc.doc_type = "Công văn"
    if not (doc.number or dated or doc.issuer or heading is not None):
        _news(lines, doc)
    if doc.issuer is None and doc.doc_type == "Thông báo":
        announcer = next((m for m in map(_ANNOUNCER.match, map(_plain, lines)) if m), None)
        doc.issuer = announcer.group(1) if announcer else None
    doc.signer, doc.signer_title = _signature(lines)
    doc.urgency = _urgency(lines)
    own = number_key(doc.number) if doc.number else None
    doc.references = [n for n in find_numbers(body) if number_key(n) != own]
    return doc
