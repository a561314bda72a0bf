"""Typed relations: which documents a text replaces, amends, repeals, implements, guides
or only cites, read from the phrases around the numbers it names.

Text in, ``[Relation(type, number, date)]`` out (``indexer.records``), one per cited
number and type, in text order. Numbers are those of ``indexer.metadata.numbers.find_numbers``
(the one normalization); a number named both plainly and with a relation phrase keeps
only the typed relation. Which archive document a number resolves to is decided when
reading, since the archive changes.

How a phrase governs numbers (the choices, and why):

- A *trigger* (``thay thế``, ``sửa đổi, bổ sung``, ``bãi bỏ``, ``hủy bỏ``, ``triển khai
  thực hiện``, ``thực hiện``, ``hướng dẫn thực hiện``...) governs the *run* of numbers
  that follows it in the same clause: within ``_REACH`` characters, or further (up to
  ``_CLAUSE``) when no clause starts between them (a comma before a capitalized word,
  ``, Ủy ban nhân dân tỉnh yêu cầu``), so that the amending formula ``Sửa đổi, bổ sung
  một số điều của Quy chế <a long name> ban hành kèm theo Quyết định số ...`` is read.
- A trigger before a colon governs the list that follows it (``Bãi bỏ toàn bộ các văn
  bản sau đây:`` then numbered, bulleted or unmarked items, ``indexer.metadata.scope``): the
  first document each item names.
- A *scope* before the number (``khoản 4 Điều 15 của``, ``một số điều của``, ``Chương
  II``) makes the relation partial (``Relation.scope``): a partial repeal is
  ``partly_repeals``, a partial replacement ``amends`` (the document stays in force).
- A run is numbers joined by a list connector (``,``, ``và``, ``cùng``, ``hoặc``)
  after each one's date, issuer and subject:
  ``Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị và Công điện số
  1102/CĐ-TTg`` implements both.
- Some phrases follow what they govern: ``Chỉ thị số 15/CT-UBND ... hết hiệu lực``,
  ``... được thay thế bằng Quyết định này``.
- ``căn cứ``, ``theo`` (not ``kèm theo``), ``xét``, ``trên cơ sở`` start a plain citation,
  so ``theo hướng dẫn của Bộ Y tế tại Công văn số ...`` cites, it does not guide; so does
  the passive ``được thực hiện`` / ``được triển khai`` / ``được hướng dẫn``.
- A trigger inside a cited document's subject (``Kế hoạch số 120/KH-UBND về triển khai
  thực hiện Chỉ thị số 15/CT-TTg``), or after a number in a citation (``Căn cứ Quyết định
  số 07/2022/QĐ-UBND ... thay thế Chỉ thị số 15/CT-UBND``), or in the title of a document
  this one names (``thay thế Quyết định số 45/2021/QĐ-UBND ngày ... của Ủy ban nhân dân
  tỉnh sửa đổi, bổ sung Quyết định số 12/2019/QĐ-UBND``: no comma nor ``và`` between the
  number and the trigger), is that document's relation, not this one's: the numbers
  after it are cited.
- ``Để triển khai thực hiện Thông báo kết luận và Công điện nêu trên`` points back:
  the relation goes to the numbers cited earlier whose ký hiệu names one of those types.
- Phrases are matched in any tone placement (``huỷ bỏ`` = ``hủy bỏ``) and case, with
  any spacing or line break between words; a sentence ends at ``. ; : ! ?`` or a blank
  line or a new list item.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from indexer.analysis import clean, key
from indexer.metadata.numbers import DOC_TYPES, doc_type_of, find_numbers, number_key
from indexer.metadata.phrases import lower_view, phrase, spellings
from indexer.metadata.scope import list_items, scope
from indexer.records import Relation

_REACH = 120  # characters between a trigger and the first number it governs, at least
_CLAUSE = 600  # ... and at most, when no new clause starts between them
_CLAUSE_WORD = re.compile(r",\s+(\w+)")
_NAMING = frozenset("Quyết Chỉ Nghị Thông Công Kế Kết Quy Hướng Số Luật Điều".split())
_AFTER_INTRO = re.compile(r"văn bản\s+(?:sau|dưới)(?:\s+đây)?\s*$")
_PARTIAL = {"repeals": "partly_repeals", "replaces": "amends"}
_SCOPED = frozenset({"repeals", "replaces", "amends"})
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


def _alternatives(phrases: dict[str, tuple[str, ...]], prefix: str) -> str:
    return "|".join(
        f"(?P<{prefix}_{name}>{'|'.join(map(phrase, sorted(group, key=len, reverse=True)))})"
        for name, group in phrases.items()
    )


_EVENTS = re.compile(
    "|".join(
        (
            _alternatives(_FOLLOWING, "after"),
            _alternatives(_BEFORE, "before"),
            rf"(?P<reset>(?<!kèm )(?:{'|'.join(map(phrase, _RESETS))}))",
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
        for text in group
        for spelling in spellings(text.split()[0])
    }
)
_CANDIDATES = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, _FIRST_WORDS))})(?!\w)|[.;:!?\n]")
_LABELS = sorted({key(label) for label in DOC_TYPES.values()}, key=len, reverse=True)
_LABEL = "|".join(phrase(label) for label in _LABELS)
# What ends the words that announce a list: "các văn bản sau đây:", "các Quyết định:"
_LIST_INTRO = re.compile(rf"(?:văn bản|sau|gồm|dưới|{_LABEL})\W*(?:đây)?\W*$")
_CONNECTOR = re.compile(
    rf"(?:,|(?<!\w)(?:và|cùng|hoặc))\s*(?:(?:{_LABEL})(?:\s+\w+){{0,4}}\s*)?(?:số\s*:?\s*)?$"
)
_SUBJECT = re.compile(r"(?<!\w)(?:về|v/v)(?:\s+việc)?\s*$")
_BACK = re.compile(rf"(?:{_LABEL}|văn bản)(?:\s+\w+){{0,3}}?\s+(?:nêu|nói|kể)?\s*trên(?!\w)")
_DATE = re.compile(
    r"\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
    r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
)


# Anything shaped like a number, with any spacing around its separators: one pass over the
# text finds every occurrence of the numbers ``find_numbers`` found (one regex per number
# made a 1 MB text with 300 numbers take seconds).
_NUMBER_LIKE = re.compile(r"(?<![\w/.-])\d{1,6}(?:\s*/\s*\d{4})?(?:\s*[-/]\s*[^\W\d_][^\W_]*)+")
_SEGMENT_END = re.compile(r"[^\W\d_][^\W_]*")


def _occurrences(text: str, own: str | None) -> list[tuple[int, int, str]]:
    """(start, end, normalized number) of every number cited in ``text``, in order: each
    written in any case and spacing (``15 / CT - UBND``), the longest that is a number."""
    own_key = number_key(own) if own else None
    wanted = {number_key(n): n for n in find_numbers(text)}
    wanted.pop(own_key, None)
    found: list[tuple[int, int, str]] = []
    if not wanted:
        return found
    for match in _NUMBER_LIKE.finditer(text):
        ends = [m.end() for m in _SEGMENT_END.finditer(text, match.start(), match.end())]
        for end in reversed(ends):
            number = wanted.get(number_key(text[match.start() : end]))
            if number is not None:
                found.append((match.start(), end, number))
                break
    return found


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

    def __init__(self, text: str, occurrences: list[tuple[int, int, str]]) -> None:
        self.text = text
        self.view = view = lower_view(text)
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
    subject (``Kế hoạch số 120 về triển khai ...``), after it in a citation (``Căn cứ
    Quyết định số 07/2022/QĐ-UBND ... thay thế Chỉ thị số 15/CT-UBND``), or in the title
    of a document named without a comma or ``và`` before the trigger (``thay thế Quyết
    định số 45/2021/QĐ-UBND ngày ... của Ủy ban nhân dân tỉnh sửa đổi, bổ sung ...``)."""
    i = bisect_left(scan.stops, event.start()) - 1
    since = scan.stops[i] if i >= 0 else 0
    if _SUBJECT.search(scan.view, max(0, event.start() - 12), event.start()):
        return scan.number_within(since, event.start())
    k = bisect_left(scan.occ_starts, event.start()) - 1
    if k < 0 or scan.occurrences[k][0] < since:
        return False
    gap = scan.view[scan.occurrences[k][1] : event.start()]
    if "," in gap:
        return False  # "Theo Công văn số 5599/BYT-MT, Sở Y tế hướng dẫn ...": a new clause
    return not re.search(r"(?<!\w)(?:và|đồng thời|nay|đã|đề nghị|yêu cầu)(?!\w)", gap)


