"""Token-bucket rate limiting: allow short bursts, hold the long-run rate, tell rejected clients when to retry."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class TokenBucket:
    """`capacity` tokens at most, refilled at `rate` tokens per second; each request spends one."""

    def __init__(self, rate: float, capacity: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("rate must be positive and capacity at least 1")
        self.rate = rate
        self.capacity = capacity
        self._clock = clock  # a monotonic clock: wall-clock jumps (NTP, DST) must not mint tokens
        self._tokens = capacity  # start full, so a fresh client gets its burst
        self._updated = clock()
        self._lock = threading.Lock()

    # --8<-- [start:bucket]
    def _refill(self) -> None:
        # Tokens are computed from elapsed time on demand; no background thread ticks them in.
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now

    def try_acquire(self, cost: float = 1.0) -> tuple[bool, float]:
        """(allowed, seconds until `cost` tokens are available), both from one look at the bucket."""
        with self._lock:
            self._refill()
            if self._tokens >= cost:
                self._tokens -= cost
                return True, 0.0
            # Same critical section as the refusal: a second look could answer 429 with "Retry-After: 0".
            return False, (cost - self._tokens) / self.rate

    # --8<-- [end:bucket]


class RateLimiter:
    """One bucket per client key (API key, user id, tenant), with a bound on how many keys are remembered."""

    def __init__(
        self,
        rate: float,
        burst: float,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rate, self._burst, self._max_keys, self._clock = rate, burst, max_keys, clock
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()
        self._lock = threading.Lock()

    def _bucket(self, key: str) -> TokenBucket:
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = TokenBucket(self._rate, self._burst, self._clock)
                # Forget the least recently seen client first, so a flood of new keys cannot exhaust memory.
                if len(self._buckets) > self._max_keys:
                    self._buckets.popitem(last=False)
            self._buckets.move_to_end(key)
            return bucket

    def check(self, key: str) -> tuple[bool, int]:
        """(allowed, retry_after_seconds). Answer 429 with a Retry-After header when not allowed."""
        allowed, wait = self._bucket(key).try_acquire()
        return allowed, math.ceil(wait)  # whole seconds, rounded up, for the Retry-After header


# Usage: 5 requests per second per API key on average, bursts of up to 20.
limiter = RateLimiter(rate=5.0, burst=20.0)


def handle(api_key: str) -> tuple[int, dict[str, str]]:
    allowed, retry_after = limiter.check(api_key)
    if not allowed:
        return 429, {"Retry-After": str(retry_after)}
    return 200, {}
