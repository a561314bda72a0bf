"""Headers and signatures read from their layout (issue 23): the two-column header split
by blank lines or joined into one markdown cell, joint documents with every issuer and
every signature block, long titles and trích yếu, signatures before an annex."""

from __future__ import annotations

from pathlib import Path

import docx

from indexer.metadata import extract_metadata
from indexer.records import RawDocument
from indexer.sources import read_source


def read(text: str, name: str = "x.txt"):
    return extract_metadata(RawDocument("x", name, text))


def test_issuer_cut_by_blank_lines_keeps_its_place(tmp_path: Path):
    # a portal's header table: a row per line of both columns, a blank line between rows
    page = (
        "<html><head><meta charset='utf-8'><title>Chỉ thị 05/CT-UBND năm 2024</title></head>"
        "<body><table><tr><td><b>ỦY BAN NHÂN DÂN</b></td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
        "VIỆT NAM</b></td></tr><tr><td><b>TỈNH NGHỆ AN</b></td><td>Độc lập - Tự do - Hạnh "
        "phúc</td></tr><tr><td>Số: 05/CT-UBND</td><td>Nghệ An, ngày 12 tháng 3 năm 2024</td>"
        "</tr></table><p>CHỈ THỊ</p><p>Về phòng, chống dịch cúm gia cầm</p>"
        "<p>Thực hiện Công điện số 123/CĐ-TTg, Chủ tịch yêu cầu các sở thực hiện.</p>"
        "</body></html>"
    )
    (tmp_path / "ct.html").write_text(page, encoding="utf-8")
    doc = extract_metadata(read_source(tmp_path / "ct.html", tmp_path))
    assert (doc.issuer, doc.number, doc.issued_date, doc.title) == (
        "Ủy ban nhân dân tỉnh Nghệ An", "05/CT-UBND", "2024-03-12",
        "Về phòng, chống dịch cúm gia cầm",
    )  # fmt: skip


def test_markitdown_cells_with_their_paragraphs_on_one_line():
    text = (
        "| **ỦY BAN NHÂN DÂN** **TỈNH QUẢNG TRỊ** ------- Số: 08/2024/QĐ-UBND | **CỘNG HÒA XÃ "
        "HỘI CHỦ NGHĨA VIỆT NAM** Độc lập - Tự do - Hạnh phúc --------------- Quảng Trị, ngày "
        "05 tháng 3 năm 2024 |\n| --- | --- |\n\n**QUYẾT ĐỊNH**\nVề việc bãi bỏ văn bản\n\n"
        "Điều 1. Bãi bỏ Chỉ thị số 04/CT-UBND.\n\n"
        "| Nơi nhận: - Như Điều 3; - Lưu: VT, NC. | **TM. ỦY BAN NHÂN DÂN** **CHỦ TỊCH** "
        "Lưu Đức Thắng |\n| --- | --- |\n"
    )
    doc = read(text, "qd.md")
    assert (doc.number, doc.issuer, doc.issued_date, doc.doc_type) == (
        "08/2024/QĐ-UBND", "Ủy ban nhân dân tỉnh Quảng Trị", "2024-03-05", "Quyết định",
    )  # fmt: skip
    assert (doc.signer, doc.signer_title, doc.signer_capacity) == (
        "Lưu Đức Thắng", "Chủ tịch", "TM. Ủy ban nhân dân",
    )  # fmt: skip


