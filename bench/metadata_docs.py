"""The documents of the metadata benchmark (``bench/metadata.py``) and their true metadata.

Twelve documents as Vietnamese offices write them (State: cơ quan | quốc hiệu in two
columns; Party: ĐẢNG CỘNG SẢN VIỆT NAM), each with what a reader must get out of it. They
carry the layouts the archives hold: repeals in a numbered or bulleted list, partial
repeals and the standard amending formula (``Sửa đổi, bổ sung một số điều của Quy chế ...
ban hành kèm theo Quyết định số ...``), a cited title that amends something itself, joint
documents (HDLT) with two issuers and two signature blocks, a Party resolution whose title
has a long ``về ...`` line, a trích yếu over 230 characters, a signature before an annexed
regulation, a signer named Lưu, KT./TM./TL./TUQ./Q. capacities, a date with its day left
blank. ``bench/metadata_render.py`` writes each in every format tracuu reads.

Truth: ``relations`` are ``(type, number, scope)`` (scope None: the whole document);
``issuer``, ``signer``, ``signer_title`` and ``capacity`` are lists (joint documents have
two); ``capacity`` is what the signer signs as (``TM. Ủy ban nhân dân, KT. Chủ tịch``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATE_MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
PARTY_MOTTO = ["ĐẢNG CỘNG SẢN VIỆT NAM"]


@dataclass
class Spec:
    """One document: header columns, heading, body, signature blocks, annex; and truth."""

    name: str
    style: str  # state | party
    left: list[str]  # issuer lines (capitals), separator, number, V/v lines
    date: str
    heading: list[str]  # type heading and title lines ([] for a công văn)
    body: list[str]
    signs: list[list[str]]  # one or two blocks, each ending with the name
    truth: dict
    recipients: list[str] = field(
        default_factory=lambda: ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    )
    annex: list[str] = field(default_factory=list)
    held_out: bool = False  # written after the extraction was tuned on the others

    @property
    def right(self) -> list[str]:
        motto = STATE_MOTTO if self.style == "state" else PARTY_MOTTO
        return [*motto, "---------------" if self.style == "state" else "", self.date]


def _articles(count: int) -> list[str]:
    """An annexed regulation's articles: long enough to push its signature far up."""
    out = []
    for n in range(1, count + 1):
        out += [
            f"Điều {n}. Quy định thứ {n} về quản lý hoạt động thoát nước",
            f"1. Tổ chức, cá nhân có hoạt động thoát nước tuân thủ quy chuẩn kỹ thuật thứ {n}.",
            "2. Đơn vị quản lý vận hành kiểm tra định kỳ hệ thống thoát nước mỗi quý.",
        ]
    return out


_LONG_SUBJECT = (
    "triển khai thực hiện các giải pháp cấp bách phòng, chống dịch tả lợn châu Phi, cúm gia "
    "cầm và các dịch bệnh nguy hiểm khác trên đàn gia súc, gia cầm, bảo đảm nguồn cung thực "
    "phẩm an toàn cho thị trường trong dịp Tết Nguyên đán Giáp Thìn năm 2024 trên địa bàn tỉnh"
)
_RESOLUTION_TITLE = (
    "về phát triển kinh tế biển gắn với bảo đảm quốc phòng, an ninh và bảo vệ môi trường "
    "sinh thái vùng ven biển tỉnh Quảng Nam đến năm 2030, tầm nhìn đến năm 2045"
)
_QC_TITLE = (
    "Sửa đổi, bổ sung một số điều của Quy chế phối hợp quản lý nhà nước về an toàn thực "
    "phẩm trên địa bàn thành phố Đà Nẵng ban hành kèm theo Quyết định số 20/2020/QĐ-UBND "
    "ngày 15 tháng 7 năm 2020 của Ủy ban nhân dân thành phố"
)
_CLOSING = "Điều 3. Chánh Văn phòng và Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm thi hành./."

