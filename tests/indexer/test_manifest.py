"""A malformed corpus/manifest.csv: each problem reported with its line, the bad rows
skipped, the good ones applied; indexing, `tracuu serve` and uploads carry on."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings
from indexer.build import build_index
from indexer.manifest import MANIFEST_COLUMNS, read_manifest

BAD_MANIFEST = (
    "id,number,issued_date,colour,note\n"
    "cong_van_a,1-CV/TU,2021-07-21,đỏ,ngày ghi tay\n"
    "cong_van_b,,21/7/2021,,ngày viết kiểu Việt\n"
    'cong_van_c,,2021-08-01,,"dấu ngoặc kép không đóng\n'
    "cong_van_d,,2021-08-02,,đúng\n"
    "cong_van_d,,2021-08-03,,lặp lại\n"
    "cong_van_e,,2021-08-04\n"
)
COLUMNS = ", ".join(MANIFEST_COLUMNS)
PROBLEMS = [
    f"manifest.csv line 1: unknown column 'colour' ignored; columns are {COLUMNS}",
    "manifest.csv line 3: issued_date '21/7/2021' is not YYYY-MM-DD; row skipped",
    "manifest.csv line 4: broken quoting (a quote is not closed); row skipped",
    "manifest.csv line 6: missing or repeated id 'cong_van_d'; row skipped",
    "manifest.csv line 7: 3 cells, the header has 5; row skipped",
]
GOOD = {
    "cong_van_a": {"number": "1-CV/TU", "issued_date": "2021-07-21", "note": "ngày ghi tay"},
    "cong_van_d": {"issued_date": "2021-08-02", "note": "đúng"},
}
TEXT = (
    "TỈNH ỦY NINH BÌNH\n*\nSố {n}-CV/TU\nV/v tăng cường phòng, chống dịch Covid-19\n\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM\n\nCác cấp ủy thực hiện nghiêm phương châm bốn tại chỗ.\n"
)


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for n, name in enumerate("abcde", start=1):
        (root / f"cong_van_{name}.txt").write_text(TEXT.format(n=100 + n), encoding="utf-8")
    (root / "manifest.csv").write_text(BAD_MANIFEST, encoding="utf-8")
    return root


def test_each_problem_is_reported_with_its_line_and_good_rows_kept(corpus):
    assert read_manifest(corpus / "manifest.csv") == (GOOD, PROBLEMS)


def test_a_manifest_without_an_id_column_is_ignored_whole(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("number,issued_date\n1-CV/TU,2021-07-21\n", encoding="utf-8")
    assert read_manifest(path) == ({}, ["manifest.csv line 1: no id column; manifest ignored"])


def test_a_manifest_that_is_not_utf8_is_ignored_whole(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_bytes("id,note\na,Công văn\n".encode("utf-16"))
    overrides, problems = read_manifest(path)
    assert (overrides, [p.split(" (")[0] for p in problems]) == (
        {},
        ["manifest.csv: cannot be read as UTF-8 text"],
    )


def test_quoted_cells_may_span_lines(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text('id,note\na,"dòng một\ndòng hai"\nb,x\n', encoding="utf-8")
    assert read_manifest(path) == ({"a": {"note": "dòng một\ndòng hai"}, "b": {"note": "x"}}, [])


def test_build_reports_the_problems_as_notes_and_applies_the_good_rows(corpus, tmp_path):
    report = build_index(corpus, tmp_path / "index", jobs=1)
    assert (report.added, report.skipped, report.notes) == (5, [], PROBLEMS)
    with TestClient(create_app(Settings(index_dir=tmp_path / "index", corpus_dir=corpus))) as c:
        dates = {
            r["id"]: r["issued_date"]
            for r in c.get("/api/search", params={"per_page": 10}).json()["results"]
        }
    assert dates == {
        "cong_van_a": "2021-07-21",
        "cong_van_b": None,
        "cong_van_c": None,
        "cong_van_d": "2021-08-02",
        "cong_van_e": None,
    }


def test_cli_index_prints_the_problems_and_succeeds(corpus, tmp_path):
    result = CliRunner().invoke(
        main, ["index", str(corpus), "--index-dir", str(tmp_path / "index"), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert [line.strip() for line in result.output.splitlines() if "manifest" in line] == [
        f"note {p}" for p in PROBLEMS
    ]


def test_upload_with_a_bad_manifest_in_the_corpus_is_indexed(corpus, tmp_path):
    build_index(corpus, tmp_path / "index", jobs=1)
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=corpus, api_key="khoa-bi-mat")
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/api/documents",
            files={"file": ("moi.txt", TEXT.format(n=200).encode(), "text/plain")},
            headers={"X-API-Key": "khoa-bi-mat"},
        )
        assert (response.status_code, response.json()) == (
            201,
            {"id": "uploads/moi", "source": "uploads/moi.txt"},
        )
        hits = client.get("/api/lookup", params={"number": "200-CV/TU"}).json()["results"]
        assert [h["id"] for h in hits] == ["uploads/moi"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_with_a_bad_manifest_serves_and_prints_no_traceback(corpus, tmp_path):
    port = _free_port()
    command = [sys.executable, "-m", "api.cli", "serve", "--port", str(port),
               "--corpus-dir", str(corpus), "--index-dir", str(tmp_path / "index")]  # fmt: skip
    env = {**os.environ, "TRACUU_BACKEND": "whoosh"}
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    try:
        health = None
        for _ in range(300):
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = r.status, r.read()
                    break
            except OSError:
                time.sleep(0.2)
        assert health is not None and health[0] == 200
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "Traceback" not in stderr
    assert "manifest.csv line 3: issued_date '21/7/2021' is not YYYY-MM-DD" in stderr
