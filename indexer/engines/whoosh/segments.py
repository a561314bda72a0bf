"""Parallel indexing: each worker process prepares its share of the files and writes its
own Whoosh segment; the parent adds the finished segments to the index in one commit.

Tasks in, ``(results, segments)`` out. Both cores stay busy with both halves of the work
(underthesea and Whoosh's posting building), instead of one process writing everything
and committing alone at the end. Nothing is visible until the parent commits, so a crash
leaves the last committed index as it was (unreferenced segment files are harmless).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue as queues
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.engines.whoosh.codec import writer_options
from indexer.engines.whoosh.inverted import InvertingWriter
from indexer.engines.whoosh.schema import whoosh_fields
from indexer.pipeline import prepare
from indexer.processes import die_with_parent
from indexer.records import Skipped

# Documents per segment a worker writes. Whoosh writes a term's postings once per segment
# it is in, and the inverting writer (``inverted``) sorts a segment with numpy, so larger
# segments cost less per document (1,000 documents: 4.0 s in segments of 250, 3.1 s in one
# segment) and make fewer segments for a search to look a term up in; a worker holds one
# segment's tokens as term numbers (4 bytes each) until it is written.
SEGMENT_DOCS = 5_000
Result = tuple[str, int] | Skipped  # (document id, characters) of an indexed file, or why not


class WorkerFailed(Exception):
    """An indexing process stopped with an error; nothing of this build was committed."""


def split_tasks(tasks: list[tuple], parts: int) -> list[list[tuple]]:
    """Share tasks out by file size, largest first, so that workers finish together.

    >>> [len(s) for s in split_tasks([(Path("/nonexistent"), None, None)] * 5, 2)]
    [3, 2]
    """
    shares: list[list[tuple]] = [[] for _ in range(parts)]
    loads = [0] * parts

    def size(task: tuple) -> int:
        try:
            return task[0].stat().st_size
        except OSError:
            return 0

    for task in sorted(tasks, key=size, reverse=True):
        i = loads.index(min(loads))
        shares[i].append(task)
        loads[i] += max(size(task), 1)
    return [s for s in shares if s]


def _worker(folder: str, tasks: list[tuple], limitmb: int, out, parent: int) -> None:
    die_with_parent(parent)  # a killed build leaves no worker holding its lock
    # A segment's vocabulary and pooled postings are many small objects that live until it
    # is written: the cyclic garbage collector would walk them again and again, for
    # nothing. It runs once per segment instead, for what the segment's writer leaves,
    # and never over what the worker inherited from the parent (``freeze``): a collection
    # writes to every object it walks, which would copy the parent's pages (the task list
    # and whatever else it holds, more with a larger archive) into each worker.
    gc.disable()
    gc.freeze()
    try:
        ix = whoosh_index.open_dir(folder)
        writer, added = None, 0
        for task in tasks:
            item = prepare(task)
            if isinstance(item, Skipped):
                out.put(("item", item))
                continue
            if writer is None:
                writer = InvertingWriter(ix, _lk=False, limitmb=limitmb, **writer_options())
            writer.add_document(**whoosh_fields(item.fields))
            added += 1
            out.put(("item", (item.id, len(item.document.body))))
            if added == SEGMENT_DOCS:  # keep each segment's postings in memory: no spilled runs
                out.put(("segment", writer._finalize_segment()))
                writer, added = None, 0
                gc.collect()
        if writer is not None:
            out.put(("segment", writer._finalize_segment()))
        out.put(("done", None))
    except BaseException as exc:  # report any failure to the parent, which stops the build
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def write_segments(
    folder: Path, tasks: list[tuple], jobs: int, limitmb: int, on_result: Callable[[Result], None]
) -> list:
    """Index ``tasks`` in ``jobs`` processes; return their new (uncommitted) segments."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    workers = [
        context.Process(
            target=_worker, args=(str(folder), share, limitmb, out, os.getpid()), daemon=True
        )
        for share in split_tasks(tasks, jobs)
    ]
    for worker in workers:
        worker.start()
    segments, done = [], 0
    try:
        while done < len(workers):
            try:
                kind, value = out.get(timeout=1.0)
            except queues.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise WorkerFailed("an indexing process died; nothing was committed") from None
                continue
            if kind == "item":
                on_result(value)
            elif kind == "segment":
                segments.append(value)
            elif kind == "done":
                done += 1
            else:
                raise WorkerFailed(f"an indexing process failed: {value}")
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join()
        out.close()
        out.join_thread()
    return segments


def commit_with_segments(writer, segments: list) -> None:
    """Commit ``writer`` (its deletions, its own documents) together with ``segments``."""
    writer._check_state()
    final = writer._merge_segments(None, False, None)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final + segments)
    writer._finish()
