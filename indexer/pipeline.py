"""One archive file -> one set of index fields: read, extract metadata, analyze.

This is the work each indexing process does per file; it returns plain picklable data
(``Prepared`` or ``Skipped``) so the parent process only writes to the index.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from indexer import schema as f
from indexer.analysis import analyze
from indexer.display import display_text
from indexer.limits import LimitExceeded, Limits, TimeLimit
from indexer.manifest import apply_manifest
from indexer.metadata import extract_metadata
from indexer.metadata.numbers import lookup_forms, number_key
from indexer.metadata.relations import extract_relations
from indexer.metadata.structure import detect_sections
from indexer.records import Document, Relation, Skipped
from indexer.sources import SourceError, read_source

# Bump when analysis or extraction changes, so that unchanged files are re-indexed once.
PIPELINE_VERSION = "5"  # 4: typed relations and sections; 5: relation scopes, signatures
RELATIONS_MAX_CHARS = 1_000_000  # relation phrases are read in this much of a body
STRUCTURE_MAX_CHARS = 2_000_000  # headings are found in this much of a body


@dataclass(slots=True)
class Prepared:
    """A document ready to be written: its id, content hash, metadata and index fields."""

    id: str
    content_hash: str
    document: Document
    fields: dict


def content_hash(data: bytes, overrides: dict | None) -> str:
    """Hash of a file's bytes, its manifest overrides and the pipeline version.

    >>> content_hash(b"abc", None) == content_hash(b"abc", {})
    True
    >>> content_hash(b"abc", None) == content_hash(b"abc", {"issued_date": "2021-07-21"})
    False
    """
    digest = hashlib.sha1(data)
    digest.update(json.dumps(overrides or {}, sort_keys=True, ensure_ascii=False).encode())
    digest.update(PIPELINE_VERSION.encode())
    return digest.hexdigest()


def index_fields(doc: Document, digest: str) -> dict:
    """The engine-free index fields of one document (``indexer.engine``); every text field
    is analyzed once, here."""
    body = analyze(doc.body)
    fields: dict = {
        f.ID: doc.id,
        f.CONTENT_HASH: digest,
        f.RECORD: doc.to_dict(),
        f.BODY: body.accented,
        f.BODY_FOLDED: body.folded,
        f.WORDS: body.words,
    }
    for name, folded_name, text in (
        (f.TITLE, f.TITLE_FOLDED, doc.title),
        (f.SUBJECT, f.SUBJECT_FOLDED, doc.subject),
    ):
        if text:
            view = analyze(text, with_words=False)
            fields[name], fields[folded_name] = view.accented, view.folded
    if doc.number:
        forms = lookup_forms(doc.number)
        fields[f.NUMBER], fields[f.NUMBER_FOLDED] = forms.exact, forms.folded
        fields[f.NUMBER_KEY] = forms.key
    for name, value in ((f.DOC_TYPE, doc.doc_type), (f.ISSUER, doc.issuer)):
        if value:
            fields[name] = value
    for name, value in ((f.PLACE, doc.place), (f.SIGNER, doc.signer)):
        if value:
            fields[name] = value
    if doc.issued_date:
        day = datetime.strptime(doc.issued_date, "%Y-%m-%d")
        fields[f.ISSUED_DATE] = day.strftime("%Y-%m-%d")
        fields[f.DAY] = int(day.strftime("%Y%m%d"))
        fields[f.YEAR] = day.year
    elif doc.issued_month:  # a day left blank: filed under the month's first day
        fields[f.DAY] = int(doc.issued_month.replace("-", "")) * 100 + 1
        fields[f.YEAR] = int(doc.issued_month[:4])
    if doc.references:
        fields[f.REFERENCES] = [r.upper() for r in doc.references]
        fields[f.REFERENCE_KEYS] = [number_key(r) for r in doc.references]
    if doc.relations:
        keys = (f.relation_key(r.type, number_key(r.number)) for r in doc.relations)
        fields[f.RELATION_KEYS] = list(dict.fromkeys(keys))
    if doc.status_override:
        fields[f.STATUS_OVERRIDE] = doc.status_override
    return fields


def with_structure(doc: Document) -> Document:
    """``doc`` with its typed relations and sections read from its body.

    Relations are read in the first ``RELATIONS_MAX_CHARS`` characters (the numbers cited
    further on, and those the manifest adds, are plain citations) and sections in the
    first ``STRUCTURE_MAX_CHARS`` (as much as the reading page marks)."""
    relations = extract_relations(doc.body[:RELATIONS_MAX_CHARS], own=doc.number)
    typed = {number_key(r.number) for r in relations}
    relations += [Relation("cites", n) for n in doc.references if number_key(n) not in typed]
    doc.relations = relations
    doc.sections = detect_sections(doc.body[:STRUCTURE_MAX_CHARS])
    return doc


def prepare(task: tuple) -> Prepared | Skipped:
    """Read, extract and analyze one file; a file that cannot be read, or is past the
    limits, becomes ``Skipped`` with the reason.

    ``task`` is ``(path, root, manifest overrides or None[, Limits])``."""
    path, root, overrides, *rest = task
    limits = rest[0] if rest else Limits()
    source = path.relative_to(root).as_posix()
    timer = TimeLimit(limits.max_seconds)
    try:
        with timer:
            return _prepared(path, root, overrides, limits)
    except Exception as exc:
        if timer.expired:  # raised in a parser, which may have wrapped it
            return Skipped(source, timer.reason)
        return _skipped(source, exc)


def _skipped(source: str, exc: Exception) -> Skipped:
    """Why a file was not indexed; an exception that says nothing of the file propagates."""
    if isinstance(exc, LimitExceeded | SourceError):
        return Skipped(source, str(exc))
    if isinstance(exc, MemoryError):
        return Skipped(source, "needs more memory than the indexing process may use")
    if isinstance(exc, FileNotFoundError):
        return Skipped(source, "file disappeared while indexing")
    if isinstance(exc, OSError | ValueError):
        return Skipped(source, f"{type(exc).__name__}: {exc}")
    raise exc


def _prepared(path: Path, root: Path, overrides: dict | None, limits: Limits) -> Prepared:
    data = path.read_bytes()
    raw = read_source(path, root, limits)
    doc = extract_metadata(raw)
    doc.ocr_confidence = raw.ocr_confidence
    doc.body = display_text(doc.body)  # what is stored, shown, highlighted and analyzed
    if overrides:
        doc = apply_manifest(doc, overrides)
    doc = with_structure(doc)
    digest = content_hash(data, overrides)
    return Prepared(doc.id, digest, doc, index_fields(doc, digest))
