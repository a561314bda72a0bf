"""Small real-shaped documents whose numbers have the shapes look-ups must tell apart:
State (``15/CT-UBND``, ``123/2021/QĐ-UBND``), Party (``05-NQ/TW``, ``10-QĐi/TW``), and
two numbers that differ only by ``Đ`` (``12/ĐA-UBND`` Đề án, ``12/DA-UBND`` Dự án)."""

from __future__ import annotations

from pathlib import Path

STATE = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH

Số: {number}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Ninh Bình, ngày {day} tháng 8 năm 2021

{kind}
{subject}

{body}

CHỦ TỊCH
Phạm Quang Ngọc
"""

PARTY = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số {number}

ĐẢNG CỘNG SẢN VIỆT NAM

Hà Nội, ngày {day} tháng 8 năm 2021

{kind}
{subject}

{body}

T/M BỘ CHÍNH TRỊ
TỔNG BÍ THƯ
Nguyễn Phú Trọng
"""

DOCUMENTS = {
    "chi_thi_15": (
        STATE,
        "15/CT-UBND",
        "05",
        "CHỈ THỊ",
        "Về việc tăng cường phòng, chống dịch Covid-19 trên địa bàn tỉnh",
        "Yêu cầu các sở, ban, ngành thực hiện nghiêm giãn cách xã hội.",
    ),
    "quyet_dinh_123": (
        STATE,
        "123/2021/QĐ-UBND",
        "06",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh",
        "Căn cứ Chỉ thị số 15/ CT-UBND ngày 05/8/2021 và Nghị quyết số 05 - NQ/TW. "
        "Quyết định này có hiệu lực kể từ ngày ký.",
    ),
    "de_an_12": (
        STATE,
        "12/ĐA-UBND",
        "07",
        "ĐỀ ÁN",
        "Phát triển nguồn nhân lực chất lượng cao giai đoạn 2021-2025",
        "Đề án xác định các mục tiêu đào tạo nghề cho lao động nông thôn.",
    ),
    "du_an_12": (
        STATE,
        "12/DA-UBND",
        "09",
        "DỰ ÁN",
        "Xây dựng trạm y tế xã Ninh Vân",
        "Dự án đầu tư xây dựng trạm y tế bằng nguồn vốn ngân sách tỉnh.",
    ),
    "nghi_quyet_05": (
        PARTY,
        "05-NQ/TW",
        "10",
        "NGHỊ QUYẾT",
        "Về tiếp tục đổi mới mô hình tăng trưởng",
        "Bộ Chính trị yêu cầu các cấp ủy quán triệt nghị quyết.",
    ),
    "quy_dinh_10": (
        PARTY,
        "10-QĐi/TW",
        "11",
        "QUY ĐỊNH",
        "Về việc kiểm tra, giám sát của Đảng",
        "Quy định này áp dụng đối với tổ chức đảng và đảng viên.",
    ),
}


def write_numbered(root: Path) -> Path:
    """Write the documents above as ``root/<name>.txt``; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, (template, number, day, kind, subject, body) in DOCUMENTS.items():
        text = template.format(number=number, day=day, kind=kind, subject=subject, body=body)
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return root
