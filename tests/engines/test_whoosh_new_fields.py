"""An index written before the relation fields existed gains them when next written, and
the documents re-indexed then carry their relations (the pipeline version changed)."""

from __future__ import annotations

import shutil

from indexer import pipeline
from indexer import schema as f
from indexer.build import build_index
from indexer.engines.whoosh import writer
from indexer.engines.whoosh.schema import build_schema
from search.models import SearchRequest
from search.searcher import Engine
from tests.conftest import RELATIONS


def test_an_index_without_the_relation_fields_gains_them(tmp_path, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(RELATIONS, corpus)

    def older_schema():
        schema = build_schema()
        schema.remove(f.RELATION_KEYS)
        schema.remove(f.STATUS_OVERRIDE)
        return schema

    with monkeypatch.context() as patch:  # the index as a build before the fields wrote it
        patch.setattr(writer, "build_schema", older_schema)
        patch.setattr(pipeline, "PIPELINE_VERSION", "1")
        patch.setattr(pipeline, "index_fields", _without(pipeline.index_fields))
        build_index(corpus, index, jobs=1)
    report = build_index(corpus, index, jobs=1)
    assert (report.added, report.updated) == (0, 11)  # every file again, new version
    with Engine(index) as engine:
        assert engine.document("ct_15_2020").status == "replaced"
        found = engine.search(SearchRequest(status=["replaced"], sort="newest"))
        assert [h.id for h in found.results] == ["ct_15_2020", "cv_99_2015"]


def _without(index_fields):
    def older(doc, digest):
        fields = index_fields(doc, digest)
        fields.pop(f.RELATION_KEYS, None)
        fields.pop(f.STATUS_OVERRIDE, None)
        return fields

    return older
