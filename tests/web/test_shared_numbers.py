"""One number, two archived documents (15/CT-UBND of two provinces): a relation means the
one of the date it cites, else those not newer than the document pointing at them."""

from __future__ import annotations

import pytest

from tests.conftest import archive_client


def _directive(province: str, day: str, body: str) -> str:
    return f"""ỦY BAN NHÂN DÂN
TỈNH {province.upper()}
Số: 15/CT-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

{province}, ngày {day}

CHỈ THỊ
Về phòng, chống dịch bệnh

{body}
"""


def _decision(number: str, day: str, body: str) -> str:
    return (
        _directive("Hà Nam", day, body)
        .replace("Số: 15/CT-UBND", f"Số: {number}")
        .replace("CHỈ THỊ", "QUYẾT ĐỊNH")
    )


DOCS = {
    "ha_nam_2020": _directive("Hà Nam", "10 tháng 4 năm 2020", "Các sở thực hiện."),
    "ninh_binh_2023": _directive("Ninh Bình", "2 tháng 3 năm 2023", "Các sở thực hiện."),
    # names the date: only the 2020 directive is replaced
    "qd_2021": _decision(
        "07/2021/QĐ-UBND", "5 tháng 5 năm 2021",
        "Điều 1. Quyết định này thay thế Chỉ thị số 15/CT-UBND ngày 10/4/2020.",
    ),
    # no date: the 2023 directive is newer than this 2022 decision, so it is not the one
    "qd_2022": _decision(
        "08/2022/QĐ-UBND", "6 tháng 6 năm 2022",
        "Điều 1. Sửa đổi, bổ sung khoản 1 Chỉ thị số 15/CT-UBND.",
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with archive_client(tmp_path_factory.mktemp("shared"), DOCS) as c:
        yield c


def test_a_relation_means_the_document_of_its_date_or_an_older_one(client):
    status = {}
    for doc_id in DOCS:
        doc = client.get(f"/api/documents/{doc_id}").json()
        status[doc_id] = (doc["status"], (doc["status_by"] or {}).get("id"))
    assert status == {
        "ha_nam_2020": ("replaced", "qd_2021"),
        "ninh_binh_2023": ("active", None),
        "qd_2021": ("active", None),
        "qd_2022": ("active", None),
    }
