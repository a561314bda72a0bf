"""Protected writes: only the key holder uploads or deletes; uploads stay in the corpus,
are searchable when the call returns, and are shown as text everywhere."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.reliability.conftest import API_KEY

KEY = {"X-API-Key": API_KEY}
DOC = (
    "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n"
    "Số: 77/TB-UBND\n"
    "Ninh Bình, ngày 3 tháng 8 năm 2021\n"
    "THÔNG BÁO\n"
    "Về việc kiểm tra {word} tại chỗ\n"
    "Ủy ban nhân dân tỉnh thông báo kết quả kiểm tra {word} trong công tác phòng, "
    "chống dịch Covid-19 trên địa bàn tỉnh.\n"
)


def upload(client, name: str, text: str, headers=KEY, content_type="text/plain"):
    files = {"file": (name, text.encode(), content_type)}
    return client.post("/api/documents", files=files, headers=headers)


def found(client, word: str) -> list[str]:
    response = client.get("/api/search", params={"q": word})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["results"])
    return [hit["id"] for hit in body["results"]]


# --- who may write --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"X-API-Key": ""}, 401), ({"X-API-Key": "wrong"}, 403),
     ({"X-API-Key": API_KEY + " "}, 403), ({"X-API-Key": API_KEY.upper()}, 403)],
)  # fmt: skip
def test_upload_and_delete_need_the_right_key(writable, headers, status):
    client, corpus, _ = writable
    before = sorted(p.name for p in corpus.rglob("*"))
    response = upload(client, "x.txt", DOC.format(word="khongduocghi"), headers=headers)
    assert response.status_code == status
    assert list(response.json()) == ["detail"]
    deleted = client.delete("/api/documents/000_86f9552143f492ea", headers=headers)
    assert deleted.status_code == status
    assert sorted(p.name for p in corpus.rglob("*")) == before
    assert found(client, "khongduocghi") == []
    assert client.get("/api/documents/000_86f9552143f492ea").status_code == 200


def test_writes_answer_403_when_no_key_is_configured(tmp_path, ro_index):
    from tests.reliability.conftest import copy_corpus

    corpus = copy_corpus(tmp_path / "corpus")
    app = create_app(Settings(index_dir=ro_index, corpus_dir=corpus, api_key=None))
    with TestClient(app) as client:
        for headers in ({}, {"X-API-Key": ""}, {"X-API-Key": "anything"}):
            response = upload(client, "x.txt", DOC.format(word="w"), headers=headers)
            assert response.status_code == 403
            assert "not configured" in response.json()["detail"]
            assert client.delete("/api/documents/x", headers=headers).status_code == 403
    app.state.engine.close()
    assert not (corpus / "uploads").exists()


# --- what may be written --------------------------------------------------------------
def test_upload_over_the_size_limit_answers_413_and_stores_nothing(tmp_path, ro_index):
    from tests.reliability.conftest import copy_corpus

    corpus = copy_corpus(tmp_path / "corpus")
    settings = Settings(index_dir=ro_index, corpus_dir=corpus, api_key=API_KEY,
                        max_upload_bytes=1000)  # fmt: skip
    app = create_app(settings)
    with TestClient(app) as client:
        response = upload(client, "big.txt", "tại chỗ " * 200)
    app.state.engine.close()
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert not list(corpus.rglob("big*"))


@pytest.mark.parametrize(
    "name", ["virus.exe", "x.txt.exe", "noext", "..", ".", "", "trang.php", "a.TXT.sh", "x.svg"]
)
def test_upload_of_a_type_not_allowed_answers_415(writable, name):
    client, corpus, _ = writable
    response = upload(client, name, DOC.format(word="loaicam"))
    assert response.status_code in (415, 400) if not name else response.status_code == 415
    assert list(response.json()) == ["detail"]
    assert not (corpus / "uploads").exists() or not any((corpus / "uploads").iterdir())


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.txt", "/etc/tuyet_doi.txt", "..\\..\\windows\\win.txt",
     "C:\\Users\\a\\Công văn 1.txt", "a\x00b.txt", "....//....//x.txt", "~/.ssh/k.txt",
     ".hidden.txt", "%2e%2e%2fenc.txt", "tên có dấu cách.txt"],
)  # fmt: skip
def test_uploaded_file_name_is_sanitized_and_kept_in_the_corpus(writable, tmp_path, name):
    client, corpus, _ = writable
    word = "tenfile" + str(abs(hash(name)) % 10**6)
    response = upload(client, name, DOC.format(word=word))
    assert response.status_code == 201, response.text
    source = response.json()["source"]
    stored = (corpus / source).resolve()
    assert stored.is_file() and stored.is_relative_to(corpus.resolve())
    assert stored.parent == (corpus / "uploads").resolve()
    assert "\x00" not in source and "\\" not in source and ".." not in source
    assert not stored.name.startswith(".")
    outside = [p for p in tmp_path.rglob("*.txt") if not p.resolve().is_relative_to(corpus)]
    assert outside == []
    assert found(client, word) == [response.json()["id"]]


def test_uploaded_document_is_searchable_at_once_and_delete_removes_it(writable):
    client, corpus, _ = writable
    response = upload(client, "thong-bao-77.txt", DOC.format(word="xylophonqua"))
    assert response.status_code == 201
    doc_id = response.json()["id"]
    assert doc_id == "uploads/thong-bao-77"
    assert found(client, "xylophonqua") == [doc_id]
    assert client.get(f"/api/documents/{doc_id}").json()["number"] == "77/TB-UBND"
    assert client.delete(f"/api/documents/{doc_id}", headers=KEY).status_code == 204
    assert found(client, "xylophonqua") == []
    assert client.get(f"/api/documents/{doc_id}").status_code == 404
    assert not (corpus / "uploads" / "thong-bao-77.txt").exists()
    assert client.delete(f"/api/documents/{doc_id}", headers=KEY).status_code == 404
    assert client.get("/healthz").json()["documents"] == 5


def test_unreadable_upload_answers_400_and_is_not_kept(writable):
    client, corpus, _ = writable
    response = upload(client, "rong.txt", "   \n  ")
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]
    assert not (corpus / "uploads" / "rong.txt").exists()


# --- web safety -----------------------------------------------------------------------
SCRIPT = "<script>alert(1)</script>"


def test_html_in_documents_and_queries_is_only_ever_text(writable):
    client, _, _ = writable
    text = DOC.format(word="hiemdoc") + f"Trích dẫn {SCRIPT} và <img src=x onerror=alert(2)>.\n"
    doc_id = upload(client, "xss.txt", text).json()["id"]
    for q in ("hiemdoc", f"hiemdoc {SCRIPT}", "hiemdoc <b>", "hiemdoc '><svg onload=alert(3)>"):
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        body = response.json()
        assert body["query"] == q  # echoed as a plain JSON string, never as markup
        snippet = body["results"][0]["snippet"]
        assert "<script" not in snippet and "<img" not in snippet and "<svg" not in snippet
        assert html.unescape(snippet.replace("<mark>", "").replace("</mark>", "")).strip()
        assert set(_tags(snippet)) <= {"mark", "/mark"}
    document = client.get(f"/api/documents/{doc_id}").json()
    assert SCRIPT in document["body"]  # the JSON holds the text as it is; clients escape it
    lookup = client.get("/api/lookup", params={"number": SCRIPT})
    assert lookup.status_code in (400, 404)
    assert SCRIPT not in lookup.text.replace("\\u003c", "<") or lookup.json()["detail"]


def _tags(fragment: str) -> list[str]:
    import re

    return re.findall(r"<\s*(/?[A-Za-z]+)", fragment)


@pytest.mark.parametrize(
    "path", ["/api/search?q=covid", "/api/documents/000_86f9552143f492ea", "/healthz",
             "/api/search?page=0", "/api/nope", "/openapi.json"],
)  # fmt: skip
def test_security_headers_on_every_api_response(read_client, path):
    headers = read_client.get(path).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in ("same-origin", "no-referrer", "strict-origin")


def test_web_pages_show_html_as_text_and_send_security_headers(writable):
    pytest.importorskip("web.pages")
    client, _, _ = writable
    text = DOC.format(word="trangweb") + f"Trích dẫn {SCRIPT} hết.\n"
    doc_id = upload(client, "xss-web.txt", text).json()["id"]
    pages = [
        ("/", {"q": f"trangweb {SCRIPT}"}),
        ("/", {"q": "trangweb"}),
        (f"/documents/{doc_id}", {"q": SCRIPT}),
        (f"/documents/{doc_id}", {}),
        ("/browse", {}),
        ("/browse", {"doc_type": SCRIPT}),
    ]
    for path, params in pages:
        response = client.get(path, params=params)
        assert response.status_code in (200, 400), (path, response.status_code)
        assert response.headers["content-type"].startswith("text/html")
        assert "<script>alert(1)" not in response.text, (path, params)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "referrer-policy" in response.headers
    reading = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reading
