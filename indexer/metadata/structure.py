"""The structure of a document's body: parts, chapters, articles, clauses and points.

Body text in, ``[Section]`` out (``indexer.records``), in text order, each with its
character offset, a label as one cites it, a unique anchor and its outline level. Headings
are recognized at the start of a line (markdown ``#``, ``**`` and list dashes left over
from conversion are ignored), the way Nghị định 30/2020/NĐ-CP lays documents out:

- ``Phần I`` / ``PHẦN THỨ NHẤT`` (part), ``Chương II`` (chapter), ``Mục 1`` (section);
- ``I.`` ``II.`` Roman-numbered parts of plans and letters (labelled ``Phần I``, or
  ``Mục I`` inside an explicit ``Phần``);
- ``Điều 5.`` (article); inside an article ``1.`` is ``khoản 1`` and ``a)`` ``điểm a``;
- outside articles ``1.`` is ``mục 1``, ``1.1.`` ``mục 1.1`` and ``a)`` ``điểm a``.

Each section also carries its ``path`` (``Điều 2, khoản 2``: itself and the sections
that enclose it), so that the read side (``search.sections``) names the place of a hit
from the stored list alone; clauses, points and sub-items have ``level`` 0: they are
not in the outline a reader navigates by.
"""

from __future__ import annotations

import re

from indexer.analysis import fold
from indexer.records import Section

# kind -> rank: a heading closes every open heading of the same or a lower rank
RANKS = {
    "part": 0, "chapter": 1, "roman": 2, "section": 3, "article": 4,
    "item": 5, "subitem": 6, "clause": 5, "point": 7,
}  # fmt: skip
OUTLINE_KINDS = frozenset({"part", "chapter", "roman", "section", "article", "item"})
TITLE_CHARS = 100
ITEM_TITLE_CHARS = 60  # a numbered item's "title" is the start of its paragraph

_ROMAN = r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})"
_MARKUP = re.compile(r"^[\s#>*_+•-]*")
_PATTERNS = (
    ("part", re.compile(rf"^phần\s+(thứ\s+\w+|{_ROMAN}|\d+)(?![\w/])[.:]?\s*(.*)$", re.I)),
    ("chapter", re.compile(rf"^chương\s+({_ROMAN}|\d+)(?![\w/])[.:]?\s*(.*)$", re.I)),
    ("section", re.compile(rf"^mục\s+({_ROMAN}|\d+)(?![\w/])[.:]\s*(.*)$", re.I)),
    ("article", re.compile(r"^điều\s+(\d{1,3}[a-z]?)\s*(?:[.:]\s*|\s*$|\s+-\s+)(.*)$", re.I)),
    ("roman", re.compile(rf"^({_ROMAN})\s*[.)/]\s+(\S.*)$")),
    ("subitem", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")),
    ("item", re.compile(r"^(\d{1,2})\s*[.)]\s+(\S.*)$")),
    ("point", re.compile(r"^([a-zđ])\s*\)\s+(\S.*)$")),
)


def _title(text: str, limit: int = TITLE_CHARS) -> str | None:
    """A heading's title: its text without markup, at most ``limit`` (cut at a word)."""
    text = re.sub(r"[*_#]+", "", text).strip().rstrip(":").strip()
    if len(text) > limit:
        text = text[: text.rfind(" ", 0, limit) if " " in text[:limit] else limit]
        text = text.rstrip(" ,;") + " …"
    return text or None


def _label(kind: str, number: str, open_kinds: list[str]) -> str:
    in_article = "article" in open_kinds
    if kind == "item":
        kind = "clause" if in_article else kind
    names = {
        "part": "Phần", "chapter": "Chương", "section": "Mục", "article": "Điều",
        "roman": "Mục" if "part" in open_kinds else "Phần",
        "item": "mục", "subitem": "mục", "clause": "khoản", "point": "điểm",
    }  # fmt: skip
    if number.lower().startswith("thứ"):  # PHẦN THỨ NHẤT -> Phần thứ nhất
        number = number.lower()
    elif kind in ("part", "chapter", "section"):  # Roman numerals: Chương ii -> Chương II
        number = number.upper()
    return f"{names[kind]} {number}"


def _lines(body: str):
    """(offset, line without markup) of each non-empty line."""
    pos = 0
    for line in body.splitlines(keepends=True):
        stripped = _MARKUP.sub("", line.rstrip("\r\n"))
        if stripped:
            yield pos + len(line.rstrip("\r\n")) - len(line.rstrip("\r\n").lstrip()), stripped
        pos += len(line)


def _match(line: str) -> tuple[str, str, str] | None:
    for kind, pattern in _PATTERNS:
        found = pattern.match(line.replace("**", ""))
        if found:
            return kind, found.group(1), found.group(2)
    return None


def detect_sections(body: str) -> list[Section]:
    """The sections of ``body`` in text order.

    >>> text = "QUYẾT ĐỊNH:\\n**Điều 1.** Phạm vi\\n1. Khoản một\\na) Điểm a\\nĐiều 2. Hiệu lực\\n"
    >>> [(s.label, s.title, s.anchor, s.level) for s in detect_sections(text)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Điều 1', 'Phạm vi', 'dieu-1', 1), ('khoản 1', 'Khoản một', 'dieu-1-khoan-1', 0),
     ('điểm a', 'Điểm a', 'dieu-1-khoan-1-diem-a', 0), ('Điều 2', 'Hiệu lực', 'dieu-2', 1)]
    >>> detect_sections(text)[2].path
    'Điều 1, khoản 1, điểm a'

    >>> [s.label for s in detect_sections("I. MỤC ĐÍCH\\n1. Bảo đảm\\nII. NHIỆM VỤ\\n")]
    ['Phần I', 'mục 1', 'Phần II']
    """
    sections: list[Section] = []
    stack: list[tuple[str, str, str]] = []  # open (kind, anchor slug, label)
    anchors: dict[str, int] = {}
    lines = list(_lines(body))
    for i, (start, line) in enumerate(lines):
        found = _match(line)
        if found is None:
            continue
        kind, number, rest = found
        kind = "clause" if kind == "item" and any(k[0] == "article" for k in stack) else kind
        while stack and RANKS[stack[-1][0]] >= RANKS[kind]:
            stack.pop()
        label = _label(kind, number, [k[0] for k in stack])
        slug = "-".join([*(k[1] for k in stack[-1:]), _slug(label)])
        anchors[slug] = anchors.get(slug, 0) + 1
        anchor = slug if anchors[slug] == 1 else f"{slug}-{anchors[slug]}"
        title = _title(rest, ITEM_TITLE_CHARS if kind in ("item", "subitem") else TITLE_CHARS)
        if title is None and kind in ("part", "chapter", "section", "article", "roman"):
            following = lines[i + 1][1] if i + 1 < len(lines) else ""
            title = _title(following) if following and _match(following) is None else None
        level = 1 + sum(1 for k in stack if k[0] in OUTLINE_KINDS) if kind in OUTLINE_KINDS else 0
        path = ", ".join([*(k[2] for k in stack), label])
        sections.append(
            Section(kind, label, title, start, anchor, level, path[:1].upper() + path[1:])
        )
        stack.append((kind, slug, label))
    return sections


def _slug(label: str) -> str:
    """``Điều 2`` -> ``dieu-2``; ``mục 1.1`` -> ``muc-1-1``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-")
