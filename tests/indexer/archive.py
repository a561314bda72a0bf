"""A small archive of documents as archives really hold them, written by the tests.

State, Party and ministry documents and news items, in the shapes conversions leave them:
Word files with the header and the signature in two-column tables, PDF text layers whose
two columns come out on one line, markdown from a converter, UTF-16 and NFD text files,
saved web pages with their portal around them. ``write_archive(root)`` writes every
document under ``root``; ``EXPECTED`` holds the whole metadata record of each one, by its
path under ``root``. The documents are invented; their shapes are not.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

NOTHING = {
    "number": None,
    "doc_type": None,
    "issued_date": None,
    "issuer": None,
    "place": None,
    "subject": None,
    "title": None,
    "signer": None,
    "signer_title": None,
    "urgency": None,
    "references": [],
    "origin": None,
    "signer_capacity": None,
    "issuers": [],
    "signatures": [],
    "issued_month": None,
    "ocr_confidence": None,
}

# --- Word: a provincial People's Committee directive (header and signature in tables) -----

QN_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "-------", "Số: 08/CT-UBND"]
QN_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "Quảng Ninh, ngày 05 tháng 8 năm 2021",
]
QN_BODY = [
    "",
    "CHỈ THỊ",
    "Về việc tăng cường các biện pháp cấp bách phòng, chống dịch Covid-19 trên địa bàn tỉnh",
    "",
    "Thời gian qua, thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ và "
    "Công điện số 1068/CĐ-TTg, các cấp, các ngành trong tỉnh đã triển khai quyết liệt, đồng bộ "
    "các biện pháp phòng, chống dịch, kiểm soát cơ bản tình hình dịch bệnh trên địa bàn.",
    "Tuy nhiên, dịch bệnh còn diễn biến phức tạp tại các tỉnh lân cận; để chủ động ngăn chặn "
    "dịch xâm nhập, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:",
    "1. Các sở, ban, ngành, địa phương tuyệt đối không lơ là, chủ quan; kiểm soát chặt chẽ "
    "người ra vào tỉnh tại các chốt kiểm dịch.",
    "2. Sở Y tế chủ trì triển khai tiêm vắc xin bảo đảm an toàn, đúng đối tượng.",
    "",
]
QN_NOI_NHAN = [
    "Nơi nhận:",
    "- Bộ Y tế (b/c);",
    "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
    "- CT, các PCT UBND tỉnh;",
    "- Như mục 1, 2;",
    "- Lưu: VT, YT.",
]
QN_SIGN = [
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "",
    "(Đã ký)",
    "",
    "",
    "Nguyễn Thị Hạnh",
]

# --- Word: a ministry decision, header typed in Title Case and shown in capitals ----------

LD_LEFT = ["Bộ Lao Động - Thương Binh Và Xã Hội", "-------", "Số: 1520/QĐ-LĐTBXH"]
LD_RIGHT = [
    "Cộng Hòa Xã Hội Chủ Nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "Hà Nội, ngày 5 tháng 8 năm 2021",
]
LD_TITLE = (
    "Về việc ban hành Kế hoạch hỗ trợ người lao động và người sử dụng lao động gặp khó khăn "
    "do đại dịch Covid-19"
)
LD_BODY = [
    "QUYẾT ĐỊNH",
    LD_TITLE,
    "BỘ TRƯỞNG BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    "Căn cứ Nghị định số 14/2017/NĐ-CP ngày 17 tháng 02 năm 2017 của Chính phủ quy định chức "
    "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Lao động - Thương binh và Xã hội;",
    "Căn cứ Nghị quyết số 68/NQ-CP ngày 01 tháng 7 năm 2021 của Chính phủ;",
    "Theo đề nghị của Cục trưởng Cục Việc làm,",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hỗ trợ người lao động và người sử dụng "
    "lao động gặp khó khăn do đại dịch Covid-19.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng Bộ, Cục trưởng Cục Việc làm và Thủ trưởng các đơn vị có liên quan "
    "chịu trách nhiệm thi hành Quyết định này./.",
]
LD_NOI_NHAN = ["Nơi nhận:", "- Như Điều 3;", "- Bộ trưởng (để b/c);", "- Lưu: VT, VL."]
LD_SIGN = ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "", "", "Đỗ Quang Vinh"]


def make_docx(path: Path, left, right, body, noi_nhan, sign, all_caps: bool = False) -> None:
    """A Word file as offices write them: a two-column header table, the text, then a
    two-column table with the recipients on the left and the signature on the right."""
    document = docx.Document()
    _table(document, left, right, all_caps)
    for text in body:
        document.add_paragraph(text)
    _table(document, noi_nhan, sign, all_caps)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _table(document, left: list[str], right: list[str], all_caps: bool) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for text in lines[1:]:
            cell.add_paragraph(text)
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.all_caps = all_caps and not run.text.startswith(("Số", "Hà Nội"))
                run.font.size = Pt(13)


# --- PDF: text layers with the two columns side by side ------------------------------------

BGD_ROWS = [
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 3280/BGDĐT-QLCL", "Hà Nội, ngày 27 tháng 8 năm 2021"),
]
BGD_SUBJECT = (
    "hướng dẫn tổ chức kiểm tra, đánh giá định kỳ và công tác thi, xét công nhận tốt nghiệp "
    "trung học cơ sở, trung học phổ thông năm học 2021-2022 bảo đảm an toàn trong bối cảnh "
    "dịch Covid-19 diễn biến phức tạp tại nhiều địa phương"
)
BGD_TEXT = [
    "Thực hiện Nghị quyết số 68/NQ-CP của Chính phủ và Công điện số 1102/CĐ-TTg của Thủ tướng "
    "Chính phủ, Bộ Giáo dục và Đào tạo hướng dẫn các sở giáo dục và đào tạo tổ chức kiểm tra, "
    "đánh giá định kỳ linh hoạt, phù hợp với tình hình dịch bệnh tại địa phương.",
    "Các sở chủ động xây dựng phương án tổ chức thi bảo đảm an toàn cho học sinh, giáo viên; "
    "báo cáo kết quả về Bộ (qua Cục Quản lý chất lượng) trước ngày 15/9/2021./.",
]
BGD_SIGN_ROWS = [
    ("Nơi nhận:", "TL. BỘ TRƯỞNG"),
    ("- Như trên;", "CỤC TRƯỞNG CỤC QUẢN LÝ CHẤT LƯỢNG"),
    ("- Bộ trưởng (để b/c);", ""),
    ("- Lưu: VT, QLCL.", ""),
    ("", ""),
    ("", "Lương Quốc Tuấn"),
]

VP_ROWS = [
    ("VĂN PHÒNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("-------", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 215/TB-VPCP", "Hà Nội, ngày 05 tháng 8 năm 2021"),
]
VP_TITLE = (
    "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI CUỘC HỌP VỚI BAN CHỈ ĐẠO QUỐC GIA PHÒNG, CHỐNG "
    "DỊCH COVID-19 VÀ CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG VỀ TÌNH HÌNH TRIỂN KHAI CHIẾN LƯỢC VẮC XIN VÀ "
    "CÁC BIỆN PHÁP BẢO ĐẢM AN TOÀN TIÊM CHỦNG TRÊN ĐỊA BÀN CÁC TỈNH, THÀNH PHỐ"
)
VP_TEXT = [
    "Tại cuộc họp, sau khi nghe Bộ Y tế báo cáo tình hình triển khai chiến lược vắc xin và ý kiến "
    "của các thành viên Ban Chỉ đạo, Phó Thủ tướng kết luận: các bộ, ngành, địa phương tiếp tục "
    "thực hiện nghiêm Nghị quyết số 86/NQ-CP và Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ.",
    "Văn phòng Chính phủ thông báo để các bộ, cơ quan, địa phương liên quan biết, thực hiện./.",
]
VP_SIGN_ROWS = [
    ("Nơi nhận:", "KT. BỘ TRƯỞNG, CHỦ NHIỆM"),
    ("- Thủ tướng, các PTTg;", "PHÓ CHỦ NHIỆM"),
    ("- Các Bộ: Y tế, Công an;", ""),
    ("- Lưu: VT, KGVX.", ""),
    ("", ""),
    ("", "Trần Quốc Bảo"),
]

# A department under a ministry: the trích yếu shares its row with the date.
YTDP_ROWS = [
    ("BỘ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("CỤC Y TẾ DỰ PHÒNG", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 1234/DP-DT", ""),
    ("V/v tăng cường giám sát ca bệnh", "Hà Nội, ngày 5 tháng 8 năm 2021"),
    ("Covid-19 tại cộng đồng", ""),
]
YTDP_TEXT = [
    "Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.",
    "Căn cứ Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ, Cục Y tế dự phòng đề nghị các Sở Y tế "
    "chỉ đạo giám sát chặt chẽ các ca bệnh tại cộng đồng, lấy mẫu xét nghiệm kịp thời./.",
]
YTDP_SIGN_ROWS = [
    ("Nơi nhận:", "CỤC TRƯỞNG"),
    ("- Như trên;", ""),
    ("- Lưu: VT, DT.", ""),
    ("", "VŨ TUẤN CƯỜNG"),
]

# A Party letter printed from Word: the star under the issuer shares its row with the date.
TU_ROWS = [
    ("TỈNH ỦY NINH BÌNH", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("*", "Ninh Bình, ngày 9 tháng 8 năm 2021"),
    ("Số 351 - CV/TU", ""),
    ("V/v tổ chức Tết Trung thu an toàn", ""),
]
TU_TEXT = [
    "Kính gửi: Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy.",
    "Thực hiện Kết luận số 07-KL/TW của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy "
    "chỉ đạo tổ chức các hoạt động vui Tết Trung thu cho thiếu nhi phù hợp với tình hình dịch.",
]
TU_SIGN_ROWS = [
    ("Nơi nhận:", "T/M BAN THƯỜNG VỤ"),
    ("- Như kính gửi,", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
    ("- Lưu Văn phòng Tỉnh ủy.", ""),
    ("", "Mai Văn Tuất"),
]


def make_pdf(path: Path, header_rows, middle, text, sign_rows) -> None:
    """A PDF laid out as offices print them: header and signature rows in two columns
    (the left 80 mm, the right 110 mm), centred headings, justified paragraphs."""
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    _rows(pdf, header_rows)
    pdf.ln(4)
    for width, align, line in middle:
        pdf.set_x(10 if width == 80 else 20)
        pdf.multi_cell(width, 6, line, align=align)
    pdf.ln(4)
    for paragraph in text:
        pdf.set_x(10)
        pdf.multi_cell(0, 6, paragraph, align="J")
    pdf.ln(6)
    _rows(pdf, sign_rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def _rows(pdf: FPDF, rows) -> None:
    for left, right in rows:
        y = pdf.get_y()
        pdf.set_xy(10, y)
        pdf.cell(80, 6, left, align="C")
        pdf.set_xy(90, y)
        pdf.cell(110, 6, right, align="C")
        pdf.ln(6)


# --- Markdown from a converter: a department letter ---------------------------------------

SYT_MD = """**UBND TỈNH BẮC NINH**\\
**SỞ Y TẾ**

