"""The manifest: metadata that archive staff state and the text does not.

``corpus/manifest.csv`` (documented in ``corpus/README.md``): one row per document id,
an empty cell means "no override", ``-`` clears the extracted value, ``references`` is
``;``-separated. What the manifest says wins over extraction.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

from indexer.analysis import clean
from indexer.numbers import normalize_number
from indexer.records import Document
from indexer.schema import STATUSES

MANIFEST_COLUMNS = (
    "id",
    "number",
    "doc_type",
    "issued_date",
    "issuer",
    "place",
    "subject",
    "title",
    "signer",
    "signer_title",
    "urgency",
    "references",
    "status",
    "note",
)
_OVERRIDABLE = frozenset(MANIFEST_COLUMNS) - {"id", "note"}
CLEAR = "-"  # a cell holding only this clears the extracted value


class ManifestError(ValueError):
    """The manifest cannot be read as the documented CSV."""


def _cell(column: str, value: str, where: str) -> object:
    if value == CLEAR:
        return [] if column == "references" else None
    if column == "references":
        parts = (" ".join(x.split()) for x in value.split(";"))
        return [normalize_number(r) or r for r in parts if r]
    if column == "number":
        return normalize_number(value) or value
    if column == "status":
        if value not in STATUSES:
            raise ManifestError(f"{where}: status {value!r} is not one of {', '.join(STATUSES)}")
        return value
    if column == "issued_date":
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ManifestError(f"{where}: issued_date {value!r} is not YYYY-MM-DD") from None
    return value


def load_manifest(path: Path) -> dict[str, dict[str, object]]:
    """Document id -> its overrides (non-empty cells only); a missing file gives ``{}``.

    ``references`` becomes a list; ``number`` and references are normalized; a cell of
    ``-`` clears the field.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        unknown = set(reader.fieldnames or ()) - set(MANIFEST_COLUMNS)
        if "id" not in (reader.fieldnames or ()) or unknown:
            raise ManifestError(f"{path.name}: columns must be among {', '.join(MANIFEST_COLUMNS)}")
        manifest: dict[str, dict[str, object]] = {}
        for row in reader:
            where = f"{path.name} line {reader.line_num}"
            doc_id = clean(row.get("id") or "").strip()
            if not doc_id or doc_id in manifest:
                raise ManifestError(f"{where}: missing or repeated id {doc_id!r}")
            manifest[doc_id] = {
                col: _cell(col, clean(val).strip(), where)
                for col, val in row.items()
                if col != "id" and col is not None and val and clean(val).strip()
            }
    return manifest


def apply_manifest(doc: Document, overrides: dict[str, object]) -> Document:
    """A copy of ``doc`` with the manifest's values in place of the extracted ones.

    >>> d = Document(id="003", source="003.txt", body="", references=["07-KL/TW"])
    >>> new = apply_manifest(d, {"issued_date": "2021-07-21", "references": "07-KL/TW; 68/NQ-CP"})
    >>> new.issued_date, new.references, d.issued_date
    ('2021-07-21', ['07-KL/TW', '68/NQ-CP'], None)
    """
    changes = {k: v for k, v in overrides.items() if k in _OVERRIDABLE}
    if "status" in changes:  # the manifest states it; otherwise it is derived when read
        changes["status_override"] = changes.pop("status")
    if isinstance(changes.get("references"), str):
        changes["references"] = _cell("references", str(changes["references"]), doc.id)
    return dataclasses.replace(doc, **changes)
