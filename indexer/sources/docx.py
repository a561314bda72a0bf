"""Word documents (.docx) through python-docx: paragraphs and table cells in order."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from indexer.limits import LimitExceeded, Limits
from indexer.sources.errors import SourceError, out_of_memory, reason

FORMATS = {".docx": "docx"}


def read(path: Path, data: bytes, limits: Limits) -> str:
    return docx_text(data, limits)


def docx_text(data: bytes, limits: Limits) -> str:
    """Paragraphs and table cells, in document order, one per line."""
    import zipfile

    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        pass  # python-docx says what is wrong with it
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_blocks(document))
    except LimitExceeded:
        raise
    except Exception as exc:  # parsers raise anything on a damaged file
        if out_of_memory(exc):
            raise MemoryError from exc
        raise SourceError(f"truncated or damaged .docx: {reason(exc)}") from None


def _docx_blocks(container) -> Iterable[str]:
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):  # a table
            for row in block.rows:
                cells = {id(cell._tc): cell for cell in row.cells}  # merged cells repeat
                for cell in cells.values():
                    yield from _docx_blocks(cell)
        else:
            yield block.text