Số: 1452/SYT-NVY

V/v triển khai tiêm vắc xin phòng Covid-19 đợt 5

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\\
**Độc lập - Tự do - Hạnh phúc**

{date}

Kính gửi:

- Trung tâm Kiểm soát bệnh tật tỉnh;
- Trung tâm Y tế các huyện, thị xã, thành phố.

Thực hiện Kế hoạch số 97/KH-UBND của Ủy ban nhân dân tỉnh về tiêm vắc xin phòng Covid-19,
Sở Y tế đề nghị các đơn vị tổ chức tiêm cho các đối tượng ưu tiên theo danh sách phân bổ,
bảo đảm an toàn tiêm chủng và báo cáo kết quả hằng ngày trước 16 giờ./.

**Nơi nhận:**

- Như trên;
- UBND tỉnh (b/c);
- Lưu: VT, NVY.

{signature}
"""
SYT_DATE = "*Bắc Ninh, ngày 05 tháng 8 năm 2021*"
SYT_SIGNATURE = "**Q. GIÁM ĐỐC**\n\n*(Đã ký)*\n\n**Nguyễn Văn Hùng**"

# A district plan converted by pandoc (gfm): Word tables become pipe tables, cell lines
# are joined by <br>, every paragraph is followed by a blank line.
KH_MD = """| **ỦY BAN NHÂN DÂN<br>HUYỆN ĐÔNG ANH**<br>------- | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc**<br>--------------- |
|---|---|
| Số: 215/KH-UBND | *Đông Anh, ngày 12 tháng 8 năm 2021* |