SPECS = [
    Spec(
        "ct_05_nghe_an", "state",
        ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "-------", "Số: 05/CT-UBND"],
        "Nghệ An, ngày 12 tháng 3 năm 2024",
        ["CHỈ THỊ", "Về tăng cường công tác phòng, chống dịch bệnh cúm gia cầm trên địa bàn tỉnh"],
        [
            "Thực hiện Công điện số 123/CĐ-TTg ngày 02/3/2024 của Thủ tướng Chính phủ, để chủ "
            "động ngăn chặn dịch bệnh, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:",
            "1. Sở Nông nghiệp và Phát triển nông thôn chủ trì giám sát dịch bệnh tại cơ sở.",
            "2. Ủy ban nhân dân các huyện tổ chức tiêu độc, khử trùng môi trường chăn nuôi.",
            "Chỉ thị này thay thế Chỉ thị số 15/CT-UBND ngày 10/4/2020 của Ủy ban nhân dân tỉnh.",
        ],
        [["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Lê Hồng Vinh"]],
        {
            "number": "05/CT-UBND", "doc_type": "Chỉ thị", "issued_date": "2024-03-12",
            "issuer": ["Ủy ban nhân dân tỉnh Nghệ An"],
            "title": "Về tăng cường công tác phòng, chống dịch bệnh cúm gia cầm trên địa bàn tỉnh",
            "subject": None, "signer": ["Lê Hồng Vinh"], "signer_title": ["Phó Chủ tịch"],
            "capacity": ["TM. Ủy ban nhân dân, KT. Chủ tịch"],
            "relations": [("implements", "123/CĐ-TTg", None), ("replaces", "15/CT-UBND", None)],
        },
    ),
    Spec(
        "qd_08_quang_tri", "state",
        ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "-------", "Số: 08/2024/QĐ-UBND"],
        "Quảng Trị, ngày 05 tháng 3 năm 2024",
        ["QUYẾT ĐỊNH", "Về việc bãi bỏ một số văn bản quy phạm pháp luật do Ủy ban nhân dân "
         "tỉnh ban hành"],
        [
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Theo đề nghị của Giám đốc Sở Tư pháp.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Bãi bỏ toàn bộ các văn bản sau đây:",
            "1. Quyết định số 12/2016/QĐ-UBND ngày 5/4/2016 của Ủy ban nhân dân tỉnh ban hành "
            "Quy định về quản lý chợ trên địa bàn tỉnh;",
            "2. Quyết định số 30/2017/QĐ-UBND ngày 20/9/2017 của Ủy ban nhân dân tỉnh quy định "
            "giá dịch vụ trông giữ xe;",
            "3. Chỉ thị số 04/CT-UBND ngày 02/3/2018 của Chủ tịch Ủy ban nhân dân tỉnh.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024.",
            _CLOSING,
        ],
        [["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lưu Đức Thắng"]],
        {
            "number": "08/2024/QĐ-UBND", "doc_type": "Quyết định", "issued_date": "2024-03-05",
            "issuer": ["Ủy ban nhân dân tỉnh Quảng Trị"],
            "title": "Về việc bãi bỏ một số văn bản quy phạm pháp luật do Ủy ban nhân dân tỉnh "
            "ban hành",
            "subject": None, "signer": ["Lưu Đức Thắng"], "signer_title": ["Chủ tịch"],
            "capacity": ["TM. Ủy ban nhân dân"],
            "relations": [
                ("repeals", "12/2016/QĐ-UBND", None), ("repeals", "30/2017/QĐ-UBND", None),
                ("repeals", "04/CT-UBND", None),
            ],
        },
        recipients=["Nơi nhận:", "- Như Điều 3;", "- Bộ Tư pháp (Cục KTVB);", "- Lưu: VT, NC."],
    ),
    Spec(
        "qd_15_da_nang", "state",
        ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG", "-------", "Số: 15/2024/QĐ-UBND"],
        "Đà Nẵng, ngày 20 tháng 5 năm 2024",
        ["QUYẾT ĐỊNH", _QC_TITLE],
        [
            "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG",
            "Căn cứ Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010;",
            "QUYẾT ĐỊNH:",
            "Điều 1. " + _QC_TITLE + " như sau:",
            "1. Sửa đổi khoản 2 Điều 5 như sau: “2. Sở Y tế là cơ quan đầu mối phối hợp.”",
            "2. Bổ sung Điều 7a vào sau Điều 7 như sau: “Điều 7a. Chia sẻ thông tin”.",
            "Điều 2. Bãi bỏ khoản 4 Điều 15 của Quy chế ban hành kèm theo Quyết định số "
            "20/2020/QĐ-UBND.",
            _CLOSING,
        ],
        [["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Chí Cường"]],
        {
            "number": "15/2024/QĐ-UBND", "doc_type": "Quyết định", "issued_date": "2024-05-20",
            "issuer": ["Ủy ban nhân dân thành phố Đà Nẵng"], "title": _QC_TITLE,
            "subject": None, "signer": ["Trần Chí Cường"], "signer_title": ["Phó Chủ tịch"],
            "capacity": ["TM. Ủy ban nhân dân, KT. Chủ tịch"],
            "relations": [
                ("amends", "20/2020/QĐ-UBND", "một số điều"),
                ("repeals", "20/2020/QĐ-UBND", "khoản 4 Điều 15"),
            ],
        },
    ),
    Spec(
        "qd_22_binh_dinh", "state",
        ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH ĐỊNH", "-------", "Số: 22/2024/QĐ-UBND"],
        "Bình Định, ngày 02 tháng 7 năm 2024",
        ["QUYẾT ĐỊNH", "Ban hành Quy định về quản lý hoạt động thoát nước trên địa bàn tỉnh"],
        [
            "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH",
            "Căn cứ Nghị định số 80/2014/NĐ-CP ngày 06 tháng 8 năm 2014 của Chính phủ;",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý hoạt động thoát nước "
            "trên địa bàn tỉnh.",
            "Điều 2. Quyết định này thay thế Quyết định số 45/2021/QĐ-UBND ngày 10 tháng 8 năm "
            "2021 của Ủy ban nhân dân tỉnh sửa đổi, bổ sung Quyết định số 12/2019/QĐ-UBND ngày "
            "01/4/2019 về quản lý thoát nước.",
            _CLOSING,
        ],
        [["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Tự Công Hoàng"]],
        {
            "number": "22/2024/QĐ-UBND", "doc_type": "Quyết định", "issued_date": "2024-07-02",
            "issuer": ["Ủy ban nhân dân tỉnh Bình Định"],
            "title": "Ban hành Quy định về quản lý hoạt động thoát nước trên địa bàn tỉnh",
            "subject": None, "signer": ["Nguyễn Tự Công Hoàng"],
            "signer_title": ["Phó Chủ tịch"], "capacity": ["TM. Ủy ban nhân dân, KT. Chủ tịch"],
            "relations": [
                ("cites", "80/2014/NĐ-CP", None), ("replaces", "45/2021/QĐ-UBND", None),
                ("cites", "12/2019/QĐ-UBND", None),
            ],
        },
        annex=[
            "ỦY BAN NHÂN DÂN", "TỈNH BÌNH ĐỊNH", "",
            "QUY ĐỊNH", "Về quản lý hoạt động thoát nước trên địa bàn tỉnh",
            "(Ban hành kèm theo Quyết định số 22/2024/QĐ-UBND ngày 02/7/2024 của Ủy ban nhân "
            "dân tỉnh)", "",
            "Chương I", "QUY ĐỊNH CHUNG", *_articles(24),
        ],
    ),
    Spec(
        "nq_12_quang_nam", "party",
        ["TỈNH ỦY QUẢNG NAM", "*", "Số 12-NQ/TU"],
        "Quảng Nam, ngày 20 tháng 4 năm 2023",
        ["NGHỊ QUYẾT", "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", _RESOLUTION_TITLE, "-----"],
        [
            "Thực hiện Nghị quyết số 36-NQ/TW ngày 22/10/2018 của Ban Chấp hành Trung ương "
            "Đảng về Chiến lược phát triển bền vững kinh tế biển Việt Nam, Ban Chấp hành Đảng "
            "bộ tỉnh ban hành Nghị quyết với các nội dung sau:",
            "I. TÌNH HÌNH",
            "Kinh tế biển của tỉnh phát triển khá, đóng góp quan trọng vào tăng trưởng.",
            "II. MỤC TIÊU",
            "Nghị quyết này sửa đổi, bổ sung khoản 2 mục II Nghị quyết số 05-NQ/TU ngày "
            "01/6/2021 của Ban Chấp hành Đảng bộ tỉnh.",
        ],
        [["T/M TỈNH ỦY", "BÍ THƯ", "", "Lương Nguyễn Minh Triết"]],
        {
            "number": "12-NQ/TU", "doc_type": "Nghị quyết", "issued_date": "2023-04-20",
            "issuer": ["Tỉnh ủy Quảng Nam"],
            "title": "Của Ban Chấp hành Đảng bộ tỉnh " + _RESOLUTION_TITLE,
            "subject": None, "signer": ["Lương Nguyễn Minh Triết"], "signer_title": ["Bí thư"],
            "capacity": ["TM. Tỉnh ủy"],
            "relations": [
                ("implements", "36-NQ/TW", None), ("amends", "05-NQ/TU", "khoản 2 mục II"),
            ],
        },
        recipients=["Nơi nhận:", "- Ban Bí thư Trung ương Đảng,", "- Lưu Văn phòng Tỉnh ủy."],
    ),
    Spec(
        "hdlt_02_thanh_hoa", "party",
        ["TỈNH ỦY THANH HÓA", "BAN TUYÊN GIÁO - BAN DÂN VẬN", "*", "Số 02-HDLT/BTG-BDV"],
        "Thanh Hóa, ngày 06 tháng 5 năm 2023",
        ["HƯỚNG DẪN LIÊN TỊCH", "tuyên truyền kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra "
         "Lời kêu gọi thi đua ái quốc"],
        [
            "Thực hiện Hướng dẫn số 105-HD/BTGTW ngày 02/4/2023 của Ban Tuyên giáo Trung ương, "
            "Ban Tuyên giáo và Ban Dân vận Tỉnh ủy hướng dẫn như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Tuyên truyền sâu rộng ý nghĩa lịch sử của Lời kêu gọi thi đua ái quốc.",
            "II. NỘI DUNG",
            "Các cấp ủy tổ chức các hoạt động thi đua thiết thực, tiết kiệm.",
        ],
        [
            ["T/M BAN DÂN VẬN", "PHÓ TRƯỞNG BAN", "", "Lê Thị Hoa"],
            ["T/M BAN TUYÊN GIÁO", "TRƯỞNG BAN", "", "Đào Xuân Yên"],
        ],
        {
            "number": "02-HDLT/BTG-BDV", "doc_type": "Hướng dẫn liên tịch",
            "issued_date": "2023-05-06",
            "issuer": ["Ban Tuyên giáo Tỉnh ủy Thanh Hóa", "Ban Dân vận Tỉnh ủy Thanh Hóa"],
            "title": "Tuyên truyền kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi "
            "đua ái quốc",
            "subject": None, "signer": ["Lê Thị Hoa", "Đào Xuân Yên"],
            "signer_title": ["Phó Trưởng ban", "Trưởng ban"],
            "capacity": ["TM. Ban Dân vận", "TM. Ban Tuyên giáo"],
            "relations": [("implements", "105-HD/BTGTW", None)],
        },
    ),
    Spec(
        "hdlt_01_bac_giang", "state",
        ["UBND TỈNH BẮC GIANG", "SỞ Y TẾ - SỞ GIÁO DỤC VÀ ĐÀO TẠO", "-------",
         "Số: 01/HDLT-SYT-SGDĐT"],
        "Bắc Giang, ngày 15 tháng 9 năm 2023",
        ["HƯỚNG DẪN LIÊN TỊCH", "Công tác y tế trường học năm học 2023-2024"],
        [
            "Căn cứ Thông tư liên tịch số 13/2016/TTLT-BYT-BGDĐT ngày 12/5/2016 của Bộ Y tế và "
            "Bộ Giáo dục và Đào tạo quy định về công tác y tế trường học;",
            "Sở Y tế và Sở Giáo dục và Đào tạo hướng dẫn công tác y tế trường học như sau:",
            "1. Kiểm tra sức khỏe học sinh đầu năm học.",
            "2. Bảo đảm vệ sinh an toàn thực phẩm tại bếp ăn tập thể.",
        ],
        [
            ["KT. GIÁM ĐỐC", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "PHÓ GIÁM ĐỐC", "", "Phạm Văn Thái"],
            ["Q. GIÁM ĐỐC", "SỞ Y TẾ", "", "Nguyễn Văn Lưu"],
        ],
        {
            "number": "01/HDLT-SYT-SGDĐT", "doc_type": "Hướng dẫn liên tịch",
            "issued_date": "2023-09-15",
            "issuer": ["Sở Y tế tỉnh Bắc Giang", "Sở Giáo dục và Đào tạo tỉnh Bắc Giang"],
            "title": "Công tác y tế trường học năm học 2023-2024", "subject": None,
            "signer": ["Phạm Văn Thái", "Nguyễn Văn Lưu"],
            "signer_title": ["Phó Giám đốc", "Quyền Giám đốc Sở Y tế"],
            "capacity": ["KT. Giám đốc Sở Giáo dục và Đào tạo", "Q. Giám đốc Sở Y tế"],
            "relations": [("cites", "13/2016/TTLT-BYT-BGDĐT", None)],
        },
    ),
    Spec(
        "cv_1234_long_an", "state",
        ["ỦY BAN NHÂN DÂN", "TỈNH LONG AN", "-------", "Số: 1234/UBND-KT", f"V/v {_LONG_SUBJECT}"],
        "Long An, ngày 08 tháng 01 năm 2024",
        [],
        [
            "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn; Ủy ban nhân dân các huyện.",
            "Thực hiện Kế hoạch số 45/KH-BNN-TY ngày 03/01/2024 của Bộ Nông nghiệp và Phát "
            "triển nông thôn, Ủy ban nhân dân tỉnh chỉ đạo các đơn vị triển khai ngay các giải "
            "pháp phòng, chống dịch bệnh trên đàn vật nuôi./.",
        ],
        [["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Huỳnh Văn Quang Hưng"]],
        {
            "number": "1234/UBND-KT", "doc_type": "Công văn", "issued_date": "2024-01-08",
            "issuer": ["Ủy ban nhân dân tỉnh Long An"], "title": None, "subject": _LONG_SUBJECT,
            "signer": ["Huỳnh Văn Quang Hưng"], "signer_title": ["Chánh Văn phòng"],
            "capacity": ["TL. Chủ tịch"], "relations": [("implements", "45/KH-BNN-TY", None)],
        },
    ),
    Spec(
        "cv_2345_btc", "state",
        ["BỘ TÀI CHÍNH", "-------", "Số: 2345/BTC-NSNN", "V/v hướng dẫn thực hiện điều chỉnh "
         "lương cơ sở"],
        "Hà Nội, ngày 15 tháng 7 năm 2024",
        [],
        [
            "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
            "Bộ Tài chính hướng dẫn thực hiện Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của "
            "Chính phủ như sau:",
            "1. Các địa phương sử dụng nguồn cải cách tiền lương còn dư để chi trả.",
            "Công văn này thay thế Công văn số 1500/BTC-NSNN ngày 02/02/2024 của Bộ Tài chính.",
        ],
        [["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Võ Thành Hưng"]],
        {
            "number": "2345/BTC-NSNN", "doc_type": "Công văn", "issued_date": "2024-07-15",
            "issuer": ["Bộ Tài chính"], "title": None,
            "subject": "hướng dẫn thực hiện điều chỉnh lương cơ sở",
            "signer": ["Võ Thành Hưng"], "signer_title": ["Thứ trưởng"],
            "capacity": ["KT. Bộ trưởng"],
            "relations": [("guides", "73/2024/NĐ-CP", None), ("replaces", "1500/BTC-NSNN", None)],
        },
    ),
    Spec(
        "kl_25_can_loc", "party",
        ["ĐẢNG BỘ TỈNH HÀ TĨNH", "HUYỆN ỦY CAN LỘC", "*", "Số 25-KL/HU"],
        "Can Lộc, ngày 03 tháng 10 năm 2023",
        ["KẾT LUẬN", "của Ban Thường vụ Huyện ủy về rà soát văn bản của cấp ủy"],
        [
            "Ban Thường vụ Huyện ủy thống nhất bãi bỏ các văn bản sau:",
            "- Công văn số 112-CV/HU ngày 05/3/2020 của Ban Thường vụ Huyện ủy về phòng dịch;",
            "- Kế hoạch số 45-KH/HU ngày 10/5/2021 của Ban Thường vụ Huyện ủy;",
            "- Hướng dẫn số 03-HD/HU ngày 01/6/2021 của Ban Tuyên giáo Huyện ủy.",
            "Các cấp ủy tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.",
        ],
        [["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Lưu Thị Minh Nguyệt"]],
        {
            "number": "25-KL/HU", "doc_type": "Kết luận", "issued_date": "2023-10-03",
            "issuer": ["Huyện ủy Can Lộc"],
            "title": "Của Ban Thường vụ Huyện ủy về rà soát văn bản của cấp ủy", "subject": None,
            "signer": ["Lưu Thị Minh Nguyệt"], "signer_title": ["Phó Bí thư Thường trực"],
            "capacity": ["TM. Ban Thường vụ"],
            "relations": [
                ("repeals", "112-CV/HU", None), ("repeals", "45-KH/HU", None),
                ("repeals", "03-HD/HU", None), ("implements", "05-CT/TW", None),
            ],
        },
        recipients=["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (b/c),", "- Lưu Văn phòng Huyện ủy."],
    ),
    Spec(
        "cv_450_vptu", "party",
        ["TỈNH ỦY BẮC NINH", "VĂN PHÒNG", "*", "Số 450-CV/VPTU",
         "V/v đôn đốc thực hiện Quy định số 08-QĐi/TW"],
        "Bắc Ninh, ngày 14 tháng 11 năm 2022",
        [],
        [
            "Kính gửi: Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy.",
            "Thực hiện Quy định số 08-QĐi/TW ngày 25/10/2021 của Ban Chấp hành Trung ương về "
            "trách nhiệm nêu gương, Văn phòng Tỉnh ủy đề nghị các cấp ủy báo cáo kết quả./.",
        ],
        [["T/L BAN THƯỜNG VỤ", "K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "", "Ngô Thị Lan"]],
        {
            "number": "450-CV/VPTU", "doc_type": "Công văn", "issued_date": "2022-11-14",
            "issuer": ["Văn phòng Tỉnh ủy Bắc Ninh"], "title": None,
            "subject": "đôn đốc thực hiện Quy định số 08-QĐi/TW", "signer": ["Ngô Thị Lan"],
            "signer_title": ["Phó Chánh Văn phòng"],
            "capacity": ["TL. Ban Thường vụ, KT. Chánh Văn phòng"],
            "relations": [("implements", "08-QĐi/TW", None)],
        },
    ),
    Spec(
        "kh_56_chau_thanh", "state",
        ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH", "-------", "Số: 56/KH-UBND"],
        "Châu Thành, ngày      tháng 3 năm 2024",
        ["KẾ HOẠCH", "Triển khai Đề án phát triển ứng dụng dữ liệu về dân cư trên địa bàn "
         "huyện năm 2024"],
        [
            "Căn cứ Kế hoạch số 78/KH-UBND ngày 02/02/2024 của Ủy ban nhân dân tỉnh;",
            "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:",
            "I. MỤC ĐÍCH",
            "Bảo đảm 100% hồ sơ thủ tục hành chính được số hóa.",
            "Kế hoạch này thay thế Kế hoạch số 210/KH-UBND ngày 12/12/2023 của Ủy ban nhân dân "
            "huyện.",
        ],
        [["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Đặng Văn Sáu"]],
        {
            "number": "56/KH-UBND", "doc_type": "Kế hoạch", "issued_date": "2024-03",
            "issuer": ["Ủy ban nhân dân huyện Châu Thành"],
            "title": "Triển khai Đề án phát triển ứng dụng dữ liệu về dân cư trên địa bàn huyện "
            "năm 2024",
            "subject": None, "signer": ["Đặng Văn Sáu"], "signer_title": ["Chánh Văn phòng"],
            "capacity": ["TUQ. Chủ tịch"],
            "relations": [("cites", "78/KH-UBND", None),
                          ("replaces", "210/KH-UBND", None)],
        },
    ),
]  # fmt: skip

# Written after the extraction was tuned on SPECS, and not tuned on: how far it carries.
_HDND_TITLE = (
    "Sửa đổi, bổ sung một số điều của Nghị quyết số 12/2022/NQ-HĐND ngày 08 tháng 12 năm "
    "2022 của Hội đồng nhân dân tỉnh quy định mức chi hỗ trợ cho người làm công tác chi trả "
    "chế độ bảo trợ xã hội trên địa bàn tỉnh Đồng Nai"
)
_TW_ABOUT = (
    "về tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm trật tự, an toàn giao "
    "thông đường bộ, đường sắt, đường thủy nội địa và khắc phục ùn tắc giao thông"
)
HELD_OUT = [
    Spec(
        "qd_4567_byt", "state",
        ["BỘ Y TẾ", "-------", "Số: 4567/QĐ-BYT"],
        "Hà Nội, ngày 18 tháng 10 năm 2023",
        ["QUYẾT ĐỊNH", "Về việc bãi bỏ một số văn bản hành chính do Bộ trưởng Bộ Y tế ban hành"],
        [
            "BỘ TRƯỞNG BỘ Y TẾ",
            "Căn cứ Nghị định số 95/2022/NĐ-CP ngày 15 tháng 11 năm 2022 của Chính phủ;",
            "QUYẾT ĐỊNH:",
            "Điều 1. Bãi bỏ các Quyết định sau:",
            "a) Quyết định số 1234/QĐ-BYT ngày 02/3/2020 của Bộ trưởng Bộ Y tế về việc ban "
            "hành Hướng dẫn giám sát bệnh viêm đường hô hấp cấp;",
            "b) Quyết định số 2345/QĐ-BYT ngày 05/5/2021 của Bộ trưởng Bộ Y tế.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký, ban hành.",
        ],
        [["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Đỗ Xuân Tuyên"]],
        {
            "number": "4567/QĐ-BYT", "doc_type": "Quyết định", "issued_date": "2023-10-18",
            "issuer": ["Bộ Y tế"],
            "title": "Về việc bãi bỏ một số văn bản hành chính do Bộ trưởng Bộ Y tế ban hành",
            "subject": None, "signer": ["Đỗ Xuân Tuyên"], "signer_title": ["Thứ trưởng"],
            "capacity": ["KT. Bộ trưởng"],
            "relations": [
                ("cites", "95/2022/NĐ-CP", None), ("repeals", "1234/QĐ-BYT", None),
                ("repeals", "2345/QĐ-BYT", None),
            ],
        },
        held_out=True,
    ),
    Spec(
        "ct_15_tw", "party",
        ["BAN CHẤP HÀNH TRUNG ƯƠNG", "*", "Số 15-CT/TW"],
        "Hà Nội, ngày 10 tháng 8 năm 2022",
        ["CHỈ THỊ", "CỦA BAN BÍ THƯ", _TW_ABOUT, "-----"],
        [
            "Thời gian qua, các cấp ủy, tổ chức đảng đã quan tâm lãnh đạo công tác bảo đảm "
            "trật tự, an toàn giao thông.",
            "Chỉ thị này thay thế Chỉ thị số 18-CT/TW ngày 04/9/2012 của Ban Bí thư khóa XI.",
        ],
        [["T/M BAN BÍ THƯ", "", "Võ Văn Thưởng"]],
        {
            "number": "15-CT/TW", "doc_type": "Chỉ thị", "issued_date": "2022-08-10",
            "issuer": ["Ban Chấp hành Trung ương"],
            "title": "Của Ban Bí thư " + _TW_ABOUT, "subject": None,
            "signer": ["Võ Văn Thưởng"], "signer_title": [], "capacity": ["TM. Ban Bí thư"],
            "relations": [("replaces", "18-CT/TW", None)],
        },
        recipients=["Nơi nhận:", "- Các tỉnh ủy, thành ủy,", "- Lưu Văn phòng Trung ương."],
        held_out=True,
    ),
    Spec(
        "cv_789_stnmt", "state",
        ["UBND TỈNH KHÁNH HÒA", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "-------", "Số: 789/STNMT-QLĐĐ",
         "V/v hướng dẫn thực hiện Quyết định số 15/2023/QĐ-UBND của UBND tỉnh"],
        "Khánh Hòa, ngày 22 tháng 6 năm 2023",
        [],
        [
            "Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.",
            "Sở Tài nguyên và Môi trường hướng dẫn thực hiện Quyết định số 15/2023/QĐ-UBND ngày "
            "01/6/2023 của Ủy ban nhân dân tỉnh như sau:",
            "1. Hồ sơ đăng ký biến động đất đai nộp tại bộ phận một cửa.",
            "2. Bãi bỏ điểm b khoản 1 mục II Công văn số 456/STNMT-QLĐĐ ngày 03/3/2022 của Sở.",
        ],
        [["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Lưu Văn Kiên"]],
        {
            "number": "789/STNMT-QLĐĐ", "doc_type": "Công văn", "issued_date": "2023-06-22",
            "issuer": ["Sở Tài nguyên và Môi trường tỉnh Khánh Hòa"], "title": None,
            "subject": "hướng dẫn thực hiện Quyết định số 15/2023/QĐ-UBND của UBND tỉnh",
            "signer": ["Lưu Văn Kiên"], "signer_title": ["Phó Giám đốc"],
            "capacity": ["KT. Giám đốc"],
            "relations": [
                ("guides", "15/2023/QĐ-UBND", None),
                ("repeals", "456/STNMT-QLĐĐ", "điểm b khoản 1 mục II"),
            ],
        },
        held_out=True,
    ),
    Spec(
        "nq_05_dong_nai", "state",
        ["HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐỒNG NAI", "-------", "Số: 05/2024/NQ-HĐND"],
        "Đồng Nai, ngày 12 tháng 7 năm 2024",
        ["NGHỊ QUYẾT", _HDND_TITLE],
        [
            "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI",
            "KHÓA X, KỲ HỌP THỨ 15",
            "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
            "QUYẾT NGHỊ:",
            "Điều 1. " + _HDND_TITLE + " như sau:",
            "1. Sửa đổi khoản 1 Điều 3 như sau: “1. Mức chi 500.000 đồng/người/tháng.”",
            "Điều 2. Bãi bỏ Điều 5 Nghị quyết số 12/2022/NQ-HĐND.",
        ],
        [["CHỦ TỊCH", "", "Thái Bảo"]],
        {
            "number": "05/2024/NQ-HĐND", "doc_type": "Nghị quyết", "issued_date": "2024-07-12",
            "issuer": ["Hội đồng nhân dân tỉnh Đồng Nai"], "title": _HDND_TITLE,
            "subject": None, "signer": ["Thái Bảo"], "signer_title": ["Chủ tịch"],
            "capacity": [],
            "relations": [
                ("amends", "12/2022/NQ-HĐND", "một số điều"),
                ("repeals", "12/2022/NQ-HĐND", "Điều 5"),
            ],
        },
        held_out=True,
    ),
]  # fmt: skip
