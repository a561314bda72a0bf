"""Uploads keep what they acknowledge: a refused file changes nothing, a replaced version
stays until its successor is indexed, one name is one document, and every 201 names a
document that can be fetched."""

from __future__ import annotations

import os
import threading
import unicodedata

import pytest

from indexer.build import build_index
from tests.reliability.conftest import API_KEY

KEY = {"X-API-Key": API_KEY}
DOC = (
    "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n"
    "Số: 78/TB-UBND\n"
    "Ninh Bình, ngày 4 tháng 8 năm 2021\n"
    "THÔNG BÁO\n"
    "Về việc kiểm tra {word} tại chỗ\n"
    "Ủy ban nhân dân tỉnh thông báo kết quả kiểm tra {word} trên địa bàn tỉnh.\n"
)
BROKEN = {
    "empty": b"   \n  ",
    "binary": bytes(range(256)) * 40,
    "nul bytes": b"\x00\x01\x02\x03" * 500,
}


def upload(client, name: str, data: bytes | str):
    data = data.encode() if isinstance(data, str) else data
    return client.post("/api/documents", files={"file": (name, data)}, headers=KEY)


def found(client, word: str) -> list[str]:
    response = client.get("/api/search", params={"q": word})
    assert response.status_code == 200, response.text
    return [hit["id"] for hit in response.json()["results"]]


def uploads_folder(corpus) -> list[str]:
    """Every file in the uploads folder, hidden ones too (temporaries must not stay)."""
    return sorted(p.name for p in (corpus / "uploads").iterdir())


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_refused_upload_leaves_the_previous_version_everywhere(writable, kind):
    client, corpus, index_dir = writable
    good = DOC.format(word="giulaiban")
    assert upload(client, "keep.txt", good).status_code == 201
    refused = upload(client, "keep.txt", BROKEN[kind])
    assert refused.status_code == 400, refused.text
    assert refused.json()["detail"].startswith("cannot index keep.txt: ")
    assert (corpus / "uploads" / "keep.txt").read_text() == good
    assert uploads_folder(corpus) == ["keep.txt"]
    assert not (corpus / ".deleted").exists()
    original = client.get("/api/documents/uploads/keep/original")
    assert original.status_code == 200 and original.text == good
    assert found(client, "giulaiban") == ["uploads/keep"]
    report = build_index(corpus, index_dir, jobs=1)  # the next `tracuu index` keeps it
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 0, 0, [])
    assert found(client, "giulaiban") == ["uploads/keep"]


def test_a_new_version_replaces_the_old_and_the_old_is_kept_aside(writable):
    client, corpus, _ = writable
    first, second = DOC.format(word="banmotcu"), DOC.format(word="banhaimoi")
    assert upload(client, "thay.txt", first).json()["id"] == "uploads/thay"
    response = upload(client, "thay.txt", second)
    assert response.status_code == 201
    assert response.json() == {"id": "uploads/thay", "source": "uploads/thay.txt"}
    assert found(client, "banmotcu") == [] and found(client, "banhaimoi") == ["uploads/thay"]
    assert (corpus / "uploads" / "thay.txt").read_text() == second
    assert (corpus / ".deleted" / "uploads" / "thay.txt").read_text() == first
    assert uploads_folder(corpus) == ["thay.txt"]


@pytest.mark.parametrize("other", ["trung.html", "trung.md", "trung.TXT", "trung.htm"])
def test_a_name_that_would_share_a_document_id_answers_409(writable, other):
    client, corpus, _ = writable
    assert upload(client, "trung.txt", DOC.format(word="motten")).status_code == 201
    response = upload(client, other, "<p>" + DOC.format(word="haiten") + "</p>")
    assert response.status_code == 409, response.text
    assert "uploads/trung" in response.json()["detail"]
    assert uploads_folder(corpus) == ["trung.txt"]
    assert found(client, "motten") == ["uploads/trung"] and found(client, "haiten") == []
    assert client.delete("/api/documents/uploads/trung", headers=KEY).status_code == 204
    assert upload(client, other, "<p>" + DOC.format(word="haiten") + "</p>").status_code == 201
    assert found(client, "haiten") == ["uploads/trung"]


