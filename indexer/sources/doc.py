"""Word 97-2003 documents (.doc) through antiword (``indexer.msword``).

Archives also hold files named ``.doc`` that are something else Word opens: a web page
saved by Word ("Save as Web Page", renamed), a ``.docx`` renamed. Those are read by what
they are; an RTF file says so.
"""

from __future__ import annotations

from pathlib import Path

from indexer.limits import Limits
from indexer.sources.errors import SourceError

FORMATS = {".doc": "doc"}


def read(path: Path, data: bytes, limits: Limits) -> str:
    """The text of a ``.doc``, read by what its first bytes say it is."""
    from indexer.sources import docx, html

    head = data[:1024].lstrip().lower()
    if head.startswith(b"pk\x03\x04"):
        return docx.docx_text(data, limits)
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head:
        return html.html_text(data)
    if head.startswith(b"{\\rtf"):
        raise SourceError("an RTF file named .doc: RTF is not read yet (save it as .docx)")
    return doc_text(path, limits)


def doc_text(path: Path, limits: Limits) -> str:
    """A Word 97-2003 file through antiword (``indexer.msword``)."""
    from indexer import msword

    try:
        return msword.doc_text(path, timeout=limits.max_seconds)
    except msword.WordError as exc:
        raise SourceError(str(exc)) from None
