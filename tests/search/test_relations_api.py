"""Relations, status, outline and family through the API, on a real index of the
relations fixtures (State and Party documents that point at each other)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from api.cli import main
from indexer.build import build_index, remove_documents
from search.models import SearchRequest
from search.query import parse_query
from search.relations import load_statuses, status_counts
from search.searcher import Engine


def statuses(client, **params) -> dict[str, str]:
    body = client.get("/api/export", params={"format": "json", **params}).json()
    return {r["id"]: r["status"] for r in body["results"]}


def test_decision_gives_exactly_its_typed_relations_resolved(relations_client):
    doc = relations_client.get("/api/documents/qd_07_2022").json()
    assert [r for r in doc["relations"] if r["type"] != "cites"] == [
        {"type": "replaces", "number": "15/CT-UBND", "date": "2020-04-02", "scope": None,
         "id": "ct_15_2020"},
        {"type": "amends", "number": "120/KH-UBND", "date": "2021-04-05",
         "scope": "khoản 2 mục II", "id": "kh_120_2021"},
    ]  # fmt: skip
    assert [r for r in doc["relations"] if r["type"] == "cites"] == [
        {"type": "cites", "number": "128/NQ-CP", "date": "2021-10-11", "scope": None, "id": None},
        {"type": "cites", "number": "45/TTr-SYT", "date": "2022-03-01", "scope": None, "id": None},
    ]
    assert doc["references"] == [
        {"number": n, "id": i}
        for n, i in (
            ("128/NQ-CP", None),
            ("45/TTr-SYT", None),
            ("15/CT-UBND", "ct_15_2020"),
            ("120/KH-UBND", "kh_120_2021"),
        )
    ]
    assert doc["status"] == "active" and doc["status_by"] is None
    assert doc["outline"] == [
        {
            "label": "Điều 1",
            "title": "Ban hành kèm theo Quyết định này Quy định về phòng, chống dịch Covid-19 "
            "trong tình hình mới trên …",
            "anchor": "dieu-1",
            "level": 1,
        },
        {"label": "Điều 2", "title": "Hiệu lực thi hành", "anchor": "dieu-2", "level": 1},
        {"label": "Điều 3", "title": "Tổ chức thực hiện", "anchor": "dieu-3", "level": 1},
    ]


def test_replaced_and_amended_documents_say_by_whom(relations_client):
    directive = relations_client.get("/api/documents/ct_15_2020").json()
    decision = {
        "id": "qd_07_2022",
        "number": "07/2022/QĐ-UBND",
        "issued_date": "2022-03-15",
        "doc_type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Ninh Bình",
        "title": "Ban hành Quy định về phòng, chống dịch Covid-19 trong tình hình mới trên "
        "địa bàn tỉnh",
    }
    assert directive["status"] == "replaced"
    assert directive["status_by"] == {"type": "replaces", **decision, "scope": None}
    assert [(r["type"], r["id"]) for r in directive["related_by"]] == [
        ("replaces", "qd_07_2022"),
        ("implements", "kh_120_2021"),
    ]
    assert [c["id"] for c in directive["cited_by"]] == ["kh_120_2021", "qd_07_2022"]  # kept
    plan = relations_client.get("/api/documents/kh_120_2021").json()
    assert (plan["status"], plan["status_by"]["id"]) == ("amended", "qd_07_2022")


def test_a_relation_to_a_document_not_in_the_archive_resolves_to_null(relations_client):
    directive = relations_client.get("/api/documents/ct_15_2020").json()
    assert directive["relations"] == [
        {
            "type": "implements",
            "number": "16/CT-TTg",
            "date": "2020-03-31",
            "scope": None,
            "id": None,
        }
    ]


def test_latest_relation_wins_and_the_manifest_overrides(relations_client):
    # 20/2019 is amended by 11/2021 (9/2/2021), then repealed by 09/2022 (10/5/2022)
    rule = relations_client.get("/api/documents/qd_20_2019").json()
    assert (rule["status"], rule["status_by"]["id"]) == ("repealed", "qd_09_2022")
    assert [(r["type"], r["id"]) for r in rule["related_by"]] == [
        ("amends", "qd_11_2021"),
        ("repeals", "qd_09_2022"),
    ]
    letter = relations_client.get("/api/documents/cv_99_2015").json()
    assert (letter["status"], letter["status_by"]) == ("replaced", None)  # manifest
    assert statuses(relations_client) == {
        "qd_09_2022": "active",
        "qd_07_2022": "active",
        "kh_07_du": "active",
        "kh_12_hu": "active",
        "hd_03_btgtu": "active",
        "ct_05_tu": "active",
        "kh_120_2021": "amended",
        "qd_11_2021": "active",
        "ct_15_2020": "replaced",
        "qd_20_2019": "repealed",
        "cv_99_2015": "replaced",
    }


def test_status_filter_hides_the_replaced_directive(relations_client):
    def ids(**params):
        body = relations_client.get("/api/search", params={"q": "dịch Covid-19", **params}).json()
        return sorted(h["id"] for h in body["results"]), body["facets"]["status"]

    everything, facet = ids()
    assert "ct_15_2020" in everything
    assert facet == [
        {"value": "active", "count": len(everything) - 2, "selected": False},
        {"value": "amended", "count": 1, "selected": False},
        {"value": "replaced", "count": 1, "selected": False},
    ]
    active, facet = ids(status="active")
    assert active == sorted(set(everything) - {"ct_15_2020", "kh_120_2021"})
    assert facet[0] == {"value": "active", "count": len(active), "selected": True}
    either, _ = ids(status=["replaced", "amended"])
    assert either == ["ct_15_2020", "kh_120_2021"]


def test_status_on_browse_timeline_and_export(relations_client):
    browse = relations_client.get("/api/search", params={"status": "repealed"}).json()
    assert [(h["id"], h["status"]) for h in browse["results"]] == [("qd_20_2019", "repealed")]
    timeline = relations_client.get("/api/timeline", params={"status": ["replaced"]}).json()
    assert timeline == {"buckets": [{"key": "2015", "count": 1}, {"key": "2020", "count": 1}]}
    exported = relations_client.get("/api/export", params={"format": "csv", "status": "amended"})
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["id"], r["status"], r["relations"]) for r in rows] == [
        ("kh_120_2021", "amended", "implements 15/CT-UBND")
    ]
    data = json.loads(relations_client.get("/api/export", params={"q": "karaoke"}).text)
    assert all("sections" not in r and "body" not in r for r in data["results"])


def test_bad_status_is_a_400_with_detail(relations_client):
    for path in ("/api/search", "/api/timeline", "/api/export"):
        response = relations_client.get(path, params={"status": "hết hạn"})
        assert response.status_code == 400
        assert response.json() == {
            "detail": "status must be one of active, amended, partly_repealed, replaced, "
            "repealed, not 'hết hạn'"
        }


def test_snippet_names_the_section_of_the_hit(relations_client):
    body = relations_client.get("/api/search", params={"q": "vũ trường hoạt động trở lại"}).json()
    hit = next(h for h in body["results"] if h["id"] == "qd_07_2022")
    assert hit["section"] == {"label": "Điều 2, khoản 2", "anchor": "dieu-2-khoan-2"}
    assert hit["snippet"].startswith("Điều 2, khoản 2: … ")
    plan = relations_client.get("/api/search", params={"q": "tạm dừng hoạt động"}).json()
    assert plan["results"][0]["section"] == {
        "label": "Phần II, mục 2",
        "anchor": "phan-ii-muc-2",
    }


def test_family_follows_implementation_down_the_chain(relations_client):
    body = relations_client.get("/api/documents/ct_05_tu/family").json()
    assert body["document"]["id"] == "ct_05_tu"
    assert [(m["id"], m["type"], m["parent"], m["depth"]) for m in body["members"]] == [
        ("kh_12_hu", "implements", "ct_05_tu", 1),
        ("hd_03_btgtu", "guides", "ct_05_tu", 1),
        ("kh_07_du", "implements", "kh_12_hu", 2),
    ]
    assert relations_client.get("/api/documents/khong_co/family").status_code == 404


def test_status_follows_incremental_adds_and_deletes(relations_corpus, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(relations_corpus, corpus)
    index = tmp_path / "index"
    build_index(corpus, index, jobs=1)
    with Engine(index) as engine:
        assert engine.document("ct_15_2020").status == "replaced"
        remove_documents(index, ["qd_07_2022"])
        assert engine.document("ct_15_2020").status == "active"
        assert engine.document("kh_120_2021").status == "active"
        new = corpus / "qd_30_2023.txt"
        new.write_text(
            "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 30/2023/QĐ-UBND\n\n"
            "Ninh Bình, ngày 01 tháng 2 năm 2023\n\nQUYẾT ĐỊNH\nBãi bỏ Kế hoạch\n\n"
            "Điều 1. Bãi bỏ Kế hoạch số 120/KH-UBND ngày 05/4/2021 của Ủy ban nhân dân tỉnh.\n",
            encoding="utf-8",
        )
        build_index(corpus, index, files=[new], jobs=1)
        view = engine.document("kh_120_2021")
        assert (view.status, view.status_by["id"]) == ("repealed", "qd_30_2023")
        found = engine.search(SearchRequest(status=["repealed"], sort="newest"))
        assert sorted(h.id for h in found.results) == ["kh_120_2021", "qd_20_2019"]


def test_the_cli_filters_by_status_and_shows_it(relations_index):
    runner = CliRunner()
    args = ["search", "karaoke", "--status", "repealed", "--index-dir", str(relations_index)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("1 documents")
    assert "qd_20_2019  20/2019/QĐ-UBND  Quyết định  2019-08-12  (repealed)" in result.output
    wrong = runner.invoke(main, [*args[:2], "--status", "old", *args[4:]])
    assert wrong.exit_code == 1
    assert "must be one of active, amended, partly_repealed, replaced, repealed" in wrong.output


@pytest.mark.parametrize("q", ["", "karaoke", "dịch Covid-19"])
def test_status_counts_by_ids_and_by_one_run_per_status_agree(relations_index, q):
    with Engine(relations_index) as engine:
        statuses = load_statuses(engine.reader)
        query = parse_query(q)
        plan = engine._plan(query, SearchRequest(q=q), any_group=False, limit=0)
        by_ids = status_counts(engine.reader, plan, statuses)
        per_status = status_counts(engine.reader, plan, statuses, by_ids=0)
        total = engine.search(SearchRequest(q=q)).total
    assert by_ids == per_status
    assert sum(by_ids.values()) == total
