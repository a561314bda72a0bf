"""Schemathesis over the app's own OpenAPI schema: no 5xx, every response as declared.

(schemathesis' lazy ``from_fixture`` loader does not work with pytest 9, so the app is
built at import time and its engine is pointed at the real index by a fixture.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import allow_header_conformance, positive_data_acceptance

from api.app import create_app
from api.settings import Settings
from search.saved import SavedSearches
from search.searcher import Engine
from tests.reliability.conftest import API_KEY, CORPUS

APP = create_app(Settings(index_dir="/nonexistent", corpus_dir=CORPUS, api_key=API_KEY))
# Writes are proved in test_writes.py; here everything any client may call.
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).exclude(method=["POST", "DELETE"])
# Left out, on purpose: positive_data_acceptance (the query language is richer than a schema:
# `*abc` or `OR OR` are schema-valid strings and rightly 400) and allow_header_conformance
# (Starlette's 405 lists the methods of the first route matching the path only).
EXCLUDED = [positive_data_acceptance, allow_header_conformance]
CASES: list[str] = []  # "METHOD path" of every case run, for the report


@pytest.fixture(scope="module", autouse=True)
def real_engine(ro_index, tmp_path_factory):
    APP.state.engine = Engine(ro_index)
    APP.state.saved = SavedSearches(tmp_path_factory.mktemp("contract") / "saved.sqlite3")
    yield
    APP.state.engine.close()


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_read_endpoint_keeps_its_contract(case):
    CASES.append(case.operation.label)
    response = case.call_and_validate(excluded_checks=EXCLUDED)
    assert response.status_code < 500


def test_the_contract_ran_enough_cases():
    """Runs after the parametrized tests of this module (pytest keeps file order)."""
    assert len(set(CASES)) >= 7 and len(CASES) >= 150, CASES[:5]
    print(f"schemathesis: {len(CASES)} cases over {len(set(CASES))} operations")  # noqa: T201
