"""Saved searches on the web over TestClient: the form on the search page, the list page,
the key checks, and the links to feeds and exported files."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SEED
from tests.service.conftest import API_KEY, CITING, Archive, upload

FORM = {"q": "4 tại chỗ", "doc_type": "Công văn", "sort": "relevance"}


@pytest.fixture
def archive(tmp_path) -> Archive:
    return Archive(tmp_path)


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_search_page_offers_save_feed_and_exports_of_the_same_search(web_client):
    html = web_client.get("/", params={"q": "4 tại chỗ", "doc_type": "Công văn"}).text
    query = "q=4+t%E1%BA%A1i+ch%E1%BB%97&amp;doc_type=C%C3%B4ng+v%C4%83n"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="4 tại chỗ – Tìm kiếm"'
        f' href="/feeds/search.atom?{query}">' in html
    )
    for kind in ("csv&amp;bom=true", "docx", "pdf"):  # a BOM: Excel reads the CSV's accents
        assert f'href="/api/export?{query}&amp;format={kind}" download' in html
    form = html.split('<form action="/saved" method="post">')[1].split("</form>")[0]
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form)
    assert hidden == [("q", "4 tại chỗ"), ("doc_type", "Công văn"), ("sort", "relevance")]
    assert 'name="key"' in form and 'type="password"' in form


def test_saving_from_the_form_lists_it_with_counts_and_new_documents(archive):
    with archive.client() as client:
        saved = client.post("/saved", data={**FORM, "name": "Bốn tại chỗ", "key": API_KEY})
        assert saved.status_code == 200 and saved.url.path == "/saved"
        page = main_of(saved.text)
        assert '<a href="/?q=4+t%E1%BA%A1i+ch%E1%BB%97&amp;doc_type=C%C3%B4ng+v%C4%83n">' in page
        assert "Bốn tại chỗ" in page and "2 văn bản" in page and "Không có văn bản mới" in page
        client.post("/saved", data={"q": "4 tại chỗ", "name": "Mọi loại", "key": API_KEY})
        new_id = upload(client, "ke_hoach_15.txt", CITING)
        later = main_of(client.get("/saved").text)
        total = client.get("/api/search", params={"q": "4 tại chỗ"}).json()["total"]
        marked = client.post("/saved/2/seen", data={"key": API_KEY})
    first, second = later.split('id="saved-2"')
    assert "2 văn bản" in first and "Không có văn bản mới" in first  # a Kế hoạch: not in it
    assert f"{total} văn bản" in second and "1 văn bản mới" in second
    assert f'<a href="/documents/{new_id}">' in later
    assert marked.url.path == "/saved" and "Không có văn bản mới" in main_of(marked.text)


@pytest.mark.parametrize(
    ("key", "status", "message"),
    [("", 401, "Cần nhập khóa API"), ("sai", 403, "Khóa API không đúng")],
)
def test_saved_search_forms_need_the_key(archive, key, status, message):
    with archive.client() as client:
        client.post("/api/saved-searches", json={"name": "x", "q": "covid"}, headers={
            "X-API-Key": API_KEY})  # fmt: skip
        answers = [
            client.post("/saved", data={**FORM, "name": "x", "key": key}),
            client.post("/saved/1/seen", data={"key": key}),
            client.post("/saved/1/delete", data={"key": key}),
        ]
        for answer in answers:
            assert answer.status_code == status
            assert answer.headers["content-type"].startswith("text/html")
            assert message in answer.text
        assert len(client.get("/api/saved-searches").json()["results"]) == 1


def test_deleting_from_the_list_page(archive):
    with archive.client() as client:
        client.post("/saved", data={**FORM, "name": "Xóa tôi", "key": API_KEY})
        gone = client.post("/saved/1/delete", data={"key": API_KEY})
        missing = client.post("/saved/1/delete", data={"key": API_KEY})
    assert gone.url.path == "/saved" and "Xóa tôi" not in gone.text
    assert "Chưa có tìm kiếm nào được lưu" in gone.text
    assert missing.status_code == 404


def test_saved_names_and_queries_are_escaped(archive):
    with archive.client() as client:
        form = {"q": "<b>covid</b>", "name": "<script>alert(1)</script>", "key": API_KEY}
        page = main_of(client.post("/saved", data=form).text)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "«&lt;b&gt;covid&lt;/b&gt;»" in page


def test_document_page_links_its_exports_and_the_feed_of_what_cites_it(web_client):
    html = web_client.get(f"/documents/{SEED['000']}").text
    assert f'href="/api/documents/{SEED["000"]}?format=docx" download' in html
    assert f'href="/api/documents/{SEED["000"]}?format=pdf" download' in html
    assert f'<a class="feed" href="/feeds/related/{SEED["000"]}.atom">' in html
    assert 'type="application/atom+xml" title="Văn bản dẫn chiếu Công văn 342-CV/TU"' in html
