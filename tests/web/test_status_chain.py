"""Status that follows a chain of documents, and partial repeals, on the reading page and
in the API: A replaced by B, B amended by C, C repealed by D, and D repealing one clause
of F (which stays in force)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.conftest import archive_client


def _decision(number: str, day: str, body: str) -> str:
    return f"""ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: {number}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nam, ngày {day}

QUYẾT ĐỊNH
Về quản lý cụm công nghiệp trên địa bàn tỉnh

QUYẾT ĐỊNH:
{body}

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trương Quốc Huy
"""


CHAIN = {
    "a": _decision("01/2019/QĐ-UBND", "5 tháng 3 năm 2019", "Điều 1. Ban hành Quy chế."),
    "b": _decision(
        "02/2020/QĐ-UBND", "6 tháng 4 năm 2020",
        "Điều 1. Quyết định này thay thế Quyết định số 01/2019/QĐ-UBND.",
    ),
    "c": _decision(
        "03/2021/QĐ-UBND", "7 tháng 5 năm 2021",
        "Điều 1. Sửa đổi, bổ sung một số điều của Quy chế quản lý cụm công nghiệp trên địa "
        "bàn tỉnh Hà Nam ban hành kèm theo Quyết định số 02/2020/QĐ-UBND như sau:",
    ),
    "d": _decision(
        "04/2022/QĐ-UBND", "8 tháng 6 năm 2022",
        "Điều 1. Bãi bỏ các văn bản sau đây:\n1. Quyết định số 03/2021/QĐ-UBND;\n"
        "2. khoản 4 Điều 15 của Quy định ban hành kèm theo Quyết định số 06/2018/QĐ-UBND.",
    ),
    "f": _decision("06/2018/QĐ-UBND", "9 tháng 7 năm 2018", "Điều 1. Ban hành Quy định."),
}  # fmt: skip


@pytest.fixture(scope="module")
def chain_client(tmp_path_factory):
    with archive_client(tmp_path_factory.mktemp("chain"), CHAIN) as client:
        yield client


def test_each_document_of_a_chain_has_its_own_status(chain_client):
    status = {}
    for doc_id in CHAIN:
        doc = chain_client.get(f"/api/documents/{doc_id}").json()
        status[doc_id] = (doc["status"], (doc["status_by"] or {}).get("id"))
    assert status == {
        "a": ("replaced", "b"),
        "b": ("amended", "c"),
        "c": ("repealed", "d"),
        "d": ("active", None),
        "f": ("partly_repealed", "d"),
    }
    rule = chain_client.get("/api/documents/f").json()
    assert [(r["type"], r["id"], r["scope"]) for r in rule["related_by"]] == [
        ("partly_repeals", "d", "khoản 4 Điều 15")
    ]
    decision = chain_client.get("/api/documents/d").json()
    assert [(r["type"], r["number"], r["scope"]) for r in decision["relations"]] == [
        ("repeals", "03/2021/QĐ-UBND", None),
        ("partly_repeals", "06/2018/QĐ-UBND", "khoản 4 Điều 15"),
    ]


def test_the_reading_page_shows_the_chain(chain_client):
    html = chain_client.get("/documents/a").text
    assert "Đã bị thay thế bởi" in html
    chain = html.split('<ol class="status-chain"', 1)[1].split("</ol>", 1)[0]
    steps = [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", chain)]
    assert steps == [
        "Quyết định 02/2020/QĐ-UBND đã được sửa đổi, bổ sung một số điều bởi Quyết định "
        "03/2021/QĐ-UBND (ngày 07/05/2021)",
        "Quyết định 03/2021/QĐ-UBND đã bị bãi bỏ bởi Quyết định 04/2022/QĐ-UBND (ngày 08/06/2022)",
    ]


def test_a_partial_repeal_says_which_part_and_counts_apart(chain_client):
    html = chain_client.get("/documents/f").text
    assert (
        "<strong>Đã bị bãi bỏ khoản 4 Điều 15 bởi "
        '<a href="/documents/d">Quyết định 04/2022/QĐ-UBND</a></strong>'
    ) in html
    facet = chain_client.get("/api/search").json()["facets"]["status"]
    assert {v["value"]: v["count"] for v in facet} == {
        "active": 1, "amended": 1, "partly_repealed": 1, "replaced": 1, "repealed": 1,
    }  # fmt: skip


def test_the_export_names_partial_relations_and_capacities(chain_client):
    text = chain_client.get("/api/export", params={"format": "csv", "q": "04/2022/QĐ-UBND"}).text
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["d"]["relations"] == (
        "repeals 03/2021/QĐ-UBND;partly_repeals 06/2018/QĐ-UBND (khoản 4 Điều 15)"
    )
    assert (rows["d"]["status"], rows["d"]["signer_capacity"]) == ("active", "TM. Ủy ban nhân dân")
