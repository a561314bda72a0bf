"""Errors of the search layer; ``status`` is the HTTP status the API answers with."""


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
