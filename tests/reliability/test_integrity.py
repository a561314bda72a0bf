"""Damage that reads as "ok" no more: every commit stores its files' sizes and checksums;
`/healthz`, `tracuu index` and `tracuu check` compare them and name the fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from indexer.engine import EngineConfig
from indexer.engines import check_index
from indexer.engines.whoosh.schema import current_index_path
from tests.reliability.conftest import CORPUS

TRACUU = str(Path(sys.executable).with_name("tracuu"))
FIX = "tracuu index --rebuild"


def tracuu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TRACUU, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("sound") / "index"
    build_index(CORPUS, index_dir, jobs=1)
    return index_dir


def damaged_copy(sound: Path, target: Path, how: str) -> tuple[Path, str]:
    shutil.copytree(sound, target)
    folder = current_index_path(target)
    victim = {"truncated stored column": "*._stored.col", "truncated posting arrays": "*.tpa",
              "flipped byte": "*.trm", "lost column": "*.id.col"}[how]  # fmt: skip
    path = next(folder.glob(victim))
    data = path.read_bytes()
    if how == "flipped byte":
        path.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    elif how == "lost column":
        path.unlink()
    else:
        path.write_bytes(data[: len(data) // 2])
    return target, path.name


def test_a_sound_index_checks_ok_everywhere(sound):
    assert check_index(EngineConfig(), sound, full=True) == []
    done = tracuu("check", "--index-dir", str(sound))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ") and "5 documents" in done.stdout


@pytest.mark.parametrize(
    "how", ["truncated stored column", "truncated posting arrays", "lost column"]
)
def test_a_truncated_or_lost_file_is_reported_not_ok(sound, tmp_path, how):
    index_dir, name = damaged_copy(sound, tmp_path / "index", how)
    app = create_app(Settings(index_dir=index_dir, corpus_dir=CORPUS))
    with TestClient(app, raise_server_exceptions=False) as client:
        health = client.get("/healthz")
        assert health.status_code == 503
        assert name in health.json()["detail"] and FIX in health.json()["detail"]
        for path in ("/api/documents/000_86f9552143f492ea", "/api/search?q=covid"):
            assert client.get(path).status_code in (200, 503), path  # never 500
    app.state.engine.close()
    build = tracuu("index", str(CORPUS), "--index-dir", str(index_dir))
    assert build.returncode == 1 and "damaged" in build.stderr and FIX in build.stderr
    assert "unchanged" not in build.stderr and "Traceback" not in build.stderr
    check = tracuu("check", "--index-dir", str(index_dir))
    assert check.returncode == 1 and name in check.stderr and FIX in check.stderr
    assert tracuu("index", str(CORPUS), "--index-dir", str(index_dir), "--rebuild").returncode == 0
    assert tracuu("check", "--index-dir", str(index_dir)).returncode == 0


def test_a_changed_byte_is_found_by_the_full_check(sound, tmp_path):
    index_dir, name = damaged_copy(sound, tmp_path / "index", "flipped byte")
    assert check_index(EngineConfig(), index_dir) == []  # sizes agree
    problems = check_index(EngineConfig(), index_dir, full=True)
    assert problems == [f"{current_index_path(index_dir).name}/{name} has changed since it "
                        f"was written; run `{FIX}`"]  # fmt: skip


def test_checksums_follow_every_commit_and_only_the_last_is_kept(sound, tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    build_index(corpus, index_dir, jobs=1)
    (corpus / "moi.txt").write_text("THÔNG BÁO\nVề việc kiểm tra tại chỗ.\n")
    build_index(corpus, index_dir, jobs=1)
    folder = current_index_path(index_dir)
    assert len(list(folder.glob("checksums-*.json"))) == 1
    assert check_index(EngineConfig(), index_dir, full=True) == []
