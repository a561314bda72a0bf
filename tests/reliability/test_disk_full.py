"""A full disk stops writes cleanly and wedges nothing: on a small tmpfs mounted by the
test (root only; skipped elsewhere), uploads and builds that run out of space say so,
leave no partial file and hold no lock, and work again once space is freed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from indexer.build import BuildError, build_index
from indexer.limits import Limits
from tests.reliability.conftest import API_KEY, CORPUS
from tests.reliability.test_orphans import orphan_segments

KEY = {"X-API-Key": API_KEY}
TRACUU = str(Path(sys.executable).with_name("tracuu"))
ANY_SPACE = Limits(min_free_mb=0)  # the tests fill the disk themselves
TEXT = "THÔNG BÁO\nVề việc kiểm tra {word} tại chỗ trên địa bàn tỉnh.\n"


@pytest.fixture
def disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Take all the free space of ``disk`` but ``leave`` bytes."""
    filler = disk / "filler"
    with open(filler, "wb") as file:
        os.posix_fallocate(file.fileno(), 0, shutil.disk_usage(disk).free - leave)
    return filler


def upload(client, name: str, data: bytes):
    return client.post("/api/documents", files={"file": (name, data)}, headers=KEY)


def found(client, word: str) -> list[str]:
    return [hit["id"] for hit in client.get("/api/search", params={"q": word}).json()["results"]]


def test_a_full_disk_stops_writes_cleanly_and_they_resume_once_space_is_freed(disk):
    corpus, index_dir = disk / "corpus", disk / "index"
    shutil.copytree(CORPUS, corpus)
    build_index(corpus, index_dir, jobs=1, limits=ANY_SPACE)
    settings = Settings(index_dir=index_dir, corpus_dir=corpus, api_key=API_KEY, min_free_mb=0)
    app = create_app(settings)
    with TestClient(app) as client:
        assert (
            upload(client, "truoc.txt", TEXT.format(word="dacotruoc").encode()).status_code == 201
        )
        filler = fill(disk, leave=16 * 1024)
        big = upload(client, "lon.txt", TEXT.format(word="qualon").encode() * 400)
        assert big.status_code == 507 and "free space" in big.json()["detail"]
        small = upload(client, "nho.txt", TEXT.format(word="hetcho").encode())
        assert small.status_code == 503, small.text
        assert "full" in small.json()["detail"] or "free" in small.json()["detail"]
        assert sorted(p.name for p in (corpus / "uploads").iterdir()) == ["truoc.txt"]
        assert found(client, "hetcho") == [] and found(client, "dacotruoc") == ["uploads/truoc"]
        (corpus / "moi.txt").write_text(TEXT.format(word="tepmoi"))
        cli = subprocess.run([TRACUU, "index", str(corpus), "--index-dir", str(index_dir)],
                             capture_output=True, text=True, timeout=120,
                             env={**os.environ, "TRACUU_MIN_FREE_MB": "0"})  # fmt: skip
        assert cli.returncode == 1 and "full" in cli.stderr and "Traceback" not in cli.stderr
        assert [p for p in disk.rglob("*.tmp") if p.is_file()] == []  # nothing half-written
        assert list(disk.rglob("uploads/.*")) == []
        filler.unlink()  # space again: no restart needed
        again = upload(client, "nho.txt", TEXT.format(word="hetcho").encode())
        assert again.status_code == 201, again.text
        assert found(client, "hetcho") == ["uploads/nho"]
        assert build_index(corpus, index_dir, jobs=1, limits=ANY_SPACE).added == 1  # moi.txt
        assert found(client, "tepmoi") == ["moi"]
    app.state.engine.close()
    assert orphan_segments(index_dir) == set()


def test_a_build_below_the_free_space_watermark_stops_before_writing(disk):
    corpus, index_dir = disk / "corpus", disk / "index"
    shutil.copytree(CORPUS, corpus)
    build_index(corpus, index_dir, jobs=1, limits=ANY_SPACE)
    free_mb = shutil.disk_usage(disk).free // 2**20
    (corpus / "moi.txt").write_text(TEXT.format(word="chuaghi"))
    with pytest.raises(BuildError, match="TRACUU_MIN_FREE_MB"):
        build_index(corpus, index_dir, jobs=1, limits=Limits(min_free_mb=free_mb + 8))
    settings = Settings(index_dir=index_dir, corpus_dir=corpus, api_key=API_KEY,
                        min_free_mb=free_mb + 8)  # fmt: skip
    app = create_app(settings)
    with TestClient(app) as client:
        refused = upload(client, "nho.txt", TEXT.format(word="hetcho").encode())
        assert refused.status_code == 503 and "TRACUU_MIN_FREE_MB" in refused.json()["detail"]
        assert list((corpus / "uploads").iterdir()) == []
    app.state.engine.close()
    assert build_index(corpus, index_dir, jobs=1, limits=ANY_SPACE).added == 1  # lock released
