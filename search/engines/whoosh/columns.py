"""Per-document columns in memory (numpy), for filters, facets, date sorting and timelines.

Loaded once per index generation from the index's sortable columns; each search then
works on boolean masks over document numbers instead of asking Whoosh again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer import schema as f


@dataclass
class Column:
    codes: np.ndarray  # int32 per document; 0 = no value
    labels: list[str]  # code -> label; labels[0] == ""
    index: dict[str, int]  # label -> code


@dataclass
class Columns:
    live: np.ndarray  # bool per document number
    day: np.ndarray  # int64 YYYYMMDD, f.UNKNOWN_DAY when unknown
    year: np.ndarray  # int64, 0 when unknown
    month: np.ndarray  # int64 YYYYMM, 0 when unknown
    facets: dict[str, Column]
    ids: list[str]
    id_rank: np.ndarray  # each document's place in id order: ties are broken by id


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


def _column(values: list[str]) -> Column:
    labels, index = [""], {"": 0}
    codes = np.zeros(len(values), dtype=np.int32)
    for docnum, value in enumerate(values):
        code = index.get(value)
        if code is None:
            code = index[value] = len(labels)
            labels.append(value)
        codes[docnum] = code
    return Column(codes, labels, index)


def load_columns(reader) -> Columns:
    """Read the columns of every document (deleted ones are masked out by ``live``)."""
    n = reader.doc_count_all()
    live = np.zeros(n, dtype=bool)
    live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
    day = np.array(column_values(reader, f.DAY, f.UNKNOWN_DAY), dtype=np.int64)
    known = day != f.UNKNOWN_DAY
    ids = column_values(reader, f.ID, "")
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(n)
    return Columns(
        live=live,
        day=day,
        year=np.where(known, day // 10000, 0),
        month=np.where(known, day // 100, 0),
        facets={name: _column(column_values(reader, fld, "")) for name, fld in f.FACETS.items()},
        ids=ids,
        id_rank=id_rank,
    )
