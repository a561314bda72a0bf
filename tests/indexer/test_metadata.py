"""Metadata extraction on the real seed documents, the manifest, and document numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis import clean
from indexer.manifest import ManifestError, apply_manifest, load_manifest
from indexer.metadata import extract_metadata
from indexer.metadata.numbers import DOC_TYPES, fold_number, normalize_number, number_key
from indexer.records import Document, RawDocument
from tests.indexer.archive import NOTHING

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


SEEDS = {
    "000_86f9552143f492ea": {
        **NOTHING,
        "number": "342-CV/TU",
        "doc_type": "Công văn",
        "issued_date": "2021-07-22",
        "issuer": "Tỉnh ủy Ninh Bình",
        "place": "Ninh Bình",
        "subject": "tiếp tục tăng cường công tác phòng, chống dịch Covid-19",
        "signer": "Trần Hồng Quảng",
        "signer_title": "Phó Bí thư",
        "signer_capacity": "TM. Ban Thường vụ",
        "references": ["07-KL/TW", "68/NQ-CP"],
    },
    "001_093e01689cb64f89": {
        **NOTHING,
        "doc_type": "Thông báo",
        "issuer": "Văn phòng Tỉnh ủy",
        "title": "Ý kiến chỉ đạo của đồng chí Bí thư Tỉnh ủy tại Hội nghị về công tác phòng, "
        "chống dịch Covid-19 trên địa bàn huyện Trực Ninh",
        "signer": "Lê Văn Thế",
        "signer_title": "Chánh Văn phòng",
        "signer_capacity": "TL. Ban Thường vụ",
    },
    "002_8a5523bcdb22fb49": {
        **NOTHING,
        "number": "1767-CV/TU",
        "doc_type": "Công văn",
        "issued_date": "2020-07-30",
        "issuer": "Tỉnh ủy Thanh Hóa",
        "place": "Thanh Hóa",
        "subject": "triển khai thực hiện khẩn trương các biện pháp phòng, chống dịch bệnh "
        "Covid-19 trong tình hình mới",
        "signer": "Đỗ Trọng Hưng",
        "signer_title": "Phó Bí thư Thường trực",
        "signer_capacity": "TM. Ban Thường vụ",
        "urgency": "Khẩn",
    },
    "003_394cdeaefd9f1654": {
        **NOTHING,
        "doc_type": "Điện",
        "issuer": "Thường trực Ban Bí thư",
        "title": "Thường trực Ban Bí thư yêu cầu tiếp tục tăng cường công tác phòng, "
        "chống dịch Covid-19",
        "references": ["07-KL/TW"],
        "origin": "bacninh.gov.vn",
    },
    "004_f7e6265e96402aee": {
        **NOTHING,
        "references": ["10-TB/VPTW", "1102/CĐ-TTg", "188-CV/TU"],
    },
}


def seed(doc_id: str) -> RawDocument:
    path = CORPUS / f"{doc_id}.txt"
    return RawDocument(doc_id, path.name, clean(path.read_text(encoding="utf-8")))


def metadata(doc: Document) -> dict:
    fields = doc.to_dict()
    del fields["id"], fields["source"], fields["body"]
    del fields["relations"], fields["sections"], fields["status_override"]  # test_relations
    return fields


def synthetic(text: str) -> dict:
    return metadata(extract_metadata(RawDocument("synthetic", "synthetic.txt", text)))


# --- The seeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", sorted(SEEDS))
def test_extraction_reads_each_seed_field_by_field(doc_id):
    assert metadata(extract_metadata(seed(doc_id))) == SEEDS[doc_id]


def test_extraction_keeps_id_and_source_of_the_raw_document():
    doc = extract_metadata(seed("000_86f9552143f492ea"))
    assert (doc.id, doc.source) == ("000_86f9552143f492ea", "000_86f9552143f492ea.txt")


def test_body_loses_conversion_bookmarks_and_keeps_the_text():
    body = extract_metadata(seed("004_f7e6265e96402aee")).body
    assert "[bookmark" not in body
    assert "\nNgày 24/8/2021, Văn phòng Trung ương Đảng ban hành Thông báo số 10- TB/VPTW" in body


def test_meeting_date_of_a_thong_bao_is_not_its_issue_date():
    doc = extract_metadata(seed("001_093e01689cb64f89"))
    assert "Ngày 12/5/2021" in doc.body
    assert doc.issued_date is None


def test_own_number_is_not_among_the_references():
    doc = extract_metadata(seed("000_86f9552143f492ea"))
    assert "Số 342 - CV/TU" in doc.body
    assert number_key("342-CV/TU") not in {number_key(r) for r in doc.references}


# --- Synthetic headers -------------------------------------------------------------------

STATE_CHI_THI = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
-------
Số: 15/CT-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Nội, ngày 05 tháng 3 năm 2019

CHỈ THỊ
VỀ TĂNG CƯỜNG CÔNG TÁC PHÒNG CHÁY, CHỮA CHÁY
trên địa bàn Thành phố

Thực hiện Chỉ thị số 47-CT/TW ngày 25/6/2015 của Ban Bí thư và Nghị định \
số 136/2020/NĐ-CP của Chính phủ, Ủy ban nhân dân Thành phố yêu cầu các sở, ngành, \
quận, huyện, thị xã tổ chức thực hiện nghiêm các nhiệm vụ sau đây từ ngày 10/3/2019.

T/M ỦY BAN NHÂN DÂN
CHỦ TỊCH


Nguyễn Đức Chung
"""


