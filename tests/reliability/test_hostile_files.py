"""Small hostile files (a .docx zip bomb, a PDF repeating one page 20,000 times) are
refused with their reason, by uploads and by `tracuu index`, and never stall searches:
an upload is read in a child process within the per-file limits."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from search.searcher import Engine
from tests.reliability._hostile import docx_bomb, pdf_one_page_repeated
from tests.reliability.conftest import API_KEY, copy_corpus

KEY = {"X-API-Key": API_KEY}
TRACUU = str(Path(sys.executable).with_name("tracuu"))
SEED_IDS = 5


def small_docx(word: str) -> bytes:
    import docx

    made, document = io.BytesIO(), docx.Document()
    document.add_paragraph("THÔNG BÁO")
    document.add_paragraph(f"Về việc kiểm tra {word} tại chỗ trên địa bàn tỉnh.")
    document.save(made)
    return made.getvalue()


def upload(client, name: str, data: bytes):
    return client.post("/api/documents", files={"file": (name, data)}, headers=KEY)


def searching_while(client, work) -> tuple[object, list[int]]:
    """Run ``work()`` in a thread and search from this one until it returns: its result
    and the status of every search answered meanwhile."""
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(work()))
    thread.start()
    statuses: list[int] = []
    while thread.is_alive():
        response = client.get("/api/search", params={"q": "tại chỗ"})
        if thread.is_alive():  # answered while the hostile file was being read
            statuses.append(response.status_code)
    thread.join()
    return outcome[0], statuses


@pytest.fixture
def hostile(tmp_path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    docx_bomb(folder / "bom.docx", inflated_mb=200)
    pdf_one_page_repeated(folder / "lap.pdf", pages=20_000)
    return folder


def serve(tmp_path, **limits) -> tuple[TestClient, Path]:
    corpus = copy_corpus(tmp_path / "corpus")
    build_index(corpus, tmp_path / "index", jobs=1)
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=corpus, api_key=API_KEY, **limits)
    return TestClient(create_app(settings)), corpus


@pytest.mark.parametrize(
    ("name", "says"),
    [("bom.docx", "inflates to 201 MB (at most 100 MB"),
     ("lap.pdf", "too many pages (20,000, at most 2,000")],
)  # fmt: skip
def test_a_hostile_upload_is_refused_with_its_reason_and_keeps_the_previous_version(
    tmp_path, hostile, name, says
):
    client, corpus = serve(tmp_path)
    with client:
        kept = small_docx("banluutru") if name.endswith(".docx") else None
        if kept:
            assert upload(client, name, kept).status_code == 201
        response = upload(client, name, (hostile / name).read_bytes())
        assert response.status_code == 400, response.text
        assert says in response.json()["detail"]
        assert client.get("/api/search", params={"q": "bomnen"}).json()["total"] == 0
        assert client.get("/api/search", params={"q": "lapdilaplai"}).json()["total"] == 0
        stored = sorted(p.name for p in (corpus / "uploads").iterdir())
        assert stored == ([name] if kept else [])
        if kept:
            assert (corpus / "uploads" / name).read_bytes() == kept
            found = client.get("/api/search", params={"q": "banluutru"}).json()
            assert [hit["id"] for hit in found["results"]] == ["uploads/bom"]


@pytest.mark.parametrize(
    ("name", "limits", "says"),
    [("bom.docx", {"max_inflated_mb": 0, "upload_memory_mb": 300}, "needs more memory"),
     ("lap.pdf", {"max_pages": 0, "max_seconds_per_file": 2}, "took longer than 2 s")],
)  # fmt: skip
def test_past_the_size_checks_the_process_limits_stop_it_and_searches_go_on(
    tmp_path, hostile, name, limits, says
):
    """With the inflated-size and page checks off, the bomb meets the child's memory
    limit and the long PDF its time limit; the server answers searches meanwhile."""
    client, corpus = serve(tmp_path, **limits)
    with client:
        response, statuses = searching_while(
            client, lambda: upload(client, name, (hostile / name).read_bytes())
        )
        assert response.status_code == 400, response.text
        assert says in response.json()["detail"]
        assert statuses and set(statuses) == {200}
        assert client.get("/healthz").json()["documents"] == SEED_IDS
    assert sorted(p.name for p in (corpus / "uploads").iterdir()) == []


def test_a_file_with_too_much_text_is_refused(tmp_path):
    client, corpus = serve(tmp_path, max_characters=2000)
    with client:
        response = upload(client, "dai.txt", ("Thông báo kiểm tra tại chỗ. " * 200).encode())
    assert response.status_code == 400
    assert "too much text (more than 2,000 characters" in response.json()["detail"]
    assert list((corpus / "uploads").iterdir()) == []


def test_tracuu_index_skips_hostile_files_with_their_reasons_and_indexes_the_rest(
    tmp_path, hostile
):
    corpus = copy_corpus(tmp_path / "corpus")
    for path in hostile.iterdir():
        os.replace(path, corpus / path.name)
    report = build_index(corpus, tmp_path / "index", jobs=2)
    reasons = {s.source: s.reason.split(" (")[0] for s in report.skipped}
    assert reasons == {"bom.docx": "inflates to 201 MB", "lap.pdf": "too many pages"}
    assert report.documents == SEED_IDS
    done = subprocess.run(
        [TRACUU, "index", str(corpus), "--index-dir", str(tmp_path / "cli-index"), "--jobs", "1"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "TRACUU_MAX_PAGES": "19999", "TRACUU_MAX_INFLATED_MB": "150"},
    )  # fmt: skip
    assert done.returncode == 2, done.stderr  # finished, with files skipped
    assert "skipped bom.docx: inflates to 201 MB (at most 150 MB" in done.stderr
    assert "skipped lap.pdf: too many pages (20,000, at most 19,999" in done.stderr
    assert "Traceback" not in done.stderr
    engine = Engine(tmp_path / "cli-index")
    assert engine.document_count() == SEED_IDS
    engine.close()


def test_uploads_waiting_their_turn_hold_back_no_search(tmp_path, hostile):
    """A long upload being read and 45 more queued behind it (more than the server's 40
    worker threads): a search is answered before any of them is."""
    client, corpus = serve(tmp_path, max_pages=0, max_seconds_per_file=10)
    answered: dict[str, int] = {}

    def send(name: str, data: bytes) -> None:
        answered[name] = upload(client, name, data).status_code

    with client:
        slow = threading.Thread(target=send, args=("lap.pdf", (hostile / "lap.pdf").read_bytes()))
        slow.start()
        staged = corpus / "uploads"
        for _ in range(600):  # until the long one is being read
            if staged.is_dir() and any(staged.glob(".upload-*lap.pdf")):
                break
            threading.Event().wait(0.05)
        queued = [threading.Thread(target=send, args=(f"q{n}.txt", small_docx("q")))
                  for n in range(45)]  # fmt: skip
        for thread in queued:
            thread.start()
        threading.Event().wait(2.0)  # they reach the server and wait their turn
        response = client.get("/api/search", params={"q": "tại chỗ"})
        assert response.status_code == 200
        assert answered == {}  # the search did not wait for any upload
        for thread in [slow, *queued]:
            thread.join(300)
    assert answered["lap.pdf"] == 400 and set(answered.values()) <= {400, 201}
