"""The manifest: metadata that archive staff state and the text does not.

``corpus/manifest.csv`` (documented in ``corpus/README.md``): one row per document id,
an empty cell means "no override", ``-`` clears the extracted value, ``references`` is
``;``-separated. What the manifest says wins over extraction.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

from indexer.analysis import clean
from indexer.metadata.numbers import normalize_number
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


_LINE = re.compile(r" line (\d+): ")
MAX_CELL_LINES = 50  # a quoted cell spanning more lines than this is an unclosed quote


def read_manifest(path: Path) -> tuple[dict[str, dict[str, object]], list[str]]:
    """Document id -> its overrides (non-empty cells only), and the problems found, each
    ``manifest.csv line N: what is wrong; what was done``. A missing file gives ``({}, [])``.

    A row with a bad date, a wrong number of cells, broken quoting, a missing or repeated
    id is skipped; an unknown column is ignored; without an ``id`` column, or when the
    file is not UTF-8 text, the whole manifest is. ``references`` becomes a list;
    ``number`` and references are normalized; a cell of ``-`` clears the field.
    """
    path = Path(path)
    if not path.is_file():
        return {}, []
    problems: list[str] = []
    try:
        lines = path.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path.name}: cannot be read as UTF-8 text ({exc}); manifest ignored"]
    records = list(_records(lines, path.name, problems))
    if not records:
        return {}, problems
    header_line, header = records[0]
    columns = [clean(c).strip() for c in header]
    if "id" not in columns:
        problems.append(f"{path.name} line {header_line}: no id column; manifest ignored")
        return {}, problems
    for column in sorted(set(columns) - set(MANIFEST_COLUMNS)):
        problems.append(
            f"{path.name} line {header_line}: unknown column {column!r} ignored; "
            f"columns are {', '.join(MANIFEST_COLUMNS)}"
        )
    manifest: dict[str, dict[str, object]] = {}
    for line, cells in records[1:]:
        where = f"{path.name} line {line}"
        try:
            doc_id, overrides = _row(columns, cells, where, manifest)
        except ManifestError as exc:
            problems.append(f"{exc}; row skipped")
            continue
        manifest[doc_id] = overrides
    problems.sort(key=lambda p: int(m[1]) if (m := _LINE.search(p)) else 0)
    return manifest, problems


def _records(lines: list[str], name: str, problems: list[str]):
    """(line number, cells) of each non-blank CSV record; a record with broken quoting is
    reported and skipped, and reading resumes on the line after its first."""
    i = 0
    while i < len(lines):
        start, text = i, lines[i]
        while text.count('"') % 2 and i + 1 < len(lines) and i - start < MAX_CELL_LINES:
            i += 1
            text += lines[i]
        try:
            if text.count('"') % 2:
                raise csv.Error("a quote is not closed")
            cells = next(csv.reader(io.StringIO(text), strict=True), [])
        except csv.Error as exc:
            problems.append(f"{name} line {start + 1}: broken quoting ({exc}); row skipped")
            i = start + 1
            continue
        i += 1
        if any(c.strip() for c in cells):
            yield start + 1, cells


def _row(columns: list[str], cells: list[str], where: str, seen: dict) -> tuple[str, dict]:
    if len(cells) != len(columns):
        raise ManifestError(f"{where}: {len(cells)} cells, the header has {len(columns)}")
    row = dict(zip(columns, cells, strict=True))
    doc_id = clean(row.get("id") or "").strip()
    if not doc_id or doc_id in seen:
        raise ManifestError(f"{where}: missing or repeated id {doc_id!r}")
    overrides = {
        col: _cell(col, clean(val).strip(), where)
        for col, val in row.items()
        if col in MANIFEST_COLUMNS and col != "id" and val and clean(val).strip()
    }
    return doc_id, overrides


def load_manifest(path: Path) -> dict[str, dict[str, object]]:
    """``read_manifest``, strict: the first problem raises :class:`ManifestError`."""
    manifest, problems = read_manifest(path)
    if problems:
        raise ManifestError(problems[0])
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
