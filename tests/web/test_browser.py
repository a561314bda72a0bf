"""The pages in a real browser: Debian's Chromium driven by Playwright against uvicorn.

A uvicorn subprocess serves the sample archive plus a fixture whose text looks like HTML;
the tests type, click and read as a user would, with the service's real CSP in force.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import SEED

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"uvicorn did not answer within 30 s:\n{log.read_text()}")


@contextmanager
def _uvicorn(index_dir: Path, corpus_dir: Path, **settings: str):
    """Base URL of a uvicorn subprocess serving ``corpus_dir`` indexed in ``index_dir``,
    with more ``TRACUU_*`` settings (``api_key="..."``)."""
    port = _free_port()
    env = dict(os.environ, TRACUU_INDEX_DIR=str(index_dir), TRACUU_CORPUS_DIR=str(corpus_dir))
    env.update({f"TRACUU_{name.upper()}": value for name, value in settings.items()})
    log = corpus_dir.parent / "uvicorn.log"
    command = [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(web_index, web_corpus):
    """Base URL of a uvicorn subprocess serving the web fixture archive."""
    with _uvicorn(web_index, web_corpus) as url:
        yield url


@pytest.fixture(scope="module")
def relations_server(relations_index, relations_corpus):
    """The same, serving the relations fixtures (documents that replace, amend, implement)."""
    with _uvicorn(relations_index, relations_corpus) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watch:
    """What a page did that it must not: dialogs, CSP violations, console errors."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def _tab(browser, base_url: str):
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    tab = context.new_page()
    tab.watch = Watch(tab)
    try:
        yield tab
    finally:
        context.close()
    assert tab.watch.dialogs == []
    assert tab.watch.errors == []


@pytest.fixture
def page(browser, server):
    yield from _tab(browser, server)


@pytest.fixture
def relations_page(browser, relations_server):
    yield from _tab(browser, relations_server)


def hit_ids(page) -> list[str]:
    hrefs = page.locator(".hit-title a").evaluate_all("els => els.map(e => e.pathname)")
    return [h.removeprefix("/documents/") for h in hrefs]


def search_for(page, text: str) -> None:
    page.goto("/")
    page.fill("#q", text)
    page.press("#q", "Enter")
    page.wait_for_load_state()


def test_typing_a_query_lists_the_seeds_with_highlighted_snippets(page):
    search_for(page, "4 tai cho")
    ids = hit_ids(page)
    assert {SEED["000"], SEED["001"], SEED["002"], SEED["003"]} <= set(ids)
    for doc_id in SEED.values():
        hit = page.locator(".hit", has=page.locator(f'a[href^="/documents/{doc_id}?"]'))
        assert hit.locator(".snippet mark").count() > 0
    assert re.match(r"Tìm thấy \d+ văn bản", page.locator(".summary").inner_text())
    assert page.input_value("#q") == "4 tai cho"


def test_facet_link_narrows_shows_selected_and_widens_again(page):
    search_for(page, "4 tai cho")
    everything = len(hit_ids(page))
    facet = page.locator('section[aria-labelledby="facet-doc_type"] a', has_text="Công văn")
    facet.click()
    page.wait_for_load_state()
    assert "doc_type=C%C3%B4ng+v%C4%83n" in page.url
    assert set(page.locator(".hit .tag").all_inner_texts()) == {"Công văn"}
    assert set(hit_ids(page)) == {SEED["000"], SEED["002"]}
    selected = page.locator('section[aria-labelledby="facet-doc_type"] a.selected')
    assert selected.get_attribute("aria-current") == "true"
    assert "✓" in selected.inner_text() and "Công văn" in selected.inner_text()
    selected.click()
    page.wait_for_load_state()
    assert "doc_type" not in page.url
    assert len(hit_ids(page)) == everything > 2


def test_timeline_bars_render_and_filter_to_their_year(page):
    search_for(page, "4 tai cho")
    tall = page.locator(".bars .bar.h10").first.bounding_box()
    half = page.locator(".bars .bar.h5").first.bounding_box()
    assert tall["height"] > 40 and 0.4 < half["height"] / tall["height"] < 0.6  # the CSS applies
    page.locator('.bars a[title^="Năm 2020"]').click()
    page.wait_for_load_state()
    assert "year=2020" in page.url
    assert hit_ids(page) == [SEED["002"]]
    assert page.locator(".timeline .muted").inner_text() == "· Theo tháng, năm 2020"
    page.locator('.bars a[title^="Tháng 7/2020"]').click()
    page.wait_for_load_state()
    assert "date_from=2020-07-01" in page.url and "date_to=2020-07-31" in page.url
    assert hit_ids(page) == [SEED["002"]]