JOINT = """TỈNH ỦY THANH HÓA
BAN TUYÊN GIÁO - BAN DÂN VẬN
*
Số 02-HDLT/BTG-BDV
ĐẢNG CỘNG SẢN VIỆT NAM

Thanh Hóa, ngày 06 tháng 5 năm 2023

HƯỚNG DẪN LIÊN TỊCH
tuyên truyền kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc

Thực hiện Hướng dẫn số 105-HD/BTGTW của Ban Tuyên giáo Trung ương, hai ban hướng dẫn:
1. Tuyên truyền sâu rộng ý nghĩa lịch sử của Lời kêu gọi thi đua ái quốc.

{signatures}
Nơi nhận:
- Như trên;
- Lưu: VT.
"""
STACKED = """T/M BAN DÂN VẬN
PHÓ TRƯỞNG BAN

Lê Thị Hoa
T/M BAN TUYÊN GIÁO
TRƯỞNG BAN

Đào Xuân Yên
"""
SIDE_BY_SIDE = """T/M BAN DÂN VẬN                 T/M BAN TUYÊN GIÁO
PHÓ TRƯỞNG BAN                  TRƯỞNG BAN

Lê Thị Hoa                      Đào Xuân Yên
"""

# a PDF text layer: one space between the columns
ONE_SPACE = (
    "T/M BAN DÂN VẬN T/M BAN TUYÊN GIÁO\nPHÓ TRƯỞNG BAN TRƯỞNG BAN\nLê Thị Hoa Đào Xuân Yên\n"
)


def test_a_joint_document_keeps_every_issuer_and_every_signature():
    for block in (STACKED, SIDE_BY_SIDE, ONE_SPACE):
        doc = read(JOINT.format(signatures=block))
        assert (doc.doc_type, doc.issuer, doc.issuers) == (
            "Hướng dẫn liên tịch",
            "Ban Tuyên giáo Tỉnh ủy Thanh Hóa",
            ["Ban Tuyên giáo Tỉnh ủy Thanh Hóa", "Ban Dân vận Tỉnh ủy Thanh Hóa"],
        )
        assert doc.title == (
            "Tuyên truyền kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"
        )
        assert doc.signatures == [
            {"signer": "Lê Thị Hoa", "title": "Phó Trưởng ban", "capacity": "TM. Ban Dân vận"},
            {"signer": "Đào Xuân Yên", "title": "Trưởng ban", "capacity": "TM. Ban Tuyên giáo"},
        ]


def test_a_party_resolution_keeps_its_long_ve_line():
    about = (
        "về phát triển kinh tế biển gắn với bảo đảm quốc phòng, an ninh và bảo vệ môi trường "
        "sinh thái vùng ven biển tỉnh Quảng Nam đến năm 2030, tầm nhìn đến năm 2045"
    )
    text = (
        "TỈNH ỦY QUẢNG NAM\n*\nSố 12-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Quảng Nam, ngày 20 tháng 4 năm 2023\n\nNGHỊ QUYẾT\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH\n"
        f"{about}\n-----\n\nThực hiện Nghị quyết số 36-NQ/TW, Tỉnh ủy ban hành Nghị quyết.\n"
    )
    assert read(text).title == "Của Ban Chấp hành Đảng bộ tỉnh " + about


def test_a_trich_yeu_over_230_characters_is_whole(tmp_path: Path):
    subject = (
        "triển khai thực hiện các giải pháp cấp bách phòng, chống dịch tả lợn châu Phi, cúm "
        "gia cầm và các dịch bệnh nguy hiểm khác trên đàn gia súc, gia cầm, bảo đảm nguồn cung "
        "thực phẩm an toàn cho thị trường trong dịp Tết Nguyên đán Giáp Thìn năm 2024"
    )
    assert len(subject) > 230
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 1234/UBND-KT\nV/v {subject}\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Long An, ngày 08 tháng 01 năm 2024\n\nKính gửi: Các sở, ngành.\n"
    )
    doc = read(text)
    assert (doc.subject, doc.issued_date, doc.doc_type) == (subject, "2024-01-08", "Công văn")


