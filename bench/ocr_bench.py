"""OCR accuracy and speed on generated scans of the sample documents (issue 22).

Each seed document of ``corpus/`` is cut to its first ``--chars`` characters, wrapped and
rendered with DejaVu Sans (about 12 pt) on an A4-wide page at 200 and 300 dpi, with light
salt-and-pepper noise and a small skew, then read by ``indexer.ocr`` with an empty cache.
Prints per dpi: the character error rate (edit distance over the length of the text,
whitespace normalized: line breaks are layout, not text), the words' mean confidence and
the seconds per page; then the cost of reading the same pages again (the cache).

    .venv/bin/python bench/ocr_bench.py [--chars 1500] [--skew 1.5]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import ocr  # noqa: E402
from indexer.sources import find_files, read_source  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render(text: str, dpi: int, skew: float, seed: int) -> bytes:
    """One page: 12 pt text, 20 mm margins, 1% of pixels flipped, turned by ``skew``."""
    size, margin, width = round(12 * dpi / 72), round(20 / 25.4 * dpi), round(8.27 * dpi)
    font = ImageFont.truetype(FONT, size)
    lines = [w for para in text.split("\n") for w in (textwrap.wrap(para, 80) or [""])]
    step = round(size * 1.4)
    image = Image.new("L", (width, 2 * margin + step * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((margin, margin + n * step), line, font=font, fill=0)
    rng = random.Random(seed)
    pixels = image.load()
    for _ in range(image.width * image.height // 100):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = 255 - pixels[x, y]
    image = image.rotate(skew, expand=True, fillcolor=255)
    out = tempfile.SpooledTemporaryFile()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    out.seek(0)
    return out.read()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=1500)
    parser.add_argument("--skew", type=float, default=1.5)
    args = parser.parse_args()
    corpus = ROOT / "corpus"
    texts = [read_source(p, corpus).text[: args.chars] for p in find_files([corpus])]
    os.environ["TRACUU_OCR_CACHE_DIR"] = tempfile.mkdtemp(prefix="ocr-bench-")
    for dpi in (200, 300):
        pages = [render(t, dpi, args.skew if n % 2 else -args.skew, n) for n, t in enumerate(texts)]
        started, errors, length, confidences = time.perf_counter(), 0, 0, []
        results = [ocr.recognize(page) for page in pages]
        seconds = time.perf_counter() - started
        for text, page in zip(texts, results, strict=True):
            truth, read = " ".join(text.split()), " ".join(page.text.split())
            errors, length = errors + edit_distance(truth, read), length + len(truth)
            confidences.append(page.confidence or 0)
        started = time.perf_counter()
        for page in pages:
            ocr.recognize(page)
        again = time.perf_counter() - started
        print(
            f"{dpi} dpi: {len(pages)} pages, CER {100 * errors / length:.2f}% "
            f"({errors} edits / {length} chars), mean confidence "
            f"{sum(confidences) / len(confidences):.1f}, {seconds / len(pages):.2f} s/page "
            f"(1 process), again from the cache {1000 * again / len(pages):.1f} ms/page"
        )


if __name__ == "__main__":
    main()
