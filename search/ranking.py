"""How matches are ordered: what was typed, side by side, first (``Plan.tiers``), then BM25
and the boosts within a tier (``Plan.boosts``). Engine-free, like ``search.compile``.

Tiers, best first; a match's tier is the first it reaches in every group of the query:

- ``number``: a document number typed in the query (``342-CV/TU``, ``342 cv tu``) is its;
- ``exact``: each text as typed, its syllables side by side, in the accented body (typed
  without accents, or with accents that the archive does not write: also its likeliest
  accented form, ``search.suggest``);
- ``equivalent``: the same through the analysis' equivalences (``bốn`` for ``4``, ``kỹ``
  for ``kĩ``, ``Ủy ban nhân dân`` for ``UBND``);
- ``folded``: the folded syllables side by side (of any equivalent);
- ``words``: every word in its accented form, not side by side;
- below them (tier 0): the other matches (some word only through the folded view).

Long questions (``long``) get no tiers, since no document holds a whole question: they
are ranked by BM25 and proximity. Boosts, scored on every match and added to the BM25 of
what the query requires (``terms``): ``proximity`` (each pair of adjacent query syllables
found adjacent), ``fields`` (the query in the title and subject, with their weights),
``words`` (underthesea words of an accented query) and ``restored`` (the likeliest
accented form of a query typed without accents, or with misplaced ones).
"""

from __future__ import annotations

from functools import lru_cache

from indexer import schema as f
from indexer.analysis import folded, variants, words
from indexer.metadata.numbers import number_key
from search.compile import FOLDED_WEIGHT
from search.plan import All, Any, Everything, Node, Phrase, Term
from search.query import Query, Text

TIERS = ("number", "exact", "equivalent", "folded", "words")  # best first
TIER_NAMES = {len(TIERS) - i: name for i, name in enumerate(TIERS)} | {0: "other"}
NOTHING = Any(())
# Tiers read the body, which holds the whole text (title and subject lines too): a title
# or subject weighs within a tier (``fields``), never lifts a document above another tier.
ACCENTED = (f.BODY,)
FOLDED = (f.BODY_FOLDED,)
PAIR_BOOST = 1.5  # each pair of adjacent query syllables found adjacent (proximity)
MIN_PROXIMITY = 3  # syllables: the pair of a two-syllable sequence is its tier already
TITLE_PHRASE_BOOST = 2.0  # the whole query side by side in the title
WORD_BOOST = 0.3
RESTORED_WEIGHT = 0.5  # the likeliest accented form of what was typed
MAX_WORD_VARIANTS = 4
MAX_NUMBER_SYLLABLES = 6  # a number typed with spaces: ``342 cv tu``, ``1102 cđ ttg``


def _either(nodes: list[Node]) -> Node:
    unique = list(dict.fromkeys(nodes))
    if not unique:
        return NOTHING
    return unique[0] if len(unique) == 1 else Any(tuple(unique))


def _all(nodes: list[Node]) -> Node:
    if not nodes or NOTHING in nodes:
        return NOTHING
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))


def side_by_side(tokens: tuple[str, ...], fields: tuple[str, ...]) -> Node:
    """``tokens`` in a row in any of ``fields``.

    >>> side_by_side(("tại", "chỗ"), ("body",))
    Phrase(field='body', words=('tại', 'chỗ'), slop=1, boost=1.0)
    """
    return _either(
        [Term(n, tokens[0]) if len(tokens) == 1 else Phrase(n, tuple(tokens)) for n in fields]
    )


def _flat(variant) -> tuple[str, ...]:
    return tuple(t for unit in variant for t in unit)