**KẾ HOẠCH**

**TỔ CHỨC TIÊM VẮC XIN PHÒNG COVID-19 CHO NGƯỜI TỪ 18 TUỔI TRỞ LÊN**

**TRÊN ĐỊA BÀN HUYỆN**

Thực hiện Kế hoạch số 97/KH-UBND của Ủy ban nhân dân thành phố, Ủy ban nhân dân huyện xây \
dựng Kế hoạch tổ chức tiêm vắc xin như sau:

1. Mục đích: bảo đảm 100% người từ 18 tuổi trở lên được tiêm ít nhất một mũi vắc xin.

| **Nơi nhận:**<br>- Sở Y tế (b/c);<br>- Lưu: VT. | **TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH**<br><br><br>**Nguyễn Xuân Linh** |
"""  # noqa: E501

# A city directive as a legal-documents portal shows it: tables for the header and the
# signature, a related-documents box and a footer around it.
CT_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Chỉ thị 17/CT-UBND năm 2021 - Cơ sở dữ liệu văn bản</title></head><body>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/vb">Văn bản</a></li></ul>
<div class="doc-content">
<table><tr><td><b>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HÀ NỘI</b><br>-------</td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b><br>---------------</td></tr>
<tr><td>Số: 17/CT-UBND</td><td><i>Hà Nội, ngày 5 tháng 8 năm 2021</i></td></tr></table>
<p align="center"><b>CHỈ THỊ</b></p>
<p align="center"><b>VỀ VIỆC TĂNG CƯỜNG CÁC BIỆN PHÁP PHÒNG, CHỐNG DỊCH COVID-19
TRÊN ĐỊA BÀN THÀNH PHỐ</b></p>
<p>Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ, Chủ tịch Ủy ban nhân
dân Thành phố yêu cầu các sở, ngành, quận, huyện, thị xã thực hiện nghiêm giãn cách xã hội.</p>
<p>Giao Sở Y tế chủ trì, phối hợp với các đơn vị tổ chức xét nghiệm diện rộng./.</p>
<table><tr><td><b><i>Nơi nhận:</i></b><br>- Như trên;<br>- Lưu: VT.</td>
<td><b>TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br><br><br>Nguyễn Văn Sửu</b></td>
</tr></table></div>
<div class="box-vb"><h4>Văn bản liên quan</h4><ul><li><a href="/1">Chỉ thị 16/CT-TTg</a></li>
<li><a href="/2">Công điện 1068/CĐ-TTg về phòng, chống dịch</a></li></ul></div>
<div class="bottom">Bản quyền © 2021 Cơ sở dữ liệu văn bản</div>
</body></html>
"""  # noqa: E501

