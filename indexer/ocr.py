"""Scanned pages in, their text out: Tesseract with its Vietnamese model, cached.

Tesseract (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``) is run as a program, one call
a page image on standard input, asked for TSV: the words with their boxes, lines, blocks
and confidences in one pass. Its Python bindings add nothing over that: pytesseract runs
the same program through temporary files, and tesserocr needs a compiled module built
against the installed library. The process is also what bounds a page's time
(``timeout``) and threads (``OMP_THREAD_LIMIT=1``: the indexer runs one file per core).

Each page's text is cached by the hash of the image bytes and the recognition settings
in ``cache_dir()`` (``TRACUU_OCR_CACHE_DIR``, default ``~/.cache/tracuu/ocr``), outside
the index and its generations: a ``--rebuild``, a restart or a build killed half way
never recognizes the same page twice. A machine without Tesseract or its Vietnamese model
raises ``MissingTool`` with the install command.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"
LANGUAGE = "vie"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
# Part of every cache key: change it when the call or the text assembly changes.
SETTINGS = f"grey, median 3; tesseract -l {LANGUAGE} --psm 3 tsv; text v1"


class OcrError(Exception):
    """A page that cannot be recognized; the message is the plain reason."""


class MissingTool(OcrError):
    """Tesseract or its Vietnamese model is not installed; the message says how to."""


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One recognized page: its text (lines, blocks separated by a blank line) and the
    mean confidence of its words (0-100; None when no word was found)."""

    text: str
    confidence: float | None


