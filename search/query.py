"""The query language: user text in, a parsed ``Query`` out (no engine here).

    words           all must match (a word of several syllables, like ``Covid-19``, is a phrase)
    "a phrase"      syllables in this order, in either view
    -word -"phrase" exclude
    a OR b          either (binds tighter than the implicit AND)
    word*           prefix (at least 2 characters before the ``*``)
    number:342-CV/TU  type:"Công văn"  issuer:"Tỉnh ủy Ninh Bình"  signer:...
    year:2021  year:2019-2021  date:2021-07  date:2021-07-01..2021-09-30

Repairs, documented: smart quotes count as quotes; punctuation outside words is ignored
(``?`` alone is not a wildcard); a ``-`` standing between two words is punctuation
(``kinh tế - xã hội``); ``(`` and ``)`` are ignored. Everything else that cannot be
understood is a ``BadQuery`` whose message says what is wrong.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from indexer.analysis import clean, has_diacritics, syllables
from search.errors import BadQuery

MAX_QUERY_CHARS = 1000
MAX_TERMS = 128
MIN_PREFIX = 2
FACET_FILTERS = {"type": "doc_type", "issuer": "issuer", "signer": "signer"}  # -> facet name
FIELDS = ("number", *FACET_FILTERS, "year", "date")

_TOKEN = re.compile(
    r'(?P<neg>-)?"(?P<phrase>[^"]*)"'
    r'|(?P<field>[A-Za-z_]+):(?:"(?P<fquoted>[^"]*)"|(?P<fvalue>[^\s"]+))'
    r"|(?P<or>OR)(?=\s|$)"
    r'|(?P<nword>-)?(?P<word>[^\s"]+)'
    r'|(?P<quote>")'
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "(": " ", ")": " "})
_NUMBER_LIKE = re.compile(r"^\d+[\w/-]*[-/][\w/-]*[A-Za-zĐđ]")
_BETWEEN_DASH = re.compile(r"(?<=\S)\s+-+(?=\s+\S)")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class Text:
    """A word or phrase: its analyzed tokens (accented keys), in order."""

    tokens: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False


@dataclass
class Query:
    """A parsed query: AND of groups (each an OR of texts), exclusions and field filters."""

    text: str
    groups: list[list[Text]] = field(default_factory=list)
    excluded: list[Text] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    accented: bool = False  # the user typed diacritics somewhere: search accented first
    numbers: list[str] = field(default_factory=list)  # words that look like document numbers

    def terms(self) -> list[str]:
        """Every token of the positive part, for highlighting and suggestions."""
        return [tok for group in self.groups for text in group for tok in text.tokens]


def parse_query(text: str) -> Query:
    """Parse user query text.

    >>> q = parse_query('4 tai cho -"Thanh Hoa" type:CV')
    >>> [[t.tokens for t in g] for g in q.groups], q.excluded[0].tokens, q.filters, q.accented
    ([[('4', 'tai', 'cho')]], ('thanh', 'hoa'), {'type': ['CV']}, False)
    >>> [[t.tokens for t in g] for g in parse_query("covid OR vaccine").groups]
    [[('covid',), ('vaccine',)]]
    >>> parse_query('"tại chỗ')
    Traceback (most recent call last):
    search.errors.BadQuery: unbalanced quote: close the phrase with a second "
    """
    text = clean(text or "").translate(_QUOTES).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"query too long: {len(text)} characters (at most {MAX_QUERY_CHARS})")
    if any(ord(c) < 32 for c in text.replace("\t", " ").replace("\n", " ")):
        text = "".join(c if ord(c) >= 32 else " " for c in text)
    query = Query(text=text)
    text = _BETWEEN_DASH.sub(" ", text)  # "kinh tế - xã hội": a dash between words is punctuation
    items: list[tuple[str, Text | None]] = []
    for match in _TOKEN.finditer(text):
        kind, item = _read_token(match, query)
        if kind:
            items.append((kind, item))
    _group(items, query)
    _join_runs(query)
    query.accented = any(has_diacritics(tok) for tok in _surface_words(query))
    if sum(len(t.tokens) for g in query.groups for t in g) + len(query.excluded) > MAX_TERMS:
        raise BadQuery(f"too many terms (at most {MAX_TERMS})")
    return query


def _surface_words(query: Query) -> list[str]:
    return [tok for group in query.groups for t in group for tok in t.tokens] + [
        tok for t in query.excluded for tok in t.tokens
    ]


def _read_token(match: re.Match, query: Query) -> tuple[str, Text | None]:
    if match.group("quote"):
        raise BadQuery('unbalanced quote: close the phrase with a second "')
    if match.group("or"):
        return "or", None
    if match.group("field") is not None:
        name = match.group("field").lower()
        value = (
            match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
        )
        _add_filter(query, name, value.strip())
        return "", None
    negated = bool(match.group("neg") or match.group("nword"))
    if match.group("phrase") is not None:
        tokens = tuple(syllables(match.group("phrase")))
        if not tokens:
            if negated:
                raise BadQuery('"-" must be followed by a word or a phrase to exclude')
            return "", None
        return ("not" if negated else "text"), Text(tokens, phrase=True)
    word = match.group("word")
    if set(word) <= set("-"):
        raise BadQuery('"-" must be followed by a word or a phrase to exclude')
    item = _word(word)
    if item is None:
        if negated:
            raise BadQuery('"-" must be followed by a word or a phrase to exclude')
        return "", None
    if _NUMBER_LIKE.match(word) and not negated:
        query.numbers.append(word)
    return ("not" if negated else "text"), item


def _word(word: str) -> Text | None:
    if word[:1] in ("*", "?") and any(c.isalnum() for c in word):
        raise BadQuery(f"leading wildcards are not supported: {word!r}")
    prefix = word.endswith("*")
    tokens = tuple(syllables(word))
    if not tokens:
        return None
    if prefix:
        if len(tokens) != 1 or len(tokens[0]) < MIN_PREFIX:
            raise BadQuery(f"a prefix needs at least {MIN_PREFIX} letters before '*': {word!r}")
        return Text(tokens, prefix=True)
    return Text(tokens, phrase=len(tokens) > 1)


def _group(items: list[tuple[str, Text | None]], query: Query) -> None:
    """Join ``a OR b`` into one group; everything else is ANDed."""
    pending_or = False
    for kind, item in items:
        if kind == "or":
            if pending_or or not query.groups or not items:
                raise BadQuery("OR needs a word or phrase on each side")
            pending_or = True
        elif kind == "not":
            if pending_or:
                raise BadQuery("OR cannot join an exclusion; write the exclusion apart")
            query.excluded.append(item)
        elif pending_or:
            query.groups[-1].append(item)
            pending_or = False
        else:
            query.groups.append([item])
    if pending_or:
        raise BadQuery("OR needs a word or phrase on each side")


def _join_runs(query: Query) -> None:
    """Consecutive plain words become one unquoted sequence, so that equivalences can see
    their neighbours (``4 tại chỗ`` <-> ``bốn tại chỗ``, ``vắc xin`` <-> ``vaccine``);
    each word of the sequence must still match, in any order."""
    joined: list[list[Text]] = []
    for group in query.groups:
        text = group[0]
        simple = len(group) == 1 and not text.phrase and not text.prefix
        previous = joined[-1][0] if joined and len(joined[-1]) == 1 else None
        if simple and previous and not previous.phrase and not previous.prefix:
            joined[-1] = [Text(previous.tokens + text.tokens)]
        else:
            joined.append(group)
    query.groups = joined


def _add_filter(query: Query, name: str, value: str) -> None:
    if name not in FIELDS:
        raise BadQuery(f"unknown field {name!r}; fields are: {', '.join(FIELDS)}")
    if not value:
        raise BadQuery(f"{name}: needs a value")
    if name == "year":
        parse_year_range(value)
    if name == "date":
        parse_date_range(value)
    query.filters.setdefault(name, []).append(value)


def parse_year_range(value: str) -> tuple[int, int]:
    """``2021`` or ``2019-2021`` (also ``2019..2021``) as an inclusive range.

    >>> parse_year_range("2021"), parse_year_range("2019-2021")
    ((2021, 2021), (2019, 2021))
    """
    parts = re.split(r"\.\.|-", value)
    if not all(re.fullmatch(r"\d{4}", p) for p in parts) or len(parts) > 2:
        raise BadQuery(f"year must be like 2021 or 2019-2021, not {value!r}")
    low, high = int(parts[0]), int(parts[-1])
    if low > high:
        raise BadQuery(f"year range is backwards: {value!r}")
    return low, high


def parse_date_range(value: str) -> tuple[int, int]:
    """A date, month or year, or ``A..B``, as an inclusive YYYYMMDD range.

    >>> parse_date_range("2021-07"), parse_date_range("2021-07-22")
    ((20210701, 20210731), (20210722, 20210722))
    >>> parse_date_range("2020..2021-06")
    (20200101, 20210630)
    """
    parts = value.split("..")
    if len(parts) > 2 or not all(parts):
        raise BadQuery(f"date must be like 2021-07 or 2021-07-01..2021-09-30, not {value!r}")
    low, _ = _date_bounds(parts[0])
    _, high = _date_bounds(parts[-1])
    if low > high:
        raise BadQuery(f"date range is backwards: {value!r}")
    return low, high


def _date_bounds(text: str) -> tuple[int, int]:
    match = _DATE.match(text.strip())
    if not match:
        raise BadQuery(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        raise BadQuery(f"no such date: {text!r}")
    if month is None:
        return year * 10000 + 101, year * 10000 + 1231
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + last
    return (year * 10000 + month * 100 + day,) * 2
