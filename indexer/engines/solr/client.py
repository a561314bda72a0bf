"""A small HTTP client for one SolrCloud collection (JSON in, JSON out).

Every failure becomes a ``SolrError``: ``SolrUnreachable`` when no answer came back (down,
refused, timed out), ``SolrError`` with Solr's own message when it answered an error.
"""

from __future__ import annotations

import json

import httpx

CONNECT_TIMEOUT = 5.0  # seconds to open a connection to a node
READ_TIMEOUT = 60.0  # seconds to wait for an answer (indexing batches, commits)

# What a document without a title (subject...) holds in that text field: Lucene's BM25
# counts only documents that have a field (idf's N, the average length), ours counts
# every document, as Whoosh does; with this token in it, every document has every text
# field. No query ever asks for it, and ``terms`` leaves it out.
EMPTY_TOKEN = "\u2400"  # ␀, SYMBOL FOR NULL


class SolrError(Exception):
    """Solr answered with an error; the message is Solr's own, with the request path."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class SolrUnreachable(SolrError):
    """No answer from Solr at all."""


class SolrTimeout(SolrUnreachable):
    """Connected, but no answer within the request's time limit."""


class SolrClient:
    """Requests to ``base_url`` (``http://host:8983/solr``) and one ``collection``."""

    def __init__(self, base_url: str, collection: str, timeout: float = READ_TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self.collection = collection
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
            trust_env=False,  # a dev cluster on 127.0.0.1 is never reached through a proxy
        )

    def select(self, params: dict, handler: str = "select", timeout: float | None = None) -> dict:
        """A query to the collection (``params`` as form fields, lists repeated)."""
        return self.request("POST", f"{self.collection}/{handler}", data=params, timeout=timeout)

    def update(self, body: list | dict, params: dict | None = None) -> dict:
        """A JSON update (documents, deletes, commit) to the collection."""
        return self.request(
            "POST",
            f"{self.collection}/update",
            params=params,
            content=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )

    def admin(self, path: str, params: dict, **kwargs) -> dict:
        """A cluster-level call (``admin/collections``, ``admin/configs``...)."""
        return self.request(kwargs.pop("method", "GET"), path, params=params, **kwargs)

    def request(self, method: str, path: str, timeout: float | None = None, **kwargs) -> dict:
        url = f"{self.base_url}/{path}"
        if timeout is not None:
            kwargs["timeout"] = httpx.Timeout(timeout, connect=CONNECT_TIMEOUT)
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.ReadTimeout as exc:
            raise SolrTimeout(f"no answer from {self.base_url} in time") from exc
        except httpx.TransportError as exc:
            raise SolrUnreachable(f"Solr at {self.base_url} cannot be reached: {exc}") from exc
        return _answer(response, path)

    def close(self) -> None:
        self._http.close()


def _answer(response: httpx.Response, path: str) -> dict:
    """The JSON of a Solr answer, or a ``SolrError`` carrying Solr's message."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.is_success and isinstance(body, dict):
        return body
    message = _message(body) or response.text[:300].strip() or response.reason_phrase
    raise SolrError(
        f"Solr answered {response.status_code} to {path}: {message}", response.status_code
    )


def _message(body) -> str | None:
    """Solr's error message out of its JSON error body.

    >>> _message({"error": {"msg": "undefined field foo", "code": 400}})
    'undefined field foo'
    >>> _message(None) is None
    True
    """
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return body["error"].get("msg") or body["error"].get("trace", "")[:300]
    return None