def _in_reach(scan: _Scan, event_end: int, start: int) -> bool:
    """Whether a trigger ending at ``event_end`` reaches a number at ``start``: close by,
    or in the same clause."""
    if start - event_end <= _REACH:
        return True
    gap = scan.text[event_end:start]
    if start - event_end > _CLAUSE:
        return False
    return not any(
        m.group(1)[:1].isupper() and m.group(1) not in _NAMING for m in _CLAUSE_WORD.finditer(gap)
    )


def _run_type(scan: _Scan, run: list) -> tuple[str, int | None]:
    """The relation type of a run, and where the text governing it ends (the trigger's
    end, for the scope; None when no trigger before it decides)."""
    start, end = run[0][0], run[-1][1]
    event = scan.last_event_before(start)
    if event is not None:
        where, kind = _kind(event)
        if where == "before" and _in_reach(scan, event.end(), start):
            if not _embedded(scan, event):
                return kind, event.end()
        elif where == "after" and start - event.end() <= _REACH and kind == "repeals":
            return kind, event.end()  # "chấm dứt hiệu lực của Quyết định số ..."
    after = scan.first_event_after(end)
    if after is not None and _kind(after)[0] == "after" and after.start() - end <= _AFTER:
        return _kind(after)[1], None
    return "cites", None


