"""Relations, status and structure agree on every engine: the relations fixtures indexed
in Whoosh and in a 2-shard Solr collection give the same statuses, facets, relations,
families and sections, and stay right after an incremental delete."""

from __future__ import annotations

import shutil

import pytest

from indexer.build import build_index
from search.models import SearchRequest
from search.searcher import Engine
from tests.conftest import RELATIONS
from tests.contract.conftest import fresh_collection, solr_url

SELECTIONS = ([], ["active"], ["replaced", "amended"], ["repealed"])


def snapshot(engine: Engine) -> dict:
    """What a user sees of relations and status, engine-free."""
    out: dict = {}
    for chosen in SELECTIONS:
        found = engine.search(SearchRequest(q="dịch Covid-19", status=chosen))
        out[("search", *chosen)] = (
            sorted(h.id for h in found.results),
            [(v.value, v.count, v.selected) for v in found.facets["status"]],
        )
        browse = engine.search(SearchRequest(status=chosen, sort="newest"))
        out[("browse", *chosen)] = [(h.id, h.status) for h in browse.results]
        out[("timeline", *chosen)] = engine.timeline(SearchRequest(status=chosen))
    for doc_id in ("qd_07_2022", "ct_15_2020", "kh_120_2021", "qd_20_2019", "cv_99_2015"):
        view = engine.document(doc_id)
        by = view.status_by and view.status_by["id"]
        out[doc_id] = (view.status, by, view.relations, view.related_by, view.outline)
    out["family"] = engine.family("ct_05_tu")
    found = engine.search(SearchRequest(q="vũ trường hoạt động trở lại"))
    out["sections"] = [(h.id, h.section, h.mark) for h in found.results]
    return out


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(Whoosh index dir, Solr config, corpus) of the relations fixtures."""
    root = tmp_path_factory.mktemp("relations-contract")
    corpus = root / "corpus"
    shutil.copytree(RELATIONS, corpus)
    config = fresh_collection(solr_url(), "tracuu_relations", shards=2, replicas=1)
    build_index(corpus, root / "whoosh", jobs=1)
    build_index(corpus, root / "unused", jobs=1, engine=config)
    return root / "whoosh", config, corpus


def test_relations_and_status_are_the_same_on_every_engine(both):
    whoosh_dir, config, _ = both
    with Engine(whoosh_dir) as whoosh, Engine(whoosh_dir, config=config) as solr:
        expected = snapshot(whoosh)
        assert expected["ct_15_2020"][:2] == ("replaced", "qd_07_2022")
        assert snapshot(solr) == expected


def test_status_follows_a_delete_on_every_engine(both):
    whoosh_dir, config, corpus = both
    (corpus / "qd_07_2022.txt").unlink()
    build_index(corpus, whoosh_dir, jobs=1)
    build_index(corpus, whoosh_dir.parent / "unused", jobs=1, engine=config)
    with Engine(whoosh_dir) as whoosh, Engine(whoosh_dir, config=config) as solr:
        for engine in (whoosh, solr):
            assert engine.document("ct_15_2020").status == "active"
            facet = engine.search(SearchRequest()).facets["status"]
            assert [(v.value, v.count) for v in facet] == [
                ("active", 8), ("repealed", 1), ("replaced", 1)
            ]  # fmt: skip
