"""Signature blocks: a document's lines in, ``[Signature(signer, title, capacity)]`` out.

A block is one or more title lines over a name, in any of these shapes:

- signed for a body or a superior: ``TM.``/``T/M`` (on behalf of), ``KT.``/``K/T``
  (deputising), ``TL.``/``T/L``, ``TUQ.`` (by delegation): the *capacity*
  (``TM. Ủy ban nhân dân, KT. Chủ tịch``, marks written the State way), then the signer's
  own *title* (``PHÓ CHỦ TỊCH`` -> ``Phó Chủ tịch``); ``T/M BAN BÍ THƯ`` alone gives a
  capacity and no title;
- ``Q. GIÁM ĐỐC`` (acting): capacity ``Q. Giám đốc``, title ``Quyền Giám đốc``;
- a bare title (``THỦ TƯỚNG``, ``BỘ TRƯỞNG``, ``CHỦ TỊCH``) then the name;
- a line in capitals under a title continues it (``PHÓ BÍ THƯ`` / ``THƯỜNG TRỰC``,
  ``KT. GIÁM ĐỐC`` / ``SỞ GIÁO DỤC VÀ ĐÀO TẠO``);
- in capitals, or in Title Case where a Word style shows it in capitals, with blank
  lines, ``(Đã ký)`` marks and markdown dressing anywhere between its lines; a markdown
  table cell with the whole block on one line (``indexer.metadata.lines.paragraphs``); in PDF
  text layers with the recipients column (``Nơi nhận:`` / ``- Như trên;``) on the same
  lines, and two blocks side by side (a joint document: ``T/M BAN DÂN VẬN T/M BAN TUYÊN
  GIÁO`` / ``PHÓ TRƯỞNG BAN TRƯỞNG BAN`` / ``Lê Thị Hoa Đào Xuân Yên``), read as one
  block after the other.

Blocks are looked for in the whole text (a decision signs before its annexed regulation):
the block next to the recipients list (``Nơi nhận``) if there is one, else the last one,
and for a joint document the block(s) right before it. The name is found first (a line
shaped like a person's name that names no office: ``Lưu Đức Thắng`` is a name, ``Lưu:
VT`` and ``Lưu Văn phòng`` are filing lines), then the titles above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis import key
from indexer.metadata.casing import person, sentence
from indexer.metadata.lines import cells, fold_chars, is_caps, plain, squash

_SIGN_FOR = re.compile(r"^(?P<mark>T/M|T/L|K/T|TM\.|TL\.|KT\.|TUQ\.|Q\.)\s*(?=\S)", re.I)
_INNER_MARK = re.compile(r"\s+(?=(?:T/M|T/L|K/T|TM\.|TL\.|KT\.|TUQ\.|Q\.)\s*[A-ZĐ])")
_MARKS = {"t/m": "TM.", "t/l": "TL.", "k/t": "KT."}
_OFFICE = re.compile(
    r"^(?:phó\s+)?(?:tổng\s+)?(?:bí thư|chủ tịch|giám đốc|chủ nhiệm|thủ tướng|chánh\s+\w+|"
    r"ủy viên|thư ký|(?:\w+\s+)?trưởng)\b"
)
_OFFICE_START = frozenset("phó trưởng chủ giám bí thủ thứ cục vụ chánh ủy thư tổng viện".split())
_BODY_START = frozenset("sở bộ ban ủy cục vụ phòng tỉnh huyện thành văn hội".split())
_SIGNED = re.compile(r"^[(\[]?\s*(?:đã\s+)?(?:ký|kí|chữ ký số)\b[^)\]]*[)\]]?$", re.IGNORECASE)
_LEFT_COLUMN = re.compile(r"^(?:Nơi nhận|[-+•])", re.IGNORECASE)
_RECIPIENTS = re.compile(r"^\W*Nơi nhận", re.IGNORECASE)
_BODY_WORDS = frozenset(
    "ban ủy hội đảng văn bộ sở tỉnh thành huyện cục vụ phòng tổng chi mặt thường nơi "
    "kính như".split()
)
_SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đào đinh lưu "
    "mai trương lương hà tạ cao đoàn lâm chu thái vương trịnh triệu tô quách kiều hứa lại "
    "lục mạc nông phùng tăng thân tống từ vi âu khúc doãn giang kim lã lò quan bế hầu "
    "khổng nghiêm ông phí tôn đàm châu ninh la thạch tiêu diệp đồng hàn".split()
)
_SCAN = 5000  # lines from the end in which blocks are looked for
_NEAR = 30  # lines between a block and the recipients list it goes with


@dataclass(frozen=True, slots=True)
class Signature:
    signer: str
    title: str | None
    capacity: str | None

    def to_dict(self) -> dict:
        return {"signer": self.signer, "title": self.title, "capacity": self.capacity}


def _keys(text: str) -> str:
    return " ".join(key(w) for w in text.split())


def _is_office(text: str) -> bool:
    if len(text) > 80:  # a sentence, not a title
        return False
    return bool(_SIGN_FOR.match(text) or _OFFICE.match(_keys(text)))


def _is_name(text: str) -> bool:
    """A person's name: two to five capitalized words, none of them an office or a body.

    >>> [_is_name(t) for t in ("Nguyễn Văn An", "TRẦN HỒNG QUẢNG", "PHÓ CHỦ TỊCH", "Như trên")]
    [True, True, False, False]
    >>> [_is_name(t) for t in ("Lưu Đức Thắng", "Lưu: VT", "Lưu VT", "Lưu Văn Phòng")]
    [True, False, False, False]
    """
    words = text.split()
    if not 2 <= len(words) <= 5 or not all(w.isalpha() and w[0].isupper() for w in words):
        return False
    if not (is_caps(text) or all(w[1:].islower() or len(w) == 1 for w in words)):
        return False
    if key(words[0]) == "lưu" and _keys(" ".join(words[1:3])) == "văn phòng":
        return False  # "Lưu Văn phòng Tỉnh ủy": where the copy is filed
    return key(words[0]) not in _BODY_WORDS and not _is_office(text)


def _is_caps_words(text: str) -> bool:
    """Capitals words, each a syllable (a vowel in it): ``THƯỜNG TRỰC``, not ``VT, QLCL.``"""
    words = text.split()
    return (
        is_caps(text)
        and all(w.isalpha() for w in words)
        and all(set(fold_chars(w)) & set("aeiouy") for w in words)
    )


def _is_title_case(text: str) -> bool:
    """Every word capitalized: Word's capitals style leaves ``Phó Chủ Tịch`` in the text."""
    return all(w[:1].isupper() or not w[:1].isalpha() for w in text.split())


