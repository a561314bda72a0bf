"""Many readers and one writer: searches stay consistent while the archive is re-indexed,
and a second writer is turned away with a clear message instead of corrupting anything."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import threading
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from indexer.locking import build_lock
from search.models import SearchRequest
from search.searcher import Engine
from tests.reliability._archive import write_archive
from tests.reliability.conftest import API_KEY, REPO, copy_corpus

TRACUU = str(Path(sys.executable).with_name("tracuu"))
BUSY = "another `tracuu index` is writing"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_load", REPO / "bench" / "load.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_searches_stay_consistent_under_load_while_reindexing():
    figures = load_bench().run_load(clients=8, seconds=5, docs=40)
    print(f"load (8 clients, 5 s): {figures}")  # noqa: T201
    assert figures["failures"] == [] and figures["failed"] == 0
    assert figures["index_runs"] >= 1
    assert figures["searches"] >= 50


def test_in_process_readers_see_whole_commits_only(tmp_path):
    root, index_dir = tmp_path / "archive", tmp_path / "index"
    write_archive(root, 30, marker="mốcđầu")
    build_index(root, index_dir, jobs=1)
    engine = Engine(index_dir)
    errors: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                results = engine.search(SearchRequest(q="mốcđầu", per_page=100))
                ids = [hit.id for hit in results.results]
                if results.total != len(ids) or len(set(ids)) != len(ids):
                    errors.append(f"total {results.total}, ids {len(ids)}, unique {len(set(ids))}")
                if results.total not in (30, 40, 50, 45):
                    errors.append(f"partial commit visible: {results.total}")
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    try:
        write_archive(root, 10, start=100, marker="mốcđầu")  # 40
        build_index(root, index_dir, jobs=1)
        write_archive(root, 10, start=200, marker="mốcđầu")  # 50
        build_index(root, index_dir, jobs=1)
        for path in sorted(root.rglob("*.txt"))[:5]:  # 45
            path.unlink()
        build_index(root, index_dir, jobs=1)
        write_archive(root, 5, start=0, marker="khác")  # changed: 45 -> 45 - 0 (already gone)
        build_index(root, index_dir, jobs=1, rebuild=True)
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert errors == []
    assert engine.search(SearchRequest(q="mốcđầu", per_page=100)).total == 45
    engine.close()


def run_index(root: Path, index_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [TRACUU, "index", str(root), "--index-dir", str(index_dir), "--quiet", "--jobs", "1"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_second_index_run_stops_with_a_clear_message(tmp_path):
    root, index_dir = tmp_path / "archive", tmp_path / "index"
    write_archive(root, 10)
    build_index(root, index_dir, jobs=1)
    write_archive(root, 5, start=50)
    with build_lock(index_dir):
        busy = run_index(root, index_dir)
    assert busy.returncode == 1
    assert BUSY in busy.stderr and "Traceback" not in busy.stderr
    assert run_index(root, index_dir).returncode == 0
    engine = Engine(index_dir)
    assert engine.document_count() == 15
    engine.close()


def test_two_index_runs_at_once_one_wins_and_nothing_is_corrupted(tmp_path):
    root, index_dir = tmp_path / "archive", tmp_path / "index"
    write_archive(root, 200)
    command = [TRACUU, "index", str(root), "--index-dir", str(index_dir), "--quiet", "--jobs", "1"]
    procs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = []
    for proc in procs:
        _, stderr = proc.communicate(timeout=120)
        outcomes.append((proc.returncode, stderr))
    assert 0 in [code for code, _ in outcomes]
    for code, stderr in outcomes:
        assert code == 0 or (code == 1 and BUSY in stderr), stderr
    assert run_index(root, index_dir).returncode == 0
    engine = Engine(index_dir)
    assert engine.document_count() == 200
    engine.close()


def test_writes_during_a_build_answer_503_with_detail(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir, jobs=1)
    app = create_app(Settings(index_dir=index_dir, corpus_dir=corpus, api_key=API_KEY))
    headers = {"X-API-Key": API_KEY}
    with TestClient(app) as client, build_lock(index_dir):
        files = {"file": ("moi.txt", "Thông báo mới về tại chỗ".encode(), "text/plain")}
        upload = client.post("/api/documents", files=files, headers=headers)
        delete = client.delete("/api/documents/000_86f9552143f492ea", headers=headers)
        for response in (upload, delete):
            assert response.status_code == 503, response.text
            assert BUSY in response.json()["detail"]
        assert client.get("/api/search", params={"q": "covid"}).status_code == 200
    app.state.engine.close()


def test_the_warm_up_and_the_first_searches_never_wait_on_each_other_forever(ro_index):
    """The server warms its engine in a thread while the first requests arrive: both take
    the reader's lock before any cached value's (the other order deadlocked)."""
    queries = ("4 tai cho", "tỉnh ủy", "covid", "chi dao")

    def search_all(engine: Engine, totals: list[int]) -> None:
        totals.extend(engine.search(SearchRequest(q=q)).total for q in queries)

    for _ in range(8):
        engine = Engine(ro_index)
        totals: list[int] = []
        warm = threading.Thread(target=engine.warm, daemon=True)
        searches = threading.Thread(target=search_all, args=(engine, totals), daemon=True)
        warm.start()
        searches.start()
        searches.join(60)
        warm.join(60)
        assert not searches.is_alive() and not warm.is_alive()
        assert len(totals) == len(queries) and totals[0] == 5
        engine.close()
