"""Highlighting: which stretches of a document's own text matched, as escaped HTML.

A pattern is a token sequence in one view (accented keys, or folded). Matching runs the
same analysis as the index over the document's text, so ``4 tai cho`` marks
``bốn tại chỗ`` and ``Tỉnh ủy`` marks ``Tỉnh uỷ``; the text shown keeps its own spelling.
The output is HTML-escaped text whose only markup is ``<mark>``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from html import escape

from indexer.analysis import fold, syllable_spans, syllables, variants
from indexer.analysis import folded as folded_view
from search.query import Query

Pattern = tuple[tuple[str, ...], bool]  # (tokens, folded view?)
Group = tuple[list[Pattern], list[Pattern]]  # one query word or phrase: (whole forms, parts)
SNIPPET_TOKENS = 36
_CHARS_PER_TOKEN = 6  # a syllable and what follows it, on average (for choosing a window)
SNIPPET_SCAN_CHARS = 200_000  # a snippet is looked for in this much of the text
MARK_MAX_CHARS = 2_000_000  # the reading page marks matches in this much of the text


def patterns_for(query: Query) -> list[Group]:
    """For each word or phrase of the query, its whole forms and its parts (with
    equivalences), in the query's view.

    >>> from search.query import parse_query
    >>> whole, parts = patterns_for(parse_query("4 tai cho"))[0]
    >>> whole
    [(('4', 'tai', 'cho'), True), (('bon', 'tai', 'cho'), True)]
    >>> parts[:4]
    [(('4',), True), (('tai',), True), (('cho',), True), (('bon',), True)]
    """
    groups: list[Group] = []
    is_folded = not query.accented
    for group in query.groups:
        for text in group:
            tokens = [fold(t) for t in text.tokens] if is_folded else list(text.tokens)
            whole: list[Pattern] = []
            parts: list[Pattern] = []
            for variant in variants(tokens, accented=not is_folded):
                whole.append((tuple(t for unit in variant for t in unit), is_folded))
                if not text.phrase:
                    parts.extend((unit, is_folded) for unit in variant)
            groups.append((list(dict.fromkeys(whole)), list(dict.fromkeys(parts))))
    return groups


def _fold_patterns(patterns: list[Pattern]) -> list[Pattern]:
    return list(dict.fromkeys((tuple(fold(t) for t in toks), True) for toks, _ in patterns))


def find_spans(text: str, groups: list[Group]) -> list[tuple[int, int]]:
    """Character spans of ``text`` that match, sorted, not overlapping. Where a sequence
    of words occurs whole, only those occurrences are marked, not every scattered part.

    >>> g = [([(("bon", "tai", "cho"), True)], [(("tai",), True), (("cho",), True)])]
    >>> find_spans("cho bốn tại chỗ", g)
    [(4, 15)]
    """
    spans: list[tuple[int, int]] = []
    for whole, parts in groups:
        found = _match(text, whole) or _match(text, parts)
        if not found and any(not folded for _, folded in whole + parts):
            # an accented query whose hit here is folded-only
            found = _match(text, _fold_patterns(whole)) or _match(text, _fold_patterns(parts))
        spans.extend(found)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _match(text: str, patterns: list[Pattern]) -> list[tuple[int, int]]:
    """Spans where a pattern's tokens occur in a row: a regex that accepts every spelling
    with the same letters finds candidates (in C), then the analysis confirms each one."""
    spans = []
    for toks, folded in patterns:
        for found in _loose_regex(toks).finditer(text):
            keys = syllables(found.group())  # the index's own analysis of the candidate
            if tuple(folded_view(keys) if folded else keys) == toks:
                spans.append(found.span())
    return spans


@lru_cache(maxsize=4096)
def _loose_regex(tokens: tuple[str, ...]) -> re.Pattern:
    """Matches the tokens in a row, in any case and with any diacritics.

    >>> bool(_loose_regex(("tinh", "uy")).fullmatch("TỈNH  Uỷ"))
    True
    """
    parts = ["".join(_letter_class(c) for c in fold(t)) for t in tokens]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _letter_class(letter: str) -> str:
    spellings = _SPELLINGS.get(letter)
    return f"[{spellings}]" if spellings else re.escape(letter)


def _spellings() -> dict[str, str]:
    """Each ASCII letter -> every Latin letter (Vietnamese ones included) that folds to it."""
    table: dict[str, str] = {}
    for code in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if char.isalpha():
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded.isalpha():
                table[folded] = table.get(folded, "") + char
    return table


_SPELLINGS = _spellings()


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def mark_all(text: str, groups: list[Group], limit: int = MARK_MAX_CHARS) -> str:
    """The whole text, escaped, with every match in its first ``limit`` characters in
    ``<mark>`` (matching costs about a second per 2 MB).

    >>> mark_all("a <b> Tỉnh uỷ", [([(("tỉnh", "ủy"), False)], [])])
    'a &lt;b&gt; <mark>Tỉnh uỷ</mark>'
    >>> mark_all("tại chỗ, tại chỗ", [([(("tại",), False)], [])], limit=4)
    '<mark>tại</mark> chỗ, tại chỗ'
    """
    return _render(text, find_spans(_head(text, limit), groups), 0, len(text))


def _head(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, cut at a space so no word is split."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def snippet(text: str, groups: list[Group], size: int = SNIPPET_TOKENS) -> str:
    """The best passage of ``text``: about ``size`` tokens around the place with the most
    matches (looked for in its first ``SNIPPET_SCAN_CHARS`` characters).

    >>> from search.query import parse_query
    >>> snippet("Theo <b>bốn tại chỗ</b> nhé", patterns_for(parse_query("4 tai cho")))
    'Theo &lt;b&gt;<mark>bốn tại chỗ</mark>&lt;/b&gt; nhé'
    """
    length = len(text.rstrip())
    text = _head(text, SNIPPET_SCAN_CHARS)
    spans = find_spans(text, groups) if groups else []
    width = size * _CHARS_PER_TOKEN
    anchor = 0
    if spans:
        starts = [s for s, _ in spans]
        best_count = -1
        for s in starts:
            lo = max(0, s - width // 4)
            count = bisect_left(starts, lo + width) - bisect_left(starts, lo)
            if count > best_count:
                anchor, best_count = s, count
    region_start = max(0, anchor - width)
    tokens = list(syllable_spans(text[region_start : anchor + 2 * width]))
    if not tokens:
        return ""
    first = max(0, _index_at([t[0] for t in tokens], anchor - region_start) - size // 4)
    last = min(first + size, len(tokens)) - 1
    start, end = region_start + tokens[first][0], region_start + tokens[last][1]
    body = " ".join(_render(text, spans, start, end).split())
    return ("… " if start > 0 else "") + body + (" …" if end < length else "")


def _index_at(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)
