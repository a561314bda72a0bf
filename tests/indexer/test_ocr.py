"""indexer.ocr: Vietnamese text rendered with a real font to a PNG, a multi-page TIFF, an
image-only (scanned) PDF and a mixed PDF, read through Tesseract, indexed and found."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from api.cli import main
from indexer.build import build_index
from indexer.limits import Limits
from indexer.ocr import LANGUAGE, _languages
from indexer.sources import read_source
from search.models import SearchRequest
from search.searcher import Engine

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADER = (
    ["ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "Số: 342/UBND-VX"],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
     "Ninh Bình, ngày 05 tháng 1 năm 2022"],
)  # fmt: skip
BODY = [
    "V/v tăng cường phòng, chống lụt bão theo phương châm “4 tại chỗ”",
    "",
    "Kính gửi: Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố.",
    "Ủy ban nhân dân tỉnh yêu cầu các đơn vị chuẩn bị lực lượng, phương tiện,",
    "vật tư theo phương châm “4 tại chỗ”; đôn đốc việc ứng phó ở vùng trũng thấp.",
    "",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Đặng Thanh Hùng",
]
PAGE_TWO = ["Nơi nhận:", "- Sở Nông nghiệp và Phát triển nông thôn;", "- Lưu: VT."]
tesseract = shutil.which("tesseract")
pytestmark = pytest.mark.skipif(
    (tesseract is None or LANGUAGE not in _languages(tesseract)) and not os.environ.get("CI"),
    reason="Tesseract with its Vietnamese model is not installed",
)


@pytest.fixture(autouse=True)
def ocr_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TRACUU_OCR_CACHE_DIR", str(tmp_path / "ocr-cache"))
    return tmp_path / "ocr-cache"


def render(columns: tuple[list[str], ...], lines: list[str], size: int = 40) -> Image.Image:
    """A 300 dpi page: ``columns`` side by side at the top, then ``lines``."""
    font, step = ImageFont.truetype(DEJAVU, size), int(size * 1.5)
    top = max((len(c) for c in columns), default=0) + 1
    image = Image.new("L", (2000, 120 + step * (top + len(lines))), 255)
    draw = ImageDraw.Draw(image)
    for x, column in zip((80, 950), columns, strict=False):
        for n, line in enumerate(column):
            draw.text((x, 60 + n * step), line, font=font, fill=0)
    for n, line in enumerate(lines):
        draw.text((80, 60 + (top + n) * step), line, font=font, fill=0)
    return image


def save(image: Image.Image, path: Path, **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, dpi=(300, 300), **options)
    return path


def found(index_dir: Path) -> tuple[list[str], list[str], dict]:
    """Hits of the phrase, hits of the number, and the first hit's record."""
    with Engine(index_dir) as engine:
        phrase = [h.id for h in engine.search(SearchRequest(q='"4 tại chỗ"')).results]
        number = [h.id for h in engine.lookup("342/ubnd-vx")]
        record = engine.record(phrase[0]) if phrase else {}
    fields = ("number", "doc_type", "issuer", "place", "issued_date", "signer")
    return phrase, number, {k: record.get(k) for k in fields}


EXPECTED = {
    "number": "342/UBND-VX",
    "doc_type": "Công văn",
    "issuer": "Ủy ban nhân dân tỉnh Ninh Bình",
    "place": "Ninh Bình",
    "issued_date": "2022-01-05",
    "signer": "Đặng Thanh Hùng",
}


def test_png_scan_is_found_by_phrase_number_and_issuer(tmp_path):
    save(render(HEADER, BODY), tmp_path / "archive" / "cv342.png")
    report = build_index(tmp_path / "archive", tmp_path / "ix", jobs=1)
    assert (report.added, report.skipped) == (1, [])
    assert found(tmp_path / "ix") == (["cv342"], ["cv342"], EXPECTED)


def test_two_column_header_reads_left_column_then_right(tmp_path):
    path = save(render(HEADER, BODY), tmp_path / "cv342.png")
    doc = read_source(path, tmp_path)
    assert doc.format == "image"
    assert doc.text.split("\n\n")[:2] == [
        "\n".join(HEADER[0]),
        "\n".join(HEADER[1][:2] + HEADER[1][3:]),
    ]


def test_multi_page_tiff_reads_every_page_in_order(tmp_path):
    pages = [render(HEADER, BODY), render((), PAGE_TWO)]
    path = save(pages[0], tmp_path / "cv342.tiff", save_all=True, append_images=pages[1:])
    text = read_source(path, tmp_path).text
    assert text.index("Đặng Thanh Hùng") < text.index("Nơi nhận:")
    assert "- Sở Nông nghiệp và Phát triển nông thôn;" in text.splitlines()


