"""indexer.sources: real files in a temp dir go in, RawDocument or SourceError comes out."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from indexer.analysis import clean
from indexer.legacy import to_tcvn3, to_vni
from indexer.records import RawDocument
from indexer.sources import SUPPORTED, SourceError, decode_text, find_files, read_source

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SENTENCE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc."
BODY = (
    "TỈNH ỦY NINH BÌNH\n"
    "Số 342-CV/TU\n"
    "V/v tiếp tục tăng cường công tác phòng, chống dịch Covid-19\n"
    "Thường trực Tỉnh ủy yêu cầu các cấp ủy, chính quyền thực hiện nghiêm phương châm "
    "“4 tại chỗ”; người đứng đầu chịu trách nhiệm trước Ban Thường vụ."
)


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read(root: Path, name: str, data: bytes) -> RawDocument:
    return read_source(write(root, name, data), root)


def reason(root: Path, name: str, data: bytes) -> str:
    with pytest.raises(SourceError) as caught:
        read(root, name, data)
    return str(caught.value)


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 keeps ă â ê ô ơ ư đ whole but writes tone marks as combining bytes."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


# --- text files and encodings ------------------------------------------------------------


def test_utf8_text_file_becomes_a_raw_document_with_relative_id_and_source(tmp_path):
    doc = read(tmp_path, "2021/cv_342.txt", BODY.encode())
    assert doc == RawDocument(
        id="2021/cv_342", source="2021/cv_342.txt", text=BODY, format="txt", encoding="utf-8"
    )


def test_utf8_with_byte_order_mark_loses_the_mark(tmp_path):
    doc = read(tmp_path, "a.md", b"\xef\xbb\xbf" + BODY.encode())
    assert (doc.text, doc.format, doc.encoding) == (BODY, "md", "utf-8")


@pytest.mark.parametrize(
    ("codec", "expected"),
    [("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-16-le", "utf-16-le")],
)
def test_utf16_with_or_without_byte_order_mark_is_decoded(tmp_path, codec, expected):
    data = BODY.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = read(tmp_path, "a.txt", data)
    assert (doc.text, doc.encoding) == (BODY, expected)


def test_windows_1258_file_is_decoded_and_recomposed_to_nfc(tmp_path):
    doc = read(tmp_path, "a.txt", cp1258_bytes(BODY.replace("“", '"').replace("”", '"')))
    assert (doc.text, doc.encoding) == (BODY.replace("“", '"').replace("”", '"'), "windows-1258")


def test_decomposed_nfd_text_comes_out_nfc(tmp_path):
    doc = read(tmp_path, "a.txt", unicodedata.normalize("NFD", BODY).encode())
    assert doc.text == BODY
    assert unicodedata.is_normalized("NFC", doc.text)


def test_text_is_cleaned_with_one_dash_and_one_line_ending(tmp_path):
    doc = read(tmp_path, "a.txt", "Số 342\u2013CV/TU\r\nngày\u00a022/7\r".encode())
    assert doc.text == "Số 342-CV/TU\nngày 22/7\n"


def test_word_bookmark_debris_is_removed(tmp_path):
    doc = read(tmp_path, "a.txt", "[bookmark: _GoBack]Ngày 24/8/2021, [bookmark: x1]Văn".encode())
    assert doc.text == "Ngày 24/8/2021, Văn"


# --- legacy Vietnamese encodings ---------------------------------------------------------


def test_tcvn3_file_is_converted_to_unicode(tmp_path):
    text = f"{SENTENCE}\nThường trực Tỉnh ủy yêu cầu các cấp ủy thực hiện nghiêm."
    data = to_tcvn3(text).encode("latin-1")
    assert data.startswith("Céng hßa x· héi".encode("latin-1"))
    doc = read(tmp_path, "a.txt", data)
    assert (doc.text, doc.encoding) == (text, "tcvn3")


def test_tcvn3_heading_typed_in_capitals_gets_capital_toned_letters(tmp_path):
    data = "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM\nSè 342-CV/TU\nTØnh ñy".encode("latin-1")
    assert read(tmp_path, "a.txt", data).text == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố 342-CV/TU\nTỉnh ủy"
    )


def test_tcvn3_mojibake_saved_as_utf8_is_converted(tmp_path):
    doc = read(tmp_path, "a.txt", to_tcvn3(SENTENCE).encode())
    assert (doc.text, doc.encoding) == (SENTENCE, "utf-8+tcvn3")


def test_vni_file_is_converted_to_unicode(tmp_path):
    text = f"{SENTENCE}\nNgười đứng đầu chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy."
    data = to_vni(text).encode("latin-1")
    assert data.startswith("Coäng hoøa xaõ hoäi".encode("latin-1"))
    doc = read(tmp_path, "a.txt", data)
    assert (doc.text, doc.encoding) == (text, "vni")


def test_legacy_looking_text_that_no_table_converts_is_rejected(tmp_path):
    data = "Céng hßa ¼½¾ ÆÇÈ ÎÏÐ ÑÒÓ ×ØÜ ¶·¸ µ¹» ÿþý ¤¥¦ ¡¢£ áâã äåæ".encode("latin-1")
    assert decode_error(data) == "legacy TCVN3/VNI encoding: convert the file to Unicode"


def decode_error(data: bytes) -> str:
    with pytest.raises(SourceError) as caught:
        decode_text(data)
    return str(caught.value)


# --- unreadable files --------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t ", "\ufeff \n".encode("utf-16")])
def test_empty_or_blank_file_is_rejected(tmp_path, data):
    assert reason(tmp_path, "a.txt", data) == "empty file"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        bytes(range(1, 32)) * 40,
    ],
)
def test_binary_file_is_rejected(tmp_path, data):
    assert reason(tmp_path, "a.txt", data) == "binary file (not text)"


def test_damaged_utf8_is_rejected_with_the_offset(tmp_path):
    data = BODY.encode()[:40] + b"\xff" + BODY.encode()[40:]
    assert reason(tmp_path, "a.txt", data) == "damaged UTF-8 text (invalid bytes at offset 40)"


def test_utf8_cut_inside_the_last_letter_keeps_the_rest(tmp_path):
    assert read(tmp_path, "a.txt", "Tỉnh ủ".encode()[:-1]).text == "Tỉnh "


def test_file_that_disappears_before_reading_is_reported(tmp_path):
    assert_raises_reason(tmp_path / "gone.txt", tmp_path, "file disappeared while indexing")


def test_unreadable_file_is_reported(tmp_path):
    # root reads a chmod-0 file, so make the path unreadable as a file for anyone
    path = tmp_path / "a.txt"
    path.mkdir()
    with pytest.raises(SourceError) as caught:
        read_source(path, tmp_path)
    assert str(caught.value)


def test_unsupported_suffix_is_rejected(tmp_path):
    assert reason(tmp_path, "a.rtf", b"{\\rtf1}") == "unsupported file type: .rtf"


def assert_raises_reason(path: Path, root: Path, expected: str) -> None:
    with pytest.raises(SourceError) as caught:
        read_source(path, root)
    assert str(caught.value) == expected


# --- office, PDF and HTML ----------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("TỈNH ỦY NINH BÌNH")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Số 342-CV/TU"
    table.cell(0, 1).text = "Ninh Bình, ngày 22 tháng 7 năm 2021"
    document.add_paragraph("[bookmark: _GoBack]Kính gửi: Các huyện ủy, thành ủy")
    document.save(path)
    return path


def test_docx_paragraphs_and_table_cells_are_read_in_order(tmp_path):
    doc = read_source(make_docx(tmp_path / "cv.docx"), tmp_path)
    assert doc == RawDocument(
        id="cv",
        source="cv.docx",
        text="TỈNH ỦY NINH BÌNH\nSố 342-CV/TU\nNinh Bình, ngày 22 tháng 7 năm 2021\n"
        "Kính gửi: Các huyện ủy, thành ủy",
        format="docx",
        encoding=None,
    )


def test_truncated_docx_is_rejected(tmp_path):
    data = make_docx(tmp_path / "full.docx").read_bytes()
    assert reason(tmp_path, "cut.docx", data[: len(data) // 2]) == (
        "truncated or damaged .docx: not a valid zip archive"
    )


def make_pdf(path: Path, text: str) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(0, 8, text)
    pdf.output(str(path))
    return path


def test_pdf_text_layer_round_trips_vietnamese(tmp_path):
    doc = read_source(make_pdf(tmp_path / "cv.pdf", BODY), tmp_path)
    assert (doc.id, doc.source, doc.format) == ("cv", "cv.pdf", "pdf")
    assert doc.text.split() == clean(BODY).split()


def test_pdf_without_text_layer_nor_scanned_text_is_rejected(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    pdf.output(str(tmp_path / "scan.pdf"))
    assert_raises_reason(
        tmp_path / "scan.pdf", tmp_path, "PDF has no text layer, and OCR found no text in it"
    )


def test_truncated_pdf_is_rejected(tmp_path):
    data = make_pdf(tmp_path / "full.pdf", BODY).read_bytes()
    assert reason(tmp_path, "cut.pdf", data[: len(data) // 2]) == (
        "truncated or damaged PDF: no end-of-file marker"
    )


def test_garbage_pdf_is_rejected(tmp_path):
    assert reason(tmp_path, "bad.pdf", b"not a pdf at all\n%%EOF\n").startswith(
        "truncated or damaged PDF: "
    )


HTML = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Công điện</title>
<style>body {{ color: red }}</style><script>var tracking = "mã theo dõi";</script></head>
<body><nav><a href="/">Trang chủ</a></nav>
<h1>Công điện số 1102/CĐ-TTg</h1><p>Tăng cường <b>phòng, chống</b> dịch<br>COVID-19</p>
<table><tr><td>Nơi nhận:</td><td>Các tỉnh</td></tr></table></body></html>"""
# The page title is left out: the page has its own <h1>.
HTML_TEXT = (
    "Công điện số 1102/CĐ-TTg\n\nTăng cường phòng, chống dịch\nCOVID-19\n\nNơi nhận: Các tỉnh"
)


