"""One number normalization (indexer.metadata.numbers) for indexing, look-ups, search and
citations."""

from __future__ import annotations

import pytest

from indexer.metadata.numbers import LookupForms, find_numbers, lookup_forms, normalize_number

PRINTED = ["Số: 15/CT-UBND", "Số 15/CT-UBND", "số 15 / ct-ubnd", "SỐ:15/CT - UBND", "So 15/CT-UBND"]


@pytest.mark.parametrize("typed", PRINTED)
def test_a_number_line_as_printed_gives_the_documents_forms(typed):
    assert lookup_forms(typed) == LookupForms("15/CT-UBND", "15/CT-UBND", "15CTUBND")


def test_forms_keep_the_letter_that_tells_de_an_from_du_an():
    assert [lookup_forms(n) for n in ("12/ĐA-UBND", "12/DA-UBND", "3/HĐ-UBND")] == [
        LookupForms("12/ĐA-UBND", "12/DA-UBND", "12DAUBND"),
        LookupForms("12/DA-UBND", "12/DA-UBND", "12DAUBND"),
        LookupForms("3/HĐ-UBND", "3/HD-UBND", "3HDUBND"),
    ]


def test_state_and_party_shapes_normalize():
    written = ["123/2021/qđ-ubnd", "Số 05 - NQ/TW", "10-QĐi/TW", "số 10- TB/VPTW", "1102/CĐ-TTg"]
    assert [normalize_number(t) for t in written] == [
        "123/2021/QĐ-UBND",
        "05-NQ/TW",
        "10-QĐi/TW",
        "10-TB/VPTW",
        "1102/CĐ-TTg",
    ]


def test_numbers_that_are_not_document_numbers_stay_none():
    assert [normalize_number(t) for t in ("Số 342", "số:", "Sổ tay 2021", "21/7/2021")] == [
        None
    ] * 4


def test_citations_in_text_use_the_same_normalization():
    text = "Căn cứ Chỉ thị số 15/ CT-UBND ngày 05/8/2021, Quy định số 10-QĐi/TW và 15/CT-UBND."
    assert find_numbers(text) == ["15/CT-UBND", "10-QĐi/TW"]
