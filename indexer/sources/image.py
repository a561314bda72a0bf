"""Scanned images (.png .jpg .jpeg .tif .tiff) through OCR (``indexer.ocr``)."""

from __future__ import annotations

from pathlib import Path

from indexer.limits import Limits
from indexer.sources.errors import SourceError

FORMATS = dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "image")


def read(path: Path, data: bytes, limits: Limits) -> str:
    return image_text(data, limits)


def image_text(data: bytes, limits: Limits) -> str:
    """A scanned image's pages (a multi-page TIFF has several) through OCR."""
    from indexer import ocr

    if not limits.ocr:
        raise SourceError("a scanned image: OCR is switched off (--no-ocr)")
    try:
        pages = ocr.image_pages(data)
        limits.check_pages(len(pages))
        text = "\n\n".join(recognize_pages(pages, limits))
    except ocr.OcrError as exc:
        raise SourceError(str(exc)) from None
    if not text.strip():
        raise SourceError("no text recognized in the image")
    return text


def recognize_pages(images: list[tuple[bytes, int | None]], limits: Limits) -> list[str]:
    from indexer import ocr

    return [ocr.recognize(image, dpi, limits.max_seconds).text for image, dpi in images]
