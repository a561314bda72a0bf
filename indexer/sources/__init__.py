"""Archive files in, :class:`RawDocument` out: the first stage of the indexer.

One module a file format, each with the suffixes it reads (``FORMATS``) and a ``read``:
``text`` (.txt .md), ``docx``, ``pdf`` (scanned pages through OCR), ``html`` (.html .htm),
``doc`` (Word 97-2003, through antiword) and ``image`` (scans, through OCR). A new format is
a new module listed in ``_MODULES``.

``find_files`` lists the readable files under some paths; ``read_source`` turns one file
into a ``RawDocument`` whose text is Unicode NFC (``analysis.clean``), or raises
:class:`SourceError` with a plain reason for the user.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from indexer.limits import Limits
from indexer.records import RawDocument, document_id
from indexer.sources import doc, docx, html, image, pdf, text
from indexer.sources.errors import SourceError
from indexer.sources.image import Scanned
from indexer.sources.text import decode_text, finish
from indexer.webpage import drop_link_lines

__all__ = ["SUPPORTED", "SourceError", "decode_text", "find_files", "indexable_name",
           "read_source"]  # fmt: skip
_MODULES = (text, docx, pdf, html, doc, image)
_READERS = {suffix: module for module in _MODULES for suffix in module.FORMATS}
SUPPORTED = tuple(_READERS)


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Readable archive files under ``paths`` (files or directories), sorted.

    Left out: suffixes not in ``SUPPORTED``, hidden files and directories, the archive's
    own ``manifest.*`` and ``README.*``, and Word lock files (``~$x.docx``).

    >>> corpus = Path(__file__).parents[2] / "corpus"
    >>> [p.name for p in find_files([corpus])][:2]
    ['000_86f9552143f492ea.txt', '001_093e01689cb64f89.txt']
    """
    found: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            for top, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.update(Path(top, f) for f in files if _wanted(f))
        elif path.is_file():
            if _wanted(path.name):
                found.add(path)
        else:
            raise SourceError(f"no such file or directory: {path}")
    return sorted(found)


def _wanted(name: str) -> bool:
    return name.lower().endswith(SUPPORTED) and indexable_name(name)


def indexable_name(name: str) -> bool:
    """Whether ``find_files`` reads a file of this name (not hidden, not the archive's
    own notes, not a Word lock file).

    >>> indexable_name("README.txt"), indexable_name("readme-2021.txt")
    (False, True)
    """
    return not name.lower().startswith((".", "~$", "manifest.", "readme."))


def read_source(path: Path, root: Path, limits: Limits | None = None) -> RawDocument:
    """Read one archive file under ``root`` into a ``RawDocument`` (text NFC-cleaned); a
    file past ``limits`` (inflated size, pages, characters) raises ``LimitExceeded``.

    >>> corpus = Path(__file__).parents[2] / "corpus"
    >>> doc = read_source(corpus / "004_f7e6265e96402aee.txt", corpus)
    >>> doc.id, doc.source, doc.format, doc.encoding, "[bookmark" in doc.text
    ('004_f7e6265e96402aee', '004_f7e6265e96402aee.txt', 'txt', 'utf-8', False)
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SourceError(f"unsupported file type: {suffix or 'no extension'}")
    data = _read_bytes(path)
    if not data.strip():
        raise SourceError("empty file")
    reader, limits, confidence = _READERS[suffix], limits or Limits(), None
    fmt = reader.FORMATS[suffix]
    if reader is text:  # bytes whose encoding is to be found
        limits.check_characters(len(data) // 4)  # at most 4 bytes a character
        body, encoding = decode_text(data)
        body = drop_link_lines(body) if fmt == "md" else body
    else:
        raw = reader.read(path, data, limits)
        if isinstance(raw, Scanned):
            raw, confidence = raw.text, raw.confidence
        limits.check_characters(len(raw))
        body, encoding = finish(raw, None)
    limits.check_characters(len(body))
    return RawDocument(
        id=document_id(path, root),
        source=path.relative_to(root).as_posix(),
        text=body,
        format=fmt,
        encoding=encoding,
        ocr_confidence=confidence,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("file disappeared while indexing") from None
    except PermissionError:
        raise SourceError("permission denied: the file cannot be read") from None
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
