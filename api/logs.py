"""The service's log: one handler on standard error, human-readable or JSON lines, every
line with the id of the request it belongs to; and the access log that gives that id.

``RequestLog`` (ASGI middleware, outermost) takes the client's ``X-Request-ID`` when it is
sane (letters, digits, ``._:-``, at most 64) or makes one, answers it in the same header,
and writes one access line per request (``tracuu.access``): method, path, status, time.
A request slower than ``slow_ms`` is a warning.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
HUMAN = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
FIELDS = ("client", "method", "path", "status", "duration_ms")  # of access lines, in JSON
access_log = logging.getLogger("tracuu.access")


class RequestIdFilter(logging.Filter):
    """Gives every record the current request's id (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id, and the access
    fields when the record has them.

    >>> record = logging.LogRecord("tracuu", logging.INFO, "", 0, "hello %s", ("Hà Nội",), None)
    >>> record.request_id = "abc"
    >>> line = json.loads(JsonFormatter().format(record))
    >>> [line[k] for k in ("level", "logger", "message", "request_id")]
    ['INFO', 'tracuu', 'hello Hà Nội', 'abc']
    """

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        line.update({k: getattr(record, k) for k in FIELDS if hasattr(record, k)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):
    """Writes to ``sys.stderr`` as it is when a line is written (a test runner swaps it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def configure_logging(level: str = "info", fmt: str = "human") -> None:
    """Route every logger (ours, uvicorn's) to one handler on standard error."""
    handler = StderrHandler()
    handler.tracuu = True  # replaced by the next call, other handlers (pytest's) kept
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(HUMAN))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "tracuu", False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):  # through the root handler, in our format
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True


def request_id(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's ``X-Request-ID`` if sane, else a new one (32 hex digits).

    >>> request_id([(b"x-request-id", b"proxy-7f3a")])
    'proxy-7f3a'
    >>> len(request_id([(b"x-request-id", b"<script>")]))
    32
    """
    for name, value in headers:
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if SANE_ID.fullmatch(text):
                return text
    return uuid.uuid4().hex


class RequestLog:
    """The middleware: request id in, request id out, one access line."""

    def __init__(self, app: ASGIApp, slow_ms: float = 1000.0) -> None:
        self.app, self.slow_ms = app, slow_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope["headers"])
        token = REQUEST_ID.set(rid)
        started, status = time.perf_counter(), 500

        async def identified(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", rid.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, identified)
        finally:
            self._log(scope, status, (time.perf_counter() - started) * 1000)
            REQUEST_ID.reset(token)

    def _log(self, scope: Scope, status: int, ms: float) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        path = scope["path"] + ("?" + query if query else "")
        client = (scope.get("client") or ("-",))[0]
        fields = {"client": client, "method": scope["method"], "path": path, "status": status,
                  "duration_ms": round(ms, 1), "request_id": REQUEST_ID.get()}  # fmt: skip
        text = f'{client} "{scope["method"]} {path}" {status} {ms:.1f} ms'
        access_log.info(text, extra=fields)
        if ms > self.slow_ms:
            logging.getLogger("tracuu.slow").warning(
                "slow request: %s took %.0f ms (over %.0f)", path, ms, self.slow_ms, extra=fields
            )
