"""The suggestion vocabulary of an index: for each folded form of a word (underthesea's
``words`` field) and of a syllable (``body``), its most frequent accented spelling; the
document frequency of every other spelling (to tell a likely spelling from a slip); and
the set of folded syllables (``body_folded``).

It is built from any engine's terms (``from_terms``), above the seam; an engine's writer
may also build it at index time and store it (``write``), so that a freshly started server
does not spend seconds merging every term of the index before its first unaccented query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer import pickled
from indexer import schema as f
from indexer.analysis import fold, fold_keys

Terms = Callable[[str], Iterable[tuple[str, int]]]  # field -> (token, document frequency)


@dataclass
class Vocabulary:
    """folded form -> (most frequent accented form, its document frequency); ``others``:
    every other spelling (words joined by ``_``) -> its document frequency."""

    words: dict[str, tuple[str, int]] = field(default_factory=dict)
    syllables: dict[str, tuple[str, int]] = field(default_factory=dict)
    folded: set[str] = field(default_factory=set)
    others: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_terms(cls, terms: Terms) -> Vocabulary:
        """The vocabulary of an index whose field -> terms function is ``terms``."""
        words, syllables = list(terms(f.WORDS)), list(terms(f.BODY))
        best = best_forms(words), best_forms(syllables)
        return cls(
            words=best[0],
            syllables=best[1],
            folded={text for text, _ in terms(f.BODY_FOLDED)},
            others=other_forms(words, best[0]) | other_forms(syllables, best[1]),
        )

    def count(self, form: str) -> int:
        """The document frequency of one accented spelling (a word joined by ``_``).

        >>> v = Vocabulary(syllables={"uy": ("ủy", 9)}, others={"uỷ": 2})
        >>> v.count("ủy"), v.count("uỷ"), v.count("ũy")
        (9, 2, 0)
        """
        best = (self.words if "_" in form else self.syllables).get(fold(form))
        if best is not None and best[0] == form:
            return best[1]
        return self.others.get(form, 0)

    def write(self, path: Path) -> None:
        """Store it in ``path`` atomically (a reader never sees half a file)."""
        pickled.write(path, (self.words, self.syllables, self.folded, self.others))

    @classmethod
    def read(cls, path: Path) -> Vocabulary | None:
        """The vocabulary stored in ``path``; None when there is none or it is damaged
        (the caller builds it from the terms instead)."""
        stored = pickled.read(path)
        try:
            words, syllables, folded, others = stored
        except (TypeError, ValueError):  # None, an older file, or not what ``write`` stores
            return None
        return cls(words, syllables, folded, others)


def best_forms(terms: Iterable[tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """folded form -> its most frequent spelling among ``terms``; of equally frequent ones,
    the first in text order.

    >>> best_forms([("tài", 3), ("tại", 9), ("tai", 1), ("chỗ", 4), ("chổ", 2)])
    {'tai': ('tại', 9), 'cho': ('chỗ', 4)}
    >>> best_forms([("tái", 5), ("tài", 5)])
    {'tai': ('tài', 5)}
    """
    ordered = sorted(terms)
    if not ordered:
        return {}
    texts = [text for text, _ in ordered]
    freqs = np.fromiter((freq for _, freq in ordered), dtype=np.int64, count=len(ordered))
    folds = fold_keys(texts)
    # Ascending frequency, equal ones later in text order first: dict() keeps the last.
    order = np.lexsort((-np.arange(len(texts)), freqs)).tolist()
    return dict(zip([folds[i] for i in order], [ordered[i] for i in order], strict=True))


def other_forms(terms: list[tuple[str, int]], best: dict[str, tuple[str, int]]) -> dict[str, int]:
    """Every spelling in ``terms`` that is not the best of its folded form.

    >>> other_forms([("tài", 3), ("tại", 9)], {"tai": ("tại", 9)})
    {'tài': 3}
    """
    kept = {form for form, _ in best.values()}
    return {text: freq for text, freq in terms if text not in kept}
