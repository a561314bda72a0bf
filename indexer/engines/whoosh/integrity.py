"""What a commit wrote, and whether it is all still there.

At each commit the writer stores, beside it, ``checksums-<generation>.json``: the number
of documents and every file of the commit (Whoosh's table of contents, the segments'
files, the commit files) with its size and SHA-1. ``check`` compares: sizes only (cheap:
``/healthz`` and the start of a build), or every byte, opening the index and reading
every stored record (``tracuu check``). Segment files are written once, so a commit
hashes only the files it added.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import _DEF_INDEX_NAME, TOC

from indexer.engines.whoosh.arrays import COMMIT_FILES, FORMAT_FILE, commit_file
from indexer.engines.whoosh.schema import current_index_path

PATTERN = "checksums-*.json"
FIX = "run `tracuu index --rebuild`"


def checksums_path(folder: Path, generation: int) -> Path:
    return folder / f"checksums-{generation}.json"


def write_checksums(ix) -> None:
    """Store the sizes and checksums of every file of ``ix``'s latest commit (those of
    earlier commits go)."""
    folder, toc = Path(ix.storage.folder), ix._read_toc()
    known = {}
    for old in folder.glob(PATTERN):
        known.update(_read(old).get("files", {}))
    files = {}
    for path in _commit_files(folder, ix.indexname, toc):
        size = path.stat().st_size
        old = known.get(path.name)
        files[path.name] = old if old and old[0] == size else [size, _sha1(path)]
    target = checksums_path(folder, toc.generation)
    documents = sum(segment.doc_count() for segment in toc.segments)
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(json.dumps({"documents": documents, "files": files}, sort_keys=True))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for old in folder.glob(PATTERN):
        if old != target:
            old.unlink(missing_ok=True)


def check(index_dir: Path, full: bool = False) -> list[str]:
    """What is wrong with the live commit of the index in ``index_dir`` (empty: nothing
    found). ``full`` reads every byte and every stored record; otherwise sizes only."""
    folder = current_index_path(index_dir)
    if folder is None:
        return []  # no index yet: not damage (searches say to run `tracuu index`)
    try:
        generation = TOC._latest_generation(FileStorage(str(folder)), _DEF_INDEX_NAME)
    except Exception as exc:  # noqa: BLE001 (a garbled folder)
        return [f"{folder.name}: cannot list the commits ({exc}); {FIX}"]
    stored = _read(checksums_path(folder, generation))
    if not stored:
        return []  # written by an older tracuu: nothing to compare with
    problems = []
    for name, (size, digest) in sorted(stored["files"].items()):
        path = folder / name
        try:
            actual = path.stat().st_size
        except OSError:
            problems.append(f"{folder.name}/{name} is missing")
            continue
        if actual != size:
            problems.append(f"{folder.name}/{name} has {actual:,} bytes, {size:,} were written")
        elif full and _sha1(path) != digest:
            problems.append(f"{folder.name}/{name} has changed since it was written")
    if full and not problems:
        problems += _read_everything(folder, stored["documents"])
    return [f"{p}; {FIX}" for p in problems]


def _read_everything(folder: Path, documents: int) -> list[str]:
    try:
        ix = whoosh_index.open_dir(str(folder))
        try:
            with ix.reader() as reader:
                count = sum(1 for _ in reader.all_stored_fields())
                if reader.doc_count() != documents or count != documents:
                    return [f"{documents:,} documents were committed, {count:,} can be read"]
        finally:
            ix.close()
    except Exception as exc:  # noqa: BLE001 (any damage shows as some exception)
        return [f"reading {folder.name} fails ({type(exc).__name__}: {exc})"]
    return []


def _commit_files(folder: Path, indexname: str, toc) -> list[Path]:
    segments = {segment.segment_id() for segment in toc.segments}
    paths = [p for p in folder.iterdir() if p.name.split(".")[0] in segments]
    paths.append(folder / TOC._filename(indexname, toc.generation))
    paths += [commit_file(folder, kind, toc.generation) for kind in COMMIT_FILES]
    paths.append(folder / FORMAT_FILE)
    return sorted(p for p in paths if p.is_file())


def _sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with open(path, "rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