def test_state_style_chi_thi_header_is_read_in_full():
    assert synthetic(STATE_CHI_THI) == {
        **NOTHING,
        "number": "15/CT-UBND",
        "doc_type": "Chỉ thị",
        "issued_date": "2019-03-05",
        "issuer": "Ủy ban nhân dân thành phố Hà Nội",
        "place": "Hà Nội",
        "title": "Về tăng cường công tác phòng cháy, chữa cháy trên địa bàn Thành phố",
        "signer": "Nguyễn Đức Chung",
        "signer_title": "Chủ tịch",
        "signer_capacity": "TM. Ủy ban nhân dân",
        "references": ["47-CT/TW", "136/2020/NĐ-CP"],
    }


def test_header_date_written_with_slashes_is_accepted():
    text = "TỈNH ỦY NINH BÌNH\nSố 342-CV/TU\nNinh Bình, ngày 22/7/2021\n\nNội dung."
    fields = synthetic(text)
    assert (fields["issued_date"], fields["place"]) == ("2021-07-22", "Ninh Bình")


def test_text_without_a_header_states_nothing():
    text = (
        "Các cấp ủy tăng cường kiểm tra, giám sát công tác phòng, chống dịch theo phương "
        "châm 4 tại chỗ; báo cáo kết quả trước ngày 30/8/2021.\n"
    )
    assert synthetic(text) == NOTHING


def test_empty_text_states_nothing():
    assert synthetic("") == NOTHING


def test_urgency_line_thuong_khan_is_read():
    text = "TỈNH ỦY THANH HÓA\nSố 12-CV/TU\n\nTHƯỢNG KHẨN\n\nKính gửi: các huyện ủy"
    assert synthetic(text)["urgency"] == "Thượng khẩn"


# --- The manifest ------------------------------------------------------------------------


def test_corpus_manifest_dates_seed_003():
    manifest = load_manifest(CORPUS / "manifest.csv")
    doc = extract_metadata(seed("003_394cdeaefd9f1654"))
    dated = apply_manifest(doc, manifest["003_394cdeaefd9f1654"])
    assert metadata(dated) == {**SEEDS["003_394cdeaefd9f1654"], "issued_date": "2021-07-21"}


def test_corpus_manifest_holds_only_non_empty_cells():
    assert load_manifest(CORPUS / "manifest.csv") == {
        "003_394cdeaefd9f1654": {
            "issued_date": "2021-07-21",
            "note": "the Điện is dated 21/7/2021 by seed 000, which cites 'Điện ngày 21/7/2021'",
        }
    }


def test_missing_manifest_means_no_overrides(tmp_path):
    assert load_manifest(tmp_path / "manifest.csv") == {}


def test_manifest_references_are_split_normalized_and_replace_extraction(tmp_path):
    path = tmp_path / "manifest.csv"
    rows = ["id,number,references,signer", "a,Số 9 - CV/TU,07-KL/TW; số 10- TB/VPTW;,"]
    path.write_text("\n".join([*rows, "b,,-,Lê Văn Thế", ""]), encoding="utf-8")
    manifest = load_manifest(path)
    assert manifest == {
        "a": {"number": "9-CV/TU", "references": ["07-KL/TW", "10-TB/VPTW"]},
        "b": {"references": [], "signer": "Lê Văn Thế"},
    }
    doc = Document("b", "b.txt", "", number="1-CV/TU", references=["68/NQ-CP"])
    assert metadata(apply_manifest(doc, manifest["b"])) == {
        **NOTHING,
        "number": "1-CV/TU",
        "signer": "Lê Văn Thế",
    }


