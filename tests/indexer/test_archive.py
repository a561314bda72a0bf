"""Metadata of documents as archives hold them, through the real path: files on disk ->
``read_source`` -> ``extract_metadata``, whole records compared field by field; and a real
index built from them, whose facets ``search.searcher.Engine`` reports."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import docx
import pytest

from indexer.build import build_index
from indexer.metadata import extract_metadata
from indexer.sources import read_source
from search.models import Reference, SearchRequest
from search.searcher import Engine
from tests.indexer import archive as a


def record(root: Path, name: str) -> dict:
    fields = extract_metadata(read_source(root / name, root)).to_dict()
    del fields["id"], fields["source"], fields["body"]
    del fields["relations"], fields["sections"], fields["status_override"]  # test_relations
    return fields


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    a.write_archive(root)
    return root


@pytest.mark.parametrize("name", sorted(a.EXPECTED))
def test_each_archive_document_is_read_field_by_field(archive, name):
    assert record(archive, name) == a.EXPECTED[name]


# --- 1. Signature blocks -------------------------------------------------------------------

SYT = a.EXPECTED["so/syt_1452.md"]


@pytest.mark.parametrize(
    ("block", "signer", "title", "capacity"),
    [
        ("**KT. GIÁM ĐỐC**\n\n**PHÓ GIÁM ĐỐC**\n\n\n\n**Trần Thị Lan**",
         "Trần Thị Lan", "Phó Giám đốc", "KT. Giám đốc"),
        ("K/T GIÁM ĐỐC  \nPHÓ GIÁM ĐỐC\n\n*(Đã ký)*\n\nTrần Thị Lan",
         "Trần Thị Lan", "Phó Giám đốc", "KT. Giám đốc"),
        ("**TL. GIÁM ĐỐC**\n\n**CHÁNH VĂN PHÒNG**\n\n**Lê Văn Bình**",
         "Lê Văn Bình", "Chánh Văn phòng", "TL. Giám đốc"),
        ("**TUQ. CHỦ TỊCH UBND TỈNH**\n\n**GIÁM ĐỐC SỞ Y TẾ**\n\n**Nguyễn Văn Hùng**",
         "Nguyễn Văn Hùng", "Giám đốc Sở Y tế", "TUQ. Chủ tịch UBND tỉnh"),
        ("**GIÁM ĐỐC**\n\n\n\n**NGUYỄN VĂN HÙNG**", "Nguyễn Văn Hùng", "Giám đốc", None),
        ("GIÁM ĐỐC\nNGUYỄN VĂN HÙNG", "Nguyễn Văn Hùng", "Giám đốc", None),
        ("**Q. GIÁM ĐỐC**\n\n*(Đã ký)*\n\n**Nguyễn Văn Hùng**",
         "Nguyễn Văn Hùng", "Quyền Giám đốc", "Q. Giám đốc"),
        ("**T/M BAN GIÁM ĐỐC**\n\n\n**Nguyễn Văn Hùng**", "Nguyễn Văn Hùng", None,
         "TM. Ban Giám đốc"),
        # the surname Lưu is no filing line; markitdown's one-line cell
        ("**TM. ỦY BAN NHÂN DÂN**\n\n**CHỦ TỊCH**\n\n**Lưu Đức Thắng**",
         "Lưu Đức Thắng", "Chủ tịch", "TM. Ủy ban nhân dân"),
        ("| **KT. GIÁM ĐỐC** **PHÓ GIÁM ĐỐC** Trần Thị Lan |\n| --- |",
         "Trần Thị Lan", "Phó Giám đốc", "KT. Giám đốc"),
    ],
)  # fmt: skip
def test_signature_blocks_of_every_shape_in_markdown(tmp_path, block, signer, title, capacity):
    text = a.SYT_MD.format(date=a.SYT_DATE, signature=block)
    (tmp_path / "cv.md").write_text(text, encoding="utf-8")
    expected = {**SYT, "signer": signer, "signer_title": title, "signer_capacity": capacity}
    assert record(tmp_path, "cv.md") == expected


def test_signature_lines_spread_over_blank_docx_paragraphs(tmp_path):
    sign = ["TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", "", "", "(Đã ký)", "", "", "Phạm Văn Thành"]
    a.make_docx(tmp_path / "ct.docx", a.QN_LEFT, a.QN_RIGHT, a.QN_BODY, a.QN_NOI_NHAN, sign)
    expected = a.EXPECTED["ubnd/qn_chi_thi_08.docx"]
    assert record(tmp_path, "ct.docx") == {
        **expected,
        "signer": "Phạm Văn Thành",
        "signer_title": "Chủ tịch",
        "signer_capacity": "TM. Ủy ban nhân dân",
    }


def test_signature_typed_in_title_case_under_a_capitals_style_in_docx(tmp_path):
    sign = ["TM. Ủy Ban Nhân Dân", "KT. Chủ Tịch", "Phó Chủ Tịch", "", "", "Nguyễn Thị Hạnh"]
    a.make_docx(tmp_path / "ct.docx", a.QN_LEFT, a.QN_RIGHT, a.QN_BODY, a.QN_NOI_NHAN, sign, True)
    assert record(tmp_path, "ct.docx") == a.EXPECTED["ubnd/qn_chi_thi_08.docx"]


def test_pdf_signature_wrapped_title_and_name_beside_the_recipients(tmp_path):
    rows = [
        ("Nơi nhận:", "T/M BAN THƯỜNG VỤ"),
        ("- Như kính gửi,", "PHÓ BÍ THƯ"),
        ("- Ban Tuyên giáo Tỉnh ủy,", "THƯỜNG TRỰC"),
        ("- Lưu Văn phòng Tỉnh ủy.", "Mai Văn Tuất"),
    ]
    a.make_pdf(tmp_path / "cv.pdf", a.TU_ROWS, [], a.TU_TEXT, rows)
    text = read_source(tmp_path / "cv.pdf", tmp_path).text
    assert "- Lưu Văn phòng Tỉnh ủy. Mai Văn Tuất" in text.splitlines()
    assert record(tmp_path, "cv.pdf") == a.EXPECTED["tu/cv_351.pdf"]


def test_a_name_is_never_taken_for_a_title_nor_a_title_for_a_name(tmp_path):
    # a caps name right under a caps title, and the recipients list after the block
    text = a.KET_LUAN.replace(
        "T/M BAN THƯỜNG VỤ\n\nBÍ THƯ\n\n\n\nHoàng Văn Minh\n",
        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nTRƯƠNG VĂN TRƯỜNG\n",
    )
    (tmp_path / "kl.txt").write_text(text, encoding="utf-8")
    assert record(tmp_path, "kl.txt") == {
        **a.EXPECTED["huyen/kl_45.txt"],
        "signer": "Trương Văn Trường",
        "signer_title": "Phó Bí thư",
    }


# --- 2. Dates in the place-date line ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "*Bắc Ninh, ngày 05 tháng 8 năm 2021*",
        "**Bắc Ninh, ngày 5 tháng 8 năm 2021**",
        "_Bắc Ninh, ngày  05  tháng  8  năm 2021_",
        "***Bắc Ninh***, ***ngày 05 tháng 08 năm 2021***",
        "*Bắc Ninh, ngày 5/8/2021*",
        "Bắc Ninh, ngày 05/08/2021.",
        "Bắc Ninh, Ngày 5 - 8 - 2021",
    ],
)
def test_dates_however_dressed_in_markdown(tmp_path, line):
    text = a.SYT_MD.format(date=line, signature=a.SYT_SIGNATURE)
    (tmp_path / "cv.md").write_text(text, encoding="utf-8")
    assert record(tmp_path, "cv.md") == SYT


@pytest.mark.parametrize(
    "line",
    ["Nam Đàn, ngày 5 tháng 8 năm 2021", "Nam Đàn, ngày 05/8/2021", "Nam Đàn,  ngày 5/08/2021"],
)
def test_dates_however_written_in_nfd_and_utf16_text(tmp_path, line):
    text = a.KET_LUAN.replace("Nam Đàn, ngày  05  tháng  8  năm 2021", line)
    (tmp_path / "nfd.txt").write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    expected = a.EXPECTED["huyen/kl_45.txt"]
    assert (record(tmp_path, "nfd.txt"), record(tmp_path, "u16.txt")) == (expected, expected)


# --- 3. Issuer names in the casing of Vietnamese names ----------------------------------------


@pytest.mark.parametrize(
    ("left", "issuer"),
    [
        (["BỘ GIÁO DỤC VÀ ĐÀO TẠO"], "Bộ Giáo dục và Đào tạo"),
        (["Bộ Giáo Dục Và Đào Tạo"], "Bộ Giáo dục và Đào tạo"),
        (["Bộ Giáo dục và Đào tạo"], "Bộ Giáo dục và Đào tạo"),
        (["BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"], "Bộ Văn hóa, Thể thao và Du lịch"),
        (["BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"], "Bộ Nông nghiệp và Phát triển nông thôn"),
        (["UBND TỈNH BẮC NINH", "SỞ Y TẾ"], "Sở Y tế tỉnh Bắc Ninh"),
        (["Ủy Ban Nhân Dân", "Tỉnh Quảng Ninh"], "Ủy ban nhân dân tỉnh Quảng Ninh"),
        (["UỶ BAN NHÂN DÂN", "HUYỆN ĐÔNG ANH"], "Uỷ ban nhân dân huyện Đông Anh"),
        (["UBND HUYỆN GIA LÂM", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
         "Phòng Giáo dục và Đào tạo huyện Gia Lâm"),
        (["TỈNH ỦY QUẢNG NAM", "BAN TUYÊN GIÁO"], "Ban Tuyên giáo Tỉnh ủy Quảng Nam"),
        (["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN DÂN VẬN"], "Ban Dân vận Trung ương"),
    ],
)  # fmt: skip
def test_issuer_from_a_docx_header_in_any_case(tmp_path, left, issuer):
    header = [*left, "-------", "Số: 08/CT-UBND"]
    a.make_docx(tmp_path / "ct.docx", header, a.QN_RIGHT, a.QN_BODY, a.QN_NOI_NHAN, a.QN_SIGN)
    expected = a.EXPECTED["ubnd/qn_chi_thi_08.docx"]
    assert record(tmp_path, "ct.docx") == {**expected, "issuer": issuer}


# --- 4. Headers from PDF and docx text layers --------------------------------------------------


def test_pdf_header_row_with_number_place_and_date_is_split(archive):
    text = read_source(archive / "bo/bgddt_3280.pdf", archive).text
    assert "Số: 3280/BGDĐT-QLCL Hà Nội, ngày 27 tháng 8 năm 2021\n" in text
    assert record(archive, "bo/bgddt_3280.pdf")["number"] == "3280/BGDĐT-QLCL"


def test_a_long_title_stays_whole_and_stops_at_the_body(tmp_path):
    title = a.VP_TITLE + " TRONG TÌNH HÌNH DỊCH BỆNH DIỄN BIẾN PHỨC TẠP"
    assert 250 < len(title) < 300
    a.make_pdf(
        tmp_path / "tb.pdf", a.VP_ROWS, [(170, "C", "THÔNG BÁO"), (170, "C", title)],
        a.VP_TEXT, a.VP_SIGN_ROWS,
    )  # fmt: skip
    expected = a.EXPECTED["vpcp/tb_215.pdf"]
    whole = expected["title"] + " trong tình hình dịch bệnh diễn biến phức tạp"
    assert record(tmp_path, "tb.pdf") == {**expected, "title": whole}


def test_title_ends_at_a_body_without_blank_lines_in_docx(tmp_path):
    body = ["CHỈ THỊ", "VỀ TĂNG CƯỜNG PHÒNG, CHỐNG DỊCH", *a.QN_BODY[4:]]
    a.make_docx(tmp_path / "ct.docx", a.QN_LEFT, a.QN_RIGHT, body, a.QN_NOI_NHAN, a.QN_SIGN)
    assert record(tmp_path, "ct.docx") == {
        **a.EXPECTED["ubnd/qn_chi_thi_08.docx"],
        "title": "Về tăng cường phòng, chống dịch",
    }


@pytest.mark.parametrize(
    ("caps", "title"),
    [
        ("VỀ PHÒNG, CHỐNG DỊCH TRÊN ĐỊA BÀN TỈNH QUẢNG NINH NĂM 2021",
         "Về phòng, chống dịch trên địa bàn tỉnh Quảng Ninh năm 2021"),
        ("VỀ HỖ TRỢ HUYỆN BA CHẼ VÀ CÁC XÃ, PHƯỜNG CÓ DỊCH",
         "Về hỗ trợ huyện Ba Chẽ và các xã, phường có dịch"),
        ("VỀ TUYÊN TRUYỀN BẦU CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XV VÀ HĐND CÁC CẤP CỦA UBND TỈNH",
         "Về tuyên truyền bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp của UBND tỉnh"),
        ("VỀ VIỆC THỰC HIỆN KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY QUẢNG NINH VỀ CÔNG TÁC DÂN VẬN",
         "Về việc thực hiện kết luận của Ban Thường vụ Tỉnh ủy Quảng Ninh về công tác dân vận"),
    ],
)  # fmt: skip
def test_place_names_acronyms_and_session_numerals_in_a_capitals_title(tmp_path, caps, title):
    body = ["CHỈ THỊ", caps, *a.QN_BODY[4:]]
    a.make_docx(tmp_path / "ct.docx", a.QN_LEFT, a.QN_RIGHT, body, a.QN_NOI_NHAN, a.QN_SIGN)
    assert record(tmp_path, "ct.docx") == {**a.EXPECTED["ubnd/qn_chi_thi_08.docx"], "title": title}


# --- 5. News items and page furniture ----------------------------------------------------------


def test_news_page_text_is_the_article_without_its_portal(archive):
    text = read_source(archive / "tin/chi_thi_17.html", archive).text
    assert text == (
        "Thủ tướng yêu cầu siết chặt kỷ luật phòng, chống dịch tại các địa phương\n\n"
        "Thứ Năm, 05/08/2021 09:15\n\n"
        "(Chinhphu.vn) - Thủ tướng Chính phủ Lê Minh Khang vừa ký ban hành Chỉ thị số 17/CT-TTg "
        "ngày 4/8/2021 về việc siết chặt kỷ luật, kỷ cương trong phòng, chống dịch COVID-19.\n\n"
        "Chỉ thị nêu rõ, người đứng đầu cấp ủy, chính quyền các địa phương chịu trách nhiệm "
        "trước Thủ tướng Chính phủ nếu để dịch bệnh lây lan do chủ quan, lơ là.\n\n"
        "Thủ tướng yêu cầu các bộ, ngành tiếp tục thực hiện nghiêm Công điện số 1102/CĐ-TTg, "
        "bảo đảm hàng hóa thiết yếu cho người dân trong thời gian giãn cách.\n\n"
        "Phương Nhi"
    )


def test_news_page_in_windows_1258_loses_its_menus_and_other_news(archive):
    assert read_source(archive / "tin/tap_huan.htm", archive).text == (
        "Sở Y tế tổ chức hội nghị tập huấn an toàn tiêm chủng vắc xin phòng Covid-19\n\n"
        "Sáng 5/8, tại Trung tâm Kiểm soát bệnh tật tỉnh, hơn 200 cán bộ y tế cơ sở được tập "
        "huấn quy trình khám sàng lọc và xử trí phản ứng sau tiêm.\n\n"
        "Các học viên được hướng dẫn theo Kế hoạch số 97/KH-UBND về tiêm vắc xin trên địa bàn tỉnh."
    )


def test_news_page_saved_as_markdown_loses_its_menu_and_related_list(archive):
    assert read_source(archive / "tin/bac_ninh.md", archive).text == (
        "\n# UBND tỉnh Bắc Ninh yêu cầu tạm dừng các hoạt động không thiết yếu từ ngày 6/8\n\n"
        "*Thứ Năm, 05/08/2021 - 16:40*\n\n"
        "Ngày 5/8/2021, UBND tỉnh Bắc Ninh đã ban hành Công văn số 2345/UBND-KGVX về việc tạm "
        "dừng các\nhoạt động không thiết yếu để phòng, chống dịch Covid-19 trên địa bàn tỉnh.\n\n"
        "Theo đó, từ 12 giờ ngày 6/8/2021, các cơ sở kinh doanh dịch vụ không thiết yếu tạm dừng "
        "hoạt\nđộng; người dân chỉ ra khỏi nhà khi thật sự cần thiết.\n\n"
        "Nguồn: bacninh.gov.vn\n\n\n"
    )


@pytest.mark.parametrize(
    ("lede", "doc_type", "issuer", "date", "references"),
    [
        ("Ngày 5/8/2021, Bộ Y tế có Công văn số 6666/BYT-MT gửi các địa phương về việc cách ly.",
         "Công văn", "Bộ Y tế", "2021-08-05", ["6666/BYT-MT"]),
        ("Chiều 5/8, Ban Bí thư ban hành Kết luận số 12-KL/TW về công tác phòng, chống dịch.",
         "Kết luận", "Ban Bí thư", None, ["12-KL/TW"]),
        ("(TTXVN) - Chủ tịch UBND tỉnh Bắc Ninh Nguyễn Văn An vừa ký Quyết định số 88/QĐ-UBND "
         "ngày 3/8/2021 về việc giãn cách xã hội.", "Quyết định",
         "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh", "2021-08-03", ["88/QĐ-UBND"]),
        ("Chỉ thị số 17/CT-TTg ngày 4/8/2021 của Thủ tướng Chính phủ yêu cầu các địa phương "
         "siết chặt kỷ luật.", "Chỉ thị", "Thủ tướng Chính phủ", "2021-08-04", ["17/CT-TTg"]),
        ("Theo Công văn số 88/SYT-NVY của Sở Y tế tỉnh Bắc Ninh, các cơ sở phải dừng hoạt động.",
         "Công văn", "Sở Y tế tỉnh Bắc Ninh", None, ["88/SYT-NVY"]),
        ("Sáng 5/8, Sở Y tế tỉnh Bắc Ninh tổ chức hội nghị trực tuyến với các huyện.",
         None, None, None, []),
    ],
)  # fmt: skip
def test_news_item_takes_type_and_issuer_of_the_directive_it_names(
    tmp_path, lede, doc_type, issuer, date, references
):
    headline = "Tăng cường phòng, chống dịch trong tình hình mới"
    text = f"# {headline}\n\n*05/08/2021 10:30*\n\n{lede}\n\nNội dung chi tiết.\n"
    (tmp_path / "tin.md").write_text(text, encoding="utf-8")
    assert record(tmp_path, "tin.md") == {
        **a.NOTHING,
        "doc_type": doc_type,
        "issuer": issuer,
        "issued_date": date,
        "title": headline,
        "references": references,
    }


# --- A real index of the archive -----------------------------------------------------------


def test_index_of_the_archive_facets_its_types_issuers_signers_and_years(archive, tmp_path):
    report = build_index(archive, tmp_path / "ix", jobs=1)
    assert (report.added, report.skipped) == (len(a.EXPECTED), [])
    wanted = {
        name: Counter(r[name] for r in a.EXPECTED.values() if r[name])
        for name in ("doc_type", "issuer", "signer")
    }
    wanted["year"] = Counter(r["issued_date"][:4] for r in a.EXPECTED.values() if r["issued_date"])
    wanted["status"] = Counter({"active": len(a.EXPECTED)})  # none replaces another
    with Engine(tmp_path / "ix") as engine:
        results = engine.search(SearchRequest(per_page=50))
        facets = {
            name: {v.value: v.count for v in values} for name, values in results.facets.items()
        }
        assert results.total == len(a.EXPECTED)
        assert facets == {name: dict(counts) for name, counts in wanted.items()}
        chosen = engine.search(SearchRequest(issuer=["Bộ Giáo dục và Đào tạo"], doc_type=["CV"]))
        assert [hit.id for hit in chosen.results] == ["bo/bgddt_3280"]
        furniture = ['"Tin liên quan"', '"Tin cùng chuyên mục"', '"Cơ quan chủ quản"']
        assert [engine.search(SearchRequest(q=q)).total for q in furniture] == [0, 0, 0]
        news = engine.document("tin/chi_thi_17")
        assert (news.record["doc_type"], news.record["issuer"], news.references) == (
            "Chỉ thị",
            "Thủ tướng Chính phủ",
            [Reference("17/CT-TTg", None), Reference("1102/CĐ-TTg", "ttg/cd_1102")],
        )


def test_docx_header_laid_out_with_tab_stops_instead_of_a_table(tmp_path):
    # older Word files put both columns in one paragraph, separated by tabs
    header = [
        "ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH QUẢNG NINH\t\tĐộc lập - Tự do - Hạnh phúc",
        "Số: 08/CT-UBND\t\tQuảng Ninh, ngày 05 tháng 8 năm 2021",
    ]
    document = docx.Document()
    for text in [*header, *a.QN_BODY, *a.QN_NOI_NHAN, *a.QN_SIGN]:
        document.add_paragraph(text)
    document.save(str(tmp_path / "ct.docx"))
    assert record(tmp_path, "ct.docx") == a.EXPECTED["ubnd/qn_chi_thi_08.docx"]
