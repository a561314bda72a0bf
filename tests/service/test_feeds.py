"""Atom feeds as a feed reader sees them: XML that parses, RFC 4287's required elements,
Vietnamese titles, newest documents first, and 304 while nothing changed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from tests.conftest import SEED
from tests.service.conftest import CITING, KEY, upload

NS = {"a": "http://www.w3.org/2005/Atom"}


def parse(response) -> ET.Element:
    """The feed's root element, checked for what RFC 4287 requires of a feed and entries."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for name in ("id", "title", "updated", "author/a:name"):
        assert feed.find(f"a:{name}", NS).text
    datetime.fromisoformat(feed.find("a:updated", NS).text)
    ids = [e.find("a:id", NS).text for e in feed.findall("a:entry", NS)]
    assert len(ids) == len(set(ids))
    for entry in feed.findall("a:entry", NS):
        assert entry.find("a:title", NS).text and entry.find("a:updated", NS).text
        datetime.fromisoformat(entry.find("a:updated", NS).text)
    return feed


def entries(feed: ET.Element) -> list[dict]:
    return [
        {
            "id": e.find("a:id", NS).text,
            "title": e.find("a:title", NS).text,
            "link": e.find("a:link", NS).get("href"),
            "author": e.findtext("a:author/a:name", None, NS),
            "published": e.findtext("a:published", None, NS),
            "summary": e.findtext("a:summary", None, NS),
        }
        for e in feed.findall("a:entry", NS)
    ]


def test_search_feed_lists_the_newest_matches_with_vietnamese_titles(archive):
    with archive.client() as client:
        feed = parse(client.get("/feeds/search.atom", params={"q": "4 tai cho"}))
    assert feed.find("a:title", NS).text == "Tìm kiếm «4 tai cho»"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    listed = entries(feed)
    assert [e["id"] for e in listed[:3]] == [
        f"tag:tracuu,2026:documents/{SEED[n]}" for n in ("000", "003", "002")
    ]  # dated newest first; undated after
    first = listed[0]
    assert first["title"] == (
        "Công văn 342-CV/TU: tiếp tục tăng cường công tác phòng, chống dịch Covid-19"
    )
    assert first["link"] == f"http://testserver/documents/{SEED['000']}"
    assert first["author"] == "Tỉnh ủy Ninh Bình"
    assert first["published"] == "2021-07-22T00:00:00+07:00"
    summary = first["summary"]
    for text in ("Số hiệu: 342-CV/TU", "Loại văn bản: Công văn", "Ngày ban hành: 22/07/2021",
                 "Cơ quan ban hành: Tỉnh ủy Ninh Bình", "<mark>"):  # fmt: skip
        assert text in summary


def test_saved_search_feed_lists_a_document_uploaded_after_it_was_saved(archive):
    with archive.client() as client:
        body = {"name": "Theo dõi 4 tại chỗ", "q": "4 tại chỗ"}
        saved = client.post("/api/saved-searches", json=body, headers=KEY).json()
        before = entries(parse(client.get(saved["feed_url"])))
        new_id = upload(client, "ke_hoach_15.txt", CITING)
        feed = parse(client.get(saved["feed_url"]))
    assert feed.find("a:title", NS).text == "Theo dõi 4 tại chỗ («4 tại chỗ»)"
    after = entries(feed)
    assert after[0]["id"] == f"tag:tracuu,2026:documents/{new_id}"
    assert after[0]["title"].startswith("Kế hoạch 15/KH-BCĐ: ")
    assert after[0]["published"] == "2021-08-09T00:00:00+07:00"
    assert "<mark>4 tại chỗ</mark>" in after[0]["summary"]
    assert after[1:] == before


def test_feed_of_the_documents_citing_a_document(archive):
    with archive.client() as client:
        empty = parse(client.get(f"/feeds/related/{SEED['000']}.atom"))
        assert entries(empty) == []
        new_id = upload(client, "ke_hoach_15.txt", CITING)
        feed = parse(client.get(f"/feeds/related/{SEED['000']}.atom"))
        missing = client.get("/feeds/related/khong_co.atom")
    assert feed.find("a:title", NS).text.startswith("Văn bản dẫn chiếu Công văn 342-CV/TU: ")
    (entry,) = entries(feed)
    assert entry["id"] == f"tag:tracuu,2026:documents/{new_id}"
    assert "<mark>342-CV/TU</mark>" in entry["summary"]
    assert missing.status_code == 404 and missing.json() == {
        "detail": "no document with id 'khong_co'"
    }


def test_feed_readers_get_304_until_the_feed_changes(archive):
    with archive.client() as client:
        first = client.get("/feeds/search.atom", params={"q": "4 tại chỗ"})
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        again = client.get(
            "/feeds/search.atom", params={"q": "4 tại chỗ"}, headers={"If-None-Match": etag}
        )
        by_date = client.get(
            "/feeds/search.atom", params={"q": "4 tại chỗ"}, headers={"If-Modified-Since": modified}
        )
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
        assert by_date.status_code == 304 and by_date.headers["last-modified"] == modified
        upload(client, "ke_hoach_15.txt", CITING)
        changed = client.get(
            "/feeds/search.atom", params={"q": "4 tại chỗ"}, headers={"If-None-Match": etag}
        )
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert parse(changed).find("a:entry/a:title", NS).text.startswith("Kế hoạch 15/KH-BCĐ")


def test_bad_feed_parameters_are_400_with_a_detail(archive):
    with archive.client() as client:
        bad = client.get("/feeds/search.atom", params={"q": '"bốn tại'})
        unknown = client.get("/feeds/saved/999.atom")
        not_a_number = client.get("/feeds/saved/abc.atom")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("unbalanced quote")
    assert unknown.status_code == 404 and unknown.json() == {
        "detail": "no saved search with id 999"
    }
    assert not_a_number.status_code == 400 and list(not_a_number.json()) == ["detail"]


def test_a_relaxed_search_feed_says_its_entries_have_only_some_words(archive):
    with archive.client() as client:
        relaxed = parse(client.get("/feeds/search.atom", params={"q": "tại chỗ qwxzv"}))
        strict = parse(client.get("/feeds/search.atom", params={"q": "tại chỗ"}))
    assert relaxed.find("a:subtitle", NS).text == (
        "Không có văn bản nào chứa tất cả các từ; đây là các văn bản chứa một phần các từ."
    )
    assert len(entries(relaxed)) > 0
    assert strict.find("a:subtitle", NS) is None
