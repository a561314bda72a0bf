"""Writes on every engine: an upload is searchable when the call returns, a delete removes
it, and ``tracuu index`` after a file changed or vanished brings the index up to date."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from tests.contract.conftest import fresh_collection, solr_url

KEY = {"X-API-Key": "contract-key-51d2"}
DOC = ("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nSố: 77/TB-UBND\nNinh Bình, ngày 3 tháng 8 năm 2021\n"
       "THÔNG BÁO\nVề việc kiểm tra xylophonqua tại chỗ\n")  # fmt: skip


@pytest.fixture(params=["whoosh", "solr"])
def writable(request, sample_corpus, tmp_path):
    """(client, corpus, settings) over a private corpus copy and its own index."""
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_corpus, corpus)
    engine = {}
    if request.param == "solr":
        config = fresh_collection(solr_url(), "tracuu_writes", shards=2, replicas=1)
        engine = {"backend": "solr", "solr_url": config.solr_url,
                  "solr_collection": config.solr_collection}  # fmt: skip
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=corpus,
                        api_key=KEY["X-API-Key"], **engine)  # fmt: skip
    build_index(corpus, settings.index_dir, jobs=1, engine=settings.engine_config())
    with TestClient(create_app(settings)) as client:
        yield client, corpus, settings


def found(client, q: str) -> list[str]:
    return [h["id"] for h in client.get("/api/search", params={"q": q}).json()["results"]]


def test_upload_then_delete(writable):
    client, _, _ = writable
    files = {"file": ("tb-77.txt", DOC.encode(), "text/plain")}
    response = client.post("/api/documents", files=files, headers=KEY)
    assert response.status_code == 201, response.text
    doc_id = response.json()["id"]
    assert found(client, "xylophonqua") == [doc_id]
    assert client.get("/api/lookup", params={"number": "77/tb-ubnd"}).json()["results"][0][
        "id"] == doc_id  # fmt: skip
    assert client.delete(f"/api/documents/{doc_id}", headers=KEY).status_code == 204
    assert found(client, "xylophonqua") == []
    assert client.get("/healthz").json()["documents"] == 5


def test_incremental_index(writable):
    client, corpus, settings = writable
    first = sorted(corpus.glob("00*.txt"))[0]
    first.unlink()
    (corpus / "moi.txt").write_text(DOC, "utf-8")
    report = build_index(corpus, settings.index_dir, jobs=1, engine=settings.engine_config())
    assert (report.added, report.removed, report.unchanged, report.documents) == (1, 1, 4, 5)
    assert found(client, "xylophonqua") == ["moi"]
    assert client.get(f"/api/documents/{first.stem}").status_code == 404
