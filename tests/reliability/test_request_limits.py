"""Limits met before any route runs: a body over its limit is refused before it is read
(and before the key is compared), repeated parameters are capped, and a client that
keeps sending wrong keys is told to wait."""

from __future__ import annotations

import asyncio
import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.reliability.conftest import API_KEY, CORPUS

KEY = {"X-API-Key": API_KEY}


def call(app, method: str, path: str, headers: dict, chunks) -> tuple[int, dict, int]:
    """Send one request straight to the ASGI app: ``(status, JSON body, body chunks the
    app asked for)``; ``chunks`` yields the body's pieces (an endless one: a stream)."""
    scope = {
        "type": "http", "http_version": "1.1", "method": method, "path": path,
        "raw_path": path.encode(), "root_path": "", "scheme": "http", "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("203.0.113.9", 5000), "server": ("testserver", 80), "state": {},
    }  # fmt: skip
    pieces, asked, sent = iter(chunks), 0, []

    async def receive() -> dict:
        nonlocal asked
        asked += 1
        piece = next(pieces, None)
        return {"type": "http.request", "body": piece or b"", "more_body": piece is not None}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    import json

    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], json.loads(body), asked


def endless(size: int = 65_536, start: bytes = b""):
    if start:
        yield start
    while True:
        yield b"x" * size


PART = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n")  # fmt: skip


@pytest.fixture(scope="module")
def app(ro_index):
    settings = Settings(index_dir=ro_index, corpus_dir=CORPUS, api_key=API_KEY)
    app = create_app(settings)
    yield app
    app.state.engine.close()


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, KEY])
def test_a_declared_300_mb_upload_is_refused_before_its_body_is_read(app, headers):
    headers = {**headers, "Content-Length": str(300 * 2**20),
               "Content-Type": "multipart/form-data; boundary=b"}  # fmt: skip
    status, body, asked = call(app, "POST", "/api/documents", headers, endless())
    assert (status, asked) == (413, 0)
    assert body == {"detail": "request body too large (at most 21,037,056 bytes)"}


def test_a_streamed_body_is_counted_and_cut_at_the_limit(app):
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    status, body, asked = call(app, "POST", "/api/documents", headers, endless(start=PART))
    assert status == 413 and "too large" in body["detail"]
    assert asked <= 21_037_056 // 65_536 + 3  # stopped reading at the limit


@pytest.mark.parametrize("path", ["/api/saved-searches", "/api/lookup"])
def test_a_json_body_over_a_megabyte_is_refused(app, path):
    headers = {"Content-Type": "application/json", **KEY}
    declared = {**headers, "Content-Length": str(5 * 2**20)}
    assert call(app, "POST", path, declared, endless())[:1] == (413,)
    status, _, asked = call(app, "POST", path, headers, endless(start=b'{"numbers": ["'))
    assert status == 413 and asked <= 2**20 // 65_536 + 3


@pytest.mark.parametrize("path", ["/api/search", "/api/timeline", "/api/export", "/", "/browse"])
def test_a_parameter_repeated_1500_times_answers_400(read_client, path):
    response = read_client.get(path, params=[("year", 2021)] * 1500)
    assert response.status_code == 400
    assert response.json() == {"detail": "year: 1,500 values, at most 50"}
    many = read_client.get(path, params=[(f"p{n}", "x") for n in range(300)])
    assert many.status_code == 400 and "too many query parameters" in many.json()["detail"]
    assert read_client.get(path, params=[("year", 2021)] * 50).status_code == 200


def test_a_client_sending_wrong_keys_is_told_to_wait(ro_index):
    settings = Settings(index_dir=ro_index, corpus_dir=CORPUS, api_key=API_KEY,
                        key_failures=5, key_failure_window=1.0)  # fmt: skip
    app = create_app(settings)
    with TestClient(app) as client:
        wrong = {"X-API-Key": "doan-mo"}
        statuses = [client.delete("/api/documents/x", headers=wrong).status_code for _ in range(8)]
        assert statuses == [403] * 5 + [429] * 3
        refused = client.delete("/api/documents/x", headers=KEY)  # the right key waits too
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert "try again in" in refused.json()["detail"]
        assert client.get("/api/search", params={"q": "covid"}).status_code == 200  # reads go on
        time.sleep(1.1)  # the window passes
        assert client.delete("/api/documents/x", headers=wrong).status_code == 403
    app.state.engine.close()


@pytest.mark.parametrize("format", ["csv", "json", "docx"])
def test_an_export_over_the_row_limit_answers_400_before_reading_records(ro_index, format):
    settings = Settings(index_dir=ro_index, corpus_dir=CORPUS, max_export_rows=3)
    app = create_app(settings)
    with TestClient(app) as client:
        every = client.get("/api/export", params={"format": format})
        assert every.status_code == 400
        assert every.json() == {
            "detail": "5 documents: an export holds at most 3 (TRACUU_MAX_EXPORT_ROWS); "
            "narrow the search"
        }
        narrowed = client.get("/api/export", params={"format": format, "q": "342-CV/TU"})
        assert narrowed.status_code == 200, narrowed.text
    app.state.engine.close()