def test_html_visible_text_is_read_without_script_style_or_menu(tmp_path):
    doc = read(tmp_path, "a.html", HTML.format(charset="utf-8").encode())
    assert (doc.text, doc.format) == (HTML_TEXT, "html")


def test_html_meta_charset_windows_1258_is_honoured(tmp_path):
    doc = read(tmp_path, "a.htm", cp1258_bytes(HTML.format(charset="windows-1258")))
    assert (doc.text, doc.format) == (HTML_TEXT, "html")


# --- listing files -----------------------------------------------------------------------


def test_find_files_walks_directories_and_keeps_only_supported_visible_files(tmp_path):
    for name in [
        "b/2.TXT", "b/c/3.docx", "a.pdf", "d.htm", "e.html", "f.md",
        "skip.rtf", ".hidden.txt", ".git/x.txt", "b/.cache/y.md", "manifest.txt",
        "b/~$lock.docx", "README.md", "noext",
    ]:  # fmt: skip
        write(tmp_path, name, b"x")
    single = write(tmp_path / "other", "one.txt", b"x")
    found = find_files([tmp_path / "b", tmp_path, single])
    names = ["a.pdf", "b/2.TXT", "b/c/3.docx", "d.htm", "e.html", "f.md", "other/one.txt"]
    assert found == [tmp_path / n for n in names]
    assert {p.suffix.lower() for p in found} <= set(SUPPORTED)


def test_find_files_reports_a_missing_path(tmp_path):
    with pytest.raises(SourceError) as caught:
        find_files([tmp_path / "missing"])
    assert str(caught.value) == f"no such file or directory: {tmp_path / 'missing'}"


def test_every_sample_corpus_file_is_read(tmp_path):
    docs = [read_source(path, CORPUS) for path in find_files([CORPUS])]
    assert [(d.id, d.format, d.encoding) for d in docs] == [
        (p.stem, "txt", "utf-8") for p in sorted(CORPUS.glob("*.txt"))
    ]
    assert all(d.text.strip() and "[bookmark:" not in d.text for d in docs)
    assert all(unicodedata.is_normalized("NFC", d.text) for d in docs)
