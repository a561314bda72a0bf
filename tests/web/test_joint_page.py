"""A joint document on the reading page and in the API: every issuer, every signature
block with its capacity."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index

JOINT = """TỈNH ỦY THANH HÓA
BAN TUYÊN GIÁO - BAN DÂN VẬN
*
Số 02-HDLT/BTG-BDV
ĐẢNG CỘNG SẢN VIỆT NAM

Thanh Hóa, ngày 06 tháng 5 năm 2023

HƯỚNG DẪN LIÊN TỊCH
tuyên truyền kỷ niệm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc

Thực hiện Hướng dẫn số 105-HD/BTGTW của Ban Tuyên giáo Trung ương, hai ban hướng dẫn:
1. Tuyên truyền sâu rộng ý nghĩa lịch sử của Lời kêu gọi thi đua ái quốc.

T/M BAN DÂN VẬN                 T/M BAN TUYÊN GIÁO
PHÓ TRƯỞNG BAN                  TRƯỞNG BAN

Lê Thị Hoa                      Đào Xuân Yên

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("joint")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "hdlt.txt").write_text(JOINT, encoding="utf-8")
    assert build_index(corpus, root / "index", jobs=1).skipped == []
    with TestClient(create_app(Settings(index_dir=root / "index", corpus_dir=corpus))) as c:
        yield c


def test_a_joint_document_names_every_issuer_and_signer(client):
    doc = client.get("/api/documents/hdlt").json()
    assert (doc["doc_type"], doc["issuer"], doc["issuers"]) == (
        "Hướng dẫn liên tịch",
        "Ban Tuyên giáo Tỉnh ủy Thanh Hóa",
        ["Ban Tuyên giáo Tỉnh ủy Thanh Hóa", "Ban Dân vận Tỉnh ủy Thanh Hóa"],
    )
    assert [(s["signer"], s["capacity"]) for s in doc["signatures"]] == [
        ("Lê Thị Hoa", "TM. Ban Dân vận"),
        ("Đào Xuân Yên", "TM. Ban Tuyên giáo"),
    ]
    html = client.get("/documents/hdlt").text
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>(.*?)</td></tr>', html))
    assert rows["Cơ quan ban hành"] == (
        "Ban Tuyên giáo Tỉnh ủy Thanh Hóa; Ban Dân vận Tỉnh ủy Thanh Hóa"
    )
    assert rows["Người ký"] == (
        '<span class="capacity">TM. Ban Dân vận</span><br>Lê Thị Hoa'
        '<span class="muted"> – Phó Trưởng ban</span><br>'
        '<span class="capacity">TM. Ban Tuyên giáo</span><br>Đào Xuân Yên'
        '<span class="muted"> – Trưởng ban</span>'
    )
