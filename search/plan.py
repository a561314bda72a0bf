"""The engine seam, read side: our own query representation and search plan, and the
``Reader`` protocol every engine implements (the write side is ``indexer.engine``).

Everything above the seam (parsing, equivalences, facet tolerance, highlighting,
suggestions) builds a ``Plan`` from these plain nodes; an engine (a folder of
``search/engines``) only runs it. Field names are those of ``indexer.schema``.

Scoring is BM25 with Lucene's probabilistic idf over global statistics, ``K1``/``B``
below: a clause's score is multiplied by its boost, and the scores of the clauses that
match are added up (``All``, ``Any``), as in Lucene's BooleanQuery. A ``Term`` on a
keyword field (numbers, references, facets) scores its boost alone, and a ``Phrase``
scores the sum of its words' scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from math import log
from typing import Protocol, Union

from indexer.vocabulary import Vocabulary

K1, B = 1.2, 0.75  # BM25 parameters, the same in every engine


def probabilistic_idf(n: int, total: int) -> float:
    """Lucene's BM25 idf of a term in ``n`` of ``total`` documents (not Whoosh's
    ``log(N / (n + 1)) + 1``, whose ``+ 1`` gives words in every document, ``của``,
    ``các``, ``theo``, weight near that of rare ones and drowns long questions).

    >>> round(probabilistic_idf(1, 1000), 2), round(probabilistic_idf(999, 1000), 4)
    (6.5, 0.0015)
    """
    return log(1 + (total - n + 0.5) / (n + 0.5))


@dataclass(frozen=True, slots=True)
class Term:
    """One index token in one field (a text field's key, or a keyword field's value)."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    """Tokens in a row in one field; ``slop`` 1 means adjacent, 2 one gap allowed..."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Prefix:
    """Tokens of ``field`` that begin with ``prefix``: at most ``limit`` of them, the first
    in the field's sorted vocabulary, each scored as a ``Term``."""

    field: str
    prefix: str
    limit: int = 64
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class All:
    """Every clause must match; scores add up."""

    clauses: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Any:
    """At least one clause must match; the scores of those that match add up."""

    clauses: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Without:
    """``positive``, except the documents that match ``negative`` (which scores nothing)."""

    positive: Node
    negative: Node


@dataclass(frozen=True, slots=True)
class Range:
    """An integer keyword field (``DAY``: YYYYMMDD) between ``low`` and ``high``, inclusive;
    a filter, it scores nothing."""

    field: str
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Everything:
    """Every document (scores nothing)."""


Node = Union[Term, Phrase, Prefix, All, Any, Without, Range, Everything]  # noqa: UP007

YEAR, MONTH = "year", "month"  # the derived facets every engine counts from DAY


@dataclass(frozen=True, slots=True)
class Plan:
    """One search, engine-free.

    - ``required``: what a document must match, scored (None: every document, unscored);
    - ``boosts``: named optional clauses (``search.ranking``: proximity, fields, words...),
      scored on every match and added to its score;
    - ``tiers``: nodes, best first: ranked by relevance, a match's tier is ``len(tiers) - i``
      for the first ``tiers[i]`` it matches (0 when none), and a higher tier always comes
      first; the score orders within a tier, then the id. The order is therefore a function
      of the plan's query and filters alone, never of the page asked for;
    - ``filters``: nodes a document must also match, not scored;
    - ``selections``: facet name -> exact labels, OR within one facet, AND across facets;
      the facet ``year`` takes years as strings;
    - ``facets``: the facets to count; each counts under every selection but its own;
    - ``histogram``: ``YEAR`` or ``MONTH`` to count documents per key (YYYY or YYYYMM);
    - ``sort``: relevance (tier, score, then id), newest or oldest (day, then id; undated
      last);
    - ``offset``/``limit``: the page of hits to return (``limit`` None: all of them);
    - ``explain``: also return each hit's tier and the parts of its score.
    """

    required: Node | None = None
    boosts: tuple[tuple[str, Node], ...] = ()
    tiers: tuple[Node, ...] = ()
    filters: tuple[Node, ...] = ()
    selections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facets: tuple[str, ...] = ()
    histogram: str | None = None
    sort: str = "relevance"
    offset: int = 0
    limit: int | None = 20
    time_budget: float = 5.0  # seconds; an engine past it raises ``SearchTimeout``
    explain: bool = False


@dataclass(slots=True)
class Answer:
    """What an engine answers to a ``Plan``.

    ``hits`` are (document id, score) in order (score None when not ranked by relevance);
    ``tiers`` the tier of each hit when ranked by relevance (else empty); ``parts``, with
    ``explain``, each hit's score by part (``terms`` for ``required``, then each boost's
    name); ``facets`` map each counted facet to {label: count} (labels with a count above
    0); ``histogram`` is [(key, count)] ascending; ``partial`` is true when part of a
    distributed index did not answer, and ``missing`` names what did not.
    """

    total: int
    hits: list[tuple[str, float | None]]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    histogram: list[tuple[int, int]] = field(default_factory=list)
    partial: bool = False
    missing: list[str] = field(default_factory=list)
    tiers: list[int] = field(default_factory=list)
    parts: list[dict[str, float]] = field(default_factory=list)


class Reader(Protocol):
    """The read side of an engine: one open index (refreshed as it changes)."""

    name: str  # the engine's name, that of its folder

    def snapshot(self) -> AbstractContextManager:
        """A context in which every call sees the same version of the index (as far as
        the engine can promise it; one search makes several calls)."""

    def run(self, plan: Plan) -> Answer:
        """Run one plan."""

    def records(self, ids: list[str]) -> dict[str, dict]:
        """The stored records (``Document.to_dict()``, with body) of those ids that exist."""

    def ids_with(self, field: str, value: str) -> list[str]:
        """Ids of live documents whose keyword ``field`` holds exactly ``value``, sorted
        (number look-ups, "cited by")."""

    def terms(self, field: str) -> Iterable[tuple[str, int]]:
        """Every token of ``field`` with its document frequency (suggestions, facet
        labels)."""

    def vocabulary(self) -> Vocabulary | None:
        """The suggestion vocabulary the engine's writer stored for this version of the
        index, or None (it is then built from ``terms``)."""

    def document_count(self) -> int:
        """Live documents."""

    def version(self) -> str:
        """A string that changes whenever the index does (caches above the seam, such as
        the suggestion vocabulary, are kept per version); it may change more often."""

    def health(self) -> dict:
        """What ``/healthz`` shows of the engine (for Solr: live nodes and shards)."""

    def close(self) -> None: ...
