"""The inverting segment writer (``indexer.engines.whoosh.inverted``) writes the same
files, byte for byte, as Whoosh's own writer given the same documents, and a parallel
build made with it answers as a serial one does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from indexer.build import build_index
from indexer.engines.whoosh.codec import writer_options
from indexer.engines.whoosh.inverted import Inverter, InvertingWriter
from indexer.engines.whoosh.schema import whoosh_fields
from indexer.engines.whoosh.writer import _create_generation
from indexer.pipeline import prepare
from search.models import SearchRequest
from search.searcher import Engine
from tests.conftest import CORPUS, RELATIONS


def documents() -> list[dict]:
    """The real sample documents and the relations fixtures, as index fields, and a few
    made to reach Whoosh's block limit (128 postings) and its edge cases."""
    paths = [(p, CORPUS) for p in sorted(CORPUS.glob("*.txt"))]
    paths += [(p, RELATIONS) for p in sorted(RELATIONS.rglob("*.txt"))]
    out = [whoosh_fields(prepare((path, root, None)).fields) for path, root in paths]
    for i in range(300):  # "tại" in 300 documents: three blocks; a repeated word; empty text
        text = f"tại chỗ {i} " + "bốn " * (i % 7) + ("tại" if i % 2 else "")
        out.append({"id": f"x{i}", "body": text, "body_folded": "", "words": "tại_chỗ"})
    return out


def segment_files(writer_class, folder: Path) -> dict[str, bytes]:
    ix = _create_generation(folder)
    writer = writer_class(ix, _lk=False, limitmb=256, **writer_options())
    for fields in documents():
        writer.add_document(**fields)
    segment = writer._finalize_segment()
    name = segment.segment_id()
    generation = next(folder.glob("gen-*"))
    return {
        p.name.replace(name, ""): p.read_bytes() for p in generation.iterdir() if name in p.name
    }


def test_the_files_are_whooshs_byte_for_byte(tmp_path):
    ours = segment_files(InvertingWriter, tmp_path / "ours")
    whooshs = segment_files(SegmentWriter, tmp_path / "whoosh")
    assert set(ours) == set(whooshs) and any(n.endswith(".tpa") for n in ours)
    for name in ours:
        assert ours[name] == whooshs[name], name


def test_postings_are_in_term_document_and_position_order():
    inverter = Inverter(positional=True)
    inverter.add(0, "b a b")
    inverter.add(1, "")
    inverter.add(2, "a c a a")
    inv = inverter.invert()
    assert inv.terms == [b"a", b"b", b"c"]
    assert inv.post_starts.tolist() == [0, 2, 3, 4]
    assert inv.ids.tolist() == [0, 2, 0, 2] and inv.weights.tolist() == [1, 3, 2, 1]
    assert inv.positions.tolist() == [1, 0, 2, 3, 0, 2, 1]
    assert inv.pos_starts.tolist() == [0, 1, 4, 6, 7]
    assert Inverter(positional=False).invert() is None


def test_merges_are_left_to_whooshs_writer(tmp_path):
    writer = InvertingWriter(_create_generation(tmp_path), _lk=False, **writer_options())
    with pytest.raises(NotImplementedError):
        writer.add_reader(None)
    writer.cancel()


def test_a_parallel_build_answers_as_a_serial_one(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RELATIONS, corpus)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, corpus / path.name)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert build_index(corpus, serial, jobs=1).skipped == []
    assert build_index(corpus, parallel, jobs=2).skipped == []
    queries = ['"bốn tại chỗ"', "4 tai cho", "tỉnh ủy", "chi thi", "phòng chống dịch", "uỷ ban"]
    with Engine(serial) as one, Engine(parallel) as two:
        for q in queries:
            a = one.search(SearchRequest(q=q, per_page=50))
            b = two.search(SearchRequest(q=q, per_page=50))
            assert a.total == b.total > 0, q
            assert [(h.id, h.score) for h in a.results] == [(h.id, h.score) for h in b.results]
