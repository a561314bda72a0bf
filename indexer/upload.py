"""One uploaded file indexed off the request path: in a child process with limits, and
swapped in only once it has been read.

``index_upload`` takes the uploaded bytes already written under a hidden temporary name
(``staged``) beside where they belong (``target``). A child process, forked from a fork
server (a clean process, never a copy of a threaded server), reads and analyzes
``staged`` within the per-file ``Limits`` and a bounded address space. Only a file that
passes replaces ``target`` (the previous version linked aside first) and is indexed; if
that fails, the previous version is put back. So a refused upload leaves the file, its
original and its search results as they were; a replaced version goes to ``.deleted/``.
The caller serializes uploads (one at a time per server).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

from indexer.build import build_index
from indexer.engine import BuildError, EngineConfig
from indexer.limits import Limits, memory_limit
from indexer.locking import IndexBusy
from indexer.pipeline import prepare
from indexer.records import Skipped

GRACE = 60.0  # seconds, on top of the per-file limit: starting the child, committing
_PRELOAD = ["indexer.build", "indexer.pipeline", "underthesea", "docx", "pypdf", "bs4"]
_context = None
_SWAPPING = threading.Event()  # in the child: the file is being swapped in and indexed


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether the upload is now indexed; if not, the reason (for the uploader)."""

    indexed: bool
    reason: str = ""


def staged_name(target: Path, token: str) -> Path:
    """The hidden temporary name of an upload of ``target`` (same suffix: same reader).

    >>> staged_name(Path("/c/uploads/a.docx"), "1f").name
    '.upload-1f-a.docx'
    """
    return target.with_name(f".upload-{token}-{target.name}")


def index_upload(
    root: Path,
    index_dir: Path,
    staged: Path,
    target: Path,
    *,
    engine: EngineConfig,
    limits: Limits,
    memory_mb: int,
) -> Outcome:
    """Read ``staged`` in a child process; if it passes, make it ``target`` and index it.

    Raises ``IndexBusy`` (another build holds the index) or ``BuildError`` (the index
    cannot be written); in both cases ``target`` is as it was."""
    context = _fork_server()
    receive, send = context.Pipe(duplex=False)
    watched, alive = context.Pipe(duplex=False)  # ``alive`` closes when this process dies
    args = (send, watched, root, index_dir, staged, target, engine, limits, memory_mb)
    child = context.Process(target=_job, args=args, name="tracuu-upload", daemon=True)
    child.start()
    send.close()
    watched.close()
    try:
        kind, detail = _receive(receive, child, limits.max_seconds + GRACE)
        if kind == "stopped":
            return Outcome(False, _stopped_reason(child, limits, memory_mb))
        if kind == "checked":  # the build reads the file again, then commits
            kind, detail = _receive(receive, child, 2 * limits.max_seconds + GRACE)
            if kind == "stopped":
                _recover(staged, target)
                raise BuildError("the indexing process stopped; the previous version is kept")
        if kind == "busy":
            raise IndexBusy(detail)
        if kind == "error":
            raise BuildError(detail)
        return Outcome(kind == "indexed", detail)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
        alive.close()


def _fork_server():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(_PRELOAD)
    return _context


def _receive(connection, child, timeout: float) -> tuple[str, str]:
    """The child's next message, or ``("stopped", "")`` when it died or ran out of time
    (then it is killed)."""
    if connection.poll(timeout):
        try:
            return connection.recv()
        except (EOFError, OSError):
            pass
    child.kill()
    child.join()
    return "stopped", ""


def _stopped_reason(child, limits: Limits, memory_mb: int) -> str:
    if child.exitcode == -signal.SIGKILL:
        return f"took longer than {limits.max_seconds:g} s to read (TRACUU_MAX_SECONDS_PER_FILE)"
    return (
        f"reading it stopped the indexing process (exit {child.exitcode}); "
        f"it may need more than {memory_mb:,} MB (TRACUU_UPLOAD_MEMORY_MB)"
    )


def _job(send, watched, root, index_dir, staged, target, engine, limits, memory_mb) -> None:
    """In the child: check the file, then swap it in and index it."""
    try:
        threading.Thread(target=_exit_with_server, args=(watched,), daemon=True).start()
        before = memory_limit(memory_mb)
        checked = prepare((staged, root, None, limits))
        if isinstance(checked, Skipped):
            reason = checked.reason
            if "memory" in reason:
                reason += f" (TRACUU_UPLOAD_MEMORY_MB={memory_mb})"
            send.send(("refused", reason))
            return
        del checked
        if before:  # the file was read within it; indexing maps the index's own files
            resource.setrlimit(resource.RLIMIT_AS, before)
        send.send(("checked", ""))
        _SWAPPING.set()
        outcome = _swap_and_index(root, index_dir, staged, target, engine, limits)
        send.send(outcome)
    except MemoryError:
        send.send(("refused", f"needs more than {memory_mb:,} MB (TRACUU_UPLOAD_MEMORY_MB)"))
    except OSError:
        pass  # the server is gone: nobody to tell
    finally:
        send.close()


def _exit_with_server(watched) -> None:
    """End this process when the server dies (its end of ``watched`` closes). The fork
    server outlives the server while one of its children runs, so the parent-death
    signal (``indexer.processes``) would come only when the job is done."""
    try:
        watched.recv()
    except (EOFError, OSError):
        pass
    if not _SWAPPING.is_set():  # swapping: finish, so that a failure puts the file back
        os._exit(1)


def _swap_and_index(root, index_dir, staged, target, engine, limits) -> tuple[str, str]:
    aside = _aside(target)
    aside.unlink(missing_ok=True)
    had = target.exists()
    if had:
        os.link(target, aside)
    os.replace(staged, target)
    try:
        report = build_index(root, index_dir, files=[target], jobs=1, engine=engine, limits=limits)
    except IndexBusy as exc:
        outcome = ("busy", str(exc))
    except BuildError as exc:
        outcome = ("error", str(exc))
    except BaseException as exc:  # noqa: BLE001 (MemoryError, a disk error: put it back)
        outcome = ("error", f"indexing failed ({type(exc).__name__}: {exc})")
    else:
        if report.skipped:
            outcome = ("refused", report.skipped[0].reason)
        elif report.indexed + report.unchanged != 1:
            outcome = ("refused", "the file was not indexed")
        else:
            if had:
                kept = root / ".deleted" / target.relative_to(root)
                kept.parent.mkdir(parents=True, exist_ok=True)
                os.replace(aside, kept)
            return "indexed", ""
    _put_back(target, aside, had)
    return outcome


def _aside(target: Path) -> Path:
    return target.with_name(f".previous-{target.name}")


def _put_back(target: Path, aside: Path, had: bool) -> None:
    """``target`` as it was before the swap: its previous version, or no file."""
    if had:
        os.replace(aside, target)
    else:
        target.unlink(missing_ok=True)


def _recover(staged: Path, target: Path) -> None:
    """After the child died while swapping or indexing: ``target`` as it was."""
    aside = _aside(target)
    if staged.exists():  # not swapped yet
        aside.unlink(missing_ok=True)
    else:
        _put_back(target, aside, had=aside.exists())