def cache_dir() -> Path:
    """Where recognized pages are kept: ``TRACUU_OCR_CACHE_DIR``, else the user's cache."""
    configured = os.environ.get("TRACUU_OCR_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tracuu" / "ocr"


def recognize(image: bytes, dpi: int | None = None, timeout: float | None = None) -> OcrPage:
    """The text of one page image (any format Tesseract reads: PNG, JPEG, one-page TIFF),
    from the cache when this image was recognized before. ``dpi`` tells the scan's
    resolution when the image does not (an image taken out of a PDF)."""
    key = hashlib.sha256(f"{SETTINGS}; dpi {dpi}\n".encode() + image).hexdigest()
    path = cache_dir() / key[:2] / f"{key}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        return OcrPage(kept["text"], kept["confidence"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not cached yet, or a damaged entry: recognize again
    page = _run(image, dpi, timeout)
    _store(path, page)
    return page


def tesseract_path() -> str:
    """The Tesseract program, once it is known to have the Vietnamese model."""
    program = shutil.which("tesseract")
    if program is None or LANGUAGE not in _languages(program):
        raise MissingTool(f"scanned pages need Tesseract with its Vietnamese model: {INSTALL}")
    return program


@functools.cache
def _languages(program: str) -> frozenset[str]:
    try:
        done = subprocess.run([program, "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(done.stdout.decode("utf-8", "replace").split())


def cleaned(image: bytes) -> tuple[bytes, int | None]:
    """A page image in grey with a 3x3 median filter (specks and scanner dust removed;
    ``bench/ocr_bench.py``: 1% noise took the error rate from 4.3% to 0.15% at 200 dpi,
    from 6.7% to 0.24% at 300), as PNG, and the resolution the image states."""
    from PIL import Image, ImageFilter, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(image)) as opened:
            dpi = _dpi(opened.info)
            grey = opened.convert("L").filter(ImageFilter.MedianFilter(3))
    except Image.DecompressionBombError:
        raise OcrError("image too large (more pixels than Pillow opens safely)") from None
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as exc:
        raise OcrError(f"damaged or unknown image: {exc}") from None
    out = io.BytesIO()
    grey.save(out, format="PNG")
    return out.getvalue(), dpi


def _run(image: bytes, dpi: int | None, timeout: float | None) -> OcrPage:
    program = tesseract_path()
    image, stated = cleaned(image)
    dpi = dpi or stated
    command = [program, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3"]
    if dpi:
        command += ["--dpi", str(dpi)]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [*command, "tsv"], input=image, capture_output=True, timeout=timeout or None, env=env
        )
    except subprocess.TimeoutExpired:
        raise OcrError(f"Tesseract took longer than {timeout:g} s on one page") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"Tesseract cannot read the image: {said[-1] if said else 'no output'}")
    return page_from_tsv(done.stdout.decode("utf-8", "replace"))


def page_from_tsv(tsv: str) -> OcrPage:
    """Tesseract's TSV (a row a word, with its box, block and line numbers) as text: a
    line a line, a blank line between blocks. Where a page is laid out in two columns
    side by side (the header's cơ quan | quốc hiệu, a signature beside ``Nơi nhận``)
    Tesseract gives each line across both; those lines are split at the gap and the
    left column comes first, then the right one, as a reader (and the .docx reader)
    takes them.

    >>> head = "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop"
    >>> rows = [head + "\\twidth\\theight\\tconf\\ttext"]
    >>> for line, left, conf, word in ((1, 0, 96, "TỈNH"), (1, 100, 90, "ỦY"),
    ...                                (1, 900, 95, "ĐẢNG"), (2, 0, 91, "Số")):
    ...     rows.append(f"5\\t1\\t1\\t1\\t{line}\\t1\\t{left}\\t0\\t90\\t40\\t{conf}\\t{word}")
    >>> page_from_tsv("\\n".join(rows))
    OcrPage(text='TỈNH ỦY\\nSố\\n\\nĐẢNG', confidence=93.0)
    """
    lines: dict[tuple, list[tuple[int, int, int, str]]] = {}
    confidences: list[float] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        left, width, height = int(row["left"]), int(row["width"]), int(row["height"])
        lines.setdefault(key, []).append((left, left + width, height, word))
        confidence = float(row["conf"])
        if confidence >= 0:
            confidences.append(confidence)
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    laid = [(key[:2], _segments(words)) for key, words in lines.items()]
    return OcrPage(_reading_order(laid), mean)


def _segments(words: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """A line's words as runs ``(left, right, text)`` split where the gap between two
    words is wider than four times the line's height (the gap between two columns)."""
    height = max(h for _, _, h, _ in words)
    runs: list[list] = []
    for left, right, _, word in sorted(words):
        if runs and left - runs[-1][1] <= 4 * height:
            runs[-1][1], runs[-1][2] = right, f"{runs[-1][2]} {word}"
        else:
            runs.append([left, right, word])
    return [(left, right, text) for left, right, text in runs]


def _reading_order(lines: list[tuple[tuple, list[tuple[int, int, str]]]]) -> str:
    """Lines in order, a blank line between blocks; a run of lines split in two columns
    (from a line of two runs, while no line crosses the gap) as its left column, then
    its right column."""
    parts: list[str] = []
    block, n = None, 0
    while n < len(lines):
        key, runs = lines[n]
        if len(runs) == 2:
            split = (runs[0][1] + runs[1][0]) / 2  # the middle of the gap
            left_column, right_column = [], []
            while n < len(lines) and all(
                end < split or start > split for start, end, _ in lines[n][1]
            ):
                left_column += [t for _, end, t in lines[n][1] if end < split]
                right_column += [t for start, _, t in lines[n][1] if start > split]
                n += 1
            parts += ["\n".join(left_column), "\n".join(right_column)]
            block = None
            continue
        line = " ".join(t for _, _, t in runs)
        if key == block and parts:
            parts[-1] += "\n" + line
        else:
            parts.append(line)
        block, n = key, n + 1
    return "\n\n".join(part for part in parts if part)


def _store(path: Path, page: OcrPage) -> None:
    """Write one cache entry atomically (a half-written entry is never read); a cache
    that cannot be written only costs the next run its time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
        ) as file:
            json.dump({"text": page.text, "confidence": page.confidence}, file)
        os.replace(file.name, path)
    except OSError:
        pass


def image_pages(data: bytes) -> list[tuple[bytes, int | None]]:
    """The pages of an image file as ``(image bytes, dpi or None)``: a multi-page TIFF is
    split into one PNG a page (each recognized and cached on its own); any other image
    is its one page, as it is."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            if frames == 1:
                return [(data, _dpi(image.info))]
            pages = []
            for frame in ImageSequence.Iterator(image):
                out = io.BytesIO()
                frame.save(out, format="PNG")
                pages.append((out.getvalue(), _dpi(frame.info)))
            return pages
    except Image.DecompressionBombError:
        raise OcrError("image too large (more pixels than Pillow opens safely)") from None
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as exc:
        raise OcrError(f"damaged or unknown image: {exc}") from None


def pdf_page_images(page) -> list[tuple[bytes, int | None]]:
    """The images a pypdf page shows (a scanner's PDF: one a page), with the resolution
    they are drawn at (pixels over the page's width in inches)."""
    found = []
    inches = float(page.mediabox.width) / 72 or 1.0
    for image in page.images:
        width = image.image.width if image.image is not None else 0
        found.append((image.data, round(width / inches) if width else None))
    return found


def _dpi(info: dict) -> int | None:
    dpi = info.get("dpi")
    try:
        return round(float(dpi[0])) if dpi and float(dpi[0]) >= 50 else None
    except (TypeError, ValueError, IndexError):
        return None
