"""Progress reporting for long work: a real bar for the CLI, a silent one for everything else.

Library code takes a ``Progress`` and never asks whether to print.
"""

from __future__ import annotations

from typing import Protocol


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
