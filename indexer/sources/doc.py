"""Word 97-2003 documents (.doc) through antiword (``indexer.msword``)."""

from __future__ import annotations

from pathlib import Path

from indexer.limits import Limits
from indexer.sources.errors import SourceError

FORMATS = {".doc": "doc"}


def read(path: Path, data: bytes, limits: Limits) -> str:
    return doc_text(path, limits)


def doc_text(path: Path, limits: Limits) -> str:
    """A Word 97-2003 file through antiword (``indexer.msword``)."""
    from indexer import msword

    try:
        return msword.doc_text(path, timeout=limits.max_seconds)
    except msword.WordError as exc:
        raise SourceError(str(exc)) from None
