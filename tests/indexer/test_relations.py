"""Typed relations and sections read from real-shaped State and Party texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.metadata import extract_metadata
from indexer.metadata.relations import extract_relations
from indexer.metadata.structure import detect_sections
from indexer.pipeline import with_structure
from indexer.records import RawDocument, Relation

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "relations"


def fixture(name: str):
    path = FIXTURES / f"{name}.txt"
    raw = RawDocument(name, path.name, path.read_text(encoding="utf-8"))
    return with_structure(extract_metadata(raw))


def typed(text: str, own: str | None = None) -> list[tuple[str, str, str | None]]:
    return [(r.type, r.number, r.date) for r in extract_relations(text, own)]


def test_decision_that_replaces_one_and_amends_another_gives_exactly_those_relations():
    doc = fixture("qd_07_2022")
    assert doc.relations == [
        Relation("cites", "128/NQ-CP", "2021-10-11"),
        Relation("cites", "45/TTr-SYT", "2022-03-01"),
        Relation("replaces", "15/CT-UBND", "2020-04-02"),
        Relation("amends", "120/KH-UBND", "2021-04-05", "khoản 2 mục II"),
    ]


def test_relation_phrase_split_across_a_line_break():
    text = "Điều 2. Sửa đổi,\nbổ sung khoản 2 mục II Kế hoạch\nsố 120/KH-UBND ngày 05/4/2021."
    assert typed(text) == [("amends", "120/KH-UBND", "2021-04-05")]
    assert typed("Quyết định này thay\nthế Chỉ thị số 15/CT-UBND.") == [
        ("replaces", "15/CT-UBND", None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "thay thế Chỉ thị số 15/CT-UBND",
        "thay thế Chỉ thị 15/CT-UBND",
        "thay thế Chỉ thị Số: 15/CT-UBND",
        "THAY THẾ CHỈ THỊ SỐ 15/CT-UBND",
        "thay thế Chỉ thị số 15 / CT - UBND",
    ],
)
def test_numbers_cited_with_and_without_so(text):
    assert typed(text) == [("replaces", "15/CT-UBND", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the Party format: number with a dash, date after a comma
            "Thực hiện Chỉ thị số 05-CT/TU, ngày 01/6/2021 của Ban Thường vụ Tỉnh ủy về ...",
            [("implements", "05-CT/TU", "2021-06-01")],
        ),
        (  # Party: a Quy định replaced, a Nghị quyết carried out, the QĐi symbol
            "Quy định này thay thế Quy định số 30-QĐi/TW ngày 26/7/2016 của Ban Chấp hành "
            "Trung ương. Quán triệt, triển khai thực hiện Nghị quyết số 05-NQ/TW, ngày "
            "01/11/2016 của Hội nghị Trung ương 4 khóa XII.",
            [("replaces", "30-QĐi/TW", "2016-07-26"), ("implements", "05-NQ/TW", "2016-11-01")],
        ),
        (
            "Ban Tuyên giáo Tỉnh ủy hướng dẫn thực hiện Chỉ thị 05-CT/TU như sau:",
            [("guides", "05-CT/TU", None)],
        ),
        (
            "KẾ HOẠCH\nTriển khai thực hiện Kết luận số 07-KL/TW ngày 11 tháng 6 năm 2021",
            [("implements", "07-KL/TW", "2021-06-11")],
        ),
        (
            "Bãi bỏ Quyết định số 12/2019/QĐ-UBND ngày 3/4/2019 và Quyết định số 13/2019/QĐ-UBND.",
            [("repeals", "12/2019/QĐ-UBND", "2019-04-03"), ("repeals", "13/2019/QĐ-UBND", None)],
        ),
        (
            "Huỷ bỏ Quyết định số 30/QĐ-UBND.",  # old tone placement
            [("repeals", "30/QĐ-UBND", None)],
        ),
        (
            "Quyết định số 20/2019/QĐ-UBND ngày 12/8/2019 của UBND tỉnh hết hiệu lực từ ngày ký.",
            [("repeals", "20/2019/QĐ-UBND", "2019-08-12")],
        ),
        (
            "Chỉ thị số 05-CT/TU ngày 1/2/2020 của Ban Thường vụ được thay thế bằng Chỉ thị này.",
            [("replaces", "05-CT/TU", "2020-02-01")],
        ),
        (  # one trigger, a list of numbers with their dates and issuers
            "Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị và Công điện số "
            "1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ, Tỉnh ủy yêu cầu:",
            [("implements", "07-KL/TW", "2021-06-11"), ("implements", "1102/CĐ-TTg", "2021-08-23")],
        ),
        (  # "theo ... hướng dẫn" cites; the trigger after it governs its own number
            "Theo hướng dẫn của Bộ Y tế tại Công văn số 5599/BYT-MT, Sở Y tế hướng dẫn thực hiện "
            "Quyết định 2686/QĐ-BCĐQG như sau:",
            [("cites", "5599/BYT-MT", None), ("guides", "2686/QĐ-BCĐQG", None)],
        ),
        (  # a relation in a cited document's subject is that document's, not this one's
            "Căn cứ Kế hoạch số 120/KH-UBND ngày 5/4/2021 của UBND tỉnh về triển khai thực hiện "
            "Chỉ thị số 15/CT-TTg;",
            [("cites", "120/KH-UBND", "2021-04-05"), ("cites", "15/CT-TTg", None)],
        ),
        (  # ... and so is one after a number in a citation
            "Căn cứ Quyết định số 07/2022/QĐ-UBND ngày 15/3/2022 của UBND tỉnh thay thế Chỉ "
            "thị số 15/CT-UBND; Trên cơ sở kết quả kiểm tra, UBND tỉnh bãi bỏ Quyết định số "
            "20/2019/QĐ-UBND.",
            [
                ("cites", "07/2022/QĐ-UBND", "2022-03-15"),
                ("cites", "15/CT-UBND", None),
                ("repeals", "20/2019/QĐ-UBND", None),
            ],
        ),
        (  # passive "được thực hiện" is not this document carrying something out (a law)
            "Giao dịch dân sự đang được thực hiện mà có nội dung, hình thức khác với quy định "
            "của Bộ luật này thì áp dụng quy định của Bộ luật dân sự số 33/2005/QH11;",
            [("cites", "33/2005/QH11", None)],
        ),
        (  # "kèm theo" is not "theo"
            "Sửa đổi Điều 4 Quy chế ban hành kèm theo Quyết định số 20/2019/QĐ-UBND.",
            [("amends", "20/2019/QĐ-UBND", None)],
        ),
        (  # a trigger too far from the number, past a comma-laden list, does not reach it
            "Các cấp ủy tiếp tục quán triệt và tổ chức triển khai thực hiện nghiêm túc, quyết "
            "liệt, có hiệu quả chỉ đạo của Bộ Chính trị, Ban Bí thư, Chính phủ, Thủ tướng Chính "
            "phủ, Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19, đặc biệt là Kết luận số "
            "07-KL/TW, ngày 11/6/2021 của Bộ Chính trị",
            [("cites", "07-KL/TW", "2021-06-11")],
        ),
    ],
)
def test_relation_phrasings(text, expected):
    assert typed(text) == expected


def test_pointing_back_to_documents_cited_earlier_by_type():
    text = (
        "Ngày 24/8/2021, Văn phòng Trung ương Đảng ban hành Thông báo số 10- TB/VPTW thông báo "
        "kết luận, Công điện số 1102/CĐ-TTg, ngày 23/8/2021 của Thủ tướng Chính phủ về tăng "
        "cường các biện pháp phòng chống COVID-19. Để triển khai thực hiện tốt Thông báo kết "
        "luận và Công điện nêu trên, Thường trực Tỉnh ủy yêu cầu ..."
    )
    assert typed(text) == [
        ("implements", "10-TB/VPTW", None),
        ("implements", "1102/CĐ-TTg", "2021-08-23"),
    ]


def test_own_number_is_never_a_relation():
    text = "Số: 07/2022/QĐ-UBND\nQuyết định này thay thế Quyết định số 07/2022/QĐ-UBND."
    assert typed(text, own="07/2022/QĐ-UBND") == []


def test_a_number_both_cited_and_typed_keeps_only_the_typed_relation():
    text = "Căn cứ Chỉ thị số 15/CT-UBND; Quyết định này thay thế Chỉ thị số 15/CT-UBND."
    assert typed(text) == [("replaces", "15/CT-UBND", None)]


def test_relations_of_the_sample_archive():
    # seed 004 implements the Thông báo and Công điện it names and "nêu trên"
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    raw = (corpus / "004_f7e6265e96402aee.txt").read_text(encoding="utf-8")
    doc = with_structure(extract_metadata(RawDocument("004", "004.txt", raw)))
    assert [(r.type, r.number) for r in doc.relations] == [
        ("implements", "10-TB/VPTW"),
        ("implements", "1102/CĐ-TTg"),
        ("implements", "188-CV/TU"),
    ]


# --- Sections ---------------------------------------------------------------------------


def test_articles_clauses_and_points_of_a_decision():
    doc = fixture("qd_07_2022")
    assert [(s.kind, s.path, s.anchor, s.level) for s in doc.sections] == [
        ("article", "Điều 1", "dieu-1", 1),
        ("article", "Điều 2", "dieu-2", 1),
        ("clause", "Điều 2, khoản 1", "dieu-2-khoan-1", 0),
        ("clause", "Điều 2, khoản 2", "dieu-2-khoan-2", 0),
        ("article", "Điều 3", "dieu-3", 1),
    ]
    assert doc.sections[1].title == "Hiệu lực thi hành"
    assert doc.body[doc.sections[1].start :].startswith("Điều 2. Hiệu lực")


def test_roman_parts_and_numbered_items_of_a_plan():
    doc = fixture("kh_120_2021")
    assert [(s.path, " ".join(s.title.split()[:3]), s.level) for s in doc.sections][:3] == [
        ("Phần I", "MỤC ĐÍCH, YÊU", 1),
        ("Phần I, mục 1", "Từng bước phục", 2),
        ("Phần I, mục 2", "Các cơ sở", 2),
    ]
    assert [s.label for s in doc.sections if s.level == 1] == ["Phần I", "Phần II", "Phần III"]


def test_parts_chapters_and_markdown_headings():
    text = (
        "# PHẦN THỨ NHẤT\nTÌNH HÌNH\n\n**Chương I**\nNHỮNG QUY ĐỊNH CHUNG\n\n"
        "**Điều 1.** Phạm vi điều chỉnh\n1. Quy định này áp dụng...\na) cơ quan nhà nước;\n"
        "b) tổ chức chính trị - xã hội.\n\nChương II\nQUY ĐỊNH CỤ THỂ\nĐiều 2: Trách nhiệm\n"
    )
    assert [(s.path, s.title, s.level) for s in detect_sections(text)] == [
        ("Phần thứ nhất", "TÌNH HÌNH", 1),
        ("Phần thứ nhất, Chương I", "NHỮNG QUY ĐỊNH CHUNG", 2),
        ("Phần thứ nhất, Chương I, Điều 1", "Phạm vi điều chỉnh", 3),
        ("Phần thứ nhất, Chương I, Điều 1, khoản 1", "Quy định này áp dụng...", 0),
        ("Phần thứ nhất, Chương I, Điều 1, khoản 1, điểm a", "cơ quan nhà nước;", 0),
        ("Phần thứ nhất, Chương I, Điều 1, khoản 1, điểm b", "tổ chức chính trị - xã hội.", 0),
        ("Phần thứ nhất, Chương II", "QUY ĐỊNH CỤ THỂ", 2),
        ("Phần thứ nhất, Chương II, Điều 2", "Trách nhiệm", 3),
    ]


def test_dates_and_numbers_at_line_starts_are_not_sections():
    text = "Ngày 21/7/2021, Tỉnh ủy.\n2021. Năm bản lề\n15/CT-UBND ngày 2/4/2020\nĐiều 2 của Luật"
    assert detect_sections(text) == []


def scoped(text: str, own: str | None = None) -> list[tuple[str, str, str | None]]:
    return [(r.type, r.number, r.scope) for r in extract_relations(text, own)]


@pytest.mark.parametrize(
    "text",
    [
        "Điều 1. Bãi bỏ toàn bộ các văn bản sau đây:\n"
        "1. Quyết định số 12/2016/QĐ-UBND ngày 5/4/2016 của UBND tỉnh ban hành Quy định về "
        "quản lý chợ;\n2. Quyết định số 30/2017/QĐ-UBND ngày 20/9/2017 của UBND tỉnh;\n"
        "3. Chỉ thị số 04/CT-UBND ngày 02/3/2018 của Chủ tịch UBND tỉnh.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        # markdown: a blank line after every item; a PDF text layer wraps an item
        "Ban Thường vụ thống nhất bãi bỏ các văn bản sau:\n\n- Quyết định số 12/2016/QĐ-UBND "
        "ngày 5/4/2016 của UBND tỉnh ban hành Quy định\nvề quản lý chợ;\n\n"
        "- Quyết định số 30/2017/QĐ-UBND;\n\n- Chỉ thị số 04/CT-UBND.\n\nCác cấp ủy thực hiện.",
        # Word's automatic numbering is not text: unmarked items, one a line
        "Bãi bỏ các văn bản sau đây:\nQuyết định số 12/2016/QĐ-UBND của UBND tỉnh;\n"
        "Quyết định số 30/2017/QĐ-UBND của UBND tỉnh;\nChỉ thị số 04/CT-UBND.",
    ],
)
def test_a_repeal_governs_the_list_after_its_colon(text):
    assert scoped(text) == [
        ("repeals", "12/2016/QĐ-UBND", None),
        ("repeals", "30/2017/QĐ-UBND", None),
        ("repeals", "04/CT-UBND", None),
    ]


def test_a_list_ends_where_its_items_end():
    text = (
        "Bãi bỏ các văn bản sau:\n- Công văn số 112-CV/HU;\n- Hướng dẫn số 03-HD/HU.\n"
        "Các cấp ủy tiếp tục thực hiện Chỉ thị số 05-CT/TW. Căn cứ Công văn số 9-CV/TU."
    )
    assert scoped(text) == [
        ("repeals", "112-CV/HU", None),
        ("repeals", "03-HD/HU", None),
        ("implements", "05-CT/TW", None),
        ("cites", "9-CV/TU", None),
    ]


def test_a_partial_repeal_names_its_scope_and_leaves_the_document_in_force():
    text = (
        "Điều 2. Bãi bỏ khoản 4 Điều 15 của Quy định về quản lý hoạt động thoát nước ban "
        "hành kèm theo Quyết định số 20/2020/QĐ-UBND ngày 15/7/2020 của UBND thành phố."
    )
    assert scoped(text) == [("partly_repeals", "20/2020/QĐ-UBND", "khoản 4 Điều 15")]
    replaced = scoped("Thay thế điểm a khoản 2 Điều 5 Quyết định số 9/2021/QĐ-UBND.")
    assert replaced == [("amends", "9/2021/QĐ-UBND", "điểm a khoản 2 Điều 5")]


def test_the_amending_formula_reaches_past_a_long_regulation_name():
    title = (
        "Sửa đổi, bổ sung một số điều của Quy chế phối hợp quản lý nhà nước về an toàn thực "
        "phẩm trên địa bàn thành phố Đà Nẵng ban hành kèm theo Quyết định số 20/2020/QĐ-UBND "
        "ngày 15 tháng 7 năm 2020 của Ủy ban nhân dân thành phố"
    )
    assert scoped(title) == [("amends", "20/2020/QĐ-UBND", "một số điều")]
    rest = (
        " như sau:\n1. Sửa đổi khoản 2 Điều 5.\nĐiều 2. Bãi bỏ khoản 4 Điều 15 của Quy chế "
        "ban hành kèm theo Quyết định số 20/2020/QĐ-UBND."
    )
    both = scoped(title + rest)
    assert both == [
        ("amends", "20/2020/QĐ-UBND", "một số điều"),
        ("partly_repeals", "20/2020/QĐ-UBND", "khoản 4 Điều 15"),
    ]


def test_a_new_clause_ends_a_triggers_reach():
    text = (
        "Thực hiện chủ trương của Ban Thường vụ Tỉnh ủy về chuyển đổi số trong các cơ quan "
        "nhà nước trên địa bàn tỉnh giai đoạn 2021-2025, Ủy ban nhân dân tỉnh đã ban hành "
        "Kế hoạch số 12/KH-UBND."
    )
    assert scoped(text) == [("cites", "12/KH-UBND", None)]


def test_a_cited_titles_own_amendment_is_not_this_documents():
    text = (
        "Điều 2. Quyết định này thay thế Quyết định số 45/2021/QĐ-UBND ngày 10 tháng 8 năm "
        "2021 của Ủy ban nhân dân tỉnh sửa đổi, bổ sung Quyết định số 12/2019/QĐ-UBND ngày "
        "01/4/2019 về quản lý thoát nước."
    )
    assert scoped(text) == [
        ("replaces", "45/2021/QĐ-UBND", None),
        ("cites", "12/2019/QĐ-UBND", None),
    ]
    # "và" starts this document's own second relation
    text = "Thay thế Quyết định số 45/2021/QĐ-UBND và bãi bỏ Quyết định số 12/2019/QĐ-UBND."
    assert scoped(text) == [
        ("replaces", "45/2021/QĐ-UBND", None),
        ("repeals", "12/2019/QĐ-UBND", None),
    ]


def test_a_list_of_documents_that_cease_to_have_effect():
    text = (
        "Điều 3. Các văn bản sau đây hết hiệu lực thi hành:\n"
        "1. Quyết định số 12/2016/QĐ-UBND ngày 5/4/2016 của UBND tỉnh;\n"
        "2. Quyết định số 30/2017/QĐ-UBND ngày 20/9/2017 của UBND tỉnh.\n"
        "Điều 4. Chánh Văn phòng chịu trách nhiệm thi hành."
    )
    assert scoped(text) == [
        ("repeals", "12/2016/QĐ-UBND", None),
        ("repeals", "30/2017/QĐ-UBND", None),
    ]


def test_scopes_of_several_parts_and_of_each_document():
    text = "Bãi bỏ Điều 5, Điều 6 của Quy định ban hành kèm theo Quyết định số 12/2019/QĐ-UBND."
    assert scoped(text) == [("partly_repeals", "12/2019/QĐ-UBND", "Điều 5, Điều 6")]
    text = (
        "Bãi bỏ khoản 2 Điều 3 Quyết định số 12/2019/QĐ-UBND và khoản 1 Điều 4 Quyết định "
        "số 13/2019/QĐ-UBND."
    )
    assert scoped(text) == [
        ("partly_repeals", "12/2019/QĐ-UBND", "khoản 2 Điều 3"),
        ("partly_repeals", "13/2019/QĐ-UBND", "khoản 1 Điều 4"),
    ]


def test_a_list_on_the_colons_line_cut_at_semicolons():
    text = (
        "Bãi bỏ các Quyết định: số 12/2019/QĐ-UBND ngày 1/2/2019; số 13/2019/QĐ-UBND và số "
        "14/2019/QĐ-UBND. Căn cứ Quyết định số 15/2019/QĐ-UBND."
    )
    assert scoped(text) == [
        ("repeals", "12/2019/QĐ-UBND", None),
        ("repeals", "13/2019/QĐ-UBND", None),
        ("repeals", "14/2019/QĐ-UBND", None),
        ("cites", "15/2019/QĐ-UBND", None),
    ]
    party = (
        "Nghị quyết này thay thế Nghị quyết số 26-NQ/TU và bãi bỏ điểm 3 mục II Kết luận "
        "số 15-KL/TU."
    )
    assert scoped(party) == [
        ("replaces", "26-NQ/TU", None),
        ("partly_repeals", "15-KL/TU", "điểm 3 mục II"),
    ]
