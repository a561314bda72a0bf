"""PDF files through pypdf: the text layer of each page; the pages without one (scans)
read through OCR (``indexer.ocr``)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from indexer.limits import LimitExceeded, Limits
from indexer.sources.errors import SourceError, out_of_memory, reason
from indexer.sources.image import Scanned, recognize_pages

FORMATS = {".pdf": "pdf"}


def read(path: Path, data: bytes, limits: Limits) -> str | Scanned:
    return pdf_text(data, limits)


def _scanned_pages(pages: list, texts: list[str], limits: Limits) -> list:
    """Fill in, through OCR, the pages of a PDF that have no text layer (all of a scan,
    some of a mixed PDF). Without OCR a PDF with some text keeps it; one with none at
    all says why it cannot be read. Returns the recognized pages (``OcrPage``)."""
    from indexer import ocr

    blank = [n for n, text in enumerate(texts) if not text.strip()]
    recognized: list = []
    if not blank:
        return recognized
    try:
        if not limits.ocr:
            raise ocr.OcrError("OCR is switched off (--no-ocr)")
        for n in blank:
            found = recognize_pages(ocr.pdf_page_images(pages[n]), limits)
            texts[n] = "\n\n".join(page.text for page in found)
            recognized += found
    except ocr.OcrError as exc:
        if len(blank) == len(texts):
            raise SourceError(f"PDF has no text layer (scanned): {exc}") from None
    return recognized


def pdf_text(data: bytes, limits: Limits) -> str | Scanned:
    """The text layer of every page, pages separated by a blank line; pages without one
    (scans) read through OCR."""
    from pypdf import PdfReader

    if b"%%EOF" not in data[-2048:]:
        raise SourceError("truncated or damaged PDF: no end-of-file marker")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about recoverable quirks
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError("encrypted PDF (password needed)")
            limits.check_pages(len(reader.pages))
            pages, characters = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                characters += len(pages[-1])
                limits.check_characters(characters)
            recognized = _scanned_pages(reader.pages, pages, limits)
    except (SourceError, LimitExceeded):
        raise
    except Exception as exc:  # parsers raise anything on a damaged file
        if out_of_memory(exc):
            raise MemoryError from exc
        raise SourceError(f"truncated or damaged PDF: {reason(exc)}") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise SourceError("PDF has no text layer, and OCR found no text in it")
    return Scanned.of(text, recognized) if recognized else text
