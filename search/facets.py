"""Per-document columns in memory (numpy), for filters, facets, date sorting and timelines.

Loaded once per index generation from the index's sortable columns; each search then
works on boolean masks over document numbers instead of asking the engine again.
A facet's counts apply every selection except its own, so the user can widen it again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer import schema as f
from indexer.analysis import fold
from search.models import FacetValue

FACETS = {"doc_type": f.DOC_TYPE, "issuer": f.ISSUER, "signer": f.SIGNER}
MAX_FACET_VALUES = 30


@dataclass
class Column:
    codes: np.ndarray  # int32 per document; 0 = no value
    labels: list[str]  # code -> label; labels[0] == ""


@dataclass
class Columns:
    live: np.ndarray  # bool per document number
    day: np.ndarray  # int64 YYYYMMDD, f.UNKNOWN_DAY when unknown
    year: np.ndarray  # int64, 0 when unknown
    month: np.ndarray  # int64 YYYYMM, 0 when unknown
    facets: dict[str, Column]
    ids: list[str]


def column_values(reader, field: str, default) -> list:
    """One value per document number, segment by segment; ``default`` where a segment
    has no such column (no document in it had a value)."""
    values: list = []
    for leaf, _ in reader.leaf_readers():
        if leaf.has_column(field):
            values.extend(leaf.column_reader(field))
        else:
            values.extend([default] * leaf.doc_count_all())
    return values


def load_columns(reader) -> Columns:
    """Read the columns of every document (deleted ones are masked out by ``live``)."""
    n = reader.doc_count_all()
    live = np.zeros(n, dtype=bool)
    live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
    day = np.array(column_values(reader, f.DAY, f.UNKNOWN_DAY), dtype=np.int64)
    known = day != f.UNKNOWN_DAY
    facets = {}
    for name, field in FACETS.items():
        labels, index = [""], {"": 0}
        codes = np.zeros(n, dtype=np.int32)
        for docnum, value in enumerate(column_values(reader, field, "")):
            code = index.get(value)
            if code is None:
                code = index[value] = len(labels)
                labels.append(value)
            codes[docnum] = code
        facets[name] = Column(codes, labels)
    return Columns(
        live=live,
        day=day,
        year=np.where(known, day // 10000, 0),
        month=np.where(known, day // 100, 0),
        facets=facets,
        ids=column_values(reader, f.ID, ""),
    )


def label_matches(value: str, label: str) -> bool:
    """A selected value matches a label without case or accents, or as its initials.

    >>> label_matches("cong van", "Công văn"), label_matches("CV", "Công văn")
    (True, True)
    >>> label_matches("Thông báo", "Công văn")
    False
    """
    a, b = fold(value).strip(), fold(label).strip()
    return bool(label) and (a == b or a.replace(" ", "") == "".join(w[0] for w in b.split()))


def facet_mask(column: Column, values: list[str]) -> np.ndarray:
    """Documents whose label is one of ``values`` (OR within one facet)."""
    wanted = [
        c for c, label in enumerate(column.labels) if any(label_matches(v, label) for v in values)
    ]
    return np.isin(column.codes, wanted)


def count_facet(column: Column, mask: np.ndarray, selected: list[str]) -> list[FacetValue]:
    """Counts of each label among documents in ``mask``, most frequent first."""
    counts = np.bincount(column.codes[mask], minlength=len(column.labels))
    order = [c for c in np.argsort(-counts, kind="stable") if c and counts[c]]
    values = [
        FacetValue(
            column.labels[c],
            int(counts[c]),
            any(label_matches(v, column.labels[c]) for v in selected),
        )
        for c in order[:MAX_FACET_VALUES]
    ]
    shown = {v.value for v in values}
    for c, label in enumerate(column.labels):  # a selection stays visible even at zero
        if c and label not in shown and any(label_matches(v, label) for v in selected):
            values.append(FacetValue(label, int(counts[c]), True))
    return values


def count_years(year: np.ndarray, mask: np.ndarray, selected: list[str]) -> list[FacetValue]:
    years = year[mask & (year > 0)]
    uniq, counts = np.unique(years, return_counts=True)
    chosen = {str(s) for s in selected}
    out = [FacetValue(str(y), int(c), str(y) in chosen) for y, c in zip(uniq, counts, strict=True)]
    out.sort(key=lambda v: v.value, reverse=True)
    shown = {v.value for v in out}
    out.extend(FacetValue(y, 0, True) for y in sorted(chosen - shown))
    return out


def histogram(keys: np.ndarray, mask: np.ndarray) -> list[tuple[int, int]]:
    """(key, count) for every key > 0 among documents in ``mask``, ascending."""
    values = keys[mask & (keys > 0)]
    uniq, counts = np.unique(values, return_counts=True)
    return [(int(k), int(c)) for k, c in zip(uniq, counts, strict=True)]
