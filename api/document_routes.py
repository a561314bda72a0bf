"""Document endpoints: read one, its original file, and protected upload and delete."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse

from api.deps import get_app_settings, get_engine, require_api_key
from api.exports import MEDIA, document_response
from api.schemas import DocumentOut, ErrorOut, IndexedOut
from api.settings import Settings
from indexer.build import build_index, remove_documents
from indexer.sources import SUPPORTED
from search.searcher import Engine

router = APIRouter(
    prefix="/api/documents",
    tags=["documents"],
    responses={404: {"model": ErrorOut, "description": "No such document"}},
)
UPLOAD_DIR = "uploads"


@router.get("/{doc_id:path}/original", response_class=FileResponse)
def download_original(
    doc_id: str,
    engine: Annotated[Engine, Depends(get_engine)],
    settings: Annotated[Settings, Depends(get_app_settings)],
) -> FileResponse:
    """The original archive file of a document."""
    path = _original(engine, settings, doc_id)
    if path is None:
        raise HTTPException(404, "the original file is no longer in the archive")
    return FileResponse(path, filename=path.name)


def _original(engine: Engine, settings: Settings, doc_id: str) -> Path | None:
    """The file of a document under the corpus directory, or None when it is gone."""
    root = settings.corpus_dir.resolve()
    path = (root / engine.record(doc_id)["source"]).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


@router.get(
    "/{doc_id:path}",
    response_model=DocumentOut,
    responses={200: {"content": {"application/json": {}, **{t: {} for t in MEDIA.values()}}}},
)
def read_document(
    doc_id: str,
    engine: Annotated[Engine, Depends(get_engine)],
    http: Request,
    q: Annotated[str, Query(max_length=2000)] = "",
    format: Annotated[str, Query(pattern="^(json|docx|pdf)$")] = "json",
) -> DocumentOut:
    """One document: metadata, full text, references resolved, and what cites it; or, with
    format=docx|pdf, a file of its metadata header and text."""
    view = engine.document(doc_id)
    if format != "json":
        return document_response(
            format, view.record, view.record.get("body") or "", str(http.base_url)
        )
    record = {k: v for k, v in view.record.items() if k != "references"}
    return DocumentOut(**record, references=view.references, cited_by=view.cited_by)


@router.post(
    "", response_model=IndexedOut, status_code=201, dependencies=[Depends(require_api_key)]
)
async def upload_document(
    file: Annotated[UploadFile, File(description="A .txt .md .docx .pdf or .html file")],
    settings: Annotated[Settings, Depends(get_app_settings)],
) -> IndexedOut:
    """Store one file under the corpus and index it; searchable when this returns."""
    name = safe_filename(file.filename or "")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(413, f"file too large (at most {settings.max_upload_bytes} bytes)")
    root = settings.corpus_dir.resolve()
    target = root / UPLOAD_DIR / name
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{name}.part")
    tmp.write_bytes(data)
    tmp.replace(target)
    report = build_index(
        root, settings.index_dir, files=[target], jobs=1, engine=settings.engine_config()
    )
    if report.skipped:
        target.unlink(missing_ok=True)
        raise HTTPException(400, f"cannot index {name}: {report.skipped[0].reason}")
    source = target.relative_to(root).as_posix()
    return IndexedOut(id=str(Path(source).with_suffix("").as_posix()), source=source)


@router.delete("/{doc_id:path}", status_code=204, dependencies=[Depends(require_api_key)])
def delete_document(
    doc_id: str,
    engine: Annotated[Engine, Depends(get_engine)],
    settings: Annotated[Settings, Depends(get_app_settings)],
) -> None:
    """Remove a document from the index and move its file out of the archive."""
    path = _original(engine, settings, doc_id)
    if path is not None:
        root = settings.corpus_dir.resolve()
        trash = root / ".deleted" / path.relative_to(root)
        trash.parent.mkdir(parents=True, exist_ok=True)
        path.replace(trash)
    remove_documents(settings.index_dir, [doc_id], engine=settings.engine_config())


def safe_filename(name: str) -> str:
    """A plain file name from an uploaded one: no directories, no NUL, a supported suffix.

    >>> safe_filename("../../etc/passwd.txt"), safe_filename("C:\\\\x\\\\Công văn 1.docx")
    ('passwd.txt', 'Công_văn_1.docx')
    """
    base = re.split(r"[\\\\/]", name.replace("\x00", ""))[-1].strip()
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")
    suffix = Path(base).suffix.lower()
    if not base or suffix not in SUPPORTED:
        raise HTTPException(415, f"file type not allowed; allowed: {', '.join(SUPPORTED)}")
    return base[:150]
