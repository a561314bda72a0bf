"""The search page as an office meets it: a long facet collapsed behind "Xem thêm" (a
<details>, so without JavaScript too), and a no-hit page that says one thing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from tests.web.test_browser import _tab, _uvicorn, browser  # noqa: F401 (a fixture)

YEARS = range(2008, 2021)  # 13 years: 10 shown, 3 behind "Xem thêm"
LETTER = (
    "ỦY BAN NHÂN DÂN HUYỆN GIA VIỄN\n"
    "Số: {n}/TB-UBND\n"
    "Gia Viễn, ngày 9 tháng 8 năm {year}\n"
    "THÔNG BÁO\n"
    "Về công tác phòng chống lụt bão năm {year}\n"
    "Ủy ban nhân dân huyện thông báo kế hoạch phòng chống lụt bão, bảo đảm 4 tại chỗ.\n"
)


@pytest.fixture(scope="module")
def years_archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("years")
    corpus = root / "corpus"
    corpus.mkdir()
    for n, year in enumerate(YEARS, 1):
        (corpus / f"tb_{year}.txt").write_text(LETTER.format(n=n, year=year), encoding="utf-8")
    assert build_index(corpus, root / "index", jobs=1).skipped == []
    return corpus, root / "index"


@pytest.fixture(scope="module")
def years_client(years_archive):
    corpus, index_dir = years_archive
    with TestClient(create_app(Settings(index_dir=index_dir, corpus_dir=corpus))) as client:
        yield client


def _facet(html: str, name: str) -> str:
    return html.split(f'aria-labelledby="facet-{name}"')[1].split("</section>")[0]


def test_a_long_facet_shows_ten_values_and_the_rest_behind_xem_them(years_client):
    html = years_client.get("/", params={"q": "lụt bão"}).text
    year = _facet(html, "year")
    first, more = year.split('<details class="facet-more">')
    assert re.findall(r'facet-label">(\d+)<', first) == [str(y) for y in range(2020, 2010, -1)]
    assert "<summary>Xem thêm 3</summary>" in more
    assert re.findall(r'facet-label">(\d+)<', more) == ["2010", "2009", "2008"]


def test_a_chosen_value_stays_in_sight_when_it_is_past_the_ten(years_client):
    html = years_client.get("/browse", params={"year": "2008"}).text
    first = _facet(html, "year").split("<details")[0]
    assert 'aria-current="true"' in first and 'facet-label">2008<' in first


def test_a_no_hit_page_says_one_thing_and_offers_no_empty_values(years_client):
    html = years_client.get("/", params={"q": "abcdef ghik"}).text
    assert "Không tìm thấy văn bản nào cho «abcdef ghik»" in html
    assert "gần nhất" not in html  # no "closest documents below" above an empty list
    assert '<span class="count">0</span>' not in html


@pytest.mark.browser
def test_xem_them_opens_the_rest_of_the_facet_in_a_browser(browser, years_archive):  # noqa: F811
    corpus, index_dir = years_archive
    with _uvicorn(index_dir, corpus) as url:
        for page in _tab(browser, url):
            page.goto("/?q=l%E1%BB%A5t+b%C3%A3o")
            hidden = page.locator('section[aria-labelledby="facet-year"] a', has_text="2008")
            assert not hidden.is_visible()
            page.get_by_text("Xem thêm 3").click()
            assert hidden.is_visible()
            hidden.click()
            page.wait_for_load_state()
            assert "year=2008" in page.url
            assert page.locator(".hit").count() == 1


def test_error_pages_say_it_in_vietnamese_without_an_english_copy(years_client, tmp_path):
    html = years_client.get("/", params={"q": '"tại chỗ'}).text
    assert "Thiếu dấu ngoặc kép đóng: hãy đóng cụm từ bằng một dấu &#34; thứ hai." in html
    assert "Chi tiết" not in html and "unbalanced quote" not in html
    refused = years_client.post("/saved", data={"q": "lụt bão", "name": "x", "key": "sai"})
    assert refused.status_code == 403
    assert "Chi tiết" not in refused.text and "API key" not in refused.text


def test_an_error_the_page_cannot_name_keeps_its_detail():
    from search.errors import SearchTimeout
    from web.views import error_detail, vietnamese_error

    late = SearchTimeout("search took longer than 5.0 s")
    assert vietnamese_error(late).startswith("Máy chủ đang bận") and error_detail(late) is None
