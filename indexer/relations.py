"""Typed relations: which documents a text replaces, amends, repeals, implements, guides
or only cites, read from the phrases around the numbers it names.

Text in, ``[Relation(type, number, date)]`` out (``indexer.records``), one per cited
number and type, in text order. Numbers are those of ``indexer.numbers.find_numbers``
(the one normalization); a number named both plainly and with a relation phrase keeps
only the typed relation. Which archive document a number resolves to is decided when
reading, since the archive changes.

How a phrase governs numbers (the choices, and why):

- A *trigger* (``thay thế``, ``sửa đổi, bổ sung``, ``bãi bỏ``, ``hủy bỏ``, ``triển khai
  thực hiện``, ``thực hiện``, ``hướng dẫn thực hiện``...) governs the *run* of numbers
  that follows it within ``_REACH`` characters, in the same sentence: ``thay thế một số
  nội dung của Chỉ thị số 15/CT-UBND``. A run is numbers joined by a list connector
  (``,``, ``và``, ``cùng``, ``hoặc``) after each one's date, issuer and subject:
  ``Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị và Công điện số
  1102/CĐ-TTg`` implements both.
- Some phrases follow what they govern: ``Chỉ thị số 15/CT-UBND ... hết hiệu lực``,
  ``... được thay thế bằng Quyết định này``.
- ``căn cứ``, ``theo`` (not ``kèm theo``), ``xét``, ``trên cơ sở`` start a plain citation,
  so ``theo hướng dẫn của Bộ Y tế tại Công văn số ...`` cites, it does not guide; so does
  the passive ``được thực hiện`` / ``được triển khai`` / ``được hướng dẫn``.
- A trigger inside a cited document's subject (``Kế hoạch số 120/KH-UBND về triển khai
  thực hiện Chỉ thị số 15/CT-TTg``), or after a number in a citation (``Căn cứ Quyết định
  số 07/2022/QĐ-UBND ... thay thế Chỉ thị số 15/CT-UBND``), is that document's relation,
  not this one's: the numbers after it are cited.
- ``Để triển khai thực hiện Thông báo kết luận và Công điện nêu trên`` points back:
  the relation goes to the numbers cited earlier whose ký hiệu names one of those types.
- Phrases are matched in any tone placement (``huỷ bỏ`` = ``hủy bỏ``) and case, with
  any spacing or line break between words; a sentence ends at ``. ; : ! ?`` or a blank
  line or a new list item.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left, bisect_right

from indexer.analysis import SYLLABLE, clean, key
from indexer.numbers import DOC_TYPES, doc_type_of, find_numbers, number_key
from indexer.records import Relation

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_REACH = 120  # characters between a trigger and the first number it governs
_AFTER = 150  # characters between a run and a trigger that follows what it governs
_LIST_GAP = 400  # characters between two numbers of one run (dates, issuer, subject)

# type -> phrases that precede what they govern / follow it / either
_BEFORE = {
    "replaces": ("thay thế cho", "thay thế"),
    "amends": (
        "sửa đổi bổ sung",
        "sửa đổi",
        "điều chỉnh bổ sung",
        "bổ sung một số điều của",
        "bổ sung một số nội dung của",
    ),
    "repeals": ("bãi bỏ", "hủy bỏ", "bãi bỏ hiệu lực của"),
    "guides": ("hướng dẫn thực hiện", "hướng dẫn triển khai", "hướng dẫn thi hành"),
    "implements": ("triển khai thực hiện", "thực hiện", "triển khai", "cụ thể hóa"),
}
_FOLLOWING = {
    "replaces": ("được thay thế", "bị thay thế"),
    "repeals": (
        "hết hiệu lực thi hành",
        "hết hiệu lực",
        "chấm dứt hiệu lực",
        "bị bãi bỏ",
        "được bãi bỏ",
        "bị hủy bỏ",
        "được hủy bỏ",
    ),
}
# Plain citations start here; "được thực hiện" is passive (what is carried out, not this
# document carrying it out: "giao dịch đang được thực hiện ... áp dụng Bộ luật số ...").
_RESETS = (
    "căn cứ", "theo", "xét", "trên cơ sở",
    "được thực hiện", "được triển khai", "được hướng dẫn",
)  # fmt: skip


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


def _phrase(text: str) -> str:
    """A regex for a phrase on lower-case text: any tone placement, any spacing, an
    optional comma between words."""
    words = ["(?:" + "|".join(map(re.escape, spellings(w))) + ")" for w in text.split()]
    return r"(?<!\w)" + r"(?:\s*,\s*|\s+)".join(words) + r"(?!\w)"


def _alternatives(phrases: dict[str, tuple[str, ...]], prefix: str) -> str:
    return "|".join(
        f"(?P<{prefix}_{name}>{'|'.join(map(_phrase, sorted(group, key=len, reverse=True)))})"
        for name, group in phrases.items()
    )


_EVENTS = re.compile(
    "|".join(
        (
            _alternatives(_FOLLOWING, "after"),
            _alternatives(_BEFORE, "before"),
            rf"(?P<reset>(?<!kèm )(?:{'|'.join(map(_phrase, _RESETS))}))",
            r"(?P<stop>(?<!số)[.;:!?](?=\s|$)|\n\s*\n|\n\s*(?:[-+•*]|\d{1,2}[.)]|[a-zđ]\)|điều\s+\d))",
        )
    )
)
# Where an event can start: the first word of a phrase, or punctuation / a line break.
# Trying ``_EVENTS`` only there is ~20x faster than scanning with it (one alternation of
# lookbehinds per character).
_FIRST_WORDS = sorted(
    {
        spelling
        for group in (*_BEFORE.values(), *_FOLLOWING.values(), _RESETS)
        for phrase in group
        for spelling in spellings(phrase.split()[0])
    }
)
_CANDIDATES = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, _FIRST_WORDS))})(?!\w)|[.;:!?\n]")
_LABELS = sorted({key(label) for label in DOC_TYPES.values()}, key=len, reverse=True)
_LABEL = "|".join(_phrase(label) for label in _LABELS)
_CONNECTOR = re.compile(
    rf"(?:,|(?<!\w)(?:và|cùng|hoặc))\s*(?:(?:{_LABEL})(?:\s+\w+){{0,4}}\s*)?(?:số\s*:?\s*)?$"
)
_SUBJECT = re.compile(r"(?<!\w)(?:về|v/v)(?:\s+việc)?\s*$")
_BACK = re.compile(rf"(?:{_LABEL}|văn bản)(?:\s+\w+){{0,3}}?\s+(?:nêu|nói|kể)?\s*trên(?!\w)")
_DATE = re.compile(
    r"\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
    r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
)


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


def _occurrences(text: str, own: str | None) -> list[tuple[int, int, str]]:
    """(start, end, normalized number) of every number cited in ``text``, in order."""
    own_key = number_key(own) if own else None
    found: list[tuple[int, int, str]] = []
    for number in find_numbers(text):
        if number_key(number) == own_key:
            continue
        parts = re.split(r"\s*[-/]\s*", number)
        loose = r"\s*[-/]\s*".join(map(re.escape, parts))
        pattern = re.compile(rf"(?<![\w/.-]){loose}(?!\w)", re.IGNORECASE)
        found += [(m.start(), m.end(), number) for m in pattern.finditer(text)]
    found.sort()
    return [o for i, o in enumerate(found) if i == 0 or o[0] >= found[i - 1][1]]


def _date_after(view: str, end: int) -> str | None:
    """The ISO date written right after a number (``ngày 10/3/2020``), or None."""
    match = _DATE.match(view, end)
    if match is None:
        return None
    d, m, y = (int(g) for g in match.groups() if g is not None)
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


class _Scan:
    """One text's key view, its phrase events and its number occurrences, with their
    offsets in sorted lists so that every "what comes before / after" is a bisection."""

    def __init__(self, view: str, occurrences: list[tuple[int, int, str]]) -> None:
        self.view = view
        self.occurrences = occurrences
        self.occ_starts = [o[0] for o in occurrences]
        self.events = _events(view)
        self.starts = [e.start() for e in self.events]
        self.ends = [e.end() for e in self.events]
        self.stops = [e.start() for e in self.events if e.lastgroup == "stop"]

    def event_within(self, low: int, high: int) -> bool:
        i = bisect_left(self.starts, low)
        return i < len(self.starts) and self.starts[i] < high

    def number_within(self, low: int, high: int) -> bool:
        i = bisect_left(self.occ_starts, low)
        return i < len(self.occ_starts) and self.occ_starts[i] < high

    def last_event_before(self, pos: int) -> re.Match | None:
        i = bisect_right(self.ends, pos) - 1
        return self.events[i] if i >= 0 else None

    def first_event_after(self, pos: int) -> re.Match | None:
        i = bisect_left(self.starts, pos)
        return self.events[i] if i < len(self.events) else None


def _events(view: str) -> list[re.Match]:
    """The phrase, reset and stop events of ``view``, in order, not overlapping."""
    events: list[re.Match] = []
    pos = 0
    for candidate in _CANDIDATES.finditer(view):
        if candidate.start() < pos:
            continue
        event = _EVENTS.match(view, candidate.start())
        if event is not None:
            events.append(event)
            pos = event.end()
    return events


def _runs(scan: _Scan) -> list[list[tuple[int, int, str]]]:
    """Numbers grouped into runs: consecutive numbers with only a list connector (after
    a date, issuer or subject) and no phrase or sentence end between them."""
    runs: list[list] = []
    for occ in scan.occurrences:
        if runs:
            prev = runs[-1][-1]
            gap = scan.view[prev[1] : occ[0]]
            if (
                len(gap) <= _LIST_GAP
                and not scan.event_within(prev[1], occ[0])
                and _CONNECTOR.search(gap)
            ):
                runs[-1].append(occ)
                continue
        runs.append([occ])
    return runs


def _kind(event: re.Match) -> tuple[str, str]:
    """("before" | "after" | "reset" | "stop", relation type or "")."""
    name = event.lastgroup or ""
    where, _, kind = name.partition("_")
    return where, kind


def _embedded(scan: _Scan, event: re.Match) -> bool:
    """A trigger that belongs to a document this sentence cites, not to this one: in its
    subject (``Kế hoạch số 120 về triển khai ...``), or after it in a citation (``Căn cứ
    Quyết định số 07/2022/QĐ-UBND ... thay thế Chỉ thị số 15/CT-UBND``)."""
    i = bisect_left(scan.stops, event.start()) - 1
    since = scan.stops[i] if i >= 0 else 0
    if _SUBJECT.search(scan.view, max(0, event.start() - 12), event.start()):
        return scan.number_within(since, event.start())
    k = bisect_left(scan.occ_starts, event.start()) - 1
    if k < 0 or "," in scan.view[scan.occurrences[k][1] : event.start()]:
        return False  # "Theo Công văn số 5599/BYT-MT, Sở Y tế hướng dẫn ...": a new clause
    j = bisect_left(scan.starts, event.start()) - 1
    while j >= 0 and scan.starts[j] >= since:
        if scan.events[j].lastgroup == "reset":
            return scan.number_within(scan.ends[j], event.start())
        j -= 1
    return False


def _run_type(scan: _Scan, run: list) -> str:
    start, end = run[0][0], run[-1][1]
    event = scan.last_event_before(start)
    if event is not None:
        where, kind = _kind(event)
        if where == "before" and start - event.end() <= _REACH:
            if not _embedded(scan, event):
                return kind
        elif where == "after" and start - event.end() <= _REACH and kind == "repeals":
            return kind  # "chấm dứt hiệu lực của Quyết định số ..."
    after = scan.first_event_after(end)
    if after is not None and _kind(after)[0] == "after" and after.start() - end <= _AFTER:
        return _kind(after)[1]
    return "cites"


def _pointing_back(scan: _Scan) -> list[tuple[str, str]]:
    """(type, number) for triggers that name earlier documents by type + ``nêu trên``."""
    out = []
    for i, event in enumerate(scan.events):
        where, kind = _kind(event)
        if where != "before":
            continue
        limit = event.end() + _REACH
        if i + 1 < len(scan.events):
            limit = min(limit, scan.starts[i + 1])
        if scan.number_within(event.end(), limit):
            continue
        scope = scan.view[event.end() : limit]
        if not _BACK.search(scope):
            continue
        named = {key(label) for label in DOC_TYPES.values() if re.search(_phrase(label), scope)}
        for start, _, number in scan.occurrences:
            label = doc_type_of(number)
            if start < event.start() and ((label and key(label) in named) or "văn bản" in scope):
                out.append((kind, number))
    return out


def extract_relations(text: str, own: str | None = None) -> list[Relation]:
    """The typed relations of a body text, one per (type, number), in text order; ``own``
    (the document's own number) is never a relation.

    >>> text = '''Căn cứ Luật Tổ chức chính quyền địa phương;
    ... Quyết định này thay thế Chỉ thị số 15/CT-UBND ngày 10/3/2020 của UBND tỉnh
    ... và sửa đổi, bổ sung một số nội dung của Kế hoạch
    ... số 120/KH-UBND; theo Công văn 45/SYT-NV.'''
    >>> [(r.type, r.number, r.date) for r in extract_relations(text)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('replaces', '15/CT-UBND', '2020-03-10'), ('amends', '120/KH-UBND', None),
     ('cites', '45/SYT-NV', None)]
    >>> [(r.type, r.number) for r in extract_relations("Quyết định số 9/QĐ-UBND hết hiệu lực.")]
    [('repeals', '9/QĐ-UBND')]
    """
    text = clean(text)
    occurrences = _occurrences(text, own)
    if not occurrences:
        return []
    scan = _Scan(lower_view(text), occurrences)
    typed: list[tuple[int, str, str]] = []
    for run in _runs(scan):
        kind = _run_type(scan, run)
        typed += [(start, kind, number) for start, _, number in run]
    first: dict[str, int] = {}
    for start, _, number in occurrences:
        first.setdefault(number_key(number), start)
    typed += [(first[number_key(n)], kind, n) for kind, n in _pointing_back(scan)]
    return _collect(scan.view, occurrences, sorted(typed, key=lambda t: t[0]))


def _collect(view: str, occurrences: list, typed: list) -> list[Relation]:
    """One relation per (type, number key); ``cites`` only for numbers with no other."""
    dates: dict[str, str] = {}
    for _, end, number in occurrences:
        date = _date_after(view, end)
        if date:
            dates.setdefault(number_key(number), date)
    has_type = {number_key(n) for _, kind, n in typed if kind != "cites"}
    seen: set[tuple[str, str]] = set()
    out = []
    for _, kind, number in typed:
        k = number_key(number)
        if (kind, k) in seen or (kind == "cites" and k in has_type):
            continue
        seen.add((kind, k))
        out.append(Relation(kind, number, dates.get(k)))
    return out
