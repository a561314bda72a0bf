"""Facets above the engine seam: which exact labels a user's selection means, and the
counts an engine returns shaped for display.

A selection is tolerant (``cong van`` and ``CV`` select ``Công văn``); an engine is given
the exact labels it matches, taken from the index's own facet vocabulary. A facet's
counts apply every selection except its own, so the user can widen it again.
"""

from __future__ import annotations

from indexer.analysis import fold
from search.models import FacetValue
from search.plan import YEAR

MAX_FACET_VALUES = 30


def label_matches(value: str, label: str) -> bool:
    """A selected value matches a label without case or accents, or as its initials.

    >>> label_matches("cong van", "Công văn"), label_matches("CV", "Công văn")
    (True, True)
    >>> label_matches("Thông báo", "Công văn")
    False
    """
    a, b = fold(value).strip(), fold(label).strip()
    return bool(label) and (a == b or a.replace(" ", "") == "".join(w[0] for w in b.split()))


def selected_labels(values: list[str], labels: list[str]) -> tuple[str, ...]:
    """The labels (of ``labels``, the facet's vocabulary) that ``values`` select.

    >>> selected_labels(["cong van"], ["Công văn", "Thông báo"])
    ('Công văn',)
    >>> selected_labels(["không có"], ["Công văn"])
    ()
    """
    return tuple(label for label in labels if any(label_matches(v, label) for v in values))


def facet_values(
    name: str, counts: dict[str, int], selected: list[str], chosen: tuple[str, ...] = ()
) -> list[FacetValue]:
    """An engine's {label: count} for display: the most frequent first (ties by label), at
    most ``MAX_FACET_VALUES``; the ``chosen`` labels (those ``selected`` means) are kept
    even at zero; years newest first.

    >>> [(v.value, v.count, v.selected) for v in facet_values("doc_type",
    ...     {"Thông báo": 1, "Công văn": 3}, ["thong bao", "ket luan"], ("Kết luận",))]
    [('Công văn', 3, False), ('Thông báo', 1, True), ('Kết luận', 0, True)]
    >>> [(v.value, v.count) for v in facet_values("year", {"2020": 2, "2021": 1}, ["2019"])]
    [('2021', 1), ('2020', 2), ('2019', 0)]
    """
    if name == YEAR:
        chosen = {str(s) for s in selected}
        out = [FacetValue(y, c, y in chosen) for y, c in sorted(counts.items(), reverse=True)]
        out.extend(FacetValue(y, 0, True) for y in sorted(chosen - set(counts)))
        return out
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    out = [
        FacetValue(label, count, any(label_matches(v, label) for v in selected))
        for label, count in ranked[:MAX_FACET_VALUES]
    ]
    shown = {v.value for v in out}
    out.extend(
        FacetValue(label, counts.get(label, 0), True) for label in chosen if label not in shown
    )
    return out