@pytest.mark.parametrize(
    "content",
    ["id,issued_date\na,21/7/2021\n", "id,colour\na,red\n", "id,title\na,x\na,y\n"],
)
def test_malformed_manifest_is_rejected_with_its_reason(tmp_path, content):
    path = tmp_path / "manifest.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ManifestError):
        load_manifest(path)


# --- Document numbers --------------------------------------------------------------------


def test_loose_numbers_normalize_to_the_keyword_form():
    written = ["Số 342 - CV/TU", "số 10- TB/VPTW", "Số: 15/CT-UBND", "30/2020/NĐ-CP", "1102/CĐ-TTg"]
    assert [normalize_number(t) for t in written] == [
        "342-CV/TU",
        "10-TB/VPTW",
        "15/CT-UBND",
        "30/2020/NĐ-CP",
        "1102/CĐ-TTg",
    ]


def test_lower_case_numbers_are_upper_cased_and_dashes_unified():
    assert normalize_number("342 – cv/tu") == "342-CV/TU"
    assert normalize_number("1102/cđ-ttg") == "1102/CĐ-TTG"


def test_filing_marks_dates_and_ranges_are_not_numbers():
    texts = ["CV/TU.TH.C", "21/7/2021", "2021-2026", "Chỉ thị số 16", "Covid-19", ""]
    assert [normalize_number(t) for t in texts] == [None] * len(texts)


def test_number_keys_ignore_case_spaces_separators_and_accents():
    assert number_key("342 - cv/tu") == number_key("342-CV/TU") == "342CVTU"
    assert number_key("1767/CV-TU") == number_key("1767-CV/TU") == "1767CVTU"
    assert number_key("1102/cd-ttg") == number_key("1102/CĐ-TTg") == "1102CDTTG"


def test_folded_number_keeps_its_separators():
    assert [fold_number(n) for n in ("1102/CĐ-TTG", "30/2020/NĐ-CP", "Số 342 - CV/TU")] == [
        "1102/CD-TTG",
        "30/2020/ND-CP",
        "342-CV/TU",
    ]


def test_doc_types_name_the_common_prefixes():
    common = ["CV", "TB", "KL", "NQ", "CT", "QĐ", "CĐ", "HD", "KH", "BC", "TTr"]
    assert {p: DOC_TYPES[p] for p in common} == {
        "CV": "Công văn",
        "TB": "Thông báo",
        "KL": "Kết luận",
        "NQ": "Nghị quyết",
        "CT": "Chỉ thị",
        "QĐ": "Quyết định",
        "CĐ": "Công điện",
        "HD": "Hướng dẫn",
        "KH": "Kế hoạch",
        "BC": "Báo cáo",
        "TTr": "Tờ trình",
    }


HUYEN_UY_THONG_BAO = """ĐẢNG BỘ TỈNH THANH HÓA
HUYỆN ỦY NGA SƠN
*
Số 12-TB/HU
Nga Sơn, ngày 1 tháng 10 năm 2021

THÔNG BÁO
KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY
về công tác phòng, chống dịch

Ban Thường vụ Huyện ủy kết luận như sau.

K/T BÍ THƯ
PHÓ BÍ THƯ
(Đã ký)
Lê Văn An
"""


def test_party_header_under_a_superior_body_names_the_issuing_body():
    assert synthetic(HUYEN_UY_THONG_BAO) == {
        **NOTHING,
        "number": "12-TB/HU",
        "doc_type": "Thông báo",
        "issued_date": "2021-10-01",
        "issuer": "Huyện ủy Nga Sơn",
        "place": "Nga Sơn",
        "title": "Kết luận của Ban Thường vụ Huyện ủy về công tác phòng, chống dịch",
        "signer": "Lê Văn An",
        "signer_title": "Phó Bí thư",
        "signer_capacity": "KT. Bí thư",
    }


def test_signature_for_a_body_without_a_title_line_has_no_signer_title():
    text = "Nội dung chỉ đạo.\n\nT/M BAN BÍ THƯ\n\n\nNGUYỄN VĂN AN\n"
    fields = synthetic(text)
    assert (fields["signer"], fields["signer_title"]) == ("Nguyễn Văn An", None)
