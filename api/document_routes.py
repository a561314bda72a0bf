"""Document endpoints: read one, its original file, and protected upload and delete."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse

from api.deps import KEY_RESPONSES, get_app_settings, get_engine, require_api_key
from api.exports import MEDIA, document_response
from api.schemas import DocumentOut, ErrorOut, FamilyOut, IndexedOut
from api.settings import Settings
from api.uploads import safe_filename, store_upload
from indexer.build import remove_documents
from search.searcher import Engine

router = APIRouter(
    prefix="/api/documents",
    tags=["documents"],
    responses={404: {"model": ErrorOut, "description": "No such document"}},
)


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


@router.get("/{doc_id:path}/family", response_model=FamilyOut)
def read_family(doc_id: str, engine: Annotated[Engine, Depends(get_engine)]) -> FamilyOut:
    """A document and everything that implements or guides it, down the chain."""
    document, members = engine.family(doc_id)
    return FamilyOut(document=document, members=members)


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
    """One document: metadata, full text, references and typed relations resolved, what
    points at it, its status and its outline; or, with format=docx|pdf, a file of its
    metadata header and text."""
    view = engine.document(doc_id)
    if format != "json":
        return document_response(
            format, view.record, view.record.get("body") or "", str(http.base_url)
        )
    record = {k: v for k, v in view.record.items() if k not in ("references", "relations")}
    return DocumentOut(
        **record,
        references=view.references,
        cited_by=view.cited_by,
        relations=view.relations,
        related_by=view.related_by,
        status=view.status,
        status_by=view.status_by,
        outline=view.outline,
    )


@router.post(
    "",
    response_model=IndexedOut,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    responses={
        **KEY_RESPONSES,
        409: {"model": ErrorOut, "description": "Another file already holds this document id"},
        413: {"model": ErrorOut, "description": "The file is over the size limit"},
        415: {"model": ErrorOut, "description": "Not a supported file type"},
        503: {"model": ErrorOut, "description": "Index busy or damaged, or uploads queued"},
        507: {"model": ErrorOut, "description": "No space left to store the file"},
    },
)
async def upload_document(
    file: Annotated[UploadFile, File(description="A .txt .md .docx .pdf or .html file")],
    settings: Annotated[Settings, Depends(get_app_settings)],
    http: Request,
) -> IndexedOut:
    """Store one file under the corpus and index it (in a separate process, within the
    per-file limits); searchable when this returns. A refused file changes nothing."""
    name = safe_filename(file.filename or "")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(413, f"file too large (at most {settings.max_upload_bytes} bytes)")
    source = await store_upload(http.app, settings, name, data)
    return IndexedOut(id=Path(source).with_suffix("").as_posix(), source=source)


@router.delete(
    "/{doc_id:path}",
    status_code=204,
    dependencies=[Depends(require_api_key)],
    responses=KEY_RESPONSES,
)
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
