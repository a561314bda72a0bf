"""The API's documentation pages in a real Chromium with no way out to the internet: an
archive intranet. Every request that leaves the server is refused and recorded."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.web.test_browser import _tab, _uvicorn, browser  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def docs_server(web_index, web_corpus):
    with _uvicorn(web_index, web_corpus) as url:
        yield url


@pytest.fixture
def offline(browser, docs_server):  # noqa: F811
    """A tab that can reach the server only; ``tab.outside`` lists what it tried beyond."""
    outside: list[str] = []

    def only_local(route, request) -> None:
        if urlparse(request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    for tab in _tab(browser, docs_server):
        tab.outside = outside
        tab.context.route("**/*", only_local)
        yield tab
        # ReDoc's footer always asks for its logo from cdn.redoc.ly; the docs' CSP stops it
        # before the network (the image hides itself): the one console message allowed.
        tab.watch.errors[:] = [e for e in tab.watch.errors if "cdn.redoc.ly/redoc/logo" not in e]


def test_swagger_ui_renders_from_the_package_with_an_authorize_button(offline):
    offline.goto("/docs")
    offline.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert offline.locator(".swagger-ui .info .title").inner_text().startswith("tracuu")
    assert offline.locator(".opblock-summary-path", has_text="/api/search").count() >= 1
    offline.locator("button.authorize").first.click()
    assert offline.locator(".modal-ux", has_text="X-API-Key").count() == 1
    assert offline.outside == []


def test_redoc_renders_from_the_package(offline):
    offline.goto("/redoc")
    offline.wait_for_selector("h1", timeout=20_000)
    assert offline.locator("h1").first.inner_text().startswith("tracuu")
    assert offline.get_by_text("/api/search").count() >= 1
    assert offline.outside == []
