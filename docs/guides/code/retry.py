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
                    # Full jitter: wait a random time in [0, cap]. Clients that failed together
                    # then retry at different moments instead of hitting the service in waves.
                    delay = uniform(0.0, policy.delay_cap(attempt))
                    log.warning("retrying %s in %.2fs (attempt %d): %r", fn.__qualname__, delay, attempt, exc)
                    sleep(delay)
            # --8<-- [end:loop]
            raise AssertionError("unreachable: the loop returns or raises")

        return wrapper

    return decorate


class TransientHTTPError(ConnectionError):
    """A response worth retrying: the server was overloaded or briefly unavailable."""


# Usage. Only retry calls that are safe to repeat: this GET is; a payment POST needs an idempotency key first.
@retry(RetryPolicy(max_attempts=4, base_delay=0.2, max_delay=2.0, retry_on=(TransientHTTPError, TimeoutError)))
def get_exchange_rate(currency: str) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(f"http://rates-service:8080/rates/{currency}", timeout=1.0) as response:
            return json.load(response)
    except urllib.error.HTTPError as err:
        if err.code in (429, 502, 503, 504):
            raise TransientHTTPError(f"rates-service answered {err.code}") from err
        raise  # other 4xx mean the request is wrong; retrying will not fix it
    except urllib.error.URLError as err:
        # Refused or timed out while connecting: the service may be restarting, so worth another try.
        raise TransientHTTPError(f"rates-service unreachable: {err.reason}") from err
