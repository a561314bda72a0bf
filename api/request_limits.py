"""Limits every request meets before a route runs: body size, query parameters, and a
back-off for clients that keep sending wrong write keys.

One ASGI middleware, outside the routes (so before the body is read and before the key
is compared):
- a body over its limit answers 413: at once when ``Content-Length`` says so, else as
  soon as the bytes received pass it (chunked bodies are counted);
- more than ``max_query_params`` query parameters, or more than ``max_param_values``
  values of one (``year=`` 1,500 times), answer 400;
- a client whose writes were refused (401/403) ``key_failures`` times within
  ``key_failure_window`` seconds gets 429 for its writes until the window has passed.
"""

from __future__ import annotations

import json
import time
from collections import Counter, deque
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from api.settings import Settings

UPLOAD_PATH = "/api/documents"
MULTIPART_SLACK = 64 * 1024  # form boundaries and headers around an uploaded file
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_CLIENTS = 10_000  # clients whose refused keys are remembered


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a body passes its limit (the routes re-raise it)."""


class RequestLimits:
    """The middleware; ``settings`` gives the limits (``api.settings.Settings``)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings
        self.refused: dict[str, deque[float]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?",))[0]
        writing = scope["method"] in WRITES
        refusal = self._backed_off(client) if writing else None
        refusal = refusal or self._query_refusal(scope) or self._length_refusal(scope)
        if refusal:
            await _answer(send, *refusal)
            return
        limit, received, status = self._body_limit(scope), 0, 0

        async def counted() -> dict:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(413, _too_large(limit))
            return message

        async def watched(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as exc:
            if status:
                raise
            await _answer(send, 413, exc.detail)
        if writing and status in (401, 403):
            self._remember_refusal(client)

    def _body_limit(self, scope: Scope) -> int:
        if scope["path"].rstrip("/") == UPLOAD_PATH and scope["method"] == "POST":
            return self.settings.max_upload_bytes + MULTIPART_SLACK
        return self.settings.max_body_bytes

    def _length_refusal(self, scope: Scope) -> tuple | None:
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return 400, "Content-Length is not a number"
                limit = self._body_limit(scope)
                return (413, _too_large(limit)) if length > limit else None
        return None

    def _query_refusal(self, scope: Scope) -> tuple | None:
        query = scope.get("query_string", b"").decode("latin-1")
        if not query:
            return None
        names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
        if not names:
            return None
        name, count = Counter(names).most_common(1)[0]
        if count > self.settings.max_param_values:
            return 400, f"{name}: {count:,} values, at most {self.settings.max_param_values}"
        most = self.settings.max_query_params
        if len(names) > most:
            return 400, f"too many query parameters ({len(names):,}, at most {most})"
        return None

    def _backed_off(self, client: str) -> tuple | None:
        if self.settings.key_failures <= 0:
            return None
        times = self.refused.get(client)
        window = self.settings.key_failure_window
        while times and times[0] < time.monotonic() - window:
            times.popleft()
        if times is None or len(times) < self.settings.key_failures:
            return None
        wait = max(1, round(times[0] + window - time.monotonic()))
        detail = f"too many refused keys from this client; try again in {wait} s"
        return 429, detail, {"Retry-After": str(wait)}

    def _remember_refusal(self, client: str) -> None:
        if self.settings.key_failures <= 0:
            return
        if client not in self.refused and len(self.refused) >= MAX_CLIENTS:
            self.refused.pop(next(iter(self.refused)))  # the longest known
        self.refused.setdefault(client, deque(maxlen=self.settings.key_failures)).append(
            time.monotonic()
        )


def _too_large(limit: int) -> str:
    return f"request body too large (at most {limit:,} bytes)"


async def _answer(send: Send, status: int, detail: str, headers: dict | None = None) -> None:
    """A JSON ``{"detail"}`` answer, sent without reading the request body."""
    body = json.dumps({"detail": detail}).encode()
    fields = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    fields += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": fields})
    await send({"type": "http.response.body", "body": body})
