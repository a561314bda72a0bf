"""The web pages over TestClient: escaping, facet links, timeline, errors, headers."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from search.models import Bucket, FacetValue, SearchRequest
from tests.conftest import SEED
from web import views


def hit_ids(html: str) -> list[str]:
    return re.findall(r'class="hit-title"><a href="/documents/([^"?#]+)', html)


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_search_page_finds_unaccented_phrase_and_links_to_first_hit(web_client):
    response = web_client.get("/", params={"q": "4 tai cho"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    ids = hit_ids(response.text)
    assert {SEED["000"], SEED["001"], SEED["002"], SEED["003"]} <= set(ids)
    assert f'href="/documents/{SEED["002"]}?q=4+tai+cho#hit-1"' in response.text
    assert 'value="4 tai cho"' in response.text
    assert re.search(r"Tìm thấy \d+ văn bản \(\d+,\d ms\)", response.text)
    assert "<mark>bốn tại chỗ</mark>" in response.text and "<mark>4 tại chỗ</mark>" in response.text


def test_search_page_escapes_the_query_everywhere(web_client):
    response = web_client.get("/", params={"q": '<script>alert(1)</script> "x'})
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_snippets_escape_document_text_and_keep_only_mark(web_client, script_id):
    html = main_of(web_client.get("/", params={"q": "alert"}).text)
    assert hit_ids(html)[0] == script_id
    html = html.split('<article class="hit">')[1].split("</article>")[0]
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in html
    assert "<b>" not in html and "<script" not in html
    assert "&lt;i&gt;nghiêng&lt;/i&gt;" in html  # the title (trích yếu) too
    assert set(re.findall(r"<(\w+)", html.split('class="snippet">')[1])) == {"mark"}


def test_reading_page_escapes_text_and_numbers_the_first_mark(web_client, script_id):
    response = web_client.get(f"/documents/{script_id}", params={"q": "alert"})
    assert response.status_code == 200
    body = response.text.split('<pre class="doc-body">', 1)[1].split("</pre>", 1)[0]
    assert '&lt;script&gt;<mark id="hit-1">alert</mark>(1)&lt;/script&gt;' in body
    assert "&lt;b&gt;đậm&lt;/b&gt;" in body and "&amp; không" in body
    assert re.findall(r"<(\w+)", body) == ["mark"]


def test_reading_page_without_query_shows_escaped_text(web_client, script_id):
    response = web_client.get(f"/documents/{script_id}")
    body = response.text.split('<pre class="doc-body">', 1)[1].split("</pre>", 1)[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<" not in body


def test_reading_page_shows_metadata_citations_and_links(web_client, script_id):
    html = main_of(web_client.get(f"/documents/{SEED['000']}").text)
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(.*?)</td></tr>', html))
    assert rows == {
        "Số hiệu": "342-CV/TU",
        "Loại văn bản": "Công văn",
        "Ngày ban hành": "22/07/2021",
        "Cơ quan ban hành": "Tỉnh ủy Ninh Bình",
        "Trích yếu": "Tiếp tục tăng cường công tác phòng, chống dịch Covid-19",
        "Người ký": '<span class="capacity">TM. Ban Thường vụ</span><br>Trần Hồng Quảng'
        '<span class="muted"> – Phó Bí thư</span>',
        "Độ khẩn": '<span class="muted">Thường</span>',
        "Nơi ban hành": "Ninh Bình",
    }
    assert '07-KL/TW <span class="muted">(chưa có trong kho)</span>' in html
    assert f'<a href="/documents/{script_id}">Công văn 99-CV/TU</a>' in html  # cited by
    assert f'href="/api/documents/{SEED["000"]}/original"' in html
    assert f'href="/api/documents/{SEED["000"]}"' in html


def test_reading_page_links_archived_references(web_client, script_id):
    html = web_client.get(f"/documents/{script_id}").text
    assert f'<a href="/documents/{SEED["000"]}">342-CV/TU</a>' in html


def test_in_page_highlight_form_redirects_to_the_first_hit(web_client):
    response = web_client.get(
        f"/documents/{SEED['000']}", params={"q": "tai cho", "hit": "1"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/documents/{SEED['000']}?q=tai+cho#hit-1"


def test_unknown_document_gets_a_vietnamese_404_page(web_client):
    response = web_client.get("/documents/khong_co/van_ban")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Không tìm thấy văn bản" in response.text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": '"unbalanced'}, "Thiếu dấu ngoặc kép đóng"),
        ({"page": "abc"}, "Trang phải là một số"),
        ({"date_from": "2021-13-45"}, "Từ ngày phải là một ngày"),
        ({"sort": "best"}, "Cách sắp xếp không hợp lệ"),
        ({"year": "hai"}, "Năm phải là một số"),
    ],
)
def test_malformed_input_renders_a_400_page_not_json(web_client, params, message):
    response = web_client.get("/", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text
    assert 'lang="vi"' in response.text


def test_browse_with_malformed_input_is_a_400_page(web_client):
    response = web_client.get("/browse", params={"per_page": "1000"})
    assert response.status_code == 400
    assert "Số văn bản mỗi trang phải từ 1 đến 100" in response.text


def test_pages_carry_the_csp_and_no_inline_script_or_style(web_client):
    for url in ("/", "/?q=4+tai+cho", "/browse", f"/documents/{SEED['000']}?q=covid", "/x?"):
        response = web_client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "<script" not in response.text
        assert " style=" not in response.text and "<style" not in response.text


def test_static_stylesheet_is_served(web_client):
    response = web_client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_empty_query_lists_newest_documents_first(web_client):
    html = web_client.get("/").text
    assert "Văn bản mới nhất" in html
    assert hit_ids(html)[:3] == [SEED["000"], SEED["003"], SEED["002"]]


def test_empty_result_explains_what_to_try(web_client):
    html = web_client.get("/", params={"q": "qwxzv", "doc_type": "Công văn"}).text
    assert "Không tìm thấy văn bản nào" in html
    for advice in ("chính tả", "không dấu", "ít từ hơn", "bỏ bớt bộ lọc"):
        assert advice in html
    assert 'href="/?q=qwxzv">bỏ tất cả bộ lọc</a>' in html


def test_suggestion_links_to_the_accented_query(web_client):
    html = web_client.get("/", params={"q": "4 tai cho"}).text
    assert 'Có phải bạn muốn tìm: <a href="/?q=4+t%E1%BA%A1i+ch%E1%BB%97">4 tại chỗ</a>' in html


def test_facet_values_toggle_in_the_url():
    request = SearchRequest(q="covid", doc_type=["cong van"], year=[2021])
    facets = {
        "doc_type": [FacetValue("Công văn", 2, True), FacetValue("Điện", 1)],
        "year": [FacetValue("2021", 2, True), FacetValue("2020", 1)],
    }
    assert views.facets_view("/", request, facets) == [
        {
            "name": "doc_type",
            "label": "Loại văn bản",
            "results": [
                {"value": "Công văn", "label": "Công văn", "count": 2, "selected": True,
                 "toggle_url": "/?q=covid&year=2021"},
                {"value": "Điện", "label": "Điện", "count": 1, "selected": False,
                 "toggle_url": "/?q=covid&doc_type=cong+van&doc_type=%C4%90i%E1%BB%87n&year=2021"},
            ],
            "more": [],
        },
        {
            "name": "year",
            "label": "Năm",
            "results": [
                {"value": "2021", "label": "2021", "count": 2, "selected": True,
                 "toggle_url": "/?q=covid&doc_type=cong+van"},
                {"value": "2020", "label": "2020", "count": 1, "selected": False,
                 "toggle_url": "/?q=covid&doc_type=cong+van&year=2021&year=2020"},
            ],
            "more": [],  # under eleven values: nothing behind "Xem thêm"
        },
    ]  # fmt: skip


def test_selected_facet_is_marked_and_links_back(web_client):
    html = web_client.get("/", params={"q": "4 tai cho", "doc_type": "Công văn"}).text
    selected = re.search(r'<a href="([^"]+)" class="selected" aria-current="true">\s*'
                         r'<span class="check" aria-hidden="true">✓</span>\s*'
                         r'<span class="facet-label">Công văn</span>', html)  # fmt: skip
    assert selected and selected[1] == "/?q=4+tai+cho"
    assert set(hit_ids(html)) == {SEED["000"], SEED["002"]}


def test_year_timeline_bars_link_to_their_year():
    request = SearchRequest(q="covid")
    timeline = views.timeline_view("/", request, [Bucket("2019", 1), Bucket("2021", 4)])
    assert timeline["interval"] == "year"
    assert [(b["label"], b["count"], b["level"], b["url"]) for b in timeline["bars"]] == [
        ("2019", 1, 3, "/?q=covid&year=2019"),
        ("2020", 0, 0, None),
        ("2021", 4, 10, "/?q=covid&year=2021"),
    ]


def test_month_timeline_once_a_year_is_chosen_links_to_month_ranges():
    request = SearchRequest(year=[2021], sort="newest", per_page=100)
    timeline = views.timeline_view("/browse", request, [Bucket("2021-07", 2)])
    bars = timeline["bars"]
    assert [b["label"] for b in bars] == [f"T{m}" for m in range(1, 13)]
    assert bars[6]["url"] == "/browse?year=2021&date_from=2021-07-01&date_to=2021-07-31"
    assert [b["url"] for b in bars if b["url"]] == [bars[6]["url"]]


def test_search_page_timeline_renders_bars_as_classes(web_client):
    html = web_client.get("/", params={"q": "4 tai cho"}).text
    assert '<span class="bar h10"></span>' in html
    assert 'href="/?q=4+tai+cho&amp;year=2021"' in html


def test_pagination_links_keep_the_query():
    request = SearchRequest(q="covid", per_page=2, page=2)
    assert views.pagination("/", request, total=5) == {
        "pages": [
            {"number": 1, "url": "/?q=covid&per_page=2", "current": False},
            {"number": 2, "url": "/?q=covid&page=2&per_page=2", "current": True},
            {"number": 3, "url": "/?q=covid&page=3&per_page=2", "current": False},
        ],
        "previous": "/?q=covid&per_page=2",
        "next": "/?q=covid&page=3&per_page=2",
    }


def test_browse_groups_newest_first_by_year_and_month(web_client):
    html = main_of(web_client.get("/browse").text)
    headings = re.findall(r"<h[23][^>]*>(Năm \d+|Tháng [\d/]+|Chưa rõ ngày ban hành)</h[23]>", html)
    assert headings == [
        "Năm 2021", "Tháng 7/2021", "Năm 2020", "Tháng 7/2020",
        "Năm 2019", "Tháng 3/2019", "Chưa rõ ngày ban hành",
    ]  # fmt: skip
    assert html.index(SEED["000"]) < html.index(SEED["003"]) < html.index(SEED["002"])


def test_browse_facets_link_to_browse(web_client):
    html = web_client.get("/browse", params={"doc_type": "Công văn"}).text
    assert 'href="/browse" class="selected" aria-current="true"' in html
    assert SEED["001"] not in main_of(html).split("<aside", 1)[0]


def test_missing_index_is_a_503_page_not_json(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "none", corpus_dir=tmp_path))
    with TestClient(app) as client:
        for url in ("/", "/browse", "/documents/000"):
            response = client.get(url)
            assert response.status_code == 503
            assert response.headers["content-type"].startswith("text/html")
            assert "Chỉ mục tìm kiếm chưa sẵn sàng" in response.text


def test_unknown_page_is_a_vietnamese_404_page_and_unknown_api_path_is_json(web_client):
    page = web_client.get("/khong-co-trang-nay", headers={"accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'lang="vi"' in page.text
    api = web_client.get("/api/khong-co", headers={"accept": "text/html"})
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


def test_the_page_says_in_vietnamese_that_words_were_relaxed(web_client):
    html = web_client.get("/", params={"q": "covid xyzzy"}).text
    assert "Không có văn bản nào chứa tất cả các từ «covid xyzzy»" in html
    exact = web_client.get("/", params={"q": "covid tỉnh ủy"}).text
    assert "chứa tất cả các từ" not in exact