def levels(text: Text, accented: tuple[str, ...] | None) -> dict[str, Node]:
    """The text tiers of one text (``TIERS`` but ``number``): ``accented`` is its accented
    form (as typed, restored or corrected; None: unknown). What was typed, letter for
    letter, is always ``exact`` too (``mang thai`` typed without accents is also a phrase
    the archive may write so)."""
    if text.prefix:
        return dict.fromkeys(TIERS[1:], Everything())
    plain = tuple(folded(list(text.tokens)))
    folded_node = _either(
        [side_by_side(_flat(v), FOLDED) for v in variants(list(plain), accented=False)]
    )
    typed = side_by_side(text.tokens, ACCENTED)
    if accented is None:
        return {"exact": typed, "equivalent": NOTHING, "folded": folded_node,
                "words": folded_node}  # fmt: skip
    options = variants(list(accented))
    scattered = _either([All(tuple(side_by_side(u, ACCENTED) for u in v)) for v in options])
    return {
        "exact": _either([side_by_side(accented, ACCENTED), typed]),
        "equivalent": _either([side_by_side(_flat(v), ACCENTED) for v in options]),
        "folded": folded_node,
        "words": _either([scattered, folded_node]),
    }


def accented_forms(query: Query, typed_right: Query | None) -> list[list[tuple | None]]:
    """Per group and text, its accented tokens: as typed when typed with accents, else from
    ``typed_right`` (the restored or corrected query, of the same shape), else None."""
    shape = [[len(t.tokens) for t in g] for g in query.groups]
    if typed_right is not None and [[len(t.tokens) for t in g] for g in typed_right.groups] == (
        shape
    ):
        return [[t.tokens for t in g] for g in typed_right.groups]
    return [[t.tokens if query.accented else None for t in g] for g in query.groups]


def tiers(query: Query, typed_right: Query | None = None) -> tuple[Node, ...]:
    """The nodes of ``TIERS`` for a query (``typed_right``: its restored or corrected form)."""
    forms = accented_forms(query, typed_right)
    per_text = [
        [levels(text, form) for text, form in zip(group, group_forms, strict=True)]
        for group, group_forms in zip(query.groups, forms, strict=True)
    ]
    nodes: list[Node] = [number_tier(query)]
    for name in TIERS[1:]:
        groups = [_either([lv[name] for lv in group]) for group in per_text]
        nodes.append(_all(groups))
    return tuple(nodes)


def number_keys(query: Query) -> list[str]:
    """The separator-blind keys of the document numbers a query may hold: words that look
    like numbers, and runs of syllables that begin with digits and hold a letter.

    >>> from search.query import parse_query
    >>> number_keys(parse_query("342 cv tu covid"))[:3]
    ['342CV', '342CVTU', '342CVTUCOVID']
    >>> number_keys(parse_query("Công văn 342-CV/TU")), number_keys(parse_query("4 tại chỗ"))
    (['342CVTU', '342CV'], ['4TAI', '4TAICHO'])
    """
    keys = [number_key(n) for n in query.numbers]
    for group in query.groups:
        for text in group:
            tokens = text.tokens
            for i, token in enumerate(tokens):
                if not token[:1].isdigit():
                    continue
                for end in range(i + 2, min(len(tokens), i + MAX_NUMBER_SYLLABLES) + 1):
                    keys.append(number_key(" ".join(tokens[i:end])))
    return [k for k in dict.fromkeys(keys) if k and any(c.isalpha() for c in k)]


def number_tier(query: Query) -> Node:
    return _either([Term(f.NUMBER_KEY, key) for key in number_keys(query)])


def _sequence(query: Query) -> list[str]:
    """The tokens of the query's plain words (groups of one unquoted text), in order."""
    return [tok for g in query.groups if len(g) == 1 for t in g if not t.phrase for tok in t.tokens]


def proximity(tokens: list[str], field: str, accented: bool = True) -> list[Node]:
    """Each pair of adjacent tokens (in any equivalent spelling of the sequence), found
    adjacent in ``field`` (a two-syllable word, whatever the segmentation of a question)."""
    pairs: dict[tuple[str, str], None] = {}
    for variant in variants(tokens, accented=accented):
        flat = _flat(variant)
        pairs.update(dict.fromkeys(zip(flat, flat[1:], strict=False)))
    return [Phrase(field, pair, slop=1, boost=PAIR_BOOST) for pair in pairs]


