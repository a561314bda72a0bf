"""Display text: the seeds' conversion debris is gone from what is stored, shown and
highlighted, while the original file is served unchanged."""

from __future__ import annotations

import re

import pytest

from indexer.analysis import syllables
from indexer.display import display_text
from tests.conftest import CORPUS, SEED

DEBRIS = {
    "heading marker": re.compile(r"(?m)^\s*#+ "),
    "escaped star": re.compile(r"\\\*"),
    "bold marker": re.compile(r"\*\*"),
    "empty bullet": re.compile(r"(?m)^\s*-\s*$"),
    "bookmark": re.compile(r"\[bookmark:"),
    "blank run": re.compile(r"\n\s*\n\s*\n"),
}


def test_seed_000_head_reads_as_printed(client):
    body = client.get(f"/api/documents/{SEED['000']}").json()["body"]
    assert body.splitlines()[:12] == [
        "TỈNH ỦY NINH BÌNH",
        "",
        "*",
        "",
        "Số 342 - CV/TU",
        "",
        "V/v tiếp tục tăng cường công tác",
        "phòng, chống dịch Covid-19",
        "",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "",
        "Ninh Bình, ngày 22 tháng 7 năm 2021",
    ]
    assert body.splitlines()[-4:] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Trần Hồng Quảng"]


def test_seed_001_heading_and_title_are_apart(client):
    body = client.get(f"/api/documents/{SEED['001']}").json()["body"]
    assert body.splitlines()[:4] == [
        "THÔNG BÁO",
        "Ý KIẾN CHỈ ĐẠO CỦA ĐỒNG CHÍ BÍ THƯ TỈNH ỦY",
        "tại Hội nghị về công tác phòng, chống dịch Covid-19",
        "trên địa bàn huyện Trực Ninh",
    ]


@pytest.mark.parametrize("seed", sorted(SEED))
def test_no_seed_body_keeps_conversion_debris(client, seed):
    body = client.get(f"/api/documents/{SEED[seed]}").json()["body"]
    assert {name: bool(p.search(body)) for name, p in DEBRIS.items()} == dict.fromkeys(
        DEBRIS, False
    )


@pytest.mark.parametrize("seed", sorted(SEED))
def test_display_text_keeps_every_word(seed):
    path = next(CORPUS.glob(f"{SEED[seed]}.*"))
    text = path.read_text(encoding="utf-8").replace("[bookmark: _GoBack]", "")
    assert syllables(display_text(text)) == syllables(text)


def test_snippets_show_no_markers(client):
    results = client.get("/api/search", params={"q": "phó bí thư"}).json()["results"]
    assert results
    assert [r["id"] for r in results if "**" in r["snippet"] or "\\*" in r["snippet"]] == []


def test_original_file_is_served_unchanged(client, sample_corpus):
    response = client.get(f"/api/documents/{SEED['000']}/original")
    assert response.status_code == 200
    assert response.content == (sample_corpus / f"{SEED['000']}.txt").read_bytes()
    assert b"\\*" in response.content and b"**T/M BAN" in response.content


def test_original_of_an_unknown_document_is_404(client):
    response = client.get("/api/documents/../../etc/passwd/original")
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_reading_page_marks_the_clean_text(client):
    page = client.get(f"/documents/{SEED['000']}", params={"q": "phó bí thư"}).text
    assert re.search(r'<mark id="hit-\d+">PHÓ BÍ THƯ</mark>', page)
    assert "**" not in page
