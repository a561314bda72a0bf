"""Bad files never stop a build: what is readable is indexed, the rest is listed with why,
and `tracuu index` exits with status 2 when anything was skipped."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import legacy
from indexer.build import MAX_FILE_BYTES, build_index
from search.models import SearchRequest
from search.searcher import Engine

TRACUU = [sys.executable, "-c", "from api.cli import main; main()"]
GOOD = (
    "TỈNH ỦY NINH BÌNH\nSố 12-CV/TU\nNinh Bình, ngày 5 tháng 8 năm 2021\n"
    "V/v thực hiện {word} tại chỗ\nCác cấp ủy tiếp tục thực hiện {word} nghiêm túc.\n"
)


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in text.splitlines():
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "corpus"
    root.mkdir()
    rng = random.Random(7)
    (root / "good.txt").write_text(GOOD.format(word="tốtlành"))
    (root / "word.docx").write_bytes(docx_bytes(GOOD.format(word="wordtot")))
    (root / "scan.pdf").write_bytes(pdf_bytes("Cong van so 9-CV/TU pdftotlanh tai cho"))
    tcvn3 = legacy.to_tcvn3("Cộng hòa xã hội chủ nghĩa Việt Nam. Ủy ban nhân dân tỉnh "
                            "thông báo về công tác phòng chống dịch bệnh cúm gia cầm.")  # fmt: skip
    (root / "tcvn3.txt").write_bytes(tcvn3.encode("latin-1"))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text(" \n\t\n")
    (root / "junk.txt").write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    (root / "cut.docx").write_bytes(docx_bytes(GOOD.format(word="cut"))[:1500])
    (root / "cutpdf.pdf").write_bytes(pdf_bytes("Cong van cut")[:300])
    (root / "notzip.docx").write_text("this is not a zip file")
    return root


EXPECTED_SKIPS = {
    "empty.txt": "empty",
    "blank.md": "empty",
    "junk.txt": "binary",
    "cut.docx": "docx",
    "cutpdf.pdf": "PDF",
    "notzip.docx": "docx",
}


def test_readable_files_are_indexed_and_the_others_skipped_with_a_reason(bad_corpus, tmp_path):
    report = build_index(bad_corpus, tmp_path / "index", jobs=1)
    reasons = {s.source: s.reason for s in report.skipped}
    assert set(reasons) == set(EXPECTED_SKIPS)
    for source, word in EXPECTED_SKIPS.items():
        assert word in reasons[source] and "Traceback" not in reasons[source], reasons
    assert report.added == 4 and report.documents == 4
    engine = Engine(tmp_path / "index")
    try:
        for word in ("tốtlành", "wordtot", "pdftotlanh", "cúm gia cầm"):
            assert engine.search(SearchRequest(q=word)).total == 1, word
    finally:
        engine.close()


def test_binary_junk_named_html_is_skipped(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "junk.html").write_bytes(b"\x00\x01\x02\xff" * 500)
    report = build_index(root, tmp_path / "index", jobs=1)
    assert [s.source for s in report.skipped] == ["junk.html"]
    assert report.documents == 0


def test_a_file_that_disappears_while_indexing_is_skipped(bad_corpus, tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for i in range(4):
        (root / f"a{i}.txt").write_text(GOOD.format(word=f"tu{i}"))
    (root / "zz_vanish.txt").write_text(GOOD.format(word="bienmat"))

    class Vanishing:
        def start(self, total: int, label: str) -> None:
            pass

        def advance(self, n: int = 1) -> None:
            (root / "zz_vanish.txt").unlink(missing_ok=True)

        def finish(self) -> None:
            pass

    report = build_index(root, tmp_path / "index", jobs=1, progress=Vanishing())
    assert [(s.source, s.reason) for s in report.skipped] == [
        ("zz_vanish.txt", "file disappeared while indexing")
    ]
    assert report.documents == 4


def test_a_named_file_that_is_missing_is_skipped(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "here.txt").write_text(GOOD.format(word="coday"))
    report = build_index(root, tmp_path / "index", files=[root / "here.txt", root / "gone.txt"])
    assert [(s.source, s.reason) for s in report.skipped] == [("gone.txt", "file not found")]
    assert report.documents == 1


@pytest.mark.slow
def test_a_50_mb_text_file_is_indexed_whole_and_searchable(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "ok.txt").write_text(GOOD.format(word="nho"))
    line = "Các cấp ủy tiếp tục thực hiện nghiêm túc phương châm bốn tại chỗ. " * 16 + "\n"
    with open(root / "huge.txt", "w") as out:
        out.write("CÔNG VĂN\nđầutiênvănbản mở đầu.\n")
        for _ in range(50 * 2**20 // len(line.encode()) + 1):
            out.write(line)
        out.write("Cuối cùng là từ cuốicùngvănbản.\n")
    assert os.path.getsize(root / "huge.txt") > 50 * 2**20
    report = build_index(root, tmp_path / "index", jobs=1)
    assert report.skipped == [] and report.documents == 2
    assert [n.split(":")[0] for n in report.notes] == ["huge"]
    engine = Engine(tmp_path / "index")
    try:
        for q in ("đầutiênvănbản", "cuoicungvanban", '"bốn tại chỗ"', "4 tai cho", "nghiêm túc"):
            results = engine.search(SearchRequest(q=q))
            assert "huge" in [h.id for h in results.results], q
        hit = engine.search(SearchRequest(q="bốn tại chỗ")).results[0]
        assert "<mark>" in hit.snippet and len(hit.snippet) < 1000
        page = engine.document("huge", q="bốn tại chỗ").record["body_html"]
        assert page.count("<mark>") > 1000 and page.endswith("cuốicùngvănbản.\n")
    finally:
        engine.close()


def test_a_file_above_the_size_limit_is_skipped_with_its_size(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "ok.txt").write_text(GOOD.format(word="nho"))
    with open(root / "giant.txt", "wb") as out:  # sparse: no disk used, never read
        out.truncate(MAX_FILE_BYTES + 2**20)
    report = build_index(root, tmp_path / "index", jobs=1)
    assert [s.source for s in report.skipped] == ["giant.txt"]
    assert "too large" in report.skipped[0].reason and "65.0 MB" in report.skipped[0].reason
    assert report.documents == 1


def run_index(root: Path, index_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*TRACUU, "index", str(root), "--index-dir", str(index_dir), "--quiet", "--jobs", "1"],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip


def test_cli_exits_2_when_files_were_skipped_and_0_otherwise(bad_corpus, tmp_path):
    skipped = run_index(bad_corpus, tmp_path / "bad-index")
    assert skipped.returncode == 2, skipped.stderr
    assert "Traceback" not in skipped.stderr
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "good.txt").write_text(GOOD.format(word="sach"))
    ok = run_index(clean, tmp_path / "clean-index")
    assert ok.returncode == 0, ok.stderr
