"""A parsed ``Query`` -> plan nodes (``search.plan``): what must match, and what ranks
higher. Engine-free: every engine runs the same nodes.

Rules:
- typed with accents: each unit searches the accented view (both tone placements share one
  key) and, weighted lower, the folded view, so exact-accent hits rank first;
- typed without accents: the folded view only;
- every unit has its equivalent spellings (``analysis.variants``) as alternatives;
- a quoted phrase is only ever that phrase (in either view), even when the words of an
  unquoted query are relaxed to any-word;
- how matches are ordered (tiers and boosts) is ``search.ranking``'s.
"""

from __future__ import annotations

from dataclasses import replace

from indexer import schema as f
from indexer.analysis import Unit, alternatives, fold, folded, variants
from indexer.metadata.numbers import lookup_forms, number_key
from search.plan import All, Any, Everything, Node, Phrase, Prefix, Term, Without
from search.query import Query, Text

FOLDED_WEIGHT = 0.3  # a folded-only hit on an accented query counts this much
MAX_PREFIX_TERMS = 64
VARIANT_WEIGHT = 0.8  # an equivalent spelling (kỹ for kĩ, bốn for 4) counts this much


def _either(nodes: list[Node]) -> Node:
    return nodes[0] if len(nodes) == 1 else Any(tuple(nodes))


def _views(accented: bool) -> list[tuple[str, float, bool]]:
    """(field, weight, is_folded) of the text fields whose matches a query requires: the
    body's views (title and subject are scored as boosts, on the best candidates only)."""
    if not accented:
        return [(f.BODY_FOLDED, 1.0, True)]
    return [(f.BODY, 1.0, False), (f.BODY_FOLDED, FOLDED_WEIGHT, True)]


def _unit(unit: Unit, accented: bool, fields: list[tuple[str, float, bool]]) -> Node:
    alternatives: list[Node] = []
    for name, weight, is_folded in fields:
        tokens = folded(list(unit)) if is_folded and accented else list(unit)
        if len(tokens) == 1:
            alternatives.append(Term(name, tokens[0], boost=weight))
        else:
            alternatives.append(Phrase(name, tuple(tokens), boost=weight))
    return Any(tuple(alternatives))


def _tokens(text: Text, accented: bool) -> list[str]:
    return list(text.tokens) if accented else folded(list(text.tokens))


def text_query(text: Text, accented: bool, any_unit: bool = False) -> Node:
    """All spellings of one word or phrase, in every view the query searches.

    The words of an unquoted sequence must all match, or any of them with ``any_unit``;
    a quoted phrase is always the whole phrase.
    """
    if text.prefix:
        prefix = fold(text.tokens[0]) if accented else text.tokens[0]
        return Prefix(f.BODY_FOLDED, prefix, MAX_PREFIX_TERMS)
    fields = _views(accented)
    options: list[Node] = []
    for variant in variants(_tokens(text, accented), accented=accented):
        if text.phrase:
            options.append(_unit(tuple(t for unit in variant for t in unit), accented, fields))
        else:
            units = tuple(_unit(unit, accented, fields) for unit in variant)
            options.append(Any(units) if any_unit else All(units))
    # the spelling typed first: its hits outrank those of an equivalent spelling
    options[1:] = [replace(o, boost=o.boost * VARIANT_WEIGHT) for o in options[1:]]
    return _either(options)


def any_unit_query(query: Query) -> Node:
    """Long questions: plain BM25 over the body, each distinct unit once (with its
    equivalents), so that no clause counts twice; accented view first when typed so.
    Quoted phrases stay whole."""
    fields = _views(query.accented)
    units: dict[Unit, None] = {}
    for group in query.groups:
        for text in group:
            tokens = _tokens(text, query.accented)
            if text.phrase:
                for variant in variants(tokens, accented=query.accented):
                    units[tuple(t for unit in variant for t in unit)] = None
            else:  # every unit of every step, however many combinations they make
                for options in alternatives(tokens, accented=query.accented):
                    units.update(dict.fromkeys(options))
    return Any(tuple(_unit(unit, query.accented, fields) for unit in units))


def _excluding(positive: Node, query: Query) -> Node:
    if not query.excluded:
        return positive
    return Without(positive, _either([text_query(t, query.accented) for t in query.excluded]))


def required_query(query: Query, any_group: bool = False) -> Node | None:
    """What a document must match (None: nothing asked); ``any_group`` relaxes AND to OR:
    any group, any word of an unquoted sequence, a quoted phrase still whole."""
    if any_group and query.groups and not any(t.prefix for g in query.groups for t in g):
        return _excluding(any_unit_query(query), query)
    groups = [
        _either([text_query(t, query.accented, any_group) for t in group]) for group in query.groups
    ]
    if not groups and not query.excluded:
        return None
    if not groups:
        positive: Node = Everything()
    elif len(groups) == 1:
        positive = groups[0]
    else:
        positive = Any(tuple(groups)) if any_group else All(tuple(groups))
    return _excluding(positive, query)


def can_relax(query: Query) -> bool:
    """Whether an AND query has parts that ``required_query(any_group=True)`` would let
    go: several groups, or an unquoted sequence of several units.

    >>> from search.query import parse_query
    >>> [can_relax(parse_query(q)) for q in ("covid xyzzy", '"chỗ tại"', "covid", "ab*")]
    [True, False, False, False]
    """
    if any(t.prefix for g in query.groups for t in g):
        return False
    if len(query.groups) > 1:
        return True
    return any(not t.phrase and len(t.tokens) > 1 for g in query.groups for t in g)


def number_forms(number: str) -> list[tuple[str, str]]:
    """(field, value) of a number's normalized forms (``numbers.lookup_forms``), looked up
    first and in this order: as written (upper case), and without diacritics.

    >>> number_forms("Số: 12/đa - ubnd")
    [('number', '12/ĐA-UBND'), ('number_folded', '12/DA-UBND')]
    """
    forms = lookup_forms(number)
    return [(f.NUMBER, forms.exact), (f.NUMBER_FOLDED, forms.folded)]


def number_key_form(number: str) -> tuple[str, str]:
    """(field, value) of a number's separator-blind key, the fallback look-up."""
    return f.NUMBER_KEY, number_key(number)


def cited_by_form(number: str) -> tuple[str, str]:
    """(field, value) that the documents citing ``number`` hold."""
    return f.REFERENCE_KEYS, number_key(number)


def number_filter(number: str) -> Node:
    """``number:`` in a query: any of the number's forms."""
    forms = [*number_forms(number), number_key_form(number)]
    return Any(tuple(Term(field, value) for field, value in forms))
