"""Plain data passed between the indexer's stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(slots=True)
class RawDocument:
    """One readable archive file: its id, its source file name and its text (NFC)."""

    id: str  # path relative to the corpus root, without extension
    source: str  # path relative to the corpus root, with extension
    text: str
    format: str = "txt"  # txt, md, docx, pdf, html
    encoding: str | None = None  # detected encoding of text files
    ocr_confidence: float | None = None  # mean word confidence (0-100) of text read by OCR


@dataclass(slots=True)
class Relation:
    """One document this one names by number, and how (``type``: one of
    ``indexer.schema.RELATION_TYPES``); ``date`` (ISO) is the cited document's date when
    the text gives it; ``scope`` the parts it touches when the text names them (a
    partial repeal is ``partly_repeals``). Which archive document the number resolves
    to is decided when reading (it changes as documents are added and removed)."""

    type: str
    number: str  # normalized (indexer.metadata.numbers.normalize_number)
    date: str | None = None
    scope: str | None = None  # the parts touched ("khoản 4 Điều 15"); None: all of it


@dataclass(slots=True)
class Section:
    """One heading or item of a document's body (``indexer.metadata.structure``).

    ``kind`` is part, chapter, section, article, item, clause or point; ``label`` names it
    as one cites it (``Điều 2``, ``khoản 2``, ``Phần II``); ``start`` is its character
    offset in the body; ``anchor`` is unique in the document (``dieu-2-khoan-2``);
    ``level`` is its depth in the outline (1 = top; 0 = not in the outline: clauses,
    points); ``path`` names it with the sections that enclose it (``Điều 2, khoản 2``).
    """

    kind: str
    label: str
    title: str | None
    start: int
    anchor: str
    level: int
    path: str


@dataclass(slots=True)
class Document:
    """A document's metadata and text. A field the text does not state is None."""

    id: str
    source: str
    body: str
    number: str | None = None
    doc_type: str | None = None
    issued_date: str | None = None  # ISO YYYY-MM-DD
    issuer: str | None = None
    place: str | None = None
    subject: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    signer_capacity: str | None = None  # what they sign as: "TM. Ủy ban nhân dân, KT. Chủ tịch"
    urgency: str | None = None
    references: list[str] = field(default_factory=list)
    origin: str | None = None  # where a news item says it came from ("bacninh.gov.vn")
    relations: list[Relation] = field(default_factory=list)  # typed (indexer.metadata.relations)
    sections: list[Section] = field(default_factory=list)  # headings and items, in order
    status_override: str | None = None  # the manifest's status; None: derived when read
    issuers: list[str] = field(default_factory=list)  # every issuer of a joint document
    # every signature block of a joint document: {"signer", "title", "capacity"}
    signatures: list[dict] = field(default_factory=list)
    issued_month: str | None = None  # YYYY-MM when the text gives a month and no day
    ocr_confidence: float | None = None  # the text came from OCR: its words' mean confidence

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Skipped:
    """A file that could not be indexed, and why (said in plain words)."""

    source: str
    reason: str


def document_id(path: Path, root: Path) -> str:
    """The document id of ``path``: relative to ``root``, POSIX slashes, no extension.

    >>> document_id(Path("/a/corpus/sub/000_x.txt"), Path("/a/corpus"))
    'sub/000_x'
    """
    return path.relative_to(root).with_suffix("").as_posix()
