"""The write key: one check for the API's X-API-Key header and the web's key field."""

from __future__ import annotations

import hmac

from search.errors import SearchError


class KeyMissing(SearchError):
    status = 401


class KeyRefused(SearchError):
    status = 403


def check_write_key(expected: str | None, given: str | None) -> None:
    """Raise unless ``given`` equals the configured key (compared in constant time).

    No configured key refuses every write (403); no key given is 401; a wrong one 403.

    >>> check_write_key("k3y", "k3y")
    >>> check_write_key("k3y", "")
    Traceback (most recent call last):
    search.keys.KeyMissing: missing X-API-Key header
    """
    if not expected:
        raise KeyRefused("writes are disabled: TRACUU_API_KEY is not configured")
    if not given:
        raise KeyMissing("missing X-API-Key header")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise KeyRefused("wrong API key")
