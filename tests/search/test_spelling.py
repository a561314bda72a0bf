"""Vietnamese spelling equivalences at search time: i/y (QĐ 1989/QĐ-BGDĐT Điều 9), the
look-alike eth, the abbreviations staff type, ordinals and Roman numerals; on the seeds
and on small documents that differ only in spelling (real index, real API)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from tests.conftest import SEED

# Pairs of documents that say the same thing in the two legal spellings.
SPELLED = {
    "ky_y": "Sở Khoa học và Công nghệ tổ chức tập huấn kỹ thuật cho cán bộ quản lý; "
    "chuyên gia Mỹ hướng dẫn, tỷ lệ đạt yêu cầu cao, quý I năm 2021.",
    "ki_i": "Sở Khoa học và Công nghệ tổ chức tập huấn kĩ thuật cho cán bộ quản lí; "
    "chuyên gia Mĩ hướng dẫn, tỉ lệ đạt yêu cầu cao, quí I năm 2021.",
    "hy_vong": "Nhân dân đặt nhiều hy vọng vào chương trình; đoàn công tác thăm Hy Lạp.",
    "hi_vong": "Cán bộ, chiến sĩ hi sinh anh dũng; nhân dân đặt nhiều hi vọng vào chương trình.",
    "eth": "ÐẢNG BỘ TỈNH NINH BÌNH\nÐảng ủy xã Ninh Vân triển khai Nghị quyết Ðại hội.",
    "dai_hoi_xiii": "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; "
    "Quốc hội khóa XV, kỳ họp thứ hai.",
    "khoa_13": "Hội nghị lần thứ 5 Ban Chấp hành Trung ương khóa 13 bàn về đất đai.",
    "khoa_xiii": "Ban Chấp hành Trung ương khóa XIII họp Hội nghị lần thứ năm về đất đai.",
}


@pytest.fixture(scope="module")
def spelled(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("spelled") / "corpus"
    corpus.mkdir()
    for name, text in SPELLED.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("spelled-index")
    assert build_index(corpus, index_dir, jobs=1).skipped == []
    with TestClient(create_app(Settings(index_dir=index_dir, corpus_dir=corpus))) as client:
        yield client


def search(client, q: str) -> dict:
    response = client.get("/api/search", params={"q": q, "per_page": 50})
    assert response.status_code == 200, response.text
    return response.json()


def found(client, q: str) -> tuple[list[str], bool]:
    body = search(client, q)
    return [r["id"] for r in body["results"]], body["relaxed"]


@pytest.mark.parametrize("q", ["kĩ năng", "kỹ năng"])
def test_ki_nang_finds_the_seeds_that_say_ky_nang_without_relaxation(client, q):
    ids, relaxed = found(client, q)
    assert (sorted(ids[:2]), relaxed) == (sorted([SEED["000"], SEED["003"]]), False)
    assert found(client, f'"{q}"') == (ids[:2], False)


def test_xu_li_nghiem_finds_xu_ly_nghiem_and_the_reverse(client):
    assert found(client, "xử lí nghiêm") == found(client, "xử lý nghiêm")
    assert len(found(client, "xử lí nghiêm")[0]) == 5


def test_chien_si_and_chien_sy_find_each_other(client):
    assert sorted(found(client, '"chiến sĩ"')[0]) == sorted([SEED["001"], SEED["004"]])
    assert sorted(found(client, '"chiến sỹ"')[0]) == sorted([SEED["001"], SEED["004"]])


@pytest.mark.parametrize(
    "q, typed_first",
    [("kĩ thuật", "ki_i"), ("kỹ thuật", "ky_y"), ("quản lí", "ki_i"), ("quản lý", "ky_y"),
     ("tỉ lệ", "ki_i"), ("tỷ lệ", "ky_y"), ("chuyên gia Mĩ", "ki_i"), ("chuyên gia Mỹ", "ky_y"),
     ("quý I", "ky_y"), ("quí I", "ki_i"), ("hi vọng", "hi_vong"), ("hy vọng", "hy_vong")],
)  # fmt: skip
def test_both_spellings_match_and_the_one_typed_ranks_first(spelled, q, typed_first):
    ids, relaxed = found(spelled, q)
    other = {"ki_i": "ky_y", "ky_y": "ki_i", "hi_vong": "hy_vong", "hy_vong": "hi_vong"}
    assert (ids, relaxed) == ([typed_first, other[typed_first]], False)


def test_hi_alone_is_not_every_hy(spelled):
    assert found(spelled, "hi") == (["hi_vong"], False)
    assert found(spelled, "hy") == (["hy_vong"], False)
    assert found(spelled, "Hy Lạp") == (["hy_vong"], False)
    assert found(spelled, "hi sinh") == found(spelled, "hy sinh") == (["hi_vong"], False)


def test_the_highlight_marks_the_documents_own_spelling(spelled):
    snippets = {r["id"]: r["snippet"] for r in search(spelled, "kĩ thuật")["results"]}
    assert "<mark>kĩ thuật</mark>" in snippets["ki_i"]
    assert "<mark>kỹ thuật</mark>" in snippets["ky_y"]


def test_seed_snippet_marks_ky_nang_for_ki_nang(client):
    snippets = {r["id"]: r["snippet"] for r in search(client, "kĩ năng")["results"]}
    assert all("<mark>kỹ năng</mark>" in snippets[SEED[n]] for n in ("000", "003"))


def test_lookalike_eth_is_d_with_stroke(spelled):
    assert found(spelled, "Đảng ủy xã Ninh Vân") == (["eth"], False)
    assert found(spelled, "dang uy xa ninh van") == (["eth"], False)
    assert found(spelled, "Ðại hội") == found(spelled, "Đại hội")
    assert "eth" in found(spelled, "Ðại hội")[0]
    body = spelled.get("/api/documents/eth").json()["body"]
    assert body.splitlines()[0] == "ĐẢNG BỘ TỈNH NINH BÌNH"


@pytest.mark.parametrize(
    "short, long",
    [("BTV", "Ban Thường vụ"), ("BCĐ", "Ban Chỉ đạo"), ("TTg", "Thủ tướng"), ("QH", "Quốc hội"),
     ("CP", "Chính phủ"), ("BCH", "Ban Chấp hành")],
)  # fmt: skip
def test_staff_abbreviations_find_their_long_forms(client, short, long):
    by_short, relaxed = found(client, short)
    by_long, _ = found(client, long)
    assert set(by_long) <= set(by_short)
    assert by_short and not relaxed


def test_btc_is_ban_to_chuc_or_bo_tai_chinh_which_stay_apart():
    from indexer.analysis import variants

    assert variants(["btc"]) == [[("btc",)], [("ban", "tổ", "chức")], [("bộ", "tài", "chính")]]
    assert variants(["ban", "tổ", "chức"]) == [[("ban", "tổ", "chức")], [("btc",)]]


@pytest.mark.parametrize(
    "q, expected",
    [("kỳ họp thứ 2", ["dai_hoi_xiii"]), ("kỳ họp thứ hai", ["dai_hoi_xiii"]),
     ('"kỳ họp thứ 2"', ["dai_hoi_xiii"]), ("khóa XV", ["dai_hoi_xiii"]),
     ("khóa 15", ["dai_hoi_xiii"]), ('"lần thứ 13"', ["dai_hoi_xiii"]),
     ("lần thứ XIII", ["dai_hoi_xiii"]), ('"Đại hội XIII"', []), ("thứ 2 Đảng", ["dai_hoi_xiii"])],
)  # fmt: skip
def test_ordinals_and_roman_numerals_match_their_other_forms(spelled, q, expected):
    assert found(spelled, q) == (expected, False)


@pytest.mark.parametrize(
    "q, expected",
    [("khóa 13", ["khoa_13", "khoa_xiii"]), ("khóa XIII", ["khoa_xiii", "khoa_13"]),
     ('"khóa 13"', ["khoa_13", "khoa_xiii"]), ("lần thứ 5", ["khoa_13", "khoa_xiii"]),
     ("lần thứ năm", ["khoa_xiii", "khoa_13"])],
)  # fmt: skip
def test_both_forms_match_and_the_one_typed_ranks_first(spelled, q, expected):
    assert found(spelled, q) == (expected, False)


def test_roman_numerals_stay_upper_case_in_the_text_shown(spelled):
    body = spelled.get("/api/documents/dai_hoi_xiii").json()["body"]
    assert "lần thứ XIII" in body and "khóa XV" in body
    snippet = search(spelled, '"khóa 15"')["results"][0]["snippet"]
    assert "<mark>khóa XV</mark>" in snippet


def test_lan_thu_v_finds_both_other_forms(spelled):
    ids, relaxed = found(spelled, "lần thứ V")
    assert (sorted(ids), relaxed) == (["khoa_13", "khoa_xiii"], False)


def test_thu_nam_is_not_any_nam_of_the_text(client):
    # every seed says "năm 2021" and two say "lần thứ tư": none says "lần thứ năm"
    assert found(client, "lần thứ năm")[1] is True
    assert found(client, '"lần thứ 5"') == ([], False)


def test_thu_4_is_thu_tu_at_the_end_of_a_query(client):
    assert found(client, "lần thứ 4") == found(client, "lần thứ tư")
    assert len(found(client, "lần thứ 4")[0]) >= 2


RESOLUTION = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 18-NQ/TW

ĐẢNG CỘNG SẢN VIỆT NAM

Hà Nội, ngày 16 tháng 6 năm 2022

NGHỊ QUYẾT
HỘI NGHỊ LẦN THỨ NĂM BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII
về tiếp tục đổi mới, hoàn thiện thể chế, chính sách đất đai

Đất đai là nguồn lực to lớn của đất nước.
"""


def test_session_numerals_stay_upper_case_in_titles_and_match_digits(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nq_18.txt").write_text(RESOLUTION, encoding="utf-8")
    assert build_index(corpus, tmp_path / "index", jobs=1).skipped == []
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=corpus)
    with TestClient(create_app(settings)) as client:
        hits = [
            (r["id"], r["title"])
            for q in ("khóa 13", "lần thứ 5 khóa XIII", "hội nghị thứ năm")
            for r in search(client, q)["results"]
        ]
    title = (
        "Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới, "
        "hoàn thiện thể chế, chính sách đất đai"
    )
    assert hits == [("nq_18", title)] * 3
