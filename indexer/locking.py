"""One index build at a time: an exclusive lock file in the index directory."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".build.lock"


class IndexBusy(Exception):
    """Another build holds the lock on this index."""


@contextmanager
def build_lock(index_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the build lock of ``index_dir``; raise ``IndexBusy`` after ``wait`` seconds.

    The lock is an ``flock`` on a file, so the system releases it when a build dies.
    """
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    fd = os.open(Path(index_dir) / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"another `tracuu index` is writing to {index_dir}; "
                        "wait for it to finish and run again"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)
