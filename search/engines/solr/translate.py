"""Plan nodes -> Lucene query syntax, for Solr's standard query parser.

Scores mean what ``search.plan`` says (BM25, clause scores added up): a text term is
Lucene's BM25 term query; a term of a keyword field scores its boost, flat (as in
Whoosh, where such fields are not scorable); a phrase must match (slop 1 = adjacent =
Lucene slop 0) and scores the sum of its words' BM25 scores; filters score nothing.
Lucene's BM25 leaves out the constant factor ``K1 + 1`` that ours has, so flat scores
are divided by it here and every score is multiplied by it when read back (``SCALE``).
"""

from __future__ import annotations

import re

from indexer import schema as f
from search.plan import K1, All, Any, Everything, Node, Phrase, Prefix, Range, Term, Without

SCALE = K1 + 1.0
TIER = "tier"  # the pseudo-field of a hit's tier (``tier_sort``)
TEXT_FIELDS = frozenset({*f.ACCENTED_FIELDS, *f.FOLDED_FIELDS, f.WORDS})
NOTHING = "(+*:* -*:*)"
SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/\s])')


def escape(token: str) -> str:
    r"""A token as one Lucene term, every query-syntax character escaped.

    >>> escape("342-cv/tu"), escape("a:b")
    ('342\\-cv\\/tu', 'a\\:b')
    """
    return SPECIAL.sub(r"\\\1", token)


def quote(value: str) -> str:
    r"""A value as a quoted Lucene string (a whole keyword, or the words of a phrase).

    >>> quote('Ủy ban "X"')
    '"Ủy ban \\"X\\""'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _boosted(query: str, boost: float) -> str:
    return query if boost == 1.0 else f"({query})^{boost:g}"


def flat(query: str, score: float) -> str:
    """``query`` scoring ``score`` (in our scale) on every match."""
    return f"({query})^={score / SCALE:.6g}"


def to_lucene(node: Node, expand) -> str:
    """Lucene syntax for ``node``; ``expand(field, prefix, limit)`` lists a prefix's terms.

    >>> to_lucene(All((Term("body", "tại"), Phrase("body", ("tại", "chỗ")))), None)
    '(+body:tại +(+(body:"tại chỗ"~0)^=0 body:tại body:chỗ))'
    >>> to_lucene(Any((Term("number_key", "342CVTU", 50.0),)), None)
    '((number_key:"342CVTU")^=22.7273)'
    """
    if isinstance(node, Term):
        if node.field in TEXT_FIELDS:
            return _boosted(f"{node.field}:{escape(node.text)}", node.boost)
        return flat(f"{node.field}:{quote(node.text)}", node.boost)
    if isinstance(node, Phrase):
        return _boosted(_phrase(node), node.boost)
    if isinstance(node, Prefix):
        terms = expand(node.field, node.prefix, node.limit)
        inner = Any(tuple(Term(node.field, t) for t in terms), node.boost)
        return to_lucene(inner, expand)
    if isinstance(node, All | Any):
        if not node.clauses:
            return NOTHING
        sign = "+" if isinstance(node, All) else ""
        parts = " ".join(sign + to_lucene(c, expand) for c in node.clauses)
        return _boosted(f"({parts})", node.boost)
    if isinstance(node, Without):
        return f"(+{to_lucene(node.positive, expand)} -{to_lucene(node.negative, expand)})"
    if isinstance(node, Range):
        return f"({node.field}:[{node.low} TO {node.high}])^=0"
    if isinstance(node, Everything):
        return "(*:*)^=0"
    raise TypeError(f"cannot translate {type(node).__name__} nodes")


def _phrase(node: Phrase) -> str:
    """Words in a row: must match as a phrase (scoring 0), scored by its words."""
    if len(node.words) == 1:
        return f"{node.field}:{escape(node.words[0])}"
    phrase = f"{node.field}:{quote(' '.join(node.words))}~{max(node.slop - 1, 0)}"
    words = " ".join(f"{node.field}:{escape(w)}" for w in node.words)
    return f"(+({phrase})^=0 {words})"


def tier_sort(nodes: tuple[Node, ...], expand) -> tuple[str, dict]:
    """A function query giving each match its tier (``search.plan.Plan.tiers``: the
    first node matched, best first), and the request parameters it reads.

    >>> function, params = tier_sort((Term("body", "chỗ"), Term("body_folded", "cho")), None)
    >>> function, params["tier1"]
    ('if(query($tier0,0),2,if(query($tier1,0),1,0))', '(body_folded:cho)^=1')
    """
    params = {f"tier{i}": f"({to_lucene(node, expand)})^=1" for i, node in enumerate(nodes)}
    function = "0"
    for i in reversed(range(len(nodes))):
        function = f"if(query($tier{i},0),{len(nodes) - i},{function})"
    return function, params


def selection_filter(field: str, labels: tuple[str, ...]) -> str:
    """Documents whose keyword ``field`` is one of ``labels``, tagged so its own facet
    can count without it.

    >>> selection_filter("year", ("2021", "2022"))
    '{!tag=sel_year}year:("2021" OR "2022")'
    """
    values = " OR ".join(quote(label) for label in labels)
    return f"{{!tag=sel_{field}}}{field}:({values})"
