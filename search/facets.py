"""Facets above the engine seam: which exact labels a user's selection means, and the
counts an engine returns shaped for display.

A selection is tolerant (``cong van`` and ``CV`` select ``Công văn``); an engine is given
the exact labels it matches, taken from the index's own facet vocabulary. A facet's
counts apply every selection except its own, so the user can widen it again.

One body is one value: labels that differ only in tone-mark placement or case (``Uỷ ban
nhân dân tỉnh`` and ``Ủy ban nhân dân tỉnh``) are counted together under the form written
most often (``merge_spellings``); selecting it selects every spelling, since a selection
is matched without accents.
"""

from __future__ import annotations

from indexer.analysis import fold, key
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


def spelling_key(label: str) -> str:
    """What two spellings of one label share: canonical tone placement, lower case.

    >>> spelling_key("Uỷ ban nhân dân tỉnh") == spelling_key("ỦY BAN nhân dân Tỉnh")
    True
    """
    return " ".join(key(w) for w in label.split())


def merge_spellings(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` with the spellings of one label counted together under the one with the
    highest count (ties: the first in sorted order).

    >>> merge_spellings({"Uỷ ban nhân dân": 2, "Ủy ban nhân dân": 5, "Sở Y tế": 1})
    {'Ủy ban nhân dân': 7, 'Sở Y tế': 1}
    """
    groups: dict[str, list[tuple[str, int]]] = {}
    for label, count in counts.items():
        groups.setdefault(spelling_key(label), []).append((label, count))
    out: dict[str, int] = {}
    for members in groups.values():
        best = min(members, key=lambda m: (-m[1], m[0]))[0]
        out[best] = sum(c for _, c in members)
    return out


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
    merged = merge_spellings(counts)
    by_key = {spelling_key(label): label for label in merged}
    chosen = tuple(dict.fromkeys(by_key.get(spelling_key(c), c) for c in chosen))
    ranked = sorted(merged.items(), key=lambda item: (-item[1], item[0]))
    out = [
        FacetValue(label, count, any(label_matches(v, label) for v in selected))
        for label, count in ranked[:MAX_FACET_VALUES]
    ]
    shown = {v.value for v in out}
    out.extend(
        FacetValue(label, merged.get(label, 0), True) for label in chosen if label not in shown
    )
    return out
