"""Status, relations, outline and family on the web pages (TestClient), over the
relations fixtures."""

from __future__ import annotations

import re

from web.views import STATUS_LABELS


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def hit_ids(html: str) -> list[str]:
    return re.findall(r'class="hit-title"><a href="/documents/([^"?#]+)', html)


def groups(html: str) -> dict[str, list[str]]:
    """Relation group heading -> the text of its list items (tags stripped)."""
    out = {}
    for label, items in re.findall(r'<h3 class="relation-type">([^<]+)</h3>\s*<ul[^>]*>(.*?)</ul>',
                                   html, re.S):  # fmt: skip
        out[label] = [
            re.sub(r"<[^>]+>", "", i).strip() for i in re.findall(r"<li>(.*?)</li>", items)
        ]
    return out


def test_replaced_directive_says_so_prominently_with_a_link(relations_client):
    html = main_of(relations_client.get("/documents/ct_15_2020").text)
    assert (
        '<p class="notice status status-replaced" role="status"><strong>Đã bị thay thế bởi '
        '<a href="/documents/qd_07_2022">Quyết định 07/2022/QĐ-UBND</a></strong> '
        '<span class="muted">(ngày 15/03/2022)</span></p>'
    ) in html
    assert groups(html) == {
        "Triển khai thực hiện": ["16/CT-TTg (chưa có trong kho) ngày 31/03/2020"],
        "Bị thay thế bởi": ["Quyết định 07/2022/QĐ-UBND (15/03/2022)"],
        "Được triển khai thực hiện bởi": ["Kế hoạch 120/KH-UBND (05/04/2021)"],
    }


def test_decision_page_lists_relations_by_type_and_its_outline(relations_client):
    html = main_of(relations_client.get("/documents/qd_07_2022").text)
    assert "Còn hiệu lực" in html and "notice status" not in html
    assert groups(html) == {
        "Thay thế": ["15/CT-UBND ngày 02/04/2020"],
        "Sửa đổi, bổ sung": ["120/KH-UBND ngày 05/04/2021 (khoản 2 mục II)"],
        "Dẫn chiếu": [
            "128/NQ-CP (chưa có trong kho) ngày 11/10/2021",
            "45/TTr-SYT (chưa có trong kho) ngày 01/03/2022",
        ],
    }
    outline = html.split('<nav class="outline"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', outline) == [
        ("dieu-1", "Điều 1"),
        ("dieu-2", "Điều 2"),
        ("dieu-3", "Điều 3"),
    ]
    body = html.split('<pre class="doc-body">', 1)[1].split("</pre>", 1)[0]
    anchors = re.findall(r'<span class="anchor" id="([^"]+)"></span>([^\n]{0,12})', body)
    assert anchors == [
        ("dieu-1", "Điều 1. Ban "),
        ("dieu-2", "Điều 2. Hiệu"),
        ("dieu-2-khoan-1", "1. Quyết địn"),
        ("dieu-2-khoan-2", "2. Sửa đổi,"),
        ("dieu-3", "Điều 3. Tổ c"),
    ]


def test_amended_plan_and_manifest_status(relations_client):
    html = main_of(relations_client.get("/documents/kh_120_2021").text)
    assert "Đã được sửa đổi, bổ sung khoản 2 mục II bởi" in html
    letter = main_of(relations_client.get("/documents/cv_99_2015").text)
    assert "<strong>Đã bị thay thế (theo danh mục của kho)</strong>" in letter


def test_status_facet_filters_and_widens_again(relations_client):
    html = relations_client.get("/", params={"q": "dịch Covid-19"}).text
    assert "ct_15_2020" in hit_ids(html)
    facet = html.split('id="facet-status"', 1)[1].split("</section>", 1)[0]
    labels = re.findall(r'<span class="facet-label">([^<]+)</span>', facet)
    assert labels == [STATUS_LABELS[s] for s in ("active", "amended", "replaced")]
    active_url = re.search(r'<a href="([^"]+)">\s*<span class="check"[^>]*></span>\s*'
                           r'<span class="facet-label">Còn hiệu lực', facet)[1]  # fmt: skip
    narrowed = relations_client.get(active_url.replace("&amp;", "&")).text
    assert "ct_15_2020" not in hit_ids(narrowed) and "kh_120_2021" not in hit_ids(narrowed)
    assert "Hiệu lực: Còn hiệu lực" in narrowed  # the active filter chip
    browse = relations_client.get("/browse", params={"status": "repealed"}).text
    assert re.findall(r'<a href="/documents/([^"]+)">', main_of(browse).split("</h1>")[1]) == [
        "qd_20_2019"
    ]
    assert 'class="tag tag-repealed">Đã bị bãi bỏ</span>' in browse


def test_bad_status_is_a_vietnamese_400_page(relations_client):
    response = relations_client.get("/", params={"status": "cũ"})
    assert response.status_code == 400
    assert "Hiệu lực «cũ» không hợp lệ" in response.text


def test_hit_links_to_its_own_mark_inside_the_section_it_names(relations_client):
    html = relations_client.get("/", params={"q": "karaoke"}).text
    link = re.search(r'<a href="(/documents/qd_07_2022\?q=karaoke#hit-(\d+))">', html)
    assert link is not None
    assert "Điều 2, khoản 2: …" in html
    page = relations_client.get(link[1].split("#")[0]).text
    body = page.split('<pre class="doc-body">', 1)[1]
    section = body.index('id="dieu-2-khoan-2"')
    mark = body.index(f'<mark id="hit-{link[2]}">')
    assert section < mark < body.index('id="dieu-3"')


def test_family_page_puts_each_issuer_on_a_row_by_date(relations_client):
    html = main_of(relations_client.get("/family/ct_05_tu").text)
    columns = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert columns == ["Cơ quan ban hành", "01/06/2021", "15/06/2021", "20/06/2021", "28/06/2021"]
    rows = re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S)
    placed = [
        (issuer, [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", cells)])
        for issuer, cells in rows
    ]
    assert placed == [
        ("Tỉnh ủy Ninh Bình", ["Chỉ thị 05-CT/TU 01/06/2021", "", "", ""]),
        (
            "Ban Tuyên giáo Tỉnh ủy Ninh Bình",
            ["", "Hướng dẫn 03-HD/BTGTU 15/06/2021 · hướng dẫn", "", ""],
        ),
        ("Huyện ủy Hoa Lư", ["", "", "Kế hoạch 12-KH/HU 20/06/2021 · triển khai", ""]),
        ("Đảng ủy xã Ninh Hải", ["", "", "", "Kế hoạch 07-KH/ĐU 28/06/2021 · triển khai"]),
    ]
    assert "triển khai thực hiện Kế hoạch 12-KH/HU" in html  # the grandchild names its parent
    reading = relations_client.get("/documents/ct_05_tu").text
    assert '<a class="family-link" href="/family/ct_05_tu">' in reading
    assert relations_client.get("/family/khong_co").status_code == 404
