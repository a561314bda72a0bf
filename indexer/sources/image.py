"""Scanned images (.png .jpg .jpeg .tif .tiff) through OCR (``indexer.ocr``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from indexer.limits import Limits
from indexer.sources.errors import SourceError

FORMATS = dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "image")


@dataclass(frozen=True, slots=True)
class Scanned:
    """Text a reader got (all or part) through OCR, with its words' mean confidence."""

    text: str
    confidence: float | None

    @classmethod
    def of(cls, text: str, pages: list) -> Scanned:
        """``text`` and the mean confidence of the recognized ``pages`` (``OcrPage``)."""
        known = [p.confidence for p in pages if p.confidence is not None]
        return cls(text, round(sum(known) / len(known), 1) if known else None)


def read(path: Path, data: bytes, limits: Limits) -> Scanned:
    return image_text(data, limits)


def image_text(data: bytes, limits: Limits) -> Scanned:
    """A scanned image's pages (a multi-page TIFF has several) through OCR."""
    from indexer import ocr

    if not limits.ocr:
        raise SourceError("a scanned image: OCR is switched off (--no-ocr)")
    try:
        pages = ocr.image_pages(data)
        limits.check_pages(len(pages))
        recognized = recognize_pages(pages, limits)
        text = "\n\n".join(page.text for page in recognized)
    except ocr.OcrError as exc:
        raise SourceError(str(exc)) from None
    if not text.strip():
        raise SourceError("no text recognized in the image")
    return Scanned.of(text, recognized)


def recognize_pages(images: list[tuple[bytes, int | None]], limits: Limits) -> list:
    """Each image as an ``OcrPage`` (text and confidence), from the cache when it can."""
    from indexer import ocr

    return [ocr.recognize(image, dpi, limits.max_seconds) for image, dpi in images]
