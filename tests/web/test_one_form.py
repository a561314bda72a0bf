"""One form per issuer in facets, quarter numbers and li/ly spellings in queries, and a
month-only date on the reading page (issue 23, item 4), over a tiny archive."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import archive_client


def _letter(issuer: str, number: str, day: str, body: str) -> str:
    return f"""{issuer}
Số: {number}
V/v {body[:40]}

{day}

{body}
"""


DOCS = {
    "a": _letter("UỶ BAN NHÂN DÂN\nTỈNH HÀ NAM", "11/UBND-VX", "Hà Nam, ngày 5 tháng 1 năm 2024",
                 "Báo cáo kết quả quý I năm 2024 về tiêm chủng."),
    "b": _letter("UỶ BAN NHÂN DÂN\nTỈNH HÀ NAM", "12/UBND-VX", "Hà Nam, ngày 6 tháng 1 năm 2024",
                 "Tổ chức cách li y tế tại nhà cho người nhập cảnh."),
    "c": _letter("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM", "13/UBND-VX", "Hà Nam, ngày      tháng 3 năm 2024",
                 "Kế hoạch công tác quý 2 năm 2024."),
}  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with archive_client(tmp_path_factory.mktemp("oneform"), DOCS) as c:
        yield c


def ids(client: TestClient, **params) -> list[str]:
    body = client.get("/api/search", params=params).json()
    return sorted(h["id"] for h in body["results"])


def test_an_issuer_spelled_two_ways_is_one_facet_value(client):
    facet = client.get("/api/search").json()["facets"]["issuer"]
    assert facet == [{"value": "Uỷ ban nhân dân tỉnh Hà Nam", "count": 3, "selected": False}]
    assert ids(client, issuer="Ủy ban nhân dân tỉnh Hà Nam") == ["a", "b", "c"]


def test_quarter_numbers_in_roman_and_arabic_find_each_other(client):
    assert ids(client, q="quý 1") == ["a"]
    assert ids(client, q="quý I") == ["a"]
    assert ids(client, q="quy 1") == ["a"]
    assert ids(client, q="quý II") == ["c"]


def test_cach_ly_finds_cach_li(client):
    assert ids(client, q="cách ly") == ["b"]
    assert ids(client, q='"cách li"') == ["b"]


def test_a_month_only_date_is_shown_as_a_month(client):
    doc = client.get("/api/documents/c").json()
    assert (doc["issued_date"], doc["issued_month"]) == (None, "2024-03")
    html = client.get("/documents/c").text
    assert '<tr><th scope="row">Ngày ban hành</th><td>tháng 3/2024</td></tr>' in html


def test_a_month_only_date_is_in_its_year_and_month(client):
    assert ids(client, year="2024") == ["a", "b", "c"]
    timeline = client.get("/api/timeline", params={"interval": "month"}).json()
    assert timeline == {"buckets": [{"key": "2024-01", "count": 2}, {"key": "2024-03", "count": 1}]}
