"""Exported files read back as their users' programs read them: the DOCX with python-docx,
the PDF's text layer with pypdf, the CSV with the csv module; Vietnamese intact."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import docx
import pypdf
import pytest

from tests.conftest import SEED
from tests.service.conftest import upload

LINK = "http://testserver/documents/"
HEADINGS = ["Số hiệu", "Loại văn bản", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu", "Liên kết"]
ROWS = [  # the Công văn of `4 tai cho`, newest first
    ["342-CV/TU", "Công văn", "22/07/2021", "Tỉnh ủy Ninh Bình",
     "tiếp tục tăng cường công tác phòng, chống dịch Covid-19", LINK + SEED["000"]],
    ["1767-CV/TU", "Công văn", "30/07/2020", "Tỉnh ủy Thanh Hóa",
     "triển khai thực hiện khẩn trương các biện pháp phòng, chống dịch bệnh Covid-19 trong "
     "tình hình mới", LINK + SEED["002"]],
]  # fmt: skip
SEARCH = {"q": "4 tai cho", "doc_type": "Công văn", "sort": "newest"}
FORMULA = (
    "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nSố: 78/TB-UBND\nNinh Bình, ngày 4 tháng 8 năm 2021\n"
    'THÔNG BÁO\nV/v =HYPERLINK("http://x.example","bấm") và +1\n'
    "@chủ tịch thông báo lịch kiểm tra phòng, chống dịch.\n"
)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(content: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor  # the TrueType font is in the file
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_docx_export_is_a_table_of_the_results_in_vietnamese(client):
    response = client.get("/api/export", params={**SEARCH, "format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-type"].endswith("wordprocessingml.document")
    assert 'filename="tracuu.docx"' in response.headers["content-disposition"]
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "Kết quả tra cứu «4 tai cho» · Công văn"
    assert document.paragraphs[1].text.startswith("2 văn bản · xuất ngày ")
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [HEADINGS, *ROWS]


def test_pdf_export_text_layer_holds_the_vietnamese_rows(client):
    response = client.get("/api/export", params={**SEARCH, "format": "pdf"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.startswith("Kết quả tra cứu «4 tai cho» · Công văn\n2 văn bản · xuất ngày ")
    assert " ".join(HEADINGS) in text
    flat = " ".join(text.split())
    for row in ROWS:
        for value in row[:4]:
            assert value in flat
    assert "tiếp tục tăng cường công tác phòng, chống dịch Covid-19" in flat
    assert "?" not in flat  # every character drawn by the font, none replaced
    assert embedded_fonts(response.content) == {"SourceSansPro", "SourceSansProBold"}


def test_one_document_as_docx_has_its_metadata_header_and_text(client):
    response = client.get(f"/api/documents/{SEED['000']}", params={"format": "docx"})
    assert response.status_code == 200
    assert f'filename="{SEED["000"]}.docx"' in response.headers["content-disposition"]
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == (
        "Công văn 342-CV/TU: tiếp tục tăng cường công tác phòng, chống dịch Covid-19"
    )
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header == {
        "Số hiệu": "342-CV/TU",
        "Loại văn bản": "Công văn",
        "Ngày ban hành": "22/07/2021",
        "Cơ quan ban hành": "Tỉnh ủy Ninh Bình",
        "Nơi ban hành": "Ninh Bình",
        "Trích yếu": "tiếp tục tăng cường công tác phòng, chống dịch Covid-19",
        "Người ký": "Trần Hồng Quảng",
        "Chức vụ": "Phó Bí thư",
        "Liên kết": LINK + SEED["000"],
    }
    body = client.get(f"/api/documents/{SEED['000']}").json()["body"]
    lines = [p.text for p in document.paragraphs[2:]]
    assert lines == body.strip().split("\n")


def test_one_document_as_pdf_holds_its_header_and_text(client):
    response = client.get(f"/api/documents/{SEED['003']}", params={"format": "pdf"})
    assert response.status_code == 200
    flat = " ".join(pdf_text(response.content).split())
    assert flat.startswith("Điện: Thường trực Ban Bí thư yêu cầu tiếp tục tăng cường")
    for text in ("Ngày ban hành 21/07/2021", "Cơ quan ban hành Thường trực Ban Bí thư",
                 "sức khoẻ của nhân dân", "phương châm bốn tại chỗ"):  # fmt: skip
        assert text in flat


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(archive):
    with archive.client() as client:
        doc_id = upload(client, "thong_bao_78.txt", FORMULA)
        response = client.get("/api/export", params={"q": "number:78/TB-UBND", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["id"] for row in rows] == [doc_id]
    assert rows[0]["subject"] == (
        '\'=HYPERLINK("http://x.example","bấm") và +1 '
        "@chủ tịch thông báo lịch kiểm tra phòng, chống dịch."
    )
    assert (
        rows[0]["number"] == "78/TB-UBND" and rows[0]["issuer"] == "Ủy ban nhân dân tỉnh Ninh Bình"
    )


def test_a_table_file_of_too_many_rows_is_400(client, monkeypatch):
    monkeypatch.setattr("api.search_routes.MAX_FILE_ROWS", 1)
    response = client.get("/api/export", params={**SEARCH, "format": "pdf"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "2 documents: a pdf file holds at most 1; narrow the search or export csv"
    }


@pytest.mark.parametrize("path", ["/api/export", f"/api/documents/{SEED['000']}"])
def test_unknown_export_formats_are_400(client, path):
    response = client.get(path, params={"format": "xlsx"})
    assert response.status_code == 400 and response.json()["detail"].startswith("format:")
    missing = client.get("/api/documents/khong_co", params={"format": "pdf"})
    assert missing.status_code == 404 and missing.json() == {
        "detail": "no document with id 'khong_co'"
    }


def test_a_long_pdf_table_repeats_its_headings_and_wraps_long_links(client):
    from api.pdf_file import table_pdf

    link = LINK + "uploads/" + "rất_dài_" * 12
    records = client.get("/api/export", params={"q": "covid"}).json()["results"]
    rows = [dict(r, link=link) for r in records] * 40
    reader = pypdf.PdfReader(io.BytesIO(table_pdf("Tất cả", f"{len(rows)} văn bản", rows)))
    assert len(reader.pages) > 3
    for page in reader.pages:
        assert " ".join(page.extract_text().split()).count(" ".join(HEADINGS)) == 1
    flat = "".join("".join(p.extract_text() for p in reader.pages).split())
    assert flat.count(link) == len(rows)  # each link whole, cut across lines


def test_a_server_start_does_not_import_the_file_writers():
    """fpdf, fontTools and python-docx load on the first export, not with the app."""
    code = (
        "import sys; import api.app; "
        "print(sorted(m for m in ('fpdf', 'docx', 'fontTools') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
