"""Helper processes that never outlive the process that started them.

A build's workers and an upload's indexing process hold the build lock (an ``flock``
they inherit) and write segment files; left running after their parent is killed (a
user's ``kill``, the OOM killer), they would hold the lock and fill the disk for nothing.
Linux kills a process whose parent dies when it asks (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; exit at once if the parent
    (pid ``parent``, when given) is already gone. Elsewhere than Linux: nothing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # it died before we asked
        os._exit(1)
