"""Uploads: which names may be stored, one name one document, and one upload at a time.

An uploaded ``x.txt`` is stored as ``uploads/x.txt`` and becomes document ``uploads/x``.
The name is made plain (no directories, NFC, letters, digits, ``._-``); a name the
indexer would not read (``README.*``, ``manifest.*``), or too long for the file system,
is refused with 400; a name whose document id another file already holds (``x.html``
when ``x.txt`` is there) with 409. The bytes are indexed by ``indexer.upload`` (in a
child process, within limits) before they replace anything.
"""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from pathlib import Path

import anyio
import anyio.to_thread
from fastapi import HTTPException

from api.settings import Settings
from indexer.records import document_id
from indexer.sources import SUPPORTED, indexable_name
from indexer.upload import GRACE, index_upload, staged_name

UPLOAD_DIR = "uploads"
MAX_NAME_BYTES = 150  # of the stored name, UTF-8 (file systems allow 255)


def safe_filename(name: str) -> str:
    """A plain file name from an uploaded one: no directories, no NUL, NFC, a supported
    suffix; 415 for another type, 400 for a name that cannot be stored as it is.

    >>> safe_filename("../../etc/passwd.txt"), safe_filename("C:\\\\x\\\\Công văn 1.docx")
    ('passwd.txt', 'Công_văn_1.docx')
    >>> safe_filename(unicodedata.normalize("NFD", "Tỉnh ủy.txt")) == "Tỉnh_ủy.txt"
    True
    """
    name = unicodedata.normalize("NFC", name.replace("\x00", ""))
    base = re.split(r"[\\\\/]", name)[-1].strip()
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")
    suffix = Path(base).suffix.lower()
    if not base or suffix not in SUPPORTED:
        raise HTTPException(415, f"file type not allowed; allowed: {', '.join(SUPPORTED)}")
    if len(base.encode()) > MAX_NAME_BYTES:
        raise HTTPException(
            400,
            f"file name too long ({len(base.encode())} bytes, at most {MAX_NAME_BYTES}): "
            "rename the file",
        )
    if not indexable_name(base):
        raise HTTPException(
            400, f"{base}: README.* and manifest.* files are not indexed; rename the file"
        )
    return base


def check_one_document(target: Path, root: Path) -> None:
    """409 when another file under the uploads folder has ``target``'s document id."""
    doc_id = document_id(target, root)
    if not target.parent.is_dir():
        return
    for other in target.parent.iterdir():
        if other.name != target.name and not other.name.startswith("."):
            if other.is_file() and document_id(other, root) == doc_id:
                raise HTTPException(
                    409,
                    f"document {doc_id} is already the file {other.name}: delete it "
                    f"first, or upload {target.name} under another name",
                )


async def store_upload(app, settings: Settings, name: str, data: bytes) -> str:
    """Index ``data`` as ``uploads/<name>`` and put it there; its source path. One upload
    at a time: the others wait their turn on the event loop (holding no thread, so that
    searches always have one), at most ``upload_wait`` seconds (then 503)."""
    turn = getattr(app.state, "upload_turn", None)
    if turn is None:
        turn = app.state.upload_turn = anyio.Lock()
    with anyio.move_on_after(settings.upload_wait) as waiting:
        await turn.acquire()
    if waiting.cancelled_caught:
        raise HTTPException(503, "other uploads are being indexed: try again in a moment",
                            headers={"Retry-After": "10"})  # fmt: skip
    try:
        return await anyio.to_thread.run_sync(_store_and_index, settings, name, data)
    finally:
        turn.release()


def _store_and_index(settings: Settings, name: str, data: bytes) -> str:
    """A refused file (400) changes nothing."""
    root = settings.corpus_dir.resolve()
    target = root / UPLOAD_DIR / name
    _remove_stale(target.parent, settings)
    check_one_document(target, root)
    staged = staged_name(target, secrets.token_hex(4))
    _store(staged, data)
    try:
        outcome = index_upload(
            root,
            settings.index_dir,
            staged,
            target,
            engine=settings.engine_config(),
            limits=settings.limits(),
            memory_mb=settings.upload_memory_mb,
        )
    finally:
        staged.unlink(missing_ok=True)
    if not outcome.indexed:
        raise HTTPException(400, f"cannot index {name}: {outcome.reason}")
    return target.relative_to(root).as_posix()


def _store(staged: Path, data: bytes) -> None:
    """Write the uploaded bytes; a full disk is a 507 that leaves no partial file."""
    try:
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise HTTPException(
            507, f"cannot store the file ({exc.strerror or exc}): free space on the server"
        ) from exc


def _remove_stale(folder: Path, settings: Settings) -> None:
    """Uploaded bytes left under their hidden name by a server killed while reading them:
    older than the longest an upload may take, so no upload of this server is using them."""
    longest = 3 * settings.max_seconds_per_file + 3 * GRACE
    for staged in folder.glob(".upload-*"):
        try:
            if time.time() - staged.stat().st_mtime > longest:
                staged.unlink()
        except OSError:
            pass  # gone already