def _listed(scan: _Scan) -> dict[int, tuple[str, int]]:
    """Number start -> (type, item start) for the first number of each item of a list
    that a trigger before a colon governs (``Bãi bỏ các văn bản sau đây:`` / ``1. ...``),
    or a phrase that follows what it governs (``Các văn bản sau đây hết hiệu lực:``)."""
    out: dict[int, tuple[str, int]] = {}
    for i, event in enumerate(scan.events):
        where, kind = _kind(event)
        if where not in ("before", "after") or i + 1 >= len(scan.events):
            continue
        colon = scan.events[i + 1]
        if scan.view[colon.start()] != ":" or scan.number_within(event.end(), colon.start()):
            continue
        if where == "after":  # "Các văn bản sau đây hết hiệu lực thi hành:"
            if not _AFTER_INTRO.search(scan.view, max(0, event.start() - 60), event.start()):
                continue
        elif not _LIST_INTRO.search(scan.view, event.end(), colon.start()):
            continue
        elif _embedded(scan, event):
            continue
        for item_start, item_end in list_items(scan.text, colon.start()):
            k = bisect_left(scan.occ_starts, item_start)
            if k < len(scan.occ_starts) and scan.occ_starts[k] < item_end:
                number_start = scan.occ_starts[k]
                if not scan.event_within(item_start + 3, number_start):
                    out[number_start] = (kind, item_start)
    return out


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
        named = {key(label) for label in DOC_TYPES.values() if re.search(phrase(label), scope)}
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
    scan = _Scan(text, occurrences)
    listed = _listed(scan)
    typed: list[tuple[int, str, str, str | None]] = []
    for run in _runs(scan):
        if run[0][0] in listed:
            kind, since = listed[run[0][0]]
        else:
            kind, since = _run_type(scan, run)
        k = bisect_left(scan.occ_starts, run[0][0]) - 1
        if since is not None and k >= 0 and occurrences[k][1] > since:
            since = occurrences[k][1]  # a later run: its scope is after the number before it
        for start, end, number in run:
            part = scope(text[since:start]) if since is not None and kind in _SCOPED else None
            typed.append((start, _PARTIAL.get(kind, kind) if part else kind, number, part))
            since = end if since is not None else None
    first: dict[str, int] = {}
    for start, _, number in occurrences:
        first.setdefault(number_key(number), start)
    typed += [(first[number_key(n)], kind, n, None) for kind, n in _pointing_back(scan)]
    return _collect(scan.view, occurrences, sorted(typed, key=lambda t: t[0]))


def _collect(view: str, occurrences: list, typed: list) -> list[Relation]:
    """One relation per (type, number key), the scopes of its mentions joined (none when
    one mention names the whole document); ``cites`` only for numbers with no other."""
    dates: dict[str, str] = {}
    for _, end, number in occurrences:
        date = _date_after(view, end)
        if date:
            dates.setdefault(number_key(number), date)
    has_type = {number_key(n) for _, kind, n, _ in typed if kind != "cites"}
    found: dict[tuple[str, str], Relation] = {}
    for _, kind, number, part in typed:
        k = number_key(number)
        if kind == "cites" and k in has_type:
            continue
        relation = found.get((kind, k))
        if relation is None:
            found[(kind, k)] = Relation(kind, number, dates.get(k), part)
        elif relation.scope and part and part.lower() not in relation.scope.lower():
            relation.scope = f"{relation.scope}; {part}"
        elif not part:
            relation.scope = None
    return list(found.values())
