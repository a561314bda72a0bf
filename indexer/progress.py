"""Progress reporting for long work: a real bar on a terminal, plain log lines in a log
file (a tqdm bar there is one line full of carriage returns), a silent one for the rest.

Library code takes a ``Progress`` and never asks whether to print.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Protocol

log = logging.getLogger("tracuu.progress")


class Progress(Protocol):
    def start(self, total: int, label: str) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def finish(self) -> None: ...


class SilentProgress:
    """A progress that shows nothing.

    >>> p = SilentProgress(); p.start(3, "x"); p.advance(); p.finish()
    """

    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class BarProgress:
    """A tqdm progress bar on standard error."""

    def __init__(self) -> None:
        self._bar = None

    def start(self, total: int, label: str) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, desc=label, unit="doc", dynamic_ncols=True)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class LineProgress:
    """Progress as log lines (``tracuu.progress``, INFO): at the start, every tenth of the
    work or ``every`` seconds, whichever comes later, and at the end.

    >>> p = LineProgress(); p.start(0, "indexing"); p.finish()
    """

    def __init__(self, every: float = 5.0) -> None:
        self.every, self.total, self.done, self.label = every, 0, 0, ""
        self.started = self.said = self.said_at = 0.0

    def start(self, total: int, label: str) -> None:
        self.total, self.done, self.label = total, 0, label
        self.started = self.said_at = time.monotonic()
        log.info("%s: %d documents to do", label, total)

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.done - self.said >= self.total / 10 and now - self.said_at >= self.every:
            self.said, self.said_at = self.done, now
            log.info("%s: %d/%d (%d%%)", self.label, self.done, self.total,
                     100 * self.done // max(self.total, 1))  # fmt: skip

    def finish(self) -> None:
        log.info("%s: %d/%d done in %.1f s", self.label, self.done, self.total,
                 time.monotonic() - self.started)  # fmt: skip


def terminal_progress() -> Progress:
    """A tqdm bar when standard error is a terminal, else plain log lines."""
    return BarProgress() if sys.stderr.isatty() else LineProgress()
