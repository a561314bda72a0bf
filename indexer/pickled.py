"""Data derived from an index and stored beside it as a pickle: written atomically (a reader
never sees half a file), read back as None when missing or damaged (the caller derives it
again)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

DAMAGED = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError)


def write(path: Path, value: object) -> None:
    """Store ``value`` in ``path`` atomically (a failure, a full disk, leaves no file)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as out:
            pickle.dump(value, out, protocol=5)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read(path: Path) -> object | None:
    """What ``write`` stored in ``path``; None when there is none or it is damaged."""
    try:
        with open(path, "rb") as file:
            return pickle.load(file)
    except DAMAGED:
        return None
