"""Per-document columns in memory (numpy), for filters, facets, date sorting and timelines.

Read once per commit from the index's sortable columns; each search then works on boolean
masks over document numbers instead of asking Whoosh again. Reading them from Whoosh costs
about 1 s per 100,000 documents, so the writer stores them at every commit
(``Columns.write``, beside the vocabulary) and a freshly started server reads that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer import pickled
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
    docnums: dict[str, int] = field(init=False, repr=False)  # id -> its live document

    def __post_init__(self) -> None:
        self.docnums = {self.ids[d]: d for d in np.flatnonzero(self.live).tolist()}

    def write(self, path: Path) -> None:
        """Store them in ``path`` atomically, as plain values (no class names)."""
        facets = {name: (c.codes, c.labels) for name, c in self.facets.items()}
        pickled.write(path, (self.live, self.day, facets, self.ids, self.id_rank))

    @classmethod
    def read(cls, path: Path, documents: int) -> Columns | None:
        """The columns stored in ``path`` if they are whole and hold ``documents`` document
        numbers; None otherwise (the caller reads them from the index)."""
        try:
            live, day, facets, ids, id_rank = pickled.read(path)
            if not len(live) == len(day) == len(ids) == len(id_rank) == documents:
                return None
            columns = {n: Column(c, names, _positions(names)) for n, (c, names) in facets.items()}
        except (TypeError, ValueError, AttributeError):  # None, or not what ``write`` stores
            return None
        if set(columns) != set(f.FACETS):
            return None
        return cls(live, day, *_year_month(day), columns, ids, id_rank)


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


def _positions(labels: list[str]) -> dict[str, int]:
    return {label: code for code, label in enumerate(labels)}


def _year_month(day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    known = day != f.UNKNOWN_DAY
    return np.where(known, day // 10000, 0), np.where(known, day // 100, 0)


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
    ids = column_values(reader, f.ID, "")
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(n)
    facets = {name: _column(column_values(reader, fld, "")) for name, fld in f.FACETS.items()}
    return Columns(live, day, *_year_month(day), facets, ids, id_rank)
