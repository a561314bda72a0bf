"""A build or a server killed as a user's `kill` or the OOM killer does (the main process
only, not its group) leaves no worker running, no lock held and, after the next run, no
segment file that no commit refers to."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from whoosh import index as whoosh_index

from indexer.build import build_index
from indexer.engines.whoosh.schema import current_index_path
from tests.reliability._archive import write_archive
from tests.reliability._hostile import pdf_one_page_repeated
from tests.reliability.conftest import API_KEY, copy_corpus

TRACUU = str(Path(sys.executable).with_name("tracuu"))
TRIALS = 3


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (a dead child nobody has reaped yet)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return condition()


def orphan_segments(index_dir: Path) -> set[str]:
    """Segment ids with files in the live generation that its table of contents omits."""
    folder = current_index_path(index_dir)
    ix = whoosh_index.open_dir(str(folder))
    listed = {segment.segment_id() for segment in ix._read_toc().segments}
    ix.close()
    on_disk = {p.name.split(".")[0] for p in folder.glob("MAIN_*.*")}
    return on_disk - listed


def test_a_killed_build_leaves_no_worker_no_lock_and_no_orphan_segment(tmp_path):
    root, index_dir = tmp_path / "archive", tmp_path / "index"
    write_archive(root, 40)
    build_index(root, index_dir, jobs=1)
    figures = {"killed": 0, "workers left": 0}
    for trial in range(TRIALS):
        added = write_archive(root, 400, start=1000 + 400 * trial)
        command = [TRACUU, "index", str(root), "--index-dir", str(index_dir), "--jobs", "2"]
        build = subprocess.Popen([*command, "--quiet"], stderr=subprocess.DEVNULL)
        workers = wait_for(lambda: children(build.pid), 60)  # noqa: B023
        assert workers, "the build started no workers"
        time.sleep(0.5)  # they are writing segments
        os.kill(build.pid, signal.SIGKILL)  # the main process only
        build.wait(30)
        figures["killed"] += 1
        wait_for(lambda: not any(map(running, workers)), 10)  # noqa: B023
        figures["workers left"] += sum(map(running, workers))
        if trial == TRIALS - 1:
            for path in added:  # back to what is committed: the next run changes nothing
                path.unlink()
        report = build_index(root, index_dir, jobs=2)  # no IndexBusy: the lock is free
        assert report.skipped == []
        assert orphan_segments(index_dir) == set()
        live = current_index_path(index_dir).name
        assert sorted(p.name for p in index_dir.glob("gen-*")) == [live]
    assert report.indexed == 0  # the last run had nothing to do, and still cleaned up
    assert figures == {"killed": TRIALS, "workers left": 0}


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def test_a_killed_server_leaves_no_upload_process(tmp_path):
    """SIGKILL of the server while an upload is being read: the fork server and the
    process reading the upload go with it."""
    corpus, index_dir = copy_corpus(tmp_path / "corpus"), tmp_path / "index"
    build_index(corpus, index_dir, jobs=1)
    slow = pdf_one_page_repeated(tmp_path / "lap.pdf").read_bytes()  # 20,000 pages to read
    port = free_port()
    env = {**os.environ, "TRACUU_API_KEY": API_KEY, "TRACUU_MAX_PAGES": "0",
           "TRACUU_MAX_SECONDS_PER_FILE": "300"}  # fmt: skip
    server = subprocess.Popen(
        [TRACUU, "serve", "--port", str(port), "--quiet", "--index-dir", str(index_dir),
         "--corpus-dir", str(corpus)],
        env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: _answers(f"{base}/healthz"), 120)

    def send() -> None:
        try:
            httpx.post(f"{base}/api/documents", files={"file": ("lap.pdf", slow)},
                       headers={"X-API-Key": API_KEY}, timeout=300)  # fmt: skip
        except httpx.HTTPError:
            pass  # the server is killed under it

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    helpers = wait_for(lambda: len(descendants(server.pid)) >= 2 and descendants(server.pid), 60)
    assert helpers, "no upload process started"
    os.kill(server.pid, signal.SIGKILL)  # the server only
    server.wait(30)
    assert wait_for(lambda: not any(map(running, helpers)), 15)
    sender.join(30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
