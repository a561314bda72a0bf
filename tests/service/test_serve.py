"""`tracuu serve` and the settings as someone running it for an office meets them: a busy
port, the version, a `.env` file, `make serve HOST= PORT=`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from api import __version__
from api.cli import main
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TRACUU = [sys.executable, "-c", "from api.cli import main; main()"]


def test_a_busy_port_is_one_clear_line_and_a_non_zero_exit(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [*TRACUU, "serve", "--port", str(port), "--index-dir", str(tmp_path / "index"),
             "--corpus-dir", str(tmp_path / "nothing")],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: port {port} on 127.0.0.1 is already in use (another tracuu, or another "
        "program); choose another with --port (make serve PORT=...)\n"
    )
    assert not (tmp_path / "index").exists()  # stopped before indexing anything


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    result = CliRunner().invoke(main, ["--version"])
    assert (result.exit_code, result.output) == (0, f"tracuu, version {version('tracuu')}\n")
    assert __version__ == version("tracuu")


def test_settings_are_read_from_a_dotenv_file_under_the_environment(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(
        "TRACUU_INDEX_DIR=/srv/tracuu/index\nTRACUU_CORPUS_DIR=/srv/tracuu/vanban\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACUU_INDEX_DIR", raising=False)
    monkeypatch.setenv("TRACUU_CORPUS_DIR", "/data/kho")  # the environment wins over .env
    settings = Settings()
    assert (settings.index_dir, settings.corpus_dir) == (
        Path("/srv/tracuu/index"),
        Path("/data/kho"),
    )


def test_a_wrong_setting_in_dotenv_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / ".env").write_text("TRACUU_SEARCH_TIME_BUDGET=năm giây\n", encoding="utf-8")
    done = subprocess.run(
        [*TRACUU, "check"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: bad setting (environment or .env): ")
    assert "TRACUU_SEARCH_TIME_BUDGET" in done.stderr and "Traceback" not in done.stderr


def test_make_serve_passes_host_and_port_to_tracuu_serve():
    # without the parent make's flags: under `make test` they would reach this make
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-W", "pyproject.toml", "serve",
         "HOST=0.0.0.0", "PORT=8841"],
        capture_output=True, text=True, cwd=ROOT, timeout=30,
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL")},
    )  # fmt: skip
    assert done.stdout.splitlines()[-1] == ".venv/bin/tracuu serve --host 0.0.0.0 --port 8841"
