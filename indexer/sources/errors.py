"""The one error a reader raises, and how parser failures are put in words."""

from __future__ import annotations


class SourceError(Exception):
    """A file that cannot be read; the message is the plain reason shown to users."""


def out_of_memory(exc: BaseException) -> bool:
    """A parser's way of saying it ran out of memory (zlib, lxml say it in words)."""
    return isinstance(exc, MemoryError) or "alloc" in str(exc).lower()


def reason(exc: BaseException) -> str:
    """A short reason for a parser failure, without the file's path."""
    message = str(exc).split("\n")[0][:120]
    if type(exc).__name__ in ("BadZipFile", "PackageNotFoundError"):
        return "not a valid zip archive"
    return message or type(exc).__name__
