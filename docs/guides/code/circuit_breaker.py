"""A small circuit breaker: closed -> open after N failures in a row -> half-open after a cool-down."""

from __future__ import annotations

import enum
import json
import threading
import time
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class State(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitOpenError(RuntimeError):
    """Raised instead of calling the dependency while the breaker is open."""


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        ignore: tuple[type[Exception], ...] = (),
        clock: Callable[[], float] = time.monotonic,
        on_state_change: Callable[[str, State], None] | None = None,
    ) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_timeout = reset_timeout
        # Errors that say "your request was wrong" (a 404, a validation error) prove the dependency is up.
        self._ignore = ignore
        self._clock = clock  # injected so tests can move time without sleeping
        self._on_state_change = on_state_change
        self._lock = threading.Lock()
        self._state = State.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_running = False

    @property
    def state(self) -> State:
        with self._lock:
            return self._current_state()

    def call(self, fn: Callable[[], T]) -> T:
        with self._lock:
            state = self._current_state()
            # While half-open, let exactly one trial call through; everyone else still fails fast.
            if state is State.OPEN or (state is State.HALF_OPEN and self._trial_running):
                raise CircuitOpenError(f"circuit {self.name!r} is open")
            self._trial_running = state is State.HALF_OPEN
        try:
            result = fn()
        except self._ignore:
            self._record(success=True)
            raise
        except Exception:
            self._record(success=False)
            raise
        self._record(success=True)
        return result

    def _current_state(self) -> State:
        # Open turns into half-open lazily, on the first look after the cool-down: no timer thread needed.
        if self._state is State.OPEN and self._clock() - self._opened_at >= self._reset_timeout:
            self._set(State.HALF_OPEN)
        return self._state

    # --8<-- [start:transitions]
    def _record(self, success: bool) -> None:
        with self._lock:
            self._trial_running = False
            if success:
                self._failures = 0
                self._set(State.CLOSED)
                return
            self._failures += 1
            # A failed trial re-opens at once; in the closed state we wait for the threshold.
            if self._state is State.HALF_OPEN or self._failures >= self._threshold:
                self._opened_at = self._clock()
                self._set(State.OPEN)

    # --8<-- [end:transitions]

    def _set(self, state: State) -> None:
        if state is not self._state:
            self._state = state
            if self._on_state_change:  # export this as a metric: an open breaker deserves an alert
                self._on_state_change(self.name, state)


# Usage: one breaker per dependency, shared by every request that calls it.
users_breaker = CircuitBreaker("user-service", failure_threshold=5, reset_timeout=30.0)


def get_user(user_id: int) -> dict[str, Any]:
    def fetch() -> dict[str, Any]:
        # The timeout matters as much as the breaker: a hung call never counts as a failure without one.
        with urllib.request.urlopen(f"http://user-service:8080/users/{user_id}", timeout=2.0) as response:
            return json.load(response)

    try:
        return users_breaker.call(fetch)
    except (CircuitOpenError, OSError):
        # Degrade instead of failing the whole page: a placeholder the caller can render.
        return {"id": user_id, "name": None, "degraded": True}
