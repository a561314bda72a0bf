"""API conventions a program or a browser app on another origin relies on: the key as a
security scheme, CORS when configured, Link headers for pages, docs without a CDN."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

APP_ORIGIN = "https://vanthu.ninhbinh.example"


def _client(sample_index, sample_corpus, **settings) -> TestClient:
    settings = Settings(index_dir=sample_index, corpus_dir=sample_corpus, **settings)
    return TestClient(create_app(settings))


def test_the_key_is_an_api_key_security_scheme_on_the_writes(client):
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"] == {
        "TracuuKey": {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "The service's TRACUU_API_KEY; needed for writes",
        }
    }
    upload = schema["paths"]["/api/documents"]["post"]
    assert upload["security"] == [{"TracuuKey": []}]
    assert "security" not in schema["paths"]["/api/search"]["get"]
    names = [p["name"] for p in upload.get("parameters", [])]
    assert "x-api-key" not in names and "X-API-Key" not in names  # not a plain header any more


def test_writes_still_answer_403_without_a_configured_key_401_without_one_403_wrong(
    sample_index, sample_corpus
):
    with _client(sample_index, sample_corpus) as no_key:
        assert no_key.delete("/api/documents/x").status_code == 403
    with _client(sample_index, sample_corpus, api_key="dung-roi") as keyed:
        assert keyed.delete("/api/documents/x").status_code == 401
        wrong = keyed.delete("/api/documents/x", headers={"X-API-Key": "sai"})
        assert wrong.status_code == 403


def test_link_header_gives_previous_next_first_and_last_pages(client):
    response = client.get(
        "/api/search",
        params={
            "q": "covid",
            "doc_type": ["Công văn", "Điện"],
            "per_page": 1,
            "page": 2,
        },  # fmt: skip
    )
    total = response.json()["total"]
    assert total == 3
    links = dict(
        (rel, url) for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers["Link"])
    )
    base = "http://testserver/api/search?q=covid&doc_type=C%C3%B4ng+v%C4%83n&doc_type=%C4%90i%E1%BB%87n&per_page=1&page="  # noqa: E501
    assert links == {"prev": base + "1", "next": base + "3", "first": base + "1",
                     "last": base + "3"}  # fmt: skip
    following = client.get(links["next"]).json()
    assert following["page"] == 3 and following["total"] == 3


def test_one_page_of_results_has_no_link_header(client):
    assert "Link" not in client.get("/api/search", params={"q": "covid"}).headers


def test_cors_answers_only_the_configured_origins(sample_index, sample_corpus, client):
    assert (
        "access-control-allow-origin"
        not in client.get("/api/search", headers={"Origin": APP_ORIGIN}).headers
    )
    with _client(sample_index, sample_corpus, cors_origins=APP_ORIGIN + "/") as app:
        preflight = app.options(
            "/api/documents",
            headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "X-API-Key"},
        )  # fmt: skip
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == APP_ORIGIN
        answer = app.get("/api/search", params={"q": "covid", "per_page": 1},
                         headers={"Origin": APP_ORIGIN})  # fmt: skip
        assert answer.headers["access-control-allow-origin"] == APP_ORIGIN
        exposed = answer.headers["access-control-expose-headers"].lower()
        assert "link" in exposed and "x-request-id" in exposed
        other = app.get("/api/search", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_docs_pages_load_nothing_from_another_host(client):
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert re.findall(r'(?:src|href)="(https?:[^"]+)"', page.text) == []
        for asset in re.findall(r'(?:src|href)="(/static-docs/[^"]+)"', page.text):
            assert client.get(asset).status_code == 200
    assert "cdn" not in client.get("/docs").headers["Content-Security-Policy"]


def test_docs_behind_a_proxy_point_at_the_prefixed_schema(sample_index, sample_corpus):
    app = create_app(Settings(index_dir=sample_index, corpus_dir=sample_corpus))
    with TestClient(app, root_path="/tracuu") as behind:
        page = behind.get("/docs").text
    assert "'/tracuu/openapi.json'" in page and '"/tracuu/static-docs/swagger-ui.css"' in page
