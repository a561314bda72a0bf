"""Web fixtures: the sample archive plus a document whose text looks like HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SCRIPT_ID = "900_thu_nghiem"
SCRIPT_TEXT = """TỈNH ỦY THỬ NGHIỆM
Số 99-CV/TU
V/v kiểm tra <i>nghiêng</i> trong trích yếu

Thử nghiệm, ngày 5 tháng 3 năm 2019

Văn bản mẫu để kiểm tra hiển thị: <script>alert(1)</script> và <b>đậm</b> phải hiện nguyên văn,
không được chạy & không được in đậm.
Thực hiện Công văn số 342-CV/TU ngày 22/7/2021 của Tỉnh ủy Ninh Bình.
"""


@pytest.fixture(scope="session")
def script_id() -> str:
    """Id of the fixture document whose text holds <script> and <b> tags."""
    return SCRIPT_ID


@pytest.fixture(scope="session")
def web_corpus(tmp_path_factory) -> Path:
    """A copy of corpus/ with the HTML-looking fixture document added."""
    target = tmp_path_factory.mktemp("web") / "corpus"
    shutil.copytree(CORPUS, target)
    (target / f"{SCRIPT_ID}.txt").write_text(SCRIPT_TEXT, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def web_index(web_corpus) -> Path:
    index_dir = web_corpus.parent / "index"
    report = build_index(web_corpus, index_dir, jobs=1)
    assert report.skipped == []
    return index_dir


@pytest.fixture(scope="session")
def web_client(web_index, web_corpus):
    app = create_app(Settings(index_dir=web_index, corpus_dir=web_corpus))
    with TestClient(app) as client:
        yield client