def _headings(query: Query) -> list[Node]:
    """Every unit of the query (with its equivalents) in the title and subject views."""
    fields = [(n, w) for n, w in f.FOLDED_FIELDS.items() if n != f.BODY_FOLDED]
    if query.accented:  # a folded-only match counts less, as in ``search.compile``
        fields = [(n, w) for n, w in f.ACCENTED_FIELDS.items() if n != f.BODY] + [
            (n, w * FOLDED_WEIGHT) for n, w in fields
        ]
    nodes: list[Node] = []
    for group in query.groups:
        for text in group:
            if text.prefix:
                continue
            for variant in variants(list(text.tokens), accented=query.accented):
                for unit in variant:
                    nodes.append(_either([_boosted(unit, n, w) for n, w in fields]))
    sequence = _sequence(query)
    if len(sequence) >= 2:
        title = tuple(folded(sequence))
        nodes.append(Phrase(f.TITLE_FOLDED, title, slop=1, boost=TITLE_PHRASE_BOOST))
    return nodes


def _boosted(unit: tuple[str, ...], field: str, weight: float) -> Node:
    tokens = unit if not field.endswith("_folded") else tuple(folded(list(unit)))
    if len(tokens) == 1:
        return Term(field, tokens[0], boost=weight)
    return Phrase(field, tokens, boost=weight)


@lru_cache(maxsize=4096)
def _segmented(text: str) -> tuple[str, ...]:
    """underthesea's words of a query's text (a search plans more than once)."""
    return tuple(words(text))


def _words(query: Query) -> list[Node]:
    """The underthesea words of the query's text, in each equivalent spelling (at most
    ``MAX_WORD_VARIANTS``) of each text."""
    found: set[str] = set()
    for group in query.groups:
        for text in group:
            for variant in variants(list(text.tokens))[:MAX_WORD_VARIANTS]:
                found.update(_segmented(" ".join(_flat(variant))))
    return [Term(f.WORDS, w, boost=WORD_BOOST) for w in sorted(found)]


def boosts(query: Query, typed_right: Query | None, long: bool) -> tuple[tuple[str, Node], ...]:
    """The named boosts of a query (``typed_right``: its restored or corrected form)."""
    out: list[tuple[str, Node]] = []
    sequence = _sequence(query)
    if len(sequence) >= MIN_PROXIMITY:
        field = f.BODY if query.accented else f.BODY_FOLDED
        tokens = sequence if query.accented else folded(sequence)
        out.append(("proximity", _either(proximity(tokens, field, query.accented))))
    if not long and query.groups:
        out.append(("fields", _either(_headings(query))))
    if query.accented and query.groups:
        out.append(("words", _either(_words(query))))
    if typed_right is not None and typed_right.groups:
        out.append(("restored", restored(typed_right)))
    return tuple((name, node) for name, node in out if node != NOTHING)


def restored(right: Query) -> Node:
    """The accented form's units in the body and its words, weighted ``RESTORED_WEIGHT``
    (its phrase is the ``exact`` tier already): a boost only, it never changes which
    documents match.

    >>> from search.query import parse_query
    >>> restored(parse_query("tại chỗ")).clauses[:2]
    (Term(field='body', text='tại', boost=1.0), Term(field='body', text='chỗ', boost=1.0))
    """
    units: dict[tuple[str, ...], None] = {}
    for group in right.groups:
        for text in group:
            for variant in variants(list(text.tokens)):
                if text.phrase:
                    units[_flat(variant)] = None
                else:
                    units.update(dict.fromkeys(variant))
    nodes = [side_by_side(unit, (f.BODY,)) for unit in units]
    nodes += _words(right)
    return Any(tuple(dict.fromkeys(nodes)), boost=RESTORED_WEIGHT)
