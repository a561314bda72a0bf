"""An archive of one's own (a copy of the sample corpus and its real index) and clients
of apps over it; "restarting" the server is building a new app over the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
API_KEY = "tracuu-feeds-key-51d2"
KEY = {"X-API-Key": API_KEY}
# A document dated after every seed, that cites 342-CV/TU (seed 000) and says "4 tại chỗ".
CITING = (
    "BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19 HUYỆN GIA VIỄN\n"
    "Số: 15/KH-BCĐ\n"
    "Gia Viễn, ngày 9 tháng 8 năm 2021\n"
    "KẾ HOẠCH\n"
    "Triển khai phương châm 4 tại chỗ trên địa bàn huyện\n"
    "Thực hiện Công văn số 342-CV/TU ngày 22/7/2021 của Tỉnh ủy Ninh Bình về tiếp tục "
    "tăng cường công tác phòng, chống dịch Covid-19, Ban Chỉ đạo huyện xây dựng kế hoạch "
    "bảo đảm 4 tại chỗ: chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện tại chỗ, hậu cần "
    "tại chỗ.\n"
)


class Archive:
    """A corpus copy, its index directory and the settings of a server over them."""

    def __init__(self, root: Path) -> None:
        self.corpus = root / "corpus"
        shutil.copytree(CORPUS, self.corpus)
        self.index_dir = root / "index"
        build_index(self.corpus, self.index_dir, jobs=1)
        self.settings = Settings(index_dir=self.index_dir, corpus_dir=self.corpus, api_key=API_KEY)

    def client(self) -> TestClient:
        """A client of a freshly started app (use it as a context manager)."""
        return TestClient(create_app(self.settings))


def upload(client: TestClient, name: str, text: str) -> str:
    """Upload a text file with the key; the new document's id."""
    files = {"file": (name, text.encode(), "text/plain")}
    response = client.post("/api/documents", files=files, headers=KEY)
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.fixture
def archive(tmp_path) -> Archive:
    return Archive(tmp_path)
