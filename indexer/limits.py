"""What one file may cost to index: inflated size, pages, characters, seconds, memory.

A small hostile file (a ``.docx`` whose XML inflates to hundreds of megabytes, a PDF that
repeats one page twenty thousand times) must be refused with its reason, not indexed at
any cost. ``Limits`` travels with each indexing task (``indexer.pipeline.prepare``); the
sources check sizes and pages before parsing, the pipeline bounds each file's time, and an
upload is indexed in a child process whose address space is bounded (``memory_limit``).
"""

from __future__ import annotations

import os
import resource
import signal
import threading
import zipfile
from dataclasses import dataclass

MB = 2**20


class LimitExceeded(Exception):
    """A file past one of the limits; the message says which, and by how much."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits (``0`` turns one off), and the free space a build keeps. Settings:
    ``TRACUU_MAX_INFLATED_MB``, ``TRACUU_MAX_PAGES``, ``TRACUU_MAX_CHARACTERS``,
    ``TRACUU_MAX_SECONDS_PER_FILE``, ``TRACUU_MIN_FREE_MB``.

    >>> Limits().max_pages, Limits(max_pages=0).pages_ok(10**6)
    (2000, True)
    """

    max_inflated_mb: int = 100  # the parts of a .docx, uncompressed, together
    max_pages: int = 2000  # of a PDF
    max_characters: int = 64_000_000  # of the text read from any file (64 MB of text: 3 GB)
    max_seconds: float = 120.0  # to read, extract and analyze one file
    min_free_mb: int = 64  # free on the index's disk, before a build and before it writes
    ocr: bool = True  # recognize scanned pages (seconds each); off: ``tracuu index --no-ocr``

    def pages_ok(self, pages: int) -> bool:
        return not self.max_pages or pages <= self.max_pages

    def check_pages(self, pages: int) -> None:
        if not self.pages_ok(pages):
            raise LimitExceeded(
                f"too many pages ({pages:,}, at most {self.max_pages:,}: TRACUU_MAX_PAGES)"
            )

    def check_characters(self, characters: int) -> None:
        if self.max_characters and characters > self.max_characters:
            raise LimitExceeded(
                f"too much text (more than {self.max_characters:,} characters: "
                "TRACUU_MAX_CHARACTERS); split the file"
            )

    def check_zip(self, archive: zipfile.ZipFile) -> None:
        """Refuse an archive whose members inflate past ``max_inflated_mb`` (the sizes its
        directory declares; ``zipfile`` reads no more than declared)."""
        inflated = sum(member.file_size for member in archive.infolist())
        if self.max_inflated_mb and inflated > self.max_inflated_mb * MB:
            raise LimitExceeded(
                f"inflates to {inflated / MB:,.0f} MB (at most {self.max_inflated_mb:,} MB: "
                "TRACUU_MAX_INFLATED_MB); a zip bomb, or a document to split"
            )


class TimeLimit:
    """``with TimeLimit(seconds) as timer:`` raises ``LimitExceeded`` in the body after
    ``seconds`` (a timer signal: only in a process's main thread, and only between Python
    steps; elsewhere no limit). A parser may wrap the exception in its own:
    ``timer.expired`` tells, and ``timer.reason`` says it.

    >>> with TimeLimit(0) as timer:
    ...     pass
    >>> timer.expired
    False
    """

    def __init__(self, seconds: float) -> None:
        self.seconds, self.expired, self._previous = seconds, False, None
        self.reason = f"took longer than {seconds:g} s to read (TRACUU_MAX_SECONDS_PER_FILE)"

    def __enter__(self) -> TimeLimit:
        if self.seconds and threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    def _expire(self, signum, frame) -> None:
        self.expired = True
        raise LimitExceeded(self.reason)


def memory_limit(megabytes: int) -> tuple[int, int] | None:
    """Bound this process's address space to what it maps now plus ``megabytes``: past it
    an allocation fails (``MemoryError``) instead of the machine swapping or the OOM
    killer choosing a victim. For a child process that does one job. Only the soft limit
    is lowered: the limits before (returned) can be put back (``resource.setrlimit``)."""
    if not megabytes:
        return None
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    before = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + megabytes * MB
    if before[1] != resource.RLIM_INFINITY:
        limit = min(limit, before[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, before[1]))
    return before