# --- Text files: a Prime Minister's telegram (UTF-16), a Party conclusion (NFD) ------------

CONG_DIEN = """THỦ TƯỚNG CHÍNH PHỦ
--------
Số: 1102/CĐ-TTg
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Nội, ngày 23/8/2021

HỎA TỐC

CÔNG ĐIỆN
Về việc tăng cường các biện pháp phòng, chống dịch COVID-19 trên toàn quốc
----------------

THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Y tế, Công an, Quốc phòng;
- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

Thực hiện Nghị quyết số 86/NQ-CP của Chính phủ, Thủ tướng Chính phủ yêu cầu các địa phương
tiếp tục thực hiện nghiêm giãn cách xã hội theo Chỉ thị số 16/CT-TTg, bảo đảm người dân ở
đâu ở đó, không để đứt gãy chuỗi cung ứng hàng hóa thiết yếu.

Nơi nhận:
- Như trên;
- Thủ tướng, các Phó Thủ tướng Chính phủ;
- Lưu: VT, KGVX (3b).

THỦ TƯỚNG




Lê Minh Khang
"""

KET_LUAN = """ĐẢNG BỘ TỈNH NGHỆ AN
HUYỆN ỦY NAM ĐÀN
*
Số 45-KL/HU

ĐẢNG CỘNG SẢN VIỆT NAM

Nam Đàn, ngày  05  tháng  8  năm 2021

KẾT LUẬN
CỦA BAN THƯỜNG VỤ HUYỆN ỦY
VỀ TĂNG CƯỜNG LÃNH ĐẠO CÔNG TÁC PHÒNG, CHỐNG DỊCH COVID-19
TRONG TÌNH HÌNH MỚI
-----

Ngày 4/8/2021, Ban Thường vụ Huyện ủy họp nghe báo cáo tình hình phòng, chống dịch trên \
địa bàn huyện. Thực hiện Kết luận số 07-KL/TW của Bộ Chính trị và Công văn số 421-CV/TU của \
Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy kết luận như sau:
1. Các cấp ủy, chính quyền tiếp tục thực hiện nghiêm phương châm bốn tại chỗ.
2. Ủy ban nhân dân huyện bảo đảm kinh phí cho công tác phòng, chống dịch.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c),
- Các đồng chí Huyện ủy viên,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ

BÍ THƯ



Hoàng Văn Minh
"""

