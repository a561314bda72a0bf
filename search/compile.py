"""A parsed ``Query`` -> Whoosh queries: what must match, and what ranks higher.

With ``searcher.py``, the only module that knows the engine. Rules:
- typed with accents: each unit searches the accented view (both tone placements share one
  key) and, weighted lower, the folded view, so exact-accent hits rank first;
- typed without accents: the folded view only;
- every unit has its equivalent spellings (``analysis.variants``) as alternatives;
- scoring boosts, never filters: the whole query as a phrase, underthesea words, and a
  document number typed as the query.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh import scoring

from indexer import schema as f
from indexer.analysis import Unit, fold, folded, variants, words
from indexer.numbers import lookup_forms, number_key
from search.postings import probabilistic_idf
from search.query import Query, Text

FOLDED_WEIGHT = 0.3  # a folded-only hit on an accented query counts this much
PHRASE_BOOST = 2.0
WORD_BOOST = 1.5
NUMBER_BOOST = 50.0
MAX_PREFIX_TERMS = 64


class Weighting(scoring.BM25F):
    """BM25F with the probabilistic idf (as in Lucene's BM25), not Whoosh's
    ``log(N / (n + 1)) + 1``, whose ``+ 1`` gives words in every document (``của``,
    ``các``, ``theo``) weight near that of rare ones and drowns long questions."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        return probabilistic_idf(parent.doc_frequency(fieldname, text), parent.doc_count_all())


WEIGHTING = Weighting(B=0.75, K1=1.2)


def _views(accented: bool) -> list[tuple[str, float, bool]]:
    """(field, weight, is_folded) of the text fields whose matches a query requires: the
    body's views (title and subject are scored as boosts, on the best candidates only)."""
    if not accented:
        return [(f.BODY_FOLDED, 1.0, True)]
    return [(f.BODY, 1.0, False), (f.BODY_FOLDED, FOLDED_WEIGHT, True)]


def _heading_views(accented: bool) -> list[tuple[str, float, bool]]:
    fields = [(name, w, True) for name, w in f.FOLDED_FIELDS.items() if name != f.BODY_FOLDED]
    if not accented:
        return fields
    accented_fields = [(n, w, False) for n, w in f.ACCENTED_FIELDS.items() if n != f.BODY]
    return accented_fields + [(n, w * FOLDED_WEIGHT, True) for n, w, _ in fields]


def _unit(unit: Unit, accented: bool, fields: list[tuple[str, float, bool]]) -> wq.Query:
    alternatives = []
    for name, weight, is_folded in fields:
        tokens = folded(list(unit)) if is_folded and accented else list(unit)
        if len(tokens) == 1:
            alternatives.append(wq.Term(name, tokens[0], boost=weight))
        else:
            alternatives.append(wq.Phrase(name, tokens, boost=weight))
    return wq.Or(alternatives)


def _prefix(token: str, reader, accented: bool) -> wq.Query:
    """A bounded prefix query: at most ``MAX_PREFIX_TERMS`` words of the folded body."""
    prefix = fold(token) if accented else token
    expanded = []
    for term in reader.expand_prefix(f.BODY_FOLDED, prefix):
        expanded.append(term.decode() if isinstance(term, bytes) else term)
        if len(expanded) >= MAX_PREFIX_TERMS:
            break
    return wq.Or([wq.Term(f.BODY_FOLDED, t) for t in expanded]) if expanded else wq.NullQuery


def text_query(text: Text, accented: bool, reader, any_unit: bool = False) -> wq.Query:
    """All spellings of one word or phrase, in every view the query searches.

    The words of an unquoted sequence must all match, or any of them with ``any_unit``.
    """
    if text.prefix:
        return _prefix(text.tokens[0], reader, accented)
    fields = _views(accented)
    tokens = list(text.tokens) if accented else folded(list(text.tokens))
    options = []
    for variant in variants(tokens, accented=accented):
        if text.phrase:
            options.append(_unit(tuple(t for unit in variant for t in unit), accented, fields))
        else:
            units = [_unit(unit, accented, fields) for unit in variant]
            options.append(wq.Or(units) if any_unit else wq.And(units))
    return options[0] if len(options) == 1 else wq.Or(options)


def any_unit_query(query: Query) -> wq.Query:
    """Long questions: plain BM25 over the body, each distinct unit once (with its
    equivalents), so that no clause counts twice; accented view first when typed so."""
    fields = _views(query.accented)
    units: dict[Unit, None] = {}
    for group in query.groups:
        for text in group:
            tokens = list(text.tokens) if query.accented else folded(list(text.tokens))
            for variant in variants(tokens, accented=query.accented):
                units.update(dict.fromkeys(variant))
    return wq.Or([_unit(unit, query.accented, fields) for unit in units])


def required_query(query: Query, reader, any_group: bool = False) -> wq.Query | None:
    """What a document must match; ``any_group`` relaxes AND to OR (long questions)."""
    if any_group and query.groups and not any(t.prefix for g in query.groups for t in g):
        relaxed = any_unit_query(query)
        if query.excluded:
            excluded = wq.Or([text_query(t, query.accented, reader) for t in query.excluded])
            return wq.AndNot(relaxed, excluded)
        return relaxed
    groups = [
        wq.Or([text_query(t, query.accented, reader, any_group) for t in group])
        if len(group) > 1
        else text_query(group[0], query.accented, reader, any_group)
        for group in query.groups
    ]
    positive: wq.Query
    if not groups:
        positive = wq.Every()
    elif len(groups) == 1:
        positive = groups[0]
    else:
        positive = wq.Or(groups) if any_group else wq.And(groups)
    if query.excluded:
        excluded = wq.Or([text_query(t, query.accented, reader) for t in query.excluded])
        positive = wq.AndNot(positive, excluded)
    if not groups and not query.excluded:
        return None
    return positive


def boost_query(query: Query, headings: bool = True) -> wq.Query | None:
    """Optional clauses that lift the best hits: phrase, whole words, the number itself,
    and (``headings``) the query's words in the title and subject."""
    boosts: list[wq.Query] = []
    if headings:
        fields = _heading_views(query.accented)
        for group in query.groups:
            for text in group:
                tokens = list(text.tokens) if query.accented else folded(list(text.tokens))
                for variant in variants(tokens, accented=query.accented):
                    boosts.extend(_unit(unit, query.accented, fields) for unit in variant)
    single = [
        tok for g in query.groups if len(g) == 1 for t in g if not t.phrase for tok in t.tokens
    ]
    if len(single) >= 2:
        name = f.BODY if query.accented else f.BODY_FOLDED
        tokens = single if query.accented else folded(single)
        boosts.append(wq.Phrase(name, tokens, slop=1, boost=PHRASE_BOOST))
        boosts.append(wq.Phrase(f.TITLE_FOLDED, folded(single), slop=1, boost=PHRASE_BOOST))
    if query.accented and query.groups:
        plain = " ".join(" ".join(t.tokens) for g in query.groups for t in g)
        boosts.extend(wq.Term(f.WORDS, w, boost=WORD_BOOST) for w in set(words(plain)))
    boosts.extend(wq.Term(f.NUMBER_KEY, number_key(n), boost=NUMBER_BOOST) for n in query.numbers)
    if not boosts:
        return None
    return boosts[0] if len(boosts) == 1 else wq.Or(boosts)


def number_query(number: str, exact: bool = True) -> wq.Query:
    """A document-number lookup: normalized forms first, separator-blind when not ``exact``."""
    if exact:
        forms = lookup_forms(number)
        return wq.Or([wq.Term(f.NUMBER, forms.exact), wq.Term(f.NUMBER_FOLDED, forms.folded)])
    return wq.Term(f.NUMBER_KEY, number_key(number))


def number_queries(number: str) -> list[wq.Query]:
    """A number look-up's queries, most exact first (``numbers.lookup_forms``): the first
    that finds something answers, so ``12/ĐA-UBND`` does not find ``12/DA-UBND``."""
    forms = lookup_forms(number)
    return [
        wq.Term(f.NUMBER, forms.exact),
        wq.Term(f.NUMBER_FOLDED, forms.folded),
        wq.Term(f.NUMBER_KEY, forms.key),
    ]


def cited_by_query(number: str) -> wq.Query:
    return wq.Term(f.REFERENCE_KEYS, number_key(number))
