"""Errors of the search layer; ``status`` is the HTTP status the API answers with."""

import time


class SearchError(Exception):
    status = 500


class BadQuery(SearchError):
    """The query (or a parameter) cannot be understood; the message says why."""

    status = 400


class NotFound(SearchError):
    status = 404


class IndexUnavailable(SearchError):
    """No index, or a damaged one; the message names `tracuu index --rebuild`."""

    status = 503


class SearchTimeout(SearchError):
    """A search that ran past the engine's time budget; the message says what to do."""

    status = 503


def check_time(started: float, budget: float) -> None:
    """Raise ``SearchTimeout`` once ``budget`` seconds have passed since ``started``
    (``time.perf_counter()``); checked between the stages of a search."""
    if time.perf_counter() - started > budget:
        raise SearchTimeout(
            f"the search took longer than {budget:g} s; "
            "narrow it with more words, a phrase or filters, and try again"
        )