def test_nfd_and_nfc_names_are_one_document(writable):
    client, corpus, _ = writable
    name = "Thông báo tỉnh ủy.txt"
    nfd = upload(client, unicodedata.normalize("NFD", name), DOC.format(word="dangtachrieng"))
    nfc = upload(client, name, DOC.format(word="danghople"))
    assert nfd.status_code == nfc.status_code == 201
    stored = {"id": "uploads/Thông_báo_tỉnh_ủy", "source": "uploads/Thông_báo_tỉnh_ủy.txt"}
    assert nfd.json() == nfc.json() == stored
    assert uploads_folder(corpus) == ["Thông_báo_tỉnh_ủy.txt"]
    assert found(client, "danghople") == ["uploads/Thông_báo_tỉnh_ủy"]


@pytest.mark.parametrize(
    ("name", "says"),
    [("README.txt", "README"), ("readme.md", "README"), ("manifest.txt", "manifest"),
     ("a" * 200 + ".txt", "too long"), ("ủ" * 60 + ".txt", "too long")],
)  # fmt: skip
def test_names_the_archive_would_not_index_answer_400(writable, name, says):
    client, corpus, _ = writable
    response = upload(client, name, DOC.format(word="khongluu"))
    assert response.status_code == 400, response.text
    assert says in response.json()["detail"]
    assert not (corpus / "uploads").exists() or uploads_folder(corpus) == []
    assert found(client, "khongluu") == []


@pytest.mark.parametrize(
    "name",
    ["a" * 146 + ".txt", "ủ" * 48 + ".docx", "readme-2021.txt", "~$khoa.txt", "x.TXT",
     "Công văn (bản cuối).md", "..tệp.html"],
)  # fmt: skip
def test_every_acknowledged_upload_can_be_fetched(writable, name):
    client, corpus, _ = writable
    if name.endswith(".docx"):
        import io

        import docx

        made, document = io.BytesIO(), docx.Document()
        for line in DOC.format(word="layduoc").splitlines():
            document.add_paragraph(line)
        document.save(made)
        data = made.getvalue()
    else:
        data = DOC.format(word="layduoc").encode()
    response = upload(client, name, data)
    assert response.status_code == 201, response.text
    doc_id = response.json()["id"]
    assert client.get(f"/api/documents/{doc_id}").status_code == 200
    original = client.get(f"/api/documents/{doc_id}/original")
    assert original.status_code == 200 and original.content == data
    assert found(client, "layduoc") == [doc_id]
    assert (corpus / response.json()["source"]).is_file()


def test_concurrent_uploads_of_one_name_are_serialized(writable):
    client, corpus, _ = writable
    words = [f"songsong{chr(97 + n)}" for n in range(6)]
    statuses: dict[str, int] = {}

    def send(word: str) -> None:
        statuses[word] = upload(client, "cung-ten.txt", DOC.format(word=word)).status_code

    threads = [threading.Thread(target=send, args=(w,)) for w in words]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert statuses == dict.fromkeys(words, 201)
    on_disk = (corpus / "uploads" / "cung-ten.txt").read_text()
    last = [w for w in words if DOC.format(word=w) == on_disk]
    assert len(last) == 1  # the last one written is the one indexed, and only it
    assert {w: found(client, w) for w in words} == {
        w: (["uploads/cung-ten"] if w == last[0] else []) for w in words
    }
    assert uploads_folder(corpus) == ["cung-ten.txt"]


def test_bytes_left_by_a_killed_server_go_with_the_next_upload(writable):
    client, corpus, _ = writable
    folder = corpus / "uploads"
    folder.mkdir()
    stale, recent = folder / ".upload-0bad-cu.txt", folder / ".upload-1-x.txt"
    for path in (stale, recent):
        path.write_text(DOC.format(word="bicatngang"))
    os.utime(stale, (0, 0))  # long before any upload could still be reading it
    assert upload(client, "sau.txt", DOC.format(word="sauvu")).status_code == 201
    assert uploads_folder(corpus) == [".upload-1-x.txt", "sau.txt"]
    assert found(client, "bicatngang") == []