def test_opening_a_result_shows_metadata_and_scrolls_to_the_first_highlight(page):
    search_for(page, "4 tai cho")
    page.locator(f'.hit-title a[href^="/documents/{SEED["000"]}?"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("#hit-1")
    table = page.locator("table.meta").inner_text()
    for text in ("Số hiệu", "342-CV/TU", "Tỉnh ủy Ninh Bình", "22/07/2021", "Phó Bí thư"):
        assert text in table
    first = page.locator("pre.doc-body mark#hit-1")
    assert first.inner_text().lower() in ("4 tại chỗ", "bốn tại chỗ")
    assert page.locator("pre.doc-body mark").count() == 1  # the phrase, not each "cho"
    box = first.bounding_box()
    assert 0 <= box["y"] <= page.viewport_size["height"]  # in view without any script


def test_browse_lists_newest_directives_first(page):
    page.goto("/browse")
    links = page.locator(".browse-list a").evaluate_all("els => els.map(e => e.pathname)")
    ids = [h.removeprefix("/documents/") for h in links]
    assert ids.index(SEED["000"]) < ids.index(SEED["002"])
    headings = page.locator(".year-title, .month-title").all_inner_texts()
    assert headings[:2] == ["Năm 2021", "Tháng 7/2021"]


def test_html_in_a_document_is_shown_literally_and_never_runs(page, script_id):
    page.goto(f"/documents/{script_id}?q=alert#hit-1")
    text = page.locator("pre.doc-body").inner_text()
    assert "<script>alert(1)</script>" in text and "<b>đậm</b>" in text
    assert page.locator("pre.doc-body b, pre.doc-body script").count() == 0
    search_for(page, "alert")
    assert "<script>" in page.locator(".snippet").first.inner_text()
    assert "<i>nghiêng</i>" in page.locator(".hit-title").first.inner_text()
    page.wait_for_timeout(200)
    assert page.watch.dialogs == []


def test_keyboard_users_get_a_visible_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0


def test_screenshots_desktop_and_phone(browser, server):
    SHOTS.mkdir(exist_ok=True)
    pages = {
        "search": "/?q=4+tai+cho",
        "document": f"/documents/{SEED['000']}?q=4+tai+cho#hit-1",
        "browse": "/browse",
        "empty": "/?q=qwxzv&doc_type=Th%C3%B4ng+b%C3%A1o",
        "months": "/?year=2021",
    }
    for device, size in (("desktop", (1280, 900)), ("phone", (375, 740))):
        context = browser.new_context(
            base_url=server, viewport={"width": size[0], "height": size[1]}, locale="vi-VN"
        )
        tab = context.new_page()
        try:
            for name, url in pages.items():
                tab.goto(url)
                tab.screenshot(path=str(SHOTS / f"{name}-{device}.png"), full_page=True)
                overflow = tab.evaluate("document.documentElement.scrollWidth")
                assert overflow <= size[0], f"{name} scrolls sideways on {device}"
        finally:
            context.close()


def test_replaced_directive_amended_plan_and_the_decision_outline_in_a_browser(relations_page):
    page = relations_page
    page.goto("/?q=dịch+Covid-19")
    page.locator('section[aria-labelledby="facet-status"] a', has_text="Còn hiệu lực").click()
    page.wait_for_load_state()
    shown = hit_ids(page)
    assert "qd_07_2022" in shown and "ct_15_2020" not in shown and "kh_120_2021" not in shown
    page.locator('.hit-title a[href^="/documents/qd_07_2022"]').click()
    page.wait_for_load_state()
    outline = page.locator("nav.outline a")
    assert outline.all_inner_texts() == ["Điều 1", "Điều 2", "Điều 3"]
    assert page.locator("nav.outline").is_visible()
    replaced = page.locator("ul.relation-replaces a")
    assert replaced.inner_text() == "15/CT-UBND"
    assert page.locator("ul.relation-amends a").inner_text() == "120/KH-UBND"
    page.locator("nav.outline a", has_text="Điều 2").click()
    anchor = page.locator("#dieu-2").bounding_box()
    assert 0 <= anchor["y"] <= page.viewport_size["height"]  # the outline link scrolled to it
    replaced.click()
    page.wait_for_load_state()
    status = page.locator("p.notice.status")
    assert status.is_visible()
    assert status.inner_text() == "Đã bị thay thế bởi Quyết định 07/2022/QĐ-UBND (ngày 15/03/2022)"
    assert status.bounding_box()["y"] < page.locator("pre.doc-body").bounding_box()["y"]
    page.goto("/documents/kh_120_2021")
    assert (
        page.locator("p.notice.status")
        .inner_text()
        .startswith("Đã được sửa đổi, bổ sung khoản 2 mục II bởi Quyết định 07/2022/QĐ-UBND")
    )