def test_a_signature_before_an_annexed_regulation_is_found(tmp_path: Path):
    document = docx.Document()
    for line in (
        "ỦY BAN NHÂN DÂN", "TỈNH BÌNH ĐỊNH", "Số: 22/2024/QĐ-UBND",
        "Bình Định, ngày 02 tháng 7 năm 2024", "QUYẾT ĐỊNH", "Ban hành Quy định về thoát nước",
        "Điều 1. Ban hành kèm theo Quyết định này Quy định về thoát nước.",
        "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Tự Công Hoàng",
        "QUY ĐỊNH", "Về thoát nước (Ban hành kèm theo Quyết định số 22/2024/QĐ-UBND)",
    ):  # fmt: skip
        document.add_paragraph(line)
    for n in range(1, 40):
        document.add_paragraph(f"Điều {n}. Quy định thứ {n}")
        document.add_paragraph("1. Tổ chức, cá nhân tuân thủ quy chuẩn kỹ thuật.")
    document.save(str(tmp_path / "qd.docx"))
    doc = extract_metadata(read_source(tmp_path / "qd.docx", tmp_path))
    assert (doc.signer, doc.signer_title, doc.signer_capacity) == (
        "Nguyễn Tự Công Hoàng", "Phó Chủ tịch", "TM. Ủy ban nhân dân, KT. Chủ tịch",
    )  # fmt: skip


def test_capacities_of_every_kind():
    cases = {
        "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nHuỳnh Văn Quang Hưng": (
            "Chánh Văn phòng", "TL. Chủ tịch",
        ),
        "TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nĐặng Văn Sáu": ("Chánh Văn phòng", "TUQ. Chủ tịch"),
        "T/L BAN THƯỜNG VỤ\nK/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nNgô Thị Lan": (
            "Phó Chánh Văn phòng", "TL. Ban Thường vụ, KT. Chánh Văn phòng",
        ),
        "Q. GIÁM ĐỐC\nSỞ Y TẾ\n\nNguyễn Văn Lưu": ("Quyền Giám đốc Sở Y tế", "Q. Giám đốc Sở Y tế"),
        "THỦ TƯỚNG\n\nLê Minh Khang": ("Thủ tướng", None),
    }  # fmt: skip
    for block, (title, capacity) in cases.items():
        doc = read(f"Số: 1/UBND-VP\nNội dung./.\nNơi nhận:\n- Lưu: VT.\n{block}\n")
        assert (doc.signer_title, doc.signer_capacity) == (title, capacity), block


def test_a_date_with_its_day_left_blank_keeps_its_month():
    text = (
        "ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH\nSố: 56/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nChâu Thành, ngày      tháng 3 năm 2024\n\nKẾ HOẠCH\n"
        "Triển khai Đề án 06 trên địa bàn huyện\n\nCăn cứ Kế hoạch số 78/KH-UBND;\n"
    )
    doc = read(text)
    assert (doc.issued_date, doc.issued_month, doc.place) == (None, "2024-03", "Châu Thành")


def test_a_tcvn3_header_and_signature_keep_their_capitals(tmp_path: Path):
    from indexer.legacy import to_tcvn3

    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 05/CT-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nNghệ An, ngày 12 tháng 3 năm 2024\n\nCHỈ THỊ\n"
        "Về phòng, chống dịch cúm gia cầm\n\nChỉ thị này thay thế Chỉ thị số 15/CT-UBND.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Hồng Vinh\n\n"
        "Q. GIÁM ĐỐC\nSỞ Y TẾ\n\nNguyễn Văn Lưu\n\nNơi nhận:\n- Lưu: VT.\n"
    )
    (tmp_path / "ct.txt").write_bytes(to_tcvn3(text).encode("latin-1"))
    doc = extract_metadata(read_source(tmp_path / "ct.txt", tmp_path))
    assert (doc.issuer, doc.number, doc.title) == (
        "Ủy ban nhân dân tỉnh Nghệ An", "05/CT-UBND", "Về phòng, chống dịch cúm gia cầm",
    )  # fmt: skip
    # TCVN3 has no capital toned vowels: "SỞ Y TẾ" comes back as "Sở Y Tế"
    assert [(s["signer"], s["capacity"]) for s in doc.signatures] == [
        ("Lê Hồng Vinh", "TM. Ủy ban nhân dân, KT. Chủ tịch"),
        ("Nguyễn Văn Lưu", "Q. Giám đốc Sở Y tế"),
    ]