def test_scanned_pdf_without_text_layer_is_found_by_phrase_number_and_issuer(tmp_path):
    pages = [render(HEADER, BODY).convert("RGB"), render((), PAGE_TWO).convert("RGB")]
    path = tmp_path / "archive" / "cv342.pdf"
    save(pages[0], path, save_all=True, append_images=pages[1:], resolution=300)
    report = build_index(tmp_path / "archive", tmp_path / "ix", jobs=1)
    assert (report.added, report.skipped) == (1, [])
    assert found(tmp_path / "ix") == (["cv342"], ["cv342"], EXPECTED)


def test_mixed_pdf_keeps_its_text_layer_and_reads_its_scanned_page(tmp_path):
    scan = io.BytesIO()
    render((), PAGE_TWO).save(scan, format="PNG", dpi=(300, 300))
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=DEJAVU)
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "\n".join(HEADER[0] + HEADER[1] + BODY))
    pdf.add_page()
    pdf.image(scan, x=0, y=0, w=210)
    pdf.output(str(tmp_path / "mixed.pdf"))
    text = read_source(tmp_path / "mixed.pdf", tmp_path).text
    assert "Số: 342/UBND-VX" in text and "- Lưu: VT." in text.splitlines()


def test_a_rebuild_reads_scans_from_the_cache_even_without_tesseract(tmp_path, monkeypatch):
    save(render(HEADER, BODY), tmp_path / "archive" / "cv342.png")
    build_index(tmp_path / "archive", tmp_path / "ix", jobs=1)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    report = build_index(tmp_path / "archive", tmp_path / "ix", jobs=1, rebuild=True)
    assert (report.added, report.skipped) == (1, [])
    assert found(tmp_path / "ix") == (["cv342"], ["cv342"], EXPECTED)


def test_without_tesseract_scans_are_skipped_with_the_install_command(tmp_path, monkeypatch):
    save(render(HEADER, BODY), tmp_path / "archive" / "cv342.png")
    save(render(HEADER, BODY).convert("RGB"), tmp_path / "archive" / "scan.pdf")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    report = build_index(tmp_path / "archive", tmp_path / "ix", jobs=1)
    need = "scanned pages need Tesseract with its Vietnamese model: "
    need += "apt-get install tesseract-ocr tesseract-ocr-vie"
    assert [(s.source, s.reason) for s in report.skipped] == [
        ("cv342.png", need),
        ("scan.pdf", f"PDF has no text layer (scanned): {need}"),
    ]


def test_ocr_switched_off_skips_scans_and_says_so(tmp_path):
    save(render(HEADER, BODY), tmp_path / "archive" / "cv342.png")
    report = build_index(tmp_path / "archive", tmp_path / "ix", jobs=1, limits=Limits(ocr=False))
    assert [(s.source, s.reason) for s in report.skipped] == [
        ("cv342.png", "a scanned image: OCR is switched off (--no-ocr)")
    ]


def test_index_command_with_no_ocr_reports_the_scan_skipped_and_exits_2(tmp_path):
    save(render(HEADER, BODY), tmp_path / "archive" / "cv342.png")
    args = ["index", str(tmp_path / "archive"), "--index-dir", str(tmp_path / "ix"), "--no-ocr"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "cv342.png: a scanned image: OCR is switched off (--no-ocr)" in result.output


def test_record_says_text_came_from_ocr_with_its_mean_confidence(tmp_path):
    save(render(HEADER, BODY), tmp_path / "archive" / "cv342.png")
    make = FPDF()
    make.add_font("DejaVu", fname=DEJAVU)
    make.set_font("DejaVu", size=12)
    make.add_page()
    make.multi_cell(0, 8, "\n".join(PAGE_TWO))
    make.output(str(tmp_path / "archive" / "text.pdf"))
    build_index(tmp_path / "archive", tmp_path / "ix", jobs=1)
    with Engine(tmp_path / "ix") as engine:
        scan, text = engine.record("cv342"), engine.record("text")
    assert scan["ocr_confidence"] > 90 and text["ocr_confidence"] is None


def test_an_image_too_large_to_open_safely_is_skipped_with_its_reason(tmp_path):
    save(Image.new("1", (13_000, 14_000), 1), tmp_path / "archive" / "huge.png")
    report = build_index(tmp_path / "archive", tmp_path / "ix", jobs=1)
    assert [(s.source, s.reason) for s in report.skipped] == [
        ("huge.png", "image too large (more pixels than Pillow opens safely)")
    ]
