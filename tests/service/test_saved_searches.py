"""Saved searches: kept in SQLite beside the index, through restarts and rebuilds; only the
key holder saves, marks seen or deletes; counts and "new since last seen" follow the index."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from api.cli import main
from tests.conftest import SEED
from tests.service.conftest import CITING, KEY, upload

SEARCH = {"name": "Bốn tại chỗ", "q": "4 tại chỗ", "doc_type": ["Công văn"]}


def save(client, body=SEARCH, headers=KEY):
    return client.post("/api/saved-searches", json=body, headers=headers)


def test_saved_search_survives_a_restart_and_a_rebuild(archive):
    with archive.client() as client:
        created = save(client)
        assert created.status_code == 201, created.text
        search_id = created.json()["id"]
        assert created.json()["total"] == 2 and created.json()["new"] == 0
    with archive.client() as restarted:
        assert restarted.get(f"/api/saved-searches/{search_id}").json() == created.json()
    command = ["index", str(archive.corpus), "--index-dir", str(archive.index_dir), "--rebuild"]
    rebuilt_index = CliRunner().invoke(main, [*command, "--jobs", "1", "--quiet"])
    assert rebuilt_index.exit_code == 0, rebuilt_index.output
    assert sorted(p.name for p in archive.index_dir.glob("gen-*")) == ["gen-000002"]
    with archive.client() as rebuilt:
        listed = rebuilt.get("/api/saved-searches").json()["results"]
    assert listed == [created.json()]
    assert (archive.index_dir / "saved-searches.sqlite3").is_file()


def test_a_saved_search_reports_documents_new_since_last_seen(archive):
    with archive.client() as client:
        search_id = save(client, {"name": "Kế hoạch 4 tại chỗ", "q": "4 tai cho"}).json()["id"]
        before = client.get(f"/api/saved-searches/{search_id}").json()
        new_id = upload(client, "ke_hoach_15.txt", CITING)
        after = client.get(f"/api/saved-searches/{search_id}").json()
        assert (after["total"], after["new"], after["new_ids"]) == (
            before["total"] + 1,
            1,
            [new_id],
        )
        seen = client.post(f"/api/saved-searches/{search_id}/seen", headers=KEY).json()
        assert (seen["total"], seen["new"], seen["new_ids"]) == (after["total"], 0, [])
        assert seen["seen_at"] >= before["seen_at"]
        listed = client.get("/api/saved-searches").json()["results"]
    assert [(s["id"], s["new"]) for s in listed] == [(search_id, 0)]


def test_saved_search_keeps_every_parameter_and_links_its_search_and_feed(archive):
    body = {"name": "Năm 2021", "q": "", "doc_type": [], "issuer": ["Tỉnh ủy Ninh Bình"],
            "year": [2021], "signer": [], "date_from": "2021-07-01", "date_to": "2021-12-31",
            "sort": "oldest"}  # fmt: skip
    with archive.client() as client:
        saved = save(client, body).json()
        search = client.get(saved["search_url"]).json()
        feed = client.get(saved["feed_url"])
    assert {k: saved[k] for k in body} == body
    assert saved["total"] == search["total"] == 1
    assert [h["id"] for h in search["results"]] == [SEED["000"]]
    assert feed.status_code == 200 and feed.headers["content-type"].startswith(
        "application/atom+xml"
    )


@pytest.mark.parametrize(
    ("headers", "status"), [({}, 401), ({"X-API-Key": ""}, 401), ({"X-API-Key": "sai"}, 403)]
)
def test_saving_marking_and_deleting_need_the_key(archive, headers, status):
    with archive.client() as client:
        search_id = save(client).json()["id"]
        refused = [
            save(client, headers=headers),
            client.post(f"/api/saved-searches/{search_id}/seen", headers=headers),
            client.delete(f"/api/saved-searches/{search_id}", headers=headers),
        ]
        assert [(r.status_code, list(r.json())) for r in refused] == [(status, ["detail"])] * 3
        assert [s["id"] for s in client.get("/api/saved-searches").json()["results"]] == [search_id]


def test_saving_is_refused_when_no_key_is_configured(archive):
    archive.settings.api_key = None
    with archive.client() as client:
        response = save(client)
    assert response.status_code == 403
    assert response.json() == {"detail": "writes are disabled: TRACUU_API_KEY is not configured"}


def test_deleted_saved_search_is_gone(archive):
    with archive.client() as client:
        search_id = save(client).json()["id"]
        assert client.delete(f"/api/saved-searches/{search_id}", headers=KEY).status_code == 204
        assert client.get(f"/api/saved-searches/{search_id}").status_code == 404
        again = client.delete(f"/api/saved-searches/{search_id}", headers=KEY)
        assert again.status_code == 404
        assert again.json() == {"detail": f"no saved search with id {search_id}"}
        assert client.get(f"/feeds/saved/{search_id}.atom").status_code == 404


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"name": "", "q": "x"}, "name: String should have at least 1 character"),
        ({"name": "x", "q": '"bốn tại'}, "unbalanced quote"),
        ({"name": "x", "date_from": "22/7/2021"}, "date_from must be a date"),
        ({"name": "x", "sort": "random"}, "sort: String should match pattern"),
        ({"name": "x", "page": 2}, "page: Extra inputs are not permitted"),
    ],
)
def test_bad_saved_searches_are_400_with_a_detail(archive, body, detail):
    with archive.client() as client:
        response = save(client, body)
        assert response.status_code == 400
        assert response.json()["detail"].startswith(detail), response.json()
        assert client.get("/api/saved-searches").json() == {"results": []}


@pytest.mark.parametrize("search_id", ["0", "-1", "9223372036854775808", str(10**30)])
def test_ids_past_sqlite_integers_are_404(archive, search_id):
    with archive.client() as client:
        answers = [
            client.get(f"/api/saved-searches/{search_id}"),
            client.get(f"/feeds/saved/{search_id}.atom"),
            client.delete(f"/api/saved-searches/{search_id}", headers=KEY),
            client.post(f"/api/saved-searches/{search_id}/seen", headers=KEY),
        ]
    for answer in answers:
        assert answer.status_code == 404
        assert answer.json() == {"detail": f"no saved search with id {int(search_id)}"}


def test_without_a_folder_for_the_database_saved_searches_are_503(archive, tmp_path):
    archive.settings.saved_db = tmp_path / "missing" / "saved.sqlite3"
    with archive.client() as client:
        answers = [client.get("/api/saved-searches"), save(client)]
    for answer in answers:
        assert answer.status_code == 503
        assert answer.json()["detail"].startswith(f"no folder {tmp_path / 'missing'} for the")
    assert not (tmp_path / "missing").exists()
