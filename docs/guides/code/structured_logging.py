"""JSON logs with a correlation id that follows each request, kept in a contextvar."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

# A ContextVar, not a global or a thread-local: each thread and each asyncio task sees its own value.
# asyncio tasks copy it when created, but a new thread or a thread-pool task starts without it, so submit
# such work as pool.submit(contextvars.copy_context().run, fn, *args) to carry the id along.
correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)

HEADER = "X-Correlation-ID"
# Accept only short, plain ids from clients: anything else could forge log lines or bloat every record.
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


# --8<-- [start:scope]
@contextlib.contextmanager
def correlation_scope(value: str | None = None) -> Iterator[str]:
    """Set the id for the code inside the block and restore the previous one afterwards."""
    cid = value if value and _VALID_ID.fullmatch(value) else uuid.uuid4().hex
    token = correlation_id.set(cid)
    try:
        yield cid
    finally:
        correlation_id.reset(token)  # reset, so the id cannot leak into the next request on this thread


# --8<-- [end:scope]


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": correlation_id.get(),
        }
        # Structured fields go in `extra={"fields": {...}}` so they stay queryable instead of being
        # baked into the message text.
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(stream: IO[str] = sys.stdout, level: int = logging.INFO) -> None:
    """One JSON object per line on stdout: the container runtime ships it, the app never manages files."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class CorrelationIdMiddleware:
    """WSGI middleware: reuse the caller's id (or mint one), and echo it back in the response."""

    def __init__(self, app: WSGIApplication) -> None:
        self._app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        with correlation_scope(environ.get("HTTP_X_CORRELATION_ID")) as cid:

            def start_with_id(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                return start_response(status, [*headers, (HEADER, cid)], exc_info)

            return _ScopedBody(self._app(environ, start_with_id), cid)


class _ScopedBody:
    """The app's response body, streamed chunk by chunk rather than buffered, with each chunk produced
    inside the request's scope so log lines written while it streams keep the id."""

    def __init__(self, body: Iterable[bytes], cid: str) -> None:
        self._body, self._chunks, self._cid = body, iter(body), cid

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        with correlation_scope(self._cid):
            return next(self._chunks)

    def close(self) -> None:
        # WSGI: the server calls close() when the response ends, even early, and it must reach the app's
        # iterable, which may be holding a file or a database cursor open.
        close = getattr(self._body, "close", None)
        if close is not None:
            with correlation_scope(self._cid):
                close()


# Usage: pass the id on to every downstream call, e.g. headers={HEADER: correlation_id.get() or ""}.
log = logging.getLogger("orders")


def place_order(order_id: str, total_cents: int) -> None:
    log.info("order placed", extra={"fields": {"order_id": order_id, "total_cents": total_cents}})