def _is_title_line(text: str) -> bool:
    """A line of a block's titles: a capacity, an office, or capitals continuing one."""
    if len(text) > 80:
        return False
    if _SIGN_FOR.match(text):
        return is_caps(text) or _is_title_case(text)
    if _is_office(text):
        return is_caps(text) or _is_title_case(text)
    first = text.split()[0] if text.strip() else ""
    if first.isalpha() and _is_title_case(text) and key(first) in _BODY_START:
        return True  # a body under a capacity, in Title Case (``Sở Y Tế``: TCVN3 capitals)
    return _is_caps_words(text)


def _part(text: str) -> str:
    """The block's share of a line: a PDF text layer puts the recipients column first
    (``- Như trên; PHÓ CHỦ TỊCH``); a recipients line without such a tail is blank."""
    if not _LEFT_COLUMN.match(text):
        return text
    for cut in re.finditer(r"[;:,.)]\s+", text):
        tail = text[cut.end() :].strip()
        office = _is_office(tail) and (is_caps(tail) or _is_title_case(tail))
        if office or _is_caps_words(tail) or _is_name(tail) or _SIGNED.match(tail):
            return tail
    return ""


_RECIPIENTS_MARK = "\x00"  # a piece where a recipients list starts
_PROSE = "\x01"  # a piece standing for a line of prose


def _rows(lines: list[str]) -> list[list[str]]:
    """Each line as its pieces: columns cut at wide gaps and before an inner capacity
    mark, a recipients list's start marked (``_RECIPIENTS_MARK``)."""
    rows: list[list[str]] = []
    for line in cells(lines):
        if len(line) > 200:  # prose: no line of a block is this long
            rows.append([_PROSE])
            continue
        text = plain(line)
        pieces = [squash(p) for p in re.split(r"\s{3,}", text) if p.strip()] or [""]
        pieces = [q for p in pieces for q in _INNER_MARK.split(p)]
        mark = [_RECIPIENTS_MARK] if _RECIPIENTS.match(text) else []
        rows.append(mark + [_part(p) for p in pieces])
    return rows


def _split_pair(text: str) -> tuple[str, str] | None:
    """Two names, two titles or two bodies side by side on one line, or None; names are
    cut before a surname (the most even cut), titles before an office word."""
    words = text.split()
    cuts: dict[str, list[int]] = {"name": [], "office": [], "body": []}
    for k in range(1, len(words)):
        left, right, first = " ".join(words[:k]), " ".join(words[k:]), key(words[k])
        if _is_name(left) and _is_name(right) and first in _SURNAMES:
            cuts["name"].append(k)
        elif _is_office(left) and _is_office(right) and first in _OFFICE_START:
            cuts["office"].append(k)
        elif k > 1 and first in _BODY_START and _is_caps_words(text):
            cuts["body"].append(k)  # "SỞ GIÁO DỤC VÀ ĐÀO TẠO SỞ Y TẾ"
    found = cuts["name"] or cuts["office"] or cuts["body"]
    if not found:
        return None
    best = min(found, key=lambda k: abs(2 * k - len(words)))
    return " ".join(words[:best]), " ".join(words[best:])


