"""Saving a search and coming back for what is new, in real headless Chromium against a
uvicorn serving a private archive with a write key (the CSP of the service in force)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
import pytest

from tests.service.conftest import API_KEY, CITING, Archive
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, Watch, _uvicorn

pytestmark = pytest.mark.browser
NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory):
    """Base URL of a uvicorn over a private corpus copy, with TRACUU_API_KEY set."""
    archive = Archive(tmp_path_factory.mktemp("saved-browser"))
    with _uvicorn(archive.index_dir, archive.corpus, api_key=API_KEY) as url:
        yield url


@pytest.fixture
def tab(keyed_server):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=keyed_server, locale="vi-VN")
        page = context.new_page()
        page.watch = Watch(page)
        try:
            yield page
        finally:
            browser.close()
    assert page.watch.dialogs == [] and page.watch.errors == []


def test_save_a_search_then_see_what_is_new_and_mark_it_seen(tab, keyed_server):
    tab.goto("/")
    tab.fill("#q", "4 tại chỗ")
    tab.press("#q", "Enter")
    tab.wait_for_load_state()
    tab.locator("details.save-search summary").click()
    assert tab.input_value("#save-name") == "4 tại chỗ"
    tab.fill("#save-name", "Phương châm 4 tại chỗ")
    tab.fill("#save-key", API_KEY)
    tab.get_by_role("button", name="Lưu tìm kiếm").click()
    tab.wait_for_load_state()
    assert tab.url.endswith("/saved#saved-1")
    item = tab.locator("#saved-1")
    assert item.locator(".saved-name").inner_text() == "Phương châm 4 tại chỗ"
    assert item.locator(".saved-none").inner_text() == "Không có văn bản mới"
    total = int(item.locator(".saved-total").inner_text().split()[0])

    files = {"file": ("ke_hoach_15.txt", CITING.encode(), "text/plain")}
    uploaded = httpx.post(
        keyed_server + "/api/documents", files=files, headers={"X-API-Key": API_KEY}
    )
    assert uploaded.status_code == 201
    tab.reload()
    assert item.locator(".saved-new").inner_text() == "1 văn bản mới"
    assert item.locator(".saved-total").inner_text() == f"{total + 1} văn bản"
    feed = ET.fromstring(httpx.get(keyed_server + "/feeds/saved/1.atom").content)
    assert feed.find("a:entry/a:id", NS).text.endswith(uploaded.json()["id"])

    item.locator(".saved-new-list a").click()
    tab.wait_for_load_state()
    assert tab.locator("h1.page-title").inner_text() == "Kế hoạch 15/KH-BCĐ"
    tab.go_back()
    tab.fill("#seen-key-1", API_KEY)
    tab.get_by_role("button", name="Đánh dấu đã xem").click()
    tab.wait_for_load_state()
    assert tab.locator("#saved-1 .saved-none").inner_text() == "Không có văn bản mới"


def test_a_wrong_key_is_said_in_vietnamese_and_saves_nothing(tab, keyed_server):
    tab.goto("/?q=covid")
    tab.locator("details.save-search summary").click()
    tab.fill("#save-key", "khong-dung")
    expected = "Failed to load resource: the server responded with a status of 403 (Forbidden)"
    with (
        tab.expect_console_message(lambda m: m.text == expected),  # logged after the answer
        tab.expect_response(lambda r: r.url.endswith("/saved")) as answer,
    ):
        tab.get_by_role("button", name="Lưu tìm kiếm").click()
    assert answer.value.status == 403
    tab.watch.errors.remove(expected)  # Chromium logs the refusal; nothing else may fail
    assert "Khóa API không đúng" in tab.locator(".notice.error").inner_text()
    names = [s["name"] for s in httpx.get(keyed_server + "/api/saved-searches").json()["results"]]
    assert "covid" not in names
