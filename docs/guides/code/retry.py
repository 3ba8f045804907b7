"""Retry with capped exponential backoff and full jitter, for transient failures of safe operations."""

from __future__ import annotations

import functools
import json
import logging
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3  # attempts in total, the first call included
    base_delay: float = 0.1  # seconds
    max_delay: float = 5.0  # cap, so a long outage does not turn into minute-long waits
    retry_on: tuple[type[Exception], ...] = (ConnectionError, TimeoutError)
    max_retry_after: float = 10.0  # a server asking for a longer wait than this gets no retry at all

    def delay_cap(self, retry_number: int) -> float:
        """Upper bound of the wait before retry number 1, 2, ...: base * 2^(n-1), capped."""
        return min(self.max_delay, self.base_delay * 2 ** (retry_number - 1))


def retry(
    policy: RetryPolicy = RetryPolicy(),
    sleep: Callable[[float], None] = time.sleep,
    uniform: Callable[[float, float], float] = random.uniform,
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorator. `sleep` and `uniform` are injected so tests run instantly and deterministically."""

    def decorate(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            # --8<-- [start:loop]
            for attempt in range(1, policy.max_attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except policy.retry_on as exc:
                    if attempt == policy.max_attempts:
                        raise  # out of attempts: the caller sees the real error, not a wrapper
                    # Full jitter: a random wait in [0, cap], so clients that failed together do not return in waves.
                    delay = uniform(0.0, policy.delay_cap(attempt))
                    asked = getattr(exc, "retry_after", None)  # a 429 or 503 may say when to come back
                    if asked is not None and asked > policy.max_retry_after:
                        raise  # longer than the caller can afford to be held: give up now
                    delay = max(delay, asked or 0.0)
                    log.warning("retrying %s in %.2fs (attempt %d): %r", fn.__qualname__, delay, attempt, exc)
                    sleep(delay)
            # --8<-- [end:loop]
            raise AssertionError("unreachable: the loop returns or raises")

        return wrapper

    return decorate


class TransientHTTPError(ConnectionError):
    """A response worth retrying: the server was overloaded or briefly unavailable."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds the server asked us to wait, if it said


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Retry-After holds either seconds ("120") or an HTTP date; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now())
    except (TypeError, ValueError):
        return None


# Usage. Only retry calls that are safe to repeat: this GET is; a payment POST needs an idempotency key first.
@retry(RetryPolicy(max_attempts=4, base_delay=0.2, max_delay=2.0, retry_on=(TransientHTTPError, TimeoutError)))
def get_exchange_rate(currency: str) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(f"http://rates-service:8080/rates/{currency}", timeout=1.0) as response:
            return json.load(response)
    except urllib.error.HTTPError as err:
        if err.code in (429, 502, 503, 504):
            wait = parse_retry_after(err.headers.get("Retry-After"))
            raise TransientHTTPError(f"rates-service answered {err.code}", retry_after=wait) from err
        raise  # other 4xx mean the request is wrong; retrying will not fix it
    except urllib.error.URLError as err:
        # Refused or timed out while connecting: the service may be restarting, so worth another try.
        raise TransientHTTPError(f"rates-service unreachable: {err.reason}") from err