def test_two_issuers_side_by_side_in_a_three_column_header(tmp_path: Path):
    columns = [
        ["UBND TỈNH BẮC GIANG", "SỞ NỘI VỤ", "-------"],
        ["UBND TỈNH BẮC GIANG", "SỞ TÀI CHÍNH", "-------"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------"],
    ]
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, lines in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in ("Số: 01/HDLT-SNV-STC", "Bắc Giang, ngày 15 tháng 9 năm 2023",
                 "HƯỚNG DẪN LIÊN TỊCH", "Chế độ phụ cấp cán bộ không chuyên trách",
                 "Căn cứ Nghị định số 33/2023/NĐ-CP;"):  # fmt: skip
        document.add_paragraph(line)
    document.save(str(tmp_path / "hdlt.docx"))
    page = (
        "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><td>UBND TỈNH BẮC GIANG</td><td>UBND TỈNH BẮC GIANG</td>"
        "<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>"
        "<tr><td>SỞ NỘI VỤ</td><td>SỞ TÀI CHÍNH</td><td>Độc lập - Tự do - Hạnh phúc</td></tr>"
        "</table><p>Số: 01/HDLT-SNV-STC</p><p>Bắc Giang, ngày 15 tháng 9 năm 2023</p>"
        "<p>HƯỚNG DẪN LIÊN TỊCH</p><p>Chế độ phụ cấp cán bộ không chuyên trách</p></body></html>"
    )
    (tmp_path / "hdlt.html").write_text(page, encoding="utf-8")
    for name in ("hdlt.docx", "hdlt.html"):
        doc = extract_metadata(read_source(tmp_path / name, tmp_path))
        assert (doc.doc_type, doc.issuers) == (
            "Hướng dẫn liên tịch",
            ["Sở Nội vụ tỉnh Bắc Giang", "Sở Tài chính tỉnh Bắc Giang"],
        ), name


def test_side_by_side_blocks_of_different_heights():
    # a PDF text layer or a portal table row per line: the shorter block's name comes first
    rows = (
        "KT. GIÁM ĐỐC Q. GIÁM ĐỐC\nSỞ GIÁO DỤC VÀ ĐÀO TẠO SỞ Y TẾ\nPHÓ GIÁM ĐỐC\n"
        "Nguyễn Văn Lưu\nPhạm Văn Thái\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    )
    doc = read("Số: 01/HDLT-SYT-SGDĐT\nHướng dẫn công tác y tế trường học./.\n" + rows)
    assert doc.signatures == [
        {"signer": "Phạm Văn Thái", "title": "Phó Giám đốc",
         "capacity": "KT. Giám đốc Sở Giáo dục và Đào tạo"},
        {"signer": "Nguyễn Văn Lưu", "title": "Quyền Giám đốc Sở Y tế",
         "capacity": "Q. Giám đốc Sở Y tế"},
    ]  # fmt: skip


def test_one_blocks_capacity_lines_joined_on_one_line():
    doc = read(
        "Số: 1/UBND-VP\nNội dung./.\nNơi nhận:\n- Lưu: VT.\n"
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Hồng Vinh\n"
    )
    assert (doc.signer, doc.signer_title, doc.signer_capacity, doc.signatures) == (
        "Lê Hồng Vinh", "Phó Chủ tịch", "TM. Ủy ban nhân dân, KT. Chủ tịch", [],
    )  # fmt: skip


def test_a_long_sentence_starting_with_so_is_no_number_line():
    text = (
        "KẾ HOẠCH\nTRIỂN KHAI TIÊM CHỦNG\nSố lượng người được tiêm trong tháng đạt cao nhất từ "
        "trước đến nay theo báo cáo của Sở Y tế tại Công văn số 12/SYT-NV, vượt chỉ tiêu đề ra "
        "cho toàn tỉnh trong năm 2021 và các năm trước đó.\n"
    )
    doc = read(text)
    assert (doc.number, doc.title, doc.references) == (
        None, "Triển khai tiêm chủng", ["12/SYT-NV"],
    )  # fmt: skip