# --- News items: a portal page (HTML) and a converted page (markdown) ---------------------

NEWS_HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Thủ tướng yêu cầu siết chặt kỷ luật phòng, chống dịch - Cổng TTĐT Chính phủ</title>
<script>var _gaq = [];</script></head>
<body>
<div id="header"><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ</div>
<div class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/cp">Chính phủ</a></li>
<li><a href="/vb">Văn bản</a></li><li><a href="/tt">Tin tức</a></li></ul></div></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/cd">Chỉ đạo, điều hành</a></div>
<div class="article-detail">
<h1 class="title">Thủ tướng yêu cầu siết chặt kỷ luật phòng, chống dịch tại các địa phương</h1>
<div class="meta"><span class="date">Thứ Năm, 05/08/2021 09:15</span></div>
<p class="sapo"><b>(Chinhphu.vn) - Thủ tướng Chính phủ Lê Minh Khang vừa ký ban hành Chỉ thị số
17/CT-TTg ngày 4/8/2021 về việc siết chặt kỷ luật, kỷ cương trong phòng, chống dịch
COVID-19.</b></p>
<p>Chỉ thị nêu rõ, người đứng đầu cấp ủy, chính quyền các địa phương chịu trách nhiệm trước
Thủ tướng Chính phủ nếu để dịch bệnh lây lan do chủ quan, lơ là.</p>
<p>Thủ tướng yêu cầu các bộ, ngành tiếp tục thực hiện nghiêm Công điện số 1102/CĐ-TTg,
bảo đảm hàng hóa thiết yếu cho người dân trong thời gian giãn cách.</p>
<p class="author">Phương Nhi</p>
<div class="social-share"><a href="#fb">Chia sẻ</a> <a href="#in">In bài</a></div>
</div>
<div class="related-news"><h3>Tin liên quan</h3><ul>
<li><a href="/a">Bộ Y tế hướng dẫn cách ly F1 tại nhà</a></li>
<li><a href="/b">Hà Nội giãn cách xã hội thêm 15 ngày</a></li></ul></div>
<div class="box"><h3>Tin cùng chuyên mục</h3><ul>
<li><a href="/c">UBND tỉnh Bắc Ninh ban hành Công văn số 2345/UBND-KGVX</a></li>
<li><a href="/d">Quảng Ninh dừng vận tải hành khách liên tỉnh</a></li></ul></div>
<div id="footer-wrap"><p>Cơ quan chủ quản: Văn phòng Chính phủ</p>
<p>Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội. Điện thoại: 080 43162</p>
<p>© Bản quyền thuộc Cổng Thông tin điện tử Chính phủ</p></div>
</body></html>
"""

NEWS_MD = """[Trang chủ](https://bacninh.gov.vn/) | [Tin tức](/tin-tuc) | [Văn bản](/van-ban)

# UBND tỉnh Bắc Ninh yêu cầu tạm dừng các hoạt động không thiết yếu từ ngày 6/8

*Thứ Năm, 05/08/2021 - 16:40*

Ngày 5/8/2021, UBND tỉnh Bắc Ninh đã ban hành Công văn số 2345/UBND-KGVX về việc tạm dừng các
hoạt động không thiết yếu để phòng, chống dịch Covid-19 trên địa bàn tỉnh.

Theo đó, từ 12 giờ ngày 6/8/2021, các cơ sở kinh doanh dịch vụ không thiết yếu tạm dừng hoạt
động; người dân chỉ ra khỏi nhà khi thật sự cần thiết.

Nguồn: bacninh.gov.vn

**Tin liên quan:**

- [Bắc Ninh lập 12 chốt kiểm soát dịch](/tin/1)
- [UBND tỉnh ban hành Công văn số 2290/UBND-KGVX](/tin/2)
"""

# A news item that names no directive in its lede: no type, no issuer.
NEWS_EVENT_HTML = """<html><head><meta charset="windows-1258">
<title>Tập huấn tiêm chủng</title></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<h1>Sở Y tế tổ chức hội nghị tập huấn an toàn tiêm chủng vắc xin phòng Covid-19</h1>
<p>Sáng 5/8, tại Trung tâm Kiểm soát bệnh tật tỉnh, hơn 200 cán bộ y tế cơ sở được tập huấn
quy trình khám sàng lọc và xử trí phản ứng sau tiêm.</p>
<p>Các học viên được hướng dẫn theo Kế hoạch số 97/KH-UBND về tiêm vắc xin trên địa bàn tỉnh.</p>
<div class="tin-khac"><b>Tin khác</b><ul><li><a href="/x">Khai giảng lớp điều dưỡng</a></li>
<li><a href="/y">Thông báo tuyển dụng viên chức năm 2021</a></li></ul></div>
<footer>Bản quyền thuộc Sở Y tế tỉnh Bắc Ninh</footer></body></html>
"""


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: tone marks as combining bytes."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def write_archive(root: Path) -> None:
    """Every document of ``EXPECTED``, written under ``root`` in its own format."""
    make_docx(root / "ubnd/qn_chi_thi_08.docx", QN_LEFT, QN_RIGHT, QN_BODY, QN_NOI_NHAN, QN_SIGN)
    make_docx(
        root / "bo/ldtbxh_qd_1520.docx", LD_LEFT, LD_RIGHT, LD_BODY, LD_NOI_NHAN, LD_SIGN, True
    )
    subject = [(80, "C", f"V/v {BGD_SUBJECT}"), (170, "C", "Kính gửi: Các sở giáo dục và đào tạo")]
    make_pdf(root / "bo/bgddt_3280.pdf", BGD_ROWS, subject, BGD_TEXT, BGD_SIGN_ROWS)
    make_pdf(
        root / "vpcp/tb_215.pdf", VP_ROWS, [(170, "C", "THÔNG BÁO"), (170, "C", VP_TITLE)],
        VP_TEXT, VP_SIGN_ROWS,
    )  # fmt: skip
    make_pdf(root / "bo/ytdp_1234.pdf", YTDP_ROWS, [], YTDP_TEXT, YTDP_SIGN_ROWS)
    make_pdf(root / "tu/cv_351.pdf", TU_ROWS, [], TU_TEXT, TU_SIGN_ROWS)
    text = SYT_MD.format(date=SYT_DATE, signature=SYT_SIGNATURE)
    _write(root / "so/syt_1452.md", text.encode("utf-8"))
    _write(root / "ttg/cd_1102.txt", CONG_DIEN.encode("utf-16"))
    _write(root / "huyen/kl_45.txt", unicodedata.normalize("NFD", KET_LUAN).encode("utf-8"))
    _write(root / "huyen/kh_215.md", KH_MD.encode("utf-8"))
    _write(root / "ubnd/hn_chi_thi_17.html", CT_HTML.encode("utf-8"))
    _write(root / "tin/chi_thi_17.html", NEWS_HTML.encode("utf-8"))
    _write(root / "tin/bac_ninh.md", NEWS_MD.encode("utf-8"))
    _write(root / "tin/tap_huan.htm", cp1258(NEWS_EVENT_HTML))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


EXPECTED = {
    "ubnd/qn_chi_thi_08.docx": {
        **NOTHING,
        "number": "08/CT-UBND",
        "doc_type": "Chỉ thị",
        "issued_date": "2021-08-05",
        "issuer": "Ủy ban nhân dân tỉnh Quảng Ninh",
        "place": "Quảng Ninh",
        "title": "Về việc tăng cường các biện pháp cấp bách phòng, chống dịch Covid-19 trên "
        "địa bàn tỉnh",
        "signer": "Nguyễn Thị Hạnh",
        "signer_title": "Phó Chủ tịch",
        "signer_capacity": "TM. Ủy ban nhân dân, KT. Chủ tịch",
        "references": ["16/CT-TTg", "1068/CĐ-TTg"],
    },
    "bo/ldtbxh_qd_1520.docx": {
        **NOTHING,
        "number": "1520/QĐ-LĐTBXH",
        "doc_type": "Quyết định",
        "issued_date": "2021-08-05",
        "issuer": "Bộ Lao động - Thương binh và Xã hội",
        "place": "Hà Nội",
        "title": LD_TITLE,
        "signer": "Đỗ Quang Vinh",
        "signer_title": "Thứ trưởng",
        "signer_capacity": "KT. Bộ trưởng",
        "references": ["14/2017/NĐ-CP", "68/NQ-CP"],
    },
    "bo/bgddt_3280.pdf": {
        **NOTHING,
        "number": "3280/BGDĐT-QLCL",
        "doc_type": "Công văn",
        "issued_date": "2021-08-27",
        "issuer": "Bộ Giáo dục và Đào tạo",
        "place": "Hà Nội",
        "subject": BGD_SUBJECT,
        "signer": "Lương Quốc Tuấn",
        "signer_title": "Cục trưởng Cục Quản lý chất lượng",
        "signer_capacity": "TL. Bộ trưởng",
        "references": ["68/NQ-CP", "1102/CĐ-TTg"],
    },
    "vpcp/tb_215.pdf": {
        **NOTHING,
        "number": "215/TB-VPCP",
        "doc_type": "Thông báo",
        "issued_date": "2021-08-05",
        "issuer": "Văn phòng Chính phủ",
        "place": "Hà Nội",
        "title": "Kết luận của Phó Thủ tướng Chính phủ tại cuộc họp với Ban Chỉ đạo quốc gia "
        "phòng, chống dịch Covid-19 và các bộ, ngành, địa phương về tình hình triển khai chiến "
        "lược vắc xin và các biện pháp bảo đảm an toàn tiêm chủng trên địa bàn các tỉnh, "
        "thành phố",
        "signer": "Trần Quốc Bảo",
        "signer_title": "Phó Chủ nhiệm",
        "signer_capacity": "KT. Bộ trưởng, Chủ nhiệm",
        "references": ["86/NQ-CP", "16/CT-TTg"],
    },
    "bo/ytdp_1234.pdf": {
        **NOTHING,
        "number": "1234/DP-DT",
        "doc_type": "Công văn",
        "issued_date": "2021-08-05",
        "issuer": "Cục Y tế dự phòng",
        "place": "Hà Nội",
        "subject": "tăng cường giám sát ca bệnh Covid-19 tại cộng đồng",
        "signer": "Vũ Tuấn Cường",
        "signer_title": "Cục trưởng",
        "references": ["16/CT-TTg"],
    },
    "tu/cv_351.pdf": {
        **NOTHING,
        "number": "351-CV/TU",
        "doc_type": "Công văn",
        "issued_date": "2021-08-09",
        "issuer": "Tỉnh ủy Ninh Bình",
        "place": "Ninh Bình",
        "subject": "tổ chức Tết Trung thu an toàn",
        "signer": "Mai Văn Tuất",
        "signer_title": "Phó Bí thư Thường trực",
        "signer_capacity": "TM. Ban Thường vụ",
        "references": ["07-KL/TW"],
    },
    "so/syt_1452.md": {
        **NOTHING,
        "number": "1452/SYT-NVY",
        "doc_type": "Công văn",
        "issued_date": "2021-08-05",
        "issuer": "Sở Y tế tỉnh Bắc Ninh",
        "place": "Bắc Ninh",
        "subject": "triển khai tiêm vắc xin phòng Covid-19 đợt 5",
        "signer": "Nguyễn Văn Hùng",
        "signer_title": "Quyền Giám đốc",
        "signer_capacity": "Q. Giám đốc",
        "references": ["97/KH-UBND"],
    },
    "ttg/cd_1102.txt": {
        **NOTHING,
        "number": "1102/CĐ-TTg",
        "doc_type": "Công điện",
        "issued_date": "2021-08-23",
        "issuer": "Thủ tướng Chính phủ",
        "place": "Hà Nội",
        "title": "Về việc tăng cường các biện pháp phòng, chống dịch COVID-19 trên toàn quốc",
        "signer": "Lê Minh Khang",
        "signer_title": "Thủ tướng",
        "urgency": "Hỏa tốc",
        "references": ["86/NQ-CP", "16/CT-TTg"],
    },
    "huyen/kl_45.txt": {
        **NOTHING,
        "number": "45-KL/HU",
        "doc_type": "Kết luận",
        "issued_date": "2021-08-05",
        "issuer": "Huyện ủy Nam Đàn",
        "place": "Nam Đàn",
        "title": "Của Ban Thường vụ Huyện ủy về tăng cường lãnh đạo công tác phòng, chống dịch "
        "Covid-19 trong tình hình mới",
        "signer": "Hoàng Văn Minh",
        "signer_title": "Bí thư",
        "signer_capacity": "TM. Ban Thường vụ",
        "references": ["07-KL/TW", "421-CV/TU"],
    },
    "huyen/kh_215.md": {
        **NOTHING,
        "number": "215/KH-UBND",
        "doc_type": "Kế hoạch",
        "issued_date": "2021-08-12",
        "issuer": "Ủy ban nhân dân huyện Đông Anh",
        "place": "Đông Anh",
        "title": "Tổ chức tiêm vắc xin phòng Covid-19 cho người từ 18 tuổi trở lên trên địa "
        "bàn huyện",
        "signer": "Nguyễn Xuân Linh",
        "signer_title": "Chủ tịch",
        "signer_capacity": "TM. Ủy ban nhân dân",
        "references": ["97/KH-UBND"],
    },
    "ubnd/hn_chi_thi_17.html": {
        **NOTHING,
        "number": "17/CT-UBND",
        "doc_type": "Chỉ thị",
        "issued_date": "2021-08-05",
        "issuer": "Ủy ban nhân dân thành phố Hà Nội",
        "place": "Hà Nội",
        "title": "Về việc tăng cường các biện pháp phòng, chống dịch Covid-19 trên địa bàn "
        "thành phố",
        "signer": "Nguyễn Văn Sửu",
        "signer_title": "Phó Chủ tịch",
        "signer_capacity": "TM. Ủy ban nhân dân, KT. Chủ tịch",
        "references": ["16/CT-TTg"],
    },
    "tin/chi_thi_17.html": {
        **NOTHING,
        "doc_type": "Chỉ thị",
        "issued_date": "2021-08-04",
        "issuer": "Thủ tướng Chính phủ",
        "title": "Thủ tướng yêu cầu siết chặt kỷ luật phòng, chống dịch tại các địa phương",
        "references": ["17/CT-TTg", "1102/CĐ-TTg"],
    },
    "tin/bac_ninh.md": {
        **NOTHING,
        "doc_type": "Công văn",
        "issued_date": "2021-08-05",
        "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh",
        "title": "UBND tỉnh Bắc Ninh yêu cầu tạm dừng các hoạt động không thiết yếu từ ngày 6/8",
        "references": ["2345/UBND-KGVX"],
        "origin": "bacninh.gov.vn",
    },
    "tin/tap_huan.htm": {
        **NOTHING,
        "title": "Sở Y tế tổ chức hội nghị tập huấn an toàn tiêm chủng vắc xin phòng Covid-19",
        "references": ["97/KH-UBND"],
    },
}
