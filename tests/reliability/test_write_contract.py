"""Schemathesis over the write operations (uploads, deletes, saved searches, batch
lookup) with the key, on an archive of its own: no 5xx, every response as declared."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import allow_header_conformance, positive_data_acceptance

from api.app import create_app
from api.settings import Settings
from indexer.build import build_index
from search.saved import SavedSearches
from search.searcher import Engine
from tests.reliability.conftest import API_KEY, CORPUS, copy_corpus

# No back-off for refused keys (tested in test_request_limits): the key is a security scheme,
# so schemathesis also sends each write without it, and expects 401 every time.
APP = create_app(
    Settings(index_dir="/nonexistent", corpus_dir=CORPUS, api_key=API_KEY, key_failures=0)
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(method=["POST", "DELETE"])
EXCLUDED = [positive_data_acceptance, allow_header_conformance]  # as in test_api_contract
CASES: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def own_archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("write-contract")
    corpus, index_dir = copy_corpus(root / "corpus"), root / "index"
    build_index(corpus, index_dir, jobs=1)
    APP.state.settings = Settings(index_dir=index_dir, corpus_dir=corpus, api_key=API_KEY)
    APP.state.engine = Engine(index_dir)
    APP.state.saved = SavedSearches(index_dir / "saved.sqlite3")
    yield
    APP.state.engine.close()


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_write_endpoint_keeps_its_contract(case):
    CASES.append(case.operation.label)
    response = case.call_and_validate(headers={"X-API-Key": API_KEY}, excluded_checks=EXCLUDED)
    assert response.status_code < 500


def test_the_write_contract_ran_enough_cases():
    assert len(set(CASES)) >= 5 and len(CASES) >= 60, CASES[:5]
    print(f"schemathesis (writes): {len(CASES)} cases over {len(set(CASES))} operations")  # noqa: T201