def _stacked(rows: list[list[str]]) -> list[str]:
    """One piece a line, two blocks side by side laid out one after the other. A line
    with one piece belongs to one column: a title to the left one until it has its name,
    a name to the column with fewer lines (cells are top-aligned, so the shorter block's
    name comes first)."""
    out: list[str] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) == 2 and all(_is_title_line(p) for p in row):
            columns: list[list[str]] = [[row[0]], [row[1]]]
            named = [False, False]
            paired, start = False, i
            for nxt in rows[i + 1 : i + 10]:
                i += 1
                pair = (nxt[0], nxt[1]) if len(nxt) == 2 else _split_pair(" ".join(nxt))
                if pair is not None:
                    paired = True
                    for k in (0, 1):
                        columns[k].append(pair[k])
                        named[k] = named[k] or _is_name(pair[k])
                else:
                    piece = " ".join(nxt)
                    _place(piece, columns, named)
                if all(named):
                    break
            if paired:
                out += [*columns[0], "", *columns[1]]
            else:  # one block's capacity lines joined ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH")
                out += [p for r in rows[start : i + 1] for p in r]
        else:
            out += row
        i += 1
    return out


def _place(piece: str, columns: list[list[str]], named: list[bool]) -> None:
    """Put a one-piece line of two side-by-side blocks in its column (``_stacked``)."""
    if not piece.strip():
        return
    if _is_name(piece):
        open_ = [k for k in (0, 1) if not named[k]]
        if open_:
            k = min(open_, key=lambda c: (sum(1 for x in columns[c] if x), c))
            columns[k].append(piece)
            named[k] = True
            return
    columns[0 if not named[0] else 1].append(piece)


def _block(parts: list[str], end: int) -> tuple[int, Signature] | None:
    """The block whose name is ``parts[end]``: (index of its top line, signature)."""
    above: list[str] = []
    top = end
    for j in range(end - 1, max(-1, end - 15), -1):
        text = parts[j]
        if not text or _SIGNED.match(text):
            continue
        if not _is_title_line(text):
            break
        above.insert(0, text)
        top = j
    groups: list[list[str]] = []
    for text in above:
        if _is_office(text):
            groups.append([text])
        elif groups:
            groups[-1].append(text)
    capacities = [g for g in groups if _SIGN_FOR.match(g[0])]
    if capacities:  # what is above the first capacity line is not this block's
        groups = groups[groups.index(capacities[0]) :]
        own = [g for g in groups if not _SIGN_FOR.match(g[0])]
        if own and groups[-1] is not own[-1]:
            return None
    if not groups:
        return None
    nearest = groups[-1]
    title = None
    if not _SIGN_FOR.match(nearest[0]):
        title = sentence(squash(" ".join(nearest)), names=True)
    elif _capacity(nearest).startswith("Q. "):
        title = "Quyền " + _capacity(nearest)[3:]
    capacity = ", ".join(_capacity(g) for g in capacities) or None
    return top, Signature(person(parts[end]), title, capacity)


def _capacity(group: list[str]) -> str:
    """``["KT. GIÁM ĐỐC", "SỞ Y TẾ"]`` -> ``KT. Giám đốc Sở Y tế``; ``T/M`` -> ``TM.``"""
    match = _SIGN_FOR.match(group[0])
    mark = _MARKS.get(match["mark"].lower(), match["mark"].upper())
    rest = squash(" ".join([group[0][match.end() :], *group[1:]]))
    return f"{mark} {sentence(rest, names=True)}"


def signatures(lines: list[str]) -> list[Signature]:
    """The signature blocks of a document, in text order (two for a joint document).

    >>> [tuple(s.to_dict().values()) for s in signatures(
    ...     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "", "PHÓ CHỦ TỊCH", "(Đã ký)", "Lê Văn An"])]
    [('Lê Văn An', 'Phó Chủ tịch', 'TM. Ủy ban nhân dân, KT. Chủ tịch')]
    """
    rows = _rows(lines[-_SCAN:])
    parts = _stacked(rows) if any(len(r) > 1 for r in rows) else [r[0] for r in rows]
    recipients = [i for i, p in enumerate(parts) if p == _RECIPIENTS_MARK]
    blocks: list[tuple[int, int, Signature]] = []
    end = len(parts) - 1
    while end >= 0:
        found = _block(parts, end) if _is_name(parts[end]) else None
        if found:
            blocks.append((found[0], end, found[1]))
            end = found[0]
        end -= 1
    if not blocks:
        return []
    blocks.reverse()
    chosen = len(blocks) - 1
    near = [i for i, b in enumerate(blocks) if any(abs(b[1] - r) <= _NEAR for r in recipients)]
    if near:
        chosen = near[-1]
    out = [blocks[chosen]]
    while chosen > 0 and blocks[chosen - 1][1] >= out[0][0] - 3:  # a joint document's
        chosen -= 1
        out.insert(0, blocks[chosen])
    return [b[2] for b in out]


def signature(lines: list[str]) -> tuple[str | None, str | None]:
    """``(signer, signer_title)`` of the last signature block, or ``(None, None)``.

    >>> signature(["KT. CHỦ TỊCH", "", "PHÓ CHỦ TỊCH", "", "(Đã ký)", "", "Nguyễn Văn An"])
    ('Nguyễn Văn An', 'Phó Chủ tịch')
    >>> signature(["**THỦ TƯỚNG**", "", "", "**PHẠM MINH CHÍNH**"])
    ('Phạm Minh Chính', 'Thủ tướng')
    """
    found = signatures(lines)
    return (found[-1].signer, found[-1].title) if found else (None, None)
