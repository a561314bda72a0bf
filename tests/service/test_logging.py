"""The service's log: an access line per request with its id (also in X-Request-ID), the
package's own events, JSON lines with --log-format json, progress as lines in a log file."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time

import httpx

from indexer.progress import LineProgress, terminal_progress

TRACUU = [sys.executable, "-c", "from api.cli import main; main()"]


def _access(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "tracuu.access"]


def test_every_request_has_an_id_in_its_access_line_and_its_response(client, caplog):
    caplog.set_level(logging.INFO, logger="tracuu.access")
    response = client.get("/api/search", params={"q": "4 tai cho"})
    rid = response.headers["X-Request-ID"]
    assert len(rid) == 32
    [line] = _access(caplog)
    assert (line.request_id, line.method, line.status) == (rid, "GET", 200)
    assert line.getMessage().startswith('testclient "GET /api/search?q=4+tai+cho" 200 ')


def test_a_sane_incoming_request_id_is_kept_and_a_strange_one_replaced(client, caplog):
    caplog.set_level(logging.INFO, logger="tracuu.access")
    kept = client.get("/healthz", headers={"X-Request-ID": "nginx-5f1c:42"})
    replaced = client.get("/healthz", headers={"X-Request-ID": "a b<script>"})
    assert kept.headers["X-Request-ID"] == "nginx-5f1c:42"
    assert replaced.headers["X-Request-ID"] not in ("a b<script>", "nginx-5f1c:42")
    assert [r.request_id for r in _access(caplog)] == [
        "nginx-5f1c:42",
        replaced.headers["X-Request-ID"],
    ]


def test_pages_and_refused_requests_are_logged_too(client, caplog):
    caplog.set_level(logging.INFO, logger="tracuu.access")
    client.get("/documents/khong-co", headers={"Accept": "text/html"})
    client.get("/api/search", params={"year": ["2021"] * 51})  # refused before any route
    assert [(r.path, r.status) for r in _access(caplog)] == [
        ("/documents/khong-co", 404),
        ("/api/search?" + "&".join(["year=2021"] * 51), 400),
    ]


def test_plain_progress_lines_when_not_a_terminal(caplog):
    caplog.set_level(logging.INFO, logger="tracuu.progress")
    assert isinstance(terminal_progress(), LineProgress)  # pytest captures stderr
    progress = LineProgress(every=0)
    progress.start(20, "indexing")
    progress.advance(1)  # less than a tenth: nothing
    progress.advance(2)
    progress.advance(17)
    progress.finish()
    lines = [r.getMessage() for r in caplog.records]
    assert lines[:3] == ["indexing: 20 documents to do", "indexing: 3/20 (15%)",
                         "indexing: 20/20 (100%)"]  # fmt: skip
    assert lines[3].startswith("indexing: 20/20 done in ") and len(lines) == 4
    assert "\r" not in "".join(lines)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_logs_json_lines_with_the_index_run_and_the_request_id(
    sample_index, sample_corpus, tmp_path
):
    port = _free_port()
    command = [*TRACUU, "serve", "--port", str(port), "--log-format", "json",
               "--index-dir", str(sample_index), "--corpus-dir", str(sample_corpus)]  # fmt: skip
    env = {**os.environ, "TRACUU_BACKEND": "whoosh"}
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        answer = None
        for _ in range(300):
            if server.poll() is not None:
                break
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/healthz",
                                   headers={"X-Request-ID": "kiem-tra-1"}, timeout=2)  # fmt: skip
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert answer is not None and answer.headers["X-Request-ID"] == "kiem-tra-1"
        time.sleep(0.3)  # the access line is written once the answer is sent
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    [run] = [x for x in lines if x["logger"] == "tracuu.indexer"]
    assert run["message"].startswith(f"index run on {sample_corpus.resolve()}: added 0, ")
    access = [x for x in lines if x["logger"] == "tracuu.access"]
    assert [(x["request_id"], x["path"], x["status"]) for x in access] == [
        ("kiem-tra-1", "/healthz", 200)
    ]
    assert "Traceback" not in stderr
