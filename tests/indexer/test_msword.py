"""indexer.msword: a real Word 97-2003 file (made by LibreOffice from its HTML source,
``tests/fixtures/word/make_doc.sh``) read through antiword, indexed and found."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest

from indexer.build import build_index
from indexer.msword import antiword_path
from indexer.sources import SourceError, read_source
from indexer.sources.html import html_text
from search.models import SearchRequest
from search.searcher import Engine

WORD = Path(__file__).resolve().parents[1] / "fixtures" / "word"
needs_antiword = pytest.mark.skipif(
    antiword_path() is None and not os.environ.get("CI"),  # CI installs it: fail there
    reason="antiword is not installed (apt-get install antiword)",
)


@pytest.fixture
def archive(tmp_path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(WORD / "cv_215_tu.doc", root / "cv_215_tu.doc")
    return root


@needs_antiword
def test_word_97_file_reads_every_word_of_its_source_with_tone_marks_and_d(archive):
    doc = read_source(archive / "cv_215_tu.doc", archive)
    source = html_text((WORD / "cv_215_tu.html").read_bytes())
    source_words = source.replace("Công văn 215-CV/TU", "", 1).split()  # the <title>
    assert (doc.id, doc.format) == ("cv_215_tu", "doc")
    assert doc.text.split() == source_words
    assert "Quảng Nam, ngày 12 tháng 3 năm 2021" in doc.text.splitlines()
    assert "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC" in doc.text


@needs_antiword
def test_word_97_header_cells_stay_whole_in_document_order(archive):
    lines = read_source(archive / "cv_215_tu.doc", archive).text.splitlines()
    assert lines[:7] == [
        "ĐẢNG BỘ TỈNH QUẢNG NAM",
        "TỈNH ỦY",
        "*",
        "Số 215-CV/TU",
        "",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Quảng Nam, ngày 12 tháng 3 năm 2021",
    ]


@needs_antiword
def test_indexed_doc_is_found_by_phrase_number_and_issuer(archive, tmp_path):
    report = build_index(archive, tmp_path / "ix", jobs=1)
    assert (report.added, report.skipped) == (1, [])
    with Engine(tmp_path / "ix") as engine:
        hits = engine.search(SearchRequest(q='"4 tai cho"')).results
        assert [h.id for h in hits] == ["cv_215_tu"]
        assert [h.id for h in engine.lookup("215-cv/tu")] == ["cv_215_tu"]
        record = engine.record("cv_215_tu")
    fields = ("number", "doc_type", "issuer", "place", "issued_date", "signer")
    assert {k: record[k] for k in fields} == {
        "number": "215-CV/TU",
        "doc_type": "Công văn",
        "issuer": "Tỉnh ủy",
        "place": "Quảng Nam",
        "issued_date": "2021-03-12",
        "signer": "Lê Văn Dũng",
    }


def test_without_antiword_a_doc_is_skipped_with_the_install_command(archive, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    report = build_index(archive, tmp_path / "ix", jobs=1)
    assert [(s.source, s.reason) for s in report.skipped] == [
        ("cv_215_tu.doc", "Word 97-2003 .doc needs antiword: apt-get install antiword")
    ]


def test_a_file_named_doc_that_is_not_word_97_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "note.doc"
    path.write_text("Tỉnh ủy Quảng Nam\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not a Word 97-2003 document"):
        read_source(path, tmp_path)


def test_web_page_and_docx_named_doc_are_read_by_what_they_are(tmp_path):
    shutil.copy(WORD / "cv_215_tu.html", tmp_path / "page.doc")
    document = docx.Document()
    document.add_paragraph("Số 215-CV/TU")
    document.add_paragraph("Thường trực Tỉnh ủy đề nghị thực hiện phương châm “4 tại chỗ”.")
    document.save(tmp_path / "renamed.doc")
    page = read_source(tmp_path / "page.doc", tmp_path).text
    renamed = read_source(tmp_path / "renamed.doc", tmp_path).text
    assert "Quảng Nam, ngày 12 tháng 3 năm 2021" in page
    assert renamed == "Số 215-CV/TU\nThường trực Tỉnh ủy đề nghị thực hiện phương châm “4 tại chỗ”."


def test_rtf_named_doc_is_refused_saying_what_it_is(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"{\\rtf1\\ansi T\\'ednh \\'fay}")
    with pytest.raises(SourceError, match="an RTF file named .doc"):
        read_source(tmp_path / "old.doc", tmp_path)
