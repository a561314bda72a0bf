"""Inputs that once gave 500s: a long query in a DOCX export, a lone surrogate in a saved
search, a damaged or deleted saved-search database (its faults stay with its routes)."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from tests.conftest import SEED
from tests.service.conftest import KEY

LONG_QUERY = " ".join(["phòng chống dịch covid tại chỗ"] * 9)  # 278 characters


def saved_db(archive):
    return archive.index_dir / "saved-searches.sqlite3"


@pytest.mark.parametrize(
    "path", ["/api/export", f"/api/documents/{SEED['000']}", f"/api/documents/{SEED['002']}"]
)
def test_a_docx_export_of_a_long_query_is_a_word_file(archive, path):
    import docx

    assert len(LONG_QUERY) > 255
    with archive.client() as client:
        response = client.get(path, params={"q": LONG_QUERY, "format": "docx"})
    assert response.status_code == 200, response.text
    document = docx.Document(io.BytesIO(response.content))
    assert 0 < len(document.core_properties.title) <= 255


@pytest.mark.parametrize(
    "body",
    [{"name": "\ud800"}, {"name": "Tên", "q": "covid \udfff"},
     {"name": "Tên", "doc_type": ["\ud800"]}, {"name": "Tên", "issuer": ["Tỉnh ủy", "\udc00x"]},
     {"name": "Tên", "date_from": "\ud800"}],
)  # fmt: skip
def test_a_lone_surrogate_in_a_saved_search_answers_400(archive, body):
    with archive.client() as client:
        escaped = json.dumps(body)  # JSON spells the surrogate as \ud800
        headers = {**KEY, "Content-Type": "application/json"}
        response = client.post("/api/saved-searches", content=escaped, headers=headers)
        assert response.status_code == 400, response.text
        assert list(response.json()) == ["detail"]
        assert client.get("/api/saved-searches").json()["results"] == []


def test_a_damaged_saved_search_database_answers_503_on_its_routes_only(archive):
    with archive.client() as client:
        saved = client.post("/api/saved-searches", json={"name": "Dịch", "q": "covid"}, headers=KEY)
        assert saved.status_code == 201
        damaged = b"this is not a database " * 400
        saved_db(archive).write_bytes(damaged)
        response = client.get("/api/saved-searches")
        assert response.status_code == 503, response.text
        assert "saved-search database" in response.json()["detail"]
        assert client.get("/api/search", params={"q": "covid"}).json()["total"] == 5
        assert client.get("/feeds/search.atom", params={"q": "covid"}).status_code == 200
        assert client.get(f"/feeds/related/{SEED['000']}.atom").status_code == 200
        assert client.get("/api/saved-searches").status_code == 200  # made anew
    kept = list(archive.index_dir.glob("saved-searches.sqlite3.damaged-*"))
    assert [p.read_bytes() for p in kept] == [damaged]


def test_a_damaged_database_is_kept_aside_and_made_anew_at_start(archive):
    with archive.client() as client:
        client.post("/api/saved-searches", json={"name": "Dịch", "q": "covid"}, headers=KEY)
    saved_db(archive).write_bytes(b"\x00garbage" * 512)
    with archive.client() as restarted:
        assert restarted.get("/api/saved-searches").json() == {"results": []}
        assert list(archive.index_dir.glob("saved-searches.sqlite3.damaged-*"))
        created = restarted.post("/api/saved-searches", json={"name": "Mới"}, headers=KEY)
        assert created.status_code == 201


def test_a_deleted_database_is_made_anew_without_a_restart(archive):
    with archive.client() as client:
        client.post("/api/saved-searches", json={"name": "Dịch", "q": "covid"}, headers=KEY)
        for part in archive.index_dir.glob("saved-searches.sqlite3*"):
            part.unlink()
        assert client.get("/api/saved-searches").json() == {"results": []}
        again = {"name": "Lại", "q": "covid"}
        created = client.post("/api/saved-searches", json=again, headers=KEY)
        assert created.status_code == 201, created.text
        assert created.json()["total"] == 5


def test_another_process_writing_the_database_holds_back_no_search(archive):
    with archive.client() as client:
        client.post("/api/saved-searches", json={"name": "Dịch", "q": "covid"}, headers=KEY)
        client.app.state.saved.timeout = 0.5
        other = sqlite3.connect(saved_db(archive), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another process writing, for as long as it likes
        try:
            assert client.get("/api/search", params={"q": "covid"}).json()["total"] == 5
            assert client.get("/feeds/search.atom", params={"q": "covid"}).status_code == 200
            saved = client.post("/api/saved-searches", json={"name": "Mới"}, headers=KEY)
            assert saved.status_code == 503 and "locked" in saved.json()["detail"]
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert (
            client.post("/api/saved-searches", json={"name": "Mới"}, headers=KEY).status_code == 201
        )
